#include "usagerepository.h"

#include "database.h"
#include "domain/region.h"
#include "statements.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>

#include <cmath>

namespace waddle::cp {

using namespace store;
using domain::HourlyUsage;

namespace {

// The longest range hourlySessions fills hour by hour.
constexpr qint64 kMaxHourlyRangeHours = 400 * 24;

QDateTime startOfHour(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC);
}

// The stored text of the start of the hour of `time`, whose stored text is
// `text`: "2025-03-09T10:05:00.000Z" → "2025-03-09T10:00:00.000Z" by text
// alone when it has that shape (the cheap way, for millions of events).
QString hourText(const QString &text, const QDateTime &time)
{
    if (text.size() == 24 && text.at(13) == u':' && text.endsWith(u'Z'))
        return QStringView(text).left(13) + QStringLiteral(":00:00.000Z");
    return timeText(startOfHour(time));
}

// The same for the start of the minute.
QString minuteText(const QString &text, const QDateTime &time)
{
    if (text.size() == 24 && text.at(16) == u':' && text.endsWith(u'Z'))
        return QStringView(text).left(16) + QStringLiteral(":00.000Z");
    const QDateTime utc = time.toUTC();
    return timeText(QDateTime(utc.date(), QTime(utc.time().hour(), utc.time().minute()), Qt::UTC));
}

const QString kParticipantMinutes = QStringLiteral("participant_minutes");

// Adds `h`'s totals (columns: key columns…, sessions, participants, duration,
// quality, latency) to `table`, whose primary key is `keys`.
MaybeError addHourly(const QSqlDatabase &db, const QString &table, const QStringList &keys,
                     const QList<QVariantList> &h)
{
    QStringList updates;
    for (const QString &column : {QStringLiteral("sessions"), QStringLiteral("participants"),
                                  QStringLiteral("total_duration_seconds"),
                                  QStringLiteral("quality_sum"), QStringLiteral("latency_sum")})
        updates.append(QStringLiteral("%1 = %2.%1 + excluded.%1").arg(column, table));
    const QString marks = QStringLiteral("?, ").repeated(keys.size() + 5).chopped(2);
    return runBatch(
        db,
        QStringLiteral("INSERT INTO %1 (%2, sessions, participants, "
                       "total_duration_seconds, quality_sum, latency_sum) VALUES (%3) "
                       "ON CONFLICT (%2) DO UPDATE SET %4")
            .arg(table, keys.join(QStringLiteral(", ")), marks, updates.join(QStringLiteral(", "))),
        h, QStringLiteral("update the hourly usage"));
}

} // namespace

