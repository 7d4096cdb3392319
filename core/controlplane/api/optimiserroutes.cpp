#include "optimiserroutes.h"

#include "apierrors.h"
#include "controlplane/services/optimiserservice.h"
#include "domain/jsonreader.h"
#include "requestparsing.h"

namespace waddle::cp {

using namespace waddle::domain;

namespace {

const QJsonObject kDryRunSchema{
    {QStringLiteral("type"), QStringLiteral("object")},
    {QStringLiteral("properties"),
     QJsonObject{{QStringLiteral("dry_run"),
                  QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")},
                              {QStringLiteral("description"),
                               QStringLiteral("only propose, start no migration")}}}}}};

// {"dry_run"?} from an optional body, or the 400 that says what is wrong.
Result<bool, HttpResponse> dryRunOf(const ApiRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return false;
    const auto body = jsonBody(request);
    if (!body)
        return body.error();
    JsonReader r(body.value());
    const bool dryRun = r.optionalBoolean(QLatin1String("dry_run")).value_or(false);
    if (r.failed())
        return badRequest(r.error());
    return dryRun;
}

} // namespace

OptimiserRoutes::OptimiserRoutes(OptimiserService &optimiser)
    : m_optimiser(optimiser)
{}

void OptimiserRoutes::registerOn(Router &router)
{
    router.add({Method::Post,
                QStringLiteral("/api/v1/optimiser/run"),
                Access::Operator,
                bindRoute(this, &OptimiserRoutes::runAll),
                QStringLiteral("Optimise every waddle on auto (proposals only with dry_run)"),
                QStringLiteral("optimiser"),
                {400, 401, 403, 415},
                kDryRunSchema,
                {}});
    router.add({Method::Post,
                QStringLiteral("/api/v1/waddles/{id}/optimise"),
                Access::Owner,
                bindRoute(this, &OptimiserRoutes::runOne),
                QStringLiteral("Optimise one waddle: the decision, and its proposal if any"),
                QStringLiteral("waddles"),
                {400, 401, 403, 404, 415},
                kDryRunSchema,
                {}});
}

void OptimiserRoutes::runAll(const ApiRequest &request, const Reply &reply)
{
    const auto dryRun = dryRunOf(request);
    if (!dryRun)
        return reply(dryRun.error());
    const auto run = m_optimiser.runAll(dryRun.value());
    if (!run)
        return reply(fromStoreError(run.error()));
    reply(HttpResponse::json(200, OptimiserService::toJson(run.value())));
}

void OptimiserRoutes::runOne(const ApiRequest &request, const Reply &reply)
{
    const QString id = request.param(QStringLiteral("id"));
    if (request.key && !request.key->mayEditWaddle(id)) {
        return reply(notYourWaddle(id));
    }
    const auto dryRun = dryRunOf(request);
    if (!dryRun)
        return reply(dryRun.error());
    const auto run = m_optimiser.runOne(id, dryRun.value());
    if (!run)
        return reply(fromStoreError(run.error()));
    reply(HttpResponse::json(200, OptimiserService::toJson(run.value())));
}

} // namespace waddle::cp
