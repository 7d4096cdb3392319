#include "apikeyrepository.h"

#include "database.h"
#include "statements.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace waddle::cp {

using namespace store;

ApiKeyRepository::ApiKeyRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase ApiKeyRepository::db() const
{
    return m_database.connection();
}

StoreResult<QString> ApiKeyRepository::createApiKey(const QString &name, Role role,
                                                    const QStringList &waddleIds)
{
    StoreResult<Created> created = createApiKey(name, role, waddleIds, std::nullopt);
    if (!created)
        return created.error();
    return created->secret;
}

StoreResult<ApiKeyRepository::Created>
ApiKeyRepository::createApiKey(const QString &name, Role role, const QStringList &waddleIds,
                               const std::optional<QDateTime> &expiresAt)
{
    if (name.trimmed().isEmpty())
        return invalid(QStringLiteral("An API key needs a name"), QStringLiteral("name"));
    if (expiresAt && !expiresAt->isValid())
        return invalid(QStringLiteral("The expiry is not a time"), QStringLiteral("expires_at"));
    Created created;
    created.secret = generateApiKeySecret();
    ApiKey &key = created.key;
    key.id = newId();
    key.name = name;
    key.role = role;
    key.waddleIds = waddleIds;
    key.createdAt = nowUtc();
    if (expiresAt)
        key.expiresAt = expiresAt->toUTC();
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("INSERT INTO api_keys (id, name, key_hash, role, waddle_ids, "
                               "created_at, revoked, expires_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)"),
                {key.id, name, QString::fromLatin1(hashApiKey(created.secret)), toString(role),
                 QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(waddleIds))
                                       .toJson(QJsonDocument::Compact)),
                 timeText(key.createdAt),
                 key.expiresAt ? QVariant(timeText(*key.expiresAt)) : QVariant()},
                QStringLiteral("create API key %1").arg(name))) {
        return *error;
    }
    // What the store holds, read back (times at its precision).
    key.createdAt = timeFrom(timeText(key.createdAt));
    if (key.expiresAt)
        key.expiresAt = timeFrom(timeText(*key.expiresAt));
    return created;
}

StoreResult<void> ApiKeyRepository::ensureApiKey(const QString &secret, const QString &name,
                                                 Role role)
{
    if (secret.isEmpty())
        return invalid(QStringLiteral("The API key is empty"), QStringLiteral("secret"));
    if (name.trimmed().isEmpty())
        return invalid(QStringLiteral("An API key needs a name"), QStringLiteral("name"));
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO api_keys (id, name, key_hash, role, "
                                        "waddle_ids, created_at, revoked) "
                                        "VALUES (?, ?, ?, ?, '[]', ?, 0) "
                                        "ON CONFLICT (key_hash) DO UPDATE SET "
                                        "name = excluded.name, role = excluded.role"),
                         {newId(), name, QString::fromLatin1(hashApiKey(secret)), toString(role),
                          timeText(nowUtc())},
                         QStringLiteral("ensure API key %1").arg(name))) {
        return *error;
    }
    return {};
}

namespace {

const QString kKeyColumns =
    QStringLiteral("id, name, role, waddle_ids, created_at, revoked, expires_at, last_used_at");

StoreResult<ApiKey> keyFrom(const QSqlQuery &q)
{
    ApiKey key;
    key.id = q.value(0).toString();
    key.name = q.value(1).toString();
    const auto role = roleFromString(q.value(2).toString());
    if (!role) {
        return internal(QStringLiteral("API key %1 has an unknown role \"%2\"")
                            .arg(key.id, q.value(2).toString()));
    }
    key.role = *role;
    const QJsonArray ids = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array();
    for (const QJsonValue &id : ids)
        key.waddleIds.append(id.toString());
    key.createdAt = timeFrom(q.value(4));
    key.revoked = q.value(5).toInt() != 0;
    if (!q.value(6).isNull())
        key.expiresAt = timeFrom(q.value(6));
    if (!q.value(7).isNull())
        key.lastUsedAt = timeFrom(q.value(7));
    return key;
}

} // namespace

StoreResult<ApiKey> ApiKeyRepository::findApiKey(const QString &secret) const
{
    return findApiKey(secret, nowUtc());
}

StoreResult<ApiKey> ApiKeyRepository::findApiKey(const QString &secret, const QDateTime &now) const
{
    const StoreError unknown = notFound(QStringLiteral("Unknown, revoked or expired API key"));
    if (secret.isEmpty())
        return unknown;
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("SELECT ") + kKeyColumns +
                    QStringLiteral(" FROM api_keys WHERE key_hash = ?"),
                {QString::fromLatin1(hashApiKey(secret))}, QStringLiteral("look up an API key"))) {
        return *error;
    }
    if (!q.next())
        return unknown;
    StoreResult<ApiKey> key = keyFrom(q);
    if (key && (key->revoked || (key->expiresAt && *key->expiresAt <= now)))
        return unknown;
    return key;
}

StoreResult<void> ApiKeyRepository::markApiKeyUsed(const QString &id, const QDateTime &at)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE api_keys SET last_used_at = ? WHERE id = ? AND "
                                        "(last_used_at IS NULL OR last_used_at < ?)"),
                         {timeText(at), id, timeText(at.addSecs(-60))},
                         QStringLiteral("record the use of API key %1").arg(id))) {
        return *error;
    }
    return {};
}

StoreResult<QList<ApiKey>> ApiKeyRepository::apiKeys() const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kKeyColumns +
                             QStringLiteral(" FROM api_keys ORDER BY created_at, id"),
                         {}, QStringLiteral("list the API keys"))) {
        return *error;
    }
    QList<ApiKey> out;
    while (q.next()) {
        StoreResult<ApiKey> key = keyFrom(q);
        if (!key)
            return key.error();
        out.append(std::move(key).value());
    }
    return out;
}

StoreResult<void> ApiKeyRepository::revokeApiKey(const QString &id)
{
    QSqlQuery q(db());
    if (auto error = run(q, QStringLiteral("UPDATE api_keys SET revoked = 1 WHERE id = ?"), {id},
                         QStringLiteral("revoke API key %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No API key \"%1\"").arg(id));
    return {};
}

StoreResult<qint64> ApiKeyRepository::apiKeyCount() const
{
    return count(db(), QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE revoked = 0"), {},
                 QStringLiteral("count the API keys"));
}

} // namespace waddle::cp
