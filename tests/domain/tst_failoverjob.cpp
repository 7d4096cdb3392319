// SPEC §9 as a job: moves drafted from a plan with the capacity table, the
// tally the API reports, the settled state, and the wire format of F.
#include "domain/placement/failoverjob.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

using MoveStates = QList<MoveState>;

Q_DECLARE_METATYPE(waddle::domain::FailoverTally)
Q_DECLARE_METATYPE(waddle::domain::FailoverState)

namespace {

QList<FailoverMove> movesIn(const MoveStates &states)
{
    QList<FailoverMove> moves;
    for (qsizetype i = 0; i < states.size(); ++i) {
        const bool unplaced = states.at(i) == MoveState::Unplaced;
        moves.append(
            FailoverMove{u"w%1"_s.arg(i), u"f"_s, unplaced ? QString() : u"x"_s, states.at(i), {}});
    }
    return moves;
}

} // namespace

class TestFailoverJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tallyCounts_data();
    void tallyCounts();
    void draftFromPlan();
    void settled_data();
    void settled();
    void roundTrip();
    void unplacedHasNullTarget();
    void badJson_data();
    void badJson();
};

void TestFailoverJob::tallyCounts_data()
{
    QTest::addColumn<MoveStates>("states");
    QTest::addColumn<FailoverTally>("expected");

    using M = MoveState;
    QTest::newRow("none") << MoveStates{} << FailoverTally{};
    QTest::newRow("all kinds") << MoveStates{M::Pending,  M::Moved, M::Failed, M::Unplaced,
                                             M::Restored, M::Kept,  M::Moved}
                               << FailoverTally{7, 4, 1, 1, 1};
    QTest::newRow("all pending") << MoveStates(3, M::Pending) << FailoverTally{3, 0, 0, 0, 3};
}

void TestFailoverJob::tallyCounts()
{
    QFETCH(MoveStates, states);
    QFETCH(FailoverTally, expected);
    QCOMPARE(tally(movesIn(states)), expected);
}

void TestFailoverJob::draftFromPlan()
{
    const QList<Region> regions{makeRegion(u"x"_s, 0, 1, RegionStatus::Online, 100, 1000),
                                makeRegion(u"z"_s, 0, 2, RegionStatus::Online, 5, 50),
                                makeRegion(u"y"_s, 0, 3, RegionStatus::Online, 0, 500)};
    const QList<FailoverAssignment> plan{{u"w1"_s, u"x"_s, true, {}},
                                         {u"w2"_s, u"y"_s, false, {}},
                                         {u"w3"_s, {}, false, u"no region has room"_s},
                                         {u"w4"_s, u"x"_s, true, {}}};
    const QHash<QString, qint64> seats{{u"w1"_s, 10}, {u"w2"_s, 20}, {u"w3"_s, 30}, {u"w4"_s, 5}};
    const FailoverDraft draft = draftFailover(u"f"_s, plan, regions, seats);

    QCOMPARE(draft.moves.size(), 4);
    QCOMPARE(draft.moves.at(0),
             (FailoverMove{u"w1"_s, u"f"_s, u"x"_s, MoveState::Pending, QString()}));
    QCOMPARE(draft.moves.at(2), (FailoverMove{u"w3"_s, u"f"_s, QString(), MoveState::Unplaced,
                                              u"no region has room"_s}));
    // x gets 10 + 5, y gets 20; z receives nothing and is not listed.
    const QList<CapacityChange> expected{{u"x"_s, 100, 115, 1000}, {u"y"_s, 0, 20, 500}};
    QCOMPARE(draft.capacity, expected);
}

void TestFailoverJob::settled_data()
{
    QTest::addColumn<MoveStates>("states");
    QTest::addColumn<FailoverState>("state");

    using M = MoveState;
    QTest::newRow("one pending") << MoveStates{M::Moved, M::Pending} << FailoverState::Running;
    QTest::newRow("all moved") << MoveStates{M::Moved, M::Moved} << FailoverState::Completed;
    QTest::newRow("some failed") << MoveStates{M::Moved, M::Failed} << FailoverState::Completed;
    QTest::newRow("all failed") << MoveStates{M::Failed, M::Failed} << FailoverState::Failed;
    QTest::newRow("only unplaced") << MoveStates{M::Unplaced} << FailoverState::Completed;
    QTest::newRow("nothing to move") << MoveStates{} << FailoverState::Completed;
}

void TestFailoverJob::settled()
{
    QFETCH(MoveStates, states);
    QFETCH(FailoverState, state);
    FailoverJob job;
    job.moves = movesIn(states);
    QCOMPARE(settledState(job), state);
}

void TestFailoverJob::roundTrip()
{
    FailoverJob job;
    job.id = u"fo-1"_s;
    job.region = u"f"_s;
    job.state = FailoverState::Running;
    job.trigger = FailoverTrigger::Operator;
    job.createdAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    job.startedAt = job.createdAt.addSecs(2);
    job.moves = movesIn({MoveState::Moved, MoveState::Unplaced, MoveState::Pending});
    job.moves[1].error = u"no region has room"_s;
    job.capacity = {{u"x"_s, 1, 2, 3}};

    const QJsonObject json = toJson(job);
    QCOMPARE(json.value(u"affected"_s).toInteger(), qint64(3));
    QCOMPARE(json.value(u"succeeded"_s).toInteger(), qint64(1));
    QCOMPARE(json.value(u"unplaced"_s).toInteger(), qint64(1));
    QCOMPARE(json.value(u"finished_at"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(json.value(u"trigger"_s).toString(), u"operator"_s);
    const Result<FailoverJob> back = failoverJobFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(*back, job);
}

void TestFailoverJob::unplacedHasNullTarget()
{
    const QJsonObject json =
        toJson(FailoverMove{u"w"_s, u"f"_s, {}, MoveState::Unplaced, u"full"_s});
    QCOMPARE(json.value(u"to"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(json.value(u"error"_s).toString(), u"full"_s);
}

void TestFailoverJob::badJson_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("field");

    FailoverJob job;
    job.id = u"fo-1"_s;
    job.region = u"f"_s;
    job.createdAt = QDateTime(QDate(2026, 12, 1), QTime(9, 0), Qt::UTC);
    job.moves = movesIn({MoveState::Moved});
    const QJsonObject good = toJson(job);
    QTest::newRow("unknown state") << with(good, u"state"_s, u"halted"_s) << u"state"_s;
    QTest::newRow("unknown trigger") << with(good, u"trigger"_s, u"cron"_s) << u"trigger"_s;
    QJsonArray moves = good.value(u"moves"_s).toArray();
    moves[0] = without(moves.at(0).toObject(), u"to"_s);
    QTest::newRow("moved without a target") << with(good, u"moves"_s, moves) << u"moves[0].to"_s;
}

void TestFailoverJob::badJson()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, field);
    const Result<FailoverJob> job = failoverJobFromJson(json);
    QVERIFY(!job.ok());
    QCOMPARE(job.error().field, field);
}

QTEST_GUILESS_MAIN(TestFailoverJob)
#include "tst_failoverjob.moc"
