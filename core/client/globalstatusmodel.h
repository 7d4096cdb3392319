#pragma once

#include "apiclient.h"
#include "domain/regionstats.h"

#include <QAbstractTableModel>
#include <QCoroTask>
#include <QTimer>

#include <chrono>

namespace waddle::client {

class LiveEvents;

// The global status screen's data (issue 13, seed 002): GET /regions/stats
// every 15 s while started and at once when a region's status changes, as
// the fleet's figures (stats()) and one table row per region: status,
// health score, response time, error rate, utilisation, last check.
class GlobalStatusModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GlobalStatusModel)

public:
    enum Column
    {
        RegionColumn,
        StatusColumn,
        ScoreColumn,
        ResponseColumn,
        ErrorRateColumn,
        UtilisationColumn,
        LastCheckColumn,
        ColumnCount
    };

    enum Role
    {
        CodeRole = Qt::UserRole + 1,
        StatusRole, // domain::RegionStatus as int
        SortRole    // numbers as numbers; unchecked figures sort first
    };

    // Seed 002 refreshes its global status every 15 s.
    static constexpr std::chrono::seconds kRefreshInterval{15};

    explicit GlobalStatusModel(ApiClient &api, QObject *parent = nullptr);
    ~GlobalStatusModel() override;

    void setLiveEvents(LiveEvents *events);
    void setRefreshInterval(std::chrono::milliseconds interval);
    // Refreshing on the timer (the screen starts it when shown).
    void start();
    void stop();
    [[nodiscard]] bool isStarted() const { return m_timer.isActive(); }

    QCoro::Task<bool> refresh();

    [[nodiscard]] const domain::RegionStats &stats() const { return m_stats; }
    [[nodiscard]] bool hasLoaded() const { return m_loaded; }
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] QDateTime loadedAt() const { return m_loadedAt; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);

private:
    void setStats(domain::RegionStats stats);

    ApiClient &m_api;
    LiveEvents *m_events = nullptr;
    QTimer m_timer;
    domain::RegionStats m_stats;
    QDateTime m_loadedAt;
    QString m_lastError;
    bool m_loaded = false;
    bool m_fetching = false;
};

} // namespace waddle::client
