#include "latencyprober.h"

#include "stunmessage.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QHostInfo>
#include <QNetworkProxy>
#include <QPointer>
#include <QPromise>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>
#include <QUrl>
#include <qcorofuture.h>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace waddle::client {

using domain::LatencySample;
using domain::SampleOutcome;

namespace {

constexpr int kMaxSamples = 1000;
constexpr quint16 kDefaultStunPort = 3478; // RFC 5389 §9
// A /ping reply is a few bytes; anything this large is not one.
constexpr qsizetype kMaxHeadBytes = 16 * 1024;
constexpr qsizetype kMaxBodyBytes = 1024 * 1024;
// STUN warm-up retransmissions (RFC 5389 §7.2.1 doubles an RTO of 500 ms;
// with a short timeout the first RTO is a third of it, so a lost warm-up
// datagram is sent again in time).
constexpr int kMaxInitialRtoMs = 500;
constexpr int kMinInitialRtoMs = 50;

double toMs(qint64 ns)
{
    return static_cast<double>(ns) / 1e6;
}

struct HostPort
{
    QString host;
    quint16 port = 0;
};

// "host:port", "[v6]:port", or a bare host or address (STUN's default port).
std::optional<HostPort> parseHostPort(const QString &text, quint16 defaultPort)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    QString host;
    QString port;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return std::nullopt;
            port = rest.mid(1);
        }
    } else if (t.count(u':') == 1) {
        host = t.section(u':', 0, 0);
        port = t.section(u':', 1);
    } else if (t.count(u':') > 1) {
        host = t; // a bare IPv6 address
    } else {
        host = t;
    }
    if (host.isEmpty() || host.contains(u' '))
        return std::nullopt;
    HostPort out{host, defaultPort};
    if (!port.isNull()) {
        bool ok = false;
        const uint value = port.toUInt(&ok);
        if (!ok || value == 0 || value > 65535)
            return std::nullopt;
        out.port = static_cast<quint16>(value);
    }
    return out;
}

std::optional<QUrl> parsePingUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s))
        return std::nullopt;
    return url;
}

QString socketErrorText(const QAbstractSocket &socket)
{
    switch (socket.error()) {
    case QAbstractSocket::ConnectionRefusedError:
        return u"connection refused"_s;
    case QAbstractSocket::RemoteHostClosedError:
        return u"the server closed the connection"_s;
    case QAbstractSocket::HostNotFoundError:
        return u"host not found"_s;
    case QAbstractSocket::SocketTimeoutError:
        return u"timed out"_s;
    case QAbstractSocket::NetworkError:
        return u"network error: %1"_s.arg(socket.errorString());
    default:
        return socket.errorString();
    }
}

// Reads one HTTP/1.1 response off a byte stream: head, then a body framed by
// Content-Length, chunked transfer coding, or the end of the connection
// (RFC 9112 §6.3). Interim 1xx responses are skipped.
class HttpResponseReader
{
public:
    enum class State
    {
        NeedMore,
        Complete,
        Failed
    };

    void reset() { *this = HttpResponseReader(); }

    // Appends `bytes` and parses as far as they go.
    State feed(const QByteArray &bytes)
    {
        m_buffer += bytes;
        return parse();
    }

    // The server closed the connection: completes a body read until close.
    State endOfStream()
    {
        if (m_phase == Phase::UntilClose) {
            m_phase = Phase::Done;
            return State::Complete;
        }
        return fail(u"the connection closed in the middle of the reply"_s);
    }

