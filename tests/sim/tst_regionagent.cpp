// One region agent of the demo fleet (SPEC §2 item 3): /ping with the model
// RTT of SPEC §5, /health with the load of the daily curve (SPEC §8), and the
// injected faults, all over real loopback HTTP/1.1.
#include "../support/rtt.h"
#include "domain/catalogue.h"
#include "sim/loadcurve.h"
#include "sim/regionagent.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <cmath>
#include <memory>

using namespace waddle;
using namespace waddle::sim;
using namespace Qt::StringLiterals;
using waddle::test::withinRtt;

namespace {

// The vantage of these tests: Frankfurt. Stockholm is ~1,190 km away (model
// RTT ~29 ms), New York ~6,200 km (~129 ms).
const domain::GeoPoint kFrankfurt{50.1109, 8.6821};

domain::Region catalogueRegion(const QString &code)
{
    const QList<domain::Region> regions = domain::defaultCatalogue();
    for (const domain::Region &r : regions) {
        if (r.code == code)
            return r;
    }
    return {};
}

struct Reply
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    double ms = 0.0;
    bool finished = false;
};

// One GET over QNAM, HTTP/1.1 keep-alive (HTTP/2 off), timed from the call
// to finished() with nanosecond resolution.
Reply get(QNetworkAccessManager &nam, const QUrl &url, int timeoutMs = 5000)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    Reply out;
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    qint64 ns = -1;
    QObject::connect(reply.get(), &QNetworkReply::finished, reply.get(),
                     [&ns, &timer] { ns = timer.nsecsElapsed(); });
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (ns < 0 && !finished.wait(timeoutMs)) {
        reply->abort();
        return out;
    }
    out.finished = true;
    out.ms = ns / 1e6;
    out.error = reply->error();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    return out;
}

// Mean of `count` pings after one warm-up (SPEC §4: the handshake is not
// counted), or a negative value when one failed.
double meanPingMs(QNetworkAccessManager &nam, const QUrl &url, int count = 5)
{
    if (get(nam, url).status != 200)
        return -1.0;
    double sum = 0.0;
    for (int i = 0; i < count; ++i) {
        const Reply r = get(nam, url);
        if (r.status != 200 || r.body != "pong")
            return -1.0;
        sum += r.ms;
    }
    return sum / count;
}

QJsonObject healthOf(QNetworkAccessManager &nam, const RegionAgent &agent)
{
    const Reply r = get(nam, agent.healthUrl());
    if (r.status != 200)
        return {};
    return QJsonDocument::fromJson(r.body).object();
}

// Raw responses read off a socket: status and body of each, in order.
struct RawResponse
{
    int status = 0;
    QByteArray headers;
    QByteArray body;
};

QList<RawResponse> parseResponses(QByteArray &buffer)
{
    QList<RawResponse> out;
    for (;;) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        const QByteArray head = buffer.left(end);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < end + 4 + length)
            break;
        RawResponse r;
        r.status = head.mid(9, 3).toInt();
        r.headers = head;
        r.body = buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        out.append(r);
    }
    return out;
}

// Sends `bytes` on a fresh connection and collects `expected` responses.
QList<RawResponse> rawExchange(quint16 port, const QByteArray &bytes, int expected,
                               int timeoutMs = 3000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    QByteArray buffer;
    QList<RawResponse> out;
    QElapsedTimer timer;
    timer.start();
    while (out.size() < expected && timer.elapsed() < timeoutMs) {
        QSignalSpy ready(&socket, &QTcpSocket::readyRead);
        if (socket.bytesAvailable() == 0 && !ready.wait(int(timeoutMs - timer.elapsed())))
            break;
        buffer += socket.readAll();
        out += parseResponses(buffer);
    }
    return out;
}

} // namespace

