// SPEC §10 migrations as persisted state machines (issue 11), on a manual
// clock and an in-memory store with scripted media servers: six steps in
// order, rollback before update, cancel until the move, scheduling, bad
// requests with nothing stored, resume after a crash between move and
// update, and a region drained.
#include "controlplane/services/eventhub.h"
#include "controlplane/services/migrationservice.h"
#include "controlplane/services/regionservice.h"
#include "controlplane/store/database.h"
#include "controlplane/store/migrationrepository.h"
#include "controlplane/store/notificationrepository.h"
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

struct World
{
    World()
        : clock(kStart)
        , database(Database::open(storeLocation()).value().release())
        , regions(*database)
        , events(clock)
        , service(*database, regions, events, voice, MigrationService::Settings{}, clock)
        , waddles(*database)
        , store(*database)
    {
        loaded = regions.load(defaultCatalogue()).ok();
        QList<Waddle> list;
        QList<Member> members;
        for (int i = 0; i < 4; ++i) {
            Waddle w;
            w.id = u"w-%1"_s.arg(i, 2, 10, QLatin1Char('0'));
            w.name = w.id;
            w.ownerId = u"owner"_s;
            w.currentRegion = i < 3 ? u"eu-west"_s : u"us-east"_s;
            w.memberCount = 2;
            list.append(w);
            members.append(Member{u"m-%1a"_s.arg(i), w.id, u"A"_s,
                                  MemberLocation{u"Berlin"_s, u"DE"_s, GeoPoint{52.52, 13.40}}});
            members.append(Member{u"m-%1b"_s.arg(i), w.id, u"B"_s,
                                  MemberLocation{u"Oslo"_s, u"NO"_s, GeoPoint{59.91, 10.75}}});
        }
        loaded = loaded && waddles.insertWaddles(list, members).ok();
    }

    MigrationService::Request to(const QString &region, const QStringList &ids = {u"w-00"_s})
    {
        MigrationService::Request r;
        r.waddleIds = ids;
        r.to = region;
        return r;
    }

    ManualClock clock;
    std::unique_ptr<Database> database;
    RegionService regions;
    EventHub events;
    ScriptedVoice voice;
    MigrationService service;
    WaddleRepository waddles;
    MigrationRepository store;
    bool loaded = false;
};

QStringList stepStates(const Migration &m)
{
    QStringList out;
    for (const MigrationStep &s : m.steps)
        out.append(enumToName(kStepStateNames, s.state));
    return out;
}

QString stateOf(const Migration &m)
{
    return enumToName(kMigrationStateNames, m.state);
}

} // namespace

class TestMigrationService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsTheSixSteps();
    void failureBeforeUpdateRollsBack_data();
    void failureBeforeUpdateRollsBack();
    void failedCleanupStillCompletes();
    void badRequestsStoreNothing_data();
    void badRequestsStoreNothing();
    void dryRunPreviewsOnly();
    void scheduledStartsOnTime();
    void cancelUntilTheMove();
    void resumesBetweenMoveAndUpdate();
    void drainsARegion();
    void onlyTheStartedServiceRuns();
};

void TestMigrationService::runsTheSixSteps()
{
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    QSignalSpy finished(&world.service, &MigrationService::migrationFinished);
    const auto created = world.service.create(world.to(u"eu-north"_s));
    QVERIFY(created.ok());
    QCOMPARE(finished.size(), 1);
    const Migration m = world.service.migration(created->at(0).id).value();
    QCOMPARE(stateOf(m), u"completed"_s);
    QCOMPARE(stepStates(m), QStringList(6, u"done"_s));
    for (const MigrationStep &s : m.steps) {
        QVERIFY(s.startedAt == kStart);
        QVERIFY(s.finishedAt == kStart);
    }
    QCOMPARE(world.voice.calls, (QStringList{u"prepare eu-north w-00"_s, u"notify eu-north w-00"_s,
                                             u"move eu-north w-00"_s, u"cleanup eu-west w-00"_s}));
    const Waddle w = world.waddles.waddle(u"w-00"_s).value();
    QCOMPARE(w.currentRegion, u"eu-north"_s);
    QVERIFY(!w.temporary);
    QCOMPARE(w.version, 2);
    const auto told = NotificationRepository(*world.database).notifications(u"w-00"_s);
    QCOMPARE(told->size(), 1);
    QCOMPARE(told->at(0).source, u"migration:"_s + m.id);
    // The preview, Frankfurt → Stockholm: Oslo (1,090 → 417 km) gets
    // faster, Berlin (424 → 810 km) slower; on average (757 → 613 km)
    // faster.
    QCOMPARE(m.preview.groups.size(), 2);
    QCOMPARE(m.preview.faster, 1);
    QCOMPARE(m.preview.slower, 1);
    QVERIFY(m.preview.meanAfterMs < m.preview.meanBeforeMs);
}

