#include "regionroutes.h"

#include "apierrors.h"
#include "controlplane.h"
#include "domain/jsonreader.h"
#include "domain/placement/nearest.h"
#include "sim/demofleet.h"

#include <QJsonArray>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

HttpResponse unknownRegion(const QString &code)
{
    return HttpResponse::error(404, QStringLiteral("not_found"),
                               QStringLiteral("no region \"%1\"").arg(code),
                               QStringLiteral("code"));
}

QJsonObject healthOf(const Region &region, const std::optional<RegionHealth> &latest)
{
    if (latest)
        return toJson(*latest);
    // Not checked yet: say so rather than invent figures.
    RegionHealth unknown;
    unknown.code = region.code;
    unknown.status = region.status;
    QJsonObject json = toJson(unknown);
    json.remove(QStringLiteral("last_check"));
    json.insert(QStringLiteral("message"), QStringLiteral("not checked yet"));
    return json;
}

} // namespace

RegionRoutes::RegionRoutes(ControlPlane &plane)
    : m_plane(plane)
{}

void RegionRoutes::registerOn(Router &router)
{
    auto bind = [this](void (RegionRoutes::*handler)(const ApiRequest &, const Reply &)) {
        return [this, handler](const ApiRequest &request, const Reply &reply) {
            (this->*handler)(request, reply);
        };
    };
    const QString tag = QStringLiteral("regions");
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions"),
                .access = Access::Public,
                .handler = bind(&RegionRoutes::list),
                .summary = QStringLiteral("List all regions"),
                .tag = tag});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/health"),
                .access = Access::Public,
                .handler = bind(&RegionRoutes::health),
                .summary = QStringLiteral("Health of every region"),
                .tag = tag});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/stats"),
                .access = Access::Public,
                .handler = bind(&RegionRoutes::stats),
                .summary = QStringLiteral("Global status: availability, capacity, latency matrix"),
                .tag = tag});
    router.add(
        {Method::Post,
         QStringLiteral("/api/v1/regions/nearest"),
         Access::Public,
         bind(&RegionRoutes::nearest),
         QStringLiteral("Best region for a client: latency + 2 × load% + 10 × priority"),
         tag,
         {400, 413, 415},
         QJsonObject{
             {QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("properties"),
              QJsonObject{{QStringLiteral("client_ip"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                          {QStringLiteral("preferred_region"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                          {QStringLiteral("client_location"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}},
                          {QStringLiteral("latencies"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("array")}}}}}},
         {}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/{code}"),
                .access = Access::Public,
                .handler = bind(&RegionRoutes::one),
                .summary = QStringLiteral("One region"),
                .tag = tag,
                .statuses = {404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/{code}/health"),
                .access = Access::Public,
                .handler = bind(&RegionRoutes::oneHealth),
                .summary = QStringLiteral("One region's latest health and its history"),
                .tag = tag,
                .statuses = {400, 404},
                .queryParameters = {
                    {QStringLiteral("limit"), QStringLiteral("history entries, 1–1000 (50)")}}});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/regions/{code}/check"),
                .access = Access::Operator,
                .handler = bind(&RegionRoutes::checkNow),
                .summary = QStringLiteral("Check a region's health now"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add(
        {Method::Put,
         QStringLiteral("/api/v1/regions/{code}/maintenance"),
         Access::Operator,
         bind(&RegionRoutes::maintenance),
         QStringLiteral("Put a region into maintenance or take it out"),
         tag,
         {400, 401, 403, 404},
         QJsonObject{
             {QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("required"), QJsonArray{QStringLiteral("maintenance")}},
             {QStringLiteral("properties"),
              QJsonObject{{QStringLiteral("maintenance"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")}}}}}},
         {}});
    router.add(
        {.method = Method::Get,
         .pattern = QStringLiteral("/api/v1/alerts"),
         .access = Access::Viewer,
         .handler = bind(&RegionRoutes::alerts),
         .summary = QStringLiteral("Region status alerts, newest first"),
         .tag = QStringLiteral("alerts"),
         .statuses = {400, 401},
         .queryParameters = {{QStringLiteral("limit"), QStringLiteral("alerts, 1–500 (50)")}}});
    if (m_plane.fleet()) {
        const QString sim = QStringLiteral("demo fleet");
        const QJsonObject faultSchema{
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("required"), QJsonArray{QStringLiteral("kind")}},
            {QStringLiteral("properties"),
             QJsonObject{
                 {QStringLiteral("kind"),
                  QJsonObject{{QStringLiteral("enum"),
                               QJsonArray{QStringLiteral("offline"), QStringLiteral("degraded"),
                                          QStringLiteral("latency")}}}},
                 {QStringLiteral("extra_ms"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("number")}}}}}};
        router.add({.method = Method::Post,
                    .pattern = QStringLiteral("/api/v1/sim/regions/{code}/fault"),
                    .access = Access::Admin,
                    .handler = bind(&RegionRoutes::setFault),
                    .summary = QStringLiteral("Inject a fault into a demo region agent"),
                    .tag = sim,
                    .statuses = {400, 401, 403, 404},
                    .requestSchema = faultSchema});
        router.add({.method = Method::Delete,
                    .pattern = QStringLiteral("/api/v1/sim/regions/{code}/fault"),
                    .access = Access::Admin,
                    .handler = bind(&RegionRoutes::clearFault),
                    .summary = QStringLiteral("Clear a demo region agent's fault"),
                    .tag = sim,
                    .statuses = {401, 403, 404}});
    }
}

void RegionRoutes::list(const ApiRequest &, const Reply &reply)
{
    reply(HttpResponse::rawJson(200, m_plane.regionsBody()));
}

void RegionRoutes::health(const ApiRequest &, const Reply &reply)
{
    QJsonArray array;
    for (const Region &region : m_plane.regions())
        array.append(healthOf(region, m_plane.monitor().latest(region.code)));
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("regions"), array},
                                              {QStringLiteral("count"), array.size()}}));
}

void RegionRoutes::stats(const ApiRequest &, const Reply &reply)
{
    // SPEC §8 global status (seed 001 GetRegionStats, seed 002 global status).
    int healthy = 0, degraded = 0, offline = 0, maintenance = 0, active = 0;
    qint64 totalCapacity = 0, totalLoad = 0;
    double latencySum = 0.0;
    int latencyCount = 0;
    QJsonArray perRegion;
    const QList<Region> &regions = m_plane.regions();
    for (const Region &region : regions) {
        switch (region.status) {
        case RegionStatus::Online:
            ++healthy;
            break;
        case RegionStatus::Degraded:
            ++degraded;
            break;
        case RegionStatus::Offline:
            ++offline;
            break;
        case RegionStatus::Maintenance:
            ++maintenance;
            break;
        }
        if (region.isActive)
            ++active;
        totalCapacity += region.capacity.maximum;
        totalLoad += region.capacity.current;
        const std::optional<RegionHealth> latest = m_plane.monitor().latest(region.code);
        QJsonObject entry{{QStringLiteral("code"), region.code},
                          {QStringLiteral("status"), toString(region.status)},
                          {QStringLiteral("utilisation"), region.capacity.utilisation()}};
        if (latest) {
            entry.insert(QStringLiteral("response_ms"), latest->reading.responseMs);
            entry.insert(QStringLiteral("error_rate"), latest->reading.errorRatePercent);
            entry.insert(QStringLiteral("p99_ms"), latest->reading.p99Ms);
            entry.insert(QStringLiteral("score"), latest->score);
            entry.insert(QStringLiteral("last_check"), toIsoString(latest->checkedAt));
            if (latest->reading.endpointHealthy) {
                latencySum += latest->reading.responseMs;
                ++latencyCount;
            }
        }
        perRegion.append(entry);
    }
    // Estimated RTT between every pair of placed regions (SPEC §5 model).
    QJsonObject matrix;
    const RttModel model;
    for (const Region &from : regions) {
        QJsonObject row;
        for (const Region &to : regions) {
            if (from.locationKnown && to.locationKnown) {
                row.insert(
                    to.code,
                    std::round(model.estimateMs({from.location.latitude, from.location.longitude},
                                                {to.location.latitude, to.location.longitude}) *
                               10.0) /
                        10.0);
            }
        }
        matrix.insert(from.code, row);
    }
    const auto total = static_cast<int>(regions.size());
    reply(HttpResponse::json(
        200, QJsonObject{{QStringLiteral("total_regions"), total},
                         {QStringLiteral("active_regions"), active},
                         {QStringLiteral("healthy_regions"), healthy},
                         {QStringLiteral("degraded_regions"), degraded},
                         {QStringLiteral("down_regions"), offline + maintenance},
                         {QStringLiteral("maintenance_regions"), maintenance},
                         {QStringLiteral("availability"),
                          total > 0 ? 100.0 * (healthy + degraded) / total : 0.0},
                         {QStringLiteral("total_capacity"), totalCapacity},
                         {QStringLiteral("total_load"), totalLoad},
                         {QStringLiteral("available_capacity"),
                          std::max<qint64>(0, totalCapacity - totalLoad)},
                         {QStringLiteral("utilisation"),
                          totalCapacity > 0 ? 100.0 * static_cast<double>(totalLoad) /
                                                  static_cast<double>(totalCapacity)
                                            : 0.0},
                         {QStringLiteral("average_response_ms"),
                          latencyCount > 0 ? latencySum / latencyCount : 0.0},
                         {QStringLiteral("regions"), perRegion},
                         {QStringLiteral("latency_matrix_ms"), matrix}}));
}

void RegionRoutes::nearest(const ApiRequest &request, const Reply &reply)
{
    // An empty body asks with no hints (seed 001 allows every field out).
    QJsonObject body;
    if (!request.body.trimmed().isEmpty()) {
        auto parsed = jsonBody(request);
        if (!parsed)
            return reply(parsed.error());
        body = parsed.value();
    }
    const Result<NearestRequest> ask = nearestRequestFromJson(body);
    if (!ask)
        return reply(badRequest(ask.error()));
    const Result<NearestResult> found = findNearestRegion(m_plane.regions(), ask.value());
    if (!found) {
        if (found.error().field == QLatin1String("regions"))
            return reply(
                HttpResponse::error(503, QStringLiteral("no_region"), found.error().message));
        return reply(badRequest(found.error()));
    }
    QJsonArray fallbacks;
    for (const QString &code : found->fallbacks)
        fallbacks.append(toJson(*m_plane.region(code)));
    QJsonArray candidates;
    for (const NearestCandidate &candidate : found->candidates)
        candidates.append(toJson(candidate));
    reply(HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("primary_region"), toJson(*m_plane.region(found->primary))},
                    {QStringLiteral("fallback_regions"), fallbacks},
                    {QStringLiteral("recommended_url"), found->recommendedUrl},
                    {QStringLiteral("preferred_honoured"), found->preferredHonoured},
                    {QStringLiteral("candidates"), candidates}}));
}

