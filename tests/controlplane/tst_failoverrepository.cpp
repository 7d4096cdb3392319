#include "storefixtures.h"

using namespace Qt::StringLiterals;
using domain::FailoverJob;
using domain::FailoverMove;
using domain::FailoverState;
using domain::MoveState;

// Failover jobs and moves in the store (issue 11): stored whole before
// anything moves, each move (or batch of moves) one transaction with its
// waddle and its notification, nothing done twice.
class TestFailoverRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jobRoundTrips();
    void badJobsAreRefused_data();
    void badJobsAreRefused();
    void oneUnfinishedJobPerRegion();
    void listsNewestFirstAndOpenJobs();
    void applyMoveMovesMarksAndNotifiesOnce();
    void applyMoveKeepsAnOwnersChoice();
    void failMoveLeavesTheWaddle();
    void restoreMove_data();
    void restoreMove();
    void applyMovesIsOneBatch();
    void applyMovesOverManyWaddles();
    void failAndRestoreMovesInBatches();

private:
    static FailoverJob sampleJob(const QString &id, const QString &region = u"eu-west"_s);
    static std::unique_ptr<Repositories> storeWithWaddles();
};

FailoverJob TestFailoverRepository::sampleJob(const QString &id, const QString &region)
{
    FailoverJob job;
    job.id = id;
    job.region = region;
    job.state = FailoverState::Running;
    job.trigger = domain::FailoverTrigger::Automatic;
    job.createdAt = utc(5, 10);
    job.startedAt = utc(5, 10, 0, 1);
    job.moves = {FailoverMove{u"w1"_s, region, u"us-east"_s, MoveState::Pending, {}},
                 FailoverMove{u"w2"_s, region, u"ap-south"_s, MoveState::Pending, {}},
                 FailoverMove{u"w3"_s, region, {}, MoveState::Unplaced, u"no room"_s}};
    job.capacity = {domain::CapacityChange{u"us-east"_s, 100, 103, 1000},
                    domain::CapacityChange{u"ap-south"_s, 5, 8, 10}};
    return job;
}

std::unique_ptr<Repositories> TestFailoverRepository::storeWithWaddles()
{
    auto store = memoryStore();
    if (!store)
        return nullptr;
    if (!store->waddles.insertWaddles({makeWaddle(u"w1"_s), makeWaddle(u"w2"_s),
                                       makeWaddle(u"w3"_s), makeWaddle(u"w4"_s, u"us-east"_s)},
                                      {})) {
        return nullptr;
    }
    return store;
}

void TestFailoverRepository::jobRoundTrips()
{
    auto store = storeWithWaddles();
    QVERIFY(store);
    const FailoverJob job = sampleJob(u"f1"_s);
    CHECK_OK(store->failovers.createJob(job));
    auto read = store->failovers.job(u"f1"_s);
    CHECK_OK(read);
    QVERIFY(read.value() == job);
    QCOMPARE(failureKind(store->failovers.job(u"nope"_s)), u"NotFound"_s);

    CHECK_OK(store->failovers.setJobState(u"f1"_s, FailoverState::Completed, std::nullopt,
                                          utc(5, 10, 2)));
    read = store->failovers.job(u"f1"_s);
    QVERIFY(read->state == FailoverState::Completed);
    QVERIFY(read->startedAt == job.startedAt); // a null time leaves the stored one
    QVERIFY(read->finishedAt == utc(5, 10, 2));
    QCOMPARE(failureKind(store->failovers.setJobState(u"nope"_s, FailoverState::Failed,
                                                      std::nullopt, std::nullopt)),
             u"NotFound"_s);
}

void TestFailoverRepository::badJobsAreRefused_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("firstWaddle");
    QTest::addColumn<QString>("field");

    QTest::newRow("no id") << QString() << u"eu-west"_s << u"w1"_s << u"id"_s;
    QTest::newRow("bad region") << u"f1"_s << u"Not A Code"_s << u"w1"_s << u"region"_s;
    QTest::newRow("no region") << u"f1"_s << QString() << u"w1"_s << u"region"_s;
    QTest::newRow("move without waddle")
        << u"f1"_s << u"eu-west"_s << QString() << u"moves[0].waddle_id"_s;
}

