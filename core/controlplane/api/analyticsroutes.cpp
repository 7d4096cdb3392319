#include "analyticsroutes.h"

#include "apierrors.h"
#include "controlplane/services/alertdeliveryservice.h"
#include "controlplane/services/analyticsservice.h"
#include "controlplane/services/exportservice.h"
#include "controlplane/services/healthservice.h"
#include "controlplane/services/regionservice.h"
#include "domain/analytics/alert.h"
#include "domain/analytics/custommetric.h"
#include "domain/analytics/forecast.h"
#include "domain/analytics/silence.h"
#include "domain/analytics/usageevent.h"
#include "domain/jsonreader.h"
#include "domain/region.h"
#include "domain/regionalert.h"
#include "requestparsing.h"
#include "usagebatch.h"

#include <QJsonArray>

#include <cmath>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

const QString kProjectParam = QStringLiteral("project_id");

HttpResponse invalidParameter(const QString &name, const QString &message)
{
    return HttpResponse::error(400, QStringLiteral("invalid_request"),
                               QStringLiteral("%1: %2").arg(name, message), name);
}

// ?name= as a UTC time: YYYY-MM-DD (its midnight) or ISO 8601.
Result<QDateTime, HttpResponse> timeParameter(const ApiRequest &request, const QString &name,
                                              const QDateTime &fallback)
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    const QString text = request.query.queryItemValue(name);
    QDateTime time;
    if (text.size() == 10) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            time = QDateTime(date, QTime(0, 0), Qt::UTC);
    } else {
        time = QDateTime::fromString(text, Qt::ISODateWithMs);
    }
    if (!time.isValid())
        return invalidParameter(name, QStringLiteral("\"%1\" is not YYYY-MM-DD nor an ISO 8601 "
                                                     "time")
                                          .arg(text));
    return time.toUTC();
}

// Seed 001 spells some fields differently from our codecs: both are taken
// on input (issue 12), the seed's wins when both are present.
QJsonObject withOurNames(QJsonObject json, const QList<std::pair<QString, QString>> &renames)
{
    for (const auto &[seed, ours] : renames) {
        if (json.contains(seed)) {
            json.insert(ours, json.value(seed));
            json.remove(seed);
        }
    }
    return json;
}

// A 400 naming the seed's field for an error our codec reported by its name.
HttpResponse badSeedField(Error error, const QList<std::pair<QString, QString>> &renames)
{
    for (const auto &[seed, ours] : renames) {
        if (error.field == ours || error.field.startsWith(ours + u'[')) {
            error.message.replace(ours, seed);
            error.field.replace(0, ours.size(), seed);
        }
    }
    return badRequest(error);
}

const QList<std::pair<QString, QString>> kMetricRenames{
    {QStringLiteral("metric_type"), QStringLiteral("type")}};
const QList<std::pair<QString, QString>> kAlertRenames{
    {QStringLiteral("metric_name"), QStringLiteral("metric")},
    {QStringLiteral("alert_name"), QStringLiteral("name")},
    {QStringLiteral("notification_channels"), QStringLiteral("channels")},
    {QStringLiteral("is_active"), QStringLiteral("enabled")}};

QJsonObject toSeedJson(const StoredMetric &stored)
{
    QJsonObject json = toJson(stored.metric);
    json.insert(QStringLiteral("metric_type"), json.take(QStringLiteral("type")));
    json.insert(QStringLiteral("is_active"), stored.active);
    json.insert(QStringLiteral("created_at"), toJsonTime(stored.createdAt));
    return json;
}

QJsonObject toSeedJson(const StoredAlert &stored)
{
    const Alert &a = stored.alert;
    return QJsonObject{
        {QStringLiteral("id"), a.id},
        {QStringLiteral("project_id"), a.projectId},
        {QStringLiteral("metric_name"), a.metric},
        {QStringLiteral("alert_name"), a.name},
        {QStringLiteral("condition"), toString(a.condition)},
        {QStringLiteral("threshold"), a.threshold},
        {QStringLiteral("duration"), a.durationMinutes},
        {QStringLiteral("severity"), toString(a.severity)},
        {QStringLiteral("notification_channels"), QJsonArray::fromStringList(a.channels)},
        {QStringLiteral("last_triggered"), toJsonTime(stored.lastTriggered)},
        {QStringLiteral("trigger_count"), stored.triggerCount},
        {QStringLiteral("is_active"), a.enabled},
        {QStringLiteral("webhook_url"), stored.targets.webhookUrl},
        {QStringLiteral("webhook_secret"), stored.targets.webhookSecret},
        {QStringLiteral("slack_webhook_url"), stored.targets.slackWebhookUrl},
        {QStringLiteral("email_to"), stored.targets.emailTo},
        {QStringLiteral("created_at"), toJsonTime(a.createdAt)}};
}

