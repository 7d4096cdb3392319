// SPEC §5: great-circle distance and the RTT model with its physical floor.
#include "domain/geo.h"

#include <QTest>

#include <cmath>

using namespace waddle::domain;

class TestGeo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void distance_data();
    void distance();
    void distanceIsSymmetricAndPrepared();
    void estimate_data();
    void estimate();
    void fit_data();
    void fit();
    void fitRejects_data();
    void fitRejects();
};

void TestGeo::distance_data()
{
    QTest::addColumn<double>("lat1");
    QTest::addColumn<double>("lon1");
    QTest::addColumn<double>("lat2");
    QTest::addColumn<double>("lon2");
    QTest::addColumn<double>("km");

    // R = 6371.0088 km. Arc of θ degrees = R × θ × π / 180.
    QTest::newRow("same point") << 50.1109 << 8.6821 << 50.1109 << 8.6821 << 0.0;
    // 1° on the equator: 6371.0088 × 0.01745329 = 111.19508 km
    QTest::newRow("1 degree on the equator") << 0.0 << 0.0 << 0.0 << 1.0 << 111.19508;
    // equator to pole along a meridian: R × π / 2 = 10007.5574 km
    QTest::newRow("equator to pole") << 0.0 << 0.0 << 90.0 << 0.0 << 10007.5574;
    // antipodes: R × π = 20015.1148 km
    QTest::newRow("antipodes") << 0.0 << 0.0 << 0.0 << 180.0 << 20015.1148;
    // across the date line: 179.5 → −179.5 is 1° of longitude on the equator
    QTest::newRow("across the date line") << 0.0 << 179.5 << 0.0 << -179.5 << 111.19508;
    // 1° of longitude at 60° N: haversine gives 2R·asin(cos 60° · sin 0.5°)
    // = 12742.0176 × asin(0.5 × 0.0087265355) = 12742.0176 × 0.0043632816
    // = 55.5970 km, a little under the parallel's cos 60° × 111.19508 =
    // 55.5975 km (the great circle is the shorter way).
    QTest::newRow("1 degree of longitude at 60N") << 60.0 << 0.0 << 60.0 << 1.0 << 55.5970;
}

void TestGeo::distance()
{
    QFETCH(double, lat1);
    QFETCH(double, lon1);
    QFETCH(double, lat2);
    QFETCH(double, lon2);
    QFETCH(double, km);
    QVERIFY2(std::fabs(greatCircleKm(GeoPoint{lat1, lon1}, GeoPoint{lat2, lon2}) - km) < 1e-3,
             qPrintable(QString::number(greatCircleKm(GeoPoint{lat1, lon1}, GeoPoint{lat2, lon2}),
                                        'f', 5)));
}

void TestGeo::distanceIsSymmetricAndPrepared()
{
    const GeoPoint frankfurt{50.1109, 8.6821};
    const GeoPoint tokyo{35.6762, 139.6503};
    const double there = greatCircleKm(frankfurt, tokyo);
    QCOMPARE(greatCircleKm(tokyo, frankfurt), there);
    QCOMPARE(greatCircleKm(prepare(frankfurt), prepare(tokyo)), there);
    // Frankfurt–Tokyo is about 9,350 km by any atlas.
    QVERIFY(there > 9300.0 && there < 9400.0);
}

void TestGeo::estimate_data()
{
    QTest::addColumn<double>("base");
    QTest::addColumn<double>("k");
    QTest::addColumn<double>("km");
    QTest::addColumn<double>("rtt");

    // Defaults: 5 ms + 0.02 ms/km.
    QTest::newRow("default, 0 km") << 5.0 << 0.02 << 0.0 << 5.0;
    QTest::newRow("default, 1000 km") << 5.0 << 0.02 << 1000.0 << 25.0;  // 5 + 20
    QTest::newRow("default, 6200 km") << 5.0 << 0.02 << 6200.0 << 129.0; // 5 + 124
    QTest::newRow("fitted") << 12.0 << 0.015 << 2000.0 << 42.0;          // 12 + 30
}

void TestGeo::estimate()
{
    QFETCH(double, base);
    QFETCH(double, k);
    QFETCH(double, km);
    QFETCH(double, rtt);
    QCOMPARE(RttModel({base, k}).estimateMs(km), rtt);
}

