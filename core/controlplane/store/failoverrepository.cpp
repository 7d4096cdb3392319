#include "failoverrepository.h"

#include "database.h"
#include "statements.h"
#include "waddlerows.h"

#include <QJsonArray>
#include <QJsonDocument>
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

// The statements one move's transaction runs, on its connection.
struct MoveWriter
{
    QSqlDatabase db;
    QString jobId;
    QString waddleId;

    StoreResult<std::optional<Waddle>> readWaddle() const
    {
        auto rows = selectRows<Waddle>(db,
                                       QStringLiteral("SELECT ") + waddleColumns() +
                                           QStringLiteral(" FROM waddles WHERE id = ?"),
                                       {waddleId}, QStringLiteral("read waddle %1").arg(waddleId),
                                       waddleFrom);
        if (!rows)
            return rows.error();
        return rows->isEmpty() ? std::optional<Waddle>() : std::optional<Waddle>(rows->first());
    }

    MaybeError placeWaddle(const QString &region, bool temporary, const QString &original,
                           const QDateTime &at) const
    {
        QSqlQuery q(db);
        return run(q,
                   QStringLiteral("UPDATE waddles SET current_region = ?, temporary = ?, "
                                  "original_region = ?, version = version + 1, updated_at = ? "
                                  "WHERE id = ?"),
                   {region, flag(temporary), textOrNull(original), timeText(at), waddleId},
                   QStringLiteral("move waddle %1").arg(waddleId));
    }

    MaybeError markMove(MoveState state, const QString &error = {}) const
    {
        QSqlQuery q(db);
        return run(q,
                   QStringLiteral("UPDATE failover_moves SET state = ?, error = ? "
                                  "WHERE job_id = ? AND waddle_id = ?"),
                   {moveStateName(state), textOrNull(error), jobId, waddleId},
                   QStringLiteral("mark move %1 of failover %2").arg(waddleId, jobId));
    }

    // A write that changes nothing, so the transaction holds SQLite's write
    // lock before it reads (see sql::Transaction).
    MaybeError lock() const
    {
        QSqlQuery q(db);
        return run(q,
                   QStringLiteral("UPDATE failover_moves SET state = state "
                                  "WHERE job_id = ? AND waddle_id = ?"),
                   {jobId, waddleId},
                   QStringLiteral("lock move %1 of failover %2").arg(waddleId, jobId));
    }

    MaybeError notify(const QString &message, const QDateTime &at) const
    {
        QSqlQuery q(db);
        return run(q,
                   QStringLiteral("INSERT INTO member_notifications (waddle_id, message, source, "
                                  "created_at) VALUES (?, ?, ?, ?)"),
                   {waddleId, message, QString(QStringLiteral("failover:") + jobId), timeText(at)},
                   QStringLiteral("record the notification of waddle %1").arg(waddleId));
    }
};

// The move, if it is in the `wanted` state (nothing is done twice).
StoreResult<FailoverMove> readMove(const QSqlDatabase &db, const QString &jobId,
                                   const QString &waddleId, MoveState wanted)
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
    const FailoverMove move = rows->constFirst();
    if (move.state != wanted) {
        return conflict(QStringLiteral("The move of waddle %1 is %2, not %3")
                            .arg(waddleId, moveStateName(move.state), moveStateName(wanted)));
    }
    return move;
}

// One move's transaction: the move read in the `wanted` state, its waddle
// before, `decide` writing the change and setting the new state, the move
// marked, the waddle after, all committed together or not at all.
using Decide =
    std::function<MaybeError(const MoveWriter &, const std::optional<Waddle> &, FailoverMove &)>;

StoreResult<FailoverRepository::MoveOutcome> changeMove(const QSqlDatabase &db,
                                                        const QString &jobId,
                                                        const QString &waddleId, MoveState wanted,
                                                        const Decide &decide)
{
    const MoveWriter writer{db, jobId, waddleId};
    Transaction tx(db);
    if (auto error = tx.begin())
        return *error;
    if (auto error = writer.lock())
        return *error;
    auto move = readMove(db, jobId, waddleId, wanted);
    if (!move)
        return move.error();
    auto before = writer.readWaddle();
    if (!before)
        return before.error();
    FailoverRepository::MoveOutcome outcome{move.value(), before.value(), std::nullopt};
    if (auto error = decide(writer, before.value(), outcome.move))
        return *error;
    if (auto error = writer.markMove(outcome.move.state, outcome.move.error))
        return *error;
    auto after = writer.readWaddle();
    if (!after)
        return after.error();
    outcome.after = after.value();
    if (auto error = tx.commit())
        return *error;
    return outcome;
}

} // namespace

StoreResult<FailoverRepository::MoveOutcome>
FailoverRepository::applyMove(const QString &jobId, const QString &waddleId,
                              const QString &notification, const QDateTime &at)
{
    return changeMove(
        db(), jobId, waddleId, MoveState::Pending,
        [&](const MoveWriter &writer, const std::optional<Waddle> &w,
            FailoverMove &move) -> MaybeError {
            if (move.to.isEmpty())
                return invalid(QStringLiteral("The move of waddle %1 has no target").arg(waddleId));
            if (!w || w->currentRegion != move.from) {
                // Gone, or its owner moved it off the failed region meanwhile.
                move.state = MoveState::Kept;
                move.error = w ? QStringLiteral("no longer on %1").arg(move.from)
                               : QStringLiteral("the waddle no longer exists");
                return std::nullopt;
            }
            if (auto error = writer.placeWaddle(move.to, true, move.from, at))
                return error;
            move.state = MoveState::Moved;
            return writer.notify(notification, at);
        });
}

StoreResult<void> FailoverRepository::failMove(const QString &jobId, const QString &waddleId,
                                               const QString &error)
{
    auto failed = changeMove(
        db(), jobId, waddleId, MoveState::Pending,
        [&](const MoveWriter &, const std::optional<Waddle> &, FailoverMove &move) -> MaybeError {
            move.state = MoveState::Failed;
            move.error = error;
            return std::nullopt;
        });
    if (!failed)
        return failed.error();
    return {};
}

StoreResult<FailoverRepository::MoveOutcome>
FailoverRepository::restoreMove(const QString &jobId, const QString &waddleId,
                                const QString &notification, const QDateTime &at)
{
    return changeMove(db(), jobId, waddleId, MoveState::Moved,
                      [&](const MoveWriter &writer, const std::optional<Waddle> &w,
                          FailoverMove &move) -> MaybeError {
                          if (w && w->temporary && w->currentRegion == move.to &&
                              w->originalRegion == move.from) {
                              if (auto error = writer.placeWaddle(move.from, false, QString(), at))
                                  return error;
                              move.state = MoveState::Restored;
                              return writer.notify(notification, at);
                          }
                          // SPEC §9 / issue 11: the owner's choice stands, the mark goes.
                          move.state = MoveState::Kept;
                          if (w && w->temporary && w->originalRegion == move.from)
                              return writer.placeWaddle(w->currentRegion, false, QString(), at);
                          return std::nullopt;
                      });
}

} // namespace waddle::cp
