#include "domain/placement/routing.h"

#include <QJsonArray>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

RegionSignal makeSignal(const QString &code, double longitude, RegionStatus status,
                        double responseMs, double utilisation, double errorRate)
{
    return {code, GeoPoint{0.0, longitude}, status, responseMs, utilisation, errorRate};
}

// Four regions along the equator:
//   x at  0°, online,   100 ms, 50% used, 2% errors
//   y at 10°, online,    60 ms, 90% used, 0% errors
//   z at 20°, degraded,  40 ms, 20% used, 10% errors
//   w at  1°, offline,   10 ms,  0% used, 0% errors (best at everything, never routable)
QList<RegionSignal> fleet(RegionStatus zStatus = RegionStatus::Degraded)
{
    return {makeSignal(u"x"_s, 0.0, RegionStatus::Online, 100.0, 0.5, 0.02),
            makeSignal(u"y"_s, 10.0, RegionStatus::Online, 60.0, 0.9, 0.0),
            makeSignal(u"z"_s, 20.0, zStatus, 40.0, 0.2, 0.10),
            makeSignal(u"w"_s, 1.0, RegionStatus::Offline, 10.0, 0.0, 0.0)};
}

bool near(double a, double b, double tolerance = 1e-6)
{
    return std::abs(a - b) <= tolerance;
}

double sumOf(const QList<std::pair<QString, double>> &shares)
{
    double sum = 0.0;
    for (const auto &[code, share] : shares)
        sum += share;
    return sum;
}

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strategyNames_data();
    void strategyNames();
    void scores_data();
    void scores();
    void deterministicPick_data();
    void deterministicPick();
    void weightsAfterUpdates();
    void weightSample_data();
    void weightSample();
    void weightedBoundaries_data();
    void weightedBoundaries();
    void routerWeightedPick_data();
    void routerWeightedPick();
    void roundRobinCycles();
    void sharesSumToOne_data();
    void sharesSumToOne();
    void weightedShares();
    void noRoutableRegion();
    void compare_data();
    void compare();
    void compareErrors();
};

void TestRouting::strategyNames_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<QString>("name");

    QTest::newRow("geographic") << int(RoutingStrategy::Geographic) << u"geographic"_s;
    QTest::newRow("latency") << int(RoutingStrategy::Latency) << u"latency"_s;
    QTest::newRow("weighted") << int(RoutingStrategy::Weighted) << u"weighted"_s;
    QTest::newRow("health_based") << int(RoutingStrategy::HealthBased) << u"health_based"_s;
    QTest::newRow("round_robin") << int(RoutingStrategy::RoundRobin) << u"round_robin"_s;
}

void TestRouting::strategyNames()
{
    QFETCH(int, strategy);
    QFETCH(QString, name);

    QCOMPARE(toString(RoutingStrategy(strategy)), name);
    QCOMPARE(routingStrategyFromString(name), std::optional(RoutingStrategy(strategy)));
    QVERIFY(!routingStrategyFromString(u"fastest"));
    QCOMPARE(allRoutingStrategies().size(), 5);
}

void TestRouting::scores_data()
{
    QTest::addColumn<double>("responseMs");
    QTest::addColumn<double>("utilisation");
    QTest::addColumn<double>("errorRate");
    QTest::addColumn<double>("latency");
    QTest::addColumn<double>("health");

    // latency = ms + 50 × utilisation;
    // health = (max(0, 1000 − ms)/1000 + (1 − errors) + (1 − utilisation)) / 3
    // x: 100 + 25 = 125; (0.9 + 0.98 + 0.5) / 3 = 2.38 / 3 = 0.793333
    QTest::newRow("x") << 100.0 << 0.5 << 0.02 << 125.0 << 0.7933333;
    // y: 60 + 45 = 105; (0.94 + 1.0 + 0.1) / 3 = 2.04 / 3 = 0.68
    QTest::newRow("y") << 60.0 << 0.9 << 0.0 << 105.0 << 0.68;
    // z: 40 + 10 = 50; (0.96 + 0.9 + 0.8) / 3 = 2.66 / 3 = 0.886667
    QTest::newRow("z") << 40.0 << 0.2 << 0.10 << 50.0 << 0.8866667;
    // slow: 1500 + 12.5 = 1512.5; (0 + 0.5 + 0.75) / 3 = 0.416667
    QTest::newRow("slower than a second") << 1500.0 << 0.25 << 0.5 << 1512.5 << 0.4166667;
}

