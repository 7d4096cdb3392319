#pragma once

#include "clock.h"
#include "controlplane/store/failoverrepository.h"
#include "controlplane/store/regionalertrepository.h"
#include "controlplane/store/waddlerepository.h"
#include "domain/placement/failoverjob.h"
#include "domain/region.h"
#include "voiceservice.h"

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

namespace waddle::cp {

class Database;
class EventHub;
class HealthService;
class RegionService;

// SPEC §9 failover and fail-back as persisted jobs (issue 11). A region
// turning offline starts one (policy automatic) or leaves a pending one for
// an operator (policy confirm); an operator may start one too. The plan is
// the domain's (planFailover: failover list first, else the score, with
// capacity accounting), stored whole with every move before anything moves;
// the moves then run in batches (default 10 in parallel): a room prepared in
// the target, the members notified, the waddle moved in one transaction
// with its mark and notification record, the old room cleaned up. Once the
// region has been online for the fail-back delay (default 120 s) the moved
// waddles return, unless their owner chose another region meanwhile. A
// restart resumes every unfinished job from the store.
class FailoverService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverService)

public:
    enum class Policy
    {
        Automatic, // start at once, fail back on its own
        Confirm    // a pending job waits for an operator; fail-back too
    };

    struct Settings
    {
        Policy policy = Policy::Automatic;
        int batchSize = 100;     // moves per batch (SPEC §9 says 10; see README)
        int batchesInFlight = 4; // batches under way at once
        // The pre-batch way, kept for the benchmark's same-run comparison:
        // per waddle its own room calls and its own transaction.
        bool roomCallsPerWaddle = false;
        int failbackAfterSeconds = 120; // online this long before fail-back
        int tickMs = 1000;              // how often fail-back is considered
    };

    FailoverService(const Database &database, RegionService &regions, HealthService &health,
                    EventHub &events, VoiceService &voice, Settings settings,
                    Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~FailoverService() override;

    // Follows the health service's status changes, resumes the stored
    // unfinished jobs and starts the fail-back timer.
    void start();
    void stop();
    // Several control planes (issue 16): only the leader runs jobs. A
    // follower stores the jobs it is asked for and leaves them to the
    // leader, which takes up stored jobs no coroutine of its own works on
    // at every tick (and all of them when it becomes the leader: start()).
    // Off while a job runs: the batches under way end, no new one starts.
    void setRunsJobs(bool runs) { m_runsJobs = runs; }

    // The whole plan without storing or moving anything (dry run): per
    // waddle its target, per region the load before/after against maximum,
    // the waddles that cannot be placed. NotFound for an unknown region.
    [[nodiscard]] StoreResult<domain::FailoverJob> plan(const QString &region) const;
    // Plans, stores and (unless `pending`) starts a failover of `region`.
    // NotFound for an unknown region; Conflict when the region is not
    // offline and `force` is not set, or it already has a failover.
    [[nodiscard]] StoreResult<domain::FailoverJob> create(const QString &region,
                                                          domain::FailoverTrigger trigger,
                                                          bool force, bool pending = false);
    // Starts a pending job. Conflict when it is not pending.
    [[nodiscard]] StoreResult<domain::FailoverJob> startPending(const QString &id);
    // Returns the moved waddles now. Conflict unless the job is completed and
    // its region back online (or `force`).
    [[nodiscard]] StoreResult<domain::FailoverJob> failBack(const QString &id, bool force = false);

    [[nodiscard]] StoreResult<domain::FailoverJob> job(const QString &id) const;
    [[nodiscard]] StoreResult<QList<domain::FailoverJob>> jobs(qint64 offset, qint64 limit) const;
    [[nodiscard]] StoreResult<qint64> jobCount() const;

    // The members' message for a temporary move (SPEC §9).
    [[nodiscard]] static QString temporaryMessage(const QString &regionName);

Q_SIGNALS:
    // A job reached a resting state (completed, failed, failed back).
    void jobSettled(const QString &id, domain::FailoverState state);

private:
    void onStatusChanged(const QString &code, domain::RegionStatus from, domain::RegionStatus to);
    void tick();
    // Launches the stored running and failing-back jobs not under way here,
    // and waits for the fail-back of the completed ones.
    void takeUpStoredJobs();
    void launch(const QString &id, bool failingBack);
    QCoro::Task<> run(QString id);
    QCoro::Task<> runFailBack(QString id);
    // Seats (member count) per waddle id, for the rooms' size.
    using Seats = QHash<QString, qint64>;
    // One batch of a failover (or, `restoring`, of a fail-back): rooms
    // prepared (and members notified) with one call per region and step,
    // then every ready move applied in one transaction, an event per moved
    // waddle, one detached cleanup per region left. The moves done (moved,
    // restored or kept).
    QCoro::Task<qint64> runBatch(QString id, QList<domain::FailoverMove> batch, Seats seats,
                                 bool restoring);
    // Prepares the rooms in `region` (and notifies them when `message` is
    // not empty): per room, whether it is ready. A room prepared but not
    // notified is cleaned up.
    QCoro::Task<VoiceService::RoomResults> readyRooms(domain::Region region,
                                                      QList<VoiceService::Room> rooms, bool notify);
    // A best-effort cleanup of the waddles' rooms, region by region.
    void cleanupRooms(const QHash<QString, QStringList> &waddlesByRegion);
    // The batches of `moves`, run settings.batchesInFlight at a time; calls
    // `done(batch number, batches, moves done, moves not done)` as each
    // ends, in order. False when the service went meanwhile.
    using BatchDone = std::function<void(qint64, qint64, qint64, qint64)>;
    QCoro::Task<bool> runBatches(QString id, QList<QList<domain::FailoverMove>> batches,
                                 Seats seats, bool restoring, BatchDone done);
    [[nodiscard]] const domain::Region *region(const QString &code) const;
    void settle(const QString &id);
    void raiseAlert(const QString &region, domain::Severity severity, const QString &title,
                    const QString &description);
    void publish(const QString &type, const QString &id, QJsonObject payload);

    FailoverRepository m_jobs;
    WaddleRepository m_waddles;
    RegionAlertRepository m_alerts;
    RegionService &m_regions;
    HealthService &m_health;
    EventHub &m_events;
    VoiceService &m_voice;
    Settings m_settings;
    Clock &m_clock;
    std::unique_ptr<Timer> m_timer;
    // Cleared when the service goes: a coroutine that resumes later sees it.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    QSet<QString> m_running; // jobs a coroutine is working on
    bool m_runsJobs = true;
    QHash<QString, QDateTime> m_onlineSince;    // region → first seen online again
    QHash<QString, QString> m_awaitingFailback; // completed job → its region
    bool m_started = false;
};

} // namespace waddle::cp
