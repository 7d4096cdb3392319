#pragma once

#include "agentrequestparser.h"
#include "domain/geo.h"
#include "domain/region.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;

namespace waddle::sim {

class SeededRandom;
class StunResponder;

// How one agent models the network and its load (SPEC §2, §5).
struct AgentSettings
{
    quint64 seed = 1;       // jitter, loss and load noise replay for a seed
    domain::RttModel model; // RTT = base + d × k from the vantage (SPEC §5)
    // Standard deviation of the RTT jitter as a fraction of the model RTT.
    double jitterFraction = 0.03;
    // Chance that a /ping (or a STUN Binding Request) is silently dropped
    // (no reply: the client times out). 0 here; the demo fleet sets its own
    // default.
    double lossProbability = 0.0;
    // The wall clock that drives the load curve; empty means the current UTC.
    std::function<QDateTime()> clock;
};

// One voice region's agent (SPEC §2 item 3): GET /ping and GET /health over
// HTTP/1.1 on a loopback port, with the region's modelled round trip, jitter,
// loss, daily load and injected faults, and a STUN binding responder on a UDP
// port whose answers take the same modelled round trip as /ping.
//
// Built on QTcpServer rather than QHttpServer because /ping replies are held
// back for tens of milliseconds, and in Qt 6.4 a delayed QHttpServerResponder
// that outlives its socket crashes. Connections are kept alive and requests
// may be pipelined: replies on one connection leave in request order.
class RegionAgent final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionAgent)

public:
    // What an operator (or a test) breaks on purpose (SPEC §8, §9).
    struct Fault
    {
        enum class Kind
        {
            None,
            Offline,     // nothing listens: clients get "connection refused"; STUN is silent
            Degraded,    // /health reports 95 % load, p99 260 ms, 8 % errors
            Latency,     // every /ping, STUN answer and the reported p99 take extraMs longer
            RejectRooms, // every /rooms call is refused (503)
            SlowRooms,   // every /rooms answer takes extraMs longer
        };
        Kind kind = Kind::None;
        double extraMs = 0.0; // only for Latency and SlowRooms

        friend bool operator==(const Fault &, const Fault &) = default;
    };

    // The figures a Degraded fault forces (over every SPEC §8 threshold).
    static constexpr double kDegradedUtilisation = 0.95;
    static constexpr double kDegradedP99Ms = 260.0;
    static constexpr double kDegradedErrorPercent = 8.0;
    // Request head limit; a longer head is answered 400.
    static constexpr qsizetype kMaxHeaderBytes = AgentRequestParser::kMaxHeadBytes;
    // Most rooms in one batch room call; more are answered 413.
    static constexpr qsizetype kMaxBatchRooms = 1000;

    RegionAgent(domain::Region region, domain::GeoPoint vantage, AgentSettings settings,
                QObject *parent = nullptr);
    ~RegionAgent() override;

    // Listens on address:port (0 picks a free port) and starts the STUN
    // responder on a free UDP port of the same address. False with
    // errorString() when a port cannot be bound. Starting twice is a no-op.
    bool start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    // Stops listening, drops every connection and closes the STUN port;
    // start() may follow.
    void stop();

    [[nodiscard]] bool isListening() const;
    // The bound port; kept while an Offline fault has the server closed.
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] QUrl pingUrl() const;   // baseUrl + /ping
    [[nodiscard]] QUrl healthUrl() const; // baseUrl + /health
    // The STUN responder's UDP port (0 before start); kept under an Offline
    // fault, when the responder stays bound but answers nothing.
    [[nodiscard]] quint16 stunPort() const;
    // "host:port" of the STUN responder, as a region's `stun` field (SPEC §3);
    // empty before start.
    [[nodiscard]] QString stunEndpoint() const;
    [[nodiscard]] QString errorString() const;

    [[nodiscard]] const domain::Region &region() const;
    [[nodiscard]] domain::GeoPoint vantage() const;
    // Great-circle distance vantage → region, km.
    [[nodiscard]] double distanceKm() const;
    // The model RTT over that distance (SPEC §5), before jitter and faults.
    [[nodiscard]] double modelRttMs() const;

    // Offline closes the listening socket and every connection; leaving
    // Offline listens again on the same port.
    void setFault(Fault fault);
    void clearFault();
    [[nodiscard]] Fault fault() const;

    // Voice rooms held (issue 11 room API), reported in /health as "rooms".
    [[nodiscard]] qint64 roomCount() const;

    // "none", "offline", "degraded", "latency", "reject_rooms",
    // "slow_rooms": the names the control
    // plane's fault injection and the logs use.
    static QString faultKindName(Fault::Kind kind);
    static std::optional<Fault::Kind> faultKindFromName(QStringView name);

