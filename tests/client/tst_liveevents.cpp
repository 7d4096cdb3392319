#include "client/liveevents.h"
#include "support/testbackend.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace waddle;
using namespace waddle::client;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;
using domain::RegionHealth;
using domain::RegionStatus;
using domain::Severity;
using domain::Waddle;

namespace {

// Fast enough for tests: reconnects within a second, polls ten times one.
LiveEvents::Settings fastSettings()
{
    LiveEvents::Settings s;
    s.initialBackoff = 100ms;
    s.maxBackoff = 400ms;
    s.pollInterval = 100ms;
    s.connectTimeout = 2000ms;
    s.keepAliveInterval = 1000ms;
    return s;
}

void fastHealth(cp::ControlPlaneOptions &o)
{
    o.healthIntervalMs = 200;
}

QString compact(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

// What a test saw of the typed signals.
struct Recorder
{
    QList<RegionHealth> health;
    QList<QStringList> statuses; // code, from, to, health code
    QList<QStringList> alerts;   // region, severity, title, description
    QList<Waddle> waddles;
    QList<QStringList> waddleMoves;  // from, to, reason
    QList<domain::Region> regions;   // region.updated
    QList<domain::RegionAlert> acks; // alert.acknowledged

    void attach(LiveEvents &events, QObject *context)
    {
        QObject::connect(&events, &LiveEvents::regionHealth, context,
                         [this](const RegionHealth &h) { health.append(h); });
        QObject::connect(
            &events, &LiveEvents::regionStatus, context,
            [this](const QString &code, RegionStatus from, RegionStatus to, const RegionHealth &h) {
                statuses.append({code, domain::toString(from), domain::toString(to), h.code});
            });
        QObject::connect(
            &events, &LiveEvents::alertRaised, context,
            [this](const QString &region, Severity severity, const QString &title,
                   const QString &description) {
                alerts.append({region, domain::toString(severity), title, description});
            });
        QObject::connect(
            &events, &LiveEvents::waddleChanged, context,
            [this](const Waddle &w, const QString &from, const QString &to, const QString &reason) {
                waddles.append(w);
                waddleMoves.append({from, to, reason});
            });
        QObject::connect(&events, &LiveEvents::regionUpdated, context,
                         [this](const domain::Region &r) { regions.append(r); });
        QObject::connect(&events, &LiveEvents::alertAcknowledged, context,
                         [this](const domain::RegionAlert &a) { acks.append(a); });
    }
};

} // namespace

class TestLiveEvents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoff_data();
    void backoff();
    void eventsUrl_data();
    void eventsUrl();
    void receivesRegionHealth();
    void waddleChangeArrives();
    void reconnectsAfterRestartOnTheSamePort();
    void badKeyIsRefused();
    void malformedEventsAreCountedAndSkipped();
    void silentServerTimesOut();
};

void TestLiveEvents::backoff_data()
{
    QTest::addColumn<int>("attempt");
    QTest::addColumn<double>("noise");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("first") << 0 << 0.0 << qint64(500);
    QTest::newRow("second") << 1 << 0.0 << qint64(1000);
    QTest::newRow("third") << 2 << 0.0 << qint64(2000);
    QTest::newRow("fourth") << 3 << 0.0 << qint64(4000);
    QTest::newRow("sixth") << 5 << 0.0 << qint64(16000);
    QTest::newRow("capped") << 6 << 0.0 << qint64(30000);
    QTest::newRow("still capped, no overflow") << 1000 << 0.0 << qint64(30000);
    QTest::newRow("+20 %") << 0 << 1.0 << qint64(600);
    QTest::newRow("-20 %") << 0 << -1.0 << qint64(400);
    QTest::newRow("jitter around the cap") << 9 << 1.0 << qint64(36000);
    QTest::newRow("noise is clamped") << 1 << -5.0 << qint64(800);
}

void TestLiveEvents::backoff()
{
    QFETCH(int, attempt);
    QFETCH(double, noise);
    QFETCH(qint64, ms);
    QCOMPARE(LiveEvents::backoffDelay(LiveEvents::Settings{}, attempt, noise).count(), ms);
}

