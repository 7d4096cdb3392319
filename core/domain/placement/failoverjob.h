#pragma once

#include "domain/enumnames.h"
#include "domain/placement/failover.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace waddle::domain {

// SPEC §9 as a persisted job: the plan (planFailover) turned into one move
// per waddle, each stored before it is acted on and marked after, so that a
// restart resumes the job instead of repeating or losing moves. This header
// holds the values, the wire format and the pure bookkeeping; the control
// plane's failover service does the moving.

enum class FailoverState
{
    Pending, // waits for an operator (policy "confirm")
    Running,
    Completed,
    FailingBack,
    FailedBack,
    Failed
};

enum class FailoverTrigger
{
    Automatic,
    Operator
};

enum class MoveState
{
    Pending,  // planned, not yet moved
    Moved,    // on its failover region (temporary)
    Failed,   // the move failed; the waddle is still on its region
    Unplaced, // no region could take it; it keeps its region
    Restored, // fail-back returned it to the original region
    Kept      // its owner chose another region meanwhile: the choice stands
};

inline constexpr std::array<EnumName<FailoverState>, 6> kFailoverStateNames{{
    {FailoverState::Pending, QLatin1String("pending")},
    {FailoverState::Running, QLatin1String("running")},
    {FailoverState::Completed, QLatin1String("completed")},
    {FailoverState::FailingBack, QLatin1String("failing_back")},
    {FailoverState::FailedBack, QLatin1String("failed_back")},
    {FailoverState::Failed, QLatin1String("failed")},
}};

inline constexpr std::array<EnumName<FailoverTrigger>, 2> kFailoverTriggerNames{{
    {FailoverTrigger::Automatic, QLatin1String("automatic")},
    {FailoverTrigger::Operator, QLatin1String("operator")},
}};

inline constexpr std::array<EnumName<MoveState>, 6> kMoveStateNames{{
    {MoveState::Pending, QLatin1String("pending")},
    {MoveState::Moved, QLatin1String("moved")},
    {MoveState::Failed, QLatin1String("failed")},
    {MoveState::Unplaced, QLatin1String("unplaced")},
    {MoveState::Restored, QLatin1String("restored")},
    {MoveState::Kept, QLatin1String("kept")},
}};

struct FailoverMove
{
    QString waddleId;
    QString from;
    QString to; // empty when unplaced
    MoveState state = MoveState::Pending;
    QString error;

    friend bool operator==(const FailoverMove &, const FailoverMove &) = default;
};

// A target region's load (members) before and after the plan, against its
// maximum: what the dry run shows as bars.
struct CapacityChange
{
    QString region;
    qint64 before = 0;
    qint64 after = 0;
    qint64 maximum = 0;

    friend bool operator==(const CapacityChange &, const CapacityChange &) = default;
};

struct FailoverJob
{
    QString id;
    QString region;
    FailoverState state = FailoverState::Pending;
    FailoverTrigger trigger = FailoverTrigger::Automatic;
    QDateTime createdAt;
    std::optional<QDateTime> startedAt;
    std::optional<QDateTime> finishedAt;
    QList<FailoverMove> moves;
    QList<CapacityChange> capacity;

    friend bool operator==(const FailoverJob &, const FailoverJob &) = default;
};

// The counts the API reports beside the moves.
struct FailoverTally
{
    qint64 affected = 0;  // every waddle of the job
    qint64 succeeded = 0; // moved, restored or kept
    qint64 failed = 0;
    qint64 unplaced = 0;
    qint64 pending = 0;

    friend bool operator==(const FailoverTally &, const FailoverTally &) = default;
};

FailoverTally tally(const QList<FailoverMove> &moves);

// Turns a plan into moves (unplaced ones carry the planner's reason) and the
// capacity table: for every region that receives waddles, its load now
// (capacity.current), the load after the plan and its maximum. `seats` gives
// each waddle's members (missing counts as 0).
struct FailoverDraft
{
    QList<FailoverMove> moves;
    QList<CapacityChange> capacity; // in the order of `regions`
};
FailoverDraft draftFailover(const QString &failedRegion, const QList<FailoverAssignment> &plan,
                            const QList<Region> &regions, const QHash<QString, qint64> &seats);

// The job's state once every move has an outcome: running while any is
// pending; otherwise completed (failed only when no waddle could be moved
// and at least one move failed outright).
FailoverState settledState(const FailoverJob &job);

QJsonObject toJson(const FailoverMove &move);
QJsonObject toJson(const CapacityChange &change);
// F of the API: the job with its tally.
QJsonObject toJson(const FailoverJob &job);
Result<FailoverMove> failoverMoveFromJson(const QJsonValue &json, const QString &path = {});
Result<CapacityChange> capacityChangeFromJson(const QJsonValue &json, const QString &path = {});
Result<FailoverJob> failoverJobFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