// A custom metric from a request body (seed or our names); the project from
// the path when there is one.
Result<StoredMetric, HttpResponse> metricFromBody(const QJsonObject &body,
                                                  const QString &pathProject)
{
    QJsonObject json = withOurNames(body, kMetricRenames);
    if (!pathProject.isEmpty()) {
        if (json.contains(kProjectParam) && json.value(kProjectParam).toString() != pathProject)
            return invalidParameter(kProjectParam, QStringLiteral("differs from the path"));
        json.insert(kProjectParam, pathProject);
    }
    const QJsonValue active = json.take(QStringLiteral("is_active"));
    if (!active.isUndefined() && !active.isBool())
        return invalidParameter(QStringLiteral("is_active"), QStringLiteral("must be a boolean"));
    json.remove(QStringLiteral("id"));
    json.remove(QStringLiteral("created_at"));
    auto metric = customMetricFromJson(json);
    if (!metric)
        return badSeedField(metric.error(), kMetricRenames);
    return StoredMetric{metric.value(), active.toBool(true), {}};
}

// An alert from a request body (seed or our names) with its targets.
Result<StoredAlert, HttpResponse> alertFromBody(const QJsonObject &body, const QString &pathProject)
{
    QJsonObject json = withOurNames(body, kAlertRenames);
    if (!pathProject.isEmpty()) {
        if (json.contains(kProjectParam) && json.value(kProjectParam).toString() != pathProject)
            return invalidParameter(kProjectParam, QStringLiteral("differs from the path"));
        json.insert(kProjectParam, pathProject);
    }
    StoredAlert stored;
    for (const auto &[name, target] :
         {std::pair{QStringLiteral("webhook_url"), &stored.targets.webhookUrl},
          std::pair{QStringLiteral("webhook_secret"), &stored.targets.webhookSecret},
          std::pair{QStringLiteral("slack_webhook_url"), &stored.targets.slackWebhookUrl},
          std::pair{QStringLiteral("email_to"), &stored.targets.emailTo}}) {
        const QJsonValue value = json.take(name);
        if (value.isUndefined() || value.isNull())
            continue;
        if (!value.isString())
            return invalidParameter(name, QStringLiteral("must be a string"));
        *target = value.toString().trimmed();
    }
    for (const QString &name : {QStringLiteral("id"), QStringLiteral("created_at"),
                                QStringLiteral("last_triggered"), QStringLiteral("trigger_count")})
        json.remove(name);
    auto alert = alertFromJson(json);
    if (!alert)
        return badSeedField(alert.error(), kAlertRenames);
    stored.alert = alert.value();
    // Seed 001's severities, http(s) URLs, a target for each channel: the
    // domain's rules, which the alert form applies as well.
    if (const auto problem = analyticsAlertProblem(stored.alert, stored.targets))
        return badRequest(*problem);
    return stored;
}

Result<QDate, HttpResponse> dateParameter(const ApiRequest &request, const QString &name)
{
    const QString text = request.query.queryItemValue(name);
    const QDate date = QDate::fromString(text, u"yyyy-MM-dd");
    if (!date.isValid())
        return invalidParameter(name,
                                QStringLiteral("must be a date YYYY-MM-DD, not \"%1\"").arg(text));
    return date;
}

QJsonObject toSeedJson(const ExportJob &job)
{
    QJsonObject json{{QStringLiteral("export_id"), job.id},
                     {QStringLiteral("project_id"), job.projectId},
                     {QStringLiteral("export_type"), job.exportType},
                     {QStringLiteral("date_from"), job.dateFrom.toString(Qt::ISODate)},
                     {QStringLiteral("date_to"), job.dateTo.toString(Qt::ISODate)},
                     {QStringLiteral("metrics"), QJsonArray::fromStringList(job.metrics)},
                     {QStringLiteral("status"), job.status},
                     {QStringLiteral("file_size"), job.fileSize},
                     {QStringLiteral("rows"), job.rows},
                     {QStringLiteral("sha256"), job.sha256},
                     {QStringLiteral("created_at"), toJsonTime(job.createdAt)},
                     {QStringLiteral("completed_at"), toJsonTime(job.completedAt)}};
    if (job.status == QLatin1String("completed")) {
        const QString url = QStringLiteral("/api/v1/analytics/export/%1/download").arg(job.id);
        json.insert(QStringLiteral("download_url"), url);
        json.insert(QStringLiteral("file_url"), url);
    }
    if (!job.error.isEmpty())
        json.insert(QStringLiteral("error"), job.error);
    return json;
}

template <typename T, typename Encode>
QJsonObject listOf(const QString &name, const QList<T> &items, Encode encode)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(encode(item));
    return QJsonObject{{name, array}, {QStringLiteral("count"), array.size()}};
}

} // namespace

AnalyticsRoutes::AnalyticsRoutes(AnalyticsService &analytics, AlertDeliveryService &delivery,
                                 const RegionService &regions, HealthService &health,
                                 ExportService &exports)
    : m_analytics(analytics)
    , m_delivery(delivery)
    , m_regions(regions)
    , m_health(health)
    , m_exports(exports)
{}

