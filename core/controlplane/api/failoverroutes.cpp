#include "failoverroutes.h"

#include "apierrors.h"
#include "controlplane/services/failoverservice.h"
#include "domain/jsonreader.h"
#include "domain/page.h"
#include "requestparsing.h"

#include <QJsonArray>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

QJsonObject property(const QString &type, const QString &description)
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("description"), description}};
}

// The body of POST /failovers: {"region", "dry_run"?, "force"?}.
struct FailoverRequest
{
    QString region;
    bool dryRun = false;
    bool force = false;
};

Result<FailoverRequest> failoverRequestFromJson(const QJsonObject &json)
{
    JsonReader r(json);
    FailoverRequest request;
    request.region = r.string(QLatin1String("region"));
    request.dryRun = r.optionalBoolean(QLatin1String("dry_run")).value_or(false);
    request.force = r.optionalBoolean(QLatin1String("force")).value_or(false);
    return r.finish(request);
}

// An optional body: empty means {}.
Result<QJsonObject, HttpResponse> optionalBody(const ApiRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return QJsonObject();
    return jsonBody(request);
}

} // namespace

FailoverRoutes::FailoverRoutes(FailoverService &failovers)
    : m_failovers(failovers)
{}

void FailoverRoutes::registerOn(Router &router)
{
    const QString tag = QStringLiteral("failovers");
    router.add(
        {Method::Post,
         QStringLiteral("/api/v1/failovers"),
         Access::Operator,
         bindRoute(this, &FailoverRoutes::create),
         QStringLiteral("Fail a region over (202), or its plan with dry_run (200)"),
         tag,
         {202, 400, 401, 403, 404, 409, 413, 415},
         QJsonObject{
             {QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("required"), QJsonArray{QStringLiteral("region")}},
             {QStringLiteral("properties"),
              QJsonObject{{QStringLiteral("region"),
                           property(QStringLiteral("string"), QStringLiteral("the failed region"))},
                          {QStringLiteral("dry_run"),
                           property(QStringLiteral("boolean"),
                                    QStringLiteral("only the plan: targets, capacity, unplaced"))},
                          {QStringLiteral("force"),
                           property(QStringLiteral("boolean"),
                                    QStringLiteral("fail over a region that is not offline"))}}}},
         {}});
    router.add(
        {.method = Method::Get,
         .pattern = QStringLiteral("/api/v1/failovers"),
         .access = Access::Viewer,
         .handler = bindRoute(this, &FailoverRoutes::list),
         .summary = QStringLiteral("Failovers, newest first, paged"),
         .tag = tag,
         .statuses = {400, 401},
         .queryParameters = {{QStringLiteral("offset"), QStringLiteral("first item, from 0")},
                             {QStringLiteral("limit"), QStringLiteral("items per page")}}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/failovers/{id}"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &FailoverRoutes::one),
                .summary = QStringLiteral("One failover with its moves and capacity"),
                .tag = tag,
                .statuses = {401, 404}});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/failovers/{id}/start"),
                .access = Access::Operator,
                .handler = bindRoute(this, &FailoverRoutes::start),
                .summary = QStringLiteral("Start a pending failover (policy confirm)"),
                .tag = tag,
                .statuses = {202, 401, 403, 404, 409}});
    router.add(
        {Method::Post,
         QStringLiteral("/api/v1/failovers/{id}/failback"),
         Access::Operator,
         bindRoute(this, &FailoverRoutes::failBack),
         QStringLiteral("Return the moved waddles to their region"),
         tag,
         {202, 400, 401, 403, 404, 409},
         QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                     {QStringLiteral("properties"),
                      QJsonObject{{QStringLiteral("force"),
                                   property(QStringLiteral("boolean"),
                                            QStringLiteral("even if the region is not online"))}}}},
         {}});
}

void FailoverRoutes::create(const ApiRequest &request, const Reply &reply)
{
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const Result<FailoverRequest> ask = failoverRequestFromJson(body.value());
    if (!ask)
        return reply(badRequest(ask.error()));
    if (ask->dryRun) {
        const auto plan = m_failovers.plan(ask->region);
        if (!plan)
            return reply(fromStoreError(plan.error()));
        return reply(HttpResponse::json(
            200, QJsonObject{{QStringLiteral("dry_run"), true},
                             {QStringLiteral("failover"), toJson(plan.value())}}));
    }
    const auto job = m_failovers.create(ask->region, FailoverTrigger::Operator, ask->force);
    if (!job)
        return reply(fromStoreError(job.error()));
    reply(HttpResponse::json(202, QJsonObject{{QStringLiteral("failover"), toJson(job.value())}}));
}

void FailoverRoutes::list(const ApiRequest &request, const Reply &reply)
{
    const auto page = pageOf(request, 20, 100);
    if (!page)
        return reply(page.error());
    const auto total = m_failovers.jobCount();
    const auto jobs = m_failovers.jobs(page->offset, page->limit);
    if (!total || !jobs)
        return reply(fromStoreError(!total ? total.error() : jobs.error()));
    reply(HttpResponse::json(
        200, pageToJson(QLatin1String("failovers"),
                        makePage(jobs.value(), total.value(), page->offset, page->limit),
                        [](const FailoverJob &job) { return toJson(job); })));
}

void FailoverRoutes::one(const ApiRequest &request, const Reply &reply)
{
    const auto job = m_failovers.job(request.param(QStringLiteral("id")));
    if (!job)
        return reply(fromStoreError(job.error()));
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("failover"), toJson(job.value())}}));
}

void FailoverRoutes::start(const ApiRequest &request, const Reply &reply)
{
    const auto job = m_failovers.startPending(request.param(QStringLiteral("id")));
    if (!job)
        return reply(fromStoreError(job.error()));
    reply(HttpResponse::json(202, QJsonObject{{QStringLiteral("failover"), toJson(job.value())}}));
}

void FailoverRoutes::failBack(const ApiRequest &request, const Reply &reply)
{
    const auto body = optionalBody(request);
    if (!body)
        return reply(body.error());
    JsonReader r(body.value());
    const bool force = r.optionalBoolean(QLatin1String("force")).value_or(false);
    if (r.failed())
        return reply(badRequest(r.error()));
    const auto job = m_failovers.failBack(request.param(QStringLiteral("id")), force);
    if (!job)
        return reply(fromStoreError(job.error()));
    reply(HttpResponse::json(202, QJsonObject{{QStringLiteral("failover"), toJson(job.value())}}));
}

} // namespace waddle::cp
