// The migration API over real HTTP against the control plane with the demo
// fleet (issue 11): six steps against the real agents, rollback under
// reject_rooms, previews, scheduling and cancel, roles, bad input with
// nothing changed, and a maintenance drain.
#include "controlplane/controlplane.h"
#include "controlplane/store/apikeyrepository.h"
#include "sim/demofleet.h"
#include "sim/regionagent.h"
#include "support/testbackend.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace waddle;
using namespace waddle::test;
using namespace Qt::StringLiterals;

class TestMigrationRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void runsSixStepsOnTheAgents();
    void rollsBackUnderRejectRooms();
    void badRequestsChangeNothing_data();
    void badRequestsChangeNothing();
    void scheduleCancelAndList();
    void maintenanceDrain();

private:
    HttpResult post(const QString &path, const QJsonObject &body, const QString &key = {});
    QJsonObject waddle(const QString &id);
    // A waddle on `region` that has no migration yet.
    QString waddleOn(const QString &region);
    QJsonObject waitFinished(const QString &id);

    std::unique_ptr<TestBackend> m_backend;
    QString m_admin;
    QString m_viewer;
    QString m_owner; // of w-0005
    QSet<QString> m_used;
};

void TestMigrationRoutes::initTestCase()
{
    m_backend = std::make_unique<TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_admin = m_backend->adminKey();
    auto &keys = m_backend->plane().apiKeys();
    m_viewer = keys.createApiKey(u"viewer"_s, cp::Role::Viewer, {}).value();
    m_owner = keys.createApiKey(u"owner"_s, cp::Role::Owner, {u"w-0005"_s}).value();
}

void TestMigrationRoutes::cleanupTestCase()
{
    m_backend.reset();
}

HttpResult TestMigrationRoutes::post(const QString &path, const QJsonObject &body,
                                     const QString &key)
{
    return m_backend->send("POST", path, body, key.isEmpty() ? m_admin : key);
}

QJsonObject TestMigrationRoutes::waddle(const QString &id)
{
    return m_backend->get(u"/api/v1/waddles/"_s + id, m_admin).json();
}

QString TestMigrationRoutes::waddleOn(const QString &region)
{
    const QJsonArray waddles =
        m_backend->get(u"/api/v1/waddles?limit=500"_s, m_admin).json()[u"waddles"_s].toArray();
    for (const QJsonValue &w : waddles) {
        const QString id = w[u"id"_s].toString();
        if (w[u"current_region"_s].toString() == region && !m_used.contains(id) &&
            id != u"w-0005"_s) {
            m_used.insert(id);
            return id;
        }
    }
    return {};
}

QJsonObject TestMigrationRoutes::waitFinished(const QString &id)
{
    QJsonObject m;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10'000) {
        m = m_backend->get(u"/api/v1/migrations/"_s + id, m_viewer)
                .json()[u"migration"_s]
                .toObject();
        const QString state = m[u"state"_s].toString();
        if (state != u"running"_s && state != u"scheduled"_s)
            break;
        QTest::qWait(20);
    }
    return m;
}

void TestMigrationRoutes::runsSixStepsOnTheAgents()
{
    const QString id = waddleOn(u"eu-west"_s);
    QVERIFY(!id.isEmpty());
    const HttpResult created =
        post(u"/api/v1/migrations"_s, {{u"waddle_id"_s, id}, {u"to"_s, u"eu-north"_s}});
    QCOMPARE(created.status, 202);
    const QJsonObject m = created.json()[u"migrations"_s][0].toObject();
    QCOMPARE(m[u"from"_s].toString(), u"eu-west"_s);
    QCOMPARE(m[u"reason"_s].toString(), u"manual"_s);
    QVERIFY(m[u"preview"_s][u"groups"_s].toArray().size() > 0);
    const QJsonObject done = waitFinished(m[u"id"_s].toString());
    QCOMPARE(done[u"state"_s].toString(), u"completed"_s);
    QStringList names;
    for (const QJsonValue &step : done[u"steps"_s].toArray()) {
        names.append(step[u"name"_s].toString());
        QCOMPARE(step[u"state"_s].toString(), u"done"_s);
    }
    QCOMPARE(names, (QStringList{u"prepare"_s, u"notify"_s, u"move"_s, u"update"_s, u"cleanup"_s,
                                 u"record"_s}));
    QCOMPARE(waddle(id)[u"current_region"_s].toString(), u"eu-north"_s);
    // The agent of eu-north holds the room now.
    qint64 rooms = -1;
    for (const sim::RegionAgent *agent : m_backend->fleet()->agents()) {
        if (agent->region().code == u"eu-north"_s)
            rooms = agent->roomCount();
    }
    QCOMPARE(rooms, 1);
}

