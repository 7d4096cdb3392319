#pragma once

#include "domain/analytics/hourlyusage.h"
#include "domain/analytics/metricpoint.h"
#include "domain/analytics/usageevent.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace waddle::cp {

class Database;

// Finished voice sessions and their hourly totals (SPEC §11).
// No repository knows another; each runs its own statements on the Database.
class UsageRepository
{
public:
    explicit UsageRepository(const Database &database);

    // Stores finished sessions and adds them to their hours' totals, in one
    // transaction. Events without an id get one from the database; an id
    // given must be a whole number (it is the row's key).
    [[nodiscard]] StoreResult<void> insertUsageEvents(const QList<domain::UsageEvent> &events);
    [[nodiscard]] StoreResult<qint64> usageEventCount() const;
    // Sessions per hour of one region for every hour that starts in
    // [hour of `from`, `to`), zero for hours without sessions; oldest first.
    [[nodiscard]] StoreResult<QList<domain::MetricPoint>>
    hourlySessions(const QString &region, const QDateTime &from, const QDateTime &to) const;
    // The stored hourly totals in the same range (hours without sessions are
    // absent); all regions when `region` is empty. Ordered by hour, region.
    [[nodiscard]] StoreResult<QList<domain::HourlyUsage>>
    hourlyUsage(const QString &region, const QDateTime &from, const QDateTime &to) const;

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