class TestRegionAgent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startsOnAnEphemeralPort();
    void pingFollowsTheModel_data();
    void pingFollowsTheModel();
    void health_data();
    void health();
    void offlineRefusesAndComesBackOnTheSamePort();
    void degraded();
    void latencyFault();
    void lossDropsTheReply();
    void unknownPathIs404();
    void otherMethodsAre405();
    void oversizedHeadIs400();
    void pipelinedRepliesKeepOrder();
    void clientGoneBeforeReply();
    void faultNames();
    void twoAgentsAreIndependent();
    void rooms_data();
    void rooms();
    void roomSeatsAddToTheLoad();
    void rejectRoomsRefusesEveryRoomCall();
    void slowRoomsAnswerLate();
    void roomBatches_data();
    void roomBatches();
    void roomBatchFaults();

private:
    std::unique_ptr<QNetworkAccessManager> makeNam();
};

std::unique_ptr<QNetworkAccessManager> TestRegionAgent::makeNam()
{
    auto nam = std::make_unique<QNetworkAccessManager>();
    nam->setProxy(QNetworkProxy::NoProxy);
    return nam;
}

void TestRegionAgent::initTestCase()
{
    QCOMPARE(domain::defaultCatalogue().size(), 6);
}

void TestRegionAgent::startsOnAnEphemeralPort()
{
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, AgentSettings{});
    QVERIFY(!agent.isListening());
    QVERIFY(agent.start());
    QVERIFY(agent.isListening());
    QVERIFY(agent.port() > 0);
    QCOMPARE(agent.pingUrl().toString(), u"http://127.0.0.1:%1/ping"_s.arg(agent.port()));
    QCOMPARE(agent.healthUrl().toString(), u"http://127.0.0.1:%1/health"_s.arg(agent.port()));
    // Frankfurt–Stockholm ≈ 1,190 km → 5 + 0.02 × d ≈ 28.8 ms.
    QVERIFY2(agent.distanceKm() > 1150 && agent.distanceKm() < 1230,
             qPrintable(QString::number(agent.distanceKm())));
    QCOMPARE(agent.modelRttMs(), 5.0 + 0.02 * agent.distanceKm());
    agent.stop();
    QVERIFY(!agent.isListening());
}

void TestRegionAgent::pingFollowsTheModel_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("minModelMs");
    QTest::addColumn<double>("maxModelMs");
    QTest::newRow("Stockholm, ~29 ms") << u"eu-north"_s << 25.0 << 33.0;
    QTest::newRow("New York, ~129 ms") << u"us-east"_s << 120.0 << 135.0;
}

void TestRegionAgent::pingFollowsTheModel()
{
    QFETCH(QString, code);
    QFETCH(double, minModelMs);
    QFETCH(double, maxModelMs);
    AgentSettings settings;
    settings.seed = 7;
    RegionAgent agent(catalogueRegion(code), kFrankfurt, settings);
    QVERIFY(agent.start());
    QVERIFY(agent.modelRttMs() > minModelMs && agent.modelRttMs() < maxModelMs);
    auto nam = makeNam();
    const double mean = meanPingMs(*nam, agent.pingUrl());
    qInfo("%s: model %.2f ms, measured mean of 5 %.2f ms", qPrintable(code), agent.modelRttMs(),
          mean);
    QVERIFY2(withinRtt(mean, agent.modelRttMs()),
             qPrintable(u"mean %1 ms, model %2 ms"_s.arg(mean).arg(agent.modelRttMs())));
}

void TestRegionAgent::health_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QDateTime>("utc");
    QTest::addColumn<QString>("offset");

    const QDate day(2024, 5, 1);
    // Tokyo 139.6503° E: +9.3100 h. 10:41 UTC → 20:00 local, the peak.
    QTest::newRow("Tokyo at its evening peak")
        << u"asia-ne"_s << QDateTime(day, QTime(10, 41, 24), Qt::UTC) << u"+09:19"_s;
    // 19:11 UTC → 04:30 local, the trough.
    QTest::newRow("Tokyo at its night trough")
        << u"asia-ne"_s << QDateTime(day, QTime(19, 11, 24), Qt::UTC) << u"+09:19"_s;
    // San Francisco −122.4194°: −8.1613 h. 12:00 UTC → 03:50 local.
    QTest::newRow("San Francisco before dawn")
        << u"us-west"_s << QDateTime(day, QTime(12, 0), Qt::UTC) << u"-08:10"_s;
    // Frankfurt 8.6821° E: +0.5788 h. 12:00 UTC → 12:35 local, mid-rise.
    QTest::newRow("Frankfurt at noon")
        << u"eu-west"_s << QDateTime(day, QTime(12, 0), Qt::UTC) << u"+00:35"_s;
}