void TestMigrationRoutes::rollsBackUnderRejectRooms()
{
    const QString id = waddleOn(u"eu-west"_s);
    QCOMPARE(post(u"/api/v1/sim/regions/us-east/fault"_s, {{u"kind"_s, u"reject_rooms"_s}}).status,
             200);
    const HttpResult created =
        post(u"/api/v1/migrations"_s, {{u"waddle_id"_s, id}, {u"to"_s, u"us-east"_s}});
    QCOMPARE(created.status, 202);
    const QJsonObject done = waitFinished(created.json()[u"migrations"_s][0][u"id"_s].toString());
    m_backend->request("DELETE", u"/api/v1/sim/regions/us-east/fault"_s, {},
                       {{"Authorization", "Bearer " + m_admin.toLatin1()}});
    QCOMPARE(done[u"state"_s].toString(), u"rolled_back"_s);
    QVERIFY2(done[u"error"_s].toString().contains(u"503"_s),
             qPrintable(done[u"error"_s].toString()));
    QCOMPARE(done[u"steps"_s][0][u"state"_s].toString(), u"failed"_s);
    QCOMPARE(done[u"steps"_s][3][u"state"_s].toString(), u"skipped"_s);
    QCOMPARE(waddle(id)[u"current_region"_s].toString(), u"eu-west"_s);
}

void TestMigrationRoutes::badRequestsChangeNothing_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");

    const QString past = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate);
    QTest::newRow("viewer") << QJsonObject{{u"waddle_id"_s, u"w-0005"_s}, {u"to"_s, u"us-west"_s}}
                            << u"viewer"_s << 403 << QString();
    QTest::newRow("owner of another waddle")
        << QJsonObject{{u"waddle_id"_s, u"w-0006"_s}, {u"to"_s, u"us-west"_s}} << u"owner"_s << 403
        << QString();
    QTest::newRow("owner drains a region")
        << QJsonObject{{u"from_region"_s, u"eu-west"_s}, {u"to"_s, u"us-west"_s}} << u"owner"_s
        << 403 << QString();
    QTest::newRow("no to") << QJsonObject{{u"waddle_id"_s, u"w-0005"_s}} << u"admin"_s << 400
                           << u"to"_s;
    QTest::newRow("two selections") << QJsonObject{{u"waddle_id"_s, u"w-0005"_s},
                                                   {u"from_region"_s, u"eu-west"_s},
                                                   {u"to"_s, u"us-west"_s}}
                                    << u"admin"_s << 400 << u"waddle_id"_s;
    QTest::newRow("unknown reason") << QJsonObject{{u"waddle_id"_s, u"w-0005"_s},
                                                   {u"to"_s, u"us-west"_s},
                                                   {u"reason"_s, u"whim"_s}}
                                    << u"admin"_s << 400 << u"reason"_s;
    QTest::newRow("unknown waddle")
        << QJsonObject{{u"waddle_id"_s, u"w-9999"_s}, {u"to"_s, u"us-west"_s}} << u"admin"_s << 404
        << QString();
    QTest::newRow("unknown region")
        << QJsonObject{{u"waddle_id"_s, u"w-0005"_s}, {u"to"_s, u"mars-1"_s}} << u"admin"_s << 404
        << QString();
    QTest::newRow("start in the past") << QJsonObject{{u"waddle_id"_s, u"w-0005"_s},
                                                      {u"to"_s, u"asia-se"_s},
                                                      {u"start_at"_s, past}}
                                       << u"admin"_s << 400 << u"start_at"_s;
    QTest::newRow("region in maintenance")
        << QJsonObject{{u"waddle_id"_s, u"w-0005"_s}, {u"to"_s, u"asia-ne"_s}} << u"admin"_s << 409
        << u"to"_s;
}

void TestMigrationRoutes::badRequestsChangeNothing()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, key);
    QFETCH(int, status);
    QFETCH(QString, field);

    QCOMPARE(m_backend
                 ->send("PUT", u"/api/v1/regions/asia-ne/maintenance"_s, {{u"maintenance"_s, true}},
                        m_admin)
                 .status,
             200);
    const QJsonObject before = waddle(u"w-0005"_s);
    const qint64 total =
        m_backend->get(u"/api/v1/migrations"_s, m_admin).json()[u"total"_s].toInteger();
    const QString secret = key == u"viewer"_s ? m_viewer : key == u"owner"_s ? m_owner : m_admin;
    const HttpResult r = post(u"/api/v1/migrations"_s, body, secret);
    QCOMPARE(r.status, status);
    QVERIFY(!r.errorCode().isEmpty());
    QCOMPARE(r.errorField(), field);
    QCOMPARE(waddle(u"w-0005"_s), before);
    QCOMPARE(m_backend->get(u"/api/v1/migrations"_s, m_admin).json()[u"total"_s].toInteger(),
             total);
    QCOMPARE(m_backend
                 ->send("PUT", u"/api/v1/regions/asia-ne/maintenance"_s,
                        {{u"maintenance"_s, false}}, m_admin)
                 .status,
             200);
}

