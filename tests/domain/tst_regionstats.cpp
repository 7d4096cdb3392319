// SPEC §8 global status: the aggregation behind GET /regions/stats and its
// wire format.
#include "domain/regionstats.h"
#include "fixtures.h"

#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<RegionStatus>)

namespace {

RegionHealth check(const QString &code, bool healthy, double responseMs)
{
    RegionHealth h;
    h.code = code;
    h.status = healthy ? RegionStatus::Online : RegionStatus::Offline;
    h.reading = HealthReading{healthy, responseMs, 0.2, 80.0, 0.5};
    h.score = healthy ? 90.0 : 0.0;
    h.checkedAt = QDateTime(QDate(2026, 11, 24), QTime(12, 0, 0, 125), Qt::UTC);
    return h;
}

// a (0°,0°) online 2,000/10,000; b (0°,1°) degraded 5,000/10,000; c (0°,2°)
// offline and inactive; d in maintenance 1,000/10,000, location unknown.
QList<Region> fleet()
{
    Region c = makeRegion(u"c"_s, 0.0, 2.0, RegionStatus::Offline, 0);
    c.isActive = false;
    Region d = makeRegion(u"d"_s, 10.0, 10.0, RegionStatus::Maintenance, 1000);
    d.locationKnown = false;
    return {makeRegion(u"a"_s, 0.0, 0.0, RegionStatus::Online, 2000),
            makeRegion(u"b"_s, 0.0, 1.0, RegionStatus::Degraded, 5000), c, d};
}

QHash<QString, RegionHealth> latestChecks()
{
    return {{u"a"_s, check(u"a"_s, true, 20.0)},
            {u"b"_s, check(u"b"_s, true, 40.0)},
            {u"c"_s, check(u"c"_s, false, 2000.0)}};
}

} // namespace

class TestRegionStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counts_data();
    void counts();
    void capacityLatencyAndMatrix();
    void roundTrip();
    void latencyLookup();
};

void TestRegionStats::counts_data()
{
    QTest::addColumn<QList<RegionStatus>>("statuses");
    QTest::addColumn<int>("healthy");
    QTest::addColumn<int>("degraded");
    QTest::addColumn<int>("down");
    QTest::addColumn<int>("maintenance");
    QTest::addColumn<double>("availability");
    using S = RegionStatus;
    QTest::newRow("none") << QList<S>{} << 0 << 0 << 0 << 0 << 0.0;
    QTest::newRow("all online") << QList<S>{S::Online, S::Online} << 2 << 0 << 0 << 0 << 100.0;
    // online and degraded serve: 2 of 4 → 50 %; down = offline + maintenance
    QTest::newRow("one of each") << QList<S>{S::Online, S::Degraded, S::Offline, S::Maintenance}
                                 << 1 << 1 << 2 << 1 << 50.0;
    // 1 of 3 → 33.33… %
    QTest::newRow("two down") << QList<S>{S::Offline, S::Degraded, S::Offline} << 0 << 1 << 2 << 0
                              << 100.0 / 3.0;
}

void TestRegionStats::counts()
{
    QFETCH(QList<RegionStatus>, statuses);
    QFETCH(int, healthy);
    QFETCH(int, degraded);
    QFETCH(int, down);
    QFETCH(int, maintenance);
    QFETCH(double, availability);
    QList<Region> regions;
    for (qsizetype i = 0; i < statuses.size(); ++i)
        regions.append(makeRegion(u"r%1"_s.arg(i), 0.0, double(i), statuses.at(i)));
    const RegionStats stats = aggregateRegionStats(regions, {});
    QCOMPARE(stats.totalRegions, int(statuses.size()));
    QCOMPARE(stats.healthyRegions, healthy);
    QCOMPARE(stats.degradedRegions, degraded);
    QCOMPARE(stats.downRegions, down);
    QCOMPARE(stats.maintenanceRegions, maintenance);
    QCOMPARE(stats.availabilityPercent, availability);
}

void TestRegionStats::capacityLatencyAndMatrix()
{
    const RegionStats stats = aggregateRegionStats(fleet(), latestChecks());
    QCOMPARE(stats.activeRegions, 3);
    QCOMPARE(stats.totalCapacity, qint64(40000));
    QCOMPARE(stats.totalLoad, qint64(8000));
    QCOMPARE(stats.availableCapacity, qint64(32000));
    QCOMPARE(stats.utilisationPercent, 20.0); // 8,000 / 40,000
    // c's endpoint did not answer: (20 + 40) / 2
    QCOMPARE(stats.averageResponseMs, 30.0);

    QCOMPARE(stats.regions.size(), 4);
    QCOMPARE(stats.regions.at(0).utilisation, 0.2);
    QCOMPARE(stats.regions.at(0).responseMs, std::optional<double>(20.0));
    QVERIFY(stats.regions.at(0).lastCheck.isValid());
    QVERIFY(!stats.regions.at(3).responseMs); // d: never checked
    QVERIFY(!stats.regions.at(3).lastCheck.isValid());

    // 5 ms + 0.02 ms/km × 111.195 km per degree, to 0.1 ms
    QCOMPARE(stats.latencyMs(u"a"_s, u"a"_s), std::optional<double>(5.0));
    QCOMPARE(stats.latencyMs(u"a"_s, u"b"_s), std::optional<double>(7.2)); // 7.224
    QCOMPARE(stats.latencyMs(u"a"_s, u"c"_s), std::optional<double>(9.4)); // 9.448
    // d is unplaced: its row exists and is empty, and it is in no other row
    QVERIFY(stats.latencyMatrixMs.contains(u"d"_s));
    QVERIFY(stats.latencyMatrixMs.value(u"d"_s).isEmpty());
    QVERIFY(!stats.latencyMs(u"a"_s, u"d"_s));
}

void TestRegionStats::roundTrip()
{
    const RegionStats stats = aggregateRegionStats(fleet(), latestChecks());
    const QJsonObject json = toJson(stats);
    QCOMPARE(json.value(u"down_regions"_s).toInt(), 2);
    QCOMPARE(json.value(u"latency_matrix_ms"_s).toObject().value(u"d"_s).toObject().size(), 0);
    const Result<RegionStats> back = regionStatsFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), stats);
}

void TestRegionStats::latencyLookup()
{
    RegionStats stats;
    stats.latencyMatrixMs[u"x"_s][u"y"_s] = 12.5;
    QCOMPARE(stats.latencyMs(u"x"_s, u"y"_s), std::optional<double>(12.5));
    QVERIFY(!stats.latencyMs(u"y"_s, u"x"_s));
    QVERIFY(!stats.latencyMs(u"x"_s, u"z"_s));
}

QTEST_GUILESS_MAIN(TestRegionStats)
#include "tst_regionstats.moc"
