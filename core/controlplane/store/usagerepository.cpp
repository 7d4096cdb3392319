#include "usagerepository.h"

#include "batchwriter.h"
#include "database.h"
#include "domain/region.h"
#include "migrations.h"
#include "sql/opendatabase.h"
#include "statements.h"

#include <QHash>
#include <QMap>
#include <QSqlQuery>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

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

// The stored text of the start of the minute of `time`, whose stored text
// is `text`: "2025-03-09T10:05:42.120Z" → "2025-03-09T10:05:00.000Z" by text
// alone when it has that shape.
QString minuteText(const QString &text, const QDateTime &time)
{
    if (text.size() == 24 && text.at(16) == u':' && text.endsWith(u'Z'))
        return QStringView(text).left(16) + QStringLiteral(":00.000Z");
    const QDateTime utc = time.toUTC();
    return timeText(QDateTime(utc.date(), QTime(utc.time().hour(), utc.time().minute()), Qt::UTC));
}

const QString kParticipantMinutes = QStringLiteral("participant_minutes");

// Usage events that started in [from, to), found through the index of
// their hours (migrations' usageEventHour): the hours from the one of
// `from` to the one of `to`, then the starts inside the range. Its values
// are startedWithin's.
const QString kStartedWithin = usageEventHour() + QStringLiteral(" >= ? AND ") + usageEventHour() +
                               QStringLiteral(" <= ? AND started_at >= ? AND started_at < ?");

QVariantList startedWithin(const QDateTime &from, const QDateTime &to)
{
    const QString first = timeText(from);
    const QString last = timeText(to);
    return {first.left(13), last.left(13), first, last};
}

const QString kAddMetricPointHead =
    QStringLiteral("INSERT INTO metric_points (project_id, metric, minute, value) VALUES ");
const QString kAddMetricPointValues = QStringLiteral("(?, ?, ?, ?)");
const QString kAddMetricPointTail =
    QStringLiteral(" ON CONFLICT (project_id, metric, minute) DO UPDATE SET value = "
                   "metric_points.value + excluded.value");
const QString kAddMetricPoint = kAddMetricPointHead + kAddMetricPointValues + kAddMetricPointTail;

} // namespace

UsageRepository::UsageRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase UsageRepository::db() const
{
    return m_database.connection();
}

namespace {

// The distinct texts of a batch (its regions, its waddles or its
// channels), each made UTF-8 once however many events name it, numbered in
// byte order (SQLite's BINARY order of the keys written).
class BatchTexts
{
public:
    // A number for `text`, until ranked(): its place of first appearance.
    int add(const QString &text)
    {
        auto place = m_numbers.constFind(text);
        if (place == m_numbers.constEnd()) {
            place = m_numbers.insert(text, int(m_utf8.size()));
            m_utf8.push_back(text.toUtf8());
        }
        return *place;
    }
    // Sorts the texts; the answer maps each number add() gave to its rank,
    // which utf8() takes from then on.
    std::vector<int> ranked()
    {
        std::vector<int> byRank(m_utf8.size());
        std::iota(byRank.begin(), byRank.end(), 0);
        std::sort(byRank.begin(), byRank.end(),
                  [this](int a, int b) { return m_utf8[std::size_t(a)] < m_utf8[std::size_t(b)]; });
        std::vector<int> rankOf(m_utf8.size());
        std::vector<QByteArray> sorted(m_utf8.size());
        for (std::size_t rank = 0; rank < byRank.size(); ++rank) {
            rankOf[std::size_t(byRank[rank])] = int(rank);
            sorted[rank] = std::move(m_utf8[std::size_t(byRank[rank])]);
        }
        m_utf8 = std::move(sorted);
        return rankOf;
    }
    [[nodiscard]] QByteArrayView utf8(int number) const { return m_utf8[std::size_t(number)]; }

private:
    QHash<QString, int> m_numbers;
    std::vector<QByteArray> m_utf8;
};

// One event as the store writes it: its texts' numbers in the batch's
// BatchTexts (ranks, once ranked) and its time text.
struct EventRow
{
    const domain::UsageEvent *event = nullptr;
    int region = 0;
    int waddle = 0;
    int channel = 0;
    qint64 id = 0; // 0: the database numbers it
    char started[24] = {};
    qint64 minute = 0; // since the epoch

