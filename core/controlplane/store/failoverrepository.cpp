#include "failoverrepository.h"

#include "database.h"
#include "statements.h"
#include "waddlerows.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>

#include <functional>

namespace waddle::cp {

using namespace store;
using domain::CapacityChange;
using domain::FailoverJob;
using domain::FailoverMove;
using domain::FailoverState;
using domain::MoveState;
using domain::Waddle;

namespace {

const QString kJobColumns = QStringLiteral(
    "id, region, state, trigger_kind, created_at, started_at, finished_at, capacity");

// Unfinished: the states that hold the region (one failover per region).
const QString kActiveStates = QStringLiteral("('pending', 'running', 'failing_back')");

std::optional<QDateTime> optionalTime(const QVariant &value)
{
    const QDateTime time = timeFrom(value);
    return time.isValid() ? std::optional<QDateTime>(time) : std::nullopt;
}

QVariant optionalTimeText(const std::optional<QDateTime> &time)
{
    return time ? QVariant(timeText(*time)) : QVariant(QMetaType::fromType<QString>());
}

FailoverJob jobFrom(const QSqlQuery &q)
{
    FailoverJob job;
    job.id = q.value(0).toString();
    job.region = q.value(1).toString();
    job.state = domain::enumFromName(domain::kFailoverStateNames, q.value(2).toString())
                    .value_or(FailoverState::Failed);
    job.trigger = domain::enumFromName(domain::kFailoverTriggerNames, q.value(3).toString())
                      .value_or(domain::FailoverTrigger::Operator);
    job.createdAt = timeFrom(q.value(4));
    job.startedAt = optionalTime(q.value(5));
    job.finishedAt = optionalTime(q.value(6));
    const QJsonArray capacity = QJsonDocument::fromJson(q.value(7).toByteArray()).array();
    for (const QJsonValue &row : capacity) {
        if (auto change = domain::capacityChangeFromJson(row))
            job.capacity.append(change.value());
    }
    return job;
}

FailoverMove moveFrom(const QSqlQuery &q)
{
    FailoverMove move;
    move.waddleId = q.value(0).toString();
    move.from = q.value(1).toString();
    move.to = q.value(2).toString();
    move.state = domain::enumFromName(domain::kMoveStateNames, q.value(3).toString())
                     .value_or(MoveState::Failed);
    move.error = q.value(4).toString();
    return move;
}

QString stateName(FailoverState state)
{
    return domain::enumToName(domain::kFailoverStateNames, state);
}

QString moveStateName(MoveState state)
{
    return domain::enumToName(domain::kMoveStateNames, state);
}

} // namespace

FailoverRepository::FailoverRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase FailoverRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> FailoverRepository::createJob(const FailoverJob &job)
{
    if (job.id.isEmpty())
        return invalid(QStringLiteral("A failover job needs an id"), QStringLiteral("id"));
    if (!domain::isValidRegionCode(job.region)) {
        return invalid(QStringLiteral("\"%1\" is not a region code").arg(job.region),
                       QStringLiteral("region"));
    }
    QJsonArray capacity;
    for (const CapacityChange &change : job.capacity)
        capacity.append(domain::toJson(change));

    QList<QVariantList> m(7);
    for (qsizetype i = 0; i < job.moves.size(); ++i) {
        const FailoverMove &move = job.moves.at(i);
        if (move.waddleId.isEmpty()) {
            return invalid(QStringLiteral("A move needs a waddle"),
                           QStringLiteral("moves[%1].waddle_id").arg(i));
        }
        m[0].append(job.id);
        m[1].append(i);
        m[2].append(move.waddleId);
        m[3].append(text(move.from));
        m[4].append(textOrNull(move.to));
        m[5].append(moveStateName(move.state));
        m[6].append(textOrNull(move.error));
    }

    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    // The insert first (SQLite takes the write lock at the first write), then
    // the check: a second job of the region rolls the whole insert back.
    QSqlQuery insert(db());
    if (auto error =
            run(insert,
                QStringLiteral("INSERT INTO failover_jobs (") + kJobColumns +
                    QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                {job.id, job.region, stateName(job.state),
                 domain::enumToName(domain::kFailoverTriggerNames, job.trigger),
                 timeText(job.createdAt.isValid() ? job.createdAt : nowUtc()),
                 optionalTimeText(job.startedAt), optionalTimeText(job.finishedAt),
                 QString::fromUtf8(QJsonDocument(capacity).toJson(QJsonDocument::Compact))},
                QStringLiteral("store failover job %1").arg(job.id))) {
        return *error;
    }
    auto others =
        count(db(),
              QStringLiteral("SELECT COUNT(*) FROM failover_jobs WHERE region = ? AND id <> ? "
                             "AND state IN ") +
                  kActiveStates,
              {job.region, job.id}, QStringLiteral("look for failovers of %1").arg(job.region));
    if (!others)
        return others.error();
    if (others.value() > 0) {
        return conflict(
            QStringLiteral("Region %1 already has a failover in progress").arg(job.region));
    }
    if (auto error =
            runBatch(db(),
                     QStringLiteral("INSERT INTO failover_moves (job_id, position, "
                                    "waddle_id, from_region, to_region, state, error) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?)"),
                     m, QStringLiteral("store the moves of failover job %1").arg(job.id))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<QList<FailoverMove>> FailoverRepository::moves(const QString &jobId) const
{
    return selectRows<FailoverMove>(
        db(),
        QStringLiteral("SELECT waddle_id, from_region, to_region, state, error "
                       "FROM failover_moves WHERE job_id = ? ORDER BY position"),
        {jobId}, QStringLiteral("read the moves of failover job %1").arg(jobId), moveFrom);
}

StoreResult<QList<FailoverJob>> FailoverRepository::withMoves(QList<FailoverJob> jobs) const
{
    for (FailoverJob &job : jobs) {
        auto found = moves(job.id);
        if (!found)
            return found.error();
        job.moves = std::move(found).value();
    }
    return jobs;
}

StoreResult<FailoverJob> FailoverRepository::job(const QString &id) const
{
    auto rows =
        selectRows<FailoverJob>(db(),
                                QStringLiteral("SELECT ") + kJobColumns +
                                    QStringLiteral(" FROM failover_jobs WHERE id = ?"),
                                {id}, QStringLiteral("read failover job %1").arg(id), jobFrom);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return notFound(QStringLiteral("No failover \"%1\"").arg(id));
    auto full = withMoves(std::move(rows).value());
    if (!full)
        return full.error();
    return full->constFirst();
}

StoreResult<qint64> FailoverRepository::jobCount() const
{
    return count(db(), QStringLiteral("SELECT COUNT(*) FROM failover_jobs"), {},
                 QStringLiteral("count the failover jobs"));
}

StoreResult<QList<FailoverJob>> FailoverRepository::jobs(qint64 offset, qint64 limit) const
{
    if (auto error = checkPaging(offset, limit))
        return *error;
    auto rows = selectRows<FailoverJob>(
        db(),
        QStringLiteral("SELECT ") + kJobColumns +
            QStringLiteral(
                " FROM failover_jobs ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?"),
        {limit, offset}, QStringLiteral("read the failover jobs"), jobFrom);
    if (!rows)
        return rows.error();
    return withMoves(std::move(rows).value());
}

StoreResult<QList<FailoverJob>> FailoverRepository::openJobs() const
{
    auto rows = selectRows<FailoverJob>(
        db(),
        QStringLiteral("SELECT ") + kJobColumns +
            QStringLiteral(" FROM failover_jobs WHERE state IN ('pending', 'running', "
                           "'failing_back', 'completed') ORDER BY created_at, id"),
        {}, QStringLiteral("read the open failover jobs"), jobFrom);
    if (!rows)
        return rows.error();
    return withMoves(std::move(rows).value());
}

StoreResult<std::optional<QString>> FailoverRepository::activeJobFor(const QString &region) const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT id FROM failover_jobs WHERE region = ? AND state "
                                        "IN ") +
                             kActiveStates + QStringLiteral(" ORDER BY created_at LIMIT 1"),
                         {region}, QStringLiteral("look for failovers of %1").arg(region))) {
        return *error;
    }
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.value(0).toString());
}