void AnalyticsRoutes::registerOn(Router &router)
{
    const QString tag = QStringLiteral("analytics");
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/usage"),
                .access = Access::Operator,
                .handler = bindRoute(this, &AnalyticsRoutes::ingest),
                .summary = QStringLiteral("Ingest a batch of usage events (at most 10,000)"),
                .tag = tag,
                .statuses = {400, 401, 403, 413, 415},
                .requestSchema =
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                {QStringLiteral("required"), QJsonArray{QStringLiteral("events")}}},
                .maxBodyBytes = 32 * 1024 * 1024});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/analytics/realtime/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::realtime),
                .summary = QStringLiteral("Real-time dashboard of a project (seed 001; each "
                                          "built-in metric with its last 30 minutes, points)"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/analytics/usage/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::usage),
                .summary = QStringLiteral("Hourly or daily usage series of a project"),
                .tag = tag,
                .statuses = {400, 401, 403, 404},
                .queryParameters = {{QStringLiteral("from"), QStringLiteral("start (24 h ago)")},
                                    {QStringLiteral("to"), QStringLiteral("end (now)")},
                                    {QStringLiteral("bucket"), QStringLiteral("hour | day")},
                                    {QStringLiteral("region"), QStringLiteral("one region")}}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/{code}/dashboard"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &AnalyticsRoutes::dashboard),
                .summary = QStringLiteral("A region's dashboard: metrics with trends, 24 h "
                                          "hourly trends, latency distribution, open alerts"),
                .tag = QStringLiteral("regions"),
                .statuses = {401, 404}});
    const QString metrics = QStringLiteral("/api/v1/analytics/metrics/custom");
    router.add({.method = Method::Post,
                .pattern = metrics,
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::createMetric),
                .summary = QStringLiteral("Create a custom metric (seed 001)"),
                .tag = tag,
                .statuses = {400, 401, 403, 404, 409, 415},
                .requestSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}});
    router.add({.method = Method::Get,
                .pattern = metrics + QStringLiteral("/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::listMetrics),
                .summary = QStringLiteral("A project's custom metrics"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Put,
                .pattern = metrics + QStringLiteral("/{project_id}/{id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::updateMetric),
                .summary = QStringLiteral("Replace a custom metric"),
                .tag = tag,
                .statuses = {400, 401, 403, 404, 409, 415},
                .requestSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}});
    router.add({.method = Method::Delete,
                .pattern = metrics + QStringLiteral("/{project_id}/{id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::removeMetric),
                .summary = QStringLiteral("Delete a custom metric"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    const QString alerts = QStringLiteral("/api/v1/analytics/alerts");
    router.add({.method = Method::Post,
                .pattern = alerts,
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::createAlert),
                .summary = QStringLiteral("Create an alert (seed 001)"),
                .tag = tag,
                .statuses = {400, 401, 403, 404, 415},
                .requestSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}});
    router.add({.method = Method::Get,
                .pattern = alerts + QStringLiteral("/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::listAlerts),
                .summary = QStringLiteral("A project's alerts"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Put,
                .pattern = alerts + QStringLiteral("/{project_id}/{id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::updateAlert),
                .summary = QStringLiteral("Replace an alert's rule and targets"),
                .tag = tag,
                .statuses = {400, 401, 403, 404, 415},
                .requestSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}});
    router.add({.method = Method::Delete,
                .pattern = alerts + QStringLiteral("/{project_id}/{id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::removeAlert),
                .summary = QStringLiteral("Delete an alert and its triggers"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Post,
                .pattern = alerts + QStringLiteral("/{project_id}/check"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::check),
                .summary = QStringLiteral("Evaluate a project's alerts now"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/analytics/triggers/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::triggers),
                .summary = QStringLiteral("A project's recent triggers, newest first"),
                .tag = tag,
                .statuses = {400, 401, 403, 404},
                .queryParameters = {{QStringLiteral("limit"), QStringLiteral("1–100 (20)")}}});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/analytics/triggers/{project_id}/{id}/ack"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::acknowledge),
                .summary = QStringLiteral("Acknowledge an open trigger"),
                .tag = tag,
                .statuses = {401, 403, 404, 409}});
    const QString silences = QStringLiteral("/api/v1/analytics/silences");
    router.add({.method = Method::Post,
                .pattern = silences,
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::createSilence),
                .summary = QStringLiteral("Silence a project's alert deliveries until a time"),
                .tag = tag,
                .statuses = {400, 401, 403, 404, 415},
                .requestSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}});
    router.add({.method = Method::Get,
                .pattern = silences + QStringLiteral("/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::listSilences),
                .summary = QStringLiteral("A project's silences in force"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Delete,
                .pattern = silences + QStringLiteral("/{project_id}/{id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::removeSilence),
                .summary = QStringLiteral("End a silence"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/analytics/deliveries/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::deliveries),
                .summary = QStringLiteral("A project's alert delivery attempts, newest first"),
                .tag = tag,
                .statuses = {400, 401, 403, 404},
                .queryParameters = {{QStringLiteral("limit"), QStringLiteral("1–500 (50)")}}});
    router.add(
        {.method = Method::Get,
         .pattern = QStringLiteral("/api/v1/analytics/forecast/{project_id}"),
         .access = Access::Analyst,
         .handler = bindRoute(this, &AnalyticsRoutes::forecast),
         .summary = QStringLiteral("Usage forecast from the last 30 days (seed 001)"),
         .tag = tag,
         .statuses = {400, 401, 403, 404},
         .queryParameters = {
             {QStringLiteral("metric_type"),
              QStringLiteral("participant_minutes | egress_minutes | "
                             "storage_usage | bandwidth_usage | api_request")},
             {QStringLiteral("days"), QStringLiteral("1–90 (7)")},
             {QStringLiteral("model"), QStringLiteral("linear_regression | holt_winters")}}});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/analytics/export/{project_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::createExport),
                .summary = QStringLiteral("Start an export job (CSV or JSON) of a project's "
                                          "metrics for a date range"),
                .tag = tag,
                .statuses = {400, 401, 403, 404},
                .queryParameters = {
                    {QStringLiteral("export_type"), QStringLiteral("csv | json")},
                    {QStringLiteral("date_from"), QStringLiteral("YYYY-MM-DD")},
                    {QStringLiteral("date_to"), QStringLiteral("YYYY-MM-DD")},
                    {QStringLiteral("metrics[]"),
                     QStringLiteral("metric names: built-in or the project's custom metrics "
                                    "(default: the five built-in)")}}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/analytics/export/status/{export_id}"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::exportStatus),
                .summary = QStringLiteral("An export job's status"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/analytics/export/{export_id}/download"),
                .access = Access::Analyst,
                .handler = bindRoute(this, &AnalyticsRoutes::download),
                .summary = QStringLiteral("A completed export's file"),
                .tag = tag,
                .statuses = {401, 403, 404, 409}});
    router.add(
        {.method = Method::Get,
         .pattern = QStringLiteral("/api/v1/analytics/audit"),
         .access = Access::Admin,
         .handler = bindRoute(this, &AnalyticsRoutes::audit),
         .summary = QStringLiteral("Who read or wrote which analytics project, newest first"),
         .tag = tag,
         .statuses = {400, 401, 403},
         .queryParameters = {{QStringLiteral("project_id"), QStringLiteral("one project")},
                             {QStringLiteral("limit"), QStringLiteral("entries, 1–500 (50)")}}});
}

std::optional<HttpResponse> AnalyticsRoutes::admit(const ApiRequest &request,
                                                   const QString &projectId, const QString &action,
                                                   const QString &target)
{
    const auto exists = m_analytics.projectExists(projectId);
    if (!exists)
        return fromStoreError(exists.error());
    if (!exists.value()) {
        return HttpResponse::error(404, QStringLiteral("not_found"),
                                   QStringLiteral("no project \"%1\": a project is \"fleet\" or "
                                                  "a waddle id")
                                       .arg(projectId),
                                   kProjectParam);
    }
    if (request.key && !request.key->maySeeProject(projectId)) {
        return HttpResponse::error(403, QStringLiteral("forbidden"),
                                   QStringLiteral("this key sees only its own waddles' projects, "
                                                  "not \"%1\"")
                                       .arg(projectId),
                                   kProjectParam);
    }
    if (auto recorded = m_analytics.audit(request.key, action, projectId, target); !recorded)
        return fromStoreError(recorded.error());
    return std::nullopt;
}

void AnalyticsRoutes::ingest(const ApiRequest &request, const Reply &reply)
{
    // The plain shape of a good batch the quick way; anything else (a bad
    // event, too many) the general way, which says what and where.
    const QByteArray type = request.header("content-type").toLower();
    std::optional<QList<UsageEvent>> quick;
    if (type.isEmpty() || type.startsWith("application/json"))
        quick = quickUsageBatch(request.body, AnalyticsService::kMaxBatch);
    if (quick)
        return store(request, *quick, reply);
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const QJsonValue events = body->value(QStringLiteral("events"));
    if (!events.isArray()) {
        return reply(HttpResponse::error(400, QStringLiteral("invalid_request"),
                                         QStringLiteral("events: must be an array of usage "
                                                        "events"),
                                         QStringLiteral("events")));
    }
    const QJsonArray array = events.toArray();
    if (array.size() > AnalyticsService::kMaxBatch) {
        return reply(HttpResponse::error(413, QStringLiteral("payload_too_large"),
                                         QStringLiteral("events: %1 events; at most %2 a request")
                                             .arg(array.size())
                                             .arg(AnalyticsService::kMaxBatch),
                                         QStringLiteral("events")));
    }
    QList<UsageEvent> decoded;
    decoded.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        Result<UsageEvent> event =
            usageEventFromJson(array.at(i), QStringLiteral("events") + JsonReader::indexSuffix(i));
        if (!event)
            return reply(badRequest(event.error()));
        decoded.append(std::move(event).value());
    }
    store(request, decoded, reply);
}

void AnalyticsRoutes::store(const ApiRequest &request, const QList<UsageEvent> &events,
                            const Reply &reply)
{
    if (auto audited = m_analytics.audit(request.key, QStringLiteral("ingest usage"), kFleetProject,
                                         QString::number(events.size()));
        !audited) {
        return reply(fromStoreError(audited.error()));
    }
    if (auto stored = m_analytics.ingest(events); !stored)
        return reply(fromStoreError(stored.error()));
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("accepted"), events.size()}}));
}

