#include "httpvoiceservice.h"

#include <QCoroNetworkReply>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

#include <chrono>
#include <memory>

namespace waddle::cp {

using domain::Error;
using domain::Region;
using domain::Result;

HttpVoiceService::HttpVoiceService(int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
{}

QUrl HttpVoiceService::roomUrl(const Region &region, const QString &waddleId, const QString &action)
{
    const QUrl health(region.healthUrl);
    if (!health.isValid() || health.scheme().isEmpty())
        return {};
    QString path =
        QStringLiteral("rooms/") + QString::fromLatin1(QUrl::toPercentEncoding(waddleId));
    if (!action.isEmpty())
        path += QLatin1Char('/') + action;
    return health.resolved(QUrl(path));
}

QCoro::Task<Result<void>> HttpVoiceService::prepare(Region region, QString waddleId, qint64 members)
{
    QUrl url = roomUrl(region, waddleId);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("members"), QString::number(members));
    url.setQuery(query);
    co_return co_await call("POST", url, {},
                            QStringLiteral("prepare a room in %1").arg(region.code));
}

QCoro::Task<Result<void>> HttpVoiceService::notify(Region region, QString waddleId, QString message)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("message"), message}})
                                .toJson(QJsonDocument::Compact);
    co_return co_await call("POST", roomUrl(region, waddleId, QStringLiteral("notify")), body,
                            QStringLiteral("notify the members in %1").arg(region.code));
}

QCoro::Task<Result<void>> HttpVoiceService::move(Region from, Region to, QString waddleId)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("from"), from.code}})
                                .toJson(QJsonDocument::Compact);
    co_return co_await call("POST", roomUrl(to, waddleId, QStringLiteral("move")), body,
                            QStringLiteral("move the call to %1").arg(to.code));
}

QCoro::Task<Result<void>> HttpVoiceService::cleanup(Region region, QString waddleId)
{
    co_return co_await call("DELETE", roomUrl(region, waddleId), {},
                            QStringLiteral("remove the room in %1").arg(region.code));
}

QCoro::Task<Result<void>> HttpVoiceService::call(QByteArray verb, QUrl url, QByteArray body,
                                                 QString what)
{
    if (!url.isValid() || url.scheme().isEmpty())
        co_return Error{{}, QStringLiteral("cannot %1: the region has no agent URL").arg(what)};
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QPointer<QNetworkReply> reply = m_network.sendCustomRequest(request, verb, body);
    // Only locals after the wait: the service may be gone when it ends.
    const bool finished =
        co_await qCoro(reply.data()).waitForFinished(std::chrono::milliseconds(m_timeoutMs));
    if (!reply)
        co_return Error{{}, QStringLiteral("cannot %1: the call was dropped").arg(what)};
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> owned(
        reply.data(), [](QNetworkReply *r) { r->deleteLater(); });
    if (!finished) {
        reply->abort();
        co_return Error{{}, QStringLiteral("cannot %1: no answer in time").arg(what)};
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        co_return Error{{}, QStringLiteral("cannot %1: %2").arg(what, reply->errorString())};
    if (status < 200 || status >= 300) {
        const QJsonObject error = QJsonDocument::fromJson(reply->readAll())
                                      .object()
                                      .value(QStringLiteral("error"))
                                      .toObject();
        const QString message = error.value(QStringLiteral("message")).toString();
        co_return Error{{},
                        QStringLiteral("cannot %1: HTTP %2%3")
                            .arg(what)
                            .arg(status)
                            .arg(message.isEmpty() ? QString() : QStringLiteral(" ") + message)};
    }
    co_return Result<void>{};
}

} // namespace waddle::cp
