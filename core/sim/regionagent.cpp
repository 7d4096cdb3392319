#include "regionagent.h"

#include "agentrequestparser.h"
#include "loadcurve.h"
#include "seededrandom.h"
#include "stunresponder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>

using namespace Qt::StringLiterals;

namespace waddle::sim {

namespace {

// A connection that piles up more unanswered requests than this (a client
// pipelining behind a dropped /ping, say) is closed.
constexpr qsizetype kMaxPendingReplies = 64;
// Capacity reported when the region has none configured.
constexpr qint64 kDefaultCapacity = 10'000;
// Bounded noise around the load curve, so the figures look alive but stay
// predictable: utilisation ± 0.03, p99 ± 2 ms, error rate ± 0.05 points.
constexpr double kUtilisationNoise = 0.03;
constexpr double kP99NoiseMs = 2.0;
constexpr double kErrorNoisePercent = 0.05;
// A loopback request and its reply spend about a third of a millisecond in
// the kernels and the client's HTTP stack (PERFORMANCE.md: a warm QNAM round
// trip ~0.19 ms; measured here with zero jitter: replies leaving at the model
// RTT arrive 0.33 ms late on average). Replies leave that much early so the
// client's measured round trip matches the model.
constexpr qint64 kLoopbackTransportNs = 350'000;
// The same for a STUN answer: one datagram each way, no HTTP to parse.
constexpr qint64 kLoopbackUdpTransportNs = 150'000;
// Timer lateness beyond this is a busy machine, not the timer: not learnt.
constexpr qint64 kMaxLatenessNs = 2'000'000;

double roundTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 400:
        return "Bad Request"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 201:
        return "Created"_ba;
    case 503:
        return "Service Unavailable"_ba;
    default:
        return "Error"_ba;
    }
}

QByteArray response(int status, const QByteArray &contentType, const QByteArray &body,
                    bool keepAlive, const QByteArray &extraHeaders = {})
{
    QByteArray out;
    out.reserve(160 + body.size());
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += extraHeaders;
    out += keepAlive ? "Connection: keep-alive\r\n"_ba : "Connection: close\r\n"_ba;
    out += "\r\n";
    out += body;
    return out;
}

QByteArray errorJson(const QString &code, const QString &message)
{
    const QJsonObject error{{u"code"_s, code}, {u"message"_s, message}};
    return QJsonDocument(QJsonObject{{u"error"_s, error}}).toJson(QJsonDocument::Compact);
}

} // namespace

// One reply slot: requests get a slot when they are read, replies fill their
// slot when due, and a connection writes only its leading filled slots, so
// pipelined replies keep request order. A dropped /ping's slot is never
// filled; the client times out and closes the connection.
struct RegionAgent::Connection
{
    struct Pending
    {
        quint64 serial = 0;
        QByteArray bytes;
        bool ready = false;
        bool close = false;
    };

    AgentRequestParser parser;
    bool closing = false; // a reply closes the connection: read no more
    quint64 nextSerial = 0;
    std::deque<Pending> pending;
};

RegionAgent::RegionAgent(domain::Region region, domain::GeoPoint vantage, AgentSettings settings,
                         QObject *parent)
    : QObject(parent)
    , m_region(std::move(region))
    , m_vantage(vantage)
    , m_settings(std::move(settings))
    , m_server(new QTcpServer(this))
    , m_pingRandom(std::make_unique<SeededRandom>(SeededRandom::derive(m_settings.seed, 1)))
    , m_healthRandom(std::make_unique<SeededRandom>(SeededRandom::derive(m_settings.seed, 2)))
    , m_stunRandom(std::make_unique<SeededRandom>(SeededRandom::derive(m_settings.seed, 3)))
    , m_stun(new StunResponder(this))
{
    m_distanceKm = domain::greatCircleKm(
        m_vantage, domain::GeoPoint{m_region.location.latitude, m_region.location.longitude});
    m_monotonic.start();
    // A burst of probes must not wait on the default backlog of 50
    // (PERFORMANCE.md: a 1 s stall at 100 connections).
    m_server->setListenBacklogSize(512);
    connect(m_server, &QTcpServer::newConnection, this, &RegionAgent::onNewConnection);
    m_stun->setScheduler(
        [this](std::function<void()> send) { scheduleStunAnswer(std::move(send)); });
}

RegionAgent::~RegionAgent()
{
    dropAllConnections();
}

