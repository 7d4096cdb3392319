// The failover API over real HTTP against the control plane with the demo
// fleet (issue 11): roles, bad input with nothing changed, the dry run, an
// operator's failover and fail-back, and a region taken offline by a demo
// fault failing over and back on its own.
#include "controlplane/controlplane.h"
#include "controlplane/store/apikeyrepository.h"
#include "support/testbackend.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace waddle;
using namespace waddle::test;
using namespace Qt::StringLiterals;

class TestFailoverRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void rolesAndBadInput_data();
    void rolesAndBadInput();
    void dryRunChangesNothing();
    void operatorFailoverAndFailBack();
    void offlineFaultFailsOverAndBack();

private:
    HttpResult post(const QString &path, const QJsonObject &body, const QString &key = {});
    QHash<QString, QString> regionsOfWaddles();
    QString waitForState(const QString &id, const QString &state, int timeoutMs = 15000);

    std::unique_ptr<TestBackend> m_backend;
    QString m_admin;
    QString m_viewer;
};

void TestFailoverRoutes::initTestCase()
{
    m_backend = std::make_unique<TestBackend>([](cp::ControlPlaneOptions &options) {
        options.healthIntervalMs = 200;
        options.failbackAfterSeconds = 1;
    });
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_admin = m_backend->adminKey();
    const auto viewer =
        m_backend->plane().apiKeys().createApiKey(u"viewer"_s, cp::Role::Viewer, {});
    QVERIFY(viewer.ok());
    m_viewer = viewer.value();
}

void TestFailoverRoutes::cleanupTestCase()
{
    m_backend.reset();
}

HttpResult TestFailoverRoutes::post(const QString &path, const QJsonObject &body,
                                    const QString &key)
{
    return m_backend->send("POST", path, body, key.isEmpty() ? m_admin : key);
}

QHash<QString, QString> TestFailoverRoutes::regionsOfWaddles()
{
    QHash<QString, QString> out;
    const QJsonArray waddles = m_backend->get(u"/api/v1/waddles?limit=500"_s, m_admin)
                                   .json()
                                   .value(u"waddles"_s)
                                   .toArray();
    for (const QJsonValue &w : waddles) {
        out.insert(w[u"id"_s].toString(), w[u"current_region"_s].toString());
    }
    return out;
}

QString TestFailoverRoutes::waitForState(const QString &id, const QString &state, int timeoutMs)
{
    QString now;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        now = m_backend->get(u"/api/v1/failovers/"_s + id, m_viewer)
                  .json()
                  .value(u"failover"_s)
                  .toObject()
                  .value(u"state"_s)
                  .toString();
        if (now == state)
            break;
        QTest::qWait(50);
    }
    return now;
}

void TestFailoverRoutes::rolesAndBadInput_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("key"); // "admin", "viewer" or none
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");

    const QByteArray healthy = R"({"region": "asia-ne"})";
    QTest::newRow("no key") << QByteArray("POST") << u"/api/v1/failovers"_s << healthy << QString()
                            << 401 << QString();
    QTest::newRow("viewer may not act") << QByteArray("POST") << u"/api/v1/failovers"_s << healthy
                                        << u"viewer"_s << 403 << QString();
    QTest::newRow("viewer reads") << QByteArray("GET") << u"/api/v1/failovers"_s << QByteArray()
                                  << u"viewer"_s << 200 << QString();
    QTest::newRow("no region") << QByteArray("POST") << u"/api/v1/failovers"_s
                               << QByteArray(R"({"force": true})") << u"admin"_s << 400
                               << u"region"_s;
    QTest::newRow("dry_run not a boolean")
        << QByteArray("POST") << u"/api/v1/failovers"_s
        << QByteArray(R"({"region": "asia-ne", "dry_run": "yes"})") << u"admin"_s << 400
        << u"dry_run"_s;
    QTest::newRow("not JSON") << QByteArray("POST") << u"/api/v1/failovers"_s
                              << QByteArray("region=asia-ne") << u"admin"_s << 400 << QString();
    QTest::newRow("unknown region")
        << QByteArray("POST") << u"/api/v1/failovers"_s << QByteArray(R"({"region": "mars-1"})")
        << u"admin"_s << 404 << QString();
    QTest::newRow("healthy region without force") << QByteArray("POST") << u"/api/v1/failovers"_s
                                                  << healthy << u"admin"_s << 409 << u"force"_s;
    QTest::newRow("unknown failover") << QByteArray("GET") << u"/api/v1/failovers/nope"_s
                                      << QByteArray() << u"viewer"_s << 404 << QString();
    QTest::newRow("start unknown") << QByteArray("POST") << u"/api/v1/failovers/nope/start"_s
                                   << QByteArray() << u"admin"_s << 404 << QString();
    QTest::newRow("fail back unknown") << QByteArray("POST") << u"/api/v1/failovers/nope/failback"_s
                                       << QByteArray() << u"admin"_s << 404 << QString();
    QTest::newRow("paging") << QByteArray("GET") << u"/api/v1/failovers?limit=-1"_s << QByteArray()
                            << u"viewer"_s << 400 << u"limit"_s;
}

