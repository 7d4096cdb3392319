#include "dispatcher.h"

#include "bearer.h"

namespace waddle::cp {

Dispatcher::Dispatcher(KeyLookup keys, Limits limits, const Clock &clock)
    : m_keys(std::move(keys))
    , m_limits(limits)
    , m_rateLimiter(limits.requestsPerMinute, clock)
    , m_failedAuth(limits.failedAuthPerMinute, clock)
{}

namespace {

// The rate limiter's name for a caller without a key.
QString keylessClient(const QString &remote)
{
    return QStringLiteral("ip:") + remote;
}

HttpResponse tooManyRequests(const QString &what, int perMinute, int retryAfterSeconds)
{
    return HttpResponse::error(429, QStringLiteral("rate_limited"),
                               QStringLiteral("more than %1 %2 a minute; try again in %3 s")
                                   .arg(perMinute)
                                   .arg(what)
                                   .arg(retryAfterSeconds))
        .withHeader("Retry-After", QByteArray::number(retryAfterSeconds));
}

} // namespace

domain::Result<std::optional<ApiKey>, HttpResponse>
Dispatcher::authenticate(const QByteArray &authorization, const QString &remote)
{
    if (authorization.isEmpty())
        return std::optional<ApiKey>();
    const std::optional<QString> secret = bearerSecret(authorization);
    if (!secret) {
        return HttpResponse::error(401, QStringLiteral("unauthorized"),
                                   QStringLiteral("use \"Authorization: Bearer <API key>\""))
            .withHeader("WWW-Authenticate", "Bearer");
    }
    return authenticateSecret(*secret, remote);
}

domain::Result<std::optional<ApiKey>, HttpResponse>
Dispatcher::authenticateSecret(const QString &secret, const QString &remote)
{
    if (secret.isEmpty())
        return std::optional<ApiKey>();
    // Checked before the lookup: a caller over its failures learns nothing.
    const QString client = QStringLiteral("auth:") + remote;
    if (const RateLimiter::Decision blocked = m_failedAuth.peek(client); !blocked.allowed) {
        return tooManyRequests(QStringLiteral("failed authentications"), m_failedAuth.perMinute(),
                               blocked.retryAfterSeconds);
    }
    std::optional<ApiKey> key = m_keys(secret);
    if (!key) {
        m_failedAuth.take(client);
        return HttpResponse::error(401, QStringLiteral("unauthorized"),
                                   QStringLiteral("the API key is unknown or revoked"))
            .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    return key;
}

std::optional<HttpResponse> Dispatcher::admitKeyless(const QString &remote)
{
    const RateLimiter::Decision decision = m_rateLimiter.take(keylessClient(remote));
    if (decision.allowed)
        return std::nullopt;
    return tooManyRequests(QStringLiteral("requests"), m_rateLimiter.perMinute(),
                           decision.retryAfterSeconds);
}

void Dispatcher::flushCounts()
{
    const int n = m_uncounted.exchange(0, std::memory_order_relaxed);
    for (int i = 0; m_counter && i < n; ++i)
        m_counter();
}

bool Dispatcher::isAllowed(const std::optional<ApiKey> &key, Access access)
{
    const std::optional<Role> need = roleOf(access);
    if (!need)
        return true;
    return key && roleAtLeast(key->role, *need);
}

namespace {

qint64 bodyLimitOf(const Router::Match &match, qint64 fallback)
{
    return match.route && match.route->maxBodyBytes > 0 ? match.route->maxBodyBytes : fallback;
}

Method routedMethod(Method method)
{
    return method == Method::Head ? Method::Get : method;
}

} // namespace

qint64 Dispatcher::bodyLimit(Method method, const QString &path) const
{
    return bodyLimitOf(m_router.match(routedMethod(method), path), m_limits.maxBodyBytes);
}

qint64 Dispatcher::largestBodyLimit() const
{
    return std::max(m_router.largestBodyBytes(), m_limits.maxBodyBytes);
}

void Dispatcher::dispatch(ApiRequest api, const QString &remote, const Reply &reply)
{
    flushCounts();
    if (m_counter)
        m_counter();
    const Router::Match match = m_router.match(routedMethod(api.method), api.path);
    // A route may take more than the default (a batch of usage events).
    const qint64 maxBody = bodyLimitOf(match, m_limits.maxBodyBytes);
    if (api.body.size() > maxBody) {
        reply(HttpResponse::error(413, QStringLiteral("payload_too_large"),
                                  QStringLiteral("the request body is %1 bytes; the limit is %2")
                                      .arg(api.body.size())
                                      .arg(maxBody)));
        return;
    }

    if (!match.route) {
        if (!match.allowed.isEmpty()) {
            QStringList names;
            for (Method m : match.allowed)
                names.append(methodName(m));
            reply(HttpResponse::error(405, QStringLiteral("method_not_allowed"),
                                      QStringLiteral("%1 is not allowed on %2; use %3")
                                          .arg(methodName(api.method), excerpt(api.path),
                                               names.join(QStringLiteral(", "))))
                      .withHeader("Allow", names.join(QStringLiteral(", ")).toLatin1()));
        } else {
            reply(
                HttpResponse::error(404, QStringLiteral("not_found"),
                                    QStringLiteral("no such endpoint: %1").arg(excerpt(api.path))));
        }
        return;
    }
    api.params = match.params;

    // A key that is presented must be good, even on a public route.
    domain::Result<std::optional<ApiKey>, HttpResponse> key =
        authenticate(api.header("authorization"), remote);
    if (!key) {
        reply(key.error());
        return;
    }
    api.key = std::move(key).value();
    if (!isAllowed(api.key, match.route->access)) {
        if (!api.key) {
            reply(HttpResponse::error(401, QStringLiteral("unauthorized"),
                                      QStringLiteral("this endpoint needs an API key"))
                      .withHeader("WWW-Authenticate", "Bearer"));
        } else {
            // Says which role would do, so a person knows which key to ask for.
            const std::optional<Role> need = roleOf(match.route->access);
            reply(HttpResponse::error(
                403, QStringLiteral("forbidden"),
                QStringLiteral("this needs %1 key or higher; %2 key may not do this")
                    .arg(withArticle(need.value_or(Role::Admin)), withArticle(api.key->role))));
        }
        return;
    }

    api.client = api.key ? QStringLiteral("key:") + api.key->id : keylessClient(remote);
    const RateLimiter::Decision decision = m_rateLimiter.take(api.client);
    if (!decision.allowed) {
        reply(tooManyRequests(QStringLiteral("requests"), m_rateLimiter.perMinute(),
                              decision.retryAfterSeconds));
        return;
    }

    match.route->handler(api, reply);
}

} // namespace waddle::cp
