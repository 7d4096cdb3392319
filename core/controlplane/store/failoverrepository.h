#pragma once

#include "domain/placement/failoverjob.h"
#include "domain/waddle.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace waddle::cp {

class Database;

// Failover jobs and their moves (SPEC §9, issue 11): one aggregate. A job is
// stored with every move before anything is moved; each move is then marked
// in the same transaction that changes its waddle (and records the members'
// notification), so after a crash a move is either done and marked or
// neither, and resuming runs exactly the pending ones.
// No repository knows another; each runs its own statements on the Database.
class FailoverRepository
{
public:
    explicit FailoverRepository(const Database &database);

    // Stores a new job with its moves and capacity table. Conflict when the
    // region already has an unfinished job (pending, running or failing
    // back): one failover per region at a time. Invalid for a job without id
    // or region.
    [[nodiscard]] StoreResult<void> createJob(const domain::FailoverJob &job);
    // The job with its moves in plan order; NotFound for an unknown id.
    [[nodiscard]] StoreResult<domain::FailoverJob> job(const QString &id) const;
    [[nodiscard]] StoreResult<qint64> jobCount() const;
    // Newest first, each with its moves.
    [[nodiscard]] StoreResult<QList<domain::FailoverJob>> jobs(qint64 offset, qint64 limit) const;
    // Jobs not finished (pending, running, failing back) and completed ones
    // (which fail-back may still restore), oldest first: what a restart looks
    // at.
    [[nodiscard]] StoreResult<QList<domain::FailoverJob>> openJobs() const;
    // The region's unfinished job, if any.
    [[nodiscard]] StoreResult<std::optional<QString>> activeJobFor(const QString &region) const;

    // The job's state and times (null times are left as stored).
    [[nodiscard]] StoreResult<void> setJobState(const QString &id, domain::FailoverState state,
                                                const std::optional<QDateTime> &startedAt,
                                                const std::optional<QDateTime> &finishedAt);

    // What a move did to its waddle.
    struct MoveOutcome
    {
        domain::FailoverMove move;
        std::optional<domain::Waddle> before; // the waddle when it changed
        std::optional<domain::Waddle> after;
    };

    // A move to change and the members' notification it records.
    struct MoveNote
    {
        QString waddleId;
        QString notification;
    };
    // A move that could not be done and why.
    struct MoveFailure
    {
        QString waddleId;
        QString error;
    };

    // One failover move, one transaction: when the pending move's waddle is
    // still on the failed region, current_region = target, temporary,
    // original_region = the failed region, the move marked moved and the
    // members' notification recorded; a waddle that left the region
    // meanwhile (its owner chose) is left alone and the move marked kept.
    // Conflict when the move is not pending (nothing is done twice).
    [[nodiscard]] StoreResult<MoveOutcome> applyMove(const QString &jobId, const QString &waddleId,
                                                     const QString &notification,
                                                     const QDateTime &at);
    // A move that could not be done: marked failed with `error`, the waddle
    // unchanged. Conflict when it is not pending.
    [[nodiscard]] StoreResult<void> failMove(const QString &jobId, const QString &waddleId,
                                             const QString &error);
    // Fail-back of one moved waddle, one transaction: still temporary on the
    // move's target with the failed region as its original → back there,
    // the mark cleared, the move restored and the notification recorded; if
    // its owner chose a region meanwhile (no longer temporary there) the
    // choice stands, any stale mark is cleared and the move is kept.
    // Conflict when the move is not moved.
    [[nodiscard]] StoreResult<MoveOutcome> restoreMove(const QString &jobId,
                                                       const QString &waddleId,
                                                       const QString &notification,
                                                       const QDateTime &at);

    // The batch forms: every move as its single form would do it, all in
    // ONE transaction (a batch of a failover is stored together or not at
    // all). A move not in the wanted state, or not of the job, is skipped
    // (nothing is done twice): the outcomes are those of the moves changed,
    // in the order given.
    [[nodiscard]] StoreResult<QList<MoveOutcome>>
    applyMoves(const QString &jobId, const QList<MoveNote> &moves, const QDateTime &at);
    [[nodiscard]] StoreResult<QList<MoveOutcome>>
    restoreMoves(const QString &jobId, const QList<MoveNote> &moves, const QDateTime &at);
    [[nodiscard]] StoreResult<QList<MoveOutcome>> failMoves(const QString &jobId,
                                                            const QList<MoveFailure> &failures);

private:
    [[nodiscard]] QSqlDatabase db() const;
    [[nodiscard]] StoreResult<QList<domain::FailoverMove>> moves(const QString &jobId) const;
    [[nodiscard]] StoreResult<QList<domain::FailoverJob>>
    withMoves(QList<domain::FailoverJob> jobs) const;

    const Database &m_database;
};

} // namespace waddle::cp