void TestRegionAgent::health()
{
    QFETCH(QString, code);
    QFETCH(QDateTime, utc);
    QFETCH(QString, offset);
    const domain::Region region = catalogueRegion(code);
    AgentSettings settings;
    settings.clock = [utc] { return utc; };
    RegionAgent agent(region, kFrankfurt, settings);
    QVERIFY(agent.start());
    auto nam = makeNam();
    get(*nam, agent.healthUrl()); // warm

    const Reply r = get(*nam, agent.healthUrl());
    QCOMPARE(r.status, 200);
    // Promptly: no modelled delay on /health.
    QVERIFY2(r.ms < 20.0, qPrintable(QString::number(r.ms)));
    const QJsonObject json = QJsonDocument::fromJson(r.body).object();
    for (const QString &field :
         {u"region"_s, u"status"_s, u"utilisation"_s, u"p99_ms"_s, u"error_rate"_s,
          u"active_sessions"_s, u"capacity"_s, u"local_time"_s}) {
        QVERIFY2(json.contains(field), qPrintable(field));
    }
    QCOMPARE(json.value(u"region"_s).toString(), code);
    QCOMPARE(json.value(u"status"_s).toString(), u"healthy"_s);

    const double curve = diurnalUtilisation(localSolarHour(utc, region.location.longitude));
    const double utilisation = json.value(u"utilisation"_s).toDouble();
    QVERIFY2(std::fabs(utilisation - curve) <= 0.0301,
             qPrintable(u"%1 vs curve %2"_s.arg(utilisation).arg(curve)));
    const double p99 = json.value(u"p99_ms"_s).toDouble();
    QVERIFY2(std::fabs(p99 - (30.0 + 120.0 * utilisation * utilisation)) <= 2.1,
             qPrintable(QString::number(p99)));
    const double errorRate = json.value(u"error_rate"_s).toDouble();
    QVERIFY(errorRate >= 0.2 && errorRate <= 1.0);
    QCOMPARE(json.value(u"capacity"_s).toInteger(), 10000);
    QCOMPARE(json.value(u"active_sessions"_s).toInteger(), std::llround(utilisation * 10000));
    const QString localTime = json.value(u"local_time"_s).toString();
    QVERIFY2(localTime.endsWith(offset), qPrintable(localTime));
    QCOMPARE(QDateTime::fromString(localTime, Qt::ISODate).toUTC(), utc);
}

void TestRegionAgent::offlineRefusesAndComesBackOnTheSamePort()
{
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    const quint16 port = agent.port();
    auto nam = makeNam();
    QCOMPARE(get(*nam, agent.pingUrl()).status, 200); // a kept-alive connection exists

    agent.setFault({RegionAgent::Fault::Kind::Offline, 0.0});
    QVERIFY((agent.fault() == RegionAgent::Fault{RegionAgent::Fault::Kind::Offline, 0.0}));
    QVERIFY(!agent.isListening());
    const Reply refused = get(*nam, agent.pingUrl());
    QVERIFY(refused.finished);
    QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);
    // A fresh client too.
    auto other = makeNam();
    QCOMPARE(get(*other, agent.healthUrl()).error, QNetworkReply::ConnectionRefusedError);

    agent.clearFault();
    QVERIFY(agent.isListening());
    QCOMPARE(agent.port(), port);
    const Reply back = get(*nam, agent.pingUrl());
    QCOMPARE(back.error, QNetworkReply::NoError);
    QCOMPARE(back.body, "pong"_ba);
}

