// RegionFeed (core/client/): the regions' flow against a real control plane
// with the demo fleet — the load into RegionsModel, health by poll and by the
// live stream (a fault turns a region offline in the model), alerts, the
// cache written and read back for an offline start, the selected region's
// detail, and the Session told how each call went. No widgets.
#include "client/apiclient.h"
#include "client/cache.h"
#include "client/liveevents.h"
#include "client/regionfeed.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "support/testbackend.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;
using domain::RegionHealth;
using domain::RegionStatus;

namespace {

void fastHealth(cp::ControlPlaneOptions &o)
{
    o.healthIntervalMs = 200;
}

// What the main window makes once, for one server: the feed and what it
// works with.
struct Rig
{
    Rig(const QUrl &server, const QString &key, Cache *cache)
        : api(ApiClient::Options{server, key, 5000, 0, 200})
        , feed(api, session, events, model, cache)
    {
        session.setServer(server);
        session.setApiKey(key);
    }

    ApiClient api;
    Session session;
    LiveEvents events;
    RegionsModel model;
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    RegionFeed feed;
};

// The control plane checks every region once at start; the answers take a
// few milliseconds. Until then /regions/health says "not checked yet".
bool everyRegionChecked(test::TestBackend &backend)
{
    const QJsonArray regions =
        backend.get(u"/api/v1/regions/health"_s).json()[u"regions"_s].toArray();
    return regions.size() == 6 &&
           std::all_of(regions.begin(), regions.end(), [](const QJsonValue &r) {
               return r[u"message"_s].toString() != u"not checked yet"_s;
           });
}

// The StatusRole of a region's row, in words.
QString statusOf(const RegionsModel &model, const QString &code)
{
    return domain::toString(static_cast<RegionStatus>(
        model.index(model.rowOf(code), 0).data(RegionsModel::StatusRole).toInt()));
}

} // namespace

class TestRegionFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void loadsRegionsAndHealthAndCachesThem();
    void liveStatusEventUpdatesTheModel();
    void operatorsEditArrivesLive();
    void opensOfflineFromTheCache();
    void detailOfTheLastAskedRegionOnly();
    void pollingAsksForHealth();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Cache> m_cache;
};

void TestRegionFeed::init()
{
    m_cache.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto cache = Cache::open(m_dir->filePath(u"cache.db"_s));
    QVERIFY2(cache.ok(), qPrintable(cache.ok() ? QString() : cache.error().message));
    m_cache = std::move(cache).value();
}

void TestRegionFeed::loadsRegionsAndHealthAndCachesThem()
{
    test::TestBackend backend;
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    QTRY_VERIFY_WITH_TIMEOUT(everyRegionChecked(backend), 5000);
    const QUrl server = backend.plane().baseUrl();
    Rig rig(server, backend.adminKey(), m_cache.get());
    QSignalSpy loaded(&rig.feed, &RegionFeed::regionsLoaded);
    QSignalSpy health(&rig.feed, &RegionFeed::healthChanged);
    QSignalSpy failed(&rig.feed, &RegionFeed::failed);

    rig.feed.start();
    QVERIFY(rig.events.isRunning());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.constFirst().at(0).toInt(), 6);
    QCOMPARE(rig.model.rowCount(), 6);
    QCOMPARE(toString(rig.session.state()), toString(Session::State::Connected));
    QVERIFY(rig.session.lastUpdate().isValid());

    // Then every region's health, into the model and out as signals.
    QTRY_VERIFY_WITH_TIMEOUT(health.size() >= 6, 10000);
    for (const domain::Region &region : rig.model.regions()) {
        const std::optional<RegionHealth> h = rig.model.health(region.code);
        QVERIFY2(h.has_value(), qPrintable(region.code));
        QCOMPARE(h->code, region.code);
    }
    QVERIFY(failed.isEmpty());

    // Both are in the cache for the next (offline) start.
    const auto cached = m_cache->regions(server);
    QVERIFY(cached.has_value());
    QCOMPARE(cached->value.size(), 6);
    QCOMPARE(cached->value, rig.model.regions());
    QTRY_COMPARE_WITH_TIMEOUT(m_cache->latestHealth(server).size(), 6, 5000);
}

