#include "liveevents.h"

#include "domain/jsonreader.h"
#include "domain/regionalert.h"
#include "session.h"

#include <QLoggingCategory>
#include <QNetworkRequest>
#include <QWebSocket>

#include <algorithm>
#include <cmath>

namespace waddle::client {

using domain::JsonReader;
using domain::Region;
using domain::RegionHealth;
using domain::RegionStatus;
using domain::Waddle;

Q_LOGGING_CATEGORY(lcLiveEvents, "waddle.client.liveevents")

namespace {

constexpr auto kEventsPath = QLatin1String("/api/v1/events");

// A region status field of an event ("online", ...), failing the reader when
// it is missing or unknown.
RegionStatus statusField(JsonReader &r, QLatin1String key)
{
    const QString name = r.string(key);
    const std::optional<RegionStatus> status = domain::regionStatusFromString(name);
    if (!status && !r.failed())
        r.failField(key, QStringLiteral("is not a region status: \"%1\"").arg(name));
    return status.value_or(RegionStatus::Online);
}

QString regionField(JsonReader &r, QLatin1String key)
{
    const QString code = r.string(key);
    if (!r.failed() && !domain::isValidRegionCode(code))
        r.failField(key, QStringLiteral("is not a region code: \"%1\"").arg(code));
    return code;
}

// The reader's messages already name the field's path ("health.code: ...").
QString describe(const domain::Error &error)
{
    if (error.field.isEmpty() || error.message.startsWith(error.field))
        return error.message;
    return QStringLiteral("%1: %2").arg(error.field, error.message);
}

} // namespace

LiveEvents::LiveEvents(QObject *parent)
    : LiveEvents(Settings{}, parent)
{}

LiveEvents::LiveEvents(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_random(QRandomGenerator::global()->generate())
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &LiveEvents::openSocket);
    m_pollTimer.setInterval(m_settings.pollInterval);
    connect(&m_pollTimer, &QTimer::timeout, this, &LiveEvents::pollDue);
    m_connectTimer.setSingleShot(true);
    m_connectTimer.setInterval(m_settings.connectTimeout);
    connect(&m_connectTimer, &QTimer::timeout, this, &LiveEvents::onConnectTimeout);
    m_keepAliveTimer.setInterval(m_settings.keepAliveInterval);
    connect(&m_keepAliveTimer, &QTimer::timeout, this, &LiveEvents::onKeepAlive);
}

LiveEvents::~LiveEvents()
{
    stop();
}

QUrl LiveEvents::eventsUrl(const QUrl &baseUrl)
{
    QUrl url = normalisedServerUrl(baseUrl);
    const QString scheme = url.scheme();
    if (scheme == u"https" || scheme == u"wss")
        url.setScheme(QStringLiteral("wss"));
    else
        url.setScheme(QStringLiteral("ws"));
    url.setPath(url.path() + kEventsPath);
    return url;
}

std::chrono::milliseconds LiveEvents::backoffDelay(const Settings &settings, int attempt,
                                                   double unitNoise)
{
    // In double so 2^attempt cannot overflow; the cap applies before the
    // jitter, so clients that all lost the server do not return in step.
    const double initial = static_cast<double>(settings.initialBackoff.count());
    const double cap = static_cast<double>(settings.maxBackoff.count());
    const double base = std::min(initial * std::pow(2.0, std::clamp(attempt, 0, 62)), cap);
    const double noise = std::clamp(unitNoise, -1.0, 1.0) * settings.jitter;
    return std::chrono::milliseconds(std::max<qint64>(0, std::llround(base * (1.0 + noise))));
}

void LiveEvents::start(const QUrl &baseUrl, const QString &apiKey)
{
    stop();
    m_url = eventsUrl(baseUrl);
    m_apiKey = apiKey;
    m_running = true;
    m_refused = false;
    m_attempt = 0;
    m_lastError = tr("Connecting to the event stream");
    // Until the stream is up the owner polls (SPEC §13).
    m_pollTimer.start();
    openSocket();
}

