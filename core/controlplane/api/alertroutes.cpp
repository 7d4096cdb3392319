#include "alertroutes.h"

#include "apierrors.h"
#include "controlplane/services/healthservice.h"
#include "domain/countedlist.h"
#include "domain/regionalert.h"
#include "requestparsing.h"

namespace waddle::cp {

using namespace waddle::domain;

AlertRoutes::AlertRoutes(HealthService &health)
    : m_health(health)
{}

void AlertRoutes::registerOn(Router &router)
{
    router.add(
        {.method = Method::Get,
         .pattern = QStringLiteral("/api/v1/alerts"),
         .access = Access::Viewer,
         .handler = bindRoute(this, &AlertRoutes::list),
         .summary = QStringLiteral("Region status alerts, newest first"),
         .tag = QStringLiteral("alerts"),
         .statuses = {400, 401},
         .queryParameters = {{QStringLiteral("limit"), QStringLiteral("alerts, 1–500 (50)")}}});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/alerts/{id}/ack"),
                .access = Access::Operator,
                .handler = bindRoute(this, &AlertRoutes::acknowledge),
                .summary = QStringLiteral("Acknowledge a region status alert (idempotent)"),
                .tag = QStringLiteral("alerts"),
                .statuses = {401, 403, 404}});
}

void AlertRoutes::list(const ApiRequest &request, const Reply &reply)
{
    const auto page = pageOf(request, 50, 500);
    if (!page)
        return reply(page.error());
    const auto alerts = m_health.alerts(static_cast<int>(page->limit));
    if (!alerts)
        return reply(fromStoreError(alerts.error()));
    reply(HttpResponse::json(
        200, countedListToJson(QLatin1String("alerts"), alerts.value(),
                               [](const RegionAlert &alert) { return toJson(alert); })));
}

void AlertRoutes::acknowledge(const ApiRequest &request, const Reply &reply)
{
    const auto alert = m_health.acknowledgeAlert(request.param(QStringLiteral("id")));
    if (!alert)
        return reply(fromStoreError(alert.error()));
    reply(HttpResponse::json(200, toJson(alert.value())));
}

} // namespace waddle::cp
