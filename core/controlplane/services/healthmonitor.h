#pragma once

#include "clock.h"
#include "domain/health.h"
#include "domain/region.h"
#include "healthprobe.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <functional>

namespace waddle::cp {

// SPEC §8 health monitoring: probes every region agent on an interval
// (default 5 s), turns readings into status with the domain's tracker
// (consecutive failures, recovery threshold, maintenance), scores them, and
// reports each check and each status change. Storage and fan-out are the
// owner's (HealthService) business: the monitor only decides. Clock and probe
// are injected; `runRound()` can be driven by hand.
class HealthMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthMonitor)

public:
    struct Settings
    {
        int intervalMs = 5000;
        domain::HealthThresholds thresholds;
    };

    HealthMonitor(HealthProbe &probe, Settings settings, Clock &clock = Clock::system(),
                  QObject *parent = nullptr);

    // The regions to watch, with the status each is known to have now.
    void setRegions(const QList<domain::Region> &regions);

    void start();
    void stop();
    [[nodiscard]] bool isRoundRunning() const { return m_pending > 0; }

    // One check of every region; ignored while the previous round runs.
    void runRound();
    // One check of one region now (operator action); `done` gets its result.
    // False for an unknown code.
    bool checkNow(const QString &code, std::function<void(const domain::RegionHealth &)> done = {});
    // A check that changes nothing, for an instance that does not lead (the
    // leader's loop owns the statuses, issue 16): the probe's reading and
    // score, with `region`'s status as stored; not kept as the latest.
    void look(const domain::Region &region, std::function<void(const domain::RegionHealth &)> done);

    // Operator maintenance on/off; false for an unknown code.
    bool setMaintenance(const QString &code, bool on);

    [[nodiscard]] std::optional<domain::RegionHealth> latest(const QString &code) const;
    [[nodiscard]] domain::RegionStatus status(const QString &code) const;

Q_SIGNALS:
    void checked(const domain::RegionHealth &health);
    void statusChanged(const QString &code, domain::RegionStatus from, domain::RegionStatus to,
                       const domain::RegionHealth &health);
    void roundFinished();

private:
    void check(const domain::Region &region, bool partOfRound,
               std::function<void(const domain::RegionHealth &)> done = {});
    domain::RegionHealth apply(const QString &code, const ProbeOutcome &outcome);
    // The reading, score, time and message of one probe (no status).
    domain::RegionHealth healthOf(const QString &code, const ProbeOutcome &outcome) const;

    HealthProbe &m_probe;
    Settings m_settings;
    Clock &m_clock;
    std::unique_ptr<Timer> m_timer;
    QList<domain::Region> m_regions;
    QHash<QString, domain::HealthTracker> m_trackers;
    QHash<QString, domain::RegionHealth> m_latest;
    int m_pending = 0;
};

} // namespace waddle::cp