    [[nodiscard]] qint64 hour() const { return minute >= 0 ? minute / 60 : (minute - 59) / 60; }
    // The stored text of the start of its hour (13) or minute (16).
    [[nodiscard]] std::array<char, 24> truncated(int keep) const
    {
        static constexpr char kZero[] = "0000-00-00T00:00:00.000Z";
        std::array<char, 24> out{};
        std::copy(started, started + keep, out.begin());
        std::copy(kZero + keep, kZero + 24, out.begin() + keep);
        return out;
    }
    [[nodiscard]] double participantMinutes() const
    {
        return event->participants * event->durationSeconds / 60.0;
    }
};

// Totals of the events of one key.
struct Sums
{
    qint64 sessions = 0;
    qint64 participants = 0;
    double duration = 0;
    double quality = 0;
    double latency = 0;

    void add(const domain::UsageEvent &e)
    {
        sessions += 1;
        participants += e.participants;
        duration += e.durationSeconds;
        quality += e.quality;
        latency += e.latencyMs;
    }
};

// The rows grouped by `key` (ranks and times, in the order of the table's
// key texts, which is SQLite's BINARY order), with `emit(first, group)`
// called once per distinct key with the group's rows: each key is written
// once, and in key order, so the B-tree is walked forwards instead of at
// random. The keys are sorted beside the rows' places, not through them.
template <typename Key, typename Emit>
MaybeError forEachKey(const std::vector<EventRow> &rows, Key key, Emit emit)
{
    using KeyOf = decltype(key(rows.front()));
    std::vector<std::pair<KeyOf, quint32>> keyed(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        keyed[i] = {key(rows[i]), quint32(i)};
    const auto byKey = [](const auto &a, const auto &b) { return a.first < b.first; };
    if (!std::is_sorted(keyed.begin(), keyed.end(), byKey))
        std::sort(keyed.begin(), keyed.end(), byKey);
    std::vector<const EventRow *> group;
    for (std::size_t first = 0; first < keyed.size();) {
        group.clear();
        std::size_t last = first;
        for (; last < keyed.size() && keyed[last].first == keyed[first].first; ++last)
            group.push_back(&rows[keyed[last].second]);
        if (auto error = emit(*group.front(), group))
            return error;
        first = last;
    }
    return std::nullopt;
}

std::optional<StoreError> checkEvent(const domain::UsageEvent &e, qsizetype i, qint64 &id)
{
    const auto at = [i](const char *field) {
        return QStringLiteral("events[%1].%2").arg(i).arg(QLatin1String(field));
    };
    if (!domain::isValidRegionCode(e.regionCode))
        return invalid(QStringLiteral("\"%1\" is not a region code").arg(e.regionCode),
                       at("region"));
    if (!e.startedAt.isValid())
        return invalid(QStringLiteral("A usage event needs its start"), at("started_at"));
    // A waddle's id is its analytics project; "fleet" is all usage's, so a
    // waddle of that name would count its minutes into the fleet's twice.
    if (e.waddleId == kFleetProject) {
        return invalid(QStringLiteral("\"%1\" is the whole fleet's project, not a waddle id")
                           .arg(kFleetProject),
                       at("waddle_id"));
    }
    if (e.participants < 0)
        return invalid(QStringLiteral("must not be negative"), at("participant_count"));
    if (!std::isfinite(e.durationSeconds) || e.durationSeconds < 0)
        return invalid(QStringLiteral("must be a number ≥ 0"), at("duration_seconds"));
    if (!std::isfinite(e.quality) || e.quality < 0 || e.quality > 5)
        return invalid(QStringLiteral("must be 0…5"), at("quality"));
    if (!std::isfinite(e.latencyMs) || e.latencyMs < 0)
        return invalid(QStringLiteral("must be a number ≥ 0"), at("latency_ms"));
    id = 0;
    if (!e.id.isEmpty()) {
        bool isNumber = false;
        id = e.id.toLongLong(&isNumber);
        if (!isNumber || id <= 0) {
            return invalid(
                QStringLiteral("A usage event id is a positive whole number, not \"%1\"").arg(e.id),
                at("id"));
        }
    }
    return std::nullopt;
}

void bindSums(BatchWriter &w, const Sums &sum)
{
    w.integer(sum.sessions);
    w.integer(sum.participants);
    w.real(sum.duration);
    w.real(sum.quality);
    w.real(sum.latency);
}

// The upsert adding a batch's sums to a rollup `table` keyed by `keys`
// (its first columns, "region, hour").
BatchWriter::Grouped addSums(const QString &table, const QString &keys)
{
    const qsizetype keyCount = keys.count(u',') + 1;
    QStringList values(keyCount + 5, QStringLiteral("?"));
    return {QStringLiteral("INSERT INTO %1 (%2, sessions, participants, total_duration_seconds, "
                           "quality_sum, latency_sum) VALUES ")
                .arg(table, keys),
            u'(' + values.join(QStringLiteral(", ")) + u')',
            QStringLiteral(" ON CONFLICT (%2) DO UPDATE SET sessions = %1.sessions + "
                           "excluded.sessions, participants = %1.participants + "
                           "excluded.participants, total_duration_seconds = "
                           "%1.total_duration_seconds + excluded.total_duration_seconds, "
                           "quality_sum = %1.quality_sum + excluded.quality_sum, latency_sum = "
                           "%1.latency_sum + excluded.latency_sum")
                .arg(table, keys)};
}

} // namespace

StoreResult<void> UsageRepository::insertUsageEvents(const QList<domain::UsageEvent> &events)
{
    // Every event is checked before anything is written (a bad one, with
    // its index, changes nothing), then written in one transaction: the
    // events, and their sums per key (hour of a region; waddle, hour and
    // region; minute of the fleet and of the waddle), one row per key.
    std::vector<EventRow> rows(static_cast<std::size_t>(events.size()));
    BatchTexts regions, waddles, channels;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const domain::UsageEvent &e = events.at(i);
        EventRow &row = rows[static_cast<std::size_t>(i)];
        if (auto error = checkEvent(e, i, row.id))
            return *error;
        if (!timeTextUtf8(e.startedAt, row.started)) {
            return invalid(QStringLiteral("must be in the years 0000–9999"),
                           QStringLiteral("events[%1].started_at").arg(i));
        }
        row.event = &e;
        row.region = regions.add(e.regionCode);
        row.waddle = waddles.add(e.waddleId);
        row.channel = channels.add(e.channelId);
        const qint64 ms = e.startedAt.toMSecsSinceEpoch();
        row.minute = ms >= 0 ? ms / 60'000 : (ms - 59'999) / 60'000;
    }
    const std::vector<int> regionRanks = regions.ranked();
    const std::vector<int> waddleRanks = waddles.ranked();
    for (EventRow &row : rows) {
        row.region = regionRanks[std::size_t(row.region)];
        row.waddle = waddleRanks[std::size_t(row.waddle)];
    }
    std::vector<const EventRow *> order(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i)
        order[i] = &rows[i];

    const QSqlDatabase connection = db();
    Transaction tx(connection);
    if (auto error = tx.begin())
        return *error;

    // Events in index order (region, started_at); the database numbers
    // those without an id (binding NULL to a generated key is not portable).
    const QString columns = QStringLiteral(
        "region, waddle_id, channel_id, participant_count, duration_seconds, quality, latency_ms, "
        "started_at");
    BatchWriter fresh(
        connection,
        {QStringLiteral("INSERT INTO usage_events (") + columns + QStringLiteral(") VALUES "),
         QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?)"),
         {}},
        QStringLiteral("insert usage events"));
    BatchWriter numbered(
        connection,
        {QStringLiteral("INSERT INTO usage_events (") + columns + QStringLiteral(", id) VALUES "),
         QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?)"),
         {}},
        QStringLiteral("insert usage events"));
    std::sort(order.begin(), order.end(), [](const EventRow *a, const EventRow *b) {
        return std::pair(a->region, a->minute) < std::pair(b->region, b->minute);
    });
    // Numbered ones first: the database numbers the others after the
    // largest id, so an id given never meets one it made in the batch.
    const auto firstFresh = std::stable_partition(order.begin(), order.end(),
                                                  [](const EventRow *r) { return r->id != 0; });
    const auto write = [&](BatchWriter &w, const EventRow &row) {
        const domain::UsageEvent &e = *row.event;
        w.text(regions.utf8(row.region));
        w.text(waddles.utf8(row.waddle));
        w.text(channels.utf8(row.channel));
        w.integer(e.participants);
        w.real(e.durationSeconds);
        w.real(e.quality);
        w.real(e.latencyMs);
        w.text(QByteArrayView(row.started, sizeof row.started));
        if (row.id != 0)
            w.integer(row.id);
        return w.row();
    };
    for (auto row = order.begin(); row != firstFresh; ++row) {
        if (auto error = write(numbered, **row))
            return *error;
    }
    if (auto error = numbered.finish())
        return *error;
    if (!order.empty() && order.front()->id != 0 &&
        sql::dialectOf(connection) == sql::Dialect::PostgreSql) {
        // PostgreSQL's identity counts on without looking at the ids given
        // to it (SQLite numbers after the largest): move it past them.
        QSqlQuery q(connection);
        if (auto error = run(q,
                             QStringLiteral("SELECT setval(pg_get_serial_sequence('usage_events', "
                                            "'id'), (SELECT MAX(id) FROM usage_events))"),
                             {}, QStringLiteral("number the usage events"))) {
            return *error;
        }
    }
    for (auto row = firstFresh; row != order.end(); ++row) {
        if (auto error = write(fresh, **row))
            return *error;
    }
    if (auto error = fresh.finish())
        return *error;

    const auto sums = [](const std::vector<const EventRow *> &group) {
        Sums sum;
        for (const EventRow *row : group)
            sum.add(*row->event);
        return sum;
    };
    BatchWriter hourly(connection,
                       addSums(QStringLiteral("usage_hourly"), QStringLiteral("region, hour")),
                       QStringLiteral("update the hourly usage"));
    if (auto error = forEachKey(
            rows, [](const EventRow &r) { return std::pair(r.region, r.hour()); },
            [&](const EventRow &r, const std::vector<const EventRow *> &group) {
                const auto hour = r.truncated(13);
                hourly.text(regions.utf8(r.region));
                hourly.text(QByteArrayView(hour.data(), hour.size()));
                bindSums(hourly, sums(group));
                return hourly.row();
            })) {
        return *error;
    }
    if (auto error = hourly.finish())
        return *error;

    BatchWriter waddleHourly(
        connection,
        addSums(QStringLiteral("usage_hourly_waddle"), QStringLiteral("waddle_id, hour, region")),
        QStringLiteral("update the hourly usage"));
    if (auto error = forEachKey(
            rows, [](const EventRow &r) { return std::tuple(r.waddle, r.hour(), r.region); },
            [&](const EventRow &r, const std::vector<const EventRow *> &group) {
                const auto hour = r.truncated(13);
                waddleHourly.text(waddles.utf8(r.waddle));
                waddleHourly.text(QByteArrayView(hour.data(), hour.size()));
                waddleHourly.text(regions.utf8(r.region));
                bindSums(waddleHourly, sums(group));
                return waddleHourly.row();
            })) {
        return *error;
    }
    if (auto error = waddleHourly.finish())
        return *error;

    // participant_minutes of the fleet and of each waddle, per minute.
    BatchWriter points(connection,
                       {kAddMetricPointHead, kAddMetricPointValues, kAddMetricPointTail},
                       QStringLiteral("add to the metric points"));
    const QByteArray fleet = kFleetProject.toUtf8();
    const QByteArray metric = kParticipantMinutes.toUtf8();
    const auto addPoints = [&](const EventRow &r, const std::vector<const EventRow *> &group,
                               QByteArrayView project) {
        double value = 0;
        for (const EventRow *row : group)
            value += row->participantMinutes();
        const auto minute = r.truncated(16);
        points.text(project);
        points.text(metric);
        points.text(QByteArrayView(minute.data(), minute.size()));
        points.real(value);
        return points.row();
    };
    if (auto error = forEachKey(
            rows, [](const EventRow &r) { return r.minute; },
            [&](const EventRow &r, const std::vector<const EventRow *> &group) {
                return addPoints(r, group, fleet);
            })) {
        return *error;
    }
    // The fleet's rows before its waddles' (PostgreSQL refuses one statement
    // that meets a key twice; no waddle is called "fleet", but a group must
    // not depend on it).
    if (auto error = points.finish())
        return *error;
    if (auto error = forEachKey(
            rows, [](const EventRow &r) { return std::pair(r.waddle, r.minute); },
            [&](const EventRow &r, const std::vector<const EventRow *> &group) {
                return addPoints(r, group, waddles.utf8(r.waddle));
            })) {
        return *error;
    }
    if (auto error = points.finish())
        return *error;
    if (auto error = tx.commit())
        return *error;
    return {};
}

