#include "waddleroutes.h"

#include "apierrors.h"
#include "controlplane.h"
#include "domain/placement/recommendation.h"

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
    QJsonObject body{{QStringLiteral("error"),
                      QJsonObject{{QStringLiteral("code"), code},
                                  {QStringLiteral("message"), message},
                                  {QStringLiteral("field"), QStringLiteral("If-Match")}}},
                     {QStringLiteral("current"), toJson(current)}};
    return withETag(HttpResponse::json(409, body), current);
}

} // namespace

WaddleRoutes::WaddleRoutes(ControlPlane &plane)
    : m_plane(plane)
{}

void WaddleRoutes::registerOn(Router &router)
{
    auto bind = [this](void (WaddleRoutes::*handler)(const ApiRequest &, const Reply &)) {
        return [this, handler](const ApiRequest &request, const Reply &reply) {
            (this->*handler)(request, reply);
        };
    };
    const QString tag = QStringLiteral("waddles");
    const QList<std::pair<QString, QString>> paging{
        {QStringLiteral("offset"), QStringLiteral("first item, from 0")},
        {QStringLiteral("limit"), QStringLiteral("items per page")}};
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles"),
                .access = Access::Viewer,
                .handler = bind(&WaddleRoutes::list),
                .summary = QStringLiteral("List waddles, paged"),
                .tag = tag,
                .statuses = {400, 401},
                .queryParameters = paging});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles/{id}"),
                .access = Access::Viewer,
                .handler = bind(&WaddleRoutes::one),
                .summary = QStringLiteral("One waddle, with its ETag"),
                .tag = tag,
                .statuses = {304, 401, 404}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles/{id}/members"),
                .access = Access::Viewer,
                .handler = bind(&WaddleRoutes::members),
                .summary = QStringLiteral("A waddle's members, paged"),
                .tag = tag,
                .statuses = {400, 401, 404},
                .queryParameters = paging});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/waddles/{id}/recommendation"),
                .access = Access::Viewer,
                .handler = bind(&WaddleRoutes::recommendation),
                .summary = QStringLiteral("Recommended region and every region's score breakdown"),
                .tag = tag,
                .statuses = {401, 404}});
    router.add(
        {Method::Put,
         QStringLiteral("/api/v1/waddles/{id}/voice-region"),
         Access::Owner,
         bind(&WaddleRoutes::setVoiceRegion),
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
    const auto total = m_plane.store().waddleCount();
    const auto waddles = m_plane.store().waddles(page->offset, page->limit);
    if (!total || !waddles)
        return reply(fromStoreError(!total ? total.error() : waddles.error()));
    QJsonArray array;
    for (const Waddle &waddle : waddles.value())
        array.append(toJson(waddle));
    reply(pagedResponse(QStringLiteral("waddles"), array, total.value(), page.value()));
}

void WaddleRoutes::one(const ApiRequest &request, const Reply &reply)
{
    const auto waddle = m_plane.store().waddle(request.param(QStringLiteral("id")));
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
    if (const auto waddle = m_plane.store().waddle(id); !waddle)
        return reply(fromStoreError(waddle.error()));
    const auto total = m_plane.store().memberCount(id);
    const auto members = m_plane.store().members(id, page->offset, page->limit);
    if (!total || !members)
        return reply(fromStoreError(!total ? total.error() : members.error()));
    QJsonArray array;
    for (const Member &member : members.value())
        array.append(toJson(member));
    reply(pagedResponse(QStringLiteral("members"), array, total.value(), page.value()));
}

void WaddleRoutes::recommendation(const ApiRequest &request, const Reply &reply)
{
    const auto waddle = m_plane.store().waddle(request.param(QStringLiteral("id")));
    if (!waddle)
        return reply(fromStoreError(waddle.error()));
    const auto groups = m_plane.store().memberGroups(waddle->id);
    if (!groups)
        return reply(fromStoreError(groups.error()));
    const Result<Recommendation> recommended = recommendRegion(m_plane.regions(), groups.value());
    QJsonObject body{{QStringLiteral("waddle_id"), waddle->id},
                     {QStringLiteral("voice_region"), waddle->voiceRegion},
                     {QStringLiteral("current_region"), waddle->currentRegion}};
    if (recommended) {
        const QJsonObject json = toJson(recommended.value());
        for (auto it = json.constBegin(); it != json.constEnd(); ++it)
            body.insert(it.key(), it.value());
    } else {
        // No winner is an answer too: say why instead of failing.
        body.insert(QStringLiteral("region"), QJsonValue::Null);
        body.insert(QStringLiteral("reason"), recommended.error().message);
        body.insert(QStringLiteral("scores"), QJsonArray{});
    }
    reply(HttpResponse::json(200, body));
}

QString WaddleRoutes::effectiveRegion(const Waddle &waddle, const QString &voiceRegion) const
{
    if (voiceRegion != automaticVoiceRegion())
        return voiceRegion;
    if (const auto groups = m_plane.store().memberGroups(waddle.id)) {
        if (const Result<Recommendation> r = recommendRegion(m_plane.regions(), groups.value()))
            return r->regionCode;
    }
    if (!waddle.currentRegion.isEmpty())
        return waddle.currentRegion;
    const Region *best = nullptr;
    for (const Region &region : m_plane.regions()) {
        if (region.status == RegionStatus::Online && region.isActive &&
            (!best || region.priority < best->priority))
            best = &region;
    }
    return best ? best->code : QString();
}

void WaddleRoutes::setVoiceRegion(const ApiRequest &request, const Reply &reply)
{
    const QString id = request.param(QStringLiteral("id"));
    if (request.key && !request.key->mayEditWaddle(id)) {
        return reply(
            HttpResponse::error(403, QStringLiteral("forbidden"),
                                QStringLiteral("this owner key does not list waddle %1").arg(id)));
    }
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const Result<VoiceRegionUpdate> update = voiceRegionUpdateFromJson(body.value());
    if (!update)
        return reply(badRequest(update.error()));
    const QString wanted = update->region;
    if (wanted != automaticVoiceRegion() && !m_plane.region(wanted)) {
        return reply(HttpResponse::error(400, QStringLiteral("unknown_region"),
                                         QStringLiteral("region: no region \"%1\"").arg(wanted),
                                         QStringLiteral("region")));
    }
    const auto current = m_plane.store().waddle(id);
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

    const QString effective = effectiveRegion(current.value(), wanted);
    const auto updated = m_plane.store().updateVoiceRegion(id, wanted, effective, current->version);
    if (!updated) {
        if (updated.error().kind == StoreError::Kind::Conflict) {
            const auto now = m_plane.store().waddle(id);
            if (now)
                return reply(conflict(QStringLiteral("stale_version"), updated.error().message,
                                      now.value()));
        }
        return reply(fromStoreError(updated.error()));
    }
    m_plane.publishWaddleChange(current.value(), updated.value(),
                                QStringLiteral("voice region set to %1").arg(wanted));
    reply(withETag(HttpResponse::json(200, toJson(updated.value())), updated.value()));
}

} // namespace waddle::cp
