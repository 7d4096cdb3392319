#pragma once

#include "ratelimiter.h"
#include "router.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

#include <functional>

namespace waddle::cp {

// The live event stream's path (WebSocket upgrade).
inline constexpr char kEventsPath[] = "/api/v1/events";

// The control plane's HTTP front door: one place for the rules every
// endpoint shares (SPEC §12): bodies over the limit refused with 413, Bearer
// keys checked (401) against the route's role (403), a per-key rate limit
// (429 with Retry-After), unknown paths 404 and wrong methods 405, all as
// JSON errors. Handlers only see well-formed, authorised requests.
class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    // Finds the key for a presented secret, or nothing.
    using Authenticator = std::function<std::optional<ApiKey>(const QString &secret)>;

    struct Limits
    {
        qint64 maxBodyBytes = 1024 * 1024; // 1 MiB
        int requestsPerMinute = 1000;
    };

    ApiServer(Authenticator authenticator, Limits limits, RateLimiter::Clock clock = {},
              QObject *parent = nullptr);

    Router &router() { return m_router; }
    const Router &router() const { return m_router; }

    // Listens on address:port (0: any free port) with a large accept
    // backlog (PERFORMANCE.md: the default 50 stalls bursts). Returns the
    // port, or 0 when the address cannot be bound.
    quint16 start(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 port() const { return m_port; }

    [[nodiscard]] bool isAllowed(const std::optional<ApiKey> &key, Access access) const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Authenticator m_authenticator;
    Limits m_limits;
    RateLimiter m_rateLimiter;
    Router m_router;
    quint16 m_port = 0;
};

} // namespace waddle::cp
