// The optimiser API over real HTTP against the control plane with the demo
// fleet (issue 11): the fleet's dry run with previews, one waddle's
// decision, roles and bad input with nothing changed.
#include "controlplane/controlplane.h"
#include "controlplane/store/apikeyrepository.h"
#include "support/testbackend.h"

#include <QJsonArray>
#include <QTest>

using namespace waddle;
using namespace waddle::test;
using namespace Qt::StringLiterals;

class TestOptimiserRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void fleetDryRun();
    void oneWaddle();
    void rolesAndBadInput_data();
    void rolesAndBadInput();

private:
    std::unique_ptr<TestBackend> m_backend;
    QString m_admin;
    QString m_viewer;
    QString m_owner; // of w-0005
};

void TestOptimiserRoutes::initTestCase()
{
    m_backend = std::make_unique<TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_admin = m_backend->adminKey();
    auto &keys = m_backend->plane().apiKeys();
    m_viewer = keys.createApiKey(u"viewer"_s, cp::Role::Viewer, {}).value();
    m_owner = keys.createApiKey(u"owner"_s, cp::Role::Owner, {u"w-0005"_s}).value();
}

void TestOptimiserRoutes::cleanupTestCase()
{
    m_backend.reset();
}

void TestOptimiserRoutes::fleetDryRun()
{
    const QJsonObject page = m_backend->get(u"/api/v1/waddles?limit=1"_s, m_admin).json();
    const HttpResult r =
        m_backend->send("POST", u"/api/v1/optimiser/run"_s, {{u"dry_run"_s, true}}, m_admin);
    QCOMPARE(r.status, 200);
    const QJsonObject body = r.json();
    // Every waddle is either weighed or skipped.
    QCOMPARE(body[u"considered"_s].toInteger() + body[u"skipped"_s].toInteger(),
             page[u"total"_s].toInteger());
    for (const QJsonValue &p : body[u"proposals"_s].toArray()) {
        QVERIFY(p[u"improvement"_s].toDouble() > 20.0);
        QVERIFY(p[u"from"_s].toString() != p[u"to"_s].toString());
        QVERIFY(p[u"preview"_s].toObject().contains(u"groups"_s));
        QVERIFY(!p.toObject().contains(u"migration_id"_s));
    }
    QCOMPARE(m_backend->get(u"/api/v1/migrations"_s, m_admin).json()[u"total"_s].toInteger(), 0);
}

void TestOptimiserRoutes::oneWaddle()
{
    const HttpResult r = m_backend->send("POST", u"/api/v1/waddles/w-0005/optimise"_s,
                                         {{u"dry_run"_s, true}}, m_owner);
    QCOMPARE(r.status, 200);
    const QJsonObject decision = r.json()[u"decision"_s].toObject();
    QVERIFY(decision.contains(u"optimised"_s));
    QVERIFY(!decision[u"reason"_s].toString().isEmpty());
    QCOMPARE(r.json()[u"proposals"_s].toArray().size(), decision[u"optimised"_s].toBool() ? 1 : 0);
}

void TestOptimiserRoutes::rolesAndBadInput_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("status");

    QTest::newRow("viewer runs the fleet")
        << u"/api/v1/optimiser/run"_s << QByteArray("{}") << u"viewer"_s << 403;
    QTest::newRow("owner runs the fleet")
        << u"/api/v1/optimiser/run"_s << QByteArray("{}") << u"owner"_s << 403;
    QTest::newRow("dry_run not a boolean")
        << u"/api/v1/optimiser/run"_s << QByteArray(R"({"dry_run": 1})") << u"admin"_s << 400;
    QTest::newRow("owner of another waddle")
        << u"/api/v1/waddles/w-0006/optimise"_s << QByteArray("{}") << u"owner"_s << 403;
    QTest::newRow("unknown waddle")
        << u"/api/v1/waddles/w-9999/optimise"_s << QByteArray("{}") << u"admin"_s << 404;
    QTest::newRow("not JSON") << u"/api/v1/waddles/w-0005/optimise"_s << QByteArray("dry")
                              << u"admin"_s << 400;
}

void TestOptimiserRoutes::rolesAndBadInput()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, key);
    QFETCH(int, status);
    const QString secret = key == u"viewer"_s ? m_viewer : key == u"owner"_s ? m_owner : m_admin;
    const QByteArray before = m_backend->get(u"/api/v1/waddles?limit=500"_s, m_admin).body;
    const HttpResult r = m_backend->request(
        "POST", path, body,
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + secret.toLatin1()}});
    QCOMPARE(r.status, status);
    QVERIFY(!r.errorCode().isEmpty());
    QCOMPARE(m_backend->get(u"/api/v1/waddles?limit=500"_s, m_admin).body, before);
    QCOMPARE(m_backend->get(u"/api/v1/migrations"_s, m_admin).json()[u"total"_s].toInteger(), 0);
}

QTEST_MAIN(TestOptimiserRoutes)
#include "tst_optimiserroutes.moc"