MaybeError UsageRepository::addMetricPoints(const QList<QVariantList> &columns)
{
    return runBatch(db(), kAddMetricPoint, columns, QStringLiteral("add to the metric points"));
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

StoreResult<void> UsageRepository::addMetricPoints(const QList<domain::ProjectMetricPoint> &points)
{
    QList<QVariantList> columns(4);
    for (const domain::ProjectMetricPoint &p : points) {
        if (!p.point.time.isValid())
            return invalid(QStringLiteral("A metric point needs its time"), QStringLiteral("at"));
        const QString when = timeText(p.point.time);
        columns[0].append(p.projectId);
        columns[1].append(p.metric);
        columns[2].append(minuteText(when, p.point.time));
        columns[3].append(p.point.value);
    }
    if (points.isEmpty())
        return {};
    Transaction transaction(db());
    if (auto error = transaction.begin())
        return *error;
    if (auto error = addMetricPoints(columns))
        return *error;
    if (auto error = transaction.commit())
        return *error;
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
    // CASE buckets in one indexed pass over the region's hours.
    QString cases = QStringLiteral("CASE");
    QVariantList values;
    for (qsizetype i = 0; i < bounds.size(); ++i) {
        cases += QStringLiteral(" WHEN latency_ms < ? THEN %1").arg(i);
        values.append(bounds.at(i));
    }
    cases += QStringLiteral(" ELSE %1 END").arg(bounds.size());
    values << region;
    values += startedWithin(from, to);
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + cases +
                             QStringLiteral(", COUNT(*) FROM usage_events WHERE region = ? AND ") +
                             kStartedWithin + QStringLiteral(" GROUP BY 1"),
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

StoreResult<void> UsageRepository::forEachUsageEvent(
    const QString &projectId, const QDateTime &from, const QDateTime &to,
    const std::function<void(const domain::UsageEvent &)> &visit) const
{
    // The index leads with the region: naming the regions that have usage in
    // the range (from the small hourly table) lets it serve the time range.
    QString sql =
        QStringLiteral("SELECT region, waddle_id, channel_id, participant_count, duration_seconds, "
                       "quality, latency_ms, started_at FROM usage_events WHERE region IN (SELECT "
                       "DISTINCT region FROM usage_hourly WHERE hour >= ? AND hour < ?) AND ") +
        kStartedWithin;
    QVariantList values{timeText(startOfHour(from)), timeText(to)};
    values += startedWithin(from, to);
    if (projectId != kFleetProject) {
        sql += QStringLiteral(" AND waddle_id = ?");
        values.append(projectId);
    }
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (auto error = run(q, sql, values, QStringLiteral("read the usage events")))
        return *error;
    domain::UsageEvent event;
    while (q.next()) {
        event.regionCode = q.value(0).toString();
        event.waddleId = q.value(1).toString();
        event.channelId = q.value(2).toString();
        event.participants = q.value(3).toInt();
        event.durationSeconds = q.value(4).toDouble();
        event.quality = q.value(5).toDouble();
        event.latencyMs = q.value(6).toDouble();
        event.startedAt = sql::timeFrom(q.value(7));
        visit(event);
    }
    return {};
}

} // namespace waddle::cp
