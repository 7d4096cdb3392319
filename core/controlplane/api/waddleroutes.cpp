#include "waddleroutes.h"

#include "apierrors.h"
#include "controlplane/services/eventhub.h"
#include "controlplane/services/regionservice.h"
#include "controlplane/store/waddlerepository.h"
#include "domain/page.h"
#include "domain/placement/effectiveregion.h"
#include "domain/placement/recommendation.h"
#include "domain/placement/recommendationanswer.h"
#include "requestparsing.h"

#include <QJsonArray>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

HttpResponse withETag(HttpResponse response, const Waddle &waddle)
{
    return response.withHeader("ETag", waddleETag(waddle).toLatin1());
}

HttpResponse conflict(const QString &code, const QString &message, const Waddle &current)
{
    return staleVersion(code, message, toJson(current), waddleETag(current));
}

} // namespace

WaddleRoutes::WaddleRoutes(WaddleRepository &waddles, const RegionService &regions,
                           EventHub &events)
    : m_waddles(waddles)
    , m_regions(regions)
    , m_events(events)
{}

void WaddleRoutes::registerOn(Router &router)
{
    const QString tag = QStringLiteral("waddles");
    const QList<std::pair<QString, QString>> paging{
        {QStringLiteral("offset"), QStringLiteral("first item, from 0")},
        {QStringLiteral("limit"), QStringLiteral("items per page")}};
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &WaddleRoutes::list),
                .summary = QStringLiteral("List waddles, paged"),
                .tag = tag,
                .statuses = {400, 401},
                .queryParameters = paging});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles/{id}"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &WaddleRoutes::one),
                .summary = QStringLiteral("One waddle, with its ETag"),
                .tag = tag,
                .statuses = {304, 401, 404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles/{id}/members"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &WaddleRoutes::members),
                .summary = QStringLiteral("A waddle's members, paged"),
                .tag = tag,
                .statuses = {400, 401, 404},
                .queryParameters = paging});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles/{id}/recommendation"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &WaddleRoutes::recommendation),
                .summary = QStringLiteral("Recommended region and every region's score breakdown"),
                .tag = tag,
                .statuses = {401, 404}});
    router.add(
        {Method::Put,
         QStringLiteral("/api/v1/waddles/{id}/voice-region"),
         Access::Owner,
         bindRoute(this, &WaddleRoutes::setVoiceRegion),
         QStringLiteral("Set the voice region: \"auto\" or a region code (If-Match required)"),
         tag,
         {400, 401, 403, 404, 409, 413, 415},
         QJsonObject{
             {QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("required"), QJsonArray{QStringLiteral("region")}},
             {QStringLiteral("properties"),
              QJsonObject{{QStringLiteral("region"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                       {QStringLiteral("example"), QStringLiteral("auto")}}}}}},
         {}});
}

void WaddleRoutes::list(const ApiRequest &request, const Reply &reply)
{
    const auto page = pageOf(request, 50, 500);
    if (!page)
        return reply(page.error());
    const auto total = m_waddles.waddleCount();
    const auto waddles = m_waddles.waddles(page->offset, page->limit);
    if (!total || !waddles)
        return reply(fromStoreError(!total ? total.error() : waddles.error()));
    reply(HttpResponse::json(
        200, pageToJson(QLatin1String("waddles"),
                        makePage(waddles.value(), total.value(), page->offset, page->limit),
                        [](const Waddle &waddle) { return toJson(waddle); })));
}

void WaddleRoutes::one(const ApiRequest &request, const Reply &reply)
{
    const auto waddle = m_waddles.waddle(request.param(QStringLiteral("id")));
    if (!waddle)
        return reply(fromStoreError(waddle.error()));
    if (request.header("if-none-match") == waddleETag(waddle.value()).toLatin1())
        return reply(withETag(HttpResponse::rawJson(304, {}), waddle.value()));
    reply(withETag(HttpResponse::json(200, toJson(waddle.value())), waddle.value()));
}