void TestFailoverRepository::badJobsAreRefused()
{
    QFETCH(QString, id);
    QFETCH(QString, region);
    QFETCH(QString, firstWaddle);
    QFETCH(QString, field);

    auto store = storeWithWaddles();
    QVERIFY(store);
    FailoverJob job = sampleJob(id, region);
    job.moves[0].waddleId = firstWaddle;
    const auto created = store->failovers.createJob(job);
    QCOMPARE(failureKind(created), u"Invalid"_s);
    QCOMPARE(created.error().field, field);
    QCOMPARE(store->failovers.jobCount().value(), 0);
}

void TestFailoverRepository::oneUnfinishedJobPerRegion()
{
    auto store = storeWithWaddles();
    QVERIFY(store);
    CHECK_OK(store->failovers.createJob(sampleJob(u"f1"_s)));
    QCOMPARE(store->failovers.activeJobFor(u"eu-west"_s).value(), std::optional<QString>(u"f1"_s));
    QCOMPARE(store->failovers.activeJobFor(u"us-east"_s).value(), std::optional<QString>());

    // A second job of the same region: refused whole, its moves not stored.
    FailoverJob second = sampleJob(u"f2"_s);
    second.moves = {FailoverMove{u"w4"_s, u"eu-west"_s, u"us-east"_s, MoveState::Pending, {}}};
    QCOMPARE(failureKind(store->failovers.createJob(second)), u"Conflict"_s);
    QCOMPARE(store->failovers.jobCount().value(), 1);
    QCOMPARE(failureKind(store->failovers.job(u"f2"_s)), u"NotFound"_s);
    // The same id again is a conflict too.
    QCOMPARE(failureKind(store->failovers.createJob(sampleJob(u"f1"_s, u"us-east"_s))),
             u"Conflict"_s);

    // Another region is free; once f1 is done its region is free again.
    CHECK_OK(store->failovers.createJob(sampleJob(u"f3"_s, u"us-east"_s)));
    CHECK_OK(
        store->failovers.setJobState(u"f1"_s, FailoverState::Completed, std::nullopt, utc(5, 11)));
    CHECK_OK(store->failovers.createJob(second));
    QCOMPARE(store->failovers.jobCount().value(), 3);
}

void TestFailoverRepository::listsNewestFirstAndOpenJobs()
{
    auto store = storeWithWaddles();
    QVERIFY(store);
    const QStringList regions{u"eu-west"_s, u"us-east"_s, u"ap-south"_s};
    for (int i = 0; i < 3; ++i) {
        FailoverJob job = sampleJob(u"f%1"_s.arg(i), regions.at(i));
        job.createdAt = utc(5, 10 + i);
        CHECK_OK(store->failovers.createJob(job));
    }
    CHECK_OK(
        store->failovers.setJobState(u"f1"_s, FailoverState::FailedBack, std::nullopt, utc(6, 1)));
    auto page = store->failovers.jobs(0, 2);
    CHECK_OK(page);
    QCOMPARE(page->size(), 2);
    QCOMPARE(page->at(0).id, u"f2"_s);
    QCOMPARE(page->at(1).id, u"f1"_s);
    QCOMPARE(page->at(0).moves.size(), 3);
    QCOMPARE(store->failovers.jobs(2, 2)->constFirst().id, u"f0"_s);
    QCOMPARE(failureKind(store->failovers.jobs(-1, 2)), u"Invalid"_s);

    auto open = store->failovers.openJobs();
    CHECK_OK(open);
    QCOMPARE(open->size(), 2); // failed back is finished for good
    QCOMPARE(open->at(0).id, u"f0"_s);
    QCOMPARE(open->at(1).id, u"f2"_s);
}