    [[nodiscard]] bool started() const { return m_phase != Phase::Head || !m_buffer.isEmpty(); }
    [[nodiscard]] int status() const { return m_status; }
    [[nodiscard]] const QByteArray &reasonPhrase() const { return m_reason; }
    [[nodiscard]] bool keepAlive() const { return m_keepAlive; }
    [[nodiscard]] const QString &error() const { return m_error; }
    // Bytes after the reply (nothing was asked for them).
    [[nodiscard]] qsizetype leftover() const { return m_buffer.size(); }

private:
    enum class Phase
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
        Failed
    };

    State fail(const QString &why)
    {
        m_phase = Phase::Failed;
        m_error = why;
        return State::Failed;
    }

    // One CRLF- (or LF-) terminated line off the buffer, or nullopt.
    std::optional<QByteArray> takeLine()
    {
        const qsizetype end = m_buffer.indexOf('\n');
        if (end < 0)
            return std::nullopt;
        QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        return line;
    }

    State parse()
    {
        for (;;) {
            switch (m_phase) {
            case Phase::Head: {
                qsizetype end = m_buffer.indexOf("\r\n\r\n");
                qsizetype sep = 4;
                if (end < 0) {
                    end = m_buffer.indexOf("\n\n");
                    sep = 2;
                }
                if (end < 0) {
                    if (m_buffer.size() > kMaxHeadBytes)
                        return fail(u"the reply head is over 16 KiB"_s);
                    return State::NeedMore;
                }
                const QByteArray head = m_buffer.left(end);
                m_buffer.remove(0, end + sep);
                if (const State s = parseHead(head); s == State::Failed)
                    return s;
                break;
            }
            case Phase::Body: {
                const qsizetype take = std::min<qsizetype>(m_remaining, m_buffer.size());
                m_buffer.remove(0, take);
                m_remaining -= take;
                if (m_remaining > 0)
                    return State::NeedMore;
                m_phase = Phase::Done;
                break;
            }
            case Phase::ChunkSize: {
                const std::optional<QByteArray> line = takeLine();
                if (!line)
                    return m_buffer.size() > kMaxHeadBytes
                               ? fail(u"a chunk size line is too long"_s)
                               : State::NeedMore;
                const QByteArray size = line->split(';').first().trimmed();
                bool ok = false;
                const qint64 n = size.toLongLong(&ok, 16);
                if (!ok || n < 0)
                    return fail(u"a chunk size is not a hexadecimal number"_s);
                m_bodyBytes += n;
                if (m_bodyBytes > kMaxBodyBytes)
                    return fail(u"the reply body is over 1 MiB"_s);
                m_remaining = n;
                m_phase = n == 0 ? Phase::Trailers : Phase::ChunkData;
                break;
            }
            case Phase::ChunkData: {
                const qsizetype take = std::min<qsizetype>(m_remaining, m_buffer.size());
                m_buffer.remove(0, take);
                m_remaining -= take;
                if (m_remaining > 0)
                    return State::NeedMore;
                m_phase = Phase::ChunkDataEnd;
                break;
            }
            case Phase::ChunkDataEnd: {
                const std::optional<QByteArray> line = takeLine();
                if (!line)
                    return State::NeedMore;
                if (!line->isEmpty())
                    return fail(u"a chunk does not end with CRLF"_s);
                m_phase = Phase::ChunkSize;
                break;
            }
            case Phase::Trailers: {
                const std::optional<QByteArray> line = takeLine();
                if (!line)
                    return m_buffer.size() > kMaxHeadBytes ? fail(u"the trailers are over 16 KiB"_s)
                                                           : State::NeedMore;
                if (line->isEmpty())
                    m_phase = Phase::Done;
                break;
            }
            case Phase::UntilClose:
                m_bodyBytes += m_buffer.size();
                m_buffer.clear();
                if (m_bodyBytes > kMaxBodyBytes)
                    return fail(u"the reply body is over 1 MiB"_s);
                return State::NeedMore;
            case Phase::Done:
                return State::Complete;
            case Phase::Failed:
                return State::Failed;
            }
        }
    }

    State parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        const QByteArray statusLine = lines.first().trimmed();
        // HTTP/1.x SP 3DIGIT SP reason
        if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine[8] != ' ')
            return fail(u"not an HTTP/1.x reply"_s);
        const bool http10 = statusLine.startsWith("HTTP/1.0");
        bool ok = false;
        m_status = statusLine.mid(9, 3).toInt(&ok);
        if (!ok || m_status < 100 || m_status > 599)
            return fail(u"the reply has no valid status code"_s);
        m_reason = statusLine.mid(13).trimmed();

        std::optional<qint64> contentLength;
        bool chunked = false;
        bool close = http10;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return fail(u"a reply header line is malformed"_s);
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed().toLower();
            if (name == "content-length") {
                const qint64 n = value.toLongLong(&ok);
                if (!ok || n < 0 || (contentLength && *contentLength != n))
                    return fail(u"the reply's Content-Length is invalid"_s);
                contentLength = n;
            } else if (name == "transfer-encoding") {
                chunked = value.endsWith("chunked");
            } else if (name == "connection") {
                if (value.contains("close"))
                    close = true;
                else if (value.contains("keep-alive"))
                    close = false;
            }
        }
        if (m_status >= 100 && m_status < 200) {
            if (m_status == 101)
                return fail(u"the server switched protocols"_s);
            return State::NeedMore; // interim: the real reply follows
        }
        m_keepAlive = !close;
        if (m_status == 204 || m_status == 304) {
            m_phase = Phase::Done;
        } else if (chunked) {
            m_phase = Phase::ChunkSize;
        } else if (contentLength) {
            if (*contentLength > kMaxBodyBytes)
                return fail(u"the reply body is over 1 MiB"_s);
            m_remaining = *contentLength;
            m_phase = Phase::Body;
        } else {
            m_keepAlive = false;
            m_phase = Phase::UntilClose;
        }
        return State::NeedMore;
    }

    QByteArray m_buffer;
    Phase m_phase = Phase::Head;
    int m_status = 0;
    QByteArray m_reason;
    bool m_keepAlive = true;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    QString m_error;
};

