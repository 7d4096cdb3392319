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

        HourlyUsage &sum = hours[{e.regionCode, hourText(started, e.startedAt)}];
        sum.sessions += 1;
        sum.participants += e.participants;
        sum.totalDurationSeconds += e.durationSeconds;
        sum.qualitySum += e.quality;
        sum.latencySum += e.latencyMs;
    }

    QList<QVariantList> h(7);
    for (auto it = hours.cbegin(); it != hours.cend(); ++it) {
        h[0].append(it.key().first);
        h[1].append(it.key().second);
        h[2].append(it->sessions);
        h[3].append(it->participants);
        h[4].append(it->totalDurationSeconds);
        h[5].append(it->qualitySum);
        h[6].append(it->latencySum);
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
    if (auto error = runBatch(
            db(),
            QStringLiteral(
                "INSERT INTO usage_hourly (region, hour, sessions, participants, "
                "total_duration_seconds, quality_sum, latency_sum) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (region, hour) DO UPDATE SET "
                "sessions = usage_hourly.sessions + excluded.sessions, "
                "participants = usage_hourly.participants + excluded.participants, "
                "total_duration_seconds = usage_hourly.total_duration_seconds + "
                "excluded.total_duration_seconds, "
                "quality_sum = usage_hourly.quality_sum + excluded.quality_sum, "
                "latency_sum = usage_hourly.latency_sum + excluded.latency_sum"),
            h, QStringLiteral("update the hourly usage"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
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
    if (!from.isValid())
        return invalid(QStringLiteral("A start time is required"), QStringLiteral("from"));
    if (!to.isValid())
        return invalid(QStringLiteral("An end time is required"), QStringLiteral("to"));
    QString sql = QStringLiteral(
        "SELECT region, hour, sessions, participants, total_duration_seconds, quality_sum, "
        "latency_sum FROM usage_hourly WHERE hour >= ? AND hour < ?");
    QVariantList values{timeText(startOfHour(from)), timeText(to)};
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