void AnalyticsRoutes::realtime(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    if (auto refused = admit(request, project, QStringLiteral("read realtime")))
        return reply(*refused);
    const auto dashboard = m_analytics.realtime(project);
    if (!dashboard)
        return reply(fromStoreError(dashboard.error()));
    reply(HttpResponse::json(200, dashboard.value()));
}

void AnalyticsRoutes::usage(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto from = timeParameter(request, QStringLiteral("from"), now.addDays(-1));
    if (!from)
        return reply(from.error());
    const auto to = timeParameter(request, QStringLiteral("to"), now);
    if (!to)
        return reply(to.error());
    if (from.value() > to.value())
        return reply(
            invalidParameter(QStringLiteral("from"), QStringLiteral("must not be after to")));
    const QString bucket = request.query.queryItemValue(QStringLiteral("bucket")).isEmpty()
                               ? QStringLiteral("hour")
                               : request.query.queryItemValue(QStringLiteral("bucket"));
    if (bucket != QLatin1String("hour") && bucket != QLatin1String("day"))
        return reply(
            invalidParameter(QStringLiteral("bucket"),
                             QStringLiteral("must be hour or day, not \"%1\"").arg(bucket)));
    const QString region = request.query.queryItemValue(QStringLiteral("region"));
    if (!region.isEmpty() && !isValidRegionCode(region))
        return reply(invalidParameter(QStringLiteral("region"),
                                      QStringLiteral("\"%1\" is not a region code").arg(region)));
    if (auto refused = admit(request, project, QStringLiteral("read usage")))
        return reply(*refused);
    const auto series = m_analytics.usageSeries(project, region, from.value(), to.value(),
                                                bucket == QLatin1String("day"));
    if (!series)
        return reply(fromStoreError(series.error()));
    reply(HttpResponse::json(200, series.value()));
}