// One region's test: warm-up, then the samples, each with a deadline, the
// gap between them, and the result. Subclasses do the talking; this class
// keeps the clock and the books. After abort() it says nothing more.
class RegionProbe : public QObject
{
public:
    struct Hooks
    {
        std::function<void(double connectMs)> connected;
        std::function<void(const LatencySample &sample)> sampleMeasured;
        std::function<void(LatencyResult result)> finished;
    };

    RegionProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
                QObject *parent)
        : QObject(parent)
        , m_region(std::move(region))
        , m_settings(settings)
        , m_hooks(std::move(hooks))
    {
        m_clock.start();
        m_deadline.setSingleShot(true);
        m_deadline.setTimerType(Qt::PreciseTimer);
        m_gap.setSingleShot(true);
        m_gap.setTimerType(Qt::PreciseTimer);
        connect(&m_deadline, &QTimer::timeout, this, &RegionProbe::onDeadline);
        connect(&m_gap, &QTimer::timeout, this, &RegionProbe::startSample);
    }

    void begin()
    {
        m_deadline.start(m_settings.timeoutMs);
        warmUp();
    }

    // Stops timers and sockets at once; no hook is called after this.
    void abort()
    {
        if (m_aborted)
            return;
        m_aborted = true;
        m_deadline.stop();
        m_gap.stop();
        closeAll();
    }

protected:
    // Connects (and whatever else the mode needs before samples); ends in
    // warmedUp(), unreachable() or failRegion().
    virtual void warmUp() = 0;
    // Sends sample m_samples.size() + 1; ends in sampleReceived() or
    // sampleLost(), or the deadline ends it.
    virtual void sendSample() = 0;
    // The sample in flight timed out: drop what could still answer it.
    virtual void sampleTimedOut() {}
    // Stops every socket and lookup, silently.
    virtual void closeAll() = 0;

    [[nodiscard]] const domain::Region &region() const { return m_region; }
    [[nodiscard]] const LatencyProber::Settings &settings() const { return m_settings; }
    [[nodiscard]] qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    [[nodiscard]] bool warmingUp() const { return m_warmingUp; }
    [[nodiscard]] bool sampling() const { return m_sampling; }

    // The sample's clock starts now: call right before the request leaves.
    void markSent() { m_sentNs = nowNs(); }

    void warmedUp(double connectMs)
    {
        if (!m_warmingUp || m_aborted)
            return;
        m_warmingUp = false;
        m_deadline.stop();
        m_connectMs = connectMs;
        m_hooks.connected(connectMs);
        if (m_aborted)
            return;
        startSample();
    }

    // The region could not be reached: every sample lost with `reason`.
    void unreachable(const QString &reason) { endEarly(reason, false); }
    // The region answered wrongly (TLS, HTTP status, malformed reply): the
    // reason becomes the result's error and every sample left is lost.
    void failRegion(const QString &reason) { endEarly(reason, true); }

    void sampleReceived(qint64 arrivalNs)
    {
        if (!m_sampling || m_aborted)
            return;
        m_current.outcome = SampleOutcome::Received;
        m_current.rttMs = toMs(std::max<qint64>(0, arrivalNs - m_sentNs));
        endSample();
    }

    void sampleLost(const QString &reason)
    {
        if (!m_sampling || m_aborted)
            return;
        m_current.outcome = SampleOutcome::Lost;
        m_current.error = reason;
        endSample();
    }

