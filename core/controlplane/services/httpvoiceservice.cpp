#include "httpvoiceservice.h"

#include <QCoroNetworkReply>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

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
    const Result<QByteArray> answer =
        co_await send(std::move(verb), std::move(url), std::move(body), std::move(what));
    if (!answer)
        co_return answer.error();
    co_return Result<void>{};
}

QCoro::Task<Result<QByteArray>> HttpVoiceService::send(QByteArray verb, QUrl url, QByteArray body,
                                                       QString what, int timeoutMs)
{
    if (!url.isValid() || url.scheme().isEmpty())
        co_return Error{{}, QStringLiteral("cannot %1: the region has no agent URL").arg(what)};
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QPointer<QNetworkReply> reply = m_network.sendCustomRequest(request, verb, body);
    const int wait = timeoutMs > 0 ? timeoutMs : m_timeoutMs;
    // Only locals after the wait: the service may be gone when it ends.
    const bool finished =
        co_await qCoro(reply.data()).waitForFinished(std::chrono::milliseconds(wait));
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
    QByteArray answer = reply->readAll();
    if (status < 200 || status >= 300) {
        const QString message = QJsonDocument::fromJson(answer)
                                    .object()
                                    .value(QStringLiteral("error"))
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toString();
        co_return Error{{},
                        QStringLiteral("cannot %1: HTTP %2%3")
                            .arg(what)
                            .arg(status)
                            .arg(message.isEmpty() ? QString() : QStringLiteral(" ") + message)};
    }
    co_return answer;
}

QCoro::Task<VoiceService::RoomResults> HttpVoiceService::prepareRooms(Region region,
                                                                      QList<Room> rooms)
{
    return batch(Step::Prepare, std::move(region), std::move(rooms));
}

QCoro::Task<VoiceService::RoomResults> HttpVoiceService::notifyRooms(Region region,
                                                                     QList<Room> rooms)
{
    return batch(Step::Notify, std::move(region), std::move(rooms));
}

QCoro::Task<VoiceService::RoomResults> HttpVoiceService::cleanupRooms(Region region,
                                                                      QList<Room> rooms)
{
    return batch(Step::Cleanup, std::move(region), std::move(rooms));
}

QCoro::Task<VoiceService::RoomResults> HttpVoiceService::batch(Step step, Region region,
                                                               QList<Room> rooms)
{
    QString what;
    QByteArray verb = "POST";
    QString path = QStringLiteral("rooms");
    int timeoutMs = 0;
    if (step == Step::Prepare) {
        what = QStringLiteral("prepare a room in %1").arg(region.code);
    } else if (step == Step::Notify) {
        what = QStringLiteral("notify the members in %1").arg(region.code);
        path = QStringLiteral("rooms/notify");
    } else {
        what = QStringLiteral("remove the room in %1").arg(region.code);
        verb = "DELETE";
        timeoutMs = cleanupTimeoutMs;
    }
    const QUrl health(region.healthUrl);
    const QUrl url =
        health.isValid() && !health.scheme().isEmpty() ? health.resolved(QUrl(path)) : QUrl();
    // One call per kMaxRoomsPerCall rooms, all under way at once.
    std::vector<QCoro::Task<Result<QByteArray>>> calls;
    for (qsizetype first = 0; first < rooms.size(); first += kMaxRoomsPerCall) {
        QJsonArray list;
        for (qsizetype i = first; i < std::min(rooms.size(), first + kMaxRoomsPerCall); ++i) {
            const Room &room = rooms.at(i);
            QJsonObject entry{{QStringLiteral("waddle"), room.waddleId}};
            if (step == Step::Prepare)
                entry.insert(QStringLiteral("members"), room.members);
            else if (step == Step::Notify)
                entry.insert(QStringLiteral("message"), room.message);
            list.append(entry);
        }
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("rooms"), list}})
                                    .toJson(QJsonDocument::Compact);
        calls.push_back(send(verb, url, body, what, timeoutMs));
    }
    RoomResults results;
    results.reserve(rooms.size());
    qsizetype first = 0;
    for (QCoro::Task<Result<QByteArray>> &call : calls) {
        const qsizetype count = std::min(kMaxRoomsPerCall, rooms.size() - first);
        const Result<QByteArray> answer = co_await std::move(call);
        const QJsonArray answers = answer ? QJsonDocument::fromJson(answer.value())
                                                .object()
                                                .value(QStringLiteral("results"))
                                                .toArray()
                                          : QJsonArray();
        for (qsizetype i = 0; i < count; ++i) {
            const QString waddle = rooms.at(first + i).waddleId;
            if (!answer) {
                results.append(answer.error());
                continue;
            }
            const QJsonObject one = answers.at(i).toObject();
            const int status = one.value(QStringLiteral("status")).toInt();
            if (one.value(QStringLiteral("room")).toString() != waddle) {
                results.append(Error{
                    {}, QStringLiteral("cannot %1: no answer for waddle %2").arg(what, waddle)});
            } else if (status < 200 || status >= 300) {
                const QString message = one.value(QStringLiteral("error"))
                                            .toObject()
                                            .value(QStringLiteral("message"))
                                            .toString();
                results.append(Error{
                    {},
                    QStringLiteral("cannot %1: HTTP %2 %3").arg(what).arg(status).arg(message)});
            } else {
                results.append(Result<void>{});
            }
        }
        first += count;
    }
    co_return results;
}

} // namespace waddle::cp