void TestFailoverRepository::applyMoveMovesMarksAndNotifiesOnce()
{
    auto store = storeWithWaddles();
    QVERIFY(store);
    CHECK_OK(store->failovers.createJob(sampleJob(u"f1"_s)));
    const QString message = u"Voice region temporarily changed to US East due to technical "
                            u"issues"_s;
    auto moved = store->failovers.applyMove(u"f1"_s, u"w1"_s, message, utc(5, 10, 1));
    CHECK_OK(moved);
    QVERIFY(moved->move.state == MoveState::Moved);
    QCOMPARE(moved->before->currentRegion, u"eu-west"_s);
    QCOMPARE(moved->after->currentRegion, u"us-east"_s);

    const Waddle w1 = store->waddles.waddle(u"w1"_s).value();
    QCOMPARE(w1.currentRegion, u"us-east"_s);
    QVERIFY(w1.temporary);
    QCOMPARE(w1.originalRegion, u"eu-west"_s);
    QCOMPARE(w1.version, 2);
    QVERIFY(store->failovers.job(u"f1"_s)->moves.at(0).state == MoveState::Moved);
    const auto told = store->notifications.notifications(u"w1"_s);
    CHECK_OK(told);
    QCOMPARE(told->size(), 1);
    QCOMPARE(told->at(0).message, message);
    QCOMPARE(told->at(0).source, u"failover:f1"_s);

    // Never twice: the same move again, an unplaced one, an unknown one.
    QCOMPARE(failureKind(store->failovers.applyMove(u"f1"_s, u"w1"_s, message, utc(5, 10, 2))),
             u"Conflict"_s);
    QCOMPARE(failureKind(store->failovers.applyMove(u"f1"_s, u"w3"_s, message, utc(5, 10, 2))),
             u"Conflict"_s);
    QCOMPARE(failureKind(store->failovers.applyMove(u"f1"_s, u"w9"_s, message, utc(5, 10, 2))),
             u"NotFound"_s);
    QCOMPARE(store->waddles.waddle(u"w1"_s)->version, 2);
    QCOMPARE(store->notifications.count().value(), 1);
    QCOMPARE(store->waddles.waddle(u"w3"_s)->currentRegion, u"eu-west"_s);
}

void TestFailoverRepository::applyMoveKeepsAnOwnersChoice()
{
    auto store = storeWithWaddles();
    QVERIFY(store);
    CHECK_OK(store->failovers.createJob(sampleJob(u"f1"_s)));
    // The owner moved w2 after the plan was stored.
    CHECK_OK(store->waddles.updateVoiceRegion(u"w2"_s, u"sa-east"_s, u"sa-east"_s, 1));
    auto kept = store->failovers.applyMove(u"f1"_s, u"w2"_s, u"moved"_s, utc(5, 10, 1));
    CHECK_OK(kept);
    QVERIFY(kept->move.state == MoveState::Kept);
    const Waddle w2 = store->waddles.waddle(u"w2"_s).value();
    QCOMPARE(w2.currentRegion, u"sa-east"_s);
    QVERIFY(!w2.temporary);
    QCOMPARE(w2.version, 2);
    QCOMPARE(store->notifications.count().value(), 0);
}

void TestFailoverRepository::failMoveLeavesTheWaddle()
{
    auto store = storeWithWaddles();
    QVERIFY(store);
    CHECK_OK(store->failovers.createJob(sampleJob(u"f1"_s)));
    CHECK_OK(store->failovers.failMove(u"f1"_s, u"w1"_s, u"room refused"_s));
    const FailoverMove move = store->failovers.job(u"f1"_s)->moves.at(0);
    QVERIFY(move.state == MoveState::Failed);
    QCOMPARE(move.error, u"room refused"_s);
    QCOMPARE(store->waddles.waddle(u"w1"_s)->currentRegion, u"eu-west"_s);
    QCOMPARE(store->waddles.waddle(u"w1"_s)->version, 1);
    QCOMPARE(failureKind(store->failovers.failMove(u"f1"_s, u"w1"_s, u"again"_s)), u"Conflict"_s);
    QCOMPARE(failureKind(store->failovers.failMove(u"f1"_s, u"w9"_s, u"x"_s)), u"NotFound"_s);
    QCOMPARE(failureKind(store->failovers.applyMove(u"f1"_s, u"w1"_s, u"x"_s, utc(5, 11))),
             u"Conflict"_s);
}

void TestFailoverRepository::restoreMove_data()
{
    QTest::addColumn<QString>("ownerChoice"); // empty: the owner did nothing
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("region");
    QTest::addColumn<int>("notifications");

    QTest::newRow("restored") << QString() << u"restored"_s << u"eu-west"_s << 2;
    QTest::newRow("owner chose another region") << u"sa-east"_s << u"kept"_s << u"sa-east"_s << 1;
    QTest::newRow("owner chose the failover region")
        << u"us-east"_s << u"kept"_s << u"us-east"_s << 1;
}