void TestRegionAgent::degraded()
{
    RegionAgent agent(catalogueRegion(u"asia-se"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    auto nam = makeNam();
    QCOMPARE(healthOf(*nam, agent).value(u"status"_s).toString(), u"healthy"_s);

    agent.setFault({RegionAgent::Fault::Kind::Degraded, 0.0});
    const QJsonObject json = healthOf(*nam, agent);
    QCOMPARE(json.value(u"status"_s).toString(), u"degraded"_s);
    QCOMPARE(json.value(u"utilisation"_s).toDouble(), 0.95);
    QCOMPARE(json.value(u"p99_ms"_s).toDouble(), 260.0);
    QCOMPARE(json.value(u"error_rate"_s).toDouble(), 8.0);
    QCOMPARE(json.value(u"active_sessions"_s).toInteger(), 9500);

    agent.clearFault();
    QCOMPARE(healthOf(*nam, agent).value(u"status"_s).toString(), u"healthy"_s);
}

void TestRegionAgent::latencyFault()
{
    const QDateTime utc(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    AgentSettings settings;
    settings.clock = [utc] { return utc; };
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, settings);
    QVERIFY(agent.start());
    auto nam = makeNam();
    const double p99Before = healthOf(*nam, agent).value(u"p99_ms"_s).toDouble();

    const double extraMs = 60.0;
    agent.setFault({RegionAgent::Fault::Kind::Latency, extraMs});
    const double expected = agent.modelRttMs() + extraMs;
    const double mean = meanPingMs(*nam, agent.pingUrl());
    qInfo("latency fault: expected %.2f ms, measured mean %.2f ms", expected, mean);
    QVERIFY2(withinRtt(mean, expected), qPrintable(QString::number(mean)));
    // p99 carries the extra delay (± the noise of two readings).
    const double p99After = healthOf(*nam, agent).value(u"p99_ms"_s).toDouble();
    QVERIFY2(std::fabs(p99After - p99Before - extraMs) <= 4.2,
             qPrintable(u"%1 → %2"_s.arg(p99Before).arg(p99After)));
}

void TestRegionAgent::lossDropsTheReply()
{
    AgentSettings settings;
    settings.lossProbability = 1.0;
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, settings);
    QVERIFY(agent.start());
    auto nam = makeNam();
    // The model RTT is ~29 ms: 300 ms is ten times that.
    const Reply lost = get(*nam, agent.pingUrl(), 300);
    QVERIFY(!lost.finished);
    // Health is not subject to /ping loss.
    auto fresh = makeNam();
    QCOMPARE(get(*fresh, agent.healthUrl()).status, 200);
}

void TestRegionAgent::unknownPathIs404()
{
    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    auto nam = makeNam();
    QUrl url = agent.baseUrl();
    url.setPath(u"/nothing-here"_s);
    const Reply r = get(*nam, url);
    QCOMPARE(r.status, 404);
    const QJsonObject error = QJsonDocument::fromJson(r.body).object().value(u"error"_s).toObject();
    QCOMPARE(error.value(u"code"_s).toString(), u"not_found"_s);
    QVERIFY(!error.value(u"message"_s).toString().isEmpty());
    // The connection stays usable.
    QCOMPARE(get(*nam, agent.pingUrl()).status, 200);
}

void TestRegionAgent::otherMethodsAre405()
{
    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    // A POST with a body, then a GET on the same connection: the body is
    // skipped, the GET still answered.
    const QList<RawResponse> responses =
        rawExchange(agent.port(),
                    "POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"_ba,
                    2);
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).status, 405);
    QVERIFY(responses.at(0).headers.contains("Allow: GET"));
    QCOMPARE(responses.at(1).status, 200);
}