void TestGeo::fit_data()
{
    QTest::addColumn<QList<RttObservation>>("observations");
    QTest::addColumn<double>("base");
    QTest::addColumn<double>("k");

    // On the line 5 + 0.02 d exactly: the free least-squares fit.
    QTest::newRow("exact line") << QList<RttObservation>{{0, 5}, {1000, 25}, {2000, 45}} << 5.0
                                << 0.02;
    // (0, 11), (1000, 39), (2000, 71): d̄ = 1000, r̄ = 121/3 = 40.333,
    // Sxx = 2e6, Sxy = (−1000)(11 − 40.333) + 0 + 1000(71 − 40.333) = 60000
    // → k = 0.03, b = 40.333 − 30 = 10.333.
    QTest::newRow("least squares")
        << QList<RttObservation>{{0, 11}, {1000, 39}, {2000, 71}} << 10.0 + 1.0 / 3.0 << 0.03;
    // Free fit k = 0.002 (below the 0.01 floor), b = 50. On k = 0.01:
    // b = mean(50 − 0, 52 − 10) = 46, SSE = 4² + 4² = 32. On b = 0:
    // k = Σdr/Σd² = 52000/1e6 = 0.052, SSE = 50² + 0 = 2500. → (46, 0.01).
    QTest::newRow("slope below the fibre floor")
        << QList<RttObservation>{{0, 50}, {1000, 52}} << 46.0 << 0.01;
    // Free fit k = 0.025, b = −10 (negative base). On k = 0.01: b = mean(5,
    // 35) = 20, SSE = 15² + 15² = 450. On b = 0: k = (15000 + 195000)/1e7 =
    // 0.021, SSE = 6² + 2² = 40. → (0, 0.021).
    QTest::newRow("negative base") << QList<RttObservation>{{1000, 15}, {3000, 65}} << 0.0 << 0.021;
    // Both floors: free fit k = 0.004, b = 4 → k-floor edge gives b = mean(−2,
    // −8) < 0 → 0; base edge gives k = 32000/5e6 = 0.0064 → 0.01. → (0, 0.01).
    QTest::newRow("both floors") << QList<RttObservation>{{1000, 8}, {2000, 12}} << 0.0 << 0.01;
}

void TestGeo::fit()
{
    QFETCH(QList<RttObservation>, observations);
    QFETCH(double, base);
    QFETCH(double, k);
    const Result<RttModel> model = fitRttModel(observations);
    QVERIFY2(model.ok(), model.ok() ? "" : qPrintable(model.error().message));
    QVERIFY2(std::fabs(model->baseMs - base) < 1e-9, qPrintable(QString::number(model->baseMs)));
    QVERIFY2(std::fabs(model->msPerKm - k) < 1e-12, qPrintable(QString::number(model->msPerKm)));
    QVERIFY(model->msPerKm >= RttModel::kMinMsPerKm);
    QVERIFY(model->baseMs >= 0.0);
}

void TestGeo::fitRejects_data()
{
    QTest::addColumn<QList<RttObservation>>("observations");
    QTest::addColumn<QString>("field");

    QTest::newRow("none") << QList<RttObservation>{} << QStringLiteral("observations");
    QTest::newRow("one") << QList<RttObservation>{{1000, 25}} << QStringLiteral("observations");
    QTest::newRow("one distance twice")
        << QList<RttObservation>{{1000, 25}, {1000, 30}} << QStringLiteral("observations");
    QTest::newRow("NaN rtt") << QList<RttObservation>{{0, 5}, {1000, qQNaN()}}
                             << QStringLiteral("observations[1]");
    QTest::newRow("negative distance")
        << QList<RttObservation>{{-10, 5}, {1000, 25}} << QStringLiteral("observations[0]");
    QTest::newRow("negative rtt") << QList<RttObservation>{{0, 5}, {1000, -25}}
                                  << QStringLiteral("observations[1]");
}

void TestGeo::fitRejects()
{
    QFETCH(QList<RttObservation>, observations);
    QFETCH(QString, field);
    const Result<RttModel> model = fitRttModel(observations);
    QVERIFY(!model.ok());
    QCOMPARE(model.error().field, field);
    QVERIFY(!model.error().message.isEmpty());
}

QTEST_GUILESS_MAIN(TestGeo)
#include "tst_geo.moc"