void LiveEvents::stop()
{
    m_running = false;
    dropSocket();
    m_reconnectTimer.stop();
    m_pollTimer.stop();
    m_connectTimer.stop();
    m_keepAliveTimer.stop();
    m_connected = false;
    m_awaitingPong = false;
}

void LiveEvents::openSocket()
{
    if (!m_running)
        return;
    dropSocket();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::disconnected, this, &LiveEvents::onSocketDisconnected);
    // A failed connect may end in error() alone, without disconnected().
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
                    onSocketDisconnected();
            });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &LiveEvents::onTextMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &LiveEvents::onBinaryMessage);
    connect(m_socket, &QWebSocket::pong, this, [this] { m_awaitingPong = false; });

    QNetworkRequest request(m_url);
    if (!m_apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_apiKey.toUtf8());
    m_connectTimer.start();
    m_socket->open(request);
}

void LiveEvents::dropSocket()
{
    if (!m_socket)
        return;
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->close(QWebSocketProtocol::CloseCodeNormal);
    else
        socket->abort();
    socket->deleteLater();
}

void LiveEvents::onSocketDisconnected()
{
    if (!m_socket)
        return;
    const QWebSocketProtocol::CloseCode code = m_socket->closeCode();
    const QString closeReason = m_socket->closeReason();
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString errorText = m_socket->errorString();
    const QString where = m_url.toString(QUrl::RemoveUserInfo);

    // The control plane closes a stream it will not serve (an unknown or
    // revoked key) with a policy violation before greeting it.
    if (!m_connected && code == QWebSocketProtocol::CloseCodePolicyViolated) {
        goDown(closeReason.isEmpty()
                   ? tr("The server refused the event stream")
                   : tr("The server refused the event stream: %1").arg(closeReason),
               false);
        return;
    }
    QString reason;
    if (m_connected && code == QWebSocketProtocol::CloseCodeGoingAway)
        reason = tr("The server went away (restarting or shutting down)");
    else if (m_connected && !closeReason.isEmpty())
        reason = tr("The server closed the event stream: %1").arg(closeReason);
    else if (error != QAbstractSocket::UnknownSocketError)
        reason = tr("Cannot reach the event stream at %1: %2").arg(where, errorText);
    else if (m_connected)
        reason = tr("The event stream was closed (code %1)").arg(static_cast<int>(code));
    else
        reason = tr("Cannot reach the event stream at %1").arg(where);
    goDown(reason, true);
}

void LiveEvents::onConnectTimeout()
{
    if (m_connected || !m_socket)
        return;
    goDown(tr("No answer from the event stream at %1 within %2 s")
               .arg(m_url.toString(QUrl::RemoveUserInfo))
               .arg(static_cast<double>(m_settings.connectTimeout.count()) / 1000.0),
           true);
}

void LiveEvents::onKeepAlive()
{
    if (!m_socket)
        return;
    if (m_awaitingPong) {
        goDown(tr("The server stopped answering"), true);
        return;
    }
    m_awaitingPong = true;
    m_socket->ping();
}

void LiveEvents::goDown(const QString &reason, bool retry)
{
    const bool wasConnected = m_connected;
    const bool news = wasConnected || !retry || reason != m_lastError;
    dropSocket();
    m_connected = false;
    m_awaitingPong = false;
    m_connectTimer.stop();
    m_keepAliveTimer.stop();
    m_lastError = reason;
    if (!m_pollTimer.isActive())
        m_pollTimer.start();
    if (retry)
        scheduleReconnect();
    else
        m_refused = true;
    qCInfo(lcLiveEvents) << "event stream down:" << reason
                         << (retry ? "(reconnecting)" : "(not retrying)");
    // Once per change of reason, so a long outage does not repeat itself.
    if (news)
        Q_EMIT disconnected(reason);
}

void LiveEvents::scheduleReconnect()
{
    const double noise = m_random.generateDouble() * 2.0 - 1.0;
    const std::chrono::milliseconds delay = backoffDelay(m_settings, m_attempt, noise);
    ++m_attempt;
    m_reconnectTimer.start(delay);
}

