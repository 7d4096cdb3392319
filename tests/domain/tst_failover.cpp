// SPEC §9: failover target per waddle (configured list first, then score),
// capacity-aware plans and batches.
#include "domain/placement/failover.h"
#include "fixtures.h"

#include <QTest>

#include <cmath>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

namespace {

Region failedWithList(const QStringList &list)
{
    Region failed = makeRegion(u"f"_s, 0, 0, RegionStatus::Offline);
    failed.failoverRegions = list;
    return failed;
}

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void configuredListFirst_data();
    void configuredListFirst();
    void scoreWhenListHasNoneHealthy();
    void degradedOnlyAsLastResort();
    void noRegionLeft();
    void planUsesUpCapacity();
    void batches_data();
    void batches();
};

void TestFailover::configuredListFirst_data()
{
    QTest::addColumn<QList<Region>>("regions");
    QTest::addColumn<qint64>("seats");
    QTest::addColumn<QString>("target");
    QTest::addColumn<bool>("fromList");

    // List [x, y]: x offline → y.
    QTest::newRow("first healthy of the list")
        << QList<Region>{makeRegion(u"x"_s, 0, 1, RegionStatus::Offline), makeRegion(u"y"_s, 0, 90),
                         makeRegion(u"z"_s, 0, 1)}
        << qint64(0) << u"y"_s << true;
    // x degraded is not "healthy" for the list → y.
    QTest::newRow("degraded skipped in the list")
        << QList<Region>{makeRegion(u"x"_s, 0, 1, RegionStatus::Degraded),
                         makeRegion(u"y"_s, 0, 90)}
        << qint64(0) << u"y"_s << true;
    // x has 100 free seats, the waddle brings 500 → y.
    QTest::newRow("full list entry skipped")
        << QList<Region>{makeRegion(u"x"_s, 0, 1, RegionStatus::Online, 9900, 10000),
                         makeRegion(u"y"_s, 0, 90)}
        << qint64(500) << u"y"_s << true;
    QTest::newRow("first of the list")
        << QList<Region>{makeRegion(u"x"_s, 0, 1), makeRegion(u"y"_s, 0, 90)} << qint64(10)
        << u"x"_s << true;
}

void TestFailover::configuredListFirst()
{
    QFETCH(QList<Region>, regions);
    QFETCH(qint64, seats);
    QFETCH(QString, target);
    QFETCH(bool, fromList);
    const Result<FailoverChoice> choice =
        chooseFailoverTarget(failedWithList({u"x"_s, u"y"_s}), regions, {}, {0, 0}, seats);
    QVERIFY(choice.ok());
    QCOMPARE(choice->code, target);
    QCOMPARE(choice->fromConfiguredList, fromList);
}

void TestFailover::scoreWhenListHasNoneHealthy()
{
    // No list. From (0, 0):
    // p at (0, 10): 1111.9508 km, health 80, free 5000/10000 = 0.5
    //   → 1.1119508 − 800 − 50 = −848.8880492
    // q at (0, 20): 2223.9016 km, health 90, free 2000/10000 = 0.2
    //   → 2.2239016 − 900 − 20 = −917.7760984 → q wins (lower).
    const QList<Region> regions{makeRegion(u"p"_s, 0, 10, RegionStatus::Online, 5000, 10000),
                                makeRegion(u"q"_s, 0, 20, RegionStatus::Online, 8000, 10000)};
    const QHash<QString, double> health{{u"p"_s, 80.0}, {u"q"_s, 90.0}};
    Result<FailoverChoice> choice =
        chooseFailoverTarget(failedWithList({}), regions, health, {0, 0});
    QVERIFY(choice.ok());
    QCOMPARE(choice->code, u"q"_s);
    QVERIFY(!choice->fromConfiguredList);
    QCOMPARE(choice->ranked.size(), 2);
    QVERIFY(std::fabs(choice->ranked.at(0).score - (-917.7760984)) < 1e-3);
    QVERIFY(std::fabs(choice->ranked.at(1).score - (-848.8880492)) < 1e-3);
    QCOMPARE(choice->ranked.at(1).freeShare, 0.5);

    // The waddle brings 3000 members: q has only 2000 free → p.
    choice = chooseFailoverTarget(failedWithList({}), regions, health, {0, 0}, 3000);
    QVERIFY(choice.ok());
    QCOMPARE(choice->code, u"p"_s);
    QCOMPARE(choice->ranked.size(), 1);

    // A region missing from the health map counts as health 0:
    // q → 2.2239 − 0 − 20 = −17.78 loses to p's −848.89.
    choice = chooseFailoverTarget(failedWithList({}), regions, {{u"p"_s, 80.0}}, {0, 0});
    QCOMPARE(choice->code, u"p"_s);
}

