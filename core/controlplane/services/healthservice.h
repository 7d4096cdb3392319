#pragma once

#include "clock.h"
#include "controlplane/store/healthrepository.h"
#include "controlplane/store/regionalertrepository.h"
#include "healthmonitor.h"

#include <QDateTime>
#include <QObject>

#include <chrono>
#include <functional>
#include <memory>

namespace waddle::cp {

class Database;
class EventHub;
class RegionService;

// SPEC §8 health, end to end: the monitor's checks of every region, their
// history saved once a second (one transaction for every check since the
// last) and pruned after the retention period, status changes applied to
// the regions, a region alert raised and stored per change, and the live
// events for all of it. Owns its repositories, its timer and its events.
class HealthService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthService)

public:
    struct Settings
    {
        int intervalMs = 5000;
        int retentionDays = 7;
        int flushIntervalMs = 1000;
    };

    HealthService(const Database &database, RegionService &regions, EventHub &events,
                  HealthProbe &probe, Settings settings, Clock &clock = Clock::system(),
                  QObject *parent = nullptr);
    ~HealthService() override;

    // Watches the regions the region service serves now.
    void start();
    // Stops checking and saves what is unsaved.
    void stop();

    [[nodiscard]] HealthMonitor &monitor() { return m_monitor; }
    [[nodiscard]] std::optional<domain::RegionHealth> latest(const QString &code) const;
    // Stored checks of one region, newest first, at most `limit`.
    [[nodiscard]] StoreResult<QList<domain::RegionHealth>> history(const QString &code,
                                                                   int limit) const;
    // One check now; `done` gets its result. False for an unknown code. Not
    // started (a follower): a look that changes nothing (HealthMonitor::look).
    bool checkNow(const QString &code, std::function<void(const domain::RegionHealth &)> done);
    // Operator maintenance: stored, then the monitor's transition follows.
    [[nodiscard]] StoreResult<void> setMaintenance(const QString &code, bool on);
    // Availability (%) over the stored checks of the last `window` before
    // now; nullopt when none is stored.
    [[nodiscard]] StoreResult<std::optional<double>> availability(std::chrono::hours window) const;
    // Region status alerts, newest first, at most `limit`.
    [[nodiscard]] StoreResult<QList<domain::RegionAlert>> alerts(int limit) const;
    // Marks a status alert acknowledged now (the first time stands: a second
    // call changes nothing) and publishes "alert.acknowledged"; not found for
    // an unknown id.
    [[nodiscard]] StoreResult<domain::RegionAlert> acknowledgeAlert(const QString &id);

Q_SIGNALS:
    void regionStatusChanged(const QString &code, domain::RegionStatus from,
                             domain::RegionStatus to);

private:
    void onChecked(const domain::RegionHealth &health);
    void onStatusChanged(const QString &code, domain::RegionStatus from, domain::RegionStatus to,
                         const domain::RegionHealth &health);
    void flush();

    HealthRepository m_history;
    RegionAlertRepository m_alerts;
    RegionService &m_regions;
    EventHub &m_events;
    Settings m_settings;
    Clock &m_clock;
    HealthMonitor m_monitor;
    bool m_running = false; // between start() and stop(): this instance leads
    std::unique_ptr<Timer> m_flushTimer;
    QList<domain::RegionHealth> m_unsaved;
    QDateTime m_lastPrune;
};

} // namespace waddle::cp
