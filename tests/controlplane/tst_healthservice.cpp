// SPEC §8 health end to end on a manual clock: checks, their history saved
// once a second and pruned after the retention period, status changes
// applied and alerted.
#include "controlplane/services/eventhub.h"
#include "controlplane/services/healthservice.h"
#include "controlplane/services/regionservice.h"
#include "controlplane/store/database.h"
#include "controlplane/store/healthrepository.h"
#include "controlplane/store/regionrepository.h"
#include "domain/catalogue.h"
#include "support/manualclock.h"
#include "support/scriptedprobe.h"
#include "support/testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using waddle::test::storeLocation;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::ManualClock;
using waddle::test::ScriptedProbe;

namespace {

const QDateTime kStart(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC);

// Everything a HealthService needs, on an in-memory database.
struct World
{
    World()
        : clock(kStart)
        , database(Database::open(storeLocation()).value().release())
        , regions(*database)
        , events(clock)
        , service(*database, regions, events, probe, HealthService::Settings{}, clock)
    {
        loaded = regions.load(defaultCatalogue()).ok();
    }

    ManualClock clock;
    std::unique_ptr<Database> database;
    RegionService regions;
    EventHub events;
    ScriptedProbe probe;
    HealthService service;
    bool loaded = false;
};

qsizetype historySize(const HealthService &service, const QString &code)
{
    const auto history = service.history(code, 1000);
    return history ? history->size() : -1;
}

} // namespace

class TestHealthService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void savesChecksOncePerSecond_data();
    void savesChecksOncePerSecond();
    void stopSavesWhatIsUnsaved();
    void statusChangeIsAppliedStoredAndAlerted();
    void prunesAfterTheRetentionPeriod();
    void maintenance();
};

void TestHealthService::savesChecksOncePerSecond_data()
{
    QTest::addColumn<qint64>("advanceMs");
    QTest::addColumn<qsizetype>("saved");
    // A round at start and every 5 s; saved by the flush a second later.
    QTest::newRow("before the first flush") << qint64(999) << qsizetype(0);
    QTest::newRow("first flush") << qint64(1000) << qsizetype(1);
    QTest::newRow("before the second round") << qint64(4999) << qsizetype(1);
    // Round and flush fall due together: the round runs first (its timer
    // was made first), so the flush saves it.
    QTest::newRow("second round") << qint64(5000) << qsizetype(2);
    QTest::newRow("a minute") << qint64(60'000) << qsizetype(13);
}

void TestHealthService::savesChecksOncePerSecond()
{
    QFETCH(qint64, advanceMs);
    QFETCH(qsizetype, saved);
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    world.clock.advance(advanceMs);
    QCOMPARE(historySize(world.service, u"eu-west"_s), saved);
}

void TestHealthService::stopSavesWhatIsUnsaved()
{
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    QCOMPARE(historySize(world.service, u"eu-west"_s), 0);
    world.service.stop();
    QCOMPARE(historySize(world.service, u"eu-west"_s), 1);
}

void TestHealthService::statusChangeIsAppliedStoredAndAlerted()
{
    World world;
    QVERIFY(world.loaded);
    QSignalSpy changed(&world.service, &HealthService::regionStatusChanged);
    world.probe.outcomes[u"eu-west"_s] = ScriptedProbe::refused();
    world.service.start();
    QCOMPARE(changed.size(), 0); // one failure is not an outage
    world.clock.advance(5000);   // the second one is (SPEC §8)
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), u"eu-west"_s);
    QCOMPARE(toString(changed.at(0).at(2).value<RegionStatus>()), toString(RegionStatus::Offline));

    QCOMPARE(toString(world.regions.region(u"eu-west"_s)->status), toString(RegionStatus::Offline));
    const auto stored = RegionRepository(*world.database).regions();
    QVERIFY(stored.ok());
    QCOMPARE(toString(findRegion(stored.value(), u"eu-west"_s)->status),
             toString(RegionStatus::Offline));

    const auto alerts = world.service.alerts(10);
    QVERIFY(alerts.ok());
    QCOMPARE(alerts->size(), 1);
    QCOMPARE(alerts->at(0).regionCode, u"eu-west"_s);
    QCOMPARE(toString(alerts->at(0).severity), toString(Severity::Critical));
    QCOMPARE(toString(alerts->at(0).to), toString(RegionStatus::Offline));
    QCOMPARE(alerts->at(0).createdAt, kStart.addSecs(5)); // the clock's time
}

void TestHealthService::prunesAfterTheRetentionPeriod()
{
    World world;
    QVERIFY(world.loaded);
    HealthRepository history(*world.database);
    RegionHealth old;
    old.code = u"eu-west"_s;
    old.checkedAt = kStart.addDays(-8); // beyond the 7 days kept
    RegionHealth recent = old;
    recent.checkedAt = kStart.addDays(-6);
    QVERIFY(history.recordHealth({old, recent}).ok());
    world.service.start();
    world.clock.advance(1000); // the first flush also prunes
    const auto kept = world.service.history(u"eu-west"_s, 10);
    QVERIFY(kept.ok());
    QCOMPARE(kept->size(), 2); // the new check and the recent one
    QCOMPARE(kept->at(1).checkedAt, recent.checkedAt);
}

void TestHealthService::maintenance()
{
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    QVERIFY(world.service.setMaintenance(u"eu-north"_s, true).ok());
    QCOMPARE(toString(world.regions.region(u"eu-north"_s)->status),
             toString(RegionStatus::Maintenance));
    const auto stored = RegionRepository(*world.database).regions();
    QVERIFY(stored.ok());
    QCOMPARE(toString(findRegion(stored.value(), u"eu-north"_s)->status),
             toString(RegionStatus::Maintenance));
    QVERIFY(world.service.setMaintenance(u"eu-north"_s, false).ok());
    QCOMPARE(toString(world.regions.region(u"eu-north"_s)->status), toString(RegionStatus::Online));
    const auto unknown = world.service.setMaintenance(u"mars-1"_s, true);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind, StoreError::Kind::NotFound);
}

QTEST_GUILESS_MAIN(TestHealthService)
#include "tst_healthservice.moc"