void TestRouting::scores()
{
    QFETCH(double, responseMs);
    QFETCH(double, utilisation);
    QFETCH(double, errorRate);
    QFETCH(double, latency);
    QFETCH(double, health);

    const RegionSignal s =
        makeSignal(u"s"_s, 0.0, RegionStatus::Online, responseMs, utilisation, errorRate);
    QVERIFY(near(latencyScore(s), latency));
    QVERIFY(near(healthScore(s), health, 1e-6));
}

void TestRouting::deterministicPick_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<bool>("hasClient");
    QTest::addColumn<double>("clientLongitude");
    QTest::addColumn<QString>("zStatus");
    QTest::addColumn<QString>("expected");

    // Latency scores x 125, y 105, z 50 (w, 10, is offline).
    QTest::newRow("latency: degraded z counts")
        << u"latency"_s << false << 0.0 << u"degraded"_s << u"z"_s;
    QTest::newRow("latency: z offline → y (105 < 125)")
        << u"latency"_s << false << 0.0 << u"offline"_s << u"y"_s;
    // Health x 0.7933, y 0.68, z 0.8867 (w would be 0.9967).
    QTest::newRow("health: degraded z counts")
        << u"health_based"_s << false << 0.0 << u"degraded"_s << u"z"_s;
    QTest::newRow("health: z in maintenance → x (0.7933 > 0.68)")
        << u"health_based"_s << false << 0.0 << u"maintenance"_s << u"x"_s;
    // Client at 2°: x 2°, y 8°, z 18° away; w (1° away) is offline.
    QTest::newRow("geographic: client at 2°")
        << u"geographic"_s << true << 2.0 << u"degraded"_s << u"x"_s;
    // Client at 1°, on top of offline w: x 1°, y 9° → x.
    QTest::newRow("geographic: nearest is offline")
        << u"geographic"_s << true << 1.0 << u"degraded"_s << u"x"_s;
    // Client at 12°: y 2°, z 8°, x 12°.
    QTest::newRow("geographic: client at 12°")
        << u"geographic"_s << true << 12.0 << u"degraded"_s << u"y"_s;
    // Client at 19°: z 1° away, degraded but routable.
    QTest::newRow("geographic: degraded z nearest")
        << u"geographic"_s << true << 19.0 << u"degraded"_s << u"z"_s;
    // Client at 19° with z offline: y 9°, x 19° → y.
    QTest::newRow("geographic: z offline")
        << u"geographic"_s << true << 19.0 << u"offline"_s << u"y"_s;
    // No client location: the seed falls back to latency → z.
    QTest::newRow("geographic: no client → latency")
        << u"geographic"_s << false << 0.0 << u"degraded"_s << u"z"_s;
}

void TestRouting::deterministicPick()
{
    QFETCH(QString, strategy);
    QFETCH(bool, hasClient);
    QFETCH(double, clientLongitude);
    QFETCH(QString, zStatus);
    QFETCH(QString, expected);

    const QList<RegionSignal> regions = fleet(*regionStatusFromString(zStatus));
    std::optional<GeoPoint> client;
    if (hasClient)
        client = GeoPoint{0.0, clientLongitude};
    Router router(*routingStrategyFromString(strategy));
    QCOMPARE(router.select(regions, client), expected);
    // Deterministic: asking again gives the same answer, whatever u is.
    QCOMPARE(router.select(regions, client, 0.99), expected);

    const auto shares = router.shares(regions, client);
    for (const auto &[code, share] : shares)
        QCOMPARE(share, code == expected ? 1.0 : 0.0);
}

