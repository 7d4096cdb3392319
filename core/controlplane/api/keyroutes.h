#pragma once

#include "router.h"

namespace waddle::cp {

class ApiKeyRepository;
class WaddleRepository;

// Key management (issue 12), admins only: POST /keys answers the secret once;
// GET /keys lists every key without secrets (last use, expiry); DELETE
// /keys/{id} revokes at once (the next request with it is a 401). Any valid
// key may GET /keys/self: its own id, name, role, waddles and expiry (issue
// 13: the console disables what the key cannot do).
class KeyRoutes
{
public:
    KeyRoutes(ApiKeyRepository &keys, const WaddleRepository &waddles);
    void registerOn(Router &router);

private:
    void create(const ApiRequest &request, const Reply &reply);
    void list(const ApiRequest &request, const Reply &reply);
    void self(const ApiRequest &request, const Reply &reply);
    void revoke(const ApiRequest &request, const Reply &reply);

    ApiKeyRepository &m_keys;
    const WaddleRepository &m_waddles;
};

// A key as the API shows it: id, name, role, waddles, created_at,
// expires_at, last_used_at, revoked. Never the secret (not even stored).
QJsonObject toJson(const ApiKey &key);

} // namespace waddle::cp
