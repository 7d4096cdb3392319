#include "analyticsservice.h"

#include "custommetricseries.h"
#include "domain/analytics/forecast.h"
#include "domain/analytics/timeseries.h"
#include "domain/jsonreader.h"

#include <QJsonArray>
#include <QMap>

#include <cmath>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

const QString kApiRequest = QStringLiteral("api_request");

QDateTime startOfMinute(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), utc.time().minute()), Qt::UTC);
}

// A card's trend from two window values (absent: no events, read as 0).
WindowTrend windowsTrend(const CustomMetricWindows &windows, const QDateTime &now)
{
    const auto window = std::chrono::milliseconds(TimeSeriesDefaults::kTrendWindow).count();
    return windowTrend({MetricPoint{now.addMSecs(-window), windows.previous.value_or(0.0)},
                        MetricPoint{now, windows.current.value_or(0.0)}},
                       now);
}

// The 30 minutes of a card's two windows (each minute that starts in
// (now − 30 min, now]), their time texts made once for all the cards.
class WindowMinutes
{
public:
    explicit WindowMinutes(const QDateTime &now)
    {
        const qint64 count = 2 * TimeSeriesDefaults::kTrendWindow.count();
        m_firstMs = startOfMinute(now).toMSecsSinceEpoch() - (count - 1) * kMinuteMs;
        for (qint64 i = 0; i < count; ++i) {
            m_starts.append(
                toIsoString(QDateTime::fromMSecsSinceEpoch(m_firstMs + i * kMinuteMs, Qt::UTC)));
        }
    }

    // A card's `points` (ours, beside seed 001's fields): its value in each
    // of the minutes, oldest first, {timestamp, value}, 0 where nothing was
    // metered — the card's value is the sum of the last 15 — and a minute
    // that comes twice (the current minute's API requests, written and
    // still counting) summed.
    [[nodiscard]] QJsonArray toJson(const QList<MetricPoint> &points) const
    {
        QList<double> values(m_starts.size(), 0.0);
        for (const MetricPoint &point : points) {
            const qint64 sinceFirst = point.time.toMSecsSinceEpoch() - m_firstMs;
            if (!point.time.isValid() || sinceFirst < 0 || !std::isfinite(point.value))
                continue;
            if (const qint64 slot = sinceFirst / kMinuteMs; slot < values.size())
                values[slot] += point.value;
        }
        QJsonArray out;
        for (qsizetype i = 0; i < values.size(); ++i) {
            out.append(QJsonObject{{QStringLiteral("timestamp"), m_starts.at(i)},
                                   {QStringLiteral("value"), values.at(i)}});
        }
        return out;
    }

private:
    static constexpr qint64 kMinuteMs = 60'000;
    qint64 m_firstMs = 0;
    QList<QJsonValue> m_starts;
};

} // namespace

QJsonObject triggerToJson(const AlertTrigger &trigger)
{
    return QJsonObject{{QStringLiteral("id"), trigger.id},
                       {QStringLiteral("alert_id"), trigger.alertId},
                       {QStringLiteral("project_id"), trigger.projectId},
                       {QStringLiteral("metric_value"), trigger.value},
                       {QStringLiteral("threshold"), trigger.threshold},
                       {QStringLiteral("message"), trigger.message},
                       {QStringLiteral("severity"), toString(trigger.severity)},
                       {QStringLiteral("status"), toString(trigger.status)},
                       {QStringLiteral("triggered_at"), toJsonTime(trigger.triggeredAt)},
                       {QStringLiteral("resolved_at"), toJsonTime(trigger.resolvedAt)},
                       {QStringLiteral("acknowledged_at"), toJsonTime(trigger.acknowledgedAt)}};
}

const QStringList &AnalyticsService::builtInMetrics()
{
    static const QStringList names{
        QStringLiteral("participant_minutes"), QStringLiteral("egress_minutes"),
        QStringLiteral("storage_usage"), QStringLiteral("bandwidth_usage"), kApiRequest};
    return names;
}

QString AnalyticsService::unitOf(const QString &metric)
{
    if (metric.endsWith(QLatin1String("_minutes")))
        return QStringLiteral("minutes");
    if (metric.endsWith(QLatin1String("_usage")))
        return QStringLiteral("GB");
    return QStringLiteral("count");
}