StoreResult<void> FailoverRepository::setJobState(const QString &id, FailoverState state,
                                                  const std::optional<QDateTime> &startedAt,
                                                  const std::optional<QDateTime> &finishedAt)
{
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("UPDATE failover_jobs SET state = ?, "
                               "started_at = COALESCE(?, started_at), "
                               "finished_at = COALESCE(?, finished_at) WHERE id = ?"),
                {stateName(state), optionalTimeText(startedAt), optionalTimeText(finishedAt), id},
                QStringLiteral("update failover job %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No failover \"%1\"").arg(id));
    return {};
}

namespace {

// SQLite binds at most 999 values in older builds: IN lists in chunks.
constexpr qsizetype kInChunk = 500;

QString placeholders(qsizetype count)
{
    QString out;
    out.reserve(count * 3);
    for (qsizetype i = 0; i < count; ++i)
        out += i == 0 ? QStringLiteral("?") : QStringLiteral(", ?");
    return out;
}

// The rows of `select` (ending in "IN (") for `ids`, chunk by chunk, keyed
// by `key`.
template <typename T, typename Row, typename Key>
StoreResult<QHash<QString, T>> rowsFor(const QSqlDatabase &db, const QString &select,
                                       const QVariantList &first, const QStringList &ids,
                                       const QString &what, Row row, Key key)
{
    QHash<QString, T> out;
    out.reserve(ids.size());
    for (qsizetype at = 0; at < ids.size(); at += kInChunk) {
        const QStringList chunk = ids.mid(at, kInChunk);
        QVariantList values = first;
        for (const QString &id : chunk)
            values.append(id);
        auto rows = selectRows<T>(db, select + placeholders(chunk.size()) + QLatin1Char(')'),
                                  values, what, row);
        if (!rows)
            return rows.error();
        for (T &value : rows.value())
            out.insert(key(value), std::move(value));
    }
    return out;
}

StoreResult<QHash<QString, Waddle>> readWaddles(const QSqlDatabase &db, const QStringList &ids)
{
    return rowsFor<Waddle>(db,
                           QStringLiteral("SELECT ") + waddleColumns() +
                               QStringLiteral(" FROM waddles WHERE id IN ("),
                           {}, ids, QStringLiteral("read the waddles of a failover batch"),
                           waddleFrom, [](const Waddle &w) { return w.id; });
}

// What a batch's moves write, gathered by `decide` and written in three
// prepared statements run over all rows.
struct MoveWrites
{
    QString jobId;
    QDateTime at;
    QList<QVariantList> placed = QList<QVariantList>(5); // region, temporary, original, at, id
    QList<QVariantList> marked = QList<QVariantList>(4); // state, error, job, waddle
    QList<QVariantList> notes = QList<QVariantList>(4);  // waddle, message, source, at

