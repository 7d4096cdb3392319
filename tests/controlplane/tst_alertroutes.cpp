// The status alerts API over real HTTP against the control plane with the
// demo fleet (issue 13): an offline fault raises a critical alert (listed, and
// pushed on the event stream with its id); an operator acknowledges it, the
// acknowledgement is stored and a second one changes nothing; bad requests
// (no key, a viewer, an unknown id) are refused with nothing changed.
#include "controlplane/controlplane.h"
#include "controlplane/store/apikeyrepository.h"
#include "support/testbackend.h"

#include <QJsonArray>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace waddle;
using namespace waddle::test;
using namespace Qt::StringLiterals;

class TestAlertRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void offlineFaultRaisesAlert();
    void refusedRequestsChangeNothing_data();
    void refusedRequestsChangeNothing();
    void operatorAcknowledgesOnce();

private:
    HttpResult ack(const QString &id, const QString &key);
    QJsonObject alertById(const QString &id);

    std::unique_ptr<TestBackend> m_backend;
    QString m_admin;
    QString m_viewer;
    QString m_operator;
    QString m_alertId; // the critical alert of eu-west going offline
};

void TestAlertRoutes::initTestCase()
{
    m_backend = std::make_unique<TestBackend>(
        [](cp::ControlPlaneOptions &options) { options.healthIntervalMs = 200; });
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_admin = m_backend->adminKey();
    const auto viewer =
        m_backend->plane().apiKeys().createApiKey(u"viewer"_s, cp::Role::Viewer, {});
    QVERIFY(viewer.ok());
    m_viewer = viewer.value();
    const auto op = m_backend->plane().apiKeys().createApiKey(u"sre"_s, cp::Role::Operator, {});
    QVERIFY(op.ok());
    m_operator = op.value();
}

void TestAlertRoutes::cleanupTestCase()
{
    m_backend.reset();
}

HttpResult TestAlertRoutes::ack(const QString &id, const QString &key)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!key.isEmpty())
        headers.append({"Authorization", "Bearer " + key.toLatin1()});
    return m_backend->request("POST", u"/api/v1/alerts/%1/ack"_s.arg(id), {}, headers);
}

QJsonObject TestAlertRoutes::alertById(const QString &id)
{
    const QJsonArray alerts =
        m_backend->get(u"/api/v1/alerts?limit=500"_s, m_viewer).json()[u"alerts"_s].toArray();
    for (const QJsonValue &alert : alerts) {
        if (alert[u"id"_s].toString() == id)
            return alert.toObject();
    }
    return {};
}

void TestAlertRoutes::offlineFaultRaisesAlert()
{
    QWebSocket socket;
    QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QUrl ws = m_backend->url(u"/api/v1/events"_s);
    ws.setScheme(u"ws"_s);
    QNetworkRequest request(ws);
    request.setRawHeader("Authorization", "Bearer " + m_viewer.toLatin1());
    socket.open(request);
    QVERIFY(connected.wait(5000));

    QCOMPARE(m_backend
                 ->send("POST", u"/api/v1/sim/regions/eu-west/fault"_s, {{u"kind"_s, u"offline"_s}},
                        m_admin)
                 .status,
             200);
    // Two failed checks 200 ms apart: offline, one critical alert.
    QJsonObject pushed;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const QList<QVariant> &args : std::as_const(messages)) {
                const QJsonObject event =
                    QJsonDocument::fromJson(args.at(0).toString().toUtf8()).object();
                // The health service's alert (the failover service may raise
                // its own about the same region).
                if (pushed.isEmpty() && event[u"type"_s] == u"alert"_s &&
                    event[u"region"_s] == u"eu-west"_s && event.contains(u"id"_s))
                    pushed = event;
            }
            return !pushed.isEmpty();
        }(),
        10000);
    QCOMPARE(pushed[u"severity"_s].toString(), u"critical"_s);
    m_alertId = pushed[u"id"_s].toString();
    QVERIFY(!m_alertId.isEmpty());
    const QJsonObject listed = alertById(m_alertId);
    QCOMPARE(listed[u"region"_s].toString(), u"eu-west"_s);
    QCOMPARE(listed[u"severity"_s].toString(), u"critical"_s);
    QCOMPARE(listed[u"to"_s].toString(), u"offline"_s);
    QVERIFY(!listed.contains(u"acknowledged_at"_s));
    QCOMPARE(m_backend
                 ->request("DELETE", u"/api/v1/sim/regions/eu-west/fault"_s, {},
                           {{"Authorization", "Bearer " + m_admin.toLatin1()}})
                 .status,
             200);
}

void TestAlertRoutes::refusedRequestsChangeNothing_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("id");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("no key") << u""_s << u"alert"_s << 401 << u"unauthorized"_s;
    QTest::newRow("viewer") << u"viewer"_s << u"alert"_s << 403 << u"forbidden"_s;
    QTest::newRow("unknown id") << u"operator"_s << u"no-such-alert"_s << 404 << u"not_found"_s;
}

void TestAlertRoutes::refusedRequestsChangeNothing()
{
    QFETCH(QString, who);
    QFETCH(QString, id);
    QFETCH(int, status);
    QFETCH(QString, code);
    QVERIFY2(!m_alertId.isEmpty(), "needs the alert of offlineFaultRaisesAlert");
    const QString key = who == u"viewer"_s     ? m_viewer
                        : who == u"operator"_s ? m_operator
                                               : QString();
    const QJsonObject before = alertById(m_alertId);
    const HttpResult r = ack(id == u"alert"_s ? m_alertId : id, key);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QCOMPARE(alertById(m_alertId), before);
    QVERIFY(!before.contains(u"acknowledged_at"_s));
}

void TestAlertRoutes::operatorAcknowledgesOnce()
{
    QVERIFY2(!m_alertId.isEmpty(), "needs the alert of offlineFaultRaisesAlert");
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    const HttpResult first = ack(m_alertId, m_operator);
    QCOMPARE(first.status, 200);
    QCOMPARE(first.json()[u"id"_s].toString(), m_alertId);
    const QString at = first.json()[u"acknowledged_at"_s].toString();
    const QDateTime when = QDateTime::fromString(at, Qt::ISODateWithMs);
    QVERIFY2(when.isValid() && when >= before && when <= QDateTime::currentDateTimeUtc(),
             qPrintable(at));
    // Stored: the list says so.
    QCOMPARE(alertById(m_alertId)[u"acknowledged_at"_s].toString(), at);

    // Again (another operator's click): 200, the first time stands.
    QTest::qWait(20);
    const HttpResult second = ack(m_alertId, m_admin);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.json()[u"acknowledged_at"_s].toString(), at);
    QCOMPARE(alertById(m_alertId)[u"acknowledged_at"_s].toString(), at);
}

QTEST_MAIN(TestAlertRoutes)
#include "tst_alertroutes.moc"