AnalyticsService::AnalyticsService(const Database &database, Clock &clock)
    : m_clock(clock)
    , m_usage(database)
    , m_audit(database)
    , m_metrics(database)
    , m_alerts(database)
    , m_waddles(database)
{}

AnalyticsService::~AnalyticsService()
{
    stop();
}

void AnalyticsService::start(int intervalMs, std::function<void(const CheckResult &)> checked)
{
    m_timer = m_clock.createTimer([this, checked = std::move(checked)] {
        if (auto flushed = flushApiRequests(); !flushed)
            qWarning("analytics: %s", qPrintable(flushed.error().message));
        if (!m_evaluatesAlerts)
            return;
        const auto result = checkAllAlerts();
        if (!result) {
            qWarning("analytics: alert evaluation failed: %s", qPrintable(result.error().message));
            return;
        }
        if (checked)
            checked(result.value());
    });
    m_timer->start(intervalMs);
}

void AnalyticsService::stop()
{
    if (m_timer)
        m_timer->stop();
    m_timer.reset();
}

StoreResult<bool> AnalyticsService::projectExists(const QString &projectId) const
{
    if (projectId == kFleetProject)
        return true;
    const auto waddle = m_waddles.waddle(projectId);
    if (waddle)
        return true;
    if (waddle.error().kind == StoreError::Kind::NotFound)
        return false;
    return waddle.error();
}

StoreResult<void> AnalyticsService::audit(const std::optional<ApiKey> &key, const QString &action,
                                          const QString &projectId, const QString &target)
{
    AuditEntry entry;
    entry.at = m_clock.now();
    if (key) {
        entry.keyId = key->id;
        entry.keyName = key->name;
        entry.role = toString(key->role);
    }
    entry.action = action;
    entry.projectId = projectId;
    entry.target = target;
    return m_audit.record(entry);
}

StoreResult<QList<AuditEntry>> AnalyticsService::auditEntries(const QString &projectId,
                                                              qint64 limit) const
{
    return m_audit.entries(projectId, limit);
}

StoreResult<void> AnalyticsService::ingest(const QList<UsageEvent> &events)
{
    return m_usage.insertUsageEvents(events);
}

StoreResult<void> AnalyticsService::ingestMetricPoints(const QList<ProjectMetricPoint> &points)
{
    return m_usage.addMetricPoints(points);
}

void AnalyticsService::countApiRequest()
{
    const QDateTime minute = startOfMinute(m_clock.now());
    m_pendingRequests[minute] += 1;
    // A finished minute is written once the next one starts.
    if (m_pendingRequests.size() > 1) [[maybe_unused]]
        const auto written = flushApiRequests();
}

StoreResult<void> AnalyticsService::flushApiRequests()
{
    for (auto it = m_pendingRequests.cbegin(); it != m_pendingRequests.cend(); ++it) {
        if (auto done = m_usage.addMetricPoint(kFleetProject, kApiRequest, it.key(),
                                               static_cast<double>(*it));
            !done) {
            return done;
        }
    }
    m_pendingRequests.clear();
    return {};
}

StoreResult<QList<MetricPoint>> AnalyticsService::recentPoints(const QString &projectId,
                                                               const QString &metric,
                                                               const QDateTime &now) const
{
    const QDateTime from =
        now.addSecs(-2 * std::chrono::seconds(TimeSeriesDefaults::kTrendWindow).count());
    const auto stored = m_usage.metricPoints(projectId, metric, from, now.addSecs(1));
    if (!stored || metric != kApiRequest || projectId != kFleetProject)
        return stored;
    // The requests counted but not written yet (a read writes nothing).
    QList<MetricPoint> points = stored.value();
    for (auto it = m_pendingRequests.cbegin(); it != m_pendingRequests.cend(); ++it)
        points.append(MetricPoint{it.key(), static_cast<double>(*it)});
    return points;
}

