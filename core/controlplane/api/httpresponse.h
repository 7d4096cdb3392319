#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPointer>
#include <QTcpSocket>

#include <utility>

namespace waddle::cp {

// One HTTP response, written by the server itself so that a reply can also
// be sent later (after a probe) to a socket that may have gone meanwhile.
struct HttpResponse
{
    int status = 200;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<std::pair<QByteArray, QByteArray>> headers;

    static HttpResponse json(int status, const QJsonValue &value);
    static HttpResponse rawJson(int status, QByteArray body);
    // SPEC §12 error shape: {"error": {"code", "message", "field"?}}.
    static HttpResponse error(int status, const QString &code, const QString &message,
                              const QString &field = {});

    HttpResponse &withHeader(QByteArray name, QByteArray value);
};

QByteArray reasonPhrase(int status);

// Serialises the response onto the connection; closes it after the write
// when `close` is set (the client asked for Connection: close). A socket
// that has gone is skipped.
void writeResponse(const QPointer<QTcpSocket> &socket, const HttpResponse &response, bool close);

} // namespace waddle::cp
