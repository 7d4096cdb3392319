#include "httpprobe.h"

#include "probeendpoint.h"
#include "probesockets.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace waddle::client {

HttpProbe::HttpProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
                     QObject *parent)
    : RegionProbe(std::move(region), settings, std::move(hooks), parent)
{
    m_url = *parsePingUrl(this->region().pingUrl);
    m_tls = m_url.scheme().toLower() == u"https"_s;
    m_port = static_cast<quint16>(m_url.port(m_tls ? 443 : 80));
    QByteArray target = m_url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (m_url.hasQuery())
        target += '?' + m_url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = m_url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (m_url.port() != -1)
        host += ':' + QByteArray::number(m_url.port());
    m_request = "GET " + target + " HTTP/1.1\r\nHost: " + host +
                "\r\nUser-Agent: waddle-regions/" WADDLE_VERSION
                "\r\nAccept: */*\r\nCache-Control: no-cache\r\n"
                "Connection: keep-alive\r\n\r\n";
}

void HttpProbe::warmUp()
{
    if (m_tls && !QSslSocket::supportsSsl()) {
        failRegion(u"https needs TLS, which this build of Qt cannot do"_s);
        return;
    }
    resolveThen(m_url.host(), [this] { openConnection(); });
}

void HttpProbe::sendSample()
{
    m_retried = false;
    if (m_socket && m_connected)
        sendRequest();
    else
        openConnection(); // the server closed it: reconnect, then send
}

void HttpProbe::closeAll()
{
    abortLookup();
    dropConnection();
}

void HttpProbe::openConnection()
{
    dropConnection();
    m_sslErrors.clear();
    QAbstractSocket *socket = nullptr;
    if (m_tls) {
        auto *ssl = new QSslSocket(this);
        connect(ssl, &QSslSocket::encrypted, this, &HttpProbe::onConnected);
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            for (const QSslError &e : errors)
                m_sslErrors.append(e.errorString());
        });
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, this, &HttpProbe::onConnected);
    }
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QAbstractSocket::readyRead, this, &HttpProbe::onReadyRead);
    connect(socket, &QAbstractSocket::errorOccurred, this, &HttpProbe::onError);
    connect(socket, &QAbstractSocket::disconnected, this, &HttpProbe::onDisconnected);
    m_socket = socket;
    m_connectStartNs = nowNs();
    if (m_tls) {
        // The resolved address, with the URL's host for SNI and the
        // certificate check.
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(address().toString(), m_port,
                                                                  m_url.host());
    } else {
        socket->connectToHost(address(), m_port);
    }
}

void HttpProbe::onConnected()
{
    const double setupMs = nsToMs(nowNs() - m_connectStartNs);
    m_connected = true;
    m_requestsOnConnection = 0;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (warmingUp())
        m_warmUpConnectMs = setupMs;
    sendRequest(); // the warm-up request, or the sample that reconnected
}

void HttpProbe::sendRequest()
{
    m_reader.reset();
    m_waiting = true;
    ++m_requestsOnConnection;
    if (!warmingUp())
        markSent();
    m_socket->write(m_request);
    m_socket->flush();
}

void HttpProbe::onReadyRead()
{
    const qint64 arrivalNs = nowNs();
    const QByteArray bytes = m_socket->readAll();
    if (!m_waiting)
        return dropConnection(); // nothing was asked: not a server to trust
    switch (m_reader.feed(bytes)) {
    case HttpResponseReader::State::NeedMore:
        return;
    case HttpResponseReader::State::Failed:
        return failRegion(u"bad HTTP reply from ping_url: %1"_s.arg(m_reader.error()));
    case HttpResponseReader::State::Complete:
        return replyComplete(arrivalNs);
    }
}

void HttpProbe::replyComplete(qint64 arrivalNs)
{
    m_waiting = false;
    const int status = m_reader.status();
    if (status < 200 || status > 299) {
        failRegion(u"ping_url answered HTTP %1 %2"_s.arg(status).arg(
            QString::fromLatin1(m_reader.reasonPhrase())));
        return;
    }
    if (!m_reader.keepAlive() || m_reader.leftover() > 0)
        dropConnection(); // the next sample reconnects
    if (warmingUp())
        warmedUp(m_warmUpConnectMs);
    else
        sampleReceived(arrivalNs);
}

void HttpProbe::dropConnection()
{
    disposeSocket(m_socket, this);
    m_connected = false;
    m_waiting = false;
    m_requestsOnConnection = 0;
}

void HttpProbe::onDisconnected()
{
    if (m_waiting && m_reader.started() &&
        m_reader.endOfStream() == HttpResponseReader::State::Complete) {
        replyComplete(nowNs());
        return;
    }
    lost(u"the server closed the connection before replying"_s);
}

void HttpProbe::onError(QAbstractSocket::SocketError error)
{
    if (!m_socket)
        return;
    if (error == QAbstractSocket::RemoteHostClosedError)
        return onDisconnected();
    if (error == QAbstractSocket::SslHandshakeFailedError ||
        error == QAbstractSocket::SslInvalidUserDataError ||
        error == QAbstractSocket::SslInternalError) {
        const QString detail =
            m_sslErrors.isEmpty() ? m_socket->errorString() : m_sslErrors.join(u"; "_s);
        return failRegion(u"TLS: %1"_s.arg(detail));
    }
    lost(m_connected ? socketErrorText(*m_socket)
                     : u"cannot connect: %1"_s.arg(socketErrorText(*m_socket)));
}

// The connection broke: a warm-up that cannot reach the region, or a
// lost sample; whatever happens, the next sample reconnects.
void HttpProbe::lost(const QString &why)
{
    const bool wasWaiting = m_waiting || !m_connected;
    // A kept-alive connection the server closed just as the request
    // left: nothing of the reply came, so send it once more on a new
    // connection (as browsers do for idempotent requests); the
    // reconnect is not part of the sample.
    const bool staleConnection =
        sampling() && m_waiting && m_requestsOnConnection > 1 && !m_reader.started() && !m_retried;
    m_waiting = false;
    dropConnection();
    if (staleConnection) {
        m_retried = true;
        openConnection();
        return;
    }
    if (warmingUp())
        unreachable(why);
    else if (sampling() && wasWaiting)
        sampleLost(why);
}

HttpProbe::~HttpProbe() = default;

} // namespace waddle::client