void RegionRoutes::one(const ApiRequest &request, const Reply &reply)
{
    const Region *region = m_plane.region(request.param(QStringLiteral("code")));
    if (!region)
        return reply(unknownRegion(request.param(QStringLiteral("code"))));
    reply(HttpResponse::json(200, toJson(*region)));
}

void RegionRoutes::oneHealth(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    const Region *region = m_plane.region(code);
    if (!region)
        return reply(unknownRegion(code));
    const auto page = pageOf(request, 50, 1000);
    if (!page)
        return reply(page.error());
    const auto history = m_plane.store().healthHistory(
        code, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), static_cast<int>(page->limit));
    if (!history)
        return reply(fromStoreError(history.error()));
    QJsonArray entries;
    for (const RegionHealth &h : history.value())
        entries.append(toJson(h));
    QJsonObject json = healthOf(*region, m_plane.monitor().latest(code));
    json.insert(QStringLiteral("history"), entries);
    reply(HttpResponse::json(200, json));
}

void RegionRoutes::checkNow(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_plane.region(code))
        return reply(unknownRegion(code));
    // Answered when the probe comes back (at most the probe timeout).
    m_plane.monitor().checkNow(code, [reply](const RegionHealth &health) {
        reply(HttpResponse::json(200, toJson(health)));
    });
}

