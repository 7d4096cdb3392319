#pragma once

#include "voiceservice.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

namespace waddle::cp {

// VoiceService over each region agent's room API, next to its /health:
// POST /rooms/{waddle}?members=n, POST /rooms/{waddle}/notify, POST
// /rooms/{waddle}/move (on the target), DELETE /rooms/{waddle}. A call that
// gets no answer within the timeout (default 5 s) or a non-2xx one fails
// with the agent's message.
class HttpVoiceService final : public QObject, public VoiceService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpVoiceService)

public:
    explicit HttpVoiceService(int timeoutMs = 5000, QObject *parent = nullptr);

    QCoro::Task<domain::Result<void>> prepare(domain::Region region, QString waddleId,
                                              qint64 members) override;
    QCoro::Task<domain::Result<void>> notify(domain::Region region, QString waddleId,
                                             QString message) override;
    QCoro::Task<domain::Result<void>> move(domain::Region from, domain::Region to,
                                           QString waddleId) override;
    QCoro::Task<domain::Result<void>> cleanup(domain::Region region, QString waddleId) override;

    // The room URL of a waddle in a region: beside the region's health URL.
    [[nodiscard]] static QUrl roomUrl(const domain::Region &region, const QString &waddleId,
                                      const QString &action = {});

private:
    QCoro::Task<domain::Result<void>> call(QByteArray verb, QUrl url, QByteArray body,
                                           QString what);

    QNetworkAccessManager m_network;
    int m_timeoutMs;
};

} // namespace waddle::cp
