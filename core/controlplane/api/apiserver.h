#pragma once

#include "dispatcher.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

namespace waddle::cp {

// The live event stream's path (WebSocket upgrade).
inline constexpr char kEventsPath[] = "/api/v1/events";

// The control plane's HTTP transport (Qt's QHttpServer): turns each request
// into an ApiRequest for the Dispatcher, writes its answer back, and hands
// WebSocket upgrades of the event stream's path to Qt's WebSocket server
// (EventStreamEndpoint takes them from there). Nothing else: the rules live
// in the Dispatcher, so another transport can replace this one.
class ApiServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    explicit ApiServer(Dispatcher &dispatcher, QObject *parent = nullptr);

    // Listens on address:port (0: any free port) with a large accept
    // backlog (PERFORMANCE.md: the default 50 stalls bursts). Returns the
    // port, or 0 when the address cannot be bound.
    quint16 start(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 port() const { return m_port; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    Dispatcher &m_dispatcher;
    quint16 m_port = 0;
};

} // namespace waddle::cp