void WaddleRoutes::members(const ApiRequest &request, const Reply &reply)
{
    const QString id = request.param(QStringLiteral("id"));
    const auto page = pageOf(request, 100, 1000);
    if (!page)
        return reply(page.error());
    if (const auto waddle = m_waddles.waddle(id); !waddle)
        return reply(fromStoreError(waddle.error()));
    const auto total = m_waddles.memberCount(id);
    const auto members = m_waddles.members(id, page->offset, page->limit);
    if (!total || !members)
        return reply(fromStoreError(!total ? total.error() : members.error()));
    reply(HttpResponse::json(
        200, pageToJson(QLatin1String("members"),
                        makePage(members.value(), total.value(), page->offset, page->limit),
                        [](const Member &member) { return toJson(member); })));
}

void WaddleRoutes::recommendation(const ApiRequest &request, const Reply &reply)
{
    const auto waddle = m_waddles.waddle(request.param(QStringLiteral("id")));
    if (!waddle)
        return reply(fromStoreError(waddle.error()));
    const auto groups = m_waddles.memberGroups(waddle->id);
    if (!groups)
        return reply(fromStoreError(groups.error()));
    const Result<Recommendation> recommended = recommendRegion(m_regions.regions(), groups.value());
    RecommendationAnswer answer{waddle->id, waddle->voiceRegion, waddle->currentRegion, {}, {}};
    if (recommended)
        answer.recommendation = recommended.value();
    else
        answer.reason = recommended.error().message; // no winner is an answer too
    reply(HttpResponse::json(200, toJson(answer)));
}

void WaddleRoutes::setVoiceRegion(const ApiRequest &request, const Reply &reply)
{
    const QString id = request.param(QStringLiteral("id"));
    if (request.key && !request.key->mayEditWaddle(id)) {
        return reply(notYourWaddle(id));
    }
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const Result<VoiceRegionUpdate> update = voiceRegionUpdateFromJson(body.value());
    if (!update)
        return reply(badRequest(update.error()));
    const QString wanted = update->region;
    if (wanted != automaticVoiceRegion() && !m_regions.region(wanted)) {
        return reply(HttpResponse::error(400, QStringLiteral("unknown_region"),
                                         QStringLiteral("region: no region \"%1\"").arg(wanted),
                                         QStringLiteral("region")));
    }
    const auto current = m_waddles.waddle(id);
    if (!current)
        return reply(fromStoreError(current.error()));

    const QByteArray ifMatch = request.header("if-match").trimmed();
    if (ifMatch.isEmpty()) {
        return reply(conflict(QStringLiteral("precondition_required"),
                              QStringLiteral("send If-Match with the ETag of the waddle you "
                                             "edited; the current one is attached"),
                              current.value()));
    }
    if (ifMatch != "*" && ifMatch != waddleETag(current.value()).toLatin1()) {
        return reply(conflict(QStringLiteral("stale_version"),
                              QStringLiteral("the waddle changed since you read it (now version "
                                             "%1); the current one is attached")
                                  .arg(current->version),
                              current.value()));
    }

    // On auto, the members' places when the store can say; without them the
    // rule falls back to the waddle's current region.
    QList<LocationGroup> members;
    if (wanted == automaticVoiceRegion()) {
        if (auto groups = m_waddles.memberGroups(current->id))
            members = std::move(groups).value();
    }
    const QString effective =
        effectiveRegion(current.value(), wanted, m_regions.regions(), members);
    const auto updated = m_waddles.updateVoiceRegion(id, wanted, effective, current->version);
    if (!updated) {
        if (updated.error().kind == StoreError::Kind::Conflict) {
            const auto now = m_waddles.waddle(id);
            if (now)
                return reply(conflict(QStringLiteral("stale_version"), updated.error().message,
                                      now.value()));
        }
        return reply(fromStoreError(updated.error()));
    }
    m_events.publishWaddleChange(current.value(), updated.value(),
                                 QStringLiteral("voice region set to %1").arg(wanted));
    reply(withETag(HttpResponse::json(200, toJson(updated.value())), updated.value()));
}

} // namespace waddle::cp