void TestFailoverRepository::restoreMove()
{
    QFETCH(QString, ownerChoice);
    QFETCH(QString, state);
    QFETCH(QString, region);
    QFETCH(int, notifications);

    auto store = storeWithWaddles();
    QVERIFY(store);
    CHECK_OK(store->failovers.createJob(sampleJob(u"f1"_s)));
    // Not moved yet: nothing to restore.
    QCOMPARE(failureKind(store->failovers.restoreMove(u"f1"_s, u"w1"_s, u"back"_s, utc(5, 12))),
             u"Conflict"_s);
    CHECK_OK(store->failovers.applyMove(u"f1"_s, u"w1"_s, u"away"_s, utc(5, 10, 1)));
    if (!ownerChoice.isEmpty())
        CHECK_OK(store->waddles.updateVoiceRegion(u"w1"_s, ownerChoice, ownerChoice, 2));

    auto restored = store->failovers.restoreMove(u"f1"_s, u"w1"_s, u"back"_s, utc(5, 12));
    CHECK_OK(restored);
    QCOMPARE(domain::enumToName(domain::kMoveStateNames, restored->move.state), state);
    const Waddle w1 = store->waddles.waddle(u"w1"_s).value();
    QCOMPARE(w1.currentRegion, region);
    QVERIFY(!w1.temporary);
    QVERIFY(w1.originalRegion.isEmpty());
    QCOMPARE(store->notifications.count().value(), notifications);
    QCOMPARE(domain::enumToName(domain::kMoveStateNames,
                                store->failovers.job(u"f1"_s)->moves.at(0).state),
             state);
    // Once only.
    QCOMPARE(failureKind(store->failovers.restoreMove(u"f1"_s, u"w1"_s, u"back"_s, utc(5, 13))),
             u"Conflict"_s);
    QCOMPARE(store->waddles.waddle(u"w1"_s)->currentRegion, region);
}

void TestFailoverRepository::applyMovesIsOneBatch()
{
    using Note = FailoverRepository::MoveNote;
    auto store = storeWithWaddles();
    QVERIFY(store);
    CHECK_OK(store->failovers.createJob(sampleJob(u"f1"_s)));
    // The owner moved w2 after the plan was stored.
    CHECK_OK(store->waddles.updateVoiceRegion(u"w2"_s, u"sa-east"_s, u"sa-east"_s, 1));
    // w1 moves, w2 is kept, w3 (unplaced) and w9 (no move) are skipped, w1
    // named twice moves once.
    const QList<Note> notes{Note{u"w1"_s, u"to US East"_s}, Note{u"w3"_s, u"x"_s},
                            Note{u"w2"_s, u"to Asia South"_s}, Note{u"w9"_s, u"x"_s},
                            Note{u"w1"_s, u"again"_s}};
    auto applied = store->failovers.applyMoves(u"f1"_s, notes, utc(5, 10, 1));
    CHECK_OK(applied);
    QCOMPARE(applied->size(), 2);
    QCOMPARE(applied->at(0).move.waddleId, u"w1"_s);
    QVERIFY(applied->at(0).move.state == MoveState::Moved);
    QCOMPARE(applied->at(0).before->currentRegion, u"eu-west"_s);
    QCOMPARE(applied->at(0).after->currentRegion, u"us-east"_s);
    QCOMPARE(applied->at(0).after->version, 2);
    QCOMPARE(applied->at(1).move.waddleId, u"w2"_s);
    QVERIFY(applied->at(1).move.state == MoveState::Kept);
    QCOMPARE(applied->at(1).move.error, u"no longer on eu-west"_s);
    QCOMPARE(applied->at(1).after->currentRegion, u"sa-east"_s);

    const Waddle w1 = store->waddles.waddle(u"w1"_s).value();
    QCOMPARE(w1.currentRegion, u"us-east"_s);
    QVERIFY(w1.temporary);
    QCOMPARE(w1.originalRegion, u"eu-west"_s);
    QCOMPARE(store->notifications.count().value(), 1);
    QCOMPARE(store->notifications.notifications(u"w1"_s)->at(0).message, u"to US East"_s);
    const FailoverJob job = store->failovers.job(u"f1"_s).value();
    QVERIFY(job.moves.at(0).state == MoveState::Moved);
    QVERIFY(job.moves.at(1).state == MoveState::Kept);
    QVERIFY(job.moves.at(2).state == MoveState::Unplaced);

    // Again: nothing is pending, nothing is done.
    auto again = store->failovers.applyMoves(u"f1"_s, notes, utc(5, 10, 2));
    CHECK_OK(again);
    QCOMPARE(again->size(), 0);
    QCOMPARE(store->waddles.waddle(u"w1"_s)->version, 2);
    QCOMPARE(store->notifications.count().value(), 1);
    // An empty batch and an unknown job do nothing either.
    QCOMPARE(store->failovers.applyMoves(u"f1"_s, {}, utc(5, 10, 2))->size(), 0);
    QCOMPARE(store->failovers.applyMoves(u"nope"_s, notes, utc(5, 10, 2))->size(), 0);
}

