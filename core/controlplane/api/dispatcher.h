#pragma once

#include "domain/result.h"
#include "ratelimiter.h"
#include "router.h"

#include <atomic>
#include <functional>

namespace waddle::cp {

// The rules every endpoint shares (SPEC §12), independent of the HTTP
// transport: bodies over the limit refused with 413, unknown paths 404 and
// wrong methods 405, Bearer keys checked (401) against the route's role
// (403), a per-key rate limit (429 with Retry-After), failed
// authentications limited per remote address (429 with Retry-After, so a
// key cannot be guessed), all as JSON errors. HEAD is answered as GET (the
// transport drops the body). Handlers only see well-formed, authorised
// requests.
class Dispatcher
{
public:
    // Finds the key for a presented secret, or nothing.
    using KeyLookup = std::function<std::optional<ApiKey>(const QString &secret)>;

    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024; // 1 MiB
        int requestsPerMinute = 1000;
        int failedAuthPerMinute = 20; // per remote address
    };

    Dispatcher(KeyLookup keys, Limits limits, const Clock &clock = Clock::system());

    // Called once for every request dispatched (the api_request metric).
    void setRequestCounter(std::function<void()> counter) { m_counter = std::move(counter); }

    Router &router() { return m_router; }
    [[nodiscard]] const Router &router() const { return m_router; }

    // Answers `request` (its body, method, path, query and lower-case
    // headers filled in) through `reply`, now or later. `remote` is the
    // caller's address: the rate limit counts keyless callers by it.
    void dispatch(ApiRequest request, const QString &remote, const Reply &reply);

    // The key for an Authorization header's value (empty: no key), or the
    // 401/429 that refuses it; a failure counts against `remote`. Shared by
    // HTTP requests and the event stream's upgrade.
    domain::Result<std::optional<ApiKey>, HttpResponse>
    authenticate(const QByteArray &authorization, const QString &remote);
    // The same for a secret given without a scheme (?access_token=).
    domain::Result<std::optional<ApiKey>, HttpResponse> authenticateSecret(const QString &secret,
                                                                           const QString &remote);

    // The body limit for a request, known from its head: its route's own
    // (a batch of usage events may be larger) or the default. The transport
    // calls these from its I/O threads: they only read the routes, which are
    // all registered before the server listens.
    [[nodiscard]] qint64 bodyLimit(Method method, const QString &path) const;
    // The largest body any route takes: what the transport lets a head
    // announce before it knows the route.
    [[nodiscard]] qint64 largestBodyLimit() const;

    // For a keyless request the transport answers itself (a cached public
    // answer, see ApiServer::publish): nothing when the caller's per-address
    // budget allows it, else the 429 that refuses it. Thread-safe.
    [[nodiscard]] std::optional<HttpResponse> admitKeyless(const QString &remote);
    // A request answered without dispatch() (the api_request metric):
    // thread-safe, counted on this thread by the next dispatch() or
    // flushCounts(), so the I/O threads never wake this one for it.
    void countLater() { m_uncounted.fetch_add(1, std::memory_order_relaxed); }
    void flushCounts();

    [[nodiscard]] static bool isAllowed(const std::optional<ApiKey> &key, Access access);

private:
    KeyLookup m_keys;
    Limits m_limits;
    RateLimiter m_rateLimiter;
    RateLimiter m_failedAuth;
    Router m_router;
    std::function<void()> m_counter;
    std::atomic<int> m_uncounted = 0;
};

} // namespace waddle::cp