void TestRegionFeed::liveStatusEventUpdatesTheModel()
{
    test::TestBackend backend(fastHealth);
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    Rig rig(backend.plane().baseUrl(), backend.adminKey(), nullptr);
    QSignalSpy loaded(&rig.feed, &RegionFeed::regionsLoaded);
    QSignalSpy alerts(&rig.feed, &RegionFeed::alertRaised);
    QSignalSpy connected(&rig.events, &LiveEvents::connected);
    rig.feed.start();
    QVERIFY(loaded.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty(), 5000);
    QCOMPARE(statusOf(rig.model, u"eu-west"_s), u"online"_s);

    QSignalSpy health(&rig.feed, &RegionFeed::healthChanged);
    QSignalSpy changed(&rig.model, &QAbstractItemModel::dataChanged);
    const test::HttpResult fault =
        backend.send("POST", u"/api/v1/sim/regions/eu-west/fault"_s,
                     QJsonObject{{u"kind"_s, u"offline"_s}}, backend.adminKey());
    QVERIFY2(fault.status == 200, fault.body.constData());

    // The health monitor notices within a few checks; the stream says so and
    // the model follows (the map and the table read it).
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(rig.model, u"eu-west"_s), u"offline"_s, 10000);
    QCOMPARE(domain::toString(rig.model.health(u"eu-west"_s)->status), u"offline"_s);
    QVERIFY(!changed.isEmpty());
    const auto offlineSeen = std::any_of(health.cbegin(), health.cend(), [](const auto &args) {
        const auto h = args.at(0).template value<RegionHealth>();
        return h.code == u"eu-west"_s && h.status == RegionStatus::Offline;
    });
    QVERIFY(offlineSeen);
    // The other regions are untouched.
    QCOMPARE(statusOf(rig.model, u"us-east"_s), u"online"_s);
    // And the alert comes through for the status bar.
    QTRY_VERIFY_WITH_TIMEOUT(!alerts.isEmpty(), 5000);
    QCOMPARE(alerts.constFirst().at(0).toString(), u"eu-west"_s);
    QCOMPARE(domain::toString(alerts.constFirst().at(1).value<domain::Severity>()), u"critical"_s);
}

void TestRegionFeed::operatorsEditArrivesLive()
{
    // Another operator edits a region (PUT /regions/{code}): this client's
    // model has the new priority and failover list at once, not at the next
    // full reload, and keeps its live status.
    test::TestBackend backend(fastHealth);
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    Rig rig(backend.plane().baseUrl(), backend.adminKey(), nullptr);
    QSignalSpy loaded(&rig.feed, &RegionFeed::regionsLoaded);
    QSignalSpy connected(&rig.events, &LiveEvents::connected);
    rig.feed.start();
    QVERIFY(loaded.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!connected.isEmpty(), 5000);
    const int row = rig.model.rowOf(u"asia-se"_s);
    QVERIFY(row >= 0);
    const domain::Region before = *rig.model.region(row);
    QVERIFY(before.priority != 9);

    QSignalSpy changed(&rig.model, &QAbstractItemModel::dataChanged);
    const test::HttpResult put = backend.send(
        "PUT", u"/api/v1/regions/asia-se"_s,
        QJsonObject{{u"priority"_s, 9}, {u"failover_regions"_s, QJsonArray{u"eu-north"_s}}},
        backend.adminKey(), "*"_ba);
    QVERIFY2(put.status == 200, put.body.constData());
    QTRY_COMPARE_WITH_TIMEOUT(rig.model.region(row)->priority, 9, 5000);
    const domain::Region after = *rig.model.region(row);
    QCOMPARE(after.failoverRegions, QStringList{u"eu-north"_s});
    QCOMPARE(after.version, before.version + 1);
    QVERIFY(after.status == before.status);
    QCOMPARE(after.name, before.name);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(rig.model.rowCount(), 6); // no reset, the same rows
}