void AnalyticsRoutes::audit(const ApiRequest &request, const Reply &reply)
{
    const auto page = pageOf(request, 50, 500);
    if (!page)
        return reply(page.error());
    const auto entries =
        m_analytics.auditEntries(request.query.queryItemValue(kProjectParam), page->limit);
    if (!entries)
        return reply(fromStoreError(entries.error()));
    QJsonArray items;
    for (const AuditEntry &entry : entries.value()) {
        items.append(QJsonObject{{QStringLiteral("at"), toIsoString(entry.at)},
                                 {QStringLiteral("key_id"), entry.keyId},
                                 {QStringLiteral("key_name"), entry.keyName},
                                 {QStringLiteral("role"), entry.role},
                                 {QStringLiteral("action"), entry.action},
                                 {QStringLiteral("project_id"), entry.projectId},
                                 {QStringLiteral("target"), entry.target}});
    }
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("entries"), items},
                                              {QStringLiteral("count"), items.size()}}));
}

void AnalyticsRoutes::createMetric(const ApiRequest &request, const Reply &reply)
{
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const auto metric = metricFromBody(body.value(), QString());
    if (!metric)
        return reply(metric.error());
    if (auto refused = admit(request, metric->metric.projectId, QStringLiteral("create metric"),
                             metric->metric.name))
        return reply(*refused);
    const auto created = m_analytics.createMetric(metric->metric, metric->active);
    if (!created)
        return reply(fromStoreError(created.error()));
    reply(HttpResponse::json(201, toSeedJson(created.value())));
}

void AnalyticsRoutes::listMetrics(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    if (auto refused = admit(request, project, QStringLiteral("read metrics")))
        return reply(*refused);
    const auto metrics = m_analytics.metrics(project);
    if (!metrics)
        return reply(fromStoreError(metrics.error()));
    reply(HttpResponse::json(200, listOf(QStringLiteral("custom_metrics"), metrics.value(),
                                         [](const StoredMetric &m) { return toSeedJson(m); })));
}

void AnalyticsRoutes::updateMetric(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    auto metric = metricFromBody(body.value(), project);
    if (!metric)
        return reply(metric.error());
    if (auto refused = admit(request, project, QStringLiteral("update metric"),
                             request.param(QStringLiteral("id"))))
        return reply(*refused);
    StoredMetric stored = metric.value();
    stored.metric.id = request.param(QStringLiteral("id"));
    const auto updated = m_analytics.updateMetric(stored);
    if (!updated)
        return reply(fromStoreError(updated.error()));
    reply(HttpResponse::json(200, toSeedJson(updated.value())));
}

void AnalyticsRoutes::removeMetric(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const QString id = request.param(QStringLiteral("id"));
    if (auto refused = admit(request, project, QStringLiteral("delete metric"), id))
        return reply(*refused);
    if (auto removed = m_analytics.removeMetric(project, id); !removed)
        return reply(fromStoreError(removed.error()));
    reply(HttpResponse::json(
        200, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("deleted"), true}}));
}

