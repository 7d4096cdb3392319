#include "eventstreamendpoint.h"

#include "apiserver.h"
#include "bearer.h"
#include "controlplane/services/eventhub.h"

#include <QUrlQuery>
#include <QWebSocket>

namespace waddle::cp {

EventStreamEndpoint::EventStreamEndpoint(ApiServer &server, Dispatcher::KeyLookup keys,
                                         EventHub &events, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_keys(std::move(keys))
    , m_events(events)
{
    connect(&m_server, &QAbstractHttpServer::newWebSocketConnection, this,
            &EventStreamEndpoint::onConnection);
}

void EventStreamEndpoint::onConnection()
{
    while (m_server.hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_server.nextPendingWebSocketConnection();
        if (!socket)
            continue;
        if (socket->requestUrl().path() != QLatin1String(kEventsPath)) {
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                          QStringLiteral("no such event stream"));
            continue;
        }
        const QString secret =
            bearerSecret(socket->request().rawHeader("Authorization"))
                .value_or(
                    QUrlQuery(socket->requestUrl()).queryItemValue(QStringLiteral("access_token")));
        std::optional<ApiKey> key;
        if (!secret.isEmpty()) {
            key = m_keys(secret);
            if (!key) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("the API key is unknown or revoked"));
                continue;
            }
        }
        m_events.add(std::move(socket), key);
    }
}

} // namespace waddle::cp