void TestFailover::degradedOnlyAsLastResort()
{
    const QList<Region> regions{makeRegion(u"d"_s, 0, 1, RegionStatus::Degraded),
                                makeRegion(u"m"_s, 0, 1, RegionStatus::Maintenance)};
    const Result<FailoverChoice> choice =
        chooseFailoverTarget(failedWithList({u"d"_s}), regions, {}, {0, 0});
    QVERIFY(choice.ok());
    QCOMPARE(choice->code, u"d"_s);
    // It was in the list but degraded: it is chosen by score, not by list.
    QVERIFY(choice->ranked.front().fromConfiguredList);
}

void TestFailover::noRegionLeft()
{
    Region inactive = makeRegion(u"i"_s, 0, 1);
    inactive.isActive = false;
    const QList<Region> regions{makeRegion(u"o"_s, 0, 1, RegionStatus::Offline), inactive,
                                makeRegion(u"full"_s, 0, 1, RegionStatus::Online, 10000, 10000)};
    const Result<FailoverChoice> choice =
        chooseFailoverTarget(failedWithList({u"o"_s}), regions, {}, {0, 0}, 1);
    QVERIFY(!choice.ok());
    QCOMPARE(choice.error().field, u"regions"_s);
    // The failed region itself is never a target, even if listed healthy.
    Region self = makeRegion(u"f"_s, 0, 0);
    const Result<FailoverChoice> notSelf =
        chooseFailoverTarget(failedWithList({u"f"_s}), {self}, {}, {0, 0});
    QVERIFY(!notSelf.ok());
}

void TestFailover::planUsesUpCapacity()
{
    // y (listed) has 10000 free. Waddles of 6000, 6000 and 20000 members:
    // the first fills y to 6000, the second no longer fits (4000 free) and
    // goes to z by score, the third fits nowhere and is reported.
    const QList<Region> regions{makeRegion(u"y"_s, 0, 1), makeRegion(u"z"_s, 0, 2)};
    const QList<FailoverWaddle> waddles{
        {u"w1"_s, 6000, {0, 0}}, {u"w2"_s, 6000, {0, 0}}, {u"w3"_s, 20000, {0, 0}}};
    const QList<FailoverAssignment> plan =
        planFailover(failedWithList({u"y"_s}), regions, {{u"y"_s, 90}, {u"z"_s, 90}}, waddles);
    QCOMPARE(plan.size(), 3);
    QCOMPARE(plan.at(0).target, u"y"_s);
    QVERIFY(plan.at(0).fromConfiguredList);
    QCOMPARE(plan.at(1).target, u"z"_s);
    QVERIFY(!plan.at(1).fromConfiguredList);
    QVERIFY(plan.at(2).target.isEmpty());
    QVERIFY(plan.at(2).error.contains(u"20000"_s));
    QCOMPARE(toJson(plan.at(2)).value(u"success"_s).toBool(), false);
    QCOMPARE(toJson(plan.at(0)).value(u"new_region"_s).toString(), u"y"_s);
}

void TestFailover::batches_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QList<qsizetype>>("sizes");
    QTest::newRow("none") << 0 << QList<qsizetype>{};
    QTest::newRow("one") << 1 << QList<qsizetype>{1};
    QTest::newRow("exactly ten") << 10 << QList<qsizetype>{10};
    QTest::newRow("twenty-five") << 25 << QList<qsizetype>{10, 10, 5};
}

void TestFailover::batches()
{
    QFETCH(int, count);
    QFETCH(QList<qsizetype>, sizes);
    QList<int> items(count);
    std::iota(items.begin(), items.end(), 0);
    const QList<QList<int>> batches = inBatches(items);
    QList<qsizetype> seen;
    QList<int> flattened;
    for (const QList<int> &batch : batches) {
        seen.append(batch.size());
        flattened += batch;
    }
    QCOMPARE(seen, sizes);
    QCOMPARE(flattened, items); // order kept, nothing lost or repeated
}

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