private:
    void startSample()
    {
        if (m_aborted)
            return;
        m_sampling = true;
        m_current = LatencySample{};
        m_current.sequence = static_cast<int>(m_samples.size()) + 1;
        m_current.sentAt = QDateTime::currentDateTimeUtc();
        m_sentNs = nowNs();
        m_deadline.start(m_settings.timeoutMs);
        sendSample();
    }

    void endSample()
    {
        m_sampling = false;
        m_deadline.stop();
        m_samples.append(m_current);
        m_hooks.sampleMeasured(m_current);
        if (m_aborted)
            return;
        if (m_samples.size() >= m_settings.samples)
            finish();
        else
            m_gap.start(m_settings.gapMs);
    }

    void onDeadline()
    {
        if (m_aborted)
            return;
        const QString why = u"no answer within %1 ms"_s.arg(m_settings.timeoutMs);
        if (m_warmingUp) {
            unreachable(why);
        } else if (m_sampling) {
            sampleTimedOut();
            sampleLost(why);
        }
    }

    void endEarly(const QString &reason, bool isError)
    {
        if (m_aborted)
            return;
        m_deadline.stop();
        m_gap.stop();
        m_warmingUp = false;
        closeAll();
        if (isError)
            m_error = reason;
        while (m_samples.size() < m_settings.samples) {
            if (!m_sampling) {
                m_current = LatencySample{};
                m_current.sequence = static_cast<int>(m_samples.size()) + 1;
                m_current.sentAt = QDateTime::currentDateTimeUtc();
            }
            m_sampling = false;
            m_current.outcome = SampleOutcome::Lost;
            m_current.error = reason;
            m_samples.append(m_current);
            m_hooks.sampleMeasured(m_current);
            if (m_aborted)
                return;
        }
        finish();
    }

    void finish()
    {
        closeAll();
        LatencyResult result;
        result.regionCode = m_region.code;
        result.mode = m_settings.mode;
        result.samples = m_samples;
        result.stats = domain::computeLatencyStats(m_samples);
        result.connectMs = m_connectMs;
        result.measuredAt = QDateTime::currentDateTimeUtc();
        result.error = m_error;
        m_aborted = true; // nothing more from this probe
        m_hooks.finished(std::move(result));
    }

    domain::Region m_region;
    LatencyProber::Settings m_settings;
    Hooks m_hooks;
    QElapsedTimer m_clock;
    QTimer m_deadline; // the warm-up's or the current sample's
    QTimer m_gap;
    bool m_aborted = false;
    bool m_warmingUp = true;
    bool m_sampling = false;
    qint64 m_sentNs = 0;
    LatencySample m_current;
    QList<LatencySample> m_samples;
    std::optional<double> m_connectMs;
    QString m_error;
};

// Resolves a host name once, outside every timed step (SPEC §14: DNS is not
// part of connect time or RTT). Literal addresses need no lookup.
class Resolver
{
public:
    ~Resolver() { abort(); }

    void resolve(const QString &host, QObject *context,
                 std::function<void(std::optional<QHostAddress>, QString)> done)
    {
        if (QHostAddress literal; literal.setAddress(host)) {
            done(literal, {});
            return;
        }
        m_lookupId = QHostInfo::lookupHost(
            host, context, [this, done = std::move(done), host](const QHostInfo &info) {
                m_lookupId = -1;
                if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
                    done(std::nullopt, u"cannot resolve %1: %2"_s.arg(host, info.errorString()));
                    return;
                }
                // Prefer IPv4 where both exist, as most probes in the field do.
                const QList<QHostAddress> all = info.addresses();
                const auto v4 = std::find_if(all.cbegin(), all.cend(), [](const QHostAddress &a) {
                    return a.protocol() == QAbstractSocket::IPv4Protocol;
                });
                done(v4 != all.cend() ? *v4 : all.first(), {});
            });
    }

    void abort()
    {
        if (m_lookupId >= 0)
            QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }

