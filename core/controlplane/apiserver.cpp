#include "apiserver.h"

#include <QTcpServer>

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

ApiServer::ApiServer(Authenticator authenticator, Limits limits, RateLimiter::Clock clock,
                     QObject *parent)
    : QAbstractHttpServer(parent)
    , m_authenticator(std::move(authenticator))
    , m_limits(limits)
    , m_rateLimiter(limits.requestsPerMinute, std::move(clock))
{}

quint16 ApiServer::start(const QHostAddress &address, quint16 port)
{
    auto *server = new QTcpServer(this);
    server->setListenBacklogSize(1024);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    bind(server);
    m_port = server->serverPort();
    return m_port;
}

bool ApiServer::isAllowed(const std::optional<ApiKey> &key, Access access) const
{
    const std::optional<Role> need = requiredRole(access);
    if (!need)
        return true;
    return key && roleAtLeast(key->role, *need);
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Qt 6.4 hands a WebSocket upgrade to its WebSocket server only when this
    // returns true having written nothing; the event stream's own checks (the
    // key) follow in ControlPlane::onWebSocket. Other paths get Qt's 404.
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("upgrade", Qt::CaseInsensitive) == 0 &&
            value.compare("websocket", Qt::CaseInsensitive) == 0) {
            return request.url().path() == QLatin1String(kEventsPath);
        }
    }

    const QPointer<QTcpSocket> connection(socket);
    ApiRequest api;
    api.method = request.method();
    api.path = request.url().path();
    api.query = request.query();
    for (const auto &[name, value] : request.headers())
        api.headers.insert(name.toLower(), value);
    const bool close = api.header("connection").toLower() == "close";
    auto reply = [connection, close](const HttpResponse &response) {
        writeResponse(connection, response, close);
    };

    if (request.body().size() > m_limits.maxBodyBytes) {
        reply(HttpResponse::error(413, QStringLiteral("payload_too_large"),
                                  QStringLiteral("the request body is %1 bytes; the limit is %2")
                                      .arg(request.body().size())
                                      .arg(m_limits.maxBodyBytes)));
        return true;
    }
    api.body = request.body();

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
        return true;
    }
    api.params = match.params;

    // A key that is presented must be good, even on a public route.
    const QByteArray authorization = api.header("authorization");
    if (!authorization.isEmpty()) {
        if (!authorization.startsWith("Bearer ")) {
            reply(HttpResponse::error(401, QStringLiteral("unauthorized"),
                                      QStringLiteral("use \"Authorization: Bearer <API key>\""))
                      .withHeader("WWW-Authenticate", "Bearer"));
            return true;
        }
        api.key = m_authenticator(QString::fromLatin1(authorization.mid(7).trimmed()));
        if (!api.key) {
            reply(HttpResponse::error(401, QStringLiteral("unauthorized"),
                                      QStringLiteral("the API key is unknown or revoked"))
                      .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""));
            return true;
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
        return true;
    }

    api.client = api.key ? QStringLiteral("key:") + api.key->id
                         : QStringLiteral("ip:") + request.remoteAddress().toString();
    const RateLimiter::Decision decision = m_rateLimiter.take(api.client);
    if (!decision.allowed) {
        reply(HttpResponse::error(429, QStringLiteral("rate_limited"),
                                  QStringLiteral("more than %1 requests a minute; try again in "
                                                 "%2 s")
                                      .arg(m_rateLimiter.perMinute())
                                      .arg(decision.retryAfterSeconds))
                  .withHeader("Retry-After", QByteArray::number(decision.retryAfterSeconds)));
        return true;
    }

    match.route->handler(api, reply);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    writeResponse(
        QPointer<QTcpSocket>(socket),
        HttpResponse::error(404, QStringLiteral("not_found"),
                            QStringLiteral("no such endpoint: %1").arg(request.url().path())),
        false);
}

} // namespace waddle::cp
