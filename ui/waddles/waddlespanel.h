#pragma once

#include "client/apierror.h"
#include "client/apitypes.h"
#include "client/waddlesmodel.h"
#include "domain/placement/locationgroup.h"
#include "domain/waddle.h"

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QList>
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
// silently); and why the recommended region wins, term by term. Follows the
// live event stream. The main window shows the open waddle's members on the
// map from membersLoaded().
class WaddlesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaddlesPanel)

public:
    explicit WaddlesPanel(Services &services, QWidget *parent = nullptr);
    ~WaddlesPanel() override;

    // Shows this waddle's settings and selects its row when it is loaded
    // (the map, a notification). An unsaved choice of the waddle left is
    // kept and offered again when it is reopened.
    void openWaddle(const QString &id);

    [[nodiscard]] QString currentWaddleId() const;
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
    // Every member of the open waddle, grouped by place, and the region they
    // are served from; again whenever that region changes.
    void membersLoaded(const QString &waddleId, const QList<waddle::domain::LocationGroup> &groups,
                       const QString &currentRegion);

private:
    QWidget *buildList();
    QWidget *buildPage();
    void onCurrentRowChanged(const QModelIndex &current);
    void onSearchChanged(const QString &text);
    void fetchAllPages();
    void refreshListStatus();
    void selectRowOf(const QString &id);

    QCoro::Task<> loadWaddle(QString id, quint64 ticket);
    QCoro::Task<> loadRecommendation(QString id, quint64 ticket);
    QCoro::Task<> loadMembers(QString id, quint64 ticket);
    QCoro::Task<> save(QString id, QString region, QString etag);
    void showLoaded(const client::VersionedWaddle &loaded);
    void showSaved(const client::VersionedWaddle &saved, const QString &id);
    void showConflict(const client::VersionedWaddle &theirs, const QString &mine);
    void refreshConflict();
    void applyMine();
    void keepTheirs();
    void onChoiceChanged(const QString &choice);
    void onWaddleChanged(const domain::Waddle &waddle, const QString &reason);
    void applyServerChange(const domain::Waddle &waddle, const QString &reason);
    void refreshPage();
    void updateButtons();
    void emitMembers();

    void noteSuccess();
    void noteFailure(const client::ApiError &error);
    [[nodiscard]] QString regionName(const QString &code) const;
    [[nodiscard]] QString choiceName(const QString &choice) const;
    [[nodiscard]] QHash<QString, QString> regionNames() const;

    Services &m_services;
    client::WaddlesModel *m_waddles = nullptr;
    client::RecommendationModel *m_recommendation = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;

    // The list.
    QLineEdit *m_search = nullptr;
    QTableView *m_list = nullptr;
    QLabel *m_listStatus = nullptr;
    QPushButton *m_retry = nullptr;

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
    QLabel *m_recommendationFormula = nullptr;
    QTableView *m_recommendationView = nullptr;

    // What is open, and the state of its edit.
    QString m_openId;
    quint64 m_ticket = 0;                   // grows with every open: older answers are stale
    std::optional<domain::Waddle> m_waddle; // the server's version as last known
    QString m_etag;                         // the version the person's edit is based on
    std::optional<client::VersionedWaddle> m_conflict; // the server's version after a 409
    std::optional<std::pair<domain::Waddle, QString>> m_changedWhileSaving;
    bool m_saving = false;
    QHash<QString, QString> m_drafts; // unsaved choices of waddles left, by id
    std::optional<QList<domain::LocationGroup>> m_groups;
    std::optional<QString> m_membersRegion; // the current region membersLoaded last said
    // When the list shown is the cache's (the server could not be reached):
    // the time that list was saved.
    std::optional<QDateTime> m_cachedSince;
    bool m_fetchingAll = false;
};

} // namespace waddle::ui