bool RegionAgent::start(const QHostAddress &address, quint16 port)
{
    if (m_started)
        return true;
    m_address = address;
    m_port = port;
    m_started = true;
    if (!listen()) {
        m_started = false;
        return false;
    }
    // STUN stays bound under an Offline fault: it is silent, not refused.
    if (!m_stun->start(m_address, 0)) {
        m_error = u"%1: %2"_s.arg(m_region.code, m_stun->errorString());
        m_server->close();
        m_started = false;
        return false;
    }
    if (m_fault.kind == Fault::Kind::Offline) {
        // Bound once to learn the port; dark until the fault clears.
        m_server->close();
    }
    return true;
}

void RegionAgent::stop()
{
    m_server->close();
    m_stun->stop();
    dropAllConnections();
    m_started = false;
}

bool RegionAgent::listen()
{
    if (m_server->isListening())
        return true;
    if (!m_server->listen(m_address, m_port)) {
        m_error = u"%1: cannot listen on %2:%3: %4"_s.arg(
            m_region.code, m_address.toString(), QString::number(m_port), m_server->errorString());
        qWarning("%s", qUtf8Printable(m_error));
        return false;
    }
    m_port = m_server->serverPort();
    m_error.clear();
    return true;
}

bool RegionAgent::isListening() const
{
    return m_server->isListening();
}

quint16 RegionAgent::port() const
{
    return m_port;
}

QUrl RegionAgent::baseUrl() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(m_address.toString());
    url.setPort(m_port);
    url.setPath(u"/"_s);
    return url;
}

QUrl RegionAgent::pingUrl() const
{
    return baseUrl().resolved(QUrl(u"ping"_s));
}

QUrl RegionAgent::healthUrl() const
{
    return baseUrl().resolved(QUrl(u"health"_s));
}

quint16 RegionAgent::stunPort() const
{
    return m_stun->isListening() ? m_stun->port() : quint16(0);
}

QString RegionAgent::stunEndpoint() const
{
    const quint16 port = stunPort();
    if (port == 0)
        return {};
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u"[%1]"_s.arg(m_address.toString())
                             : m_address.toString();
    return host + u':' + QString::number(port);
}

QString RegionAgent::errorString() const
{
    return m_error;
}

const domain::Region &RegionAgent::region() const
{
    return m_region;
}

domain::GeoPoint RegionAgent::vantage() const
{
    return m_vantage;
}

double RegionAgent::distanceKm() const
{
    return m_distanceKm;
}

double RegionAgent::modelRttMs() const
{
    return m_settings.model.estimateMs(m_distanceKm);
}

void RegionAgent::setFault(Fault fault)
{
    const bool wasOffline = m_fault.kind == Fault::Kind::Offline;
    m_fault = fault;
    const bool offline = m_fault.kind == Fault::Kind::Offline;
    if (offline && !wasOffline) {
        m_server->close();
        dropAllConnections();
    } else if (!offline && wasOffline && m_started) {
        // Same address and port as before (QTcpServer reuses the address).
        listen();
    }
}

void RegionAgent::clearFault()
{
    setFault(Fault{});
}

RegionAgent::Fault RegionAgent::fault() const
{
    return m_fault;
}

QString RegionAgent::faultKindName(Fault::Kind kind)
{
    switch (kind) {
    case Fault::Kind::None:
        return u"none"_s;
    case Fault::Kind::Offline:
        return u"offline"_s;
    case Fault::Kind::Degraded:
        return u"degraded"_s;
    case Fault::Kind::Latency:
        return u"latency"_s;
    case Fault::Kind::RejectRooms:
        return u"reject_rooms"_s;
    case Fault::Kind::SlowRooms:
        return u"slow_rooms"_s;
    }
    return {};
}

std::optional<RegionAgent::Fault::Kind> RegionAgent::faultKindFromName(QStringView name)
{
    for (Fault::Kind kind :
         {Fault::Kind::None, Fault::Kind::Offline, Fault::Kind::Degraded, Fault::Kind::Latency,
          Fault::Kind::RejectRooms, Fault::Kind::SlowRooms}) {
        if (name == faultKindName(kind))
            return kind;
    }
    return std::nullopt;
}

