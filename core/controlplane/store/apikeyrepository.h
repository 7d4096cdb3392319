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
    // Makes sure a key with this secret exists with this name and role (the
    // WADDLE_ADMIN_KEY environment variable, applied at every start).
    // Idempotent; a key once revoked stays revoked (a restart must not undo
    // a revocation — configure a new secret instead).
    [[nodiscard]] StoreResult<void> ensureApiKey(const QString &secret, const QString &name,
                                                 Role role);
    // NotFound for an unknown or revoked secret.
    [[nodiscard]] StoreResult<ApiKey> findApiKey(const QString &secret) const;
    [[nodiscard]] StoreResult<void> revokeApiKey(const QString &id);
    // Keys not revoked.
    [[nodiscard]] StoreResult<qint64> apiKeyCount() const;

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