void TestRouting::weightsAfterUpdates()
{
    // Samples 1/max(ms, 1) × (1 − utilisation) × (online ? 1 : 0):
    //   x: 1/100 × 0.5 = 0.005;  y: 1/60 × 0.1 = 0.0016667;  z (degraded): 0;  w: 0
    // One update from 1.0, w ← 0.3 × sample + 0.7 × w:
    //   x: 0.0015 + 0.7 = 0.7015;  y: 0.0005 + 0.7 = 0.7005;  z, w: 0.7
    // Two updates:
    //   x: 0.0015 + 0.7 × 0.7015 = 0.0015 + 0.49105 = 0.49255
    //   y: 0.0005 + 0.7 × 0.7005 = 0.0005 + 0.49035 = 0.49085
    //   z, w: 0.7 × 0.7 = 0.49
    Router router(RoutingStrategy::Weighted);
    for (const QString &code : {u"x"_s, u"y"_s, u"z"_s, u"w"_s, u"never-seen"_s})
        QCOMPARE(router.weight(code), 1.0);

    router.updateWeights(fleet());
    QVERIFY(near(router.weight(u"x"_s), 0.7015, 1e-12));
    QVERIFY(near(router.weight(u"y"_s), 0.7005, 1e-12));
    QVERIFY(near(router.weight(u"z"_s), 0.7, 1e-12));
    QVERIFY(near(router.weight(u"w"_s), 0.7, 1e-12));
    QCOMPARE(router.weight(u"never-seen"_s), 1.0);

    router.updateWeights(fleet());
    QVERIFY(near(router.weight(u"x"_s), 0.49255, 1e-12));
    QVERIFY(near(router.weight(u"y"_s), 0.49085, 1e-12));
    QVERIFY(near(router.weight(u"z"_s), 0.49, 1e-12));
    QVERIFY(near(router.weight(u"w"_s), 0.49, 1e-12));

    // α and the initial weight are overridable: α = 1 keeps only the sample.
    RoutingDefaults direct;
    direct.alpha = 1.0;
    Router instant(RoutingStrategy::Weighted, direct);
    instant.updateWeights(fleet());
    QVERIFY(near(instant.weight(u"x"_s), 0.005, 1e-12));
    QCOMPARE(instant.weight(u"z"_s), 0.0);
}

void TestRouting::weightSample_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<double>("responseMs");
    QTest::addColumn<double>("utilisation");
    QTest::addColumn<double>("sample");

    // 1/max(ms, 1) × max(0, 1 − utilisation) × (online ? 1 : 0)
    QTest::newRow("online") << u"online"_s << 20.0 << 0.0 << 0.05;          // 1/20 × 1
    QTest::newRow("sub-millisecond") << u"online"_s << 0.5 << 0.25 << 0.75; // 1/1 × 0.75
    QTest::newRow("overloaded") << u"online"_s << 10.0 << 1.2 << 0.0;       // (1 − 1.2) → 0
    QTest::newRow("degraded") << u"degraded"_s << 10.0 << 0.0 << 0.0;       // × 0
    QTest::newRow("offline") << u"offline"_s << 10.0 << 0.0 << 0.0;         // × 0
    QTest::newRow("maintenance") << u"maintenance"_s << 10.0 << 0.0 << 0.0; // × 0
}

void TestRouting::weightSample()
{
    QFETCH(QString, status);
    QFETCH(double, responseMs);
    QFETCH(double, utilisation);
    QFETCH(double, sample);

    const RegionSignal s =
        makeSignal(u"s"_s, 0.0, *regionStatusFromString(status), responseMs, utilisation, 0.0);
    QVERIFY(near(waddle::domain::weightSample(s), sample, 1e-12));
    // One smoothing step from 1.0: 0.3 × sample + 0.7.
    QVERIFY(near(smoothWeight(1.0, sample, 0.3), 0.3 * sample + 0.7, 1e-12));
}