void TestFailoverRoutes::rolesAndBadInput()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, key);
    QFETCH(int, status);
    QFETCH(QString, field);

    const QHash<QString, QString> before = regionsOfWaddles();
    const qint64 jobs =
        m_backend->get(u"/api/v1/failovers"_s, m_admin).json().value(u"total"_s).toInteger();
    QList<std::pair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    if (key == u"admin"_s)
        headers.append({"Authorization", "Bearer " + m_admin.toLatin1()});
    else if (key == u"viewer"_s)
        headers.append({"Authorization", "Bearer " + m_viewer.toLatin1()});
    const HttpResult r = m_backend->request(method, path, body, headers);
    QCOMPARE(r.status, status);
    if (status >= 400) {
        QVERIFY2(!r.errorCode().isEmpty(), r.body.constData());
        QCOMPARE(r.errorField(), field);
    }
    QCOMPARE(regionsOfWaddles(), before);
    QCOMPARE(m_backend->get(u"/api/v1/failovers"_s, m_admin).json().value(u"total"_s).toInteger(),
             jobs);
}

void TestFailoverRoutes::dryRunChangesNothing()
{
    const QHash<QString, QString> before = regionsOfWaddles();
    const qint64 onRegion = std::count(before.cbegin(), before.cend(), u"asia-ne"_s);
    QVERIFY(onRegion > 0);
    const HttpResult r =
        post(u"/api/v1/failovers"_s, {{u"region"_s, u"asia-ne"_s}, {u"dry_run"_s, true}});
    QCOMPARE(r.status, 200);
    const QJsonObject plan = r.json().value(u"failover"_s).toObject();
    QCOMPARE(plan.value(u"affected"_s).toInteger(), onRegion);
    QCOMPARE(plan.value(u"unplaced"_s).toInteger() + plan.value(u"moves"_s).toArray().size() -
                 plan.value(u"unplaced"_s).toInteger(),
             onRegion);
    for (const QJsonValue &move : plan.value(u"moves"_s).toArray()) {
        QCOMPARE(move[u"from"_s].toString(), u"asia-ne"_s);
        QVERIFY(move[u"to"_s].toString() != u"asia-ne"_s);
    }
    const QJsonArray capacity = plan.value(u"capacity"_s).toArray();
    QVERIFY(!capacity.isEmpty());
    for (const QJsonValue &c : capacity)
        QVERIFY(c[u"after"_s].toInteger() <= c[u"maximum"_s].toInteger());
    QCOMPARE(regionsOfWaddles(), before);
    QCOMPARE(m_backend->get(u"/api/v1/failovers"_s, m_admin).json().value(u"total"_s).toInteger(),
             0);
}

