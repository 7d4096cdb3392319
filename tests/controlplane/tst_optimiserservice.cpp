// SPEC §7 optimisation as a service (issue 11), on a manual clock and an
// in-memory store: who is eligible, the threshold, the dry run, a move
// becoming a migration with reason optimization, and the loop.
#include "controlplane/services/eventhub.h"
#include "controlplane/services/migrationservice.h"
#include "controlplane/services/optimiserservice.h"
#include "controlplane/services/regionservice.h"
#include "controlplane/store/database.h"
#include "controlplane/store/waddlerepository.h"
#include "domain/catalogue.h"
#include "support/manualclock.h"
#include "support/scriptedvoice.h"
#include "support/testdatabase.h"

#include <QSignalSpy>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using waddle::test::storeLocation;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::ManualClock;
using waddle::test::ScriptedVoice;

namespace {

const QDateTime kStart(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC);

// Five waddles whose three members all live in Berlin:
//   w-00 auto, a channel, on us-west   → eu-west (Frankfurt) is far better
//   w-01 pinned to us-west              → skipped
//   w-02 auto, no active channel        → skipped
//   w-03 auto, a channel, on eu-west   → weighed, already optimal
//   w-04 auto, a channel, temporary     → skipped (fail-back decides)
struct World
{
    explicit World(double threshold = 0.20)
        : clock(kStart)
        , database(Database::open(storeLocation()).value().release())
        , regions(*database)
        , events(clock)
        , migrations(*database, regions, events, voice, MigrationService::Settings{}, clock)
        , optimiser(*database, regions, migrations, settings(threshold), clock)
        , waddles(*database)
    {
        loaded = regions.load(defaultCatalogue()).ok();
        QList<Waddle> list;
        QList<Member> members;
        for (int i = 0; i < 5; ++i) {
            Waddle w;
            w.id = u"w-%1"_s.arg(i, 2, 10, QLatin1Char('0'));
            w.name = w.id;
            w.ownerId = u"owner"_s;
            w.currentRegion = i == 3 ? u"eu-west"_s : u"us-west"_s;
            w.voiceRegion = i == 1 ? u"us-west"_s : automaticVoiceRegion();
            w.activeVoiceChannels = i == 2 ? 0 : 1;
            w.temporary = i == 4;
            w.originalRegion = i == 4 ? u"us-east"_s : QString();
            w.memberCount = 3;
            list.append(w);
            for (int m = 0; m < 3; ++m) {
                members.append(
                    Member{u"m-%1-%2"_s.arg(i).arg(m), w.id, u"M"_s,
                           MemberLocation{u"Berlin"_s, u"DE"_s, GeoPoint{52.52, 13.40}}});
            }
        }
        loaded = loaded && waddles.insertWaddles(list, members).ok();
    }

    static OptimiserService::Settings settings(double threshold)
    {
        OptimiserService::Settings s;
        s.intervalSeconds = 60;
        s.decision.improvementThreshold = threshold;
        return s;
    }

    ManualClock clock;
    std::unique_ptr<Database> database;
    RegionService regions;
    EventHub events;
    ScriptedVoice voice;
    MigrationService migrations;
    OptimiserService optimiser;
    WaddleRepository waddles;
    bool loaded = false;
};

} // namespace

class TestOptimiserService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dryRunProposes_data();
    void dryRunProposes();
    void runMigrates();
    void oneWaddleSaysWhy_data();
    void oneWaddleSaysWhy();
    void loopRunsOnTheInterval();
};

void TestOptimiserService::dryRunProposes_data()
{
    QTest::addColumn<double>("threshold");
    QTest::addColumn<int>("proposals");
    // Berlin: San Francisco ~9,100 km, Frankfurt ~420 km away, so the
    // improvement is ~90 %: above 20 %, below 99 %.
    QTest::newRow("20 %") << 0.20 << 1;
    QTest::newRow("99 %") << 0.99 << 0;
}

