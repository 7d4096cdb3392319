#pragma once

#include "client/apitypes.h"
#include "client/waddleeditor.h"
#include "client/waddlesmodel.h"
#include "domain/placement/locationgroup.h"
#include "domain/waddle.h"

#include <QString>
#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace waddle::client {
class RecommendationModel;
} // namespace waddle::client

namespace waddle::ui {

class ConflictBox;
class MessageBar;
class RegionChoiceList;
struct Services;

// The Waddles screen (SPEC §5, §6; seed 000 VoiceRegionSettings, issue 5):
// on the left the waddles, paged in lazily and searchable by name; on the
// right the voice region setting of the selected one — "Automatic" or a
// region, each with its city, status and measured latency; Test All Regions
// and Save Region with their busy states; the outcome told in words; a
// conflicting edit shown with both versions (nothing is overwritten
// silently); and why the recommended region wins, term by term. It lays out
// and binds: the flow (loading, the draft, saving, the 409, live changes)
// is the WaddleEditor's. The main window shows the open waddle's members on
// the map from membersLoaded().
class WaddlesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaddlesPanel)

public:
    // `editor` outlives the panel.
    WaddlesPanel(Services &services, client::WaddleEditor &editor, QWidget *parent = nullptr);
    ~WaddlesPanel() override;

    // Shows this waddle's settings and selects its row when it is loaded
    // (the map, a notification).
    void openWaddle(const QString &id);

    [[nodiscard]] QString currentWaddleId() const;
    // The waddles selected in the list (several with Shift/Ctrl).
    [[nodiscard]] QStringList selectedWaddleIds() const;
    // The open waddle as the server last told it; nullopt until it loaded.
    [[nodiscard]] std::optional<domain::Waddle> currentWaddle() const;
    // "auto" or a region code: what the radio list shows now.
    [[nodiscard]] QString choice() const;
    [[nodiscard]] bool hasUnsavedChoice() const;
    [[nodiscard]] bool isSaving() const;
    [[nodiscard]] bool isTesting() const;

    [[nodiscard]] client::WaddlesModel *waddlesModel() const;
    [[nodiscard]] client::RecommendationModel *recommendationModel() const;

public Q_SLOTS:
    // Measures every region with the shared prober into the shared latency
    // model (the latency screen shows the same test).
    void testAllRegions();
    // Saves the choice with the ETag it was based on (SPEC §6).
    void saveRegion();

Q_SIGNALS:
    void waddleSelected(const QString &id);
    // Mi&grate… for the selected waddles (issue 13): the migration wizard.
    void migrateRequested(const QStringList &ids);
    // Every member of the open waddle, grouped by place, and the region they
    // are served from; again whenever that region changes.
    void membersLoaded(const QString &waddleId, const QList<waddle::domain::LocationGroup> &groups,
                       const QString &currentRegion);

private:
    QWidget *buildList();
    QWidget *buildPage();
    void bindEditor();
    void onCurrentRowChanged(const QModelIndex &current);
    void onSearchChanged(const QString &text);
    void fetchAllPages();
    void refreshListStatus();
    void selectRowOf(const QString &id);

    void onOpened(const QString &id);
    void showRecommendation(const client::RecommendationAnswer &answer);
    void onSaved(const domain::Waddle &saved);
    void refreshConflict();
    void onChoiceChanged(const QString &choice);
    void onServerChanged(const domain::Waddle &waddle, const QString &reason,
                         client::WaddleEditor::ServerChange change);
    void refreshPage();
    void updateButtons();
    // "Why this region" for the choice shown: the winner, and when another
    // region is pinned, how it compares and who gets slower (issue 10).
    void refreshWhy();
    // Columns that fit the width there is (issue 10: no sideways scrolling at
    // 1024×700): the score table drops the terms its Score tooltip spells
    // out, then elides; the list gives the name the room left.
    void fitScoreColumns();
    void fitListColumns();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    [[nodiscard]] QString regionName(const QString &code) const;
    [[nodiscard]] QString choiceName(const QString &choice) const;
    [[nodiscard]] QString currentRegionText(const domain::Waddle &waddle) const;
    // The server's words with every region code replaced by its name.
    [[nodiscard]] QString withNames(QString text) const;

    Services &m_services;
    client::WaddleEditor &m_editor;
    client::WaddlesModel *m_waddles = nullptr;               // the editor's
    client::RecommendationModel *m_recommendation = nullptr; // the editor's
    QSortFilterProxyModel *m_proxy = nullptr;

    // The list.
    QLineEdit *m_search = nullptr;
    QTableView *m_list = nullptr;
    QStackedWidget *m_listStack = nullptr;
    QLabel *m_noMatch = nullptr; // a search that matches nothing says so
    QLabel *m_listStatus = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_migrate = nullptr;

    // The settings page.
    QStackedWidget *m_stack = nullptr;
    QWidget *m_placeholder = nullptr;
    QWidget *m_loadingPage = nullptr;
    QLabel *m_loadingText = nullptr;
    QPushButton *m_reloadPage = nullptr;
    QScrollArea *m_pageScroll = nullptr;
    QWidget *m_page = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_temporary = nullptr;
    QLabel *m_membersText = nullptr;
    RegionChoiceList *m_choices = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_save = nullptr;
    MessageBar *m_message = nullptr;
    MessageBar *m_note = nullptr;
    ConflictBox *m_conflictBox = nullptr;
    QLabel *m_recommendationText = nullptr;
    MessageBar *m_slower = nullptr; // a pinned region much worse than the winner
    std::optional<client::RecommendationAnswer> m_answer;
    QLabel *m_recommendationFormula = nullptr;
    QTableView *m_recommendationView = nullptr;

    bool m_fetchingAll = false; // a search pages in the whole list
};

} // namespace waddle::ui