private:
    int m_lookupId = -1;
};

void dispose(QAbstractSocket *&socket, QObject *owner)
{
    if (!socket)
        return;
    socket->disconnect(owner);
    socket->abort();
    socket->deleteLater();
    socket = nullptr;
}

// HTTP mode: GET ping_url on one kept-alive connection of our own.
class HttpProbe final : public RegionProbe
{
public:
    HttpProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
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

protected:
    void warmUp() override
    {
        if (m_tls && !QSslSocket::supportsSsl()) {
            failRegion(u"https needs TLS, which this build of Qt cannot do"_s);
            return;
        }
        m_resolver.resolve(m_url.host(), this,
                           [this](std::optional<QHostAddress> address, const QString &why) {
                               if (!address) {
                                   unreachable(why);
                                   return;
                               }
                               m_address = *address;
                               openConnection();
                           });
    }

    void sendSample() override
    {
        m_retried = false;
        if (m_socket && m_connected)
            sendRequest();
        else
            openConnection(); // the server closed it: reconnect, then send
    }

    // Its reply may still come: the connection cannot be trusted again.
    void sampleTimedOut() override { dropConnection(); }

    void closeAll() override
    {
        m_resolver.abort();
        dropConnection();
    }

private:
    void openConnection()
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
            static_cast<QSslSocket *>(socket)->connectToHostEncrypted(m_address.toString(), m_port,
                                                                      m_url.host());
        } else {
            socket->connectToHost(m_address, m_port);
        }
    }

    void onConnected()
    {
        const double setupMs = toMs(nowNs() - m_connectStartNs);
        m_connected = true;
        m_requestsOnConnection = 0;
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (warmingUp())
            m_warmUpConnectMs = setupMs;
        sendRequest(); // the warm-up request, or the sample that reconnected
    }

    void sendRequest()
    {
        m_reader.reset();
        m_waiting = true;
        ++m_requestsOnConnection;
        if (!warmingUp())
            markSent();
        m_socket->write(m_request);
        m_socket->flush();
    }

    void onReadyRead()
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

    void replyComplete(qint64 arrivalNs)
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

    void dropConnection()
    {
        dispose(m_socket, this);
        m_connected = false;
        m_waiting = false;
        m_requestsOnConnection = 0;
    }

    void onDisconnected()
    {
        if (m_waiting && m_reader.started() &&
            m_reader.endOfStream() == HttpResponseReader::State::Complete) {
            replyComplete(nowNs());
            return;
        }
        lost(u"the server closed the connection before replying"_s);
    }

    void onError(QAbstractSocket::SocketError error)
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
    void lost(const QString &why)
    {
        const bool wasWaiting = m_waiting || !m_connected;
        // A kept-alive connection the server closed just as the request
        // left: nothing of the reply came, so send it once more on a new
        // connection (as browsers do for idempotent requests); the
        // reconnect is not part of the sample.
        const bool staleConnection = sampling() && m_waiting && m_requestsOnConnection > 1 &&
                                     !m_reader.started() && !m_retried;
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

    QUrl m_url;
    bool m_tls = false;
    quint16 m_port = 0;
    QByteArray m_request;
    Resolver m_resolver;
    QHostAddress m_address;
    QAbstractSocket *m_socket = nullptr;
    bool m_connected = false;
    bool m_waiting = false; // a request is out, its reply not complete
    int m_requestsOnConnection = 0;
    bool m_retried = false; // this sample was resent after a stale connection
    qint64 m_connectStartNs = 0;
    double m_warmUpConnectMs = 0.0;
    QStringList m_sslErrors;
    HttpResponseReader m_reader;
};

// TCP mode: each sample is a fresh connect to ping_url's host and port.
class TcpProbe final : public RegionProbe
{
public:
    TcpProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
             QObject *parent)
        : RegionProbe(std::move(region), settings, std::move(hooks), parent)
    {
        const QUrl url = *parsePingUrl(this->region().pingUrl);
        m_host = url.host();
        m_port = static_cast<quint16>(url.port(url.scheme().toLower() == u"https"_s ? 443 : 80));
    }