void TestMigrationService::failureBeforeUpdateRollsBack_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QStringList>("states");

    QTest::newRow("prepare") << u"prepare"_s
                             << QStringList{u"failed"_s,  u"skipped"_s, u"skipped"_s,
                                            u"skipped"_s, u"skipped"_s, u"skipped"_s};
    QTest::newRow("notify") << u"notify"_s << QStringList{u"done"_s,    u"failed"_s,  u"skipped"_s,
                                                          u"skipped"_s, u"skipped"_s, u"skipped"_s};
    QTest::newRow("move") << u"move"_s << QStringList{u"done"_s,    u"done"_s,    u"failed"_s,
                                                      u"skipped"_s, u"skipped"_s, u"skipped"_s};
}

void TestMigrationService::failureBeforeUpdateRollsBack()
{
    QFETCH(QString, step);
    QFETCH(QStringList, states);

    World world;
    QVERIFY(world.loaded);
    world.voice.refusingSteps = {step};
    world.service.start();
    const auto created = world.service.create(world.to(u"eu-north"_s));
    QVERIFY(created.ok());
    const Migration m = world.service.migration(created->at(0).id).value();
    QCOMPARE(stateOf(m), u"rolled_back"_s);
    QCOMPARE(stepStates(m), states);
    QVERIFY2(m.error.contains(u"HTTP 503"_s), qPrintable(m.error));
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"eu-west"_s);
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->version, 1);
    // The target room is removed, the source one left alone.
    QCOMPARE(world.voice.calls.constLast(), u"cleanup eu-north w-00"_s);
    QVERIFY(!world.voice.calls.contains(u"cleanup eu-west w-00"_s));
}

void TestMigrationService::failedCleanupStillCompletes()
{
    World world;
    QVERIFY(world.loaded);
    world.voice.refusingSteps = {u"cleanup"_s};
    world.service.start();
    const auto created = world.service.create(world.to(u"eu-north"_s));
    const Migration m = world.service.migration(created->at(0).id).value();
    QCOMPARE(stateOf(m), u"completed"_s);
    QCOMPARE(stepStates(m),
             (QStringList{u"done"_s, u"done"_s, u"done"_s, u"done"_s, u"failed"_s, u"done"_s}));
    QVERIFY(!m.error.isEmpty()); // an orphan room on the old region, said so
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"eu-north"_s);
}

void TestMigrationService::badRequestsStoreNothing_data()
{
    QTest::addColumn<QStringList>("waddles");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("startInSeconds"); // 0: now
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("field");

    QTest::newRow("unknown region") << QStringList{u"w-00"_s} << u"mars-1"_s << 0
                                    << int(StoreError::Kind::NotFound) << QString();
    QTest::newRow("offline target") << QStringList{u"w-00"_s} << u"asia-ne"_s << 0
                                    << int(StoreError::Kind::Conflict) << u"to"_s;
    QTest::newRow("maintenance target") << QStringList{u"w-00"_s} << u"asia-se"_s << 0
                                        << int(StoreError::Kind::Conflict) << u"to"_s;
    QTest::newRow("unknown waddle") << QStringList{u"w-00"_s, u"w-99"_s} << u"eu-north"_s << 0
                                    << int(StoreError::Kind::NotFound) << QString();
    QTest::newRow("already there") << QStringList{u"w-01"_s, u"w-03"_s} << u"us-east"_s << 0
                                   << int(StoreError::Kind::Invalid) << u"to"_s;
    QTest::newRow("start in the past") << QStringList{u"w-00"_s} << u"eu-north"_s << -1
                                       << int(StoreError::Kind::Invalid) << u"start_at"_s;
    QTest::newRow("already migrating") << QStringList{u"w-01"_s, u"w-02"_s} << u"eu-north"_s << 0
                                       << int(StoreError::Kind::Conflict) << u"waddle_id"_s;
    QTest::newRow("no waddle") << QStringList{} << u"eu-north"_s << 0
                               << int(StoreError::Kind::Invalid) << u"waddle_ids"_s;
}

