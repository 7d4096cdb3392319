#include "analyticstypes.h"

#include "domain/jsonreader.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace waddle::client {

using domain::JsonReader;
using domain::Result;

Result<RealtimeMetric> realtimeMetricFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RealtimeMetric metric;
    metric.name = r.string(QLatin1String("metric_name"));
    metric.value = r.number(QLatin1String("value"));
    metric.unit = r.string(QLatin1String("unit"));
    metric.timestamp = r.dateTime(QLatin1String("timestamp"));
    metric.trend = r.enumeration(QLatin1String("trend"), domain::kTrendNames);
    metric.changePercent = r.number(QLatin1String("change_rate"));
    metric.perMinute = r.has(QLatin1String("points"));
    metric.points = r.list<domain::MetricPoint>(
        QLatin1String("points"),
        [](const QJsonValue &value, const QString &at) -> Result<domain::MetricPoint> {
            JsonReader p(value, at);
            domain::MetricPoint point;
            point.time = p.dateTime(QLatin1String("timestamp"));
            point.value = p.number(QLatin1String("value"));
            return p.finish(point);
        });
    for (qsizetype i = 1; i < metric.points.size() && !r.failed(); ++i) {
        if (metric.points.at(i).time <= metric.points.at(i - 1).time) {
            r.fail(r.pathOf(QLatin1String("points")) + JsonReader::indexSuffix(i),
                   QStringLiteral("must be later than the point before"));
        }
    }
    return r.finish(metric);
}

Result<RealtimeDashboard> realtimeDashboardFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RealtimeDashboard dashboard;
    dashboard.projectId = r.string(QLatin1String("project_id"));
    dashboard.timestamp = r.dateTime(QLatin1String("timestamp"));
    if (!r.has(QLatin1String("metrics")))
        r.failField(QLatin1String("metrics"), QStringLiteral("is required"));
    dashboard.metrics = r.list<RealtimeMetric>(QLatin1String("metrics"), realtimeMetricFromJson);
    dashboard.activeAlerts = r.optionalInteger(QLatin1String("active_alerts"), 0).value_or(0);
    return r.finish(dashboard);
}

Result<ForecastAnswer> forecastAnswerFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    ForecastAnswer answer;
    answer.metric = r.string(QLatin1String("metric"));
    answer.days = static_cast<int>(r.integer(QLatin1String("days"), 1, 90));
    answer.historyDays = static_cast<int>(r.integer(QLatin1String("history_days"), 0));
    answer.standardError = r.number(QLatin1String("standard_error"), 0);
    if (!r.has(QLatin1String("forecasts")))
        r.failField(QLatin1String("forecasts"), QStringLiteral("is required"));
    const auto decodePoint = [&answer](const QJsonValue &value,
                                       const QString &at) -> Result<domain::ForecastPoint> {
        JsonReader p(value, at);
        domain::ForecastPoint point;
        point.date = p.dateTime(QLatin1String("forecast_date"));
        point.predicted = p.number(QLatin1String("predicted_value"));
        point.low = p.number(QLatin1String("confidence_low"));
        point.high = p.number(QLatin1String("confidence_high"));
        // Every day carries the model and its accuracy (seed 001); one set
        // of them is kept.
        answer.model = p.string(QLatin1String("model"));
        answer.accuracyPercent = p.number(QLatin1String("accuracy"), 0, 100);
        if (!p.failed() && (point.low > point.predicted || point.predicted > point.high))
            p.failField(
                QLatin1String("confidence_low"),
                QStringLiteral("must be at most predicted_value, itself at most confidence_high"));
        return p.finish(point);
    };
    answer.points = r.list<domain::ForecastPoint>(QLatin1String("forecasts"), decodePoint);
    answer.history =
        r.list<domain::MetricPoint>(QLatin1String("history"), domain::metricPointFromJson);
    return r.finish(answer);
}

Result<UsagePoint> usagePointFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    UsagePoint point;
    point.time = r.dateTime(QLatin1String("time"));
    point.sessions = r.integer(QLatin1String("sessions"), 0);
    point.participants = r.integer(QLatin1String("participants"), 0);
    point.totalDurationSeconds = r.number(QLatin1String("total_duration_seconds"), 0);
    point.averageQuality = r.number(QLatin1String("average_quality"), 0, 5);
    point.averageLatencyMs = r.number(QLatin1String("average_latency_ms"), 0);
    return r.finish(point);
}

Result<QList<UsagePoint>> usageSeriesFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    if (!r.has(QLatin1String("points")))
        r.failField(QLatin1String("points"), QStringLiteral("is required"));
    return r.finish(r.list<UsagePoint>(QLatin1String("points"), usagePointFromJson));
}

Result<DashboardCard> dashboardCardFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    DashboardCard card;
    card.value = r.number(QLatin1String("value"));
    card.previous = r.number(QLatin1String("previous"));
    card.trend = r.enumeration(QLatin1String("trend"), domain::kTrendNames);
    card.changePercent = r.number(QLatin1String("change_rate"));
    return r.finish(card);
}

