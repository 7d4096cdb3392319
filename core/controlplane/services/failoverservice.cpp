#include "failoverservice.h"

#include "controlplane/store/statements.h"
#include "eventhub.h"
#include "healthservice.h"
#include "regionservice.h"
#include "voiceservice.h"

#include <QLoggingCategory>

#include <vector>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

Q_LOGGING_CATEGORY(lcFailover, "waddle.failover")

using store::conflict;

QString stateName(FailoverState state)
{
    return enumToName(kFailoverStateNames, state);
}

QList<FailoverMove> movesIn(const QList<FailoverMove> &moves, MoveState state)
{
    QList<FailoverMove> out;
    for (const FailoverMove &move : moves) {
        if (move.state == state)
            out.append(move);
    }
    return out;
}

} // namespace

FailoverService::FailoverService(const Database &database, RegionService &regions,
                                 HealthService &health, EventHub &events, VoiceService &voice,
                                 Settings settings, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_jobs(database)
    , m_waddles(database)
    , m_alerts(database)
    , m_regions(regions)
    , m_health(health)
    , m_events(events)
    , m_voice(voice)
    , m_settings(settings)
    , m_clock(clock)
{
    m_settings.batchSize = std::max(1, m_settings.batchSize);
}

FailoverService::~FailoverService()
{
    *m_alive = false;
}

QString FailoverService::temporaryMessage(const QString &regionName)
{
    return QStringLiteral("Voice region temporarily changed to %1 due to technical issues")
        .arg(regionName);
}

void FailoverService::start()
{
    if (m_started)
        return;
    m_started = true;
    connect(&m_health, &HealthService::regionStatusChanged, this,
            &FailoverService::onStatusChanged);
    // Crash safety: whatever was under way when the process stopped goes on
    // from the store (pending moves only, so nothing is done twice).
    if (auto open = m_jobs.openJobs()) {
        for (const FailoverJob &job : open.value()) {
            if (job.state == FailoverState::Running)
                launch(job.id, false);
            else if (job.state == FailoverState::FailingBack)
                launch(job.id, true);
            else if (job.state == FailoverState::Completed)
                m_awaitingFailback.insert(job.id, job.region);
        }
    } else {
        qCWarning(lcFailover, "cannot resume failovers: %s", qPrintable(open.error().message));
    }
    m_timer = m_clock.createTimer([this] { tick(); });
    m_timer->start(m_settings.tickMs);
}

void FailoverService::stop()
{
    if (m_timer)
        m_timer->stop();
    disconnect(&m_health, nullptr, this, nullptr);
    m_started = false;
}

const Region *FailoverService::region(const QString &code) const
{
    return m_regions.region(code);
}

StoreResult<FailoverJob> FailoverService::plan(const QString &code) const
{
    const Region *failed = region(code);
    if (!failed)
        return store::notFound(QStringLiteral("No region \"%1\"").arg(code));
    auto waddles = m_waddles.waddlesOnRegion(code);
    if (!waddles)
        return waddles.error();
    const GeoPoint from{failed->location.latitude, failed->location.longitude};
    QList<FailoverWaddle> toPlace;
    QHash<QString, qint64> seats;
    toPlace.reserve(waddles->size());
    for (const Waddle &waddle : waddles.value()) {
        toPlace.append(FailoverWaddle{waddle.id, waddle.memberCount, from});
        seats.insert(waddle.id, waddle.memberCount);
    }
    QHash<QString, double> scores;
    for (const Region &r : m_regions.regions()) {
        if (const auto latest = m_health.latest(r.code))
            scores.insert(r.code, latest->score);
    }
    const QList<FailoverAssignment> assignments =
        planFailover(*failed, m_regions.regions(), scores, toPlace);
    FailoverDraft draft = draftFailover(code, assignments, m_regions.regions(), seats);
    FailoverJob job;
    job.region = code;
    job.state = FailoverState::Pending;
    job.trigger = FailoverTrigger::Operator;
    job.createdAt = m_clock.now();
    job.moves = std::move(draft.moves);
    job.capacity = std::move(draft.capacity);
    return job;
}

StoreResult<FailoverJob> FailoverService::create(const QString &code, FailoverTrigger trigger,
                                                 bool force, bool pending)
{
    const Region *failed = region(code);
    if (!failed)
        return store::notFound(QStringLiteral("No region \"%1\"").arg(code));
    if (!force && failed->status != RegionStatus::Offline) {
        return conflict(QStringLiteral("Region %1 is %2, not offline: send \"force\": true to "
                                       "move its waddles anyway")
                            .arg(code, toString(failed->status)),
                        QStringLiteral("force"));
    }
    auto active = m_jobs.activeJobFor(code);
    if (!active)
        return active.error();
    if (active.value()) {
        return conflict(QStringLiteral("Region %1 already has failover %2 in progress")
                            .arg(code, *active.value()),
                        QStringLiteral("region"));
    }
    auto planned = plan(code);
    if (!planned)
        return planned.error();
    FailoverJob job = std::move(planned).value();
    if (trigger == FailoverTrigger::Automatic && job.moves.isEmpty())
        return job; // nothing on the region: nothing to store
    job.id = store::newId();
    job.trigger = trigger;
    job.state = pending ? FailoverState::Pending : FailoverState::Running;
    if (!pending)
        job.startedAt = m_clock.now();
    if (auto created = m_jobs.createJob(job); !created)
        return created.error();
    if (pending) {
        publish(QStringLiteral("failover.pending"), job.id,
                {{QStringLiteral("region"), code},
                 {QStringLiteral("affected"), qint64(job.moves.size())}});
    } else {
        launch(job.id, false);
    }
    return m_jobs.job(job.id);
}

StoreResult<FailoverJob> FailoverService::startPending(const QString &id)
{
    auto job = m_jobs.job(id);
    if (!job)
        return job.error();
    if (job->state != FailoverState::Pending) {
        return conflict(QStringLiteral("Failover %1 is %2; only a pending one can be started")
                            .arg(id, stateName(job->state)),
                        QStringLiteral("state"));
    }
    if (auto set = m_jobs.setJobState(id, FailoverState::Running, m_clock.now(), std::nullopt);
        !set)
        return set.error();
    launch(id, false);
    return m_jobs.job(id);
}

StoreResult<FailoverJob> FailoverService::failBack(const QString &id, bool force)
{
    auto job = m_jobs.job(id);
    if (!job)
        return job.error();
    if (job->state != FailoverState::Completed || m_running.contains(id)) {
        return conflict(QStringLiteral("Failover %1 is %2; only a completed one fails back")
                            .arg(id, stateName(job->state)),
                        QStringLiteral("state"));
    }
    const Region *home = region(job->region);
    if (!force && (!home || home->status != RegionStatus::Online)) {
        return conflict(
            QStringLiteral("Region %1 is %2; fail-back waits until it is online")
                .arg(job->region, home ? toString(home->status) : QStringLiteral("gone")),
            QStringLiteral("region"));
    }
    if (auto set = m_jobs.setJobState(id, FailoverState::FailingBack, std::nullopt, std::nullopt);
        !set)
        return set.error();
    m_awaitingFailback.remove(id);
    launch(id, true);
    return m_jobs.job(id);
}

StoreResult<FailoverJob> FailoverService::job(const QString &id) const
{
    return m_jobs.job(id);
}

StoreResult<QList<FailoverJob>> FailoverService::jobs(qint64 offset, qint64 limit) const
{
    return m_jobs.jobs(offset, limit);
}

StoreResult<qint64> FailoverService::jobCount() const
{
    return m_jobs.jobCount();
}

void FailoverService::onStatusChanged(const QString &code, RegionStatus, RegionStatus to)
{
    if (to == RegionStatus::Online)
        m_onlineSince.insert(code, m_clock.now());
    else
        m_onlineSince.remove(code);
    if (to != RegionStatus::Offline)
        return;
    const auto created =
        create(code, FailoverTrigger::Automatic, false, m_settings.policy == Policy::Confirm);
    if (!created && created.error().kind != StoreError::Kind::Conflict)
        qCWarning(lcFailover, "no failover of %s: %s", qPrintable(code),
                  qPrintable(created.error().message));
}

void FailoverService::tick()
{
    const QDateTime now = m_clock.now();
    for (const Region &r : m_regions.regions()) {
        if (r.status == RegionStatus::Online) {
            if (!m_onlineSince.contains(r.code))
                m_onlineSince.insert(r.code, now);
        } else {
            m_onlineSince.remove(r.code);
        }
    }
    if (m_settings.policy != Policy::Automatic)
        return;
    const auto waiting = m_awaitingFailback; // failBack edits the hash
    for (auto it = waiting.cbegin(); it != waiting.cend(); ++it) {
        const auto since = m_onlineSince.constFind(it.value());
        if (since == m_onlineSince.cend() ||
            since->secsTo(now) < qint64(m_settings.failbackAfterSeconds) ||
            m_running.contains(it.key()))
            continue;
        if (const auto back = failBack(it.key()); !back)
            qCWarning(lcFailover, "no fail-back of %s: %s", qPrintable(it.key()),
                      qPrintable(back.error().message));
    }
}

void FailoverService::launch(const QString &id, bool failingBack)
{
    if (m_running.contains(id))
        return;
    m_running.insert(id);
    if (failingBack)
        runFailBack(id);
    else
        run(id);
}

QCoro::Task<> FailoverService::run(QString id)
{
    const std::shared_ptr<bool> alive = m_alive;
    auto job = m_jobs.job(id);
    if (!job) {
        m_running.remove(id);
        co_return;
    }
    const FailoverTally counts = tally(job->moves);
    const QList<QList<FailoverMove>> batches =
        inBatches(movesIn(job->moves, MoveState::Pending), m_settings.batchSize);
    publish(QStringLiteral("failover.started"), id,
            {{QStringLiteral("region"), job->region},
             {QStringLiteral("trigger"), enumToName(kFailoverTriggerNames, job->trigger)},
             {QStringLiteral("affected"), counts.affected},
             {QStringLiteral("pending"), counts.pending},
             {QStringLiteral("unplaced"), counts.unplaced},
             {QStringLiteral("batches"), qint64(batches.size())}});
    const Region *failed = region(job->region);
    raiseAlert(job->region, Severity::Critical, QStringLiteral("Failover started"),
               QStringLiteral("Moving %1 waddles off %2 (%3 cannot be placed)")
                   .arg(counts.pending)
                   .arg(failed ? failed->name : job->region)
                   .arg(counts.unplaced));

    qint64 index = 0;
    for (const QList<FailoverMove> &batch : batches) {
        // Tasks start at once (QCoro tasks are eager): the batch runs in
        // parallel and is awaited whole before the next one.
        std::vector<QCoro::Task<bool>> tasks;
        tasks.reserve(batch.size());
        for (const FailoverMove &move : batch)
            tasks.push_back(moveOne(id, move));
        qint64 moved = 0;
        for (QCoro::Task<bool> &task : tasks) {
            if (co_await std::move(task))
                ++moved;
        }
        if (!*alive)
            co_return;
        publish(QStringLiteral("failover.batch"), id,
                {{QStringLiteral("batch"), ++index},
                 {QStringLiteral("batches"), qint64(batches.size())},
                 {QStringLiteral("moved"), moved},
                 {QStringLiteral("failed"), qint64(batch.size()) - moved}});
    }
    settle(id);
}

QCoro::Task<bool> FailoverService::moveOne(QString id, FailoverMove move)
{
    const std::shared_ptr<bool> alive = m_alive;
    auto fail = [this, &id, &move](const QString &error) {
        if (auto failed = m_jobs.failMove(id, move.waddleId, error); !failed)
            qCWarning(lcFailover, "%s", qPrintable(failed.error().message));
        publish(QStringLiteral("failover.failure"), id,
                {{QStringLiteral("waddle_id"), move.waddleId},
                 {QStringLiteral("to"), move.to},
                 {QStringLiteral("error"), error}});
    };
    const Region *to = region(move.to);
    if (!to) {
        fail(QStringLiteral("region %1 is no longer served").arg(move.to));
        co_return false;
    }
    const Region target = *to;
    const auto waddle = m_waddles.waddle(move.waddleId);
    const qint64 seats = waddle ? waddle->memberCount : 0;
    const QString message = temporaryMessage(target.name);

    const Result<void> prepared = co_await m_voice.prepare(target, move.waddleId, seats);
    if (!*alive)
        co_return false;
    if (!prepared) {
        fail(prepared.error().message);
        co_return false;
    }
    const Result<void> notified = co_await m_voice.notify(target, move.waddleId, message);
    if (!*alive)
        co_return false;
    if (!notified) {
        detach(m_voice.cleanup(target, move.waddleId));
        fail(notified.error().message);
        co_return false;
    }
    const auto applied = m_jobs.applyMove(id, move.waddleId, message, m_clock.now());
    if (!applied) {
        qCWarning(lcFailover, "%s", qPrintable(applied.error().message));
        co_return false;
    }
    if (applied->move.state != MoveState::Moved) {
        detach(m_voice.cleanup(target, move.waddleId));
        co_return true;
    }
    if (applied->before && applied->after) {
        m_events.publishWaddleChange(*applied->before, *applied->after,
                                     QStringLiteral("failover from %1").arg(move.from));
    }
    if (const Region *old = region(move.from))
        detach(m_voice.cleanup(*old, move.waddleId));
    co_return true;
}

QCoro::Task<> FailoverService::runFailBack(QString id)
{
    const std::shared_ptr<bool> alive = m_alive;
    auto job = m_jobs.job(id);
    if (!job) {
        m_running.remove(id);
        co_return;
    }
    const QList<QList<FailoverMove>> batches =
        inBatches(movesIn(job->moves, MoveState::Moved), m_settings.batchSize);
    publish(QStringLiteral("failback.started"), id,
            {{QStringLiteral("region"), job->region},
             {QStringLiteral("batches"), qint64(batches.size())}});
    for (const QList<FailoverMove> &batch : batches) {
        std::vector<QCoro::Task<bool>> tasks;
        tasks.reserve(batch.size());
        for (const FailoverMove &move : batch)
            tasks.push_back(restoreOne(id, move));
        for (QCoro::Task<bool> &task : tasks)
            co_await std::move(task);
        if (!*alive)
            co_return;
    }
    settle(id);
}

QCoro::Task<bool> FailoverService::restoreOne(QString id, FailoverMove move)
{
    const std::shared_ptr<bool> alive = m_alive;
    const Region *home = region(move.from);
    if (!home)
        co_return false;
    const Region original = *home;
    const auto waddle = m_waddles.waddle(move.waddleId);
    const qint64 seats = waddle ? waddle->memberCount : 0;
    const Result<void> prepared = co_await m_voice.prepare(original, move.waddleId, seats);
    if (!*alive)
        co_return false;
    if (!prepared) {
        // Stays on its failover region; the next fail-back tries again.
        publish(QStringLiteral("failback.failure"), id,
                {{QStringLiteral("waddle_id"), move.waddleId},
                 {QStringLiteral("to"), move.from},
                 {QStringLiteral("error"), prepared.error().message}});
        co_return false;
    }
    const QString message = QStringLiteral("Voice region changed back to %1").arg(original.name);
    const auto restored = m_jobs.restoreMove(id, move.waddleId, message, m_clock.now());
    if (!restored) {
        qCWarning(lcFailover, "%s", qPrintable(restored.error().message));
        co_return false;
    }
    if (restored->move.state == MoveState::Restored) {
        if (restored->before && restored->after) {
            m_events.publishWaddleChange(*restored->before, *restored->after,
                                         QStringLiteral("fail-back to %1").arg(move.from));
        }
        if (const Region *temporary = region(move.to))
            detach(m_voice.cleanup(*temporary, move.waddleId));
    } else if (!restored->after || restored->after->currentRegion != move.from) {
        // The owner chose elsewhere: the room prepared here is not needed.
        detach(m_voice.cleanup(original, move.waddleId));
    }
    co_return true;
}

void FailoverService::settle(const QString &id)
{
    m_running.remove(id);
    auto job = m_jobs.job(id);
    if (!job)
        return;
    const bool failingBack = job->state == FailoverState::FailingBack;
    const FailoverTally counts = tally(job->moves);
    FailoverState state = settledState(job.value());
    std::optional<QDateTime> finished = m_clock.now();
    if (failingBack) {
        // Moves still moved (their region refused the room) keep the job
        // completed: the next fail-back tries them again after the delay.
        const bool left = !movesIn(job->moves, MoveState::Moved).isEmpty();
        state = left ? FailoverState::Completed : FailoverState::FailedBack;
        if (left) {
            m_awaitingFailback.insert(id, job->region);
            m_onlineSince.insert(job->region, m_clock.now());
        }
    } else if (state == FailoverState::Completed) {
        m_awaitingFailback.insert(id, job->region);
    }
    if (auto set = m_jobs.setJobState(id, state, std::nullopt, finished); !set)
        qCWarning(lcFailover, "%s", qPrintable(set.error().message));
    const QString type =
        failingBack ? QStringLiteral("failback.finished") : QStringLiteral("failover.finished");
    publish(type, id,
            {{QStringLiteral("region"), job->region},
             {QStringLiteral("state"), stateName(state)},
             {QStringLiteral("affected"), counts.affected},
             {QStringLiteral("succeeded"), counts.succeeded},
             {QStringLiteral("failed"), counts.failed},
             {QStringLiteral("unplaced"), counts.unplaced}});
    const QString title =
        failingBack ? QStringLiteral("Fail-back finished") : QStringLiteral("Failover finished");
    raiseAlert(job->region, Severity::Info, title,
               QStringLiteral("%1: %2 succeeded, %3 failed, %4 unplaced of %5")
                   .arg(stateName(state))
                   .arg(counts.succeeded)
                   .arg(counts.failed)
                   .arg(counts.unplaced)
                   .arg(counts.affected));
    Q_EMIT jobSettled(id, state);
}

void FailoverService::raiseAlert(const QString &code, Severity severity, const QString &title,
                                 const QString &description)
{
    const Region *r = region(code);
    RegionAlert alert;
    alert.regionCode = code;
    alert.severity = severity;
    alert.title = title;
    alert.description = description;
    alert.from = r ? r->status : RegionStatus::Offline;
    alert.to = alert.from;
    alert.createdAt = m_clock.now();
    if (auto stored = m_alerts.recordAlert(alert); !stored)
        qCWarning(lcFailover, "alert not saved: %s", qPrintable(stored.error().message));
    m_events.publish(QStringLiteral("alert"), {{QStringLiteral("region"), code},
                                               {QStringLiteral("severity"), toString(severity)},
                                               {QStringLiteral("title"), title},
                                               {QStringLiteral("description"), description}});
}

void FailoverService::publish(const QString &type, const QString &id, QJsonObject payload)
{
    payload.insert(QStringLiteral("failover"), id);
    // A failure names a waddle: like every waddle event, for key holders only.
    const bool namesWaddle = payload.contains(QStringLiteral("waddle_id"));
    m_events.publish(type, std::move(payload),
                     namesWaddle ? EventHub::Audience::KeyHolders : EventHub::Audience::Everyone);
}

} // namespace waddle::cp