void TestRouting::weightedBoundaries_data()
{
    QTest::addColumn<QList<double>>("weights"); // for p, q, r, s
    QTest::addColumn<double>("u");
    QTest::addColumn<QString>("expected");

    // Weights 1, 3, 0, 4: total 8; p owns [0, 1/8), q [1/8, 4/8), r nothing,
    // s [4/8, 1).
    const QList<double> w{1.0, 3.0, 0.0, 4.0};
    QTest::newRow("u = 0") << w << 0.0 << u"p"_s;
    QTest::newRow("u just under 1/8") << w << 0.124 << u"p"_s;   // 0.992 < 1
    QTest::newRow("u = 1/8") << w << 0.125 << u"q"_s;            // 1 is not < 1
    QTest::newRow("u just under 1/2") << w << 0.4999 << u"q"_s;  // 3.9992 < 4
    QTest::newRow("u = 1/2 skips zero r") << w << 0.5 << u"s"_s; // 4 not < 4, r has 0
    QTest::newRow("u = 0.999") << w << 0.999 << u"s"_s;
    QTest::newRow("u = 1 clamps into s") << w << 1.0 << u"s"_s;
    // Negative weights count as 0: weights 0, 2, −5, 2 → total 4; q [0, 1/2), s [1/2, 1).
    const QList<double> negative{0.0, 2.0, -5.0, 2.0};
    QTest::newRow("zero first weight at u = 0") << negative << 0.0 << u"q"_s;
    QTest::newRow("negative weight skipped") << negative << 0.5 << u"s"_s;
    // Total ≤ 0: uniform, region floor(u × 4).
    const QList<double> zeros{0.0, 0.0, 0.0, 0.0};
    QTest::newRow("all zero, u = 0") << zeros << 0.0 << u"p"_s;
    QTest::newRow("all zero, u = 0.2499") << zeros << 0.2499 << u"p"_s; // 0.9996
    QTest::newRow("all zero, u = 0.25") << zeros << 0.25 << u"q"_s;     // 1.0
    QTest::newRow("all zero, u = 0.6") << zeros << 0.6 << u"r"_s;       // 2.4
    QTest::newRow("all zero, u = 0.99") << zeros << 0.99 << u"s"_s;     // 3.96
}

void TestRouting::weightedBoundaries()
{
    QFETCH(QList<double>, weights);
    QFETCH(double, u);
    QFETCH(QString, expected);

    const QStringList codes{u"p"_s, u"q"_s, u"r"_s, u"s"_s};
    QList<std::pair<QString, double>> pairs;
    for (qsizetype i = 0; i < codes.size(); ++i)
        pairs.append({codes.at(i), weights.at(i)});
    QCOMPARE(selectWeighted(pairs, u), expected);
    QCOMPARE(selectWeighted({}, u), QString());
}

void TestRouting::routerWeightedPick_data()
{
    QTest::addColumn<double>("u");
    QTest::addColumn<QString>("expected");

    // After one update: x 0.7015, y 0.7005, z 0.7 (w offline, excluded);
    // total 2.102, cumulative 0.7015, 1.402, 2.102.
    QTest::newRow("u = 0 → x") << 0.0 << u"x"_s;
    QTest::newRow("u = 0.3337 → x") << 0.3337 << u"x"_s; // 0.7014374 < 0.7015
    QTest::newRow("u = 0.3338 → y") << 0.3338 << u"y"_s; // 0.7016476 ≥ 0.7015
    QTest::newRow("u = 0.6669 → y") << 0.6669 << u"y"_s; // 1.4018238 < 1.402
    QTest::newRow("u = 0.667 → z") << 0.667 << u"z"_s;   // 1.402034 ≥ 1.402
    QTest::newRow("u = 0.9999 → z") << 0.9999 << u"z"_s;
}