protected:
    void warmUp() override
    {
        m_resolver.resolve(m_host, this,
                           [this](std::optional<QHostAddress> address, const QString &why) {
                               if (!address) {
                                   unreachable(why);
                                   return;
                               }
                               m_address = *address;
                               connectOnce();
                           });
    }

    void sendSample() override { connectOnce(); }
    void sampleTimedOut() override { dispose(m_socket, this); }

    void closeAll() override
    {
        m_resolver.abort();
        dispose(m_socket, this);
    }

private:
    void connectOnce()
    {
        dispose(m_socket, this);
        m_socket = new QTcpSocket(this);
        m_socket->setProxy(QNetworkProxy::NoProxy);
        connect(m_socket, &QTcpSocket::connected, this, [this] {
            const qint64 arrivalNs = nowNs();
            dispose(m_socket, this);
            if (warmingUp())
                warmedUp(toMs(arrivalNs - m_startNs));
            else
                sampleReceived(arrivalNs);
        });
        connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
            const QString why = u"cannot connect: %1"_s.arg(socketErrorText(*m_socket));
            dispose(m_socket, this);
            if (warmingUp())
                unreachable(why);
            else
                sampleLost(why);
        });
        m_startNs = nowNs();
        markSent();
        m_socket->connectToHost(m_address, m_port);
    }

    QString m_host;
    quint16 m_port = 0;
    Resolver m_resolver;
    QHostAddress m_address;
    QAbstractSocket *m_socket = nullptr;
    qint64 m_startNs = 0;
};

// STUN mode: Binding Requests over UDP, one transaction id per sample.
class StunProbe final : public RegionProbe
{
public:
    StunProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
              QObject *parent)
        : RegionProbe(std::move(region), settings, std::move(hooks), parent)
    {
        m_target = *parseHostPort(this->region().stun, kDefaultStunPort);
        m_retransmit.setSingleShot(true);
        connect(&m_retransmit, &QTimer::timeout, this, &StunProbe::retransmit);
    }

protected:
    void warmUp() override
    {
        m_resolver.resolve(
            m_target.host, this, [this](std::optional<QHostAddress> address, const QString &why) {
                if (!address) {
                    unreachable(why);
                    return;
                }
                m_address = *address;
                if (!openSocket())
                    return;
                // The warm-up transaction is retransmitted
                // (RFC 5389 §7.2.1), so one lost datagram does
                // not make the region look unreachable.
                m_rtoMs = std::clamp(settings().timeoutMs / 3, kMinInitialRtoMs, kMaxInitialRtoMs);
                m_warmUpStartNs = nowNs();
                m_transaction = StunMessage::newTransactionId();
                m_request = StunMessage::bindingRequest(m_transaction);
                send();
                m_retransmit.start(m_rtoMs);
            });
    }

    void sendSample() override
    {
        m_transaction = StunMessage::newTransactionId();
        m_request = StunMessage::bindingRequest(m_transaction);
        markSent();
        if (!send())
            sampleLost(u"cannot send: %1"_s.arg(m_socket->errorString()));
    }

    void closeAll() override
    {
        m_resolver.abort();
        m_retransmit.stop();
        QAbstractSocket *socket = m_socket;
        dispose(socket, this);
        m_socket = nullptr;
    }