void TestOptimiserService::dryRunProposes()
{
    QFETCH(double, threshold);
    QFETCH(int, proposals);
    World world(threshold);
    QVERIFY(world.loaded);
    const auto run = world.optimiser.runAll(true);
    QVERIFY(run.ok());
    QCOMPARE(run->considered, 2); // w-00 and w-03
    QCOMPARE(run->skipped, 3);
    QCOMPARE(run->proposals.size(), proposals);
    if (proposals > 0) {
        const OptimiserService::Proposal &p = run->proposals.at(0);
        QCOMPARE(p.waddleId, u"w-00"_s);
        QCOMPARE(p.from, u"us-west"_s);
        QCOMPARE(p.to, u"eu-west"_s);
        QVERIFY2(p.improvementPercent > 85 && p.improvementPercent < 99,
                 qPrintable(QString::number(p.improvementPercent)));
        QCOMPARE(p.affectedUsers, 3);
        QCOMPARE(p.preview.faster, 3);
        QVERIFY(p.migrationId.isEmpty());
        const QJsonObject json = OptimiserService::toJson(run.value());
        QCOMPARE(json[u"proposals"_s][0][u"preview"_s][u"faster"_s].toInteger(), 3);
    }
    QCOMPARE(world.migrations.migrationCount({}, std::nullopt).value(), 0);
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"us-west"_s);
}

void TestOptimiserService::runMigrates()
{
    World world;
    QVERIFY(world.loaded);
    world.migrations.start();
    const auto run = world.optimiser.runAll(false);
    QVERIFY(run.ok());
    QCOMPARE(run->proposals.size(), 1);
    const auto m = world.migrations.migration(run->proposals.at(0).migrationId);
    QVERIFY(m.ok());
    QVERIFY(m->reason == MigrationReason::Optimization);
    QVERIFY(m->state == MigrationState::Completed);
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"eu-west"_s);
    // Weighed again: nothing left to improve.
    const auto again = world.optimiser.runAll(false);
    QCOMPARE(again->proposals.size(), 0);
    QCOMPARE(again->considered, 2);
}

void TestOptimiserService::oneWaddleSaysWhy_data()
{
    QTest::addColumn<QString>("waddle");
    QTest::addColumn<bool>("optimised");
    QTest::addColumn<QString>("reason");

    QTest::newRow("better region") << u"w-00"_s << true << u"serves the participants"_s;
    QTest::newRow("pinned") << u"w-01"_s << false << u"Pinned to us-west"_s;
    QTest::newRow("no channel") << u"w-02"_s << false << u"No active voice channels"_s;
    QTest::newRow("optimal") << u"w-03"_s << false << u"Current region is optimal"_s;
    QTest::newRow("temporary") << u"w-04"_s << false << u"temporary failover region"_s;
}

void TestOptimiserService::oneWaddleSaysWhy()
{
    QFETCH(QString, waddle);
    QFETCH(bool, optimised);
    QFETCH(QString, reason);
    World world;
    QVERIFY(world.loaded);
    const auto run = world.optimiser.runOne(waddle, true);
    QVERIFY(run.ok());
    QVERIFY(run->decision.has_value());
    QCOMPARE(run->decision->optimised, optimised);
    QVERIFY2(run->decision->reason.contains(reason), qPrintable(run->decision->reason));
    QCOMPARE(run->proposals.size(), optimised ? 1 : 0);
    QCOMPARE(world.optimiser.runOne(u"w-99"_s, true).error().kind, StoreError::Kind::NotFound);
}

void TestOptimiserService::loopRunsOnTheInterval()
{
    World world;
    QVERIFY(world.loaded);
    world.migrations.start();
    QSignalSpy ran(&world.optimiser, &OptimiserService::ran);
    world.optimiser.start();
    world.clock.advance(59'000);
    QCOMPARE(ran.size(), 0);
    world.clock.advance(1'000);
    QCOMPARE(ran.size(), 1);
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"eu-west"_s);
    world.clock.advance(60'000);
    QCOMPARE(ran.size(), 2);
    QCOMPARE(ran.at(1).at(1).toLongLong(), 0); // nothing more to propose
}

QTEST_GUILESS_MAIN(TestOptimiserService)
#include "tst_optimiserservice.moc"