void AnalyticsRoutes::createAlert(const ApiRequest &request, const Reply &reply)
{
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const auto alert = alertFromBody(body.value(), QString());
    if (!alert)
        return reply(alert.error());
    if (auto refused = admit(request, alert->alert.projectId, QStringLiteral("create alert"),
                             alert->alert.name))
        return reply(*refused);
    const auto created = m_analytics.createAlert(alert.value());
    if (!created)
        return reply(fromStoreError(created.error()));
    reply(HttpResponse::json(201, toSeedJson(created.value())));
}

void AnalyticsRoutes::listAlerts(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    if (auto refused = admit(request, project, QStringLiteral("read alerts")))
        return reply(*refused);
    const auto alerts = m_analytics.alerts(project);
    if (!alerts)
        return reply(fromStoreError(alerts.error()));
    reply(HttpResponse::json(200, listOf(QStringLiteral("alerts"), alerts.value(),
                                         [](const StoredAlert &a) { return toSeedJson(a); })));
}

void AnalyticsRoutes::updateAlert(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    auto alert = alertFromBody(body.value(), project);
    if (!alert)
        return reply(alert.error());
    if (auto refused = admit(request, project, QStringLiteral("update alert"),
                             request.param(QStringLiteral("id"))))
        return reply(*refused);
    StoredAlert stored = alert.value();
    stored.alert.id = request.param(QStringLiteral("id"));
    const auto updated = m_analytics.updateAlert(stored);
    if (!updated)
        return reply(fromStoreError(updated.error()));
    reply(HttpResponse::json(200, toSeedJson(updated.value())));
}

void AnalyticsRoutes::removeAlert(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const QString id = request.param(QStringLiteral("id"));
    if (auto refused = admit(request, project, QStringLiteral("delete alert"), id))
        return reply(*refused);
    if (auto removed = m_analytics.removeAlert(project, id); !removed)
        return reply(fromStoreError(removed.error()));
    reply(HttpResponse::json(
        200, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("deleted"), true}}));
}

void AnalyticsRoutes::check(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    if (auto refused = admit(request, project, QStringLiteral("check alerts")))
        return reply(*refused);
    const auto result = m_analytics.checkAlerts(project);
    if (!result)
        return reply(fromStoreError(result.error()));
    QJsonArray fired;
    for (const AlertTrigger &trigger : result->fired)
        fired.append(triggerToJson(trigger));
    QJsonArray resolved;
    for (const AlertTrigger &trigger : result->resolved)
        resolved.append(triggerToJson(trigger));
    reply(HttpResponse::json(200, QJsonObject{{kProjectParam, project},
                                              {QStringLiteral("checked"), result->checked},
                                              {QStringLiteral("triggered"), fired},
                                              {QStringLiteral("resolved"), resolved}}));
}

void AnalyticsRoutes::triggers(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const auto page = pageOf(request, 20, 100);
    if (!page)
        return reply(page.error());
    if (auto refused = admit(request, project, QStringLiteral("read triggers")))
        return reply(*refused);
    const auto triggers = m_analytics.triggers(project, page->limit);
    if (!triggers)
        return reply(fromStoreError(triggers.error()));
    reply(HttpResponse::json(200, listOf(QStringLiteral("triggers"), triggers.value(),
                                         [](const AlertTrigger &t) { return triggerToJson(t); })));
}

void AnalyticsRoutes::acknowledge(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const QString id = request.param(QStringLiteral("id"));
    if (auto refused = admit(request, project, QStringLiteral("acknowledge trigger"), id))
        return reply(*refused);
    const auto acknowledged = m_analytics.acknowledge(project, id);
    if (!acknowledged)
        return reply(fromStoreError(acknowledged.error()));
    reply(HttpResponse::json(200, triggerToJson(acknowledged.value())));
}

void AnalyticsRoutes::createSilence(const ApiRequest &request, const Reply &reply)
{
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const auto silence = silenceFromJson(body.value());
    if (!silence)
        return reply(badRequest(silence.error()));
    if (auto refused = admit(request, silence->projectId, QStringLiteral("create silence")))
        return reply(*refused);
    const auto created = m_delivery.createSilence(silence.value());
    if (!created)
        return reply(fromStoreError(created.error()));
    reply(HttpResponse::json(201, toJson(created.value())));
}

void AnalyticsRoutes::listSilences(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    if (auto refused = admit(request, project, QStringLiteral("read silences")))
        return reply(*refused);
    const auto silences = m_delivery.silences(project);
    if (!silences)
        return reply(fromStoreError(silences.error()));
    reply(HttpResponse::json(200, listOf(QStringLiteral("silences"), silences.value(),
                                         [](const Silence &s) { return toJson(s); })));
}