void LiveEvents::markConnected()
{
    if (m_connected)
        return;
    m_connected = true;
    m_attempt = 0;
    m_lastError.clear();
    m_connectTimer.stop();
    m_pollTimer.stop();
    m_awaitingPong = false;
    m_keepAliveTimer.start();
    Q_EMIT connected();
}

void LiveEvents::malformed(const QString &why)
{
    ++m_malformed;
    qCWarning(lcLiveEvents) << "skipping a malformed event:" << why;
    Q_EMIT malformedEvent(why);
}

void LiveEvents::onBinaryMessage(const QByteArray &message)
{
    m_awaitingPong = false;
    malformed(tr("a binary message of %1 bytes (events are JSON text)").arg(message.size()));
}

void LiveEvents::onTextMessage(const QString &message)
{
    // Any message shows the connection is alive.
    m_awaitingPong = false;
    const domain::Result<QJsonObject> event = JsonReader::parseObject(message.toUtf8());
    if (!event) {
        malformed(describe(event.error()));
        return;
    }
    JsonReader r(event.value());
    const QString type = r.string(QLatin1String("type"));
    if (r.failed()) {
        malformed(describe(r.error()));
        return;
    }
    // The server greets every stream it accepts; a server that does not
    // still counts as up once it sends a well-formed event.
    markConnected();
    if (type != u"hello")
        dispatch(type, event.value());
}

void LiveEvents::dispatch(const QString &type, const QJsonObject &event)
{
    JsonReader r(event);
    if (type == u"region.health") {
        const auto health =
            r.object<RegionHealth>(QLatin1String("health"), domain::regionHealthFromJson);
        if (r.failed())
            return malformed(describe(r.error()));
        Q_EMIT regionHealth(health);
    } else if (type == u"region.status") {
        const QString code = regionField(r, QLatin1String("region"));
        const RegionStatus from = statusField(r, QLatin1String("from"));
        const RegionStatus to = statusField(r, QLatin1String("to"));
        const auto health =
            r.object<RegionHealth>(QLatin1String("health"), domain::regionHealthFromJson);
        if (r.failed())
            return malformed(describe(r.error()));
        Q_EMIT regionStatus(code, from, to, health);
    } else if (type == u"alert") {
        const QString region = regionField(r, QLatin1String("region"));
        const domain::Severity severity =
            r.enumeration(QLatin1String("severity"), domain::kSeverityNames);
        const QString title = r.string(QLatin1String("title"));
        const QString description =
            r.optionalString(QLatin1String("description")).value_or(QString());
        if (r.failed())
            return malformed(describe(r.error()));
        Q_EMIT alertRaised(region, severity, title, description);
    } else if (type == u"waddle.region") {
        const auto waddle = r.object<Waddle>(QLatin1String("waddle"), domain::waddleFromJson);
        const QString from = r.optionalString(QLatin1String("from")).value_or(QString());
        const QString to = r.optionalString(QLatin1String("to")).value_or(QString());
        const QString reason = r.optionalString(QLatin1String("reason")).value_or(QString());
        if (r.failed())
            return malformed(describe(r.error()));
        Q_EMIT waddleChanged(waddle, from, to, reason);
    } else if (type == u"alert.acknowledged") {
        const auto alert =
            r.object<domain::RegionAlert>(QLatin1String("alert"), domain::regionAlertFromJson);
        if (r.failed())
            return malformed(describe(r.error()));
        Q_EMIT alertAcknowledged(alert);
    } else if (type == u"region.updated") {
        const auto region = r.object<Region>(QLatin1String("region"), domain::regionFromJson);
        if (r.failed())
            return malformed(describe(r.error()));
        Q_EMIT regionUpdated(region);
    } else if (type.startsWith(u"failover.") || type.startsWith(u"failback.") ||
               type.startsWith(u"migration.")) {
        Q_EMIT jobEvent(type, event);
    } else {
        // A newer server's event: not ours to judge.
        qCDebug(lcLiveEvents) << "ignoring an event of unknown type" << type;
    }
}

} // namespace waddle::client
