#include "regionroutes.h"

#include "apierrors.h"
#include "controlplane/services/eventhub.h"
#include "controlplane/services/healthservice.h"
#include "controlplane/services/migrationservice.h"
#include "controlplane/services/regionservice.h"
#include "domain/countedlist.h"
#include "domain/jsonreader.h"
#include "domain/placement/nearest.h"
#include "domain/placement/nearestanswer.h"
#include "domain/regionhealthdetail.h"
#include "domain/regionstats.h"
#include "requestparsing.h"

#include <QJsonArray>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

RegionHealth latestOrUnknown(const HealthService &health, const Region &region)
{
    return health.latest(region.code).value_or(notCheckedYet(region));
}

HttpResponse withETag(HttpResponse response, const Region &region)
{
    return response.withHeader("ETag", regionETag(region).toLatin1());
}

HttpResponse staleRegion(const QString &code, const QString &message, const Region &current)
{
    return staleVersion(code, message, toJson(current), regionETag(current));
}

} // namespace

RegionRoutes::RegionRoutes(RegionService &regions, HealthService &health,
                           MigrationService &migrations, EventHub &events)
    : m_regions(regions)
    , m_health(health)
    , m_migrations(migrations)
    , m_events(events)
{}

void RegionRoutes::registerOn(Router &router)
{
    const QString tag = QStringLiteral("regions");
    router.add({.method = Method::Get,
                .pattern = kListPath,
                .access = Access::Public,
                .handler = bindRoute(this, &RegionRoutes::list),
                .summary = QStringLiteral("List all regions"),
                .tag = tag});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/health"),
                .access = Access::Public,
                .handler = bindRoute(this, &RegionRoutes::health),
                .summary = QStringLiteral("Health of every region"),
                .tag = tag});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/stats"),
                .access = Access::Public,
                .handler = bindRoute(this, &RegionRoutes::stats),
                .summary = QStringLiteral("Global status: availability, capacity, latency matrix"),
                .tag = tag});
    router.add(
        {Method::Post,
         QStringLiteral("/api/v1/regions/nearest"),
         Access::Public,
         bindRoute(this, &RegionRoutes::nearest),
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
                .handler = bindRoute(this, &RegionRoutes::one),
                .summary = QStringLiteral("One region"),
                .tag = tag,
                .statuses = {404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/regions/{code}/health"),
                .access = Access::Public,
                .handler = bindRoute(this, &RegionRoutes::oneHealth),
                .summary = QStringLiteral("One region's latest health and its history"),
                .tag = tag,
                .statuses = {400, 404},
                .queryParameters = {
                    {QStringLiteral("limit"), QStringLiteral("history entries, 1–1000 (50)")}}});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/regions/{code}/check"),
                .access = Access::Operator,
                .handler = bindRoute(this, &RegionRoutes::checkNow),
                .summary = QStringLiteral("Check a region's health now"),
                .tag = tag,
                .statuses = {401, 403, 404}});
    router.add(
        {Method::Put,
         QStringLiteral("/api/v1/regions/{code}"),
         Access::Operator,
         bindRoute(this, &RegionRoutes::updateSettings),
         QStringLiteral("Edit a region's priority and failover list (If-Match required)"),
         tag,
         {400, 401, 403, 404, 409},
         QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                     {QStringLiteral("properties"),
                      QJsonObject{{QStringLiteral("priority"),
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")},
                                               {QStringLiteral("minimum"), 0},
                                               {QStringLiteral("maximum"), 1000}}},
                                  {QStringLiteral("failover_regions"),
                                   QJsonObject{{QStringLiteral("type"), QStringLiteral("array")},
                                               {QStringLiteral("items"),
                                                QJsonObject{{QStringLiteral("type"),
                                                             QStringLiteral("string")}}}}}}}},
         {}});
    router.add({Method::Put,
                QStringLiteral("/api/v1/regions/{code}/maintenance"),
                Access::Operator,
                bindRoute(this, &RegionRoutes::maintenance),
                QStringLiteral("Put a region into maintenance or take it out"),
                tag,
                {400, 401, 403, 404},
                QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("object")},
                    {QStringLiteral("required"), QJsonArray{QStringLiteral("maintenance")}},
                    {QStringLiteral("properties"),
                     QJsonObject{{QStringLiteral("maintenance"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")}}},
                                 {QStringLiteral("drain"),
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")},
                                              {QStringLiteral("description"),
                                               QStringLiteral("with maintenance on: migrate every "
                                                              "waddle of the region away")}}}}}},
                {}});
}

HttpResponse RegionRoutes::listAnswer() const
{
    return HttpResponse::rawJson(200, m_regions.regionsBody());
}

void RegionRoutes::list(const ApiRequest &, const Reply &reply)
{
    reply(listAnswer());
}

void RegionRoutes::health(const ApiRequest &, const Reply &reply)
{
    QList<RegionHealth> latest;
    for (const Region &region : m_regions.regions())
        latest.append(latestOrUnknown(m_health, region));
    reply(HttpResponse::json(
        200, countedListToJson(QLatin1String("regions"), latest,
                               [](const RegionHealth &h) { return toReportJson(h); })));
}