void TestFailoverRepository::applyMovesOverManyWaddles()
{
    // More waddles than one IN list takes (500): 1,200 in one batch.
    constexpr int kCount = 1200;
    auto store = memoryStore();
    QVERIFY(store);
    QList<Waddle> waddles;
    FailoverJob job = sampleJob(u"f1"_s);
    job.moves.clear();
    QList<FailoverRepository::MoveNote> notes;
    for (int i = 0; i < kCount; ++i) {
        const QString id = u"w%1"_s.arg(i, 4, 10, QLatin1Char('0'));
        waddles.append(makeWaddle(id));
        job.moves.append(FailoverMove{id, u"eu-west"_s, u"us-east"_s, MoveState::Pending, {}});
        notes.append({id, u"moved"_s});
    }
    CHECK_OK(store->waddles.insertWaddles(waddles, {}));
    CHECK_OK(store->failovers.createJob(job));
    auto applied = store->failovers.applyMoves(u"f1"_s, notes, utc(5, 10, 1));
    CHECK_OK(applied);
    QCOMPARE(applied->size(), kCount);
    QCOMPARE(applied->constLast().move.waddleId, u"w1199"_s);
    QVERIFY(applied->constLast().after.has_value());
    QCOMPARE(store->waddles.waddlesOnRegion(u"us-east"_s)->size(), kCount);
    QCOMPARE(store->waddles.waddlesOnRegion(u"eu-west"_s)->size(), 0);
    QCOMPARE(store->notifications.count().value(), kCount);
    QCOMPARE(domain::tally(store->failovers.job(u"f1"_s)->moves).succeeded, kCount);
}

void TestFailoverRepository::failAndRestoreMovesInBatches()
{
    using Note = FailoverRepository::MoveNote;
    using Failure = FailoverRepository::MoveFailure;
    auto store = storeWithWaddles();
    QVERIFY(store);
    CHECK_OK(store->failovers.createJob(sampleJob(u"f1"_s)));
    // w2's room was refused; w3 (unplaced) cannot fail.
    const QList<Failure> failures{Failure{u"w2"_s, u"HTTP 503"_s}, Failure{u"w3"_s, u"x"_s}};
    auto failed = store->failovers.failMoves(u"f1"_s, failures);
    CHECK_OK(failed);
    QCOMPARE(failed->size(), 1);
    QVERIFY(failed->at(0).move.state == MoveState::Failed);
    QCOMPARE(store->failovers.job(u"f1"_s)->moves.at(1).error, u"HTTP 503"_s);
    QCOMPARE(store->waddles.waddle(u"w2"_s)->version, 1);

    // Restore: only moved moves; w1 goes home.
    const QList<Note> moved{Note{u"w1"_s, u"away"_s}};
    CHECK_OK(store->failovers.applyMoves(u"f1"_s, moved, utc(5, 10, 1)));
    const QList<Note> back{Note{u"w1"_s, u"back"_s}, Note{u"w2"_s, u"back"_s}};
    auto restored = store->failovers.restoreMoves(u"f1"_s, back, utc(5, 12));
    CHECK_OK(restored);
    QCOMPARE(restored->size(), 1);
    QVERIFY(restored->at(0).move.state == MoveState::Restored);
    const Waddle w1 = store->waddles.waddle(u"w1"_s).value();
    QCOMPARE(w1.currentRegion, u"eu-west"_s);
    QVERIFY(!w1.temporary);
    QCOMPARE(store->notifications.count().value(), 2);
    QCOMPARE(store->failovers.restoreMoves(u"f1"_s, back, utc(5, 13))->size(), 0);
}

QTEST_GUILESS_MAIN(TestFailoverRepository)
#include "tst_failoverrepository.moc"