void AnalyticsRoutes::removeSilence(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const QString id = request.param(QStringLiteral("id"));
    if (auto refused = admit(request, project, QStringLiteral("delete silence"), id))
        return reply(*refused);
    if (auto removed = m_delivery.removeSilence(project, id); !removed)
        return reply(fromStoreError(removed.error()));
    reply(HttpResponse::json(
        200, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("deleted"), true}}));
}

void AnalyticsRoutes::deliveries(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const auto page = pageOf(request, 50, 500);
    if (!page)
        return reply(page.error());
    if (auto refused = admit(request, project, QStringLiteral("read deliveries")))
        return reply(*refused);
    const auto log = m_delivery.deliveries(project, page->limit);
    if (!log)
        return reply(fromStoreError(log.error()));
    reply(HttpResponse::json(
        200, listOf(QStringLiteral("deliveries"), log.value(), [](const DeliveryRecord &r) {
            return QJsonObject{
                {QStringLiteral("at"), toIsoString(r.at)},
                {QStringLiteral("channel"), r.channel},
                {QStringLiteral("target"), r.target},
                {QStringLiteral("attempt"), r.attempt},
                {QStringLiteral("outcome"), r.outcome},
                {QStringLiteral("http_status"),
                 r.httpStatus ? QJsonValue(*r.httpStatus) : QJsonValue()},
                {QStringLiteral("detail"), r.detail},
                {QStringLiteral("trigger_ids"), QJsonArray::fromStringList(r.triggerIds)}};
        })));
}

void AnalyticsRoutes::forecast(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const QString metric = request.query.hasQueryItem(QStringLiteral("metric_type"))
                               ? request.query.queryItemValue(QStringLiteral("metric_type"))
                               : QStringLiteral("participant_minutes");
    if (!AnalyticsService::builtInMetrics().contains(metric)) {
        return reply(invalidParameter(
            QStringLiteral("metric_type"),
            QStringLiteral("must be one of %1, not \"%2\"")
                .arg(AnalyticsService::builtInMetrics().join(QStringLiteral(", ")), metric)));
    }
    int days = ForecastDefaults::kDefaultHorizonDays;
    if (request.query.hasQueryItem(QStringLiteral("days"))) {
        bool ok = false;
        days = request.query.queryItemValue(QStringLiteral("days")).toInt(&ok);
        if (!ok || days < ForecastDefaults::kMinHorizonDays ||
            days > ForecastDefaults::kMaxHorizonDays)
            return reply(invalidParameter(QStringLiteral("days"),
                                          QStringLiteral("must be a whole number from 1 to 90")));
    }
    const QString model = request.query.hasQueryItem(QStringLiteral("model"))
                              ? request.query.queryItemValue(QStringLiteral("model"))
                              : QString(kLinearRegressionModel);
    if (model != kLinearRegressionModel && model != kHoltWintersModel) {
        return reply(invalidParameter(
            QStringLiteral("model"),
            QStringLiteral("must be linear_regression or holt_winters, not \"%1\"").arg(model)));
    }
    if (auto refused = admit(request, project, QStringLiteral("read forecast"), metric))
        return reply(*refused);
    const auto made = m_analytics.forecast(project, metric, days, model == kHoltWintersModel);
    if (!made)
        return reply(fromStoreError(made.error()));
    reply(HttpResponse::json(200, made.value()));
}

void AnalyticsRoutes::dashboard(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    const Region *region = m_regions.region(code);
    if (!region)
        return reply(unknownRegion(code));
    auto usage = m_analytics.regionUsage(code);
    if (!usage)
        return reply(fromStoreError(usage.error()));
    // Capacity and latency from the health checks, oldest first.
    const auto history = m_health.history(code, 60);
    if (!history)
        return reply(fromStoreError(history.error()));
    QJsonArray capacity, latency;
    for (auto it = history->crbegin(); it != history->crend(); ++it) {
        const QString at = toIsoString(it->checkedAt);
        capacity.append(QJsonObject{{QStringLiteral("time"), at},
                                    {QStringLiteral("value"), it->reading.utilisation * 100.0}});
        latency.append(QJsonObject{{QStringLiteral("time"), at},
                                   {QStringLiteral("value"), it->reading.responseMs}});
    }
    const double capacityNow = history->isEmpty() ? 0.0 : history->at(0).reading.utilisation * 100;
    const double capacityBefore =
        history->size() < 2 ? capacityNow : history->at(1).reading.utilisation * 100;
    const double change =
        capacityBefore == 0.0 ? 0.0 : (capacityNow - capacityBefore) / capacityBefore * 100.0;
    QJsonObject metrics{
        {QStringLiteral("active_sessions"), usage->value(QStringLiteral("active_sessions"))},
        {QStringLiteral("total_participants"), usage->value(QStringLiteral("total_participants"))},
        {QStringLiteral("average_latency_ms"), usage->value(QStringLiteral("average_latency_ms"))},
        {QStringLiteral("capacity_used_percent"),
         QJsonObject{{QStringLiteral("value"), capacityNow},
                     {QStringLiteral("previous"), capacityBefore},
                     {QStringLiteral("trend"),
                      std::abs(change) < TimeSeriesDefaults::kStableBandPercent
                          ? QStringLiteral("stable")
                          : (change > 0 ? QStringLiteral("up") : QStringLiteral("down"))},
                     {QStringLiteral("change_rate"), change}}}};
    const auto alerts = m_health.alerts(500);
    if (!alerts)
        return reply(fromStoreError(alerts.error()));
    QJsonArray open;
    for (const RegionAlert &alert : alerts.value()) {
        if (alert.regionCode == code && !alert.acknowledgedAt)
            open.append(toJson(alert));
    }
    reply(HttpResponse::json(
        200, QJsonObject{
                 {QStringLiteral("region"), code},
                 {QStringLiteral("timestamp"), toIsoString(QDateTime::currentDateTimeUtc())},
                 {QStringLiteral("metrics"), metrics},
                 {QStringLiteral("trends"),
                  QJsonObject{
                      {QStringLiteral("sessions"), usage->value(QStringLiteral("hourly_sessions"))},
                      {QStringLiteral("participants"),
                       usage->value(QStringLiteral("hourly_participants"))},
                      {QStringLiteral("quality"), usage->value(QStringLiteral("hourly_quality"))},
                      {QStringLiteral("capacity"), capacity},
                      {QStringLiteral("latency"), latency}}},
                 {QStringLiteral("latency_distribution"),
                  usage->value(QStringLiteral("latency_distribution"))},
                 {QStringLiteral("alerts"), open}}));
}