Result<LatencyBucket> latencyBucketFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    LatencyBucket bucket;
    bucket.fromMs = r.number(QLatin1String("from_ms"), 0);
    bucket.toMs = r.optionalNumber(QLatin1String("to_ms"), 0);
    bucket.count = r.integer(QLatin1String("count"), 0);
    return r.finish(bucket);
}

Result<RegionDashboard> regionDashboardFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionDashboard d;
    d.region = r.string(QLatin1String("region"));
    d.timestamp = r.dateTime(QLatin1String("timestamp"));
    const QJsonObject metrics = json.toObject().value(QLatin1String("metrics")).toObject();
    JsonReader m(metrics, r.pathOf(QLatin1String("metrics")));
    d.activeSessions =
        m.object<DashboardCard>(QLatin1String("active_sessions"), dashboardCardFromJson);
    d.totalParticipants =
        m.object<DashboardCard>(QLatin1String("total_participants"), dashboardCardFromJson);
    d.averageLatencyMs =
        m.object<DashboardCard>(QLatin1String("average_latency_ms"), dashboardCardFromJson);
    d.capacityUsedPercent =
        m.object<DashboardCard>(QLatin1String("capacity_used_percent"), dashboardCardFromJson);
    if (m.failed())
        return m.error();
    const QJsonObject trends = json.toObject().value(QLatin1String("trends")).toObject();
    JsonReader t(trends, r.pathOf(QLatin1String("trends")));
    using domain::MetricPoint;
    d.sessions = t.list<MetricPoint>(QLatin1String("sessions"), domain::metricPointFromJson);
    d.participants =
        t.list<MetricPoint>(QLatin1String("participants"), domain::metricPointFromJson);
    d.quality = t.list<MetricPoint>(QLatin1String("quality"), domain::metricPointFromJson);
    d.capacity = t.list<MetricPoint>(QLatin1String("capacity"), domain::metricPointFromJson);
    d.latency = t.list<MetricPoint>(QLatin1String("latency"), domain::metricPointFromJson);
    if (t.failed())
        return t.error();
    d.latencyDistribution =
        r.list<LatencyBucket>(QLatin1String("latency_distribution"), latencyBucketFromJson);
    d.alerts = r.list<domain::RegionAlert>(QLatin1String("alerts"), domain::regionAlertFromJson);
    return r.finish(d);
}

std::optional<ForecastShortfall> forecastShortfall(const QString &field, const QString &message)
{
    if (field != QLatin1String("history"))
        return std::nullopt;
    static const QRegularExpression need(QStringLiteral("at least (\\d+) days"));
    static const QRegularExpression have(QStringLiteral("\\bhas (\\d+)\\b"));
    const auto needMatch = need.match(message);
    const auto haveMatch = have.match(message);
    if (!needMatch.hasMatch() || !haveMatch.hasMatch())
        return std::nullopt;
    return ForecastShortfall{.haveDays = haveMatch.captured(1).toInt(),
                             .needDays = needMatch.captured(1).toInt()};
}

namespace {

// Seed 001's names and ours (issue 12): the server emits the seed's, the
// domain codecs read ours.
const QList<std::pair<QString, QString>> kMetricSeedNames{
    {QStringLiteral("metric_type"), QStringLiteral("type")}};
const QList<std::pair<QString, QString>> kAlertSeedNames{
    {QStringLiteral("metric_name"), QStringLiteral("metric")},
    {QStringLiteral("alert_name"), QStringLiteral("name")},
    {QStringLiteral("notification_channels"), QStringLiteral("channels")},
    {QStringLiteral("is_active"), QStringLiteral("enabled")}};

QJsonObject renamed(QJsonObject json, const QList<std::pair<QString, QString>> &names, bool toSeed)
{
    for (const auto &[seed, ours] : names) {
        const QString &from = toSeed ? ours : seed;
        const QString &to = toSeed ? seed : ours;
        if (json.contains(from))
            json.insert(to, json.take(from));
    }
    return json;
}

} // namespace

QJsonObject toRequestJson(const MetricDefinition &definition)
{
    QJsonObject json = renamed(domain::toJson(definition.metric), kMetricSeedNames, true);
    json.remove(QStringLiteral("id"));
    json.insert(QStringLiteral("is_active"), definition.active);
    return json;
}

QJsonObject toRequestJson(const AlertDefinition &definition)
{
    QJsonObject json = renamed(domain::toJson(definition.alert), kAlertSeedNames, true);
    json.remove(QStringLiteral("id"));
    json.remove(QStringLiteral("created_at"));
    json.insert(QStringLiteral("webhook_url"), definition.targets.webhookUrl);
    json.insert(QStringLiteral("webhook_secret"), definition.targets.webhookSecret);
    json.insert(QStringLiteral("slack_webhook_url"), definition.targets.slackWebhookUrl);
    json.insert(QStringLiteral("email_to"), definition.targets.emailTo);
    return json;
}