    void placeWaddle(const QString &waddleId, const QString &region, bool temporary,
                     const QString &original)
    {
        placed[0].append(region);
        placed[1].append(flag(temporary));
        placed[2].append(textOrNull(original));
        placed[3].append(timeText(at));
        placed[4].append(waddleId);
    }

    void notify(const QString &waddleId, const QString &message)
    {
        notes[0].append(waddleId);
        notes[1].append(message);
        notes[2].append(QString(QStringLiteral("failover:") + jobId));
        notes[3].append(timeText(at));
    }

    void markMove(const FailoverMove &move)
    {
        marked[0].append(moveStateName(move.state));
        marked[1].append(textOrNull(move.error));
        marked[2].append(jobId);
        marked[3].append(move.waddleId);
    }

    MaybeError write(const QSqlDatabase &db) const
    {
        if (!placed[0].isEmpty()) {
            if (auto error = runBatch(
                    db,
                    QStringLiteral("UPDATE waddles SET current_region = ?, temporary = ?, "
                                   "original_region = ?, version = version + 1, updated_at = ? "
                                   "WHERE id = ?"),
                    placed, QStringLiteral("move the waddles of failover %1").arg(jobId)))
                return error;
        }
        if (!marked[0].isEmpty()) {
            if (auto error =
                    runBatch(db,
                             QStringLiteral("UPDATE failover_moves SET state = ?, "
                                            "error = ? WHERE job_id = ? AND waddle_id = ?"),
                             marked, QStringLiteral("mark the moves of failover %1").arg(jobId)))
                return error;
        }
        if (!notes[0].isEmpty()) {
            return runBatch(db,
                            QStringLiteral("INSERT INTO member_notifications (waddle_id, message, "
                                           "source, created_at) VALUES (?, ?, ?, ?)"),
                            notes,
                            QStringLiteral("record the notifications of failover %1").arg(jobId));
        }
        return std::nullopt;
    }
};

// One batch's transaction: the moves read, those in the `wanted` state
// decided one by one on their waddle before (`decide` gathers the writes and
// sets the move's new state), everything written and marked, the waddles
// read after, all committed together or not at all.
using Decide = std::function<MaybeError(MoveWrites &, const std::optional<Waddle> &, FailoverMove &,
                                        const QString &notification)>;

StoreResult<QList<FailoverRepository::MoveOutcome>>
changeMoves(const QSqlDatabase &db, const QString &jobId,
            const QList<FailoverRepository::MoveNote> &notes, MoveState wanted, const QDateTime &at,
            const Decide &decide)
{
    QList<FailoverRepository::MoveOutcome> outcomes;
    if (notes.isEmpty())
        return outcomes;
    QStringList ids;
    ids.reserve(notes.size());
    for (const FailoverRepository::MoveNote &note : notes)
        ids.append(note.waddleId);

    Transaction tx(db);
    if (auto error = tx.begin())
        return *error;
    // A write that changes nothing, so the transaction holds SQLite's write
    // lock before it reads (see sql::Transaction).
    QSqlQuery lock(db);
    if (auto error =
            run(lock, QStringLiteral("UPDATE failover_jobs SET state = state WHERE id = ?"),
                {jobId}, QStringLiteral("lock failover %1").arg(jobId)))
        return *error;
    auto moves = rowsFor<FailoverMove>(
        db,
        QStringLiteral("SELECT waddle_id, from_region, to_region, state, error FROM "
                       "failover_moves WHERE job_id = ? AND waddle_id IN ("),
        {jobId}, ids, QStringLiteral("read the moves of failover %1").arg(jobId), moveFrom,
        [](const FailoverMove &m) { return m.waddleId; });
    if (!moves)
        return moves.error();
    auto before = readWaddles(db, ids);
    if (!before)
        return before.error();

    MoveWrites writes{jobId, at};
    QStringList changed;
    QSet<QString> seen;
    for (const FailoverRepository::MoveNote &note : notes) {
        const auto move = moves->constFind(note.waddleId);
        if (move == moves->cend() || move->state != wanted || seen.contains(note.waddleId))
            continue;
        seen.insert(note.waddleId);
        const auto w = before->constFind(note.waddleId);
        FailoverRepository::MoveOutcome outcome{
            *move, w == before->cend() ? std::optional<Waddle>() : std::optional<Waddle>(*w),
            std::nullopt};
        if (auto error = decide(writes, outcome.before, outcome.move, note.notification))
            return *error;
        writes.markMove(outcome.move);
        changed.append(note.waddleId);
        outcomes.append(std::move(outcome));
    }
    if (auto error = writes.write(db))
        return *error;
    auto after = readWaddles(db, changed);
    if (!after)
        return after.error();
    for (FailoverRepository::MoveOutcome &outcome : outcomes) {
        const auto w = after->constFind(outcome.move.waddleId);
        if (w != after->cend())
            outcome.after = *w;
    }
    if (auto error = tx.commit())
        return *error;
    return outcomes;
}

// The move, if it is in the `wanted` state: why a single change did nothing.
StoreError whyUnchanged(const QSqlDatabase &db, const QString &jobId, const QString &waddleId,
                        MoveState wanted)
{
    auto rows = selectRows<FailoverMove>(
        db,
        QStringLiteral("SELECT waddle_id, from_region, to_region, state, error "
                       "FROM failover_moves WHERE job_id = ? AND waddle_id = ?"),
        {jobId, waddleId}, QStringLiteral("read move %1 of failover %2").arg(waddleId, jobId),
        moveFrom);
    if (!rows)
        return rows.error();
    if (rows->isEmpty()) {
        return notFound(
            QStringLiteral("Failover \"%1\" has no move of waddle \"%2\"").arg(jobId, waddleId));
    }
    return conflict(
        QStringLiteral("The move of waddle %1 is %2, not %3")
            .arg(waddleId, moveStateName(rows->constFirst().state), moveStateName(wanted)));
}

// The single forms: the batch form with one move, nothing done explained.
StoreResult<FailoverRepository::MoveOutcome>
one(const QSqlDatabase &db, const QString &jobId, const QString &waddleId, MoveState wanted,
    StoreResult<QList<FailoverRepository::MoveOutcome>> changed)
{
    if (!changed)
        return changed.error();
    if (changed->isEmpty())
        return whyUnchanged(db, jobId, waddleId, wanted);
    return changed->constFirst();
}

MaybeError applyOne(MoveWrites &writes, const std::optional<Waddle> &w, FailoverMove &move,
                    const QString &notification)
{
    if (move.to.isEmpty())
        return invalid(QStringLiteral("The move of waddle %1 has no target").arg(move.waddleId));
    if (!w || w->currentRegion != move.from) {
        // Gone, or its owner moved it off the failed region meanwhile.
        move.state = MoveState::Kept;
        move.error = w ? QStringLiteral("no longer on %1").arg(move.from)
                       : QStringLiteral("the waddle no longer exists");
        return std::nullopt;
    }
    writes.placeWaddle(move.waddleId, move.to, true, move.from);
    move.state = MoveState::Moved;
    writes.notify(move.waddleId, notification);
    return std::nullopt;
}

MaybeError restoreOne(MoveWrites &writes, const std::optional<Waddle> &w, FailoverMove &move,
                      const QString &notification)
{
    if (w && w->temporary && w->currentRegion == move.to && w->originalRegion == move.from) {
        writes.placeWaddle(move.waddleId, move.from, false, QString());
        move.state = MoveState::Restored;
        writes.notify(move.waddleId, notification);
        return std::nullopt;
    }
    // SPEC §9 / issue 11: the owner's choice stands, the mark goes.
    move.state = MoveState::Kept;
    if (w && w->temporary && w->originalRegion == move.from)
        writes.placeWaddle(move.waddleId, w->currentRegion, false, QString());
    return std::nullopt;
}

} // namespace