void RegionRoutes::stats(const ApiRequest &, const Reply &reply)
{
    // SPEC §8 global status (seed 001 GetRegionStats, seed 002 global status).
    QHash<QString, RegionHealth> latest;
    for (const Region &region : m_regions.regions()) {
        if (const std::optional<RegionHealth> check = m_health.latest(region.code))
            latest.insert(region.code, *check);
    }
    RegionStats stats = aggregateRegionStats(m_regions.regions(), latest);
    // Over time, from the stored checks (issue 13, seed 002).
    using std::chrono::hours;
    for (const auto &[window, field] :
         {std::pair{hours(24), &RegionStats::availability24hPercent},
          std::pair{hours(24 * 7), &RegionStats::availability7dPercent},
          std::pair{hours(24 * 30), &RegionStats::availability30dPercent}}) {
        const auto share = m_health.availability(window);
        if (!share)
            return reply(fromStoreError(share.error()));
        stats.*field = share.value();
    }
    reply(HttpResponse::json(200, toJson(stats)));
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
    const Result<NearestResult> found = findNearestRegion(m_regions.regions(), ask.value());
    if (!found) {
        if (found.error().field == QLatin1String("regions"))
            return reply(
                HttpResponse::error(503, QStringLiteral("no_region"), found.error().message));
        return reply(badRequest(found.error()));
    }
    NearestAnswer answer;
    answer.primary = *m_regions.region(found->primary);
    for (const QString &code : found->fallbacks)
        answer.fallbacks.append(*m_regions.region(code));
    answer.recommendedUrl = found->recommendedUrl;
    answer.preferredHonoured = found->preferredHonoured;
    answer.candidates = found->candidates;
    reply(HttpResponse::json(200, toJson(answer)));
}

void RegionRoutes::one(const ApiRequest &request, const Reply &reply)
{
    const Region *region = m_regions.region(request.param(QStringLiteral("code")));
    if (!region)
        return reply(unknownRegion(request.param(QStringLiteral("code"))));
    if (request.header("if-none-match") == regionETag(*region).toLatin1())
        return reply(withETag(HttpResponse::rawJson(304, {}), *region));
    reply(withETag(HttpResponse::json(200, toJson(*region)), *region));
}

void RegionRoutes::updateSettings(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    const Region *current = m_regions.region(code);
    if (!current)
        return reply(unknownRegion(code));
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const Result<RegionSettings> settings =
        regionSettingsFromJson(body.value(), *current, m_regions.regions());
    if (!settings)
        return reply(badRequest(settings.error()));
    const QByteArray ifMatch = request.header("if-match").trimmed();
    if (ifMatch.isEmpty()) {
        return reply(staleRegion(QStringLiteral("precondition_required"),
                                 QStringLiteral("send If-Match with the ETag of the region you "
                                                "edited; the current one is attached"),
                                 *current));
    }
    if (ifMatch != "*" && ifMatch != regionETag(*current).toLatin1()) {
        return reply(staleRegion(QStringLiteral("stale_version"),
                                 QStringLiteral("the region changed since you read it (now "
                                                "version %1); the current one is attached")
                                     .arg(current->version),
                                 *current));
    }
    const qint64 expected = current->version;
    const StoreResult<Region> updated = m_regions.updateSettings(code, settings.value(), expected);
    if (!updated) {
        if (updated.error().kind == StoreError::Kind::Conflict) {
            if (const Region *now = m_regions.region(code))
                return reply(
                    staleRegion(QStringLiteral("stale_version"), updated.error().message, *now));
        }
        return reply(fromStoreError(updated.error()));
    }
    m_events.publish(QStringLiteral("region.updated"),
                     QJsonObject{{QStringLiteral("region"), toJson(updated.value())}});
    reply(withETag(HttpResponse::json(200, toJson(updated.value())), updated.value()));
}

void RegionRoutes::oneHealth(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    const Region *region = m_regions.region(code);
    if (!region)
        return reply(unknownRegion(code));
    const auto page = pageOf(request, 50, 1000);
    if (!page)
        return reply(page.error());
    auto history = m_health.history(code, static_cast<int>(page->limit));
    if (!history)
        return reply(fromStoreError(history.error()));
    const RegionHealthDetail detail{latestOrUnknown(m_health, *region), std::move(history).value()};
    reply(HttpResponse::json(200, toJson(detail)));
}

void RegionRoutes::checkNow(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_regions.region(code))
        return reply(unknownRegion(code));
    // Answered when the probe comes back (at most the probe timeout).
    m_health.checkNow(code, [reply](const RegionHealth &health) {
        reply(HttpResponse::json(200, toJson(health)));
    });
}

void RegionRoutes::maintenance(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_regions.region(code))
        return reply(unknownRegion(code));
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    JsonReader r(body.value());
    const bool on = r.boolean(QLatin1String("maintenance"));
    const bool drain = r.optionalBoolean(QLatin1String("drain")).value_or(false);
    if (!r.failed() && drain && !on)
        r.failField(QLatin1String("drain"), QStringLiteral("only with \"maintenance\": true"));
    if (r.failed())
        return reply(badRequest(r.error()));
    if (const StoreResult<void> saved = m_health.setMaintenance(code, on); !saved)
        return reply(fromStoreError(saved.error()));
    QJsonObject answer = toJson(*m_regions.region(code));
    if (drain) {
        const auto migrations = m_migrations.drain(code);
        if (!migrations)
            return reply(fromStoreError(migrations.error()));
        QJsonArray ids;
        for (const Migration &m : migrations.value())
            ids.append(m.id);
        answer.insert(QStringLiteral("drain_migrations"), ids);
    }
    reply(HttpResponse::json(200, answer));
}

} // namespace waddle::cp