private:
    bool openSocket()
    {
        m_socket = new QUdpSocket(this);
        m_socket->setProxy(QNetworkProxy::NoProxy);
        const QHostAddress any = m_address.protocol() == QAbstractSocket::IPv6Protocol
                                     ? QHostAddress(QHostAddress::AnyIPv6)
                                     : QHostAddress(QHostAddress::AnyIPv4);
        if (!m_socket->bind(any, 0)) {
            unreachable(u"cannot open a UDP socket: %1"_s.arg(m_socket->errorString()));
            return false;
        }
        connect(m_socket, &QUdpSocket::readyRead, this, &StunProbe::onReadyRead);
        return true;
    }

    bool send()
    {
        return m_socket->writeDatagram(m_request, m_address, m_target.port) == m_request.size();
    }

    void retransmit()
    {
        if (!warmingUp())
            return;
        send();
        m_rtoMs *= 2;
        m_retransmit.start(m_rtoMs);
    }

    void onReadyRead()
    {
        const qint64 arrivalNs = nowNs();
        while (m_socket && m_socket->hasPendingDatagrams()) {
            QHostAddress from;
            quint16 fromPort = 0;
            QByteArray datagram(static_cast<qsizetype>(m_socket->pendingDatagramSize()),
                                Qt::Uninitialized);
            const qint64 n =
                m_socket->readDatagram(datagram.data(), datagram.size(), &from, &fromPort);
            if (n < 0)
                continue;
            datagram.truncate(n);
            // Only the current transaction counts: late answers to earlier
            // samples and anything from elsewhere are ignored (SPEC §4).
            if (fromPort != m_target.port ||
                !from.isEqual(m_address, QHostAddress::TolerantConversion))
                continue;
            const std::optional<StunMessage::TransactionId> id =
                StunMessage::transactionIdOf(datagram);
            if (!id || *id != m_transaction || !(warmingUp() || sampling()))
                continue;
            const domain::Result<StunMessage::BindingResponse> answer =
                StunMessage::parseBindingResponse(datagram, m_transaction);
            if (!answer) {
                failRegion(u"STUN: %1"_s.arg(answer.error().message));
                return;
            }
            if (warmingUp()) {
                m_retransmit.stop();
                warmedUp(toMs(arrivalNs - m_warmUpStartNs));
            } else {
                sampleReceived(arrivalNs);
            }
            return;
        }
    }

    HostPort m_target;
    Resolver m_resolver;
    QHostAddress m_address;
    QUdpSocket *m_socket = nullptr;
    QTimer m_retransmit;
    int m_rtoMs = kMaxInitialRtoMs;
    qint64 m_warmUpStartNs = 0;
    StunMessage::TransactionId m_transaction{};
    QByteArray m_request;
};

} // namespace

struct LatencyProber::Run
{
    quint64 id = 0;
    Settings settings;
    QStringList codes;
    QList<std::optional<LatencyResult>> results;
    int done = 0;
    QList<QPointer<RegionProbe>> probes;
    std::shared_ptr<QPromise<QList<LatencyResult>>> promise;

    [[nodiscard]] QList<LatencyResult> finishedResults() const
    {
        QList<LatencyResult> out;
        for (const std::optional<LatencyResult> &r : results) {
            if (r)
                out.append(*r);
        }
        return out;
    }
};

LatencyProber::LatencyProber(QObject *parent)
    : QObject(parent)
{}

LatencyProber::~LatencyProber()
{
    // Silently: whoever awaits run() gets what finished.
    if (m_run) {
        abortProbes();
        std::unique_ptr<Run> run = std::move(m_run);
        run->promise->addResult(run->finishedResults());
        run->promise->finish();
    }
}

QString LatencyProber::untestableReason(const domain::Region &region, ProbeMode mode)
{
    if (!region.isActive)
        return u"inactive"_s;
    switch (region.status) {
    case domain::RegionStatus::Offline:
        return u"offline"_s;
    case domain::RegionStatus::Maintenance:
        return u"in maintenance"_s;
    case domain::RegionStatus::Online:
    case domain::RegionStatus::Degraded:
        break;
    }
    if (mode == ProbeMode::Stun) {
        if (region.stun.trimmed().isEmpty())
            return u"no STUN endpoint"_s;
        if (!parseHostPort(region.stun, kDefaultStunPort))
            return u"stun \"%1\" is not host:port"_s.arg(region.stun);
        return {};
    }
    if (region.pingUrl.trimmed().isEmpty())
        return u"no ping_url"_s;
    if (!parsePingUrl(region.pingUrl))
        return u"ping_url \"%1\" is not an http or https URL"_s.arg(region.pingUrl);
    return {};
}

void LatencyProber::start(const QList<domain::Region> &regions, Settings settings)
{
    (void)startRun(regions, settings);
}

