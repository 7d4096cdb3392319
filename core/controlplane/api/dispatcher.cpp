#include "dispatcher.h"

#include "bearer.h"

namespace waddle::cp {

namespace {

std::optional<Role> requiredRole(Access access)
{
    switch (access) {
    case Access::Public:
        return std::nullopt;
    case Access::Viewer:
        return Role::Viewer;
    case Access::Owner:
        return Role::Owner;
    case Access::Operator:
        return Role::Operator;
    case Access::Admin:
        return Role::Admin;
    }
    return Role::Admin;
}

} // namespace

Dispatcher::Dispatcher(KeyLookup keys, Limits limits, const Clock &clock)
    : m_keys(std::move(keys))
    , m_limits(limits)
    , m_rateLimiter(limits.requestsPerMinute, clock)
{}

bool Dispatcher::isAllowed(const std::optional<ApiKey> &key, Access access)
{
    const std::optional<Role> need = requiredRole(access);
    if (!need)
        return true;
    return key && roleAtLeast(key->role, *need);
}

void Dispatcher::dispatch(ApiRequest api, const QString &remote, const Reply &reply)
{
    if (api.body.size() > m_limits.maxBodyBytes) {
        reply(HttpResponse::error(413, QStringLiteral("payload_too_large"),
                                  QStringLiteral("the request body is %1 bytes; the limit is %2")
                                      .arg(api.body.size())
                                      .arg(m_limits.maxBodyBytes)));
        return;
    }

    const Router::Match match = m_router.match(api.method, api.path);
    if (!match.route) {
        if (!match.allowed.isEmpty()) {
            QStringList names;
            for (Method m : match.allowed)
                names.append(methodName(m));
            reply(HttpResponse::error(
                      405, QStringLiteral("method_not_allowed"),
                      QStringLiteral("%1 is not allowed on %2; use %3")
                          .arg(methodName(api.method), api.path, names.join(QStringLiteral(", "))))
                      .withHeader("Allow", names.join(QStringLiteral(", ")).toLatin1()));
        } else {
            reply(HttpResponse::error(404, QStringLiteral("not_found"),
                                      QStringLiteral("no such endpoint: %1").arg(api.path)));
        }
        return;
    }
    api.params = match.params;

    // A key that is presented must be good, even on a public route.
    const QByteArray authorization = api.header("authorization");
    if (!authorization.isEmpty()) {
        const std::optional<QString> secret = bearerSecret(authorization);
        if (!secret) {
            reply(HttpResponse::error(401, QStringLiteral("unauthorized"),
                                      QStringLiteral("use \"Authorization: Bearer <API key>\""))
                      .withHeader("WWW-Authenticate", "Bearer"));
            return;
        }
        api.key = m_keys(*secret);
        if (!api.key) {
            reply(HttpResponse::error(401, QStringLiteral("unauthorized"),
                                      QStringLiteral("the API key is unknown or revoked"))
                      .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            return;
        }
    }
    if (!isAllowed(api.key, match.route->access)) {
        if (!api.key) {
            reply(HttpResponse::error(401, QStringLiteral("unauthorized"),
                                      QStringLiteral("this endpoint needs an API key"))
                      .withHeader("WWW-Authenticate", "Bearer"));
        } else {
            reply(HttpResponse::error(
                403, QStringLiteral("forbidden"),
                QStringLiteral("a %1 key may not do this").arg(toString(api.key->role))));
        }
        return;
    }

    api.client = api.key ? QStringLiteral("key:") + api.key->id : QStringLiteral("ip:") + remote;
    const RateLimiter::Decision decision = m_rateLimiter.take(api.client);
    if (!decision.allowed) {
        reply(HttpResponse::error(429, QStringLiteral("rate_limited"),
                                  QStringLiteral("more than %1 requests a minute; try again in "
                                                 "%2 s")
                                      .arg(m_rateLimiter.perMinute())
                                      .arg(decision.retryAfterSeconds))
                  .withHeader("Retry-After", QByteArray::number(decision.retryAfterSeconds)));
        return;
    }

    match.route->handler(api, reply);
}

} // namespace waddle::cp