void RegionRoutes::maintenance(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_plane.region(code))
        return reply(unknownRegion(code));
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    JsonReader r(body.value());
    const bool on = r.boolean(QLatin1String("maintenance"));
    if (r.failed())
        return reply(badRequest(r.error()));
    if (const StoreResult<void> saved = m_plane.store().setMaintenance(code, on); !saved)
        return reply(fromStoreError(saved.error()));
    m_plane.monitor().setMaintenance(code, on);
    reply(HttpResponse::json(200, toJson(*m_plane.region(code))));
}

void RegionRoutes::alerts(const ApiRequest &request, const Reply &reply)
{
    const auto page = pageOf(request, 50, 500);
    if (!page)
        return reply(page.error());
    const auto alerts = m_plane.store().alerts(static_cast<int>(page->limit));
    if (!alerts)
        return reply(fromStoreError(alerts.error()));
    QJsonArray array;
    for (const RegionAlert &alert : alerts.value()) {
        QJsonObject json{{QStringLiteral("id"), alert.id},
                         {QStringLiteral("region"), alert.regionCode},
                         {QStringLiteral("severity"), toString(alert.severity)},
                         {QStringLiteral("title"), alert.title},
                         {QStringLiteral("description"), alert.description},
                         {QStringLiteral("from"), toString(alert.from)},
                         {QStringLiteral("to"), toString(alert.to)},
                         {QStringLiteral("created_at"), toIsoString(alert.createdAt)}};
        if (alert.acknowledgedAt)
            json.insert(QStringLiteral("acknowledged_at"), toIsoString(*alert.acknowledgedAt));
        array.append(json);
    }
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("alerts"), array},
                                              {QStringLiteral("count"), array.size()}}));
}