StoreResult<QJsonObject> AnalyticsService::realtime(const QString &projectId)
{
    const QDateTime now = m_clock.now();
    // One card of seed 001's RealTimeMetric.
    const auto card = [&now](const QString &name, const QJsonValue &value, const QString &unit,
                             const WindowTrend &trend) {
        return QJsonObject{{QStringLiteral("metric_name"), name},
                           {QStringLiteral("value"), value},
                           {QStringLiteral("unit"), unit},
                           {QStringLiteral("timestamp"), toIsoString(now)},
                           {QStringLiteral("trend"), toString(trend.trend)},
                           {QStringLiteral("change_rate"), trend.changePercent}};
    };
    QJsonArray metrics;
    const WindowMinutes minutes(now);
    for (const QString &metric : builtInMetrics()) {
        const auto points = recentPoints(projectId, metric, now);
        if (!points)
            return points.error();
        const WindowTrend trend = windowTrend(points.value(), now);
        QJsonObject builtIn = card(metric, trend.current, unitOf(metric), trend);
        builtIn.insert(QStringLiteral("points"), minutes.toJson(points.value()));
        metrics.append(builtIn);
    }
    // Then the project's active custom metrics, each from its events.
    const auto custom = m_metrics.metrics(projectId);
    if (!custom)
        return custom.error();
    for (const StoredMetric &stored : custom.value()) {
        if (!stored.active)
            continue;
        const auto windows =
            customMetricWindows(m_usage, stored.metric, now, TimeSeriesDefaults::kTrendWindow);
        if (!windows)
            return windows.error();
        QJsonObject customCard =
            card(stored.metric.name,
                 windows->current ? QJsonValue(*windows->current) : QJsonValue(QJsonValue::Null),
                 stored.metric.unit, windowsTrend(*windows, now));
        customCard.insert(QStringLiteral("custom"), true);
        metrics.append(customCard);
    }
    // The busiest regions of the last hour, from the rollups.
    const auto hours =
        m_usage.hourlyUsage(projectId, QString(), now.addSecs(-3600), now.addSecs(1));
    if (!hours)
        return hours.error();
    QMap<QString, qint64> sessions;
    for (const HourlyUsage &hour : hours.value())
        sessions[hour.region] += hour.sessions;
    QList<std::pair<qint64, QString>> ranked;
    for (auto it = sessions.cbegin(); it != sessions.cend(); ++it)
        ranked.append({-it.value(), it.key()});
    std::sort(ranked.begin(), ranked.end());
    QJsonArray topEvents;
    for (const auto &[negated, region] : ranked) {
        topEvents.append(QJsonObject{{QStringLiteral("event_type"), QStringLiteral("session")},
                                     {QStringLiteral("region"), region},
                                     {QStringLiteral("count"), -negated}});
    }
    const auto openTriggers = m_alerts.openTriggerCount(projectId);
    if (!openTriggers)
        return openTriggers.error();
    const auto triggers = m_alerts.triggers(projectId, 5);
    if (!triggers)
        return triggers.error();
    QJsonArray recent;
    for (const AlertTrigger &trigger : triggers.value())
        recent.append(triggerToJson(trigger));
    return QJsonObject{{QStringLiteral("project_id"), projectId},
                       {QStringLiteral("timestamp"), toIsoString(now)},
                       {QStringLiteral("metrics"), metrics},
                       {QStringLiteral("active_alerts"), openTriggers.value()},
                       {QStringLiteral("recent_triggers"), recent},
                       {QStringLiteral("top_events"), topEvents}};
}

StoreResult<StoredMetric> AnalyticsService::createMetric(const CustomMetric &metric, bool active)
{
    if (builtInMetrics().contains(metric.name)) {
        return StoreError{StoreError::Kind::Invalid,
                          QStringLiteral("\"%1\" is a built-in metric").arg(metric.name),
                          QStringLiteral("name")};
    }
    return m_metrics.create(metric, active, m_clock.now());
}

StoreResult<QList<StoredMetric>> AnalyticsService::metrics(const QString &projectId) const
{
    return m_metrics.metrics(projectId);
}

StoreResult<StoredMetric> AnalyticsService::updateMetric(const StoredMetric &metric)
{
    if (builtInMetrics().contains(metric.metric.name)) {
        return StoreError{StoreError::Kind::Invalid,
                          QStringLiteral("\"%1\" is a built-in metric").arg(metric.metric.name),
                          QStringLiteral("name")};
    }
    return m_metrics.update(metric);
}

StoreResult<void> AnalyticsService::removeMetric(const QString &projectId, const QString &id)
{
    return m_metrics.remove(projectId, id);
}

