#include "failoverservice.h"

#include "controlplane/store/statements.h"
#include "eventhub.h"
#include "healthservice.h"
#include "regionservice.h"
#include "voiceservice.h"

#include <QLoggingCategory>

#include <deque>
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

// One result per room whatever the voice service answered: a room it left
// out failed.
void fit(VoiceService::RoomResults &results, qsizetype rooms)
{
    results.resize(std::min(results.size(), rooms));
    while (results.size() < rooms)
        results.append(Error{{}, QStringLiteral("the voice service gave no answer for the room")});
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
    takeUpStoredJobs();
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

void FailoverService::takeUpStoredJobs()
{
    if (!m_runsJobs)
        return;
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
}

void FailoverService::tick()
{
    // Jobs another instance (a follower) stored since the last tick.
    takeUpStoredJobs();
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
    if (!m_runsJobs || m_running.contains(id))
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
    QList<QList<FailoverMove>> batches =
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
    // The pending waddles are still on the failed region: one read for
    // every room's size.
    Seats seats;
    if (const auto waddles = m_waddles.waddlesOnRegion(job->region)) {
        for (const Waddle &waddle : waddles.value())
            seats.insert(waddle.id, waddle.memberCount);
    }
    const BatchDone onBatch = [this, id](qint64 index, qint64 size, qint64 moved, qint64 notMoved) {
        publish(QStringLiteral("failover.batch"), id,
                {{QStringLiteral("batch"), index},
                 {QStringLiteral("batches"), size},
                 {QStringLiteral("moved"), moved},
                 {QStringLiteral("failed"), notMoved}});
    };
    const bool finished =
        co_await runBatches(id, std::move(batches), std::move(seats), false, onBatch);
    if (!finished || !*alive)
        co_return;
    settle(id);
}

QCoro::Task<bool> FailoverService::runBatches(QString id, QList<QList<FailoverMove>> batches,
                                              Seats seats, bool restoring, BatchDone done)
{
    const std::shared_ptr<bool> alive = m_alive;
    const int window = std::max(1, m_settings.batchesInFlight);
    // Tasks start at once (QCoro tasks are eager): up to `window` batches
    // run side by side; each is awaited in order and the next one started.
    std::deque<QCoro::Task<qint64>> inFlight;
    qsizetype next = 0;
    auto startNext = [&] {
        const QList<FailoverMove> &batch = batches.at(next++);
        inFlight.push_back(runBatch(id, batch, seats, restoring));
    };
    for (qint64 index = 0; index < batches.size(); ++index) {
        // No new batch once this instance no longer leads (it lost its
        // lock while alive): the batches under way end, the new leader
        // takes up the rest from the store.
        while (m_runsJobs && next < batches.size() && qsizetype(inFlight.size()) < window)
            startNext();
        if (inFlight.empty()) {
            m_running.remove(id); // whoever leads next takes it up
            co_return false;
        }
        QCoro::Task<qint64> task = std::move(inFlight.front());
        inFlight.pop_front();
        const qint64 moved = co_await std::move(task);
        if (!*alive) {
            // Let the batches under way end before this frame goes.
            while (!inFlight.empty()) {
                QCoro::Task<qint64> rest = std::move(inFlight.front());
                inFlight.pop_front();
                co_await std::move(rest);
            }
            co_return false;
        }
        done(index + 1, qint64(batches.size()), moved, qint64(batches.at(index).size()) - moved);
    }
    co_return true;
}

QCoro::Task<VoiceService::RoomResults>
FailoverService::readyRooms(Region target, QList<VoiceService::Room> rooms, bool notify)
{
    const std::shared_ptr<bool> alive = m_alive;
    VoiceService &voice = m_voice;
    const bool single = m_settings.roomCallsPerWaddle;
    VoiceService::RoomResults results;
    if (single)
        results = co_await voice.VoiceService::prepareRooms(target, rooms);
    else
        results = co_await voice.prepareRooms(target, rooms);
    fit(results, rooms.size());
    if (!notify || !*alive)
        co_return results;
    QList<VoiceService::Room> prepared;
    QList<qsizetype> where;
    for (qsizetype i = 0; i < rooms.size(); ++i) {
        if (results.at(i)) {
            prepared.append(rooms.at(i));
            where.append(i);
        }
    }
    if (prepared.isEmpty())
        co_return results;
    VoiceService::RoomResults notified;
    if (single)
        notified = co_await voice.VoiceService::notifyRooms(target, prepared);
    else
        notified = co_await voice.notifyRooms(target, prepared);
    fit(notified, prepared.size());
    if (!*alive)
        co_return results;
    QList<VoiceService::Room> unused;
    for (qsizetype i = 0; i < prepared.size(); ++i) {
        if (!notified.at(i)) {
            results[where.at(i)] = notified.at(i);
            unused.append(prepared.at(i));
        }
    }
    if (!unused.isEmpty())
        detach(voice.cleanupRooms(target, unused));
    co_return results;
}

void FailoverService::cleanupRooms(const QHash<QString, QStringList> &waddlesByRegion)
{
    for (auto it = waddlesByRegion.cbegin(); it != waddlesByRegion.cend(); ++it) {
        const Region *r = region(it.key());
        if (!r)
            continue;
        QList<VoiceService::Room> rooms;
        rooms.reserve(it.value().size());
        for (const QString &waddle : it.value())
            rooms.append(VoiceService::Room{waddle, 0, {}});
        if (m_settings.roomCallsPerWaddle)
            detach(m_voice.VoiceService::cleanupRooms(*r, rooms));
        else
            detach(m_voice.cleanupRooms(*r, rooms));
    }
}

namespace {

// A batch's moves by target region, in the order the targets first appear
// (or one group per move, the pre-batch way).
QList<QList<FailoverMove>> byRegion(const QList<FailoverMove> &batch, bool perMove,
                                    const std::function<QString(const FailoverMove &)> &key)
{
    QList<QList<FailoverMove>> groups;
    QHash<QString, qsizetype> index;
    for (const FailoverMove &move : batch) {
        if (perMove) {
            groups.append(QList<FailoverMove>{move});
            continue;
        }
        const QString code = key(move);
        const auto it = index.constFind(code);
        if (it == index.cend()) {
            index.insert(code, groups.size());
            groups.append(QList<FailoverMove>{move});
        } else {
            groups[*it].append(move);
        }
    }
    return groups;
}

} // namespace

QCoro::Task<qint64> FailoverService::runBatch(QString id, QList<FailoverMove> batch, Seats seats,
                                              bool restoring)
{
    const std::shared_ptr<bool> alive = m_alive;
    // A failover goes to each move's target, a fail-back to its home.
    auto regionOf = [restoring](const FailoverMove &m) { return restoring ? m.from : m.to; };
    const QList<QList<FailoverMove>> groups =
        byRegion(batch, m_settings.roomCallsPerWaddle, regionOf);
    // Every region's rooms under way at once.
    QList<FailoverRepository::MoveFailure> refused;
    std::vector<QCoro::Task<VoiceService::RoomResults>> calls;
    std::vector<const QList<FailoverMove> *> called;
    QHash<QString, QString> messages; // region → the members' message
    for (const QList<FailoverMove> &group : groups) {
        const QString code = regionOf(group.constFirst());
        const Region *r = region(code);
        if (!r) {
            for (const FailoverMove &move : group)
                refused.append(
                    {move.waddleId, QStringLiteral("region %1 is no longer served").arg(code)});
            continue;
        }
        const QString message = restoring
                                    ? QStringLiteral("Voice region changed back to %1").arg(r->name)
                                    : temporaryMessage(r->name);
        messages.insert(code, message);
        QList<VoiceService::Room> rooms;
        rooms.reserve(group.size());
        for (const FailoverMove &move : group)
            rooms.append(VoiceService::Room{move.waddleId, seats.value(move.waddleId), message});
        calls.push_back(readyRooms(*r, std::move(rooms), !restoring));
        called.push_back(&group);
    }
    // Ready moves per transaction: the whole batch in one (one per waddle
    // the pre-batch way).
    QList<QList<FailoverRepository::MoveNote>> ready;
    for (std::size_t g = 0; g < calls.size(); ++g) {
        const VoiceService::RoomResults results = co_await std::move(calls[g]);
        // The service may have gone while the rooms were called (found by
        // the asan preset: m_settings read from a destroyed service): the
        // other calls are still awaited, nothing of the service is touched.
        if (!*alive)
            continue;
        const QList<FailoverMove> &group = *called[g];
        for (qsizetype i = 0; i < group.size(); ++i) {
            const FailoverMove &move = group.at(i);
            if (!results.at(i)) {
                refused.append({move.waddleId, results.at(i).error().message});
                continue;
            }
            if (ready.isEmpty() || m_settings.roomCallsPerWaddle)
                ready.append(QList<FailoverRepository::MoveNote>());
            ready.last().append({move.waddleId, messages.value(regionOf(move))});
        }
    }
    if (!*alive)
        co_return 0;
    if (!refused.isEmpty()) {
        // A failed fail-back stays on its failover region (the move stays
        // moved); the next fail-back tries again.
        if (!restoring) {
            if (auto failed = m_jobs.failMoves(id, refused); !failed)
                qCWarning(lcFailover, "%s", qPrintable(failed.error().message));
        }
        QHash<QString, QString> regions;
        for (const FailoverMove &move : batch)
            regions.insert(move.waddleId, regionOf(move));
        for (const FailoverRepository::MoveFailure &failure : std::as_const(refused)) {
            publish(restoring ? QStringLiteral("failback.failure")
                              : QStringLiteral("failover.failure"),
                    id,
                    {{QStringLiteral("waddle_id"), failure.waddleId},
                     {QStringLiteral("to"), regions.value(failure.waddleId)},
                     {QStringLiteral("error"), failure.error}});
        }
    }
    qint64 done = 0;
    QHash<QString, QStringList> stale; // region → rooms no longer needed
    const QDateTime now = m_clock.now();
    for (const QList<FailoverRepository::MoveNote> &notes : std::as_const(ready)) {
        const auto changed =
            restoring ? m_jobs.restoreMoves(id, notes, now) : m_jobs.applyMoves(id, notes, now);
        if (!changed) {
            qCWarning(lcFailover, "%s", qPrintable(changed.error().message));
            continue;
        }
        for (const FailoverRepository::MoveOutcome &outcome : changed.value()) {
            ++done;
            const FailoverMove &move = outcome.move;
            const bool went = move.state == MoveState::Moved || move.state == MoveState::Restored;
            if (went && outcome.before && outcome.after) {
                m_events.publishWaddleChange(
                    *outcome.before, *outcome.after,
                    restoring ? QStringLiteral("fail-back to %1").arg(move.from)
                              : QStringLiteral("failover from %1").arg(move.from));
            }
            // The room left behind: where the waddle was, or the one made
            // for a move that did not happen (its owner chose elsewhere).
            const QString from = restoring ? move.to : move.from;
            const QString to = restoring ? move.from : move.to;
            if (went)
                stale[from].append(move.waddleId);
            else if (!outcome.after || outcome.after->currentRegion != to)
                stale[to].append(move.waddleId);
        }
    }
    cleanupRooms(stale);
    co_return done;
}

QCoro::Task<> FailoverService::runFailBack(QString id)
{
    const std::shared_ptr<bool> alive = m_alive;
    auto job = m_jobs.job(id);
    if (!job) {
        m_running.remove(id);
        co_return;
    }
    const QList<FailoverMove> moved = movesIn(job->moves, MoveState::Moved);
    QList<QList<FailoverMove>> batches = inBatches(moved, m_settings.batchSize);
    publish(QStringLiteral("failback.started"), id,
            {{QStringLiteral("region"), job->region},
             {QStringLiteral("batches"), qint64(batches.size())}});
    // The moved waddles are on their failover regions: one read per region.
    Seats seats;
    QSet<QString> temporary;
    for (const FailoverMove &move : moved)
        temporary.insert(move.to);
    for (const QString &code : std::as_const(temporary)) {
        if (const auto waddles = m_waddles.waddlesOnRegion(code)) {
            for (const Waddle &waddle : waddles.value())
                seats.insert(waddle.id, waddle.memberCount);
        }
    }
    const BatchDone quiet = [](qint64, qint64, qint64, qint64) {};
    const bool finished =
        co_await runBatches(id, std::move(batches), std::move(seats), true, quiet);
    if (!finished || !*alive)
        co_return;
    settle(id);
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