void TestRouting::routerWeightedPick()
{
    QFETCH(double, u);
    QFETCH(QString, expected);

    Router router(RoutingStrategy::Weighted);
    router.updateWeights(fleet());
    QCOMPARE(router.select(fleet(), std::nullopt, u), expected);
}

void TestRouting::roundRobinCycles()
{
    Router router(RoutingStrategy::RoundRobin);
    QStringList picked;
    for (int i = 0; i < 4; ++i)
        picked.append(router.select(fleet(), std::nullopt));
    // Routable in order: x, y, z (w offline).
    QCOMPARE(picked, (QStringList{u"x"_s, u"y"_s, u"z"_s, u"x"_s}));
    QCOMPARE(router.roundRobinIndex(), qint64(4));

    // z goes offline: routable x, y; index 4 % 2 = 0 → x, then 5 % 2 = 1 → y.
    const QList<RegionSignal> two = fleet(RegionStatus::Offline);
    QCOMPARE(router.select(two, std::nullopt), u"x"_s);
    QCOMPARE(router.select(two, std::nullopt), u"y"_s);
    QCOMPARE(router.roundRobinIndex(), qint64(6));

    // Nothing routable: no pick, and the cursor stays.
    QList<RegionSignal> none = fleet(RegionStatus::Offline);
    for (RegionSignal &s : none)
        s.status = RegionStatus::Offline;
    QCOMPARE(router.select(none, std::nullopt), QString());
    QCOMPARE(router.roundRobinIndex(), qint64(6));
}

void TestRouting::sharesSumToOne_data()
{
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<int>("nonZero");

    // Routable x, y, z; deterministic strategies give all to one region.
    QTest::newRow("geographic") << u"geographic"_s << 1;
    QTest::newRow("latency") << u"latency"_s << 1;
    QTest::newRow("health_based") << u"health_based"_s << 1;
    QTest::newRow("weighted") << u"weighted"_s << 3;
    QTest::newRow("round_robin") << u"round_robin"_s << 3;
}

void TestRouting::sharesSumToOne()
{
    QFETCH(QString, strategy);
    QFETCH(int, nonZero);

    Router router(*routingStrategyFromString(strategy));
    router.updateWeights(fleet());
    const auto shares = router.shares(fleet(), GeoPoint{0.0, 2.0});
    QCOMPARE(shares.size(), 3); // x, y, z: offline w is not listed
    QCOMPARE(shares.at(0).first, u"x"_s);
    QCOMPARE(shares.at(2).first, u"z"_s);
    QVERIFY(near(sumOf(shares), 1.0, 1e-12));
    int positive = 0;
    for (const auto &[code, share] : shares)
        positive += share > 0.0 ? 1 : 0;
    QCOMPARE(positive, nonZero);
}

void TestRouting::weightedShares()
{
    Router router(RoutingStrategy::Weighted);
    // Before any update every weight is 1: a third each.
    for (const auto &[code, share] : router.shares(fleet(), std::nullopt))
        QVERIFY(near(share, 1.0 / 3.0, 1e-12));

    // After one update: 0.7015 / 2.102 = 0.3337298, 0.7005 / 2.102 = 0.3332540,
    // 0.7 / 2.102 = 0.3330162.
    router.updateWeights(fleet());
    const auto shares = router.shares(fleet(), std::nullopt);
    QVERIFY(near(shares.at(0).second, 0.3337298, 1e-6));
    QVERIFY(near(shares.at(1).second, 0.3332540, 1e-6));
    QVERIFY(near(shares.at(2).second, 0.3330162, 1e-6));

    // Round robin: 1/2 each over x, y when z is offline.
    Router rr(RoutingStrategy::RoundRobin);
    const auto half = rr.shares(fleet(RegionStatus::Offline), std::nullopt);
    QCOMPARE(half.size(), 2);
    QCOMPARE(half.at(0).second, 0.5);
    QCOMPARE(half.at(1).second, 0.5);
}