StoreResult<void> AnalyticsService::checkMetricName(const QString &projectId,
                                                    const QString &metric) const
{
    if (builtInMetrics().contains(metric))
        return {};
    const auto custom = m_metrics.named(projectId, metric);
    if (custom)
        return {};
    if (custom.error().kind != StoreError::Kind::NotFound)
        return custom.error();
    return StoreError{StoreError::Kind::Invalid,
                      QStringLiteral("\"%1\" is neither a built-in metric (%2) nor a custom "
                                     "metric of project \"%3\"")
                          .arg(metric, builtInMetrics().join(QStringLiteral(", ")), projectId),
                      QStringLiteral("metric_name")};
}

StoreResult<StoredAlert> AnalyticsService::createAlert(const StoredAlert &alert)
{
    if (auto known = checkMetricName(alert.alert.projectId, alert.alert.metric); !known)
        return known.error();
    return m_alerts.createAlert(alert, m_clock.now());
}

StoreResult<QList<StoredAlert>> AnalyticsService::alerts(const QString &projectId) const
{
    return m_alerts.alerts(projectId);
}

StoreResult<StoredAlert> AnalyticsService::updateAlert(const StoredAlert &alert)
{
    if (auto known = checkMetricName(alert.alert.projectId, alert.alert.metric); !known)
        return known.error();
    return m_alerts.updateAlert(alert);
}

StoreResult<void> AnalyticsService::removeAlert(const QString &projectId, const QString &id)
{
    return m_alerts.removeAlert(projectId, id);
}

StoreResult<QList<AlertTrigger>> AnalyticsService::triggers(const QString &projectId,
                                                            qint64 limit) const
{
    return m_alerts.triggers(projectId, limit);
}

StoreResult<AlertTrigger> AnalyticsService::acknowledge(const QString &projectId,
                                                        const QString &triggerId)
{
    return m_alerts.acknowledge(projectId, triggerId, m_clock.now());
}

StoreResult<std::optional<double>> AnalyticsService::metricValue(const QString &projectId,
                                                                 const QString &metric)
{
    const QDateTime now = m_clock.now();
    if (!builtInMetrics().contains(metric)) {
        const auto custom = m_metrics.named(projectId, metric);
        if (!custom) {
            if (custom.error().kind == StoreError::Kind::NotFound)
                return std::optional<double>();
            return custom.error();
        }
        const auto windows =
            customMetricWindows(m_usage, custom->metric, now, TimeSeriesDefaults::kTrendWindow);
        if (!windows)
            return windows.error();
        return windows->current;
    }
    const auto points = recentPoints(projectId, metric, now);
    if (!points)
        return points.error();
    return std::optional<double>(windowTrend(points.value(), now).current);
}

StoreResult<AnalyticsService::CheckResult> AnalyticsService::checkAlerts(const QString &projectId)
{
    const auto alerts = m_alerts.alerts(projectId);
    if (!alerts)
        return alerts.error();
    const QDateTime now = m_clock.now();
    CheckResult result;
    for (const StoredAlert &stored : alerts.value()) {
        const auto value = metricValue(stored.alert.projectId, stored.alert.metric);
        if (!value)
            return value.error();
        const AlertStep step = evaluateAlert(stored.alert, stored.watch, value.value(), now);
        ++result.checked;
        if (step.action == AlertAction::Fire) {
            const QString message = QStringLiteral("%1: %2 is %3, %4 %5")
                                        .arg(stored.alert.name, stored.alert.metric)
                                        .arg(value.value().value_or(0.0))
                                        .arg(toString(stored.alert.condition))
                                        .arg(stored.alert.threshold);
            const auto fired = m_alerts.fire(stored, value.value().value_or(0.0), message, now);
            if (!fired)
                return fired.error();
            result.fired.append(fired.value());
        } else if (step.action == AlertAction::Resolve) {
            const auto resolved = m_alerts.resolveOpen(stored.alert.id, now);
            if (!resolved)
                return resolved.error();
            if (resolved.value())
                result.resolved.append(*resolved.value());
        }
        if (auto saved = m_alerts.saveWatch(stored.alert.id, step.watch); !saved)
            return saved.error();
    }
    // Both are notified (Alertmanager's send_resolved): what fired, and
    // what stopped.
    if (m_sink && !(result.fired.isEmpty() && result.resolved.isEmpty()))
        m_sink(result.fired + result.resolved);
    return result;
}

