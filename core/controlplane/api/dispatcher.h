#pragma once

#include "ratelimiter.h"
#include "router.h"

#include <functional>

namespace waddle::cp {

// The rules every endpoint shares (SPEC §12), independent of the HTTP
// transport: bodies over the limit refused with 413, unknown paths 404 and
// wrong methods 405, Bearer keys checked (401) against the route's role
// (403), a per-key rate limit (429 with Retry-After), all as JSON errors.
// Handlers only see well-formed, authorised requests.
class Dispatcher
{
public:
    // Finds the key for a presented secret, or nothing.
    using KeyLookup = std::function<std::optional<ApiKey>(const QString &secret)>;

    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024; // 1 MiB
        int requestsPerMinute = 1000;
    };

    Dispatcher(KeyLookup keys, Limits limits, const Clock &clock = Clock::system());

    Router &router() { return m_router; }
    [[nodiscard]] const Router &router() const { return m_router; }

    // Answers `request` (its body, method, path, query and lower-case
    // headers filled in) through `reply`, now or later. `remote` is the
    // caller's address: the rate limit counts keyless callers by it.
    void dispatch(ApiRequest request, const QString &remote, const Reply &reply);

    [[nodiscard]] static bool isAllowed(const std::optional<ApiKey> &key, Access access);

private:
    KeyLookup m_keys;
    Limits m_limits;
    RateLimiter m_rateLimiter;
    Router m_router;
};

} // namespace waddle::cp