StoreResult<QList<FailoverRepository::MoveOutcome>>
FailoverRepository::applyMoves(const QString &jobId, const QList<MoveNote> &moves,
                               const QDateTime &at)
{
    return changeMoves(db(), jobId, moves, MoveState::Pending, at, applyOne);
}

StoreResult<QList<FailoverRepository::MoveOutcome>>
FailoverRepository::restoreMoves(const QString &jobId, const QList<MoveNote> &moves,
                                 const QDateTime &at)
{
    return changeMoves(db(), jobId, moves, MoveState::Moved, at, restoreOne);
}

StoreResult<QList<FailoverRepository::MoveOutcome>>
FailoverRepository::failMoves(const QString &jobId, const QList<MoveFailure> &failures)
{
    QList<MoveNote> notes;
    notes.reserve(failures.size());
    for (const MoveFailure &failure : failures)
        notes.append(MoveNote{failure.waddleId, failure.error});
    // The note carries the error here.
    return changeMoves(db(), jobId, notes, MoveState::Pending, nowUtc(),
                       [](MoveWrites &, const std::optional<Waddle> &, FailoverMove &move,
                          const QString &error) -> MaybeError {
                           move.state = MoveState::Failed;
                           move.error = error;
                           return std::nullopt;
                       });
}

StoreResult<FailoverRepository::MoveOutcome>
FailoverRepository::applyMove(const QString &jobId, const QString &waddleId,
                              const QString &notification, const QDateTime &at)
{
    const QList<MoveNote> moves{MoveNote{waddleId, notification}};
    return one(db(), jobId, waddleId, MoveState::Pending, applyMoves(jobId, moves, at));
}

StoreResult<void> FailoverRepository::failMove(const QString &jobId, const QString &waddleId,
                                               const QString &error)
{
    const QList<MoveFailure> failures{MoveFailure{waddleId, error}};
    auto failed = one(db(), jobId, waddleId, MoveState::Pending, failMoves(jobId, failures));
    if (!failed)
        return failed.error();
    return {};
}

StoreResult<FailoverRepository::MoveOutcome>
FailoverRepository::restoreMove(const QString &jobId, const QString &waddleId,
                                const QString &notification, const QDateTime &at)
{
    const QList<MoveNote> moves{MoveNote{waddleId, notification}};
    return one(db(), jobId, waddleId, MoveState::Moved, restoreMoves(jobId, moves, at));
}

} // namespace waddle::cp
