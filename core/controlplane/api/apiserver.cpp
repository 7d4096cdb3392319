#include "apiserver.h"

#include <QTcpServer>

namespace waddle::cp {

ApiServer::ApiServer(Dispatcher &dispatcher, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_dispatcher(dispatcher)
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

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Qt 6.4 hands a WebSocket upgrade to its WebSocket server only when this
    // returns true having written nothing; the event stream's own checks (the
    // key) follow in EventStreamEndpoint. Other paths get Qt's 404.
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
    api.body = request.body();
    const bool close = api.header("connection").toLower() == "close";
    m_dispatcher.dispatch(std::move(api), request.remoteAddress().toString(),
                          [connection, close](const HttpResponse &response) {
                              writeResponse(connection, response, close);
                          });
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
