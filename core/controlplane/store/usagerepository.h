#pragma once

#include "domain/analytics/hourlyusage.h"
#include "domain/analytics/metricpoint.h"
#include "domain/analytics/projectmetricpoint.h"
#include "domain/analytics/usageevent.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <functional>

namespace waddle::cp {

class Database;

// The analytics project of all usage (issue 12); any other project is a
// waddle's id.
inline const QString kFleetProject = QStringLiteral("fleet");

// Finished voice sessions and their hourly totals (SPEC §11).
// No repository knows another; each runs its own statements on the Database.
class UsageRepository
{
public:
    explicit UsageRepository(const Database &database);

    // Stores finished sessions and adds them to their hours' totals (per
    // region, and per waddle and region) and to the participant_minutes metric
    // points of the fleet and of their waddle, in one transaction. Events without an id get one
    // from the database; an id given must be a whole number (it is the row's key).
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
    // The same for one project: kFleetProject (as above) or a waddle's id.
    [[nodiscard]] StoreResult<QList<domain::HourlyUsage>> hourlyUsage(const QString &projectId,
                                                                      const QString &region,
                                                                      const QDateTime &from,
                                                                      const QDateTime &to) const;

    // Adds `value` to a project's metric at the minute of `at` (a real-time
    // metric such as api_request).
    [[nodiscard]] StoreResult<void> addMetricPoint(const QString &projectId, const QString &metric,
                                                   const QDateTime &at, double value);
    // How many sessions of a region started in [from, to) had a latency in
    // each bucket [bounds[i−1], bounds[i]) (the first from 0, one more bucket
    // for ≥ the last bound).
    [[nodiscard]] StoreResult<QList<qint64>> latencyHistogram(const QString &region,
                                                              const QDateTime &from,
                                                              const QDateTime &to,
                                                              const QList<double> &bounds) const;
    // Adds each value to its project's metric at the minute of its time, in
    // one transaction (the demo fleet's meters, SPEC §11). Nothing is added
    // when a point has no time.
    [[nodiscard]] StoreResult<void>
    addMetricPoints(const QList<domain::ProjectMetricPoint> &points);
    // A project's metric summed per UTC day over [from, to) (both midnights):
    // day start → total, for days with any value.
    [[nodiscard]] StoreResult<QList<domain::MetricPoint>>
    dailyMetricTotals(const QString &projectId, const QString &metric, const QDateTime &from,
                      const QDateTime &to) const;
    // A project's metric per minute in [from, to), oldest first; minutes
    // without a value are absent.
    [[nodiscard]] StoreResult<QList<domain::MetricPoint>> metricPoints(const QString &projectId,
                                                                       const QString &metric,
                                                                       const QDateTime &from,
                                                                       const QDateTime &to) const;

    // Every usage event of a project (kFleetProject or a waddle's id) that
    // started in [from, to), handed to `visit` one at a time in constant
    // memory, in no promised order; the events carry no id.
    [[nodiscard]] StoreResult<void>
    forEachUsageEvent(const QString &projectId, const QDateTime &from, const QDateTime &to,
                      const std::function<void(const domain::UsageEvent &)> &visit) const;

private:
    [[nodiscard]] QSqlDatabase db() const;
    [[nodiscard]] std::optional<StoreError> addMetricPoints(const QList<QVariantList> &columns);

    const Database &m_database;
};

} // namespace waddle::cp
