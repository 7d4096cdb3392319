#include "demoroutes.h"

#include "apierrors.h"
#include "controlplane/demofleetcontrol.h"
#include "controlplane/services/regionservice.h"
#include "requestparsing.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace waddle::cp {

using namespace waddle::domain;

Q_LOGGING_CATEGORY(lcDemoRoutes, "waddle.cp.demo")

DemoRoutes::DemoRoutes(const RegionService &regions, DemoFleetControl &fleet)
    : m_regions(regions)
    , m_fleet(fleet)
{}

void DemoRoutes::registerOn(Router &router)
{
    const QString sim = QStringLiteral("demo fleet");
    // The demo's own prefix (kept apart from the product's paths).
    const QString path = QStringLiteral("/api/v1/sim") + QStringLiteral("/regions/{code}/fault");
    const QJsonObject faultSchema{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("kind")}},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("kind"),
                      QJsonObject{{QStringLiteral("enum"),
                                   QJsonArray{QStringLiteral("offline"), QStringLiteral("degraded"),
                                              QStringLiteral("latency")}}}},
                     {QStringLiteral("extra_ms"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("number")}}}}}};
    router.add({.method = Method::Post,
                .pattern = path,
                .access = Access::Admin,
                .handler = bindRoute(this, &DemoRoutes::setFault),
                .summary = QStringLiteral("Inject a fault into a demo region agent"),
                .tag = sim,
                .statuses = {400, 401, 403, 404},
                .requestSchema = faultSchema});
    router.add({.method = Method::Delete,
                .pattern = path,
                .access = Access::Admin,
                .handler = bindRoute(this, &DemoRoutes::clearFault),
                .summary = QStringLiteral("Clear a demo region agent's fault"),
                .tag = sim,
                .statuses = {401, 403, 404}});
}

void DemoRoutes::setFault(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_regions.region(code))
        return reply(unknownRegion(code));
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const Result<FaultRequest> fault = faultRequestFromJson(body.value());
    if (!fault)
        return reply(badRequest(fault.error()));
    // Every served region has an agent while the fleet runs; the answer is
    // the fault asked for either way, as before the interface existed.
    if (!m_fleet.setFault(code, fault.value()))
        qCWarning(lcDemoRoutes) << "the demo fleet has no agent for" << code;
    reply(HttpResponse::json(200, toJson(FaultState{code, fault->kind, fault->extraMs})));
}

void DemoRoutes::clearFault(const ApiRequest &request, const Reply &reply)
{
    const QString code = request.param(QStringLiteral("code"));
    if (!m_regions.region(code))
        return reply(unknownRegion(code));
    if (!m_fleet.clearFault(code))
        qCWarning(lcDemoRoutes) << "the demo fleet has no agent for" << code;
    reply(HttpResponse::json(200, toJson(FaultState{code, FaultKind::None, 0.0})));
}

} // namespace waddle::cp
