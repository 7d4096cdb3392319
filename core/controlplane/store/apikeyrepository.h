#pragma once

#include "apikey.h"
#include "storeerror.h"

#include <QSqlDatabase>
#include <QStringList>

namespace waddle::cp {

class Database;

// API keys (SPEC §12): only the hash of a secret is stored.
// No repository knows another; each runs its own statements on the Database.
class ApiKeyRepository
{
public:
    explicit ApiKeyRepository(const Database &database);

    // Makes a key and returns its secret: the only time it is seen, as only
    // its hash is stored. Owner keys list the waddles they may edit.
    [[nodiscard]] StoreResult<QString> createApiKey(const QString &name, Role role,
                                                    const QStringList &waddleIds);
    // The same with an expiry (UTC, in the future; none: never): the stored
    // key (no secret in it) and the secret, seen only now.
    struct Created
    {
        ApiKey key;
        QString secret;
    };
    [[nodiscard]] StoreResult<Created> createApiKey(const QString &name, Role role,
                                                    const QStringList &waddleIds,
                                                    const std::optional<QDateTime> &expiresAt);
    // Makes sure a key with this secret exists with this name and role (the
    // WADDLE_ADMIN_KEY environment variable, applied at every start).
    // Idempotent; a key once revoked stays revoked (a restart must not undo
    // a revocation — configure a new secret instead).
    [[nodiscard]] StoreResult<void> ensureApiKey(const QString &secret, const QString &name,
                                                 Role role);
    // NotFound for an unknown, revoked or expired (at `now`) secret.
    [[nodiscard]] StoreResult<ApiKey> findApiKey(const QString &secret) const;
    [[nodiscard]] StoreResult<ApiKey> findApiKey(const QString &secret, const QDateTime &now) const;
    // Records that key `id` was used at `at`; a write at most once a minute
    // per key, so a busy key does not write on every request.
    [[nodiscard]] StoreResult<void> markApiKeyUsed(const QString &id, const QDateTime &at);
    // Every key, revoked ones too, oldest first; never a secret.
    [[nodiscard]] StoreResult<QList<ApiKey>> apiKeys() const;
    [[nodiscard]] StoreResult<void> revokeApiKey(const QString &id);
    // Keys not revoked.
    [[nodiscard]] StoreResult<qint64> apiKeyCount() const;

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