void TestRouting::noRoutableRegion()
{
    QList<RegionSignal> none = fleet(RegionStatus::Offline);
    none[0].status = RegionStatus::Maintenance;
    none[1].status = RegionStatus::Offline;
    for (RoutingStrategy strategy : allRoutingStrategies()) {
        Router router(strategy);
        QCOMPARE(router.select(none, GeoPoint{0.0, 0.0}, 0.5), QString());
        QVERIFY(router.shares(none, GeoPoint{0.0, 0.0}).isEmpty());
    }
    QCOMPARE(selectGeographic({}, GeoPoint{}), QString());
    QCOMPARE(selectByLatency({}), QString());
    QCOMPARE(selectByHealth({}), QString());
}

// Two regions and two member groups along the equator:
//   e at 0°, online, 20 ms, 0% used  → latency 20, health (0.98 + 1 + 1)/3 = 0.9933
//   f at 10°, online, 40 ms, 50% used → latency 40 + 25 = 65, health (0.96 + 1 + 0.5)/3 = 0.82
//   g at 1°, offline (nearest to G1, must never be used)
//   G1 at 1°, G2 at 9°.
// Default model: 1° = 111.19508 km → 5 + 2.2239016 = 7.2239016 ms;
//                9° = 1000.75572 km → 5 + 20.0151144 = 25.0151144 ms.
// Weights with α = 1 after one update: e 1/20 × 1 = 0.05, f 1/40 × 0.5 = 0.0125
// → shares 0.05/0.0625 = 0.8 and 0.2.
void TestRouting::compare_data()
{
    QTest::addColumn<qint64>("g1");
    QTest::addColumn<qint64>("g2");
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<double>("mean");
    QTest::addColumn<double>("p95");
    QTest::addColumn<double>("shareE");

    // Geographic: G1 → e (1°), G2 → f (1°): everyone at 7.2239016.
    QTest::newRow("geographic 90/10")
        << 90ll << 10ll << u"geographic"_s << 7.2239016 << 7.2239016 << 0.9;
    // Latency: e for all. Mean (90 × 7.2239016 + 10 × 25.0151144) / 100
    // = (650.151144 + 250.151144) / 100 = 9.00302288. Sorted: 7.22 (90, 90%
    // < 95%), 25.02 (100%) → p95 = 25.0151144.
    QTest::newRow("latency 90/10")
        << 90ll << 10ll << u"latency"_s << 9.00302288 << 25.0151144 << 1.0;
    // Health: e (0.9933 > 0.82), same split as latency.
    QTest::newRow("health 90/10") << 90ll << 10ll << u"health_based"_s << 9.00302288 << 25.0151144
                                  << 1.0;
    // Weighted 0.8/0.2: G1 72 → e (7.22), 18 → f (25.02); G2 8 → e (25.02),
    // 2 → f (7.22). 74 at 7.2239016, 26 at 25.0151144:
    // (534.5687184 + 650.3929744) / 100 = 11.849616928; 74% < 95% → p95 25.0151144.
    QTest::newRow("weighted 90/10")
        << 90ll << 10ll << u"weighted"_s << 11.849616928 << 25.0151144 << 0.8;
    // Round robin 1/2: 45 + 5 = 50 at 7.2239016, 45 + 5 = 50 at 25.0151144:
    // mean (7.2239016 + 25.0151144) / 2 = 16.119508; 50% < 95% → 25.0151144.
    QTest::newRow("round robin 90/10")
        << 90ll << 10ll << u"round_robin"_s << 16.119508 << 25.0151144 << 0.5;
    // Latency with 95/5: (95 × 7.2239016 + 5 × 25.0151144) / 100
    // = (686.270652 + 125.075572) / 100 = 8.11346224; 95 members reach 95%
    // exactly → p95 = 7.2239016.
    QTest::newRow("latency 95/5, p95 on the boundary")
        << 95ll << 5ll << u"latency"_s << 8.11346224 << 7.2239016 << 1.0;
    // 96/4: 96% ≥ 95% → 7.2239016; mean (693.4945536 + 100.0604576)/100 = 7.93555011
    QTest::newRow("latency 96/4") << 96ll << 4ll << u"latency"_s << 7.93555011 << 7.2239016 << 1.0;
}

