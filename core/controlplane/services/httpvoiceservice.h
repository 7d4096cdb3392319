#pragma once

#include "voiceservice.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

namespace waddle::cp {

// VoiceService over each region agent's room API, next to its /health:
// POST /rooms/{waddle}?members=n, POST /rooms/{waddle}/notify, POST
// /rooms/{waddle}/move (on the target), DELETE /rooms/{waddle}; the batch
// forms POST /rooms, POST /rooms/notify and DELETE /rooms with a JSON list
// of rooms, one call per region and step (split at kMaxRoomsPerCall). A
// call that gets no answer within the timeout (default 5 s; the batch
// cleanup, best effort, cleanupTimeoutMs) or a non-2xx one fails with the
// agent's message; a batch answer's per-room status fails only its room.
class HttpVoiceService final : public QObject, public VoiceService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpVoiceService)

public:
    explicit HttpVoiceService(int timeoutMs = 5000, QObject *parent = nullptr);

    // The agents' limit per batch call (RegionAgent::kMaxBatchRooms).
    static constexpr qsizetype kMaxRoomsPerCall = 1000;
    int cleanupTimeoutMs = 1000;

    QCoro::Task<domain::Result<void>> prepare(domain::Region region, QString waddleId,
                                              qint64 members) override;
    QCoro::Task<domain::Result<void>> notify(domain::Region region, QString waddleId,
                                             QString message) override;
    QCoro::Task<domain::Result<void>> move(domain::Region from, domain::Region to,
                                           QString waddleId) override;
    QCoro::Task<domain::Result<void>> cleanup(domain::Region region, QString waddleId) override;
    QCoro::Task<RoomResults> prepareRooms(domain::Region region, QList<Room> rooms) override;
    QCoro::Task<RoomResults> notifyRooms(domain::Region region, QList<Room> rooms) override;
    QCoro::Task<RoomResults> cleanupRooms(domain::Region region, QList<Room> rooms) override;

    // The room URL of a waddle in a region: beside the region's health URL.
    [[nodiscard]] static QUrl roomUrl(const domain::Region &region, const QString &waddleId,
                                      const QString &action = {});

private:
    // The answer's body, or why there is none; `timeoutMs` 0 means m_timeoutMs.
    QCoro::Task<domain::Result<QByteArray>> send(QByteArray verb, QUrl url, QByteArray body,
                                                 QString what, int timeoutMs = 0);
    QCoro::Task<domain::Result<void>> call(QByteArray verb, QUrl url, QByteArray body,
                                           QString what);
    enum class Step
    {
        Prepare,
        Notify,
        Cleanup
    };
    QCoro::Task<RoomResults> batch(Step step, domain::Region region, QList<Room> rooms);

    QNetworkAccessManager m_network;
    int m_timeoutMs;
};

} // namespace waddle::cp
