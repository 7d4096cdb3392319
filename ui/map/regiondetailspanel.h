#pragma once

#include "domain/health.h"
#include "domain/region.h"

#include <QHash>
#include <QList>
#include <QTimer>
#include <QWidget>

#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace waddle::ui {

class Sparkline;

// The side panel beside the map for the selected region (SPEC §8, §13):
// where it is, its status (shape, colour and word), load, health score and
// the figures behind it, the last check, its failover list, and the recent
// history of its health score and p99 latency. Says "Select a region on the
// map" while none is selected.
class RegionDetailsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit RegionDetailsPanel(QWidget *parent = nullptr);
    ~RegionDetailsPanel() override;
    Q_DISABLE_COPY_MOVE(RegionDetailsPanel)

    void setRegion(const domain::Region &region);
    // Ignored unless it is the shown region's. A check newer than the
    // history's newest joins it: the sparklines are live (issue 10).
    void setHealth(const domain::RegionHealth &health);
    // Any order (the server sends newest first): drawn oldest on the left,
    // newest on the right. Entries of other regions are skipped.
    void setHistory(const QList<domain::RegionHealth> &history);
    // Region names by code, for the failover list (names, not codes).
    void setRegionNames(const QHash<QString, QString> &names);
    void clear();

Q_SIGNALS:
    // "Fail Over…" for the shown region (issue 13): the failover wizard.
    void failoverRequested(const QString &code);
    // "Drain…": the migration wizard for every waddle of the region.
    void drainRequested(const QString &code);
    // "Manage…": maintenance, check now, priority and failover list.
    void manageRequested(const QString &code);

public:
    // How many checks the sparklines show at most.
    static constexpr qsizetype kHistoryLength = 120;

    [[nodiscard]] bool hasRegion() const { return m_region.has_value(); }
    [[nodiscard]] QString regionCode() const;

    Sparkline *scoreSparkline() const { return m_scoreLine; }
    QPushButton *failoverButton() const { return m_failoverButton; }
    QPushButton *drainButton() const { return m_drainButton; }
    QPushButton *manageButton() const { return m_manageButton; }
    Sparkline *p99Sparkline() const { return m_p99Line; }
    QPushButton *dashboardButton() const { return m_dashboard; }

Q_SIGNALS:
    // "Open Dashboard…": the shown region's dashboard is wanted.
    void dashboardRequested(const QString &code);

private:
    void refresh();
    void refreshAge();
    void refreshSparklines();
    void appendToHistory(const domain::RegionHealth &health);
    QLabel *addRow(QFormLayout *form, const QString &label, const QString &objectName);

    std::optional<domain::Region> m_region;
    std::optional<domain::RegionHealth> m_health;
    QList<domain::RegionHealth> m_history; // oldest first
    QHash<QString, QString> m_names;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_statusGlyph = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_coordinates = nullptr;
    QLabel *m_load = nullptr;
    QLabel *m_score = nullptr;
    QLabel *m_response = nullptr;
    QLabel *m_p99 = nullptr;
    QLabel *m_errors = nullptr;
    QLabel *m_lastCheck = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_problemLabel = nullptr;
    QLabel *m_failover = nullptr;
    Sparkline *m_scoreLine = nullptr;
    Sparkline *m_p99Line = nullptr;
    QPushButton *m_failoverButton = nullptr;
    QPushButton *m_manageButton = nullptr;
    QPushButton *m_drainButton = nullptr;
    QPushButton *m_dashboard = nullptr;
    QTimer m_ageTimer;
};

} // namespace waddle::ui
