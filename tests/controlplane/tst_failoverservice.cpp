// SPEC §9 failover and fail-back as persisted jobs (issue 11), on a manual
// clock and an in-memory store: started by the health monitor or an
// operator, capacity-aware, batched, resumed after a crash, failed back.
#include "controlplane/services/eventhub.h"
#include "controlplane/services/failoverservice.h"
#include "controlplane/services/healthservice.h"
#include "controlplane/services/regionservice.h"
#include "controlplane/services/voiceservice.h"
#include "controlplane/store/database.h"
#include "controlplane/store/failoverrepository.h"
#include "controlplane/store/notificationrepository.h"
#include "controlplane/store/regionalertrepository.h"
#include "controlplane/store/waddlerepository.h"
#include "domain/catalogue.h"
#include "support/manualclock.h"
#include "support/scriptedprobe.h"
#include "support/scriptedvoice.h"
#include "support/testdatabase.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using waddle::test::storeLocation;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::ManualClock;
using waddle::test::ScriptedProbe;
using waddle::test::ScriptedVoice;

namespace {

const QDateTime kStart(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC);

// Everything a FailoverService needs, on an in-memory database.
struct World
{
    explicit World(FailoverService::Settings settings = {}, qint64 maximum = 10'000)
        : clock(kStart)
        , database(Database::open(storeLocation()).value().release())
        , regions(*database)
        , events(clock)
        , health(*database, regions, events, probe, HealthService::Settings{}, clock)
        , failovers(*database, regions, health, events, voice, settings, clock)
        , waddles(*database)
        , jobs(*database)
    {
        QList<Region> catalogue = defaultCatalogue();
        for (Region &r : catalogue)
            r.capacity.maximum = maximum;
        loaded = regions.load(catalogue).ok();
    }

    // `count` waddles of `members` each on `region`, ids w-00, w-01, …
    bool seed(int count, qint64 members, const QString &region = u"eu-west"_s)
    {
        QList<Waddle> list;
        for (int i = 0; i < count; ++i) {
            Waddle w;
            w.id = u"w-%1"_s.arg(i, 2, 10, QLatin1Char('0'));
            w.name = w.id;
            w.ownerId = u"owner"_s;
            w.voiceRegion = automaticVoiceRegion();
            w.currentRegion = region;
            w.memberCount = members;
            list.append(w);
        }
        return waddles.insertWaddles(list, {}).ok();
    }

    void start()
    {
        health.start();
        failovers.start();
    }

    // The region stops answering: offline at the second failed check (SPEC
    // §8), the rounds at 5 s and 10 s after the one at start.
    void takeDown(const QString &code = u"eu-west"_s)
    {
        probe.outcomes[code] = ScriptedProbe::refused();
        clock.advance(10'000);
    }

    QList<Waddle> all() const { return waddles.waddles(0, 1000).value(); }

    // What a leader that stopped leaves: job `id` running, every waddle's
    // move eu-west → eu-north pending.
    bool storeRunningJob(const QString &id)
    {
        FailoverJob job;
        job.id = id;
        job.region = u"eu-west"_s;
        job.state = FailoverState::Running;
        job.createdAt = kStart;
        job.startedAt = kStart;
        for (const Waddle &w : all())
            job.moves.append(
                FailoverMove{w.id, u"eu-west"_s, u"eu-north"_s, MoveState::Pending, {}});
        return jobs.createJob(job).ok();
    }

    ManualClock clock;
    std::unique_ptr<Database> database;
    RegionService regions;
    EventHub events;
    ScriptedProbe probe;
    HealthService health;
    ScriptedVoice voice;
    FailoverService failovers;
    WaddleRepository waddles;
    FailoverRepository jobs;
    bool loaded = false;
};

QString stateOf(const StoreResult<FailoverJob> &job)
{
    return job ? enumToName(kFailoverStateNames, job->state) : u"error: "_s + job.error().message;
}

} // namespace

class TestFailoverService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void offlineRegionIsFailedOverAutomatically();
    void capacityIsAccounted_data();
    void capacityIsAccounted();
    void confirmPolicyWaitsForAnOperator();
    void operatorRules_data();
    void operatorRules();
    void refusedRoomsFailTheMove_data();
    void refusedRoomsFailTheMove();
    void batchesRunInParallel_data();
    void batchesRunInParallel();
    void roomCallsPerTargetAndBatch();
    void oneTargetRefusesAnotherAccepts();
    void oneRoomOfABatchFails_data();
    void oneRoomOfABatchFails();
    void failBackAfterTheDelay();
    void resumesAfterARestart();
    void lostLeadershipStartsNoNewBatch();
};

void TestFailoverService::offlineRegionIsFailedOverAutomatically()
{
    World world;
    QVERIFY(world.loaded);
    QVERIFY(world.seed(25, 3));
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QCOMPARE(settled.size(), 1);
    const QString id = settled.at(0).at(0).toString();
    const auto job = world.failovers.job(id);
    QCOMPARE(stateOf(job), u"completed"_s);
    QVERIFY(job->trigger == FailoverTrigger::Automatic);
    QCOMPARE(job->moves.size(), 25);
    QVERIFY(job->startedAt == kStart.addSecs(10));
    // eu-west's first backup (catalogue failover_regions) has the room.
    const QString backup = world.regions.region(u"eu-west"_s)->failoverRegions.value(0);
    for (const Waddle &w : world.all()) {
        QCOMPARE(w.currentRegion, backup);
        QVERIFY(w.temporary);
        QCOMPARE(w.originalRegion, u"eu-west"_s);
        QCOMPARE(world.voice.prepared.value(w.id), 1);
    }
    NotificationRepository notes(*world.database);
    const auto told = notes.notifications(u"w-07"_s);
    QCOMPARE(told->size(), 1);
    QCOMPARE(told->at(0).message,
             FailoverService::temporaryMessage(world.regions.region(backup)->name));
    // Alerts: the health monitor's offline one, then failover start and end.
    const auto alerts = RegionAlertRepository(*world.database).alerts(10);
    QStringList titles;
    for (const RegionAlert &alert : alerts.value())
        titles.append(alert.title);
    titles.sort(); // all three at the same (manual) time
    QCOMPARE(titles, (QStringList{u"Failover finished"_s, u"Failover started"_s,
                                  u"Voice region eu-west is offline"_s}));
    // Another offline report of the same region starts nothing new.
    QCOMPARE(world.failovers.jobCount().value(), 1);
}

void TestFailoverService::capacityIsAccounted_data()
{
    QTest::addColumn<int>("waddles");
    QTest::addColumn<qint64>("members");
    QTest::addColumn<int>("placed");

    // Every other region: maximum 10,000, 40 % used (the scripted probe) →
    // 6,000 free; five regions. 2,500 members: two fit per region (5,000 ≤
    // 6,000, a third would make 7,500) → 10 of 12 placed.
    QTest::newRow("two per region") << 12 << qint64(2500) << 10;
    QTest::newRow("all fit") << 12 << qint64(1000) << 12;
    QTest::newRow("none fits") << 3 << qint64(7000) << 0;
    // 6,000 exactly fills a region: five placed.
    QTest::newRow("exactly full") << 6 << qint64(6000) << 5;
}

void TestFailoverService::capacityIsAccounted()
{
    QFETCH(int, waddles);
    QFETCH(qint64, members);
    QFETCH(int, placed);

    World world;
    QVERIFY(world.loaded);
    QVERIFY(world.seed(waddles, members));
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QCOMPARE(settled.size(), 1);
    const auto job = world.failovers.job(settled.at(0).at(0).toString());
    QVERIFY(job.ok());
    const FailoverTally counts = tally(job->moves);
    QCOMPARE(counts.succeeded, placed);
    QCOMPARE(counts.unplaced, waddles - placed);
    for (const CapacityChange &change : job->capacity) {
        QVERIFY2(change.after <= change.maximum, qPrintable(change.region));
        QCOMPARE(change.before, 4000);
    }
    QHash<QString, qint64> load;
    for (const Waddle &w : world.all()) {
        QVERIFY(!w.currentRegion.isEmpty());
        if (w.currentRegion == u"eu-west"_s) {
            QVERIFY(!w.temporary); // unplaced: reported and kept
        } else {
            load[w.currentRegion] += w.memberCount;
        }
    }
    for (auto it = load.cbegin(); it != load.cend(); ++it)
        QVERIFY2(4000 + it.value() <= 10'000, qPrintable(it.key()));
}

void TestFailoverService::confirmPolicyWaitsForAnOperator()
{
    FailoverService::Settings settings;
    settings.policy = FailoverService::Policy::Confirm;
    World world(settings);
    QVERIFY(world.loaded);
    QVERIFY(world.seed(4, 3));
    world.start();
    world.takeDown();
    const auto listed = world.failovers.jobs(0, 10);
    QCOMPARE(listed->size(), 1);
    const QString id = listed->at(0).id;
    QCOMPARE(stateOf(world.failovers.job(id)), u"pending"_s);
    for (const Waddle &w : world.all())
        QCOMPARE(w.currentRegion, u"eu-west"_s);

    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    // The scripted voice answers at once: the job has run by the time the
    // call returns.
    QCOMPARE(stateOf(world.failovers.startPending(id)), u"completed"_s);
    QCOMPARE(settled.size(), 1);
    QCOMPARE(stateOf(world.failovers.job(id)), u"completed"_s);
    for (const Waddle &w : world.all())
        QVERIFY(w.temporary);
    const auto again = world.failovers.startPending(id);
    QCOMPARE(again.error().kind, StoreError::Kind::Conflict);
    // Confirm: no automatic fail-back either, however long it is online.
    world.probe.outcomes.remove(u"eu-west"_s);
    world.clock.advance(600'000);
    QCOMPARE(stateOf(world.failovers.job(id)), u"completed"_s);
}

void TestFailoverService::operatorRules_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("force");
    QTest::addColumn<bool>("offline");
    QTest::addColumn<bool>("second");
    QTest::addColumn<int>("kind"); // StoreError::Kind, -1: accepted

    QTest::newRow("unknown region")
        << u"mars-1"_s << true << false << false << int(StoreError::Kind::NotFound);
    QTest::newRow("healthy without force")
        << u"eu-west"_s << false << false << false << int(StoreError::Kind::Conflict);
    QTest::newRow("healthy with force") << u"eu-west"_s << true << false << false << -1;
    QTest::newRow("offline") << u"eu-west"_s << false << true << false << -1;
    QTest::newRow("second of a region")
        << u"eu-west"_s << true << false << true << int(StoreError::Kind::Conflict);
}

void TestFailoverService::operatorRules()
{
    QFETCH(QString, region);
    QFETCH(bool, force);
    QFETCH(bool, offline);
    QFETCH(bool, second);
    QFETCH(int, kind);

    FailoverService::Settings settings;
    settings.policy = FailoverService::Policy::Confirm; // the monitor only proposes
    World world(settings);
    QVERIFY(world.loaded);
    QVERIFY(world.seed(3, 3));
    world.voice.delayMs = 50; // still running when the second one comes
    world.start();
    if (offline) {
        world.takeDown();
        // Drop the pending proposal of the monitor: the operator's own counts.
        const auto pending = world.failovers.jobs(0, 1);
        QVERIFY(world.jobs
                    .setJobState(pending->at(0).id, FailoverState::Failed, std::nullopt,
                                 world.clock.now())
                    .ok());
    }
    if (second)
        QVERIFY(world.failovers.create(region, FailoverTrigger::Operator, true).ok());
    const qint64 before = world.failovers.jobCount().value();
    const auto created = world.failovers.create(region, FailoverTrigger::Operator, force);
    if (kind < 0) {
        QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
        QCOMPARE(stateOf(created), u"running"_s);
        QVERIFY(created->trigger == FailoverTrigger::Operator);
        QCOMPARE(world.failovers.jobCount().value(), before + 1);
    } else {
        QVERIFY(!created.ok());
        QCOMPARE(int(created.error().kind), kind);
        QCOMPARE(world.failovers.jobCount().value(), before); // nothing stored
        if (kind == int(StoreError::Kind::Conflict) && !second)
            QVERIFY2(created.error().message.contains(u"force"_s),
                     qPrintable(created.error().message));
    }
    QTRY_COMPARE(world.voice.inFlight, 0);
}

void TestFailoverService::refusedRoomsFailTheMove_data()
{
    QTest::addColumn<QStringList>("refusing");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("failed");

    // With a refusing target, the move fails and the waddle stays; the
    // plan does not pick another region mid-job (it was stored).
    QTest::newRow("backup refuses") << QStringList{u"eu-north"_s} << u"failed"_s << 6;
    QTest::newRow("all fine") << QStringList{} << u"completed"_s << 0;
}

void TestFailoverService::refusedRoomsFailTheMove()
{
    QFETCH(QStringList, refusing);
    QFETCH(QString, state);
    QFETCH(int, failed);

    World world;
    QVERIFY(world.loaded);
    QCOMPARE(world.regions.region(u"eu-west"_s)->failoverRegions.value(0), u"eu-north"_s);
    QVERIFY(world.seed(6, 3));
    world.voice.refusing = QSet<QString>(refusing.cbegin(), refusing.cend());
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QCOMPARE(settled.size(), 1);
    const auto job = world.failovers.job(settled.at(0).at(0).toString());
    QCOMPARE(stateOf(job), state);
    QCOMPARE(tally(job->moves).failed, failed);
    for (const FailoverMove &move : job->moves) {
        if (move.state == MoveState::Failed)
            QVERIFY2(move.error.contains(u"HTTP 503"_s), qPrintable(move.error));
    }
    int home = 0;
    for (const Waddle &w : world.all())
        home += w.currentRegion == u"eu-west"_s ? 1 : 0;
    QCOMPARE(home, failed);
}

void TestFailoverService::batchesRunInParallel_data()
{
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<int>("maxInFlight"); // the most prepare calls at once

    QTest::newRow("a batch at a time, all of it at once") << 4 << 1 << 4;
    QTest::newRow("three batches of two at once") << 2 << 3 << 6;
}

void TestFailoverService::batchesRunInParallel()
{
    QFETCH(int, batchSize);
    QFETCH(int, inFlight);
    QFETCH(int, maxInFlight);

    FailoverService::Settings settings;
    settings.batchSize = batchSize;
    settings.batchesInFlight = inFlight;
    World world(settings);
    QVERIFY(world.loaded);
    QVERIFY(world.seed(10, 3));
    world.voice.delayMs = 20;
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QVERIFY(settled.wait(5000));
    QCOMPARE(world.voice.maxInFlight, maxInFlight);
    QCOMPARE(stateOf(world.failovers.job(settled.at(0).at(0).toString())), u"completed"_s);
    for (const Waddle &w : world.all())
        QCOMPARE(w.version, 2); // each moved once
}

void TestFailoverService::roomCallsPerTargetAndBatch()
{
    // 10 waddles, batches of 4, all to eu-north: per batch one prepare and
    // one notify call there, and one cleanup on the failed region.
    FailoverService::Settings settings;
    settings.batchSize = 4;
    settings.batchesInFlight = 1;
    World world(settings);
    QVERIFY(world.loaded);
    QVERIFY(world.seed(10, 3));
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QCOMPARE(settled.size(), 1);
    QCOMPARE(
        world.voice.batches,
        (QStringList{u"prepare eu-north 4"_s, u"notify eu-north 4"_s, u"cleanup eu-west 4"_s,
                     u"prepare eu-north 4"_s, u"notify eu-north 4"_s, u"cleanup eu-west 4"_s,
                     u"prepare eu-north 2"_s, u"notify eu-north 2"_s, u"cleanup eu-west 2"_s}));
    QCOMPARE(tally(world.failovers.job(settled.at(0).at(0).toString())->moves).succeeded, 10);
}

void TestFailoverService::oneTargetRefusesAnotherAccepts()
{
    // 12 waddles of 1,000 members in one batch: eu-north (6,000 free) takes
    // six, the rest go to the next region. eu-north refuses: its six fail
    // and stay, the other six move, in the same batch.
    FailoverService::Settings settings;
    settings.batchSize = 12;
    World world(settings);
    QVERIFY(world.loaded);
    QVERIFY(world.seed(12, 1000));
    world.voice.refusing = {u"eu-north"_s};
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QCOMPARE(settled.size(), 1);
    const auto job = world.failovers.job(settled.at(0).at(0).toString());
    QCOMPARE(stateOf(job), u"completed"_s); // some moved: it ran to its end
    QCOMPARE(tally(job->moves).failed, 6);
    QCOMPARE(tally(job->moves).succeeded, 6);
    QString other;
    for (const FailoverMove &move : job->moves) {
        if (move.to != u"eu-north"_s)
            other = move.to;
        QCOMPARE(move.state == MoveState::Failed, move.to == u"eu-north"_s);
    }
    QVERIFY(!other.isEmpty());
    // One prepare per target; only the accepting one is notified.
    QCOMPARE(world.voice.batches.count(u"prepare eu-north 6"_s), 1);
    QCOMPARE(world.voice.batches.count(u"prepare %1 6"_s.arg(other)), 1);
    QCOMPARE(world.voice.batches.count(u"notify %1 6"_s.arg(other)), 1);
    QVERIFY(!world.voice.batches.contains(u"notify eu-north 6"_s));
    for (const Waddle &w : world.all())
        QCOMPARE(w.currentRegion == u"eu-west"_s, !w.temporary);
    QCOMPARE(world.all().size(), 12);
}

void TestFailoverService::oneRoomOfABatchFails_data()
{
    QTest::addColumn<QString>("refused");
    QTest::addColumn<int>("cleaned"); // w-03's rooms removed in eu-north

    // A room the agent refuses within a batch (like its per-room 404): only
    // that move fails; a room prepared but not notified is removed.
    QTest::newRow("prepare refused") << u"prepare w-03"_s << 0;
    QTest::newRow("notify refused") << u"notify w-03"_s << 1;
}

void TestFailoverService::oneRoomOfABatchFails()
{
    QFETCH(QString, refused);
    QFETCH(int, cleaned);

    World world;
    QVERIFY(world.loaded);
    QVERIFY(world.seed(6, 3));
    world.voice.refusingCalls = {refused};
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QCOMPARE(settled.size(), 1);
    const auto job = world.failovers.job(settled.at(0).at(0).toString());
    QCOMPARE(stateOf(job), u"completed"_s);
    QCOMPARE(tally(job->moves).failed, 1);
    QCOMPARE(tally(job->moves).succeeded, 5);
    for (const FailoverMove &move : job->moves) {
        QCOMPARE(move.state == MoveState::Failed, move.waddleId == u"w-03"_s);
        if (move.state == MoveState::Failed)
            QVERIFY2(move.error.contains(refused.section(u' ', 0, 0)), qPrintable(move.error));
    }
    QCOMPARE(world.waddles.waddle(u"w-03"_s)->currentRegion, u"eu-west"_s);
    QCOMPARE(world.waddles.waddle(u"w-03"_s)->version, 1);
    QVERIFY(world.voice.calls.contains(u"cleanup eu-north w-03"_s) == (cleaned == 1));
    // One batch: one prepare and one notify call for all six.
    QCOMPARE(world.voice.batches.count(u"prepare eu-north 6"_s), 1);
}

void TestFailoverService::failBackAfterTheDelay()
{
    World world;
    QVERIFY(world.loaded);
    QVERIFY(world.seed(5, 3));
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    world.takeDown();
    QCOMPARE(settled.size(), 1);
    const QString id = settled.at(0).at(0).toString();
    // Its owner picks a region for w-02 meanwhile: that choice stands.
    const Waddle chosen = world.waddles.waddle(u"w-02"_s).value();
    QVERIFY(world.waddles.updateVoiceRegion(u"w-02"_s, u"us-east"_s, u"us-east"_s, chosen.version)
                .ok());

    // Back online (two good checks, SPEC §8 recovery), then 120 s online.
    world.probe.outcomes.remove(u"eu-west"_s);
    world.clock.advance(10'000);
    QVERIFY(world.regions.region(u"eu-west"_s)->status == RegionStatus::Online);
    world.clock.advance(100'000);
    QCOMPARE(stateOf(world.failovers.job(id)), u"completed"_s); // online < 120 s
    QCOMPARE(settled.size(), 1);
    world.clock.advance(30'000);
    QCOMPARE(settled.size(), 2);
    const auto job = world.failovers.job(id);
    QCOMPARE(stateOf(job), u"failed_back"_s);
    QVERIFY(job->finishedAt.has_value());
    for (const Waddle &w : world.all()) {
        QVERIFY(!w.temporary);
        QVERIFY(w.originalRegion.isEmpty());
        QCOMPARE(w.currentRegion, w.id == u"w-02"_s ? u"us-east"_s : u"eu-west"_s);
    }
    QCOMPARE(tally(job->moves).succeeded, 5);
    QVERIFY(job->moves.at(2).state == MoveState::Kept);
    QVERIFY(job->moves.at(1).state == MoveState::Restored);
    // Once only.
    QCOMPARE(world.failovers.failBack(id).error().kind, StoreError::Kind::Conflict);
}

void TestFailoverService::resumesAfterARestart()
{
    // A process died after two of four moves: the job and its moves were
    // stored, two applied. A new service on the same store finishes the
    // other two and touches the first two no more.
    World world;
    QVERIFY(world.loaded);
    QVERIFY(world.seed(4, 3));
    QVERIFY(world.storeRunningJob(u"f1"_s));
    QVERIFY(world.jobs.applyMove(u"f1"_s, u"w-00"_s, u"moved"_s, kStart).ok());
    QVERIFY(world.jobs.applyMove(u"f1"_s, u"w-01"_s, u"moved"_s, kStart).ok());

    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();
    QCOMPARE(settled.size(), 1);
    QCOMPARE(stateOf(world.failovers.job(u"f1"_s)), u"completed"_s);
    QCOMPARE(world.voice.prepared.value(u"w-00"_s), 0);
    QCOMPARE(world.voice.prepared.value(u"w-02"_s), 1);
    NotificationRepository notes(*world.database);
    for (const Waddle &w : world.all()) {
        QCOMPARE(w.currentRegion, u"eu-north"_s);
        QCOMPARE(w.version, 2); // moved exactly once
        QCOMPARE(notes.notifications(w.id)->size(), 1);
    }
}

void TestFailoverService::lostLeadershipStartsNoNewBatch()
{
    // Issue 16: a leader that loses its lock while alive (its connection,
    // not its process) ends the batch under way and starts no other, so it
    // does not work beside the new leader; whoever leads next finishes the
    // job from the store, every waddle moved once.
    FailoverService::Settings settings;
    settings.batchSize = 2;
    settings.batchesInFlight = 1;
    World world(settings);
    QVERIFY(world.loaded);
    QVERIFY(world.seed(10, 3));
    QVERIFY(world.storeRunningJob(u"f1"_s));
    world.voice.delayMs = 50;
    QSignalSpy settled(&world.failovers, &FailoverService::jobSettled);
    world.start();                      // the first batch starts
    world.failovers.setRunsJobs(false); // as ControlPlane::setLeading(false)
    world.failovers.stop();
    QTest::qWait(1000); // five batches' time
    QCOMPARE(settled.size(), 0);
    QCOMPARE(stateOf(world.failovers.job(u"f1"_s)), u"running"_s);
    const FailoverTally midway = tally(world.failovers.job(u"f1"_s)->moves);
    QCOMPARE(midway.succeeded, 2); // the batch that was under way
    QCOMPARE(midway.pending, 8);
    for (int i = 2; i < 10; ++i)
        QCOMPARE(world.voice.prepared.value(u"w-%1"_s.arg(i, 2, 10, QLatin1Char('0'))), 0);

    world.failovers.setRunsJobs(true); // it leads again
    world.failovers.start();
    QVERIFY(settled.wait(5000));
    QCOMPARE(stateOf(world.failovers.job(u"f1"_s)), u"completed"_s);
    for (const Waddle &w : world.all()) {
        QCOMPARE(w.currentRegion, u"eu-north"_s);
        QCOMPARE(w.version, 2); // moved exactly once
    }
}

QTEST_GUILESS_MAIN(TestFailoverService)
#include "tst_failoverservice.moc"