void RegionRoutes::setFault(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_plane.region(code))
        return reply(unknownRegion(code));
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    JsonReader r(body.value());
    const QString kindName = r.string(QLatin1String("kind"));
    const double extraMs = r.optionalNumber(QLatin1String("extra_ms"), 0.0, 60000.0).value_or(0.0);
    if (r.failed())
        return reply(badRequest(r.error()));
    const std::optional<sim::RegionAgent::Fault::Kind> kind =
        sim::RegionAgent::faultKindFromName(kindName);
    if (!kind || *kind == sim::RegionAgent::Fault::Kind::None) {
        return reply(badRequest(
            Error{QStringLiteral("kind"),
                  QStringLiteral("kind: must be offline, degraded or latency, not \"%1\"")
                      .arg(kindName)}));
    }
    if (*kind == sim::RegionAgent::Fault::Kind::Latency && extraMs <= 0.0) {
        return reply(badRequest(Error{QStringLiteral("extra_ms"),
                                      QStringLiteral("extra_ms: a latency fault needs extra_ms "
                                                     "above 0")}));
    }
    m_plane.fleet()->setFault(code, sim::RegionAgent::Fault{*kind, extraMs});
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("region"), code},
                                              {QStringLiteral("kind"), kindName},
                                              {QStringLiteral("extra_ms"), extraMs}}));
}

void RegionRoutes::clearFault(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_plane.region(code))
        return reply(unknownRegion(code));
    m_plane.fleet()->clearFault(code);
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("region"), code},
                                              {QStringLiteral("kind"), QStringLiteral("none")}}));
}

} // namespace waddle::cp
