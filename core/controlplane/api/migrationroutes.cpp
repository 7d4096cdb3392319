#include "migrationroutes.h"

#include "apierrors.h"
#include "controlplane/services/migrationservice.h"
#include "domain/jsonreader.h"
#include "domain/page.h"
#include "requestparsing.h"

#include <QJsonArray>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

QJsonObject typed(const QString &type, const QString &description)
{
    return {{QStringLiteral("type"), type}, {QStringLiteral("description"), description}};
}

// The body of POST /migrations: exactly one of waddle_id, waddle_ids and
// from_region; to; reason, start_at and dry_run optional.
Result<MigrationService::Request> migrationRequestFromJson(const QJsonObject &json)
{
    JsonReader r(json);
    MigrationService::Request request;
    const std::optional<QString> one = r.optionalString(QLatin1String("waddle_id"));
    request.waddleIds = r.stringList(QLatin1String("waddle_ids"));
    request.fromRegion = r.optionalString(QLatin1String("from_region")).value_or(QString());
    request.to = r.string(QLatin1String("to"));
    request.reason = r.optionalEnumeration(QLatin1String("reason"), kMigrationReasonNames)
                         .value_or(MigrationReason::Manual);
    request.startAt = r.optionalDateTime(QLatin1String("start_at"));
    request.dryRun = r.optionalBoolean(QLatin1String("dry_run")).value_or(false);
    if (r.failed())
        return r.error();
    const int given = (one ? 1 : 0) + (json.contains(QStringLiteral("waddle_ids")) ? 1 : 0) +
                      (request.fromRegion.isEmpty() ? 0 : 1);
    if (given != 1) {
        r.failField(QLatin1String("waddle_id"),
                    QStringLiteral("give exactly one of waddle_id, waddle_ids and from_region"));
        return r.error();
    }
    if (one)
        request.waddleIds = {*one};
    return request;
}

HttpResponse forbidden(const QString &message)
{
    return HttpResponse::error(403, QStringLiteral("forbidden"), message);
}

HttpResponse migrationsAnswer(int status, const QList<Migration> &migrations, bool dryRun)
{
    QJsonArray list;
    for (const Migration &m : migrations)
        list.append(toJson(m));
    QJsonObject body{{QStringLiteral("migrations"), list}};
    if (dryRun)
        body.insert(QStringLiteral("dry_run"), true);
    return HttpResponse::json(status, body);
}

} // namespace

MigrationRoutes::MigrationRoutes(MigrationService &migrations)
    : m_migrations(migrations)
{}

void MigrationRoutes::registerOn(Router &router)
{
    const QString tag = QStringLiteral("migrations");
    const QString string = QStringLiteral("string");
    router.add(
        {Method::Post,
         QStringLiteral("/api/v1/migrations"),
         Access::Owner,
         bindRoute(this, &MigrationRoutes::create),
         QStringLiteral("Migrate waddles (202), or only their previews with dry_run (200)"),
         tag,
         {202, 400, 401, 403, 404, 409, 413, 415},
         QJsonObject{
             {QStringLiteral("type"), QStringLiteral("object")},
             {QStringLiteral("required"), QJsonArray{QStringLiteral("to")}},
             {QStringLiteral("properties"),
              QJsonObject{
                  {QStringLiteral("waddle_id"), typed(string, QStringLiteral("one waddle"))},
                  {QStringLiteral("waddle_ids"),
                   typed(QStringLiteral("array"), QStringLiteral("several waddles"))},
                  {QStringLiteral("from_region"),
                   typed(string, QStringLiteral("every waddle of this region (operators)"))},
                  {QStringLiteral("to"), typed(string, QStringLiteral("the target region"))},
                  {QStringLiteral("reason"),
                   typed(string, QStringLiteral("manual, optimization, maintenance, failover"))},
                  {QStringLiteral("start_at"),
                   typed(string, QStringLiteral("ISO 8601 UTC; not in the past"))},
                  {QStringLiteral("dry_run"),
                   typed(QStringLiteral("boolean"), QStringLiteral("previews only"))}}}},
         {}});
    router.add(
        {.method = Method::Get,
         .pattern = QStringLiteral("/api/v1/migrations"),
         .access = Access::Viewer,
         .handler = bindRoute(this, &MigrationRoutes::list),
         .summary = QStringLiteral("Migrations, newest first, paged and filtered"),
         .tag = tag,
         .statuses = {400, 401},
         .queryParameters = {{QStringLiteral("waddle_id"), QStringLiteral("one waddle's")},
                             {QStringLiteral("state"), QStringLiteral("scheduled, running, …")},
                             {QStringLiteral("offset"), QStringLiteral("first item, from 0")},
                             {QStringLiteral("limit"), QStringLiteral("items per page")}}});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/migrations/{id}"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &MigrationRoutes::one),
                .summary = QStringLiteral("One migration with its steps and preview"),
                .tag = tag,
                .statuses = {401, 404}});
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/migrations/{id}/cancel"),
                .access = Access::Owner,
                .handler = bindRoute(this, &MigrationRoutes::cancel),
                .summary = QStringLiteral("Cancel a migration before its move"),
                .tag = tag,
                .statuses = {401, 403, 404, 409}});
}