void RegionAgent::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        // Replies are single small writes; Nagle must not hold them back.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_connections.emplace(socket, std::make_shared<Connection>());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this,
                [this, socket] { onDisconnected(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void RegionAgent::onDisconnected(QTcpSocket *socket)
{
    m_connections.erase(socket);
    socket->deleteLater();
}

void RegionAgent::dropAllConnections()
{
    // Aborting emits disconnected(), which would edit the map mid-loop.
    auto connections = std::move(m_connections);
    m_connections.clear();
    for (auto &[socket, state] : connections) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
}

void RegionAgent::onReadyRead(QTcpSocket *socket)
{
    const qint64 arrivalNs = m_monotonic.nsecsElapsed();
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> keep = it->second;
    Connection &c = *keep;
    if (c.closing) {
        socket->readAll();
        return;
    }
    c.parser.append(socket->readAll());

    // Stops at a reply that closes the connection, and when the socket went
    // away while a request was being handled.
    while (!c.closing && m_connections.contains(socket)) {
        switch (c.parser.next()) {
        case AgentRequestParser::Outcome::NeedMore:
            return;
        case AgentRequestParser::Outcome::HeadTooLarge:
            queueReply(
                socket, c,
                response(400, "application/json"_ba,
                         errorJson(u"header_too_large"_s, u"the request head is over 8 KiB"_s),
                         false),
                true);
            return;
        case AgentRequestParser::Outcome::Malformed:
            // Without a sound head (or with a body we cannot frame) the rest
            // of the stream cannot be read: answer and close.
            queueReply(socket, c,
                       response(400, "application/json"_ba,
                                errorJson(u"bad_request"_s, u"malformed HTTP/1.1 request"_s),
                                false),
                       true);
            return;
        case AgentRequestParser::Outcome::Request:
            break;
        }
        const AgentRequestParser::Request request = c.parser.request();
        handleRequest(socket, c, request, arrivalNs);
        if (c.pending.size() > kMaxPendingReplies) {
            socket->abort();
            return;
        }
    }
}

void RegionAgent::handleRequest(QTcpSocket *socket, Connection &c,
                                const AgentRequestParser::Request &request, qint64 arrivalNs)
{
    const bool keepAlive = request.keepAlive;
    if (request.path == "/rooms" || request.path.startsWith("/rooms/")) {
        handleRoomRequest(socket, c, request, arrivalNs);
        return;
    }
    if (request.method != "GET") {
        queueReply(socket, c,
                   response(405, "application/json"_ba,
                            errorJson(u"method_not_allowed"_s, u"only GET is served here"_s),
                            keepAlive, "Allow: GET\r\n"_ba),
                   !keepAlive);
        return;
    }
    if (request.path == "/ping") {
        // SPEC §4/§5: the round trip on a warm connection is the model RTT
        // plus jitter (and any Latency fault); a lost request gets no reply.
        const std::optional<double> delayMs = drawProbeDelayMs(*m_pingRandom);
        if (!delayMs) {
            c.pending.push_back({c.nextSerial++, {}, false, false});
            return;
        }
        queueDelayedReply(socket, c, response(200, "text/plain"_ba, "pong"_ba, keepAlive),
                          arrivalNs, *delayMs, !keepAlive);
        return;
    }
    if (request.path == "/health") {
        queueReply(socket, c, response(200, "application/json"_ba, healthBody(), keepAlive),
                   !keepAlive);
        return;
    }
    queueReply(
        socket, c,
        response(
            404, "application/json"_ba,
            errorJson(u"not_found"_s,
                      u"no such path: %1; this agent serves /ping, /health and /rooms/{waddle}"_s
                          .arg(QString::fromLatin1(request.path))),
            keepAlive),
        !keepAlive);
}

void RegionAgent::handleRoomRequest(QTcpSocket *socket, Connection &c,
                                    const AgentRequestParser::Request &request, qint64 arrivalNs)
{
    // Issue 11 voice-room API: POST /rooms/{waddle}[?members=n] prepares a
    // room (idempotent), POST /rooms/{waddle}/notify and /move need it,
    // DELETE /rooms/{waddle} removes it (idempotent). A reject_rooms fault
    // refuses every call with 503; slow_rooms answers extra_ms late. The
    // batch forms (POST /rooms, POST /rooms/notify, DELETE /rooms) take a
    // JSON body (handleRoomBatch); "notify" is therefore no waddle id here.
    if (request.path == "/rooms" || request.path == "/rooms/notify") {
        handleRoomBatch(socket, c, request, arrivalNs);
        return;
    }
    const QList<QByteArray> parts = request.path.mid(int(qstrlen("/rooms/"))).split('/');
    const QString waddle = QUrl::fromPercentEncoding(parts.value(0));
    const QByteArray action = parts.size() > 1 ? parts.at(1) : QByteArray();
    auto send = [&](int status, const QByteArray &body) {
        sendRoomReply(socket, c, request, arrivalNs, status, body);
    };
    if (waddle.isEmpty() || parts.size() > 2 ||
        (!action.isEmpty() && action != "notify" && action != "move")) {
        send(404, errorJson(u"not_found"_s, u"rooms: /rooms/{waddle}[/notify|/move]"_s));
        return;
    }
    const bool deleting = action.isEmpty() && request.method == "DELETE";
    if (request.method != "POST" && !deleting) {
        send(405, errorJson(u"method_not_allowed"_s, u"rooms take POST (and DELETE)"_s));
        return;
    }
    if (m_fault.kind == Fault::Kind::RejectRooms) {
        send(503, errorJson(u"rooms_rejected"_s, u"this region refuses voice rooms"_s));
        return;
    }
    const QUrlQuery query(QUrl::fromEncoded(request.target).query());
    const RoomAnswer answer =
        roomStep(waddle, action, deleting, query.queryItemValue(u"members"_s).toLongLong());
    send(answer.status, QJsonDocument(answer.body).toJson(QJsonDocument::Compact));
}

void RegionAgent::sendRoomReply(QTcpSocket *socket, Connection &c,
                                const AgentRequestParser::Request &request, qint64 arrivalNs,
                                int status, const QByteArray &body)
{
    const bool keepAlive = request.keepAlive;
    const QByteArray reply = response(status, "application/json"_ba, body, keepAlive);
    if (m_fault.kind == Fault::Kind::SlowRooms)
        queueDelayedReply(socket, c, reply, arrivalNs, std::max(0.0, m_fault.extraMs), !keepAlive);
    else
        queueReply(socket, c, reply, !keepAlive);
}

RegionAgent::RoomAnswer RegionAgent::roomStep(const QString &waddle, const QByteArray &action,
                                              bool deleting, qint64 members)
{
    auto room = [&](bool exists) {
        return QJsonObject{
            {u"room"_s, waddle}, {u"exists"_s, exists}, {u"rooms"_s, qint64(m_rooms.size())}};
    };
    if (deleting) {
        const bool existed = m_rooms.remove(waddle) > 0;
        return {200, room(existed)};
    }
    if (action.isEmpty()) {
        m_rooms.insert(waddle, std::max<qint64>(0, members));
        return {201, room(true)};
    }
    if (!m_rooms.contains(waddle)) {
        const QJsonObject error{{u"code"_s, u"no_room"_s},
                                {u"message"_s, u"no room for waddle %1 here"_s.arg(waddle)}};
        return {404, QJsonObject{{u"error"_s, error}}};
    }
    return {200, room(true)};
}

void RegionAgent::handleRoomBatch(QTcpSocket *socket, Connection &c,
                                  const AgentRequestParser::Request &request, qint64 arrivalNs)
{
    // POST /rooms {"rooms": [{"waddle", "members"}]} prepares, POST
    // /rooms/notify {"rooms": [{"waddle", "message"}]} notifies, DELETE
    // /rooms {"rooms": [{"waddle"}]} removes: 200 {"results": [{"room",
    // "status", "error"?}] in request order, "rooms"}, each result what the
    // single route would have answered. At most kMaxBatchRooms rooms (413
    // beyond); a body that is not such a list is 400 and nothing is done.
    // reject_rooms refuses the whole call (503); slow_rooms delays it once.
    auto send = [&](int status, const QByteArray &body) {
        sendRoomReply(socket, c, request, arrivalNs, status, body);
    };
    const bool notifying = request.path == "/rooms/notify";
    const bool deleting = !notifying && request.method == "DELETE";
    if (request.method != "POST" && !deleting) {
        send(405,
             errorJson(u"method_not_allowed"_s, notifying ? u"/rooms/notify takes POST"_s
                                                          : u"/rooms takes POST (and DELETE)"_s));
        return;
    }
    if (request.bodyTooLarge) {
        send(413, errorJson(u"too_large"_s,
                            u"the body is over %1 bytes"_s.arg(AgentRequestParser::kMaxBodyBytes)));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    const QJsonValue list = document.object().value(u"rooms"_s);
    if (parseError.error != QJsonParseError::NoError || !document.isObject() || !list.isArray()) {
        send(400, errorJson(u"bad_request"_s, u"the body is not {\"rooms\": [...]}"_s));
        return;
    }
    const QJsonArray rooms = list.toArray();
    if (rooms.size() > kMaxBatchRooms) {
        send(413, errorJson(
                      u"too_many_rooms"_s,
                      u"%1 rooms in one call; at most %2"_s.arg(rooms.size()).arg(kMaxBatchRooms)));
        return;
    }
    QStringList waddles;
    waddles.reserve(rooms.size());
    for (qsizetype i = 0; i < rooms.size(); ++i) {
        const QJsonValue waddle = rooms.at(i).toObject().value(u"waddle"_s);
        if (!waddle.isString() || waddle.toString().isEmpty()) {
            send(400, errorJson(u"bad_request"_s,
                                u"rooms[%1] needs a \"waddle\" (a non-empty string)"_s.arg(i)));
            return;
        }
        waddles.append(waddle.toString());
    }
    if (m_fault.kind == Fault::Kind::RejectRooms) {
        send(503, errorJson(u"rooms_rejected"_s, u"this region refuses voice rooms"_s));
        return;
    }
    const QByteArray action = notifying ? "notify"_ba : QByteArray();
    QJsonArray results;
    for (qsizetype i = 0; i < rooms.size(); ++i) {
        const qint64 members = rooms.at(i).toObject().value(u"members"_s).toInteger();
        const RoomAnswer answer = roomStep(waddles.at(i), action, deleting, members);
        QJsonObject result{{u"room"_s, waddles.at(i)}, {u"status"_s, answer.status}};
        if (answer.body.contains(u"error"_s))
            result.insert(u"error"_s, answer.body.value(u"error"_s));
        results.append(result);
    }
    send(200,
         QJsonDocument(QJsonObject{{u"results"_s, results}, {u"rooms"_s, qint64(m_rooms.size())}})
             .toJson(QJsonDocument::Compact));
}

qint64 RegionAgent::roomCount() const
{
    return m_rooms.size();
}

std::optional<double> RegionAgent::drawProbeDelayMs(SeededRandom &random)
{
    if (random.chance(m_settings.lossProbability))
        return std::nullopt;
    return sampleProbeMs(random);
}

double RegionAgent::sampleProbeMs(SeededRandom &random)
{
    // Normal jitter around the model, sd = jitterFraction × RTT, never faster
    // than light in fibre allows (SPEC §5: d / 100 ms).
    const double model = modelRttMs();
    const double floorMs = m_distanceKm / 100.0;
    double rtt =
        std::max(floorMs, random.normal(model, std::max(0.0, m_settings.jitterFraction) * model));
    if (m_fault.kind == Fault::Kind::Latency)
        rtt += std::max(0.0, m_fault.extraMs);
    return std::max(0.0, rtt);
}

void RegionAgent::queueReply(QTcpSocket *socket, Connection &c, QByteArray reply, bool close)
{
    c.pending.push_back({c.nextSerial++, std::move(reply), true, close});
    if (close)
        c.closing = true;
    flush(socket, c);
}

void RegionAgent::queueDelayedReply(QTcpSocket *socket, Connection &c, QByteArray reply,
                                    qint64 arrivalNs, double delayMs, bool close)
{
    const quint64 serial = c.nextSerial++;
    c.pending.push_back({serial, std::move(reply), false, close});
    if (close)
        c.closing = true;
    scheduleProbeReply(arrivalNs, delayMs, kLoopbackTransportNs,
                       [this, guard = QPointer<QTcpSocket>(socket), serial] {
                           if (guard)
                               markReady(guard.data(), serial);
                       });
}

void RegionAgent::scheduleStunAnswer(std::function<void()> send)
{
    // The same fate as a /ping (SPEC §4 STUN mode), from its own random
    // stream; an Offline region answers nothing, not even late.
    if (m_fault.kind == Fault::Kind::Offline)
        return;
    const qint64 arrivalNs = m_monotonic.nsecsElapsed();
    const std::optional<double> delayMs = drawProbeDelayMs(*m_stunRandom);
    if (!delayMs)
        return;
    scheduleProbeReply(arrivalNs, *delayMs, kLoopbackUdpTransportNs,
                       [this, send = std::move(send)] {
                           if (m_fault.kind != Fault::Kind::Offline)
                               send();
                       });
}

void RegionAgent::scheduleProbeReply(qint64 arrivalNs, double delayMs, qint64 transportNs,
                                     std::function<void()> send)
{
    // QTimer counts whole milliseconds and fires a little late. Aim early by
    // the lateness seen so far and by the loopback transport, then round to
    // the nearest millisecond, so the error averages out instead of adding.
    const qint64 deadlineNs = arrivalNs + static_cast<qint64>(delayMs * 1e6);
    const qint64 nowNs = m_monotonic.nsecsElapsed();
    const qint64 aimNs = deadlineNs - transportNs - m_timerLatenessNs;
    const qint64 timerMs = std::max<qint64>(0, (aimNs - nowNs + 500'000) / 1'000'000);
    const qint64 expectedFireNs = nowNs + timerMs * 1'000'000;
    QTimer::singleShot(std::chrono::milliseconds(timerMs), Qt::PreciseTimer, this,
                       [this, send = std::move(send), expectedFireNs] {
                           const qint64 late = std::clamp<qint64>(
                               m_monotonic.nsecsElapsed() - expectedFireNs, 0, kMaxLatenessNs);
                           m_timerLatenessNs = (7 * m_timerLatenessNs + late) / 8;
                           send();
                       });
}

void RegionAgent::markReady(QTcpSocket *socket, quint64 serial)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return; // closed meanwhile
    const std::shared_ptr<Connection> keep = it->second;
    Connection &c = *keep;
    for (Connection::Pending &p : c.pending) {
        if (p.serial == serial) {
            p.ready = true;
            break;
        }
    }
    flush(socket, c);
}

void RegionAgent::flush(QTcpSocket *socket, Connection &c)
{
    while (!c.pending.empty() && c.pending.front().ready) {
        const Connection::Pending p = std::move(c.pending.front());
        c.pending.pop_front();
        socket->write(p.bytes);
        if (p.close) {
            c.pending.clear();
            // Writes what is buffered, then closes; disconnected() cleans up.
            socket->disconnectFromHost();
            return;
        }
    }
}

QDateTime RegionAgent::now() const
{
    return m_settings.clock ? m_settings.clock().toUTC() : QDateTime::currentDateTimeUtc();
}

QByteArray RegionAgent::healthBody()
{
    // SPEC §8 figures following the daily load curve at the region's local
    // solar hour, with small bounded noise; faults override.
    const QDateTime utc = now();
    const double longitude = m_region.location.longitude;
    const double curve = diurnalUtilisation(localSolarHour(utc, longitude));
    double utilisation = std::clamp(
        curve + m_healthRandom->uniform(-kUtilisationNoise, kUtilisationNoise), 0.0, 1.0);
    double p99 = 30.0 + 120.0 * utilisation * utilisation +
                 m_healthRandom->uniform(-kP99NoiseMs, kP99NoiseMs);
    double errorRate = std::clamp(
        0.2 + utilisation + m_healthRandom->uniform(-kErrorNoisePercent, kErrorNoisePercent), 0.2,
        1.0);
    // The members of the rooms this agent holds add to its load.
    qint64 roomSeats = 0;
    for (const qint64 seats : std::as_const(m_rooms))
        roomSeats += seats;
    const qint64 capacity =
        m_region.capacity.maximum > 0 ? m_region.capacity.maximum : kDefaultCapacity;
    utilisation = std::clamp(
        utilisation + static_cast<double>(roomSeats) / static_cast<double>(capacity), 0.0, 1.0);
    QString status = u"healthy"_s;
    if (m_fault.kind == Fault::Kind::Degraded) {
        utilisation = kDegradedUtilisation;
        p99 = kDegradedP99Ms;
        errorRate = kDegradedErrorPercent;
        status = u"degraded"_s;
    } else if (m_fault.kind == Fault::Kind::Latency) {
        p99 += std::max(0.0, m_fault.extraMs);
    }
    // Local mean solar time, to the minute, as an ISO 8601 offset.
    const int offsetSeconds = static_cast<int>(std::lround(longitude / 15.0 * 60.0)) * 60;
    const QDateTime local = utc.toOffsetFromUtc(offsetSeconds);

    const QJsonObject json{
        {u"region"_s, m_region.code},
        {u"status"_s, status},
        {u"utilisation"_s, roundTo(utilisation, 4)},
        {u"p99_ms"_s, roundTo(p99, 1)},
        {u"error_rate"_s, roundTo(errorRate, 2)},
        {u"active_sessions"_s, static_cast<qint64>(std::llround(utilisation * capacity))},
        {u"capacity"_s, capacity},
        {u"rooms"_s, qint64(m_rooms.size())},
        {u"local_time"_s, local.toString(Qt::ISODate)},
    };
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

} // namespace waddle::sim
