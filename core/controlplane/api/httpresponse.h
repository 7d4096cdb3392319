#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <utility>

namespace waddle::cp {

// One HTTP response, serialised by the transport so that a reply can also be
// sent later (after a probe) to a connection that may have gone meanwhile.
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

// The response's bytes on the wire (status line, headers, body). `close`
// announces Connection: close; `head` leaves the body out but keeps its
// Content-Length (a HEAD request's answer).
QByteArray serialize(const HttpResponse &response, bool close, bool head = false);

// What an error message may repeat of the caller's input: at most
// `maxChars` characters, control characters replaced by '?', an ellipsis
// when cut, so an error body never echoes long or raw input back.
QString excerpt(const QString &input, qsizetype maxChars = 64);

} // namespace waddle::cp
