#include "domain/placement/failoverjob.h"

#include "domain/jsonreader.h"

#include <QJsonArray>

namespace waddle::domain {

FailoverTally tally(const QList<FailoverMove> &moves)
{
    FailoverTally t;
    t.affected = moves.size();
    for (const FailoverMove &move : moves) {
        switch (move.state) {
        case MoveState::Pending:
            ++t.pending;
            break;
        case MoveState::Moved:
        case MoveState::Restored:
        case MoveState::Kept:
            ++t.succeeded;
            break;
        case MoveState::Failed:
            ++t.failed;
            break;
        case MoveState::Unplaced:
            ++t.unplaced;
            break;
        }
    }
    return t;
}

FailoverDraft draftFailover(const QString &failedRegion, const QList<FailoverAssignment> &plan,
                            const QList<Region> &regions, const QHash<QString, qint64> &seats)
{
    FailoverDraft draft;
    QHash<QString, qint64> added;
    draft.moves.reserve(plan.size());
    for (const FailoverAssignment &assignment : plan) {
        FailoverMove move{assignment.waddleId, failedRegion, assignment.target,
                          assignment.target.isEmpty() ? MoveState::Unplaced : MoveState::Pending,
                          assignment.target.isEmpty() ? assignment.error : QString()};
        if (!assignment.target.isEmpty())
            added[assignment.target] += seats.value(assignment.waddleId, 0);
        draft.moves.append(move);
    }
    for (const Region &region : regions) {
        const auto it = added.constFind(region.code);
        if (it == added.cend())
            continue;
        draft.capacity.append(CapacityChange{region.code, region.capacity.current,
                                             region.capacity.current + *it,
                                             region.capacity.maximum});
    }
    return draft;
}

FailoverState settledState(const FailoverJob &job)
{
    const FailoverTally t = tally(job.moves);
    if (t.pending > 0)
        return FailoverState::Running;
    if (t.failed > 0 && t.succeeded == 0)
        return FailoverState::Failed;
    return FailoverState::Completed;
}

namespace {} // namespace

QJsonObject toJson(const FailoverMove &move)
{
    QJsonObject json{{QStringLiteral("waddle_id"), move.waddleId},
                     {QStringLiteral("from"), move.from},
                     {QStringLiteral("to"),
                      move.to.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(move.to)},
                     {QStringLiteral("state"), enumToName(kMoveStateNames, move.state)}};
    if (!move.error.isEmpty())
        json.insert(QStringLiteral("error"), move.error);
    return json;
}

QJsonObject toJson(const CapacityChange &change)
{
    return {{QStringLiteral("region"), change.region},
            {QStringLiteral("before"), change.before},
            {QStringLiteral("after"), change.after},
            {QStringLiteral("maximum"), change.maximum}};
}

QJsonObject toJson(const FailoverJob &job)
{
    const FailoverTally t = tally(job.moves);
    QJsonArray moves;
    for (const FailoverMove &move : job.moves)
        moves.append(toJson(move));
    QJsonArray capacity;
    for (const CapacityChange &change : job.capacity)
        capacity.append(toJson(change));
    QJsonObject json{{QStringLiteral("id"), job.id},
                     {QStringLiteral("region"), job.region},
                     {QStringLiteral("state"), enumToName(kFailoverStateNames, job.state)},
                     {QStringLiteral("trigger"), enumToName(kFailoverTriggerNames, job.trigger)},
                     {QStringLiteral("created_at"), toIsoString(job.createdAt)},
                     {QStringLiteral("affected"), t.affected},
                     {QStringLiteral("succeeded"), t.succeeded},
                     {QStringLiteral("failed"), t.failed},
                     {QStringLiteral("unplaced"), t.unplaced},
                     {QStringLiteral("moves"), moves},
                     {QStringLiteral("capacity"), capacity}};
    json.insert(QStringLiteral("started_at"), toJsonTime(job.startedAt));
    json.insert(QStringLiteral("finished_at"), toJsonTime(job.finishedAt));
    return json;
}

Result<FailoverMove> failoverMoveFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    FailoverMove move;
    move.waddleId = r.string(QLatin1String("waddle_id"));
    move.from = r.string(QLatin1String("from"));
    move.to = r.optionalString(QLatin1String("to")).value_or(QString());
    move.state = r.enumeration(QLatin1String("state"), kMoveStateNames);
    move.error = r.optionalString(QLatin1String("error")).value_or(QString());
    if (!r.failed() && move.to.isEmpty() && move.state != MoveState::Unplaced)
        r.failField(QLatin1String("to"), QStringLiteral("is required unless the move is unplaced"));
    return r.finish(move);
}

Result<CapacityChange> capacityChangeFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    CapacityChange change;
    change.region = r.string(QLatin1String("region"));
    change.before = r.integer(QLatin1String("before"), 0);
    change.after = r.integer(QLatin1String("after"), 0);
    change.maximum = r.integer(QLatin1String("maximum"), 0);
    return r.finish(change);
}

Result<FailoverJob> failoverJobFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    FailoverJob job;
    job.id = r.string(QLatin1String("id"));
    job.region = r.string(QLatin1String("region"));
    job.state = r.enumeration(QLatin1String("state"), kFailoverStateNames);
    job.trigger = r.enumeration(QLatin1String("trigger"), kFailoverTriggerNames);
    job.createdAt = r.dateTime(QLatin1String("created_at"));
    job.startedAt = r.optionalDateTime(QLatin1String("started_at"));
    job.finishedAt = r.optionalDateTime(QLatin1String("finished_at"));
    job.moves = r.list<FailoverMove>(QLatin1String("moves"), failoverMoveFromJson);
    job.capacity = r.list<CapacityChange>(QLatin1String("capacity"), capacityChangeFromJson);
    return r.finish(job);
}

} // namespace waddle::domain