void TestRegionAgent::oversizedHeadIs400()
{
    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    const QByteArray big = "GET /ping HTTP/1.1\r\nHost: x\r\nX-Filler: "_ba +
                           QByteArray(9 * 1024, 'a') + "\r\n\r\n"_ba;
    const QList<RawResponse> tooBig = rawExchange(agent.port(), big, 1);
    QCOMPARE(tooBig.size(), 1);
    QCOMPARE(tooBig.at(0).status, 400);
    const QList<RawResponse> garbage = rawExchange(agent.port(), "HELLO\r\n\r\n"_ba, 1);
    QCOMPARE(garbage.size(), 1);
    QCOMPARE(garbage.at(0).status, 400);
    // Just under the limit is fine.
    const QByteArray fits = "GET /health HTTP/1.1\r\nHost: x\r\nX-Filler: "_ba +
                            QByteArray(7 * 1024, 'a') + "\r\n\r\n"_ba;
    const QList<RawResponse> ok = rawExchange(agent.port(), fits, 1);
    QCOMPARE(ok.size(), 1);
    QCOMPARE(ok.at(0).status, 200);
}

void TestRegionAgent::pipelinedRepliesKeepOrder()
{
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    // The delayed /ping must still come out before the prompt /health and
    // 404 sent after it on the same connection.
    const QList<RawResponse> responses = rawExchange(agent.port(),
                                                     "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"
                                                     "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                                                     "GET /ping HTTP/1.1\r\nHost: x\r\n\r\n"
                                                     "GET /x HTTP/1.1\r\nHost: x\r\n\r\n"_ba,
                                                     4);
    QCOMPARE(responses.size(), 4);
    QCOMPARE(responses.at(0).body, "pong"_ba);
    QVERIFY(responses.at(1).body.contains("\"region\""));
    QCOMPARE(responses.at(2).body, "pong"_ba);
    QCOMPARE(responses.at(3).status, 404);
}

