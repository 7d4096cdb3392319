#include "keyroutes.h"

#include "apierrors.h"
#include "controlplane/store/apikeyrepository.h"
#include "controlplane/store/waddlerepository.h"
#include "domain/jsonreader.h"
#include "requestparsing.h"

#include <QJsonArray>

namespace waddle::cp {

using namespace waddle::domain;

QJsonObject toJson(const ApiKey &key)
{
    return QJsonObject{{QStringLiteral("id"), key.id},
                       {QStringLiteral("name"), key.name},
                       {QStringLiteral("role"), toString(key.role)},
                       {QStringLiteral("waddles"), QJsonArray::fromStringList(key.waddleIds)},
                       {QStringLiteral("created_at"), toJsonTime(key.createdAt)},
                       {QStringLiteral("expires_at"), toJsonTime(key.expiresAt)},
                       {QStringLiteral("last_used_at"), toJsonTime(key.lastUsedAt)},
                       {QStringLiteral("revoked"), key.revoked}};
}

KeyRoutes::KeyRoutes(ApiKeyRepository &keys, const WaddleRepository &waddles)
    : m_keys(keys)
    , m_waddles(waddles)
{}

void KeyRoutes::registerOn(Router &router)
{
    const QString tag = QStringLiteral("keys");
    router.add({.method = Method::Post,
                .pattern = QStringLiteral("/api/v1/keys"),
                .access = Access::Admin,
                .handler = bindRoute(this, &KeyRoutes::create),
                .summary = QStringLiteral("Make an API key; the answer carries its secret, once"),
                .tag = tag,
                .statuses = {400, 401, 403, 415},
                .requestSchema = QJsonObject{
                    {QStringLiteral("type"), QStringLiteral("object")},
                    {QStringLiteral("required"),
                     QJsonArray{QStringLiteral("name"), QStringLiteral("role")}},
                }});
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/keys"),
                .access = Access::Admin,
                .handler = bindRoute(this, &KeyRoutes::list),
                .summary = QStringLiteral("Every API key, without secrets"),
                .tag = tag,
                .statuses = {401, 403}});
    // Any valid key may ask what it is, so a console can disable what its
    // key cannot do (issue 13) before the server refuses it.
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/keys/self"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &KeyRoutes::self),
                .summary = QStringLiteral("The calling key: id, name, role, waddles, expires_at"),
                .tag = tag,
                .statuses = {401}});
    router.add({.method = Method::Delete,
                .pattern = QStringLiteral("/api/v1/keys/{id}"),
                .access = Access::Admin,
                .handler = bindRoute(this, &KeyRoutes::revoke),
                .summary = QStringLiteral("Revoke an API key at once"),
                .tag = tag,
                .statuses = {401, 403, 404}});
}

void KeyRoutes::create(const ApiRequest &request, const Reply &reply)
{
    const auto body = jsonBody(request);
    if (!body)
        return reply(body.error());
    JsonReader r(body.value());
    const QString name = r.string(QLatin1String("name"));
    if (!r.failed() && name.trimmed().isEmpty())
        r.failField(QLatin1String("name"), QStringLiteral("must not be empty"));
    const Role role = r.enumeration(QLatin1String("role"), kRoleNames);
    const QStringList waddles = r.stringList(QLatin1String("waddles"));
    const std::optional<QDateTime> expiresAt = r.optionalDateTime(QLatin1String("expires_at"));
    if (r.failed())
        return reply(badRequest(r.error()));
    const auto refuse = [&reply](const QString &field, const QString &message) {
        reply(HttpResponse::error(400, QStringLiteral("invalid_request"), message, field));
    };
    if (role == Role::Owner && waddles.isEmpty())
        return refuse(QStringLiteral("waddles"),
                      QStringLiteral("waddles: an owner key lists at least one waddle"));
    if (role != Role::Owner && !waddles.isEmpty())
        return refuse(QStringLiteral("waddles"),
                      QStringLiteral("waddles: only owner keys list waddles (%1 key sees all)")
                          .arg(withArticle(role)));
    for (qsizetype i = 0; i < waddles.size(); ++i) {
        const auto found = m_waddles.waddle(waddles.at(i));
        if (!found && found.error().kind == StoreError::Kind::NotFound)
            return refuse(
                QStringLiteral("waddles[%1]").arg(i),
                QStringLiteral("waddles[%1]: no waddle \"%2\"").arg(i).arg(waddles.at(i)));
        if (!found)
            return reply(fromStoreError(found.error()));
    }
    if (expiresAt && *expiresAt <= QDateTime::currentDateTimeUtc())
        return refuse(QStringLiteral("expires_at"),
                      QStringLiteral("expires_at: must be in the future"));
    const auto created = m_keys.createApiKey(name.trimmed(), role, waddles, expiresAt);
    if (!created)
        return reply(fromStoreError(created.error()));
    QJsonObject answer = toJson(created->key);
    answer.insert(QStringLiteral("secret"), created->secret);
    reply(HttpResponse::json(201, answer));
}

void KeyRoutes::list(const ApiRequest &, const Reply &reply)
{
    const auto keys = m_keys.apiKeys();
    if (!keys)
        return reply(fromStoreError(keys.error()));
    QJsonArray items;
    for (const ApiKey &key : keys.value())
        items.append(toJson(key));
    reply(HttpResponse::json(200, QJsonObject{{QStringLiteral("keys"), items},
                                              {QStringLiteral("count"), items.size()}}));
}

void KeyRoutes::self(const ApiRequest &request, const Reply &reply)
{
    // The dispatcher let only a valid key through (Access::Viewer).
    if (!request.key)
        return reply(HttpResponse::error(401, QStringLiteral("unauthorized"),
                                         QStringLiteral("an API key is required")));
    const ApiKey &key = *request.key;
    reply(HttpResponse::json(
        200, QJsonObject{{QStringLiteral("id"), key.id},
                         {QStringLiteral("name"), key.name},
                         {QStringLiteral("role"), toString(key.role)},
                         {QStringLiteral("waddles"), QJsonArray::fromStringList(key.waddleIds)},
                         {QStringLiteral("expires_at"), toJsonTime(key.expiresAt)}}));
}

void KeyRoutes::revoke(const ApiRequest &request, const Reply &reply)
{
    const QString id = request.param(QStringLiteral("id"));
    if (request.key && request.key->id == id) {
        return reply(HttpResponse::error(409, QStringLiteral("conflict"),
                                         QStringLiteral("a key cannot revoke itself; use another "
                                                        "admin key"),
                                         QStringLiteral("id")));
    }
    if (auto done = m_keys.revokeApiKey(id); !done)
        return reply(fromStoreError(done.error()));
    reply(HttpResponse::json(
        200, QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("revoked"), true}}));
}

} // namespace waddle::cp