UsageRepository::UsageRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase UsageRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> UsageRepository::insertUsageEvents(const QList<domain::UsageEvent> &events)
{
    // Two statements: events the database numbers and events that bring their
    // number (binding NULL to a generated key is not portable).
    QList<QVariantList> fresh(8);
    QList<QVariantList> numbered(9);
    QHash<std::pair<QString, QString>, HourlyUsage> hours;
    QHash<std::pair<QString, std::pair<QString, QString>>, HourlyUsage> waddleHours;
    QHash<std::pair<QString, QString>, double> minutes; // (project, minute) → participant minutes
    for (qsizetype i = 0; i < events.size(); ++i) {
        const domain::UsageEvent &e = events.at(i);
        const QString at = QStringLiteral("events[%1].").arg(i);
        if (!domain::isValidRegionCode(e.regionCode)) {
            return invalid(QStringLiteral("\"%1\" is not a region code").arg(e.regionCode),
                           at + QStringLiteral("region"));
        }
        if (!e.startedAt.isValid())
            return invalid(QStringLiteral("A usage event needs its start"),
                           at + QStringLiteral("started_at"));
        if (e.participants < 0)
            return invalid(QStringLiteral("must not be negative"),
                           at + QStringLiteral("participant_count"));
        if (!std::isfinite(e.durationSeconds) || e.durationSeconds < 0)
            return invalid(QStringLiteral("must be a number ≥ 0"),
                           at + QStringLiteral("duration_seconds"));
        if (!std::isfinite(e.quality) || e.quality < 0 || e.quality > 5)
            return invalid(QStringLiteral("must be 0…5"), at + QStringLiteral("quality"));
        if (!std::isfinite(e.latencyMs) || e.latencyMs < 0)
            return invalid(QStringLiteral("must be a number ≥ 0"),
                           at + QStringLiteral("latency_ms"));

        QList<QVariantList> *target = &fresh;
        if (!e.id.isEmpty()) {
            bool isNumber = false;
            const qint64 id = e.id.toLongLong(&isNumber);
            if (!isNumber || id <= 0) {
                return invalid(QStringLiteral("A usage event id is a positive whole number, not "
                                              "\"%1\"")
                                   .arg(e.id),
                               at + QStringLiteral("id"));
            }
            numbered.last().append(id);
            target = &numbered;
        }
        (*target)[0].append(e.regionCode);
        (*target)[1].append(text(e.waddleId));
        (*target)[2].append(text(e.channelId));
        (*target)[3].append(e.participants);
        (*target)[4].append(e.durationSeconds);
        (*target)[5].append(e.quality);
        (*target)[6].append(e.latencyMs);
        const QString started = timeText(e.startedAt);
        (*target)[7].append(started);

        const QString hour = hourText(started, e.startedAt);
        for (HourlyUsage *sum :
             {&hours[{e.regionCode, hour}], &waddleHours[{e.waddleId, {e.regionCode, hour}}]}) {
            sum->sessions += 1;
            sum->participants += e.participants;
            sum->totalDurationSeconds += e.durationSeconds;
            sum->qualitySum += e.quality;
            sum->latencySum += e.latencyMs;
        }
        const QString minute = minuteText(started, e.startedAt);
        const double participantMinutes = e.participants * e.durationSeconds / 60.0;
        minutes[{kFleetProject, minute}] += participantMinutes;
        minutes[{e.waddleId, minute}] += participantMinutes;
    }

    const auto totals = [](QList<QVariantList> &columns, const HourlyUsage &sum) {
        const qsizetype first = columns.size() - 5;
        columns[first].append(sum.sessions);
        columns[first + 1].append(sum.participants);
        columns[first + 2].append(sum.totalDurationSeconds);
        columns[first + 3].append(sum.qualitySum);
        columns[first + 4].append(sum.latencySum);
    };
    QList<QVariantList> h(7);
    for (auto it = hours.cbegin(); it != hours.cend(); ++it) {
        h[0].append(it.key().first);
        h[1].append(it.key().second);
        totals(h, *it);
    }
    QList<QVariantList> w(8);
    for (auto it = waddleHours.cbegin(); it != waddleHours.cend(); ++it) {
        w[0].append(it.key().first);
        w[1].append(it.key().second.first);
        w[2].append(it.key().second.second);
        totals(w, *it);
    }
    QList<QVariantList> m(4);
    for (auto it = minutes.cbegin(); it != minutes.cend(); ++it) {
        m[0].append(it.key().first);
        m[1].append(kParticipantMinutes);
        m[2].append(it.key().second);
        m[3].append(*it);
    }

    const QString columns = QStringLiteral(
        "region, waddle_id, channel_id, participant_count, duration_seconds, quality, latency_ms, "
        "started_at");
    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(db(),
                              QStringLiteral("INSERT INTO usage_events (") + columns +
                                  QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                              fresh, QStringLiteral("insert usage events"))) {
        return *error;
    }
    if (auto error = runBatch(db(),
                              QStringLiteral("INSERT INTO usage_events (") + columns +
                                  QStringLiteral(", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                              numbered, QStringLiteral("insert usage events"))) {
        return *error;
    }
    if (auto error = addHourly(db(), QStringLiteral("usage_hourly"),
                               {QStringLiteral("region"), QStringLiteral("hour")}, h)) {
        return *error;
    }
    if (auto error = addHourly(
            db(), QStringLiteral("usage_hourly_waddle"),
            {QStringLiteral("waddle_id"), QStringLiteral("region"), QStringLiteral("hour")}, w)) {
        return *error;
    }
    if (auto error = addMetricPoints(m))
        return *error;
    if (auto error = tx.commit())
        return *error;
    return {};
}

MaybeError UsageRepository::addMetricPoints(const QList<QVariantList> &columns)
{
    return runBatch(db(),
                    QStringLiteral("INSERT INTO metric_points (project_id, metric, minute, value) "
                                   "VALUES (?, ?, ?, ?) ON CONFLICT (project_id, metric, minute) "
                                   "DO UPDATE SET value = metric_points.value + excluded.value"),
                    columns, QStringLiteral("add to the metric points"));
}

StoreResult<void> UsageRepository::addMetricPoint(const QString &projectId, const QString &metric,
                                                  const QDateTime &at, double value)
{
    if (!at.isValid())
        return invalid(QStringLiteral("A metric point needs its time"), QStringLiteral("at"));
    const QString when = timeText(at);
    if (auto error = addMetricPoints({{projectId}, {metric}, {minuteText(when, at)}, {value}})) {
        return *error;
    }
    return {};
}

StoreResult<QList<domain::MetricPoint>> UsageRepository::metricPoints(const QString &projectId,
                                                                      const QString &metric,
                                                                      const QDateTime &from,
                                                                      const QDateTime &to) const
{
    if (!from.isValid() || !to.isValid())
        return invalid(QStringLiteral("The range needs a start and an end"),
                       QStringLiteral("from"));
    return selectRows<domain::MetricPoint>(
        db(),
        QStringLiteral("SELECT minute, value FROM metric_points WHERE project_id = ? AND "
                       "metric = ? AND minute >= ? AND minute < ? ORDER BY minute"),
        {projectId, metric, timeText(from), timeText(to)}, QStringLiteral("read the metric points"),
        [](const QSqlQuery &q) {
            return domain::MetricPoint{timeFrom(q.value(0)), q.value(1).toDouble()};
        });
}

StoreResult<QList<domain::MetricPoint>>
UsageRepository::dailyMetricTotals(const QString &projectId, const QString &metric,
                                   const QDateTime &from, const QDateTime &to) const
{
    if (!from.isValid() || !to.isValid())
        return invalid(QStringLiteral("The range needs a start and an end"),
                       QStringLiteral("from"));
    return selectRows<domain::MetricPoint>(
        db(),
        QStringLiteral("SELECT substr(minute, 1, 10), SUM(value) FROM metric_points WHERE "
                       "project_id = ? AND metric = ? AND minute >= ? AND minute < ? GROUP BY 1 "
                       "ORDER BY 1"),
        {projectId, metric, timeText(from), timeText(to)},
        QStringLiteral("read the daily metric totals"), [](const QSqlQuery &q) {
            return domain::MetricPoint{
                QDateTime(QDate::fromString(q.value(0).toString(), Qt::ISODate), QTime(0, 0),
                          Qt::UTC),
                q.value(1).toDouble()};
        });
}

StoreResult<QList<qint64>> UsageRepository::latencyHistogram(const QString &region,
                                                             const QDateTime &from,
                                                             const QDateTime &to,
                                                             const QList<double> &bounds) const
{
    // CASE buckets in one indexed pass over (region, started_at).
    QString cases = QStringLiteral("CASE");
    QVariantList values;
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        cases += QStringLiteral(" WHEN latency_ms < ? THEN %1").arg(i);
        values.append(bounds.at(i));
    }
    cases += QStringLiteral(" ELSE %1 END").arg(bounds.size());
    values << region << timeText(from) << timeText(to);
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + cases +
                             QStringLiteral(", COUNT(*) FROM usage_events WHERE region = ? AND "
                                            "started_at >= ? AND started_at < ? GROUP BY 1"),
                         values, QStringLiteral("read the latency histogram"))) {
        return *error;
    }
    QList<qint64> counts(bounds.size() + 1, 0);
    while (q.next())
        counts[q.value(0).toInt()] = q.value(1).toLongLong();
    return counts;
}

