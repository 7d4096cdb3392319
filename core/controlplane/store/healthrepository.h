#pragma once

#include "domain/health.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace waddle::cp {

class Database;

// Health check history (SPEC §8), kept for the retention period.
// No repository knows another; each runs its own statements on the Database.
class HealthRepository
{
public:
    explicit HealthRepository(const Database &database);

    [[nodiscard]] StoreResult<void> recordHealth(const QList<domain::RegionHealth> &checks);
    // Checks of one region at or after `since` (all when invalid), newest
    // first, at most `limit` (> 0).
    [[nodiscard]] StoreResult<QList<domain::RegionHealth>>
    healthHistory(const QString &code, const QDateTime &since, int limit) const;
    [[nodiscard]] StoreResult<std::optional<domain::RegionHealth>>
    latestHealth(const QString &code) const;
    // Share (%) of the checks of every region at or after `since` that found
    // their region online or degraded; nullopt when there is none.
    [[nodiscard]] StoreResult<std::optional<double>>
    availabilitySince(const QDateTime &since) const;
    // Deletes checks older than `before`; returns how many.
    [[nodiscard]] StoreResult<qint64> pruneHealthBefore(const QDateTime &before);

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