void TestMigrationRoutes::scheduleCancelAndList()
{
    const QString at = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    const QString region = waddle(u"w-0005"_s)[u"current_region"_s].toString();
    const QString to = region == u"us-west"_s ? u"us-east"_s : u"us-west"_s;
    // The owner of w-0005 may, and sees the preview first.
    const HttpResult preview =
        post(u"/api/v1/migrations"_s,
             {{u"waddle_id"_s, u"w-0005"_s}, {u"to"_s, to}, {u"dry_run"_s, true}}, m_owner);
    QCOMPARE(preview.status, 200);
    QVERIFY(preview.json()[u"dry_run"_s].toBool());
    const QJsonObject p = preview.json()[u"migrations"_s][0][u"preview"_s].toObject();
    for (const QString &key : {u"groups"_s, u"mean_before"_s, u"mean_after"_s, u"p95_before"_s,
                               u"p95_after"_s, u"faster"_s, u"slower"_s})
        QVERIFY2(p.contains(key), qPrintable(key));
    const HttpResult scheduled =
        post(u"/api/v1/migrations"_s,
             {{u"waddle_id"_s, u"w-0005"_s}, {u"to"_s, to}, {u"start_at"_s, at}}, m_owner);
    QCOMPARE(scheduled.status, 202);
    const QString id = scheduled.json()[u"migrations"_s][0][u"id"_s].toString();
    QCOMPARE(scheduled.json()[u"migrations"_s][0][u"state"_s].toString(), u"scheduled"_s);
    // A second one of the same waddle: already migrating.
    const HttpResult twice =
        post(u"/api/v1/migrations"_s, {{u"waddle_id"_s, u"w-0005"_s}, {u"to"_s, to}});
    QCOMPARE(twice.status, 409);

    const HttpResult listed =
        m_backend->get(u"/api/v1/migrations?waddle_id=w-0005&state=scheduled"_s, m_viewer);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.json()[u"total"_s].toInteger(), 1);
    QCOMPARE(m_backend->get(u"/api/v1/migrations?state=sideways"_s, m_viewer).errorField(),
             u"state"_s);

    QCOMPARE(post(u"/api/v1/migrations/"_s + id + u"/cancel"_s, {}, m_viewer).status, 403);
    const HttpResult cancelled = post(u"/api/v1/migrations/"_s + id + u"/cancel"_s, {}, m_owner);
    QCOMPARE(cancelled.status, 200);
    QCOMPARE(cancelled.json()[u"migration"_s][u"state"_s].toString(), u"cancelled"_s);
    QCOMPARE(post(u"/api/v1/migrations/"_s + id + u"/cancel"_s, {}, m_owner).status, 409);
    QCOMPARE(post(u"/api/v1/migrations/nope/cancel"_s, {}).status, 404);
    QCOMPARE(m_backend->get(u"/api/v1/migrations/nope"_s, m_viewer).status, 404);
    QCOMPARE(waddle(u"w-0005"_s)[u"current_region"_s].toString(), region);
}

void TestMigrationRoutes::maintenanceDrain()
{
    QCOMPARE(m_backend
                 ->send("PUT", u"/api/v1/regions/asia-se/maintenance"_s,
                        {{u"maintenance"_s, false}, {u"drain"_s, true}}, m_admin)
                 .errorField(),
             u"drain"_s);
    const HttpResult drained =
        m_backend->send("PUT", u"/api/v1/regions/asia-se/maintenance"_s,
                        {{u"maintenance"_s, true}, {u"drain"_s, true}}, m_admin);
    QCOMPARE(drained.status, 200);
    const QJsonArray ids = drained.json()[u"drain_migrations"_s].toArray();
    QVERIFY(!ids.isEmpty());
    for (const QJsonValue &id : ids) {
        const QJsonObject m = waitFinished(id.toString());
        QCOMPARE(m[u"state"_s].toString(), u"completed"_s);
        QCOMPARE(m[u"reason"_s].toString(), u"maintenance"_s);
        QVERIFY(m[u"to"_s].toString() != u"asia-se"_s);
    }
    QVERIFY(waddleOn(u"asia-se"_s).isEmpty());
}

QTEST_MAIN(TestMigrationRoutes)
#include "tst_migrationroutes.moc"