StoreResult<AnalyticsService::CheckResult> AnalyticsService::checkAllAlerts()
{
    return checkAlerts(QString());
}

StoreResult<QJsonObject> AnalyticsService::forecast(const QString &projectId, const QString &metric,
                                                    int days, bool holtWinters) const
{
    if (!builtInMetrics().contains(metric)) {
        return StoreError{StoreError::Kind::Invalid,
                          QStringLiteral("metric_type: must be one of %1, not \"%2\"")
                              .arg(builtInMetrics().join(QStringLiteral(", ")), metric),
                          QStringLiteral("metric_type")};
    }
    const QDateTime today(m_clock.now().date(), QTime(0, 0), Qt::UTC);
    const QDateTime from = today.addDays(-ForecastDefaults::kHistoryDays);
    const auto totals = m_usage.dailyMetricTotals(projectId, metric, from, today);
    if (!totals)
        return totals.error();
    // Consecutive days from the first with data to yesterday.
    QList<MetricPoint> history;
    if (!totals->isEmpty()) {
        QMap<QDateTime, double> byDay;
        for (const MetricPoint &point : totals.value())
            byDay.insert(point.time, point.value);
        for (QDateTime day = totals->first().time; day < today; day = day.addDays(1))
            history.append(MetricPoint{day, byDay.value(day, 0.0)});
    }
    const int needed = holtWinters ? ForecastDefaults::kMinHoltWintersHistoryDays
                                   : ForecastDefaults::kMinHistoryDays;
    if (history.size() < needed) {
        return StoreError{StoreError::Kind::Invalid,
                          QStringLiteral("a forecast needs at least %1 days of data; project "
                                         "\"%2\" has %3 of %4")
                              .arg(needed)
                              .arg(projectId)
                              .arg(history.size())
                              .arg(metric),
                          QStringLiteral("history")};
    }
    const Result<Forecast> made =
        holtWinters ? forecastHoltWinters(history, days) : forecastLinear(history, days);
    if (!made) {
        return StoreError{StoreError::Kind::Invalid, made.error().message, made.error().field};
    }
    QJsonArray points;
    for (const ForecastPoint &point : made->points) {
        points.append(QJsonObject{{QStringLiteral("metric_type"), metric},
                                  {QStringLiteral("forecast_date"), toIsoString(point.date)},
                                  {QStringLiteral("predicted_value"), point.predicted},
                                  {QStringLiteral("confidence_low"), point.low},
                                  {QStringLiteral("confidence_high"), point.high},
                                  {QStringLiteral("model"), made->model},
                                  {QStringLiteral("accuracy"), made->accuracyPercent}});
    }
    // The daily totals the forecast was made from, so a chart can draw the
    // prediction where the history leaves off.
    QJsonArray historyPoints;
    for (const MetricPoint &day : history)
        historyPoints.append(toJson(day));
    return QJsonObject{{QStringLiteral("forecasts"), points},
                       {QStringLiteral("count"), points.size()},
                       {QStringLiteral("metric"), metric},
                       {QStringLiteral("days"), days},
                       {QStringLiteral("history_days"), history.size()},
                       {QStringLiteral("history"), historyPoints},
                       {QStringLiteral("standard_error"), made->standardError}};
}