QFuture<QList<LatencyResult>> LatencyProber::startRun(const QList<domain::Region> &regions,
                                                      Settings settings)
{
    cancel();

    settings.samples = std::clamp(settings.samples, 1, kMaxSamples);
    settings.gapMs = std::max(0, settings.gapMs);
    settings.timeoutMs = std::max(1, settings.timeoutMs);

    auto run = std::make_unique<Run>();
    run->id = m_nextRunId++;
    run->settings = settings;
    run->results.resize(regions.size());
    run->promise = std::make_shared<QPromise<QList<LatencyResult>>>();
    run->promise->start();
    for (const domain::Region &region : regions)
        run->codes.append(region.code);
    const quint64 runId = run->id;
    const QFuture<QList<LatencyResult>> future = run->promise->future();
    m_run = std::move(run);

    // Every probe exists (and every region is accounted for) before the
    // first signal, so a slot that cancels sees the whole run.
    QList<std::pair<qsizetype, QString>> untestable;
    for (qsizetype i = 0; i < regions.size(); ++i) {
        const domain::Region &region = regions.at(i);
        const QString why = untestableReason(region, settings.mode);
        if (!why.isEmpty()) {
            untestable.append({i, why});
            continue;
        }
        RegionProbe::Hooks hooks;
        hooks.connected = [this, runId, code = region.code](double ms) {
            if (m_run && m_run->id == runId)
                Q_EMIT connected(code, ms);
        };
        hooks.sampleMeasured = [this, runId, code = region.code](const LatencySample &sample) {
            if (m_run && m_run->id == runId)
                Q_EMIT sampleMeasured(code, sample);
        };
        hooks.finished = [this, runId, i](LatencyResult result) {
            finishRegion(runId, i, std::move(result));
        };
        RegionProbe *probe = nullptr;
        switch (settings.mode) {
        case ProbeMode::Http:
            probe = new HttpProbe(region, settings, std::move(hooks), this);
            break;
        case ProbeMode::Tcp:
            probe = new TcpProbe(region, settings, std::move(hooks), this);
            break;
        case ProbeMode::Stun:
            probe = new StunProbe(region, settings, std::move(hooks), this);
            break;
        }
        m_run->probes.append(probe);
    }

    Q_EMIT started(m_run ? m_run->codes : QStringList());
    for (const auto &[index, why] : untestable) {
        if (!m_run || m_run->id != runId)
            return future;
        LatencyResult result;
        result.regionCode = regions.at(index).code;
        result.mode = settings.mode;
        result.stats = domain::computeLatencyStats({});
        result.measuredAt = QDateTime::currentDateTimeUtc();
        result.error = why;
        finishRegion(runId, index, std::move(result));
    }
    if (!m_run || m_run->id != runId)
        return future;
    if (regions.isEmpty()) {
        completeRun(false);
        return future;
    }
    const QList<QPointer<RegionProbe>> probes = m_run->probes;
    for (const QPointer<RegionProbe> &probe : probes) {
        if (!m_run || m_run->id != runId)
            return future;
        if (probe)
            probe->begin();
    }
    return future;
}

void LatencyProber::cancel()
{
    if (m_run)
        completeRun(true);
}

bool LatencyProber::isRunning() const
{
    return m_run != nullptr;
}

QCoro::Task<QList<LatencyResult>> LatencyProber::run(const QList<domain::Region> &regions,
                                                     Settings settings)
{
    // The promise outlives the run (and this prober): the future holds the
    // results even when the run ended inside start().
    const QFuture<QList<LatencyResult>> future = startRun(regions, settings);
    co_return co_await future;
}

void LatencyProber::finishRegion(quint64 runId, qsizetype index, LatencyResult result)
{
    if (!m_run || m_run->id != runId)
        return;
    m_run->results[index] = result;
    ++m_run->done;
    const int done = m_run->done;
    const auto total = static_cast<int>(m_run->results.size());
    Q_EMIT regionFinished(result);
    if (!m_run || m_run->id != runId)
        return;
    Q_EMIT progress(done, total);
    if (!m_run || m_run->id != runId)
        return;
    if (done == total)
        completeRun(false);
}

void LatencyProber::completeRun(bool wasCancelled)
{
    abortProbes();
    std::unique_ptr<Run> run = std::move(m_run);
    const QList<LatencyResult> results = run->finishedResults();
    run->promise->addResult(results);
    run->promise->finish();
    if (wasCancelled)
        Q_EMIT cancelled();
    else
        Q_EMIT finished(results);
}

void LatencyProber::abortProbes()
{
    if (!m_run)
        return;
    for (const QPointer<RegionProbe> &probe : std::as_const(m_run->probes)) {
        if (probe) {
            probe->abort();
            probe->deleteLater();
        }
    }
    m_run->probes.clear();
}

} // namespace waddle::client