void TestFailoverRoutes::operatorFailoverAndFailBack()
{
    // Slow rooms everywhere keep the job running long enough to be seen.
    for (const QString &code :
         {u"asia-se"_s, u"us-west"_s, u"us-east"_s, u"eu-west"_s, u"eu-north"_s}) {
        QCOMPARE(post(u"/api/v1/sim/regions/%1/fault"_s.arg(code),
                      {{u"kind"_s, u"slow_rooms"_s}, {u"extra_ms"_s, 40}})
                     .status,
                 200);
    }
    // The live events of the job (SPEC §12 WebSocket), as a key holder.
    QWebSocket socket;
    QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
    QUrl url = m_backend->url(u"/api/v1/events"_s);
    url.setScheme(u"ws"_s);
    QNetworkRequest upgrade(url);
    upgrade.setRawHeader("Authorization", "Bearer " + m_admin.toLatin1());
    socket.open(upgrade);
    QTRY_VERIFY_WITH_TIMEOUT(messages.size() >= 1, 5000); // hello

    const QHash<QString, QString> before = regionsOfWaddles();
    const HttpResult started =
        post(u"/api/v1/failovers"_s, {{u"region"_s, u"asia-ne"_s}, {u"force"_s, true}});
    QCOMPARE(started.status, 202);
    const QJsonObject job = started.json().value(u"failover"_s).toObject();
    const QString id = job.value(u"id"_s).toString();
    QCOMPARE(job.value(u"state"_s).toString(), u"running"_s);
    QCOMPARE(job.value(u"trigger"_s).toString(), u"operator"_s);

    const HttpResult second =
        post(u"/api/v1/failovers"_s, {{u"region"_s, u"asia-ne"_s}, {u"force"_s, true}});
    QCOMPARE(second.status, 409);
    QCOMPARE(second.errorField(), u"region"_s);
    QCOMPARE(post(u"/api/v1/failovers/"_s + id + u"/failback"_s, {}).status, 409);
    QCOMPARE(post(u"/api/v1/failovers/"_s + id + u"/start"_s, {}).status, 409);

    QCOMPARE(waitForState(id, u"completed"_s), u"completed"_s);
    const QJsonObject done =
        m_backend->get(u"/api/v1/failovers/"_s + id, m_viewer).json()[u"failover"_s].toObject();
    const QHash<QString, QString> after = regionsOfWaddles();
    QHash<QString, QString> unplaced;
    for (const QJsonValue &move : done.value(u"moves"_s).toArray()) {
        const QString waddle = move[u"waddle_id"_s].toString();
        if (move[u"state"_s].toString() == u"unplaced"_s) {
            QCOMPARE(after.value(waddle), u"asia-ne"_s);
        } else {
            QCOMPARE(move[u"state"_s].toString(), u"moved"_s);
            QCOMPARE(after.value(waddle), move[u"to"_s].toString());
        }
    }
    const QJsonObject moved =
        m_backend
            ->get(u"/api/v1/waddles/"_s + done[u"moves"_s][0][u"waddle_id"_s].toString(), m_admin)
            .json();
    QVERIFY(moved.value(u"temporary"_s).toBool());
    QCOMPARE(moved.value(u"original_region"_s).toString(), u"asia-ne"_s);
    // Everything not on asia-ne stayed where it was.
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (it.value() != u"asia-ne"_s)
            QCOMPARE(after.value(it.key()), it.value());
    }

    // Start, every batch, the end, and each waddle's move, for this job.
    QHash<QString, int> seen;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            seen.clear();
            for (const QList<QVariant> &m : messages) {
                const QJsonObject event =
                    QJsonDocument::fromJson(m.at(0).toString().toUtf8()).object();
                if (event[u"failover"_s].toString() == id ||
                    event[u"type"_s].toString() == u"waddle.region"_s)
                    ++seen[event[u"type"_s].toString()];
            }
            return seen.value(u"failover.finished"_s) == 1;
        }(),
        5000);
    QCOMPARE(seen.value(u"failover.started"_s), 1);
    const qint64 movedCount = done[u"succeeded"_s].toInteger();
    const qint64 batch = cp::ControlPlaneOptions{}.failoverBatchSize;
    QCOMPARE(seen.value(u"failover.batch"_s), int((movedCount + batch - 1) / batch));
    QCOMPARE(seen.value(u"waddle.region"_s), int(movedCount));
    socket.close();

    const HttpResult back = post(u"/api/v1/failovers/"_s + id + u"/failback"_s, {});
    QCOMPARE(back.status, 202);
    QCOMPARE(waitForState(id, u"failed_back"_s), u"failed_back"_s);
    QCOMPARE(regionsOfWaddles(), before);
    for (const QString &code :
         {u"asia-se"_s, u"us-west"_s, u"us-east"_s, u"eu-west"_s, u"eu-north"_s})
        m_backend->request("DELETE", u"/api/v1/sim/regions/%1/fault"_s.arg(code), {},
                           {{"Authorization", "Bearer " + m_admin.toLatin1()}});
    const QJsonArray listed =
        m_backend->get(u"/api/v1/failovers"_s, m_viewer).json().value(u"failovers"_s).toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.at(0)[u"id"_s].toString(), id);
}

void TestFailoverRoutes::offlineFaultFailsOverAndBack()
{
    const QHash<QString, QString> before = regionsOfWaddles();
    QVERIFY(std::count(before.cbegin(), before.cend(), u"us-west"_s) > 0);
    QCOMPARE(post(u"/api/v1/sim/regions/us-west/fault"_s, {{u"kind"_s, u"offline"_s}}).status, 200);
    // Detected by the monitor (200 ms checks, two failures), failed over.
    QString id;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QJsonArray jobs = m_backend->get(u"/api/v1/failovers"_s, m_viewer)
                                        .json()
                                        .value(u"failovers"_s)
                                        .toArray();
            for (const QJsonValue &job : jobs) {
                if (job[u"region"_s].toString() == u"us-west"_s)
                    id = job[u"id"_s].toString();
            }
            return !id.isEmpty();
        }(),
        10000);
    QCOMPARE(waitForState(id, u"completed"_s), u"completed"_s);
    const QJsonObject job =
        m_backend->get(u"/api/v1/failovers/"_s + id, m_viewer).json()[u"failover"_s].toObject();
    QCOMPARE(job.value(u"trigger"_s).toString(), u"automatic"_s);
    QVERIFY(job.value(u"succeeded"_s).toInteger() > 0);
    const QHash<QString, QString> during = regionsOfWaddles();
    QCOMPARE(std::count(during.cbegin(), during.cend(), u"us-west"_s),
             job.value(u"unplaced"_s).toInteger());

    // Cleared: online again, and after the fail-back delay (1 s) all home.
    QCOMPARE(m_backend
                 ->request("DELETE", u"/api/v1/sim/regions/us-west/fault"_s, {},
                           {{"Authorization", "Bearer " + m_admin.toLatin1()}})
                 .status,
             200);
    QCOMPARE(waitForState(id, u"failed_back"_s), u"failed_back"_s);
    QCOMPARE(regionsOfWaddles(), before);
}

QTEST_MAIN(TestFailoverRoutes)
#include "tst_failoverroutes.moc"
