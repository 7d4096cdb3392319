#pragma once

#include "domain/member.h"
#include "domain/placement/locationgroup.h"
#include "domain/waddle.h"
#include "storeerror.h"

#include <QList>
#include <QSqlDatabase>

namespace waddle::cp {

class Database;

// Waddles and their members (SPEC §6, §9): one aggregate, as a member
// belongs to exactly one waddle and goes with it.
// No repository knows another; each runs its own statements on the Database.
class WaddleRepository
{
public:
    explicit WaddleRepository(const Database &database);

    [[nodiscard]] StoreResult<qint64> waddleCount() const;
    // Ordered by id.
    [[nodiscard]] StoreResult<QList<domain::Waddle>> waddles(qint64 offset, qint64 limit) const;
    [[nodiscard]] StoreResult<domain::Waddle> waddle(const QString &id) const;
    // The waddles whose current region is `code`, ordered by id.
    [[nodiscard]] StoreResult<QList<domain::Waddle>> waddlesOnRegion(const QString &code) const;
    // The owner's choice, saved only if the stored version is still
    // `expectedVersion` (SPEC §6 If-Match): NotFound for an unknown id,
    // Conflict naming the current version otherwise. An explicit choice ends a
    // temporary failover placement (fail-back must not undo the owner's
    // decision). Returns the stored waddle with its new version.
    [[nodiscard]] StoreResult<domain::Waddle> updateVoiceRegion(const QString &id,
                                                                const QString &voiceRegion,
                                                                const QString &currentRegion,
                                                                qint64 expectedVersion);
    // Moves a waddle (failover, fail-back, optimiser, migration). `temporary`
    // needs `originalRegion`; without it the original is cleared.
    [[nodiscard]] StoreResult<domain::Waddle> setCurrentRegion(const QString &id,
                                                               const QString &currentRegion,
                                                               bool temporary,
                                                               const QString &originalRegion);
    // Adds waddles and members in one transaction: a duplicate id (Conflict)
    // or a member of an unknown waddle (Invalid) leaves the store unchanged.
    [[nodiscard]] StoreResult<void> insertWaddles(const QList<domain::Waddle> &waddles,
                                                  const QList<domain::Member> &members);
    // True when there are no waddles yet (the demo seeds then).
    [[nodiscard]] StoreResult<bool> isEmpty() const;

    // Ordered by id.
    [[nodiscard]] StoreResult<QList<domain::Member>> members(const QString &waddleId, qint64 offset,
                                                             qint64 limit) const;
    [[nodiscard]] StoreResult<qint64> memberCount(const QString &waddleId) const;
    // Members by place, counted in SQL: one group per city and country (at
    // the mean of its members' points), members with only coordinates by
    // 0.01° cell as domain::groupByLocation does; members without a location
    // are left out. Largest groups first.
    [[nodiscard]] StoreResult<QList<domain::LocationGroup>>
    memberGroups(const QString &waddleId) const;

private:
    [[nodiscard]] QSqlDatabase db() const;
    [[nodiscard]] StoreResult<domain::Waddle> readWaddle(const QString &id) const;
    [[nodiscard]] StoreResult<void> requireWaddle(const QString &id) const;

    const Database &m_database;
};

} // namespace waddle::cp
