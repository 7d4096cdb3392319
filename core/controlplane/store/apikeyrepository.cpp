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
    if (name.trimmed().isEmpty())
        return invalid(QStringLiteral("An API key needs a name"), QStringLiteral("name"));
    const QString secret = generateApiKeySecret();
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("INSERT INTO api_keys (id, name, key_hash, role, waddle_ids, "
                               "created_at, revoked) VALUES (?, ?, ?, ?, ?, ?, 0)"),
                {newId(), name, QString::fromLatin1(hashApiKey(secret)), toString(role),
                 QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(waddleIds))
                                       .toJson(QJsonDocument::Compact)),
                 timeText(nowUtc())},
                QStringLiteral("create API key %1").arg(name))) {
        return *error;
    }
    return secret;
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

StoreResult<ApiKey> ApiKeyRepository::findApiKey(const QString &secret) const
{
    const StoreError unknown = notFound(QStringLiteral("Unknown or revoked API key"));
    if (secret.isEmpty())
        return unknown;
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("SELECT id, name, role, waddle_ids, created_at, revoked "
                               "FROM api_keys WHERE key_hash = ?"),
                {QString::fromLatin1(hashApiKey(secret))}, QStringLiteral("look up an API key"))) {
        return *error;
    }
    if (!q.next() || q.value(5).toInt() != 0)
        return unknown;
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
    key.revoked = false;
    return key;
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