void AnalyticsRoutes::createExport(const ApiRequest &request, const Reply &reply)
{
    const QString project = request.param(kProjectParam);
    const QString type = request.query.hasQueryItem(QStringLiteral("export_type"))
                             ? request.query.queryItemValue(QStringLiteral("export_type"))
                             : QStringLiteral("csv");
    if (type != QLatin1String("csv") && type != QLatin1String("json"))
        return reply(invalidParameter(QStringLiteral("export_type"),
                                      QStringLiteral("must be csv or json, not \"%1\"").arg(type)));
    const auto from = dateParameter(request, QStringLiteral("date_from"));
    if (!from)
        return reply(from.error());
    const auto to = dateParameter(request, QStringLiteral("date_to"));
    if (!to)
        return reply(to.error());
    if (from.value() > to.value())
        return reply(invalidParameter(QStringLiteral("date_from"),
                                      QStringLiteral("must not be after date_to")));
    // Fully decoded: a custom metric's name may hold spaces, commas, quotes.
    QStringList metrics =
        request.query.allQueryItemValues(QStringLiteral("metrics[]"), QUrl::FullyDecoded);
    if (metrics.isEmpty())
        metrics = AnalyticsService::builtInMetrics();
    for (const QString &metric : std::as_const(metrics)) {
        // A built-in metric or one of the project's custom metrics.
        if (const auto known = m_analytics.checkMetricName(project, metric); !known) {
            if (known.error().kind != StoreError::Kind::Invalid)
                return reply(fromStoreError(known.error()));
            return reply(invalidParameter(QStringLiteral("metrics[]"), known.error().message));
        }
    }
    if (auto refused = admit(request, project, QStringLiteral("create export"), type))
        return reply(*refused);
    const auto job = m_exports.create(project, type, from.value(), to.value(), metrics);
    if (!job)
        return reply(fromStoreError(job.error()));
    reply(HttpResponse::json(202, QJsonObject{{QStringLiteral("export_id"), job->id},
                                              {QStringLiteral("status"), job->status}}));
}

void AnalyticsRoutes::exportStatus(const ApiRequest &request, const Reply &reply)
{
    const auto job = m_exports.job(request.param(QStringLiteral("export_id")));
    if (!job)
        return reply(fromStoreError(job.error()));
    if (auto refused = admit(request, job->projectId, QStringLiteral("read export"), job->id))
        return reply(*refused);
    reply(HttpResponse::json(200, toSeedJson(job.value())));
}

void AnalyticsRoutes::download(const ApiRequest &request, const Reply &reply)
{
    const auto job = m_exports.job(request.param(QStringLiteral("export_id")));
    if (!job)
        return reply(fromStoreError(job.error()));
    if (auto refused = admit(request, job->projectId, QStringLiteral("download export"), job->id))
        return reply(*refused);
    if (job->status != QLatin1String("completed")) {
        return reply(HttpResponse::error(
            409, QStringLiteral("conflict"),
            QStringLiteral("the export is %1, not completed").arg(job->status)));
    }
    StoreResult<QByteArray> bytes = m_exports.content(job.value());
    if (!bytes)
        return reply(fromStoreError(bytes.error()));
    HttpResponse response;
    response.status = 200;
    response.body = std::move(bytes).value();
    response.contentType = job->exportType == QLatin1String("csv")
                               ? QByteArrayLiteral("text/csv; charset=utf-8")
                               : QByteArrayLiteral("application/json");
    reply(response.withHeader("Content-Disposition", "attachment; filename=\"" +
                                                         job->id.toLatin1() + '.' +
                                                         job->exportType.toLatin1() + '"'));
}

} // namespace waddle::cp
