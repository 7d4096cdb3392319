// SPEC §7: region performance (0.7 × mean + 0.3 × max RTT) and the decision
// to migrate a waddle on Automatic.
#include "domain/placement/optimiser.h"
#include "fixtures.h"

#include <QTest>

#include <cmath>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

namespace {

// 10 participants at (0, 0) and 10 at (0, 20).
QList<LocationGroup> participants()
{
    return {{{0, 0}, u"west"_s, 10}, {{0, 20}, u"east"_s, 10}};
}

QList<Region> regions()
{
    return {makeRegion(u"a"_s, 0, 0), makeRegion(u"b"_s, 0, 10), makeRegion(u"c"_s, 0, 40),
            makeRegion(u"off"_s, 0, 10, RegionStatus::Offline)};
}

OptimisationInput input(const QString &current, double channels = 2)
{
    OptimisationInput in;
    in.voiceRegion = u"auto"_s;
    in.currentRegion = current;
    in.activeVoiceChannels = static_cast<int>(channels);
    in.participants = participants();
    return in;
}

} // namespace

class TestOptimiser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void performance_data();
    void performance();
    void decision_data();
    void decision();
    void reasonsNotToMove_data();
    void reasonsNotToMove();
};

void TestOptimiser::performance_data()
{
    QTest::addColumn<double>("longitude");
    QTest::addColumn<double>("average");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("score");
    // 1° = 111.19508 km; RTT = 5 + 0.02 × km.
    // At (0, 0): RTTs 5 and 5 + 44.478032 = 49.478032 → mean 27.239016,
    // max 49.478032 → 0.7 × 27.239016 + 0.3 × 49.478032 = 33.9107208.
    QTest::newRow("a, at one end") << 0.0 << 27.239016 << 49.478032 << 33.9107208;
    // At (0, 10): both 27.239016 → score 27.239016.
    QTest::newRow("b, in the middle") << 10.0 << 27.239016 << 27.239016 << 27.239016;
    // At (0, 40): 5 + 88.956064 = 93.956064 and 49.478032 → mean 71.717048,
    // max 93.956064 → 50.2019336 + 28.1868192 = 78.3887528.
    QTest::newRow("c, far east") << 40.0 << 71.717048 << 93.956064 << 78.3887528;
}

void TestOptimiser::performance()
{
    QFETCH(double, longitude);
    QFETCH(double, average);
    QFETCH(double, max);
    QFETCH(double, score);
    const RegionPerformance p = regionPerformance(makeRegion(u"r"_s, 0, longitude), participants());
    QVERIFY(std::fabs(p.averageRttMs - average) < 1e-4);
    QVERIFY(std::fabs(p.maxRttMs - max) < 1e-4);
    QVERIFY(std::fabs(p.score - score) < 1e-4);
    QCOMPARE(p.participants, 20);
}

void TestOptimiser::decision_data()
{
    QTest::addColumn<QString>("current");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<bool>("optimised");
    QTest::addColumn<QString>("newRegion");
    QTest::addColumn<double>("improvement");

    // From a to b: (33.9107208 − 27.239016) / 33.9107208 = 6.6717048 /
    // 33.9107208 = 0.196743 → 19.67 % is not over 20 %: stay.
    QTest::newRow("19.7% is under 20%") << u"a"_s << 0.20 << false << QString() << 19.6743;
    // The same with a 15 % threshold: move to b.
    QTest::newRow("19.7% is over 15%") << u"a"_s << 0.15 << true << u"b"_s << 19.6743;
    // From c: (78.3887528 − 27.239016) / 78.3887528 = 0.652512 → move.
    QTest::newRow("far region") << u"c"_s << 0.20 << true << u"b"_s << 65.2512;
    QTest::newRow("already best") << u"b"_s << 0.20 << false << QString() << 0.0;
}

void TestOptimiser::decision()
{
    QFETCH(QString, current);
    QFETCH(double, threshold);
    QFETCH(bool, optimised);
    QFETCH(QString, newRegion);
    QFETCH(double, improvement);
    const OptimisationDecision d =
        decideOptimisation(input(current), regions(), {}, OptimiserSettings{threshold});
    QCOMPARE(d.optimised, optimised);
    QCOMPARE(d.newRegion, newRegion);
    QCOMPARE(d.previousRegion, current);
    QVERIFY2(std::fabs(d.improvementPercent - improvement) < 1e-3,
             qPrintable(QString::number(d.improvementPercent, 'f', 5)));
    QCOMPARE(d.affectedUsers, 20);
    QVERIFY(!d.reason.isEmpty());
    // Only online regions are weighed, best first.
    QCOMPARE(d.performances.size(), 3);
    QCOMPARE(d.performances.front().code, u"b"_s);
}

void TestOptimiser::reasonsNotToMove_data()
{
    QTest::addColumn<OptimisationInput>("in");
    QTest::addColumn<QString>("reason");

    OptimisationInput pinned = input(u"c"_s);
    pinned.voiceRegion = u"c"_s;
    QTest::newRow("pinned") << pinned << u"Pinned to c by its owner"_s;
    OptimisationInput temporary = input(u"c"_s);
    temporary.temporary = true;
    QTest::newRow("on failover") << temporary
                                 << u"On a temporary failover region; fail-back decides"_s;
    QTest::newRow("no channels") << input(u"c"_s, 0) << u"No active voice channels"_s;
    OptimisationInput nobody = input(u"c"_s);
    nobody.participants.clear();
    QTest::newRow("no participants") << nobody << u"No participants with a known location"_s;
    QTest::newRow("current offline")
        << input(u"off"_s) << u"Current region off is not online; failover handles it"_s;
}

void TestOptimiser::reasonsNotToMove()
{
    QFETCH(OptimisationInput, in);
    QFETCH(QString, reason);
    const OptimisationDecision d = decideOptimisation(in, regions());
    QVERIFY(!d.optimised);
    QCOMPARE(d.reason, reason);
    QVERIFY(d.newRegion.isEmpty());
}

QTEST_GUILESS_MAIN(TestOptimiser)
#include "tst_optimiser.moc"