void MigrationRoutes::create(const ApiRequest &request, const Reply &reply)
{
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    const Result<MigrationService::Request> ask = migrationRequestFromJson(body.value());
    if (!ask)
        return reply(badRequest(ask.error()));
    if (request.key && !ask->fromRegion.isEmpty() &&
        !roleAtLeast(request.key->role, Role::Operator))
        return reply(forbidden(QStringLiteral("only operators migrate a whole region")));
    for (const QString &id : ask->waddleIds) {
        if (request.key && !request.key->mayEditWaddle(id))
            return reply(notYourWaddle(id));
    }
    const auto created = m_migrations.create(ask.value());
    if (!created)
        return reply(fromStoreError(created.error()));
    reply(migrationsAnswer(ask->dryRun ? 200 : 202, created.value(), ask->dryRun));
}

void MigrationRoutes::list(const ApiRequest &request, const Reply &reply)
{
    const auto page = pageOf(request, 50, 500);
    if (!page)
        return reply(page.error());
    const QString waddle = request.query.queryItemValue(QStringLiteral("waddle_id"));
    const QString stateName = request.query.queryItemValue(QStringLiteral("state"));
    std::optional<MigrationState> state;
    if (!stateName.isEmpty()) {
        state = enumFromName(kMigrationStateNames, stateName);
        if (!state) {
            return reply(HttpResponse::error(
                400, QStringLiteral("invalid_request"),
                QStringLiteral("state: must be one of %1, not \"%2\"")
                    .arg(enumNames(kMigrationStateNames).join(QStringLiteral(", ")), stateName),
                QStringLiteral("state")));
        }
    }
    const auto total = m_migrations.migrationCount(waddle, state);
    const auto found = m_migrations.migrations(waddle, state, page->offset, page->limit);
    if (!total || !found)
        return reply(fromStoreError(!total ? total.error() : found.error()));
    reply(HttpResponse::json(
        200, pageToJson(QLatin1String("migrations"),
                        makePage(found.value(), total.value(), page->offset, page->limit),
                        [](const Migration &m) { return toJson(m); })));
}

void MigrationRoutes::one(const ApiRequest &request, const Reply &reply)
{
    const auto m = m_migrations.migration(request.param(QStringLiteral("id")));
    if (!m)
        return reply(fromStoreError(m.error()));
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("migration"), toJson(m.value())}}));
}

void MigrationRoutes::cancel(const ApiRequest &request, const Reply &reply)
{
    const auto m = m_migrations.migration(request.param(QStringLiteral("id")));
    if (!m)
        return reply(fromStoreError(m.error()));
    if (request.key && !request.key->mayEditWaddle(m->waddleId))
        return reply(notYourWaddle(m->waddleId));
    const auto cancelled = m_migrations.cancel(m->id);
    if (!cancelled)
        return reply(fromStoreError(cancelled.error()));
    reply(HttpResponse::json(
        200, QJsonObject{{QStringLiteral("migration"), toJson(cancelled.value())}}));
}

} // namespace waddle::cp