private:
    struct Connection;

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onDisconnected(QTcpSocket *socket);
    void handleRequest(QTcpSocket *socket, Connection &connection,
                       const AgentRequestParser::Request &request, qint64 arrivalNs);
    void handleRoomRequest(QTcpSocket *socket, Connection &connection,
                           const AgentRequestParser::Request &request, qint64 arrivalNs);
    void handleRoomBatch(QTcpSocket *socket, Connection &connection,
                         const AgentRequestParser::Request &request, qint64 arrivalNs);
    // A room call's answer, extra_ms late under slow_rooms.
    void sendRoomReply(QTcpSocket *socket, Connection &connection,
                       const AgentRequestParser::Request &request, qint64 arrivalNs, int status,
                       const QByteArray &body);
    // One room's step as the single and the batch routes do it: the status
    // and the JSON answer ({"room", "exists", "rooms"} or an error).
    struct RoomAnswer
    {
        int status = 200;
        QJsonObject body;
    };
    RoomAnswer roomStep(const QString &waddle, const QByteArray &action, bool deleting,
                        qint64 members);
    void queueReply(QTcpSocket *socket, Connection &connection, QByteArray reply, bool close);
    void queueDelayedReply(QTcpSocket *socket, Connection &connection, QByteArray reply,
                           qint64 arrivalNs, double delayMs, bool close);
    void markReady(QTcpSocket *socket, quint64 serial);
    void flush(QTcpSocket *socket, Connection &connection);
    void dropAllConnections();
    bool listen();

    [[nodiscard]] QDateTime now() const;
    QByteArray healthBody();
    // One probe's fate under the model, shared by /ping and STUN (SPEC §4,
    // §5): nullopt when `random` draws a loss, else the reply's delay.
    std::optional<double> drawProbeDelayMs(SeededRandom &random);
    double sampleProbeMs(SeededRandom &random);
    // Calls `send` when a probe that arrived at arrivalNs (m_monotonic) and
    // is held back delayMs should leave, aimed early by the loopback
    // transport time and the timers' learnt lateness.
    void scheduleProbeReply(qint64 arrivalNs, double delayMs, qint64 transportNs,
                            std::function<void()> send);
    void scheduleStunAnswer(std::function<void()> send);

    domain::Region m_region;
    domain::GeoPoint m_vantage;
    AgentSettings m_settings;
    double m_distanceKm = 0.0;
    Fault m_fault;

    QTcpServer *m_server = nullptr;
    QHostAddress m_address = QHostAddress(QHostAddress::LocalHost);
    quint16 m_port = 0;
    bool m_started = false;
    QString m_error;

    // Shared so a handler keeps its connection's state alive even when the
    // socket disconnects (and leaves the map) in the middle of it.
    std::unordered_map<QTcpSocket *, std::shared_ptr<Connection>> m_connections;
    QElapsedTimer m_monotonic;    // arrival times and reply deadlines
    qint64 m_timerLatenessNs = 0; // running mean of how late reply timers fire
    std::unique_ptr<SeededRandom> m_pingRandom;
    std::unique_ptr<SeededRandom> m_healthRandom;
    // Its own stream, so STUN traffic does not shift the /ping sequence.
    std::unique_ptr<SeededRandom> m_stunRandom;
    StunResponder *m_stun = nullptr;
    QHash<QString, qint64> m_rooms; // waddle id → members it brought
};

} // namespace waddle::sim