StoreResult<QJsonObject> AnalyticsService::regionUsage(const QString &region) const
{
    const QDateTime now = m_clock.now();
    const QDateTime thisHour(now.date(), QTime(now.time().hour(), 0), Qt::UTC);
    const QDateTime from = thisHour.addSecs(-23 * 3600);
    const auto hours = m_usage.hourlyUsage(kFleetProject, region, from, now.addSecs(1));
    if (!hours)
        return hours.error();
    QMap<QDateTime, HourlyUsage> byHour;
    for (const HourlyUsage &hour : hours.value())
        byHour.insert(hour.hour, hour);
    QJsonArray sessions, participants, quality;
    for (QDateTime hour = from; hour <= thisHour; hour = hour.addSecs(3600)) {
        const HourlyUsage h = byHour.value(hour);
        const QString at = toIsoString(hour);
        sessions.append(
            QJsonObject{{QStringLiteral("time"), at}, {QStringLiteral("value"), h.sessions}});
        participants.append(
            QJsonObject{{QStringLiteral("time"), at}, {QStringLiteral("value"), h.participants}});
        quality.append(QJsonObject{{QStringLiteral("time"), at},
                                   {QStringLiteral("value"), h.averageQuality()}});
    }
    // Last hour (the one under way) against the one before.
    const HourlyUsage current = byHour.value(thisHour);
    const HourlyUsage previous = byHour.value(thisHour.addSecs(-3600));
    const auto card = [&now](double value, double before) {
        const WindowTrend trend =
            windowTrend({MetricPoint{now.addSecs(-1800), before}, MetricPoint{now, value}}, now,
                        std::chrono::minutes(30));
        return QJsonObject{{QStringLiteral("value"), value},
                           {QStringLiteral("previous"), before},
                           {QStringLiteral("trend"), toString(trend.trend)},
                           {QStringLiteral("change_rate"), trend.changePercent}};
    };
    const QList<double> bounds{50, 100, 150, 200, 300};
    const auto histogram =
        m_usage.latencyHistogram(region, now.addDays(-1), now.addSecs(1), bounds);
    if (!histogram)
        return histogram.error();
    QJsonArray buckets;
    for (qsizetype i = 0; i < histogram->size(); ++i) {
        buckets.append(QJsonObject{
            {QStringLiteral("from_ms"), i == 0 ? 0.0 : bounds.at(i - 1)},
            {QStringLiteral("to_ms"), i < bounds.size() ? QJsonValue(bounds.at(i)) : QJsonValue()},
            {QStringLiteral("count"), histogram->at(i)}});
    }
    return QJsonObject{
        {QStringLiteral("active_sessions"),
         card(static_cast<double>(current.sessions), static_cast<double>(previous.sessions))},
        {QStringLiteral("total_participants"), card(static_cast<double>(current.participants),
                                                    static_cast<double>(previous.participants))},
        {QStringLiteral("average_latency_ms"),
         card(current.averageLatencyMs(), previous.averageLatencyMs())},
        {QStringLiteral("hourly_sessions"), sessions},
        {QStringLiteral("hourly_participants"), participants},
        {QStringLiteral("hourly_quality"), quality},
        {QStringLiteral("latency_distribution"), buckets}};
}

StoreResult<QJsonObject> AnalyticsService::usageSeries(const QString &projectId,
                                                       const QString &region, const QDateTime &from,
                                                       const QDateTime &to, bool daily) const
{
    const auto hours = m_usage.hourlyUsage(projectId, region, from, to);
    if (!hours)
        return hours.error();
    // Buckets (hour or UTC day) of the stored hourly totals, oldest first.
    QMap<QDateTime, HourlyUsage> buckets;
    for (const HourlyUsage &hour : hours.value()) {
        const QDateTime key = daily ? QDateTime(hour.hour.date(), QTime(0, 0), Qt::UTC) : hour.hour;
        HourlyUsage &sum = buckets[key];
        sum.sessions += hour.sessions;
        sum.participants += hour.participants;
        sum.totalDurationSeconds += hour.totalDurationSeconds;
        sum.qualitySum += hour.qualitySum;
        sum.latencySum += hour.latencySum;
    }
    QJsonArray points;
    for (auto it = buckets.cbegin(); it != buckets.cend(); ++it) {
        points.append(
            QJsonObject{{QStringLiteral("time"), toIsoString(it.key())},
                        {QStringLiteral("sessions"), it->sessions},
                        {QStringLiteral("participants"), it->participants},
                        {QStringLiteral("total_duration_seconds"), it->totalDurationSeconds},
                        {QStringLiteral("average_quality"), it->averageQuality()},
                        {QStringLiteral("average_latency_ms"), it->averageLatencyMs()}});
    }
    return QJsonObject{
        {QStringLiteral("project_id"), projectId},
        {QStringLiteral("bucket"), daily ? QStringLiteral("day") : QStringLiteral("hour")},
        {QStringLiteral("region"), region.isEmpty() ? QJsonValue() : region},
        {QStringLiteral("points"), points},
        {QStringLiteral("count"), points.size()}};
}

} // namespace waddle::cp