StoreResult<qint64> UsageRepository::usageEventCount() const
{
    return count(db(), QStringLiteral("SELECT COUNT(*) FROM usage_events"), {},
                 QStringLiteral("count the usage events"));
}

StoreResult<QList<HourlyUsage>> UsageRepository::hourlyUsage(const QString &region,
                                                             const QDateTime &from,
                                                             const QDateTime &to) const
{
    return hourlyUsage(kFleetProject, region, from, to);
}

StoreResult<QList<HourlyUsage>> UsageRepository::hourlyUsage(const QString &projectId,
                                                             const QString &region,
                                                             const QDateTime &from,
                                                             const QDateTime &to) const
{
    if (!from.isValid())
        return invalid(QStringLiteral("A start time is required"), QStringLiteral("from"));
    if (!to.isValid())
        return invalid(QStringLiteral("An end time is required"), QStringLiteral("to"));
    const bool fleet = projectId == kFleetProject;
    QString sql =
        QStringLiteral("SELECT region, hour, sessions, participants, total_duration_seconds, "
                       "quality_sum, latency_sum FROM %1 WHERE hour >= ? AND hour < ?")
            .arg(fleet ? QStringLiteral("usage_hourly") : QStringLiteral("usage_hourly_waddle"));
    QVariantList values{timeText(startOfHour(from)), timeText(to)};
    if (!fleet) {
        sql += QStringLiteral(" AND waddle_id = ?");
        values.append(projectId);
    }
    if (!region.isEmpty()) {
        sql += QStringLiteral(" AND region = ?");
        values.append(region);
    }
    sql += QStringLiteral(" ORDER BY hour, region");
    QSqlQuery q(db());
    if (auto error = run(q, sql, values, QStringLiteral("read the hourly usage")))
        return *error;
    QList<HourlyUsage> out;
    while (q.next()) {
        out.append(HourlyUsage{q.value(0).toString(), timeFrom(q.value(1)), q.value(2).toLongLong(),
                               q.value(3).toLongLong(), q.value(4).toDouble(),
                               q.value(5).toDouble(), q.value(6).toDouble()});
    }
    return out;
}

