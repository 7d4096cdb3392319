// The diurnal load curve shared by the region agents and the demo usage
// history (SPEC §2 demo fleet, §8 health figures, §11 usage).
#include "sim/loadcurve.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace waddle::sim;

class TestLoadCurve : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void solarHour_data();
    void solarHour();
    void curve_data();
    void curve();
    void curveShape();
};

void TestLoadCurve::solarHour_data()
{
    QTest::addColumn<QDateTime>("utc");
    QTest::addColumn<double>("longitude");
    QTest::addColumn<double>("hour");

    const QDate day(2024, 5, 1);
    const QDateTime noon(day, QTime(12, 0), Qt::UTC);
    // 139.65 / 15 = 9.31 h
    QTest::newRow("Tokyo at 12:00 UTC") << noon << 139.65 << 21.31;
    // −122.42 / 15 = −8.161333 h → 3.838667
    QTest::newRow("San Francisco at 12:00 UTC") << noon << -122.42 << 3.838667;
    QTest::newRow("Greenwich") << noon << 0.0 << 12.0;
    // 12:30:36 = 12 + 30/60 + 36/3600 = 12.51
    QTest::newRow("minutes and seconds")
        << QDateTime(day, QTime(12, 30, 36), Qt::UTC) << 0.0 << 12.51;
    // 23 + 30/15 = 25 → 1
    QTest::newRow("wraps past midnight") << QDateTime(day, QTime(23, 0), Qt::UTC) << 30.0 << 1.0;
    // 1 − 45/15 = −2 → 22
    QTest::newRow("wraps before midnight") << QDateTime(day, QTime(1, 0), Qt::UTC) << -45.0 << 22.0;
    QTest::newRow("date line east") << QDateTime(day, QTime(6, 0), Qt::UTC) << 180.0 << 18.0;
    QTest::newRow("date line west") << QDateTime(day, QTime(6, 0), Qt::UTC) << -180.0 << 18.0;
    // 14:00 at UTC+2 is 12:00 UTC.
    QTest::newRow("input in another offset")
        << QDateTime(day, QTime(14, 0), Qt::OffsetFromUTC, 7200) << 0.0 << 12.0;
    QTest::newRow("exactly midnight") << QDateTime(day, QTime(0, 0), Qt::UTC) << 0.0 << 0.0;
}

void TestLoadCurve::solarHour()
{
    QFETCH(QDateTime, utc);
    QFETCH(double, longitude);
    QFETCH(double, hour);
    const double got = localSolarHour(utc, longitude);
    QVERIFY2(std::fabs(got - hour) < 1e-6, qPrintable(QString::number(got, 'f', 6)));
    QVERIFY(got >= 0.0 && got < 24.0);
}

void TestLoadCurve::curve_data()
{
    QTest::addColumn<double>("hour");
    QTest::addColumn<double>("utilisation");

    // u = 0.45 − 0.30 cos(π φ); t = h − 4.5 wrapped; φ = t/15.5 up to
    // t = 15.5, then 1 + (t − 15.5)/8.5. cos(π/4) = 0.70710678.
    QTest::newRow("trough 04:30") << 4.5 << 0.15;
    QTest::newRow("peak 20:00") << 20.0 << 0.75;
    // t = 7.75, φ = 0.5: cos = 0
    QTest::newRow("halfway up 12:15") << 12.25 << 0.45;
    // t = 19.75, φ = 1.5
    QTest::newRow("halfway down 00:15") << 0.25 << 0.45;
    // t = 3.875, φ = 0.25: 0.45 − 0.30 × 0.70710678 = 0.23786797
    QTest::newRow("quarter up 08:22:30") << 8.375 << 0.23786797;
    // t = 11.625, φ = 0.75: 0.45 + 0.21213203
    QTest::newRow("three quarters up 16:07:30") << 16.125 << 0.66213203;
    // t = 17.625, φ = 1.25
    QTest::newRow("quarter down 22:07:30") << 22.125 << 0.66213203;
    // t = 21.875, φ = 1.75
    QTest::newRow("three quarters down 02:22:30") << 2.375 << 0.23786797;
    // t = 19.5, φ = 1 + 4/8.5 = 1.470588: cos(1.470588π) = −0.09226836
    QTest::newRow("midnight") << 0.0 << 0.47768051;
    QTest::newRow("24 wraps to 0") << 24.0 << 0.47768051;
    QTest::newRow("28.5 wraps to the trough") << 28.5 << 0.15;
    QTest::newRow("-4 wraps to the peak") << -4.0 << 0.75;
}

void TestLoadCurve::curve()
{
    QFETCH(double, hour);
    QFETCH(double, utilisation);
    const double got = diurnalUtilisation(hour);
    QVERIFY2(std::fabs(got - utilisation) < 1e-7, qPrintable(QString::number(got, 'f', 8)));
}

void TestLoadCurve::curveShape()
{
    // Sampled every 0.6 minutes: within [0.15, 0.75], lowest at 04:30,
    // highest at 20:00, and smooth (no step bigger than the steepest slope
    // of the fall, 0.30 π / 8.5 per hour, allows).
    double lowest = 1.0;
    double highest = 0.0;
    double lowestAt = -1.0;
    double highestAt = -1.0;
    double previous = diurnalUtilisation(0.0);
    const double step = 0.01;
    const double maxStep = 0.30 * std::numbers::pi / 8.5 * step * 1.0001;
    for (int i = 1; i <= 2400; ++i) {
        const double hour = i * step;
        const double u = diurnalUtilisation(hour);
        QVERIFY(u >= 0.0 && u <= 1.0);
        QVERIFY2(std::fabs(u - previous) <= maxStep, qPrintable(QString::number(hour)));
        if (u < lowest) {
            lowest = u;
            lowestAt = hour;
        }
        if (u > highest) {
            highest = u;
            highestAt = hour;
        }
        previous = u;
    }
    QVERIFY(std::fabs(lowestAt - 4.5) < 0.011);
    QVERIFY(std::fabs(highestAt - 20.0) < 0.011);
    QVERIFY(std::fabs(lowest - 0.15) < 1e-6);
    QVERIFY(std::fabs(highest - 0.75) < 1e-6);
    // Evening busier than night, afternoon busier than morning.
    QVERIFY(diurnalUtilisation(21.0) > diurnalUtilisation(3.0));
    QVERIFY(diurnalUtilisation(17.0) > diurnalUtilisation(9.0));
    QCOMPARE(diurnalUtilisation(std::nan("")), 0.45);
}

QTEST_GUILESS_MAIN(TestLoadCurve)
#include "tst_loadcurve.moc"