void TestRegionAgent::clientGoneBeforeReply()
{
    RegionAgent agent(catalogueRegion(u"us-east"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, agent.port());
        QVERIFY(socket.waitForConnected(3000));
        socket.write("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(socket.waitForBytesWritten(3000));
        // Let the agent read it, then vanish before the ~129 ms reply.
        QTest::qWait(20);
    }
    // The reply timer fires against a closed socket: skipped, no crash.
    QTest::qWait(int(agent.modelRttMs()) + 30);
    auto nam = makeNam();
    QCOMPARE(get(*nam, agent.pingUrl()).body, "pong"_ba);
}

void TestRegionAgent::faultNames()
{
    using Kind = RegionAgent::Fault::Kind;
    for (Kind kind : {Kind::None, Kind::Offline, Kind::Degraded, Kind::Latency, Kind::RejectRooms,
                      Kind::SlowRooms})
        QVERIFY(RegionAgent::faultKindFromName(RegionAgent::faultKindName(kind)) == kind);
    QCOMPARE(RegionAgent::faultKindName(Kind::Offline), u"offline"_s);
    QVERIFY(!RegionAgent::faultKindFromName(u"broken").has_value());
}

void TestRegionAgent::twoAgentsAreIndependent()
{
    AgentSettings settings;
    settings.seed = 3;
    RegionAgent near(catalogueRegion(u"eu-north"_s), kFrankfurt, settings);
    RegionAgent far(catalogueRegion(u"asia-ne"_s), kFrankfurt, settings);
    QVERIFY(near.start());
    QVERIFY(far.start());
    QVERIFY(near.port() != far.port());

    far.setFault({RegionAgent::Fault::Kind::Offline, 0.0});
    auto nam = makeNam();
    QCOMPARE(get(*nam, far.pingUrl()).error, QNetworkReply::ConnectionRefusedError);
    const Reply r = get(*nam, near.pingUrl());
    QCOMPARE(r.body, "pong"_ba);
    QVERIFY(near.fault() == RegionAgent::Fault{});

    near.setFault({RegionAgent::Fault::Kind::Degraded, 0.0});
    far.clearFault();
    QCOMPARE(healthOf(*nam, far).value(u"status"_s).toString(), u"healthy"_s);
    QCOMPARE(healthOf(*nam, far).value(u"region"_s).toString(), u"asia-ne"_s);
    QCOMPARE(healthOf(*nam, near).value(u"status"_s).toString(), u"degraded"_s);
}

void TestRegionAgent::rooms_data()
{
    // Each row: the requests on one connection, the statuses in order, and
    // the rooms the agent holds afterwards.
    QTest::addColumn<QByteArray>("requests");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<qint64>("rooms");

    const QByteArray prepare = "POST /rooms/w1?members=12 HTTP/1.1\r\nHost: x\r\n\r\n"_ba;
    QTest::newRow("prepare") << prepare << QList<int>{201} << qint64(1);
    QTest::newRow("prepare twice is one room")
        << prepare + prepare << QList<int>{201, 201} << qint64(1);
    QTest::newRow("notify and move need the room")
        << "POST /rooms/w1/notify HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"_ba + prepare +
               "POST /rooms/w1/notify HTTP/1.1\r\nHost: x\r\n\r\n"_ba +
               "POST /rooms/w1/move HTTP/1.1\r\nHost: x\r\n\r\n"_ba
        << QList<int>{404, 201, 200, 200} << qint64(1);
    QTest::newRow("cleanup, twice") << prepare + "DELETE /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"_ba +
                                           "DELETE /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"_ba
                                    << QList<int>{201, 200, 200} << qint64(0);
    QTest::newRow("bad method and paths")
        << "GET /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"_ba +
               "POST /rooms/w1/dance HTTP/1.1\r\nHost: x\r\n\r\n"_ba +
               "POST /rooms/ HTTP/1.1\r\nHost: x\r\n\r\n"_ba +
               "DELETE /rooms/w1/notify HTTP/1.1\r\nHost: x\r\n\r\n"_ba
        << QList<int>{405, 404, 404, 405} << qint64(0);
}

void TestRegionAgent::rooms()
{
    QFETCH(QByteArray, requests);
    QFETCH(QList<int>, statuses);
    QFETCH(qint64, rooms);

    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    const QList<RawResponse> responses = rawExchange(agent.port(), requests, int(statuses.size()));
    QList<int> got;
    for (const RawResponse &r : responses)
        got.append(r.status);
    QCOMPARE(got, statuses);
    QCOMPARE(agent.roomCount(), rooms);
}

void TestRegionAgent::roomSeatsAddToTheLoad()
{
    // Two agents with the same seed and clock draw the same noise: the only
    // difference is the 1,000 members of the room, 1,000 / 10,000 = 0.1.
    AgentSettings settings;
    const QDateTime night(QDate(2025, 3, 4), QTime(2, 0), Qt::UTC);
    settings.clock = [night] { return night; };
    RegionAgent busy(catalogueRegion(u"eu-west"_s), kFrankfurt, settings);
    RegionAgent idle(catalogueRegion(u"eu-west"_s), kFrankfurt, settings);
    QVERIFY(busy.start());
    QVERIFY(idle.start());
    QCOMPARE(
        rawExchange(busy.port(), "POST /rooms/w1?members=1000 HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 1)
            .value(0)
            .status,
        201);
    auto nam = makeNam();
    const QJsonObject withRoom = QJsonDocument::fromJson(get(*nam, busy.healthUrl()).body).object();
    const QJsonObject without = QJsonDocument::fromJson(get(*nam, idle.healthUrl()).body).object();
    QCOMPARE(withRoom.value(u"rooms"_s).toInteger(), 1);
    QCOMPARE(without.value(u"rooms"_s).toInteger(), 0);
    QVERIFY2(std::fabs(withRoom.value(u"utilisation"_s).toDouble() -
                       without.value(u"utilisation"_s).toDouble() - 0.1) < 1e-3,
             withRoom.value(u"utilisation"_s).toVariant().toString().toLatin1());
}

void TestRegionAgent::rejectRoomsRefusesEveryRoomCall()
{
    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    agent.setFault({RegionAgent::Fault::Kind::RejectRooms, 0.0});
    const QList<RawResponse> responses = rawExchange(agent.port(),
                                                     "POST /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"
                                                     "DELETE /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"
                                                     "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"_ba,
                                                     3);
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses.at(0).status, 503);
    QVERIFY(responses.at(0).body.contains("rooms_rejected"));
    QCOMPARE(responses.at(1).status, 503);
    QCOMPARE(responses.at(2).status, 200); // the rest of the agent works
    QCOMPARE(agent.roomCount(), 0);
    agent.clearFault();
    QCOMPARE(rawExchange(agent.port(), "POST /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 1)
                 .value(0)
                 .status,
             201);
}

void TestRegionAgent::slowRoomsAnswerLate()
{
    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    agent.setFault({RegionAgent::Fault::Kind::SlowRooms, 150.0});
    QElapsedTimer timer;
    timer.start();
    const QList<RawResponse> slow =
        rawExchange(agent.port(), "POST /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 1);
    const qint64 slowMs = timer.restart();
    QCOMPARE(slow.value(0).status, 201);
    QVERIFY2(slowMs >= 140, qPrintable(QString::number(slowMs)));
    QCOMPARE(agent.roomCount(), 1);
    agent.clearFault();
    timer.restart();
    QCOMPARE(rawExchange(agent.port(), "DELETE /rooms/w1 HTTP/1.1\r\nHost: x\r\n\r\n"_ba, 1)
                 .value(0)
                 .status,
             200);
    QVERIFY2(timer.elapsed() < 140, qPrintable(QString::number(timer.elapsed())));
}

namespace {

// A batch room call: `method path` with {"rooms": rooms} as its body.
QByteArray batchCall(const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    return method + ' ' + path +
           " HTTP/1.1\r\nHost: x\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

QByteArray roomsBody(int count, const QByteArray &extra = {})
{
    QByteArray list;
    for (int i = 0; i < count; ++i)
        list +=
            (i ? ","_ba : ""_ba) + "{\"waddle\":\"w" + QByteArray::number(i) + "\"" + extra + '}';
    return "{\"rooms\":[" + list + "]}";
}

} // namespace

void TestRegionAgent::roomBatches_data()
{
    // Each row: the requests on one connection, the statuses in order, the
    // per-room statuses of the last answer, and the rooms held afterwards.
    QTest::addColumn<QByteArray>("requests");
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<QList<int>>("results");
    QTest::addColumn<qint64>("rooms");

    const QByteArray prepareTwo = batchCall("POST", "/rooms", roomsBody(2, ",\"members\":3"));
    QTest::newRow("prepare two") << prepareTwo << QList<int>{200} << QList<int>{201, 201}
                                 << qint64(2);
    QTest::newRow("empty list") << batchCall("POST", "/rooms", "{\"rooms\":[]}") << QList<int>{200}
                                << QList<int>{} << qint64(0);
    QTest::newRow("notify: one room is not here")
        << prepareTwo +
               batchCall(
                   "POST", "/rooms/notify",
                   R"({"rooms":[{"waddle":"w1","message":"m"},{"waddle":"w7","message":"m"}]})")
        << QList<int>{200, 200} << QList<int>{200, 404} << qint64(2);
    QTest::newRow("cleanup, one never prepared")
        << prepareTwo +
               batchCall("DELETE", "/rooms", R"({"rooms":[{"waddle":"w0"},{"waddle":"x"}]})")
        << QList<int>{200, 200} << QList<int>{200, 200} << qint64(1);
    QTest::newRow("1000 rooms, the most in one call")
        << batchCall("POST", "/rooms", roomsBody(1000)) << QList<int>{200} << QList<int>(1000, 201)
        << qint64(1000);
    // Bad input: nothing is done.
    QTest::newRow("1001 rooms") << batchCall("POST", "/rooms", roomsBody(1001)) << QList<int>{413}
                                << QList<int>{} << qint64(0);
    QTest::newRow("not JSON") << batchCall("POST", "/rooms", "rooms please") << QList<int>{400}
                              << QList<int>{} << qint64(0);
    QTest::newRow("no body") << "POST /rooms HTTP/1.1\r\nHost: x\r\n\r\n"_ba << QList<int>{400}
                             << QList<int>{} << qint64(0);
    QTest::newRow("rooms not a list") << batchCall("POST", "/rooms", R"({"rooms":{"waddle":"a"}})")
                                      << QList<int>{400} << QList<int>{} << qint64(0);
    QTest::newRow("a room without a waddle")
        << batchCall("POST", "/rooms", R"({"rooms":[{"waddle":"a"},{"members":3}]})")
        << QList<int>{400} << QList<int>{} << qint64(0);
    QTest::newRow("bad methods") << batchCall("GET", "/rooms", "{}") +
                                        batchCall("DELETE", "/rooms/notify", "{}") +
                                        batchCall("PUT", "/rooms", roomsBody(1))
                                 << QList<int>{405, 405, 405} << QList<int>{} << qint64(0);
    const QByteArray huge(AgentRequestParser::kMaxBodyBytes + 1, ' ');
    QTest::newRow("body over 1 MiB, then a good call")
        << batchCall("POST", "/rooms", huge) + prepareTwo << QList<int>{413, 200}
        << QList<int>{201, 201} << qint64(2);
}

void TestRegionAgent::roomBatches()
{
    QFETCH(QByteArray, requests);
    QFETCH(QList<int>, statuses);
    QFETCH(QList<int>, results);
    QFETCH(qint64, rooms);

    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    const QList<RawResponse> responses = rawExchange(agent.port(), requests, int(statuses.size()));
    QList<int> got;
    for (const RawResponse &r : responses)
        got.append(r.status);
    QCOMPARE(got, statuses);
    QList<int> perRoom;
    const QJsonObject last = QJsonDocument::fromJson(responses.constLast().body).object();
    const QJsonArray answers = last.value(u"results"_s).toArray();
    for (qsizetype i = 0; i < answers.size(); ++i) {
        const QJsonObject one = answers.at(i).toObject();
        perRoom.append(one.value(u"status"_s).toInt());
        QVERIFY(!one.value(u"room"_s).toString().isEmpty());
        QCOMPARE(one.contains(u"error"_s), perRoom.constLast() >= 300);
    }
    QCOMPARE(perRoom, results);
    QCOMPARE(agent.roomCount(), rooms);
}

void TestRegionAgent::roomBatchFaults()
{
    RegionAgent agent(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    // reject_rooms refuses the whole call.
    agent.setFault({RegionAgent::Fault::Kind::RejectRooms, 0.0});
    const QList<RawResponse> refused =
        rawExchange(agent.port(), batchCall("POST", "/rooms", roomsBody(3)), 1);
    QCOMPARE(refused.value(0).status, 503);
    QVERIFY(refused.value(0).body.contains("rooms_rejected"));
    QCOMPARE(agent.roomCount(), 0);
    // slow_rooms delays the call once, not once per room: 200 rooms at
    // 150 ms each would take 30 s.
    agent.setFault({RegionAgent::Fault::Kind::SlowRooms, 150.0});
    QElapsedTimer timer;
    timer.start();
    const QList<RawResponse> slow =
        rawExchange(agent.port(), batchCall("POST", "/rooms", roomsBody(200)), 1, 5000);
    const qint64 slowMs = timer.elapsed();
    QCOMPARE(slow.value(0).status, 200);
    QCOMPARE(agent.roomCount(), 200);
    QVERIFY2(slowMs >= 140 && slowMs < 3000, qPrintable(QString::number(slowMs)));
}

QTEST_GUILESS_MAIN(TestRegionAgent)
#include "tst_regionagent.moc"
