#pragma once

#include "domain/analytics/alert.h"
#include "domain/health.h"
#include "domain/region.h"
#include "domain/regionalert.h"
#include "domain/waddle.h"

#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QWebSocket;

namespace waddle::client {

// The control plane's live event stream (WebSocket /api/v1/events, SPEC §12)
// as typed signals. Each text message is one JSON event decoded with the
// domain codecs; a message that does not decode is counted and skipped. The
// stream counts as connected once the server's "hello" arrived (a refused key
// is closed before it), and stays up by itself: on a drop it reconnects with
// exponential backoff, and while down it asks its owner to poll
// /regions/health instead (pollDue, SPEC §13).
class LiveEvents final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveEvents)

public:
    struct Settings
    {
        // Reconnect delays: initial × 2^attempt, capped, each ±jitter.
        std::chrono::milliseconds initialBackoff{500};
        std::chrono::milliseconds maxBackoff{30'000};
        double jitter = 0.2;
        // How often pollDue fires while the stream is down.
        std::chrono::milliseconds pollInterval{30'000};
        // An attempt that has not been greeted by then is given up.
        std::chrono::milliseconds connectTimeout{10'000};
        // A WebSocket ping this often; no pong (or message) by the next one
        // means the connection died without saying so.
        std::chrono::milliseconds keepAliveInterval{15'000};
    };

    explicit LiveEvents(QObject *parent = nullptr);
    explicit LiveEvents(Settings settings, QObject *parent = nullptr);
    ~LiveEvents() override;

    // Connects to <baseUrl>/api/v1/events (ws for http, wss for https) with
    // the key, if any, in the Authorization header. Restarts when running.
    void start(const QUrl &baseUrl, const QString &apiKey);
    // Closes the stream; no more signals until the next start().
    void stop();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] bool isConnected() const { return m_connected; }
    // True when the server refused the stream (an unknown or revoked key):
    // retrying would not help, so it does not reconnect until start().
    [[nodiscard]] bool isRefused() const { return m_refused; }
    // Why the stream is down, in one sentence; empty while connected.
    [[nodiscard]] QString lastError() const { return m_lastError; }
    [[nodiscard]] int malformedCount() const { return m_malformed; }
    // Reconnect attempts since the last successful connection.
    [[nodiscard]] int attempt() const { return m_attempt; }
    [[nodiscard]] const Settings &settings() const { return m_settings; }

    [[nodiscard]] static QUrl eventsUrl(const QUrl &baseUrl);
    // The delay before reconnect attempt `attempt` (0 first): initial ×
    // 2^attempt capped at maxBackoff, scaled by 1 + jitter × `unitNoise`
    // (unitNoise in −1…1).
    [[nodiscard]] static std::chrono::milliseconds backoffDelay(const Settings &settings,
                                                                int attempt, double unitNoise);

Q_SIGNALS:
    void connected();
    void disconnected(const QString &reason);
    void regionHealth(const waddle::domain::RegionHealth &health);
    void regionStatus(const QString &code, waddle::domain::RegionStatus from,
                      waddle::domain::RegionStatus to, const waddle::domain::RegionHealth &health);
    void alertRaised(const QString &region, waddle::domain::Severity severity, const QString &title,
                     const QString &description);
    void waddleChanged(const waddle::domain::Waddle &waddle, const QString &from, const QString &to,
                       const QString &reason);
    // An operator changed a region's settings (priority, failover list).
    void regionUpdated(const waddle::domain::Region &region);
    // Someone acknowledged a status alert (the alert as it is now).
    void alertAcknowledged(const waddle::domain::RegionAlert &alert);
    // A failover, fail-back or migration event ("failover.batch",
    // "failback.finished", "migration.step", ...) as the server sent it:
    // the failover ones carry the job id in "failover", the migration ones
    // the whole migration in "migration" (SPEC §9, §10).
    void jobEvent(const QString &type, const QJsonObject &event);
    // The stream is down: fetch /regions/health now.
    void pollDue();
    // One message could not be used (why, for the log).
    void malformedEvent(const QString &why);

private:
    void openSocket();
    void dropSocket();
    void onSocketDisconnected();
    void onTextMessage(const QString &message);
    void onBinaryMessage(const QByteArray &message);
    void onKeepAlive();
    void onConnectTimeout();
    void goDown(const QString &reason, bool retry);
    void scheduleReconnect();
    void markConnected();
    void malformed(const QString &why);
    void dispatch(const QString &type, const QJsonObject &event);

    Settings m_settings;
    QUrl m_url;
    QString m_apiKey;
    QWebSocket *m_socket = nullptr;
    QTimer m_reconnectTimer;
    QTimer m_pollTimer;
    QTimer m_connectTimer;
    QTimer m_keepAliveTimer;
    QRandomGenerator m_random;
    bool m_running = false;
    bool m_connected = false;
    bool m_refused = false;
    bool m_awaitingPong = false;
    int m_attempt = 0;
    int m_malformed = 0;
    QString m_lastError;
};

} // namespace waddle::client