std::optional<domain::Error> problemOf(const MetricDefinition &definition)
{
    const Result<domain::CustomMetric> metric =
        domain::customMetricFromJson(domain::toJson(definition.metric));
    if (!metric)
        return metric.error();
    return std::nullopt;
}

std::optional<domain::Error> problemOf(const AlertDefinition &definition)
{
    const Result<domain::Alert> alert = domain::alertFromJson(domain::toJson(definition.alert));
    if (!alert)
        return alert.error();
    return domain::analyticsAlertProblem(alert.value(), definition.targets);
}

Result<MetricDefinition> metricDefinitionFromJson(const QJsonValue &json, const QString &path)
{
    if (!json.isObject())
        return domain::Error{path, QStringLiteral("must be an object")};
    QJsonObject object = renamed(json.toObject(), kMetricSeedNames, false);
    MetricDefinition definition;
    const QJsonValue active = object.take(QStringLiteral("is_active"));
    const QJsonValue created = object.take(QStringLiteral("created_at"));
    JsonReader r(
        QJsonObject{{QStringLiteral("is_active"), active}, {QStringLiteral("created_at"), created}},
        path);
    definition.active = r.optionalBoolean(QLatin1String("is_active")).value_or(true);
    definition.createdAt = r.optionalDateTime(QLatin1String("created_at")).value_or(QDateTime());
    if (r.failed())
        return r.error();
    Result<domain::CustomMetric> metric = domain::customMetricFromJson(object, path);
    if (!metric)
        return metric.error();
    definition.metric = std::move(metric).value();
    return definition;
}

Result<AlertDefinition> alertDefinitionFromJson(const QJsonValue &json, const QString &path)
{
    if (!json.isObject())
        return domain::Error{path, QStringLiteral("must be an object")};
    QJsonObject object = renamed(json.toObject(), kAlertSeedNames, false);
    QJsonObject extra;
    for (const QString &key : {QStringLiteral("webhook_url"), QStringLiteral("webhook_secret"),
                               QStringLiteral("slack_webhook_url"), QStringLiteral("email_to"),
                               QStringLiteral("last_triggered"), QStringLiteral("trigger_count")})
        extra.insert(key, object.take(key));
    JsonReader r(extra, path);
    AlertDefinition definition;
    definition.targets.webhookUrl =
        r.optionalString(QLatin1String("webhook_url")).value_or(QString());
    definition.targets.webhookSecret =
        r.optionalString(QLatin1String("webhook_secret")).value_or(QString());
    definition.targets.slackWebhookUrl =
        r.optionalString(QLatin1String("slack_webhook_url")).value_or(QString());
    definition.targets.emailTo = r.optionalString(QLatin1String("email_to")).value_or(QString());
    definition.lastTriggered = r.optionalDateTime(QLatin1String("last_triggered"));
    definition.triggerCount = r.optionalInteger(QLatin1String("trigger_count"), 0).value_or(0);
    if (r.failed())
        return r.error();
    Result<domain::Alert> alert = domain::alertFromJson(object, path);
    if (!alert)
        return alert.error();
    definition.alert = std::move(alert).value();
    return definition;
}

Result<domain::AlertTrigger> triggerFromJson(const QJsonValue &json, const QString &path)
{
    if (!json.isObject())
        return domain::Error{path, QStringLiteral("must be an object")};
    QJsonObject object = json.toObject();
    if (object.contains(QStringLiteral("metric_value")))
        object.insert(QStringLiteral("value"), object.take(QStringLiteral("metric_value")));
    for (const QString &key : {QStringLiteral("resolved_at"), QStringLiteral("acknowledged_at")}) {
        if (object.value(key).isNull())
            object.remove(key);
    }
    return domain::alertTriggerFromJson(object, path);
}

Result<ExportJobStatus> exportJobStatusFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    ExportJobStatus job;
    job.id = r.string(QLatin1String("export_id"));
    job.projectId = r.optionalString(QLatin1String("project_id")).value_or(QString());
    job.exportType = r.optionalString(QLatin1String("export_type")).value_or(QString());
    const auto date = [&r](QLatin1String key) {
        const QString text = r.optionalString(key).value_or(QString());
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (!text.isEmpty() && !day.isValid())
            r.failField(key, QStringLiteral("must be a date YYYY-MM-DD, not \"%1\"").arg(text));
        return day;
    };
    job.dateFrom = date(QLatin1String("date_from"));
    job.dateTo = date(QLatin1String("date_to"));
    job.metrics = r.stringList(QLatin1String("metrics"));
    job.status = r.string(QLatin1String("status"));
    job.fileSize = r.optionalInteger(QLatin1String("file_size"), 0).value_or(0);
    job.rows = r.optionalInteger(QLatin1String("rows"), 0).value_or(0);
    job.sha256 = r.optionalString(QLatin1String("sha256")).value_or(QString());
    job.error = r.optionalString(QLatin1String("error")).value_or(QString());
    job.downloadUrl = r.optionalString(QLatin1String("download_url")).value_or(QString());
    return r.finish(job);
}

} // namespace waddle::client