void TestRegionFeed::opensOfflineFromTheCache()
{
    QUrl server;
    QList<domain::Region> seen;
    {
        test::TestBackend backend;
        QVERIFY(backend.ok());
        QTRY_VERIFY_WITH_TIMEOUT(everyRegionChecked(backend), 5000);
        server = backend.plane().baseUrl();
        Rig rig(server, backend.adminKey(), m_cache.get());
        QSignalSpy loaded(&rig.feed, &RegionFeed::regionsLoaded);
        rig.feed.start();
        QVERIFY(loaded.wait(10000));
        QTRY_COMPARE_WITH_TIMEOUT(m_cache->latestHealth(server).size(), 6, 10000);
        seen = rig.model.regions();
    }
    const auto saved = m_cache->regions(server);
    QVERIFY(saved.has_value());

    // The server is gone: the cached state is there at once, with its age.
    Rig rig(server, {}, m_cache.get());
    QSignalSpy failed(&rig.feed, &RegionFeed::failed);
    QSignalSpy loaded(&rig.feed, &RegionFeed::regionsLoaded);
    rig.feed.start();
    QCOMPARE(rig.model.rowCount(), 6);
    QCOMPARE(rig.model.regions().size(), seen.size());
    for (const domain::Region &region : seen)
        QVERIFY2(rig.model.health(region.code).has_value(), qPrintable(region.code));
    QCOMPARE(rig.session.lastUpdate(), saved->savedAt);

    // The load fails, and the session knows it.
    QVERIFY(failed.wait(10000));
    QVERIFY(loaded.isEmpty());
    QCOMPARE(toString(rig.session.state()), toString(Session::State::Offline));
    QCOMPARE(rig.model.rowCount(), 6);
}

void TestRegionFeed::detailOfTheLastAskedRegionOnly()
{
    test::TestBackend backend(fastHealth);
    QVERIFY(backend.ok());
    Rig rig(backend.plane().baseUrl(), backend.adminKey(), nullptr);
    QSignalSpy detail(&rig.feed, &RegionFeed::detailLoaded);

    // The person clicks one region, then another before the first answers.
    rig.feed.loadDetail(u"eu-west"_s);
    rig.feed.loadDetail(u"us-east"_s, 5);
    QVERIFY(detail.wait(5000));
    QTest::qWait(200);
    QCOMPARE(detail.size(), 1);
    QCOMPARE(detail.constFirst().at(0).toString(), u"us-east"_s);
    const auto latest = detail.constFirst().at(1).value<RegionHealth>();
    const auto history = detail.constFirst().at(2).value<QList<RegionHealth>>();
    QCOMPARE(latest.code, u"us-east"_s);
    QVERIFY(history.size() <= 5);
    for (const RegionHealth &h : history)
        QCOMPARE(h.code, u"us-east"_s);

    // A cleared selection drops an answer in flight.
    rig.feed.loadDetail(u"eu-west"_s);
    rig.feed.loadDetail(QString());
    QTest::qWait(500);
    QCOMPARE(detail.size(), 1);
}

void TestRegionFeed::pollingAsksForHealth()
{
    test::TestBackend backend;
    QVERIFY(backend.ok());
    QTRY_VERIFY_WITH_TIMEOUT(everyRegionChecked(backend), 5000);
    const QUrl server = backend.plane().baseUrl();
    Rig rig(server, backend.adminKey(), m_cache.get());
    QSignalSpy health(&rig.feed, &RegionFeed::healthChanged);

    // As the stream asks when it is down (pollDue): /regions/health alone.
    rig.feed.pollHealth();
    QTRY_COMPARE_WITH_TIMEOUT(health.size(), 6, 5000);
    QCOMPARE(toString(rig.session.state()), toString(Session::State::Connected));
    // The model keeps the health of regions it does not list yet.
    QCOMPARE(rig.model.rowCount(), 0);
    QVERIFY(rig.model.health(u"eu-west"_s).has_value());
    QTRY_COMPARE_WITH_TIMEOUT(m_cache->latestHealth(server).size(), 6, 5000);
}

QTEST_GUILESS_MAIN(TestRegionFeed)
#include "tst_regionfeed.moc"