void TestLiveEvents::eventsUrl_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("events");
    QTest::newRow("http") << u"http://127.0.0.1:8740"_s << u"ws://127.0.0.1:8740/api/v1/events"_s;
    QTest::newRow("https with a path")
        << u"https://Example.com/waddle/"_s << u"wss://example.com/waddle/api/v1/events"_s;
}

void TestLiveEvents::eventsUrl()
{
    QFETCH(QString, base);
    QFETCH(QString, events);
    QCOMPARE(LiveEvents::eventsUrl(QUrl(base)).toString(), events);
}

void TestLiveEvents::receivesRegionHealth()
{
    test::TestBackend backend(fastHealth);
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    LiveEvents events(fastSettings());
    Recorder seen;
    seen.attach(events, this);
    QSignalSpy connected(&events, &LiveEvents::connected);
    QSignalSpy pollDue(&events, &LiveEvents::pollDue);

    events.start(backend.plane().baseUrl(), backend.adminKey());
    QVERIFY(events.isRunning());
    QVERIFY(connected.wait(5000));
    QVERIFY(events.isConnected());
    QVERIFY(events.lastError().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(seen.health.size() >= 3, 5000);

    QStringList known;
    for (const domain::Region &r : backend.plane().regions())
        known.append(r.code);
    for (const RegionHealth &h : std::as_const(seen.health)) {
        QVERIFY2(known.contains(h.code), qPrintable(h.code));
        QVERIFY(h.checkedAt.isValid());
        QVERIFY(h.score >= 0.0 && h.score <= 100.0);
    }
    QCOMPARE(events.malformedCount(), 0);

    // Connected: no polling.
    const qsizetype polls = pollDue.size();
    QTest::qWait(300);
    QCOMPARE(pollDue.size(), polls);

    events.stop();
    QVERIFY(!events.isConnected());
    QVERIFY(!events.isRunning());
    const qsizetype received = seen.health.size();
    QTest::qWait(500);
    QCOMPARE(seen.health.size(), received); // nothing after stop()
}

void TestLiveEvents::waddleChangeArrives()
{
    test::TestBackend backend(fastHealth);
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    const QString key = backend.adminKey();

    const test::HttpResult list = backend.get(u"/api/v1/waddles?limit=1"_s, key);
    QCOMPARE(list.status, 200);
    const QJsonArray waddles = list.json().value(u"waddles"_s).toArray();
    QVERIFY(!waddles.isEmpty());
    const QString id = waddles.at(0).toObject().value(u"id"_s).toString();
    const test::HttpResult one = backend.get(u"/api/v1/waddles/"_s + id, key);
    QCOMPARE(one.status, 200);
    const QByteArray etag = one.headers.value("etag");
    QVERIFY(!etag.isEmpty());
    const auto before = domain::waddleFromJson(one.json());
    QVERIFY(before.ok());
    QString target;
    for (const domain::Region &r : backend.plane().regions()) {
        if (r.status == RegionStatus::Online && r.code != before->currentRegion &&
            r.code != before->voiceRegion) {
            target = r.code;
            break;
        }
    }
    QVERIFY(!target.isEmpty());

    LiveEvents events(fastSettings());
    Recorder seen;
    seen.attach(events, this);
    QSignalSpy connected(&events, &LiveEvents::connected);
    events.start(backend.plane().baseUrl(), key);
    QVERIFY(connected.wait(5000));

    const test::HttpResult put = backend.send("PUT", u"/api/v1/waddles/%1/voice-region"_s.arg(id),
                                              QJsonObject{{u"region"_s, target}}, key, etag);
    QVERIFY2(put.status == 200, put.body.constData());

    QTRY_VERIFY_WITH_TIMEOUT(!seen.waddles.isEmpty(), 5000);
    const Waddle &after = seen.waddles.constFirst();
    QCOMPARE(after.id, id);
    QCOMPARE(after.voiceRegion, target);
    QCOMPARE(after.version, before->version + 1);
    QCOMPARE(seen.waddleMoves.constFirst().at(0), before->currentRegion);
    QCOMPARE(seen.waddleMoves.constFirst().at(1), after.currentRegion);
    QVERIFY(seen.waddleMoves.constFirst().at(2).contains(target));
    QCOMPARE(events.malformedCount(), 0);
}

void TestLiveEvents::reconnectsAfterRestartOnTheSamePort()
{
    quint16 port = 0; // any free port at first, then the same one again
    test::TestBackend backend([&port](cp::ControlPlaneOptions &o) {
        o.healthIntervalMs = 200;
        o.port = port;
    });
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    port = backend.plane().port();
    const QUrl base = backend.plane().baseUrl();

    LiveEvents::Settings settings = fastSettings();
    settings.initialBackoff = 500ms; // the default: down long enough to poll
    settings.maxBackoff = 1000ms;
    LiveEvents events(settings);
    Recorder seen;
    seen.attach(events, this);
    QSignalSpy connected(&events, &LiveEvents::connected);
    QSignalSpy disconnected(&events, &LiveEvents::disconnected);
    QSignalSpy pollDue(&events, &LiveEvents::pollDue);
    events.start(base, backend.adminKey());
    QVERIFY(connected.wait(5000));
    QCOMPARE(disconnected.size(), 0);

    // A quick restart: the stream drops, polling covers the gap, and it
    // comes back by itself.
    pollDue.clear();
    QVERIFY2(backend.restart(), qPrintable(backend.error()));
    QCOMPARE(backend.plane().port(), port);
    QTRY_VERIFY_WITH_TIMEOUT(!disconnected.isEmpty(), 5000);
    QVERIFY(!events.isConnected());
    QVERIFY2(disconnected.constFirst().constFirst().toString().contains(u"went away"_s),
             qPrintable(disconnected.constFirst().constFirst().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(connected.size() == 2, 5000);
    QVERIFY(events.isConnected());
    QVERIFY(pollDue.size() >= 1); // while it was down
    QCOMPARE(events.attempt(), 0);

    // Up again: polling stopped, events flow.
    const qsizetype polls = pollDue.size();
    const qsizetype health = seen.health.size();
    QTRY_VERIFY_WITH_TIMEOUT(seen.health.size() > health + 2, 5000);
    QTest::qWait(300);
    QCOMPARE(pollDue.size(), polls);

    // A longer outage: attempts fail (nobody listens), it keeps polling and
    // backing off, and reconnects once the server is back on the port.
    backend.plane().stop();
    QTRY_VERIFY_WITH_TIMEOUT(!events.isConnected(), 5000);
    pollDue.clear();
    QTRY_VERIFY_WITH_TIMEOUT(events.attempt() >= 2, 5000);
    QVERIFY(pollDue.size() >= 3);
    QVERIFY(!events.lastError().isEmpty());
    QVERIFY(!events.isRefused());
    QVERIFY2(backend.restart(), qPrintable(backend.error()));
    QTRY_VERIFY_WITH_TIMEOUT(connected.size() == 3, 5000);
    QCOMPARE(events.attempt(), 0);
    QCOMPARE(events.malformedCount(), 0);
}

void TestLiveEvents::badKeyIsRefused()
{
    test::TestBackend backend(fastHealth);
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    LiveEvents events(fastSettings());
    Recorder seen;
    seen.attach(events, this);
    QSignalSpy connected(&events, &LiveEvents::connected);
    QSignalSpy disconnected(&events, &LiveEvents::disconnected);
    QSignalSpy pollDue(&events, &LiveEvents::pollDue);

    events.start(backend.plane().baseUrl(), u"wrk_not-a-real-key"_s);
    QVERIFY(disconnected.wait(5000));
    const QString reason = disconnected.constFirst().constFirst().toString();
    QVERIFY2(reason.contains(u"refused"_s) && reason.contains(u"unknown or revoked"_s),
             qPrintable(reason));
    QVERIFY(!events.isConnected());
    QVERIFY(events.isRefused());
    QCOMPARE(events.lastError(), reason);

    // It does not hammer the server with a key that will not work, and the
    // owner keeps polling (region reads are public).
    QTest::qWait(600);
    QCOMPARE(connected.size(), 0);
    QCOMPARE(disconnected.size(), 1);
    QVERIFY(seen.health.isEmpty());
    QVERIFY(pollDue.size() >= 2);
}

void TestLiveEvents::malformedEventsAreCountedAndSkipped()
{
    QWebSocketServer server(u"garbage"_s, QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QByteArray authorization;
    QString path;

    const RegionHealth health = [] {
        RegionHealth h;
        h.code = u"eu-west"_s;
        h.status = RegionStatus::Degraded;
        h.score = 71.5;
        h.checkedAt = QDateTime(QDate(2025, 3, 9), QTime(10, 0), Qt::UTC);
        return h;
    }();
    Waddle waddle;
    waddle.id = u"w-1"_s;
    waddle.name = u"Waddle one"_s;
    waddle.voiceRegion = u"us-east"_s;
    waddle.currentRegion = u"us-east"_s;
    waddle.version = 3;
    domain::Region edited;
    edited.code = u"asia-se"_s;
    edited.name = u"Asia Southeast"_s;
    edited.endpoint = u"wss://asia-se.example"_s;
    edited.healthUrl = u"http://127.0.0.1:1/health"_s;
    edited.location = {u"Singapore"_s, u"Singapore"_s, u"Asia"_s, 1.35, 103.82};
    edited.capacity = {120, 1000};
    edited.priority = 9;
    edited.failoverRegions = {u"eu-north"_s};
    edited.version = 2;
    domain::RegionAlert acked;
    acked.id = u"a-1"_s;
    acked.regionCode = u"eu-west"_s;
    acked.severity = domain::Severity::Critical;
    acked.title = u"eu-west is offline"_s;
    acked.from = RegionStatus::Online;
    acked.to = RegionStatus::Offline;
    acked.createdAt = QDateTime(QDate(2025, 3, 9), QTime(10, 0), Qt::UTC);
    acked.acknowledgedAt = QDateTime(QDate(2025, 3, 9), QTime(10, 5), Qt::UTC);

    const QStringList garbage{
        u"not json at all"_s,
        u"[1, 2, 3]"_s,
        u"{}"_s,
        u"{\"type\": 7}"_s,
        u"{\"type\": \"region.health\"}"_s,
        u"{\"type\": \"region.health\", \"health\": {\"code\": 5}}"_s,
        compact({{u"type"_s, u"region.status"_s},
                 {u"region"_s, u"eu-west"_s},
                 {u"from"_s, u"sideways"_s},
                 {u"to"_s, u"online"_s},
                 {u"health"_s, domain::toJson(health)}}),
        compact({{u"type"_s, u"region.status"_s},
                 {u"region"_s, u"Not A Code!"_s},
                 {u"from"_s, u"online"_s},
                 {u"to"_s, u"offline"_s},
                 {u"health"_s, domain::toJson(health)}}),
        u"{\"type\": \"alert\", \"region\": \"eu-west\", \"severity\": \"apocalyptic\", "
        "\"title\": \"x\"}"_s,
        u"{\"type\": \"waddle.region\", \"waddle\": {}}"_s,
        u"{\"type\": \"region.updated\", \"region\": {\"code\": \"Not A Code!\"}}"_s,
        u"{\"type\": \"region.updated\"}"_s,
        u"{\"type\": \"alert.acknowledged\", \"alert\": {\"id\": 5}}"_s,
        u"{\"type\": \"region.health\", \"health\": "_s, // cut short
    };
    const QStringList good{
        u"{\"type\": \"some.future.event\", \"x\": 1}"_s, // ignored, not malformed
        compact({{u"type"_s, u"region.health"_s}, {u"health"_s, domain::toJson(health)}}),
        compact({{u"type"_s, u"region.status"_s},
                 {u"region"_s, u"eu-west"_s},
                 {u"from"_s, u"online"_s},
                 {u"to"_s, u"degraded"_s},
                 {u"health"_s, domain::toJson(health)}}),
        compact({{u"type"_s, u"alert"_s},
                 {u"region"_s, u"eu-west"_s},
                 {u"severity"_s, u"critical"_s},
                 {u"title"_s, u"eu-west is offline"_s},
                 {u"description"_s, u"2 checks failed"_s}}),
        compact({{u"type"_s, u"waddle.region"_s},
                 {u"waddle"_s, domain::toJson(waddle)},
                 {u"from"_s, u"eu-west"_s},
                 {u"to"_s, u"us-east"_s},
                 {u"reason"_s, u"failover"_s}}),
        compact({{u"type"_s, u"region.updated"_s}, {u"region"_s, domain::toJson(edited)}}),
        compact({{u"type"_s, u"alert.acknowledged"_s}, {u"alert"_s, domain::toJson(acked)}}),
    };

    QList<QWebSocket *> clients;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        QWebSocket *socket = server.nextPendingConnection();
        clients.append(socket);
        authorization = socket->request().rawHeader("Authorization");
        path = socket->requestUrl().path();
        socket->sendTextMessage(u"{\"type\": \"hello\", \"waddle_events\": true}"_s);
        for (const QString &message : garbage)
            socket->sendTextMessage(message);
        socket->sendBinaryMessage(QByteArray("\x00\x01\x02", 3));
        for (const QString &message : good)
            socket->sendTextMessage(message);
    });

    LiveEvents events(fastSettings());
    Recorder seen;
    seen.attach(events, this);
    QSignalSpy connected(&events, &LiveEvents::connected);
    QSignalSpy malformed(&events, &LiveEvents::malformedEvent);
    events.start(QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort())), u"test-key"_s);
    QVERIFY(connected.wait(5000));
    QTRY_VERIFY_WITH_TIMEOUT(seen.waddles.size() == 1, 5000);

    QCOMPARE(authorization, QByteArray("Bearer test-key"));
    QCOMPARE(path, u"/api/v1/events"_s);
    QCOMPARE(events.malformedCount(), int(garbage.size()) + 1); // + the binary message
    QCOMPARE(malformed.size(), garbage.size() + 1);
    QVERIFY(events.isConnected());

    QCOMPARE(seen.health.size(), 1);
    QVERIFY(seen.health.constFirst() == health);
    QCOMPARE(seen.statuses.size(), 1);
    QCOMPARE(seen.statuses.constFirst(),
             (QStringList{u"eu-west"_s, u"online"_s, u"degraded"_s, u"eu-west"_s}));
    QCOMPARE(seen.alerts.size(), 1);
    QCOMPARE(
        seen.alerts.constFirst(),
        (QStringList{u"eu-west"_s, u"critical"_s, u"eu-west is offline"_s, u"2 checks failed"_s}));
    QVERIFY(seen.waddles.constFirst() == waddle);
    QCOMPARE(seen.waddleMoves.constFirst(),
             (QStringList{u"eu-west"_s, u"us-east"_s, u"failover"_s}));
    QCOMPARE(seen.regions.size(), 1);
    QVERIFY(seen.regions.constFirst() == edited);
    QCOMPARE(seen.acks.size(), 1);
    QVERIFY(seen.acks.constFirst() == acked);

    // The server closing the stream is a drop like any other: it reconnects.
    QSignalSpy disconnected(&events, &LiveEvents::disconnected);
    clients.constFirst()->close(QWebSocketProtocol::CloseCodeNormal, u"bye"_s);
    QVERIFY(disconnected.wait(5000));
    QVERIFY2(disconnected.constFirst().constFirst().toString().contains(u"bye"_s),
             qPrintable(disconnected.constFirst().constFirst().toString()));
    QTRY_VERIFY_WITH_TIMEOUT(connected.size() == 2, 5000);
    events.stop();
}

void TestLiveEvents::silentServerTimesOut()
{
    // Accepts the TCP connection and never answers the WebSocket handshake.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    LiveEvents::Settings settings = fastSettings();
    settings.connectTimeout = 300ms;
    LiveEvents events(settings);
    QSignalSpy disconnected(&events, &LiveEvents::disconnected);
    QSignalSpy pollDue(&events, &LiveEvents::pollDue);
    events.start(QUrl(u"http://127.0.0.1:%1"_s.arg(silent.serverPort())), QString());
    QVERIFY(disconnected.wait(3000));
    QVERIFY2(disconnected.constFirst().constFirst().toString().contains(u"No answer"_s),
             qPrintable(disconnected.constFirst().constFirst().toString()));
    QVERIFY(!events.isConnected());
    QVERIFY(!events.isRefused());
    QTRY_VERIFY_WITH_TIMEOUT(events.attempt() >= 2, 5000); // keeps trying
    QVERIFY(pollDue.size() >= 2);
    events.stop();
}

QTEST_GUILESS_MAIN(TestLiveEvents)
#include "tst_liveevents.moc"