StoreResult<QList<domain::MetricPoint>> UsageRepository::hourlySessions(const QString &region,
                                                                        const QDateTime &from,
                                                                        const QDateTime &to) const
{
    if (!domain::isValidRegionCode(region))
        return invalid(QStringLiteral("\"%1\" is not a region code").arg(region),
                       QStringLiteral("region"));
    if (!from.isValid() || !to.isValid() || to < from) {
        return invalid(QStringLiteral("The range needs a start before its end"),
                       QStringLiteral("from"));
    }
    const QDateTime first = startOfHour(from);
    if (first.secsTo(to) / 3600 > kMaxHourlyRangeHours) {
        return invalid(
            QStringLiteral("The range is longer than %1 days").arg(kMaxHourlyRangeHours / 24),
            QStringLiteral("to"));
    }
    auto stored = hourlyUsage(region, from, to);
    if (!stored)
        return stored.error();
    QMap<QDateTime, qint64> sessions;
    for (const HourlyUsage &hour : stored.value())
        sessions.insert(hour.hour, hour.sessions);
    QList<domain::MetricPoint> out;
    for (QDateTime hour = first; hour < to; hour = hour.addSecs(3600))
        out.append(domain::MetricPoint{hour, static_cast<double>(sessions.value(hour, 0))});
    return out;
}

} // namespace waddle::cp