void TestMigrationService::badRequestsStoreNothing()
{
    QFETCH(QStringList, waddles);
    QFETCH(QString, to);
    QFETCH(int, startInSeconds);
    QFETCH(int, kind);
    QFETCH(QString, field);

    World world;
    QVERIFY(world.loaded);
    QVERIFY(
        world.regions.applyStatus(u"asia-ne"_s, RegionStatus::Online, RegionStatus::Offline).ok());
    QVERIFY(world.regions.setMaintenance(u"asia-se"_s, true).ok());
    QVERIFY(world.regions.applyStatus(u"asia-se"_s, RegionStatus::Online, RegionStatus::Maintenance)
                .ok());
    world.service.start();
    // w-02 is already on its way (scheduled in an hour).
    MigrationService::Request busy = world.to(u"eu-north"_s, {u"w-02"_s});
    busy.startAt = kStart.addSecs(3600);
    QVERIFY(world.service.create(busy).ok());

    MigrationService::Request request = world.to(to, waddles);
    if (startInSeconds != 0)
        request.startAt = kStart.addSecs(startInSeconds);
    const auto created = world.service.create(request);
    QVERIFY(!created.ok());
    QCOMPARE(int(created.error().kind), kind);
    QCOMPARE(created.error().field, field);
    QCOMPARE(world.service.migrationCount({}, std::nullopt).value(), 1);
    QCOMPARE(world.voice.calls.size(), 0);
}

void TestMigrationService::dryRunPreviewsOnly()
{
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    MigrationService::Request request = world.to(u"us-west"_s, {u"w-00"_s, u"w-01"_s});
    request.dryRun = true;
    const auto previews = world.service.create(request);
    QVERIFY(previews.ok());
    QCOMPARE(previews->size(), 2);
    // Europe to California: both members get slower.
    QCOMPARE(previews->at(0).preview.slower, 2);
    QVERIFY(previews->at(0).preview.p95AfterMs > previews->at(0).preview.p95BeforeMs);
    QCOMPARE(world.service.migrationCount({}, std::nullopt).value(), 0);
    QCOMPARE(world.voice.calls.size(), 0);
}

void TestMigrationService::scheduledStartsOnTime()
{
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    MigrationService::Request request = world.to(u"eu-north"_s);
    request.startAt = kStart.addSecs(60);
    const auto created = world.service.create(request);
    QVERIFY(created.ok());
    const QString id = created->at(0).id;
    world.clock.advance(59'000);
    QCOMPARE(stateOf(world.service.migration(id).value()), u"scheduled"_s);
    world.clock.advance(1'000);
    QCOMPARE(stateOf(world.service.migration(id).value()), u"completed"_s);
    QVERIFY(world.service.migration(id)->steps.at(0).startedAt == kStart.addSecs(60));
}

void TestMigrationService::cancelUntilTheMove()
{
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    // Scheduled: cancelled before anything ran.
    MigrationService::Request later = world.to(u"eu-north"_s);
    later.startAt = kStart.addSecs(600);
    const QString scheduled = world.service.create(later)->at(0).id;
    const auto cancelled = world.service.cancel(scheduled);
    QVERIFY(cancelled.ok());
    QCOMPARE(stateOf(cancelled.value()), u"cancelled"_s);
    QCOMPARE(stepStates(cancelled.value()), QStringList(6, u"skipped"_s));

    // Running, in its prepare step (slow rooms): cancelled, nothing moves.
    world.voice.delayMs = 100;
    QSignalSpy finished(&world.service, &MigrationService::migrationFinished);
    const QString running = world.service.create(world.to(u"eu-north"_s, {u"w-01"_s}))->at(0).id;
    QCOMPARE(stateOf(world.service.migration(running).value()), u"running"_s);
    QVERIFY(world.service.cancel(running).ok());
    QTest::qWait(250);
    QCOMPARE(stateOf(world.service.migration(running).value()), u"cancelled"_s);
    QCOMPARE(world.waddles.waddle(u"w-01"_s)->currentRegion, u"eu-west"_s);

    // Finished: no cancel.
    world.voice.delayMs = 0;
    const QString done = world.service.create(world.to(u"eu-north"_s, {u"w-02"_s}))->at(0).id;
    QCOMPARE(stateOf(world.service.migration(done).value()), u"completed"_s);
    const auto late = world.service.cancel(done);
    QVERIFY(!late.ok());
    QCOMPARE(late.error().kind, StoreError::Kind::Conflict);
    QCOMPARE(world.service.cancel(u"nope"_s).error().kind, StoreError::Kind::NotFound);
}

void TestMigrationService::resumesBetweenMoveAndUpdate()
{
    // The process died after the move step: the media servers moved the
    // call, the store had not. The next start finishes the job, once.
    World world;
    QVERIFY(world.loaded);
    Migration m = newMigration(u"m1"_s, u"w-00"_s, u"eu-west"_s, u"eu-north"_s,
                               MigrationReason::Manual, kStart, kStart);
    for (MigrationStepName step :
         {MigrationStepName::Prepare, MigrationStepName::Notify, MigrationStepName::Move}) {
        m = stepStarted(m, step, kStart);
        m = stepFinished(m, step, {}, kStart);
    }
    m = stepStarted(m, MigrationStepName::Update, kStart); // left running
    QVERIFY(world.store.create({m}).ok());

    QSignalSpy finished(&world.service, &MigrationService::migrationFinished);
    world.service.start();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(stateOf(world.service.migration(u"m1"_s).value()), u"completed"_s);
    QCOMPARE(world.voice.calls, QStringList{u"cleanup eu-west w-00"_s});
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"eu-north"_s);
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->version, 2);
}