void TestRouting::compare()
{
    QFETCH(qint64, g1);
    QFETCH(qint64, g2);
    QFETCH(QString, strategy);
    QFETCH(double, mean);
    QFETCH(double, p95);
    QFETCH(double, shareE);

    const QList<RegionSignal> regions{
        makeSignal(u"e"_s, 0.0, RegionStatus::Online, 20.0, 0.0, 0.0),
        makeSignal(u"g"_s, 1.0, RegionStatus::Offline, 1.0, 0.0, 0.0),
        makeSignal(u"f"_s, 10.0, RegionStatus::Online, 40.0, 0.5, 0.0)};
    const QList<LocationGroup> members{{GeoPoint{0.0, 1.0}, u"G1"_s, g1},
                                       {GeoPoint{0.0, 9.0}, u"G2"_s, g2},
                                       {GeoPoint{50.0, 50.0}, u"empty"_s, 0}};
    RoutingDefaults direct;
    direct.alpha = 1.0;
    Router weights(RoutingStrategy::RoundRobin, direct);
    weights.updateWeights(regions);

    const auto outcomes = compareStrategies(regions, members, RttModel{}, weights);
    QVERIFY(outcomes.ok());
    QCOMPARE(outcomes->size(), 5);
    const RoutingStrategy wanted = *routingStrategyFromString(strategy);
    const auto it = std::find_if(outcomes->cbegin(), outcomes->cend(),
                                 [&](const StrategyOutcome &o) { return o.strategy == wanted; });
    QVERIFY(it != outcomes->cend());
    QVERIFY2(near(it->meanRttMs, mean, 1e-5), qPrintable(QString::number(it->meanRttMs, 'f', 9)));
    QVERIFY2(near(it->p95RttMs, p95, 1e-5), qPrintable(QString::number(it->p95RttMs, 'f', 9)));
    QCOMPARE(it->memberShare.size(), 2); // offline g is left out
    QCOMPARE(it->memberShare.at(0).first, u"e"_s);
    QCOMPARE(it->memberShare.at(1).first, u"f"_s);
    QVERIFY(near(it->memberShare.at(0).second, shareE, 1e-12));
    QVERIFY(near(it->memberShare.at(1).second, 1.0 - shareE, 1e-12));

    // The weights' source is not changed (it is const), nor its strategy.
    QCOMPARE(toString(weights.strategy()), u"round_robin"_s);

    const QJsonObject json = toJson(*it);
    QCOMPARE(json.value(u"strategy"_s).toString(), strategy);
    QCOMPARE(json.value(u"member_share"_s).toArray().size(), 2);
}

void TestRouting::compareErrors()
{
    const QList<RegionSignal> regions = fleet();
    const QList<LocationGroup> members{{GeoPoint{0.0, 1.0}, u"G1"_s, 3}};

    const auto noMembers = compareStrategies(regions, {}, RttModel{}, Router{});
    QVERIFY(!noMembers.ok());
    QCOMPARE(noMembers.error().field, u"members"_s);

    const auto zeroMembers =
        compareStrategies(regions, {{GeoPoint{0.0, 1.0}, u"G1"_s, 0}}, RttModel{}, Router{});
    QVERIFY(!zeroMembers.ok());
    QCOMPARE(zeroMembers.error().field, u"members"_s);

    QList<RegionSignal> none = regions;
    for (RegionSignal &s : none)
        s.status = RegionStatus::Offline;
    const auto noRegions = compareStrategies(none, members, RttModel{}, Router{});
    QVERIFY(!noRegions.ok());
    QCOMPARE(noRegions.error().field, u"regions"_s);
}

QTEST_APPLESS_MAIN(TestRouting)
#include "tst_routing.moc"
