#include "httpresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace waddle::cp {

HttpResponse HttpResponse::json(int status, const QJsonValue &value)
{
    const QJsonDocument document =
        value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    return rawJson(status, document.toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::rawJson(int status, QByteArray body)
{
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

HttpResponse HttpResponse::error(int status, const QString &code, const QString &message,
                                 const QString &field)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        error.insert(QStringLiteral("field"), field);
    return json(status, QJsonObject{{QStringLiteral("error"), error}});
}

HttpResponse &HttpResponse::withHeader(QByteArray name, QByteArray value)
{
    headers.append({std::move(name), std::move(value)});
    return *this;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 204:
        return QByteArrayLiteral("No Content");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 415:
        return QByteArrayLiteral("Unsupported Media Type");
    case 428:
        return QByteArrayLiteral("Precondition Required");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        return QByteArrayLiteral("Status");
    }
}

QByteArray serialize(const HttpResponse &response, bool close, bool head)
{
    QByteArray out;
    out.reserve(160 + (head ? 0 : response.body.size()));
    out += QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(response.status) + ' ' +
           reasonPhrase(response.status) + QByteArrayLiteral("\r\n");
    if (!response.body.isEmpty() || response.status != 204) {
        out +=
            QByteArrayLiteral("Content-Type: ") + response.contentType + QByteArrayLiteral("\r\n");
    }
    out += QByteArrayLiteral("Content-Length: ") + QByteArray::number(response.body.size()) +
           QByteArrayLiteral("\r\n");
    out += close ? QByteArrayLiteral("Connection: close\r\n")
                 : QByteArrayLiteral("Connection: keep-alive\r\n");
    for (const auto &[name, value] : response.headers)
        out += name + QByteArrayLiteral(": ") + value + QByteArrayLiteral("\r\n");
    out += QByteArrayLiteral("\r\n");
    if (!head)
        out += response.body;
    return out;
}

QString excerpt(const QString &input, qsizetype maxChars)
{
    QString out = input.left(maxChars);
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format ||
            c.isSurrogate())
            c = u'?';
    }
    if (input.size() > maxChars)
        out += QChar(0x2026);
    return out;
}

} // namespace waddle::cp