void TestMigrationService::drainsARegion()
{
    World world;
    QVERIFY(world.loaded);
    world.service.start();
    QVERIFY(world.regions.setMaintenance(u"eu-west"_s, true).ok());
    QVERIFY(world.regions.applyStatus(u"eu-west"_s, RegionStatus::Online, RegionStatus::Maintenance)
                .ok());
    const auto drained = world.service.drain(u"eu-west"_s);
    QVERIFY(drained.ok());
    QCOMPARE(drained->size(), 3);
    for (const Migration &m : drained.value()) {
        QVERIFY(m.reason == MigrationReason::Maintenance);
        QCOMPARE(stateOf(world.service.migration(m.id).value()), u"completed"_s);
    }
    const QList<Waddle> after = world.waddles.waddles(0, 10).value();
    for (const Waddle &w : after)
        QVERIFY2(w.currentRegion != u"eu-west"_s, qPrintable(w.id));
    QCOMPARE(world.waddles.waddle(u"w-03"_s)->version, 1); // not on eu-west: untouched
    QCOMPARE(world.service.drain(u"mars-1"_s).error().kind, StoreError::Kind::NotFound);
}

QTEST_GUILESS_MAIN(TestMigrationService)
void TestMigrationService::onlyTheStartedServiceRuns()
{
    // Issue 16: an instance that does not lead (its service not started)
    // stores what it is asked; the leader's service runs it.
    World world;
    QVERIFY(world.loaded);
    QSignalSpy finished(&world.service, &MigrationService::migrationFinished);
    const auto created = world.service.create(world.to(u"eu-north"_s));
    QVERIFY(created.ok());
    const QString id = created->at(0).id;
    const auto drained = world.service.drain(u"eu-west"_s);
    QVERIFY(drained.ok());
    QTest::qWait(50);
    QCOMPARE(stateOf(world.service.migration(id).value()), u"scheduled"_s);
    for (const Migration &m : drained.value())
        QCOMPARE(stateOf(world.service.migration(m.id).value()), u"scheduled"_s);
    QVERIFY(world.voice.calls.isEmpty());
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"eu-west"_s);
    QCOMPARE(finished.size(), 0);

    world.service.start(); // it leads now
    QTRY_COMPARE(finished.size(), 1 + drained->size());
    QCOMPARE(stateOf(world.service.migration(id).value()), u"completed"_s);
    QCOMPARE(world.waddles.waddle(u"w-00"_s)->currentRegion, u"eu-north"_s);
}

#include "tst_migrationservice.moc"
