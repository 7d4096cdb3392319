#include "domain/analytics/timeseries.h"
#include "domain/jsonreader.h"

#include <QTest>

#include <algorithm>
#include <chrono>

using namespace waddle::domain;

namespace waddle::domain {
// Readable failure messages for QCOMPARE (found by ADL).
char *toString(const MetricPoint &point)
{
    return QTest::toString(toIsoString(point.time) + QStringLiteral(" = ") +
                           QString::number(point.value, 'g', 17));
}
} // namespace waddle::domain

Q_DECLARE_METATYPE(waddle::domain::MetricPoint)
Q_DECLARE_METATYPE(waddle::domain::Bucket)
Q_DECLARE_METATYPE(waddle::domain::Aggregation)
Q_DECLARE_METATYPE(waddle::domain::Trend)

namespace {

QDateTime utc(const char *iso)
{
    const QDateTime time = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
    Q_ASSERT(time.isValid());
    return time.toUTC();
}

MetricPoint at(const char *iso, double value)
{
    return MetricPoint{utc(iso), value};
}

QList<QPointF> indexed(const QList<double> &ys)
{
    QList<QPointF> points;
    for (qsizetype i = 0; i < ys.size(); ++i)
        points.append(QPointF(static_cast<double>(i), ys.at(i)));
    return points;
}

} // namespace

class TestTimeSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enumNames();
    void bucketize_data();
    void bucketize();
    void bucketizeIgnoresInputOrder();
    void windowTrend_data();
    void windowTrend();
    void lttbReturnsInputWhenNothingToDrop_data();
    void lttbReturnsInputWhenNothingToDrop();
    void lttbKeepsSpikes_data();
    void lttbKeepsSpikes();
    void lttbShape_data();
    void lttbShape();
};

void TestTimeSeries::enumNames()
{
    QCOMPARE(toString(Bucket::Hour), QStringLiteral("hour"));
    QCOMPARE(toString(Bucket::Day), QStringLiteral("day"));
    QCOMPARE(toString(Aggregation::Sum), QStringLiteral("sum"));
    QCOMPARE(toString(Aggregation::Average), QStringLiteral("avg"));
    QCOMPARE(toString(Aggregation::Min), QStringLiteral("min"));
    QCOMPARE(toString(Aggregation::Max), QStringLiteral("max"));
    QCOMPARE(toString(Aggregation::Count), QStringLiteral("count"));
    QCOMPARE(toString(Trend::Up), QStringLiteral("up"));
    QCOMPARE(toString(Trend::Down), QStringLiteral("down"));
    QCOMPARE(toString(Trend::Stable), QStringLiteral("stable"));

    // Compared with QVERIFY: QCOMPARE would print these enums through the
    // domain's own toString(), which returns a QString, not a char *.
    QVERIFY(bucketFromString(u"hour") == Bucket::Hour);
    QVERIFY(bucketFromString(u"day") == Bucket::Day);
    QVERIFY(aggregationFromString(u"sum") == Aggregation::Sum);
    QVERIFY(aggregationFromString(u"avg") == Aggregation::Average);
    QVERIFY(aggregationFromString(u"min") == Aggregation::Min);
    QVERIFY(aggregationFromString(u"max") == Aggregation::Max);
    QVERIFY(aggregationFromString(u"count") == Aggregation::Count);
    QVERIFY(trendFromString(u"up") == Trend::Up);
    QVERIFY(trendFromString(u"down") == Trend::Down);
    QVERIFY(trendFromString(u"stable") == Trend::Stable);
    QVERIFY(!bucketFromString(u"week"));
    QVERIFY(!aggregationFromString(u"average"));
    QVERIFY(!trendFromString(u"Up"));
}

void TestTimeSeries::bucketize_data()
{
    QTest::addColumn<QList<MetricPoint>>("points");
    QTest::addColumn<Bucket>("bucket");
    QTest::addColumn<Aggregation>("aggregation");
    QTest::addColumn<QList<MetricPoint>>("expected");

    // Four points around the 10:00/11:00 boundary, deliberately out of order:
    //   10:00:00.000 → 2, 10:30 → 3, 10:59:59.999 → 1   (hour 10:00)
    //   11:00:00.000 → 4                                (hour 11:00)
    const QList<MetricPoint> hourly{
        at("2025-01-20T11:00:00.000Z", 4), at("2025-01-20T10:59:59.999Z", 1),
        at("2025-01-20T10:00:00.000Z", 2), at("2025-01-20T10:30:00Z", 3)};
    // hour 10: sum 2+3+1 = 6, avg 6/3 = 2, min 1, max 3, count 3
    // hour 11: sum = avg = min = max = 4, count 1
    QTest::newRow("hour sum") << hourly << Bucket::Hour << Aggregation::Sum
                              << QList<MetricPoint>{at("2025-01-20T10:00:00Z", 6),
                                                    at("2025-01-20T11:00:00Z", 4)};
    QTest::newRow("hour avg") << hourly << Bucket::Hour << Aggregation::Average
                              << QList<MetricPoint>{at("2025-01-20T10:00:00Z", 2),
                                                    at("2025-01-20T11:00:00Z", 4)};
    QTest::newRow("hour min") << hourly << Bucket::Hour << Aggregation::Min
                              << QList<MetricPoint>{at("2025-01-20T10:00:00Z", 1),
                                                    at("2025-01-20T11:00:00Z", 4)};
    QTest::newRow("hour max") << hourly << Bucket::Hour << Aggregation::Max
                              << QList<MetricPoint>{at("2025-01-20T10:00:00Z", 3),
                                                    at("2025-01-20T11:00:00Z", 4)};
    QTest::newRow("hour count") << hourly << Bucket::Hour << Aggregation::Count
                                << QList<MetricPoint>{at("2025-01-20T10:00:00Z", 3),
                                                      at("2025-01-20T11:00:00Z", 1)};
    // The same four points all fall on 2025-01-20: one day bucket.
    // sum 10, avg 10/4 = 2.5, min 1, max 4, count 4.
    QTest::newRow("day sum, one day") << hourly << Bucket::Day << Aggregation::Sum
                                      << QList<MetricPoint>{at("2025-01-20T00:00:00Z", 10)};
    QTest::newRow("day avg, one day") << hourly << Bucket::Day << Aggregation::Average
                                      << QList<MetricPoint>{at("2025-01-20T00:00:00Z", 2.5)};

    // Around midnight UTC, out of order:
    //   2025-01-20 12:00 → 1, 23:59:59.999 → 5   (day 20: sum 6, avg 3, min 1, max 5, n 2)
    //   2025-01-21 00:00:00.000 → 7               (day 21: 7, n 1)
    // 2025-01-21T01:30+02:00 is 2025-01-20T23:30Z → day 20 too, value 2:
    //   day 20 becomes sum 8, avg 8/3, min 1, max 5, count 3.
    const QList<MetricPoint> daily{at("2025-01-21T00:00:00.000Z", 7), at("2025-01-20T12:00:00Z", 1),
                                   at("2025-01-21T01:30:00+02:00", 2),
                                   at("2025-01-20T23:59:59.999Z", 5)};
    QTest::newRow("day sum across midnight, offset input")
        << daily << Bucket::Day << Aggregation::Sum
        << QList<MetricPoint>{at("2025-01-20T00:00:00Z", 8), at("2025-01-21T00:00:00Z", 7)};
    QTest::newRow("day avg across midnight")
        << daily << Bucket::Day << Aggregation::Average
        << QList<MetricPoint>{at("2025-01-20T00:00:00Z", 8.0 / 3.0), at("2025-01-21T00:00:00Z", 7)};
    QTest::newRow("day min across midnight")
        << daily << Bucket::Day << Aggregation::Min
        << QList<MetricPoint>{at("2025-01-20T00:00:00Z", 1), at("2025-01-21T00:00:00Z", 7)};
    QTest::newRow("day max across midnight")
        << daily << Bucket::Day << Aggregation::Max
        << QList<MetricPoint>{at("2025-01-20T00:00:00Z", 5), at("2025-01-21T00:00:00Z", 7)};
    QTest::newRow("day count across midnight")
        << daily << Bucket::Day << Aggregation::Count
        << QList<MetricPoint>{at("2025-01-20T00:00:00Z", 3), at("2025-01-21T00:00:00Z", 1)};
    // The same points by hour: 12:00 → 1; 23:00 → 5 + 2 = 7; 00:00 (21st) → 7.
    QTest::newRow("hour sum, offset input")
        << daily << Bucket::Hour << Aggregation::Sum
        << QList<MetricPoint>{at("2025-01-20T12:00:00Z", 1), at("2025-01-20T23:00:00Z", 7),
                              at("2025-01-21T00:00:00Z", 7)};

    // Empty hours between 10:00 and 13:00 are not filled in.
    QTest::newRow("gaps stay gaps")
        << QList<MetricPoint>{at("2025-01-20T13:05:00Z", 2), at("2025-01-20T10:05:00Z", 1)}
        << Bucket::Hour << Aggregation::Sum
        << QList<MetricPoint>{at("2025-01-20T10:00:00Z", 1), at("2025-01-20T13:00:00Z", 2)};
    // Negative values and a month boundary: 2025-01-31T23:10 → −1.5,
    // 23:50 → 0.5; sum −1.0, min −1.5; 2025-02-01T00:00 starts a new day.
    QTest::newRow("negative values, month boundary")
        << QList<MetricPoint>{at("2025-02-01T00:00:00Z", 3), at("2025-01-31T23:50:00Z", 0.5),
                              at("2025-01-31T23:10:00Z", -1.5)}
        << Bucket::Day << Aggregation::Sum
        << QList<MetricPoint>{at("2025-01-31T00:00:00Z", -1.0), at("2025-02-01T00:00:00Z", 3)};
    // Before 1970 the bucket still starts at the earlier hour (floor, not truncation).
    QTest::newRow("before the epoch")
        << QList<MetricPoint>{at("1969-12-31T23:30:00Z", 4)} << Bucket::Hour << Aggregation::Sum
        << QList<MetricPoint>{at("1969-12-31T23:00:00Z", 4)};
    // Unplaceable points are skipped: invalid time, NaN, infinity.
    QTest::newRow("invalid points skipped")
        << QList<MetricPoint>{MetricPoint{QDateTime(), 9}, at("2025-01-20T10:10:00Z", qQNaN()),
                              at("2025-01-20T10:20:00Z", qInf()), at("2025-01-20T10:30:00Z", 1)}
        << Bucket::Hour << Aggregation::Count << QList<MetricPoint>{at("2025-01-20T10:00:00Z", 1)};
    QTest::newRow("empty") << QList<MetricPoint>{} << Bucket::Day << Aggregation::Sum
                           << QList<MetricPoint>{};
}

void TestTimeSeries::bucketize()
{
    QFETCH(QList<MetricPoint>, points);
    QFETCH(Bucket, bucket);
    QFETCH(Aggregation, aggregation);
    QFETCH(QList<MetricPoint>, expected);

    const QList<MetricPoint> actual = waddle::domain::bucketize(points, bucket, aggregation);
    QCOMPARE(actual, expected);
    for (const MetricPoint &point : actual)
        QCOMPARE(point.time.timeSpec(), Qt::UTC);
}

void TestTimeSeries::bucketizeIgnoresInputOrder()
{
    // 0.1 + 0.2 + 0.3 differs in the last bit depending on the order of
    // summation; bucketize must give the same bits for every permutation.
    QList<MetricPoint> points{at("2025-01-20T10:01:00Z", 0.1), at("2025-01-20T10:02:00Z", 0.2),
                              at("2025-01-20T10:03:00Z", 0.3), at("2025-01-20T10:04:00Z", 1e16),
                              at("2025-01-20T10:05:00Z", -1e16)};
    const QList<MetricPoint> reference =
        waddle::domain::bucketize(points, Bucket::Hour, Aggregation::Sum);
    QCOMPARE(reference.size(), 1);
    std::sort(points.begin(), points.end(),
              [](const MetricPoint &a, const MetricPoint &b) { return a.time < b.time; });
    do {
        QCOMPARE(waddle::domain::bucketize(points, Bucket::Hour, Aggregation::Sum), reference);
    } while (std::next_permutation(
        points.begin(), points.end(),
        [](const MetricPoint &a, const MetricPoint &b) { return a.time < b.time; }));
}

void TestTimeSeries::windowTrend_data()
{
    QTest::addColumn<QList<MetricPoint>>("points");
    QTest::addColumn<int>("windowMinutes");
    QTest::addColumn<double>("band");
    QTest::addColumn<double>("current");
    QTest::addColumn<double>("previous");
    QTest::addColumn<Trend>("trend");
    QTest::addColumn<double>("change");

    // now = 10:30:00Z throughout. With the default 15 min window:
    //   current  = (10:15, 10:30]
    //   previous = (10:00, 10:15]
    const double band = TimeSeriesDefaults::kStableBandPercent;

    // current 60 + 40 (10:30 is `now` itself: included) = 100; previous 80.
    // (100 − 80) × 100 / 80 = 25 → up.
    QTest::newRow("up") << QList<MetricPoint>{at("2025-01-20T10:20:00Z", 60),
                                              at("2025-01-20T10:30:00Z", 40),
                                              at("2025-01-20T10:05:00Z", 80)}
                        << 15 << band << 100.0 << 80.0 << Trend::Up << 25.0;
    // current 50, previous 100: (50 − 100) × 100 / 100 = −50 → down.
    QTest::newRow("down") << QList<MetricPoint>{at("2025-01-20T10:25:00Z", 50),
                                                at("2025-01-20T10:10:00Z", 100)}
                          << 15 << band << 50.0 << 100.0 << Trend::Down << -50.0;
    // 102 vs 100: +2 % < 5 % → stable.
    QTest::newRow("stable") << QList<MetricPoint>{at("2025-01-20T10:25:00Z", 102),
                                                  at("2025-01-20T10:10:00Z", 100)}
                            << 15 << band << 102.0 << 100.0 << Trend::Stable << 2.0;
    // 104.5 vs 100: 4.5 × 100 / 100 = 4.5 < 5 → stable.
    QTest::newRow("stable just inside")
        << QList<MetricPoint>{at("2025-01-20T10:25:00Z", 104.5), at("2025-01-20T10:10:00Z", 100)}
        << 15 << band << 104.5 << 100.0 << Trend::Stable << 4.5;
    // Exactly +5 % is not "less than 5 %" → up; exactly −5 % → down.
    QTest::newRow("band edge up") << QList<MetricPoint>{at("2025-01-20T10:25:00Z", 105),
                                                        at("2025-01-20T10:10:00Z", 100)}
                                  << 15 << band << 105.0 << 100.0 << Trend::Up << 5.0;
    QTest::newRow("band edge down")
        << QList<MetricPoint>{at("2025-01-20T10:25:00Z", 95), at("2025-01-20T10:10:00Z", 100)} << 15
        << band << 95.0 << 100.0 << Trend::Down << -5.0;
    // previous 0, current 30 → up, +100 % by convention.
    QTest::newRow("previous zero") << QList<MetricPoint>{at("2025-01-20T10:25:00Z", 30)} << 15
                                   << band << 30.0 << 0.0 << Trend::Up << 100.0;
    // previous 0, current −2 (a gauge) → down, −100 % by convention.
    QTest::newRow("previous zero, current negative")
        << QList<MetricPoint>{at("2025-01-20T10:25:00Z", -2)} << 15 << band << -2.0 << 0.0
        << Trend::Down << -100.0;
    // Nothing at all → stable, 0 %.
    QTest::newRow("both zero") << QList<MetricPoint>{} << 15 << band << 0.0 << 0.0 << Trend::Stable
                               << 0.0;
    // Zero values in both windows → stable, 0 %.
    QTest::newRow("both zero values")
        << QList<MetricPoint>{at("2025-01-20T10:25:00Z", 0), at("2025-01-20T10:10:00Z", 0)} << 15
        << band << 0.0 << 0.0 << Trend::Stable << 0.0;
    // current 0, previous 40 → (0 − 40) × 100 / 40 = −100 → down.
    QTest::newRow("current zero") << QList<MetricPoint>{at("2025-01-20T10:10:00Z", 40)} << 15
                                  << band << 0.0 << 40.0 << Trend::Down << -100.0;
    // Window edges:
    //   10:15:00.000 (= now − window)        → previous (not current)
    //   10:15:00.001                         → current
    //   10:00:00.000 (= now − 2·window)      → neither
    //   10:00:00.001                         → previous
    //   10:30:00.001 (after now)             → neither
    // current = 1; previous = 10 + 100 = 110; (1 − 110) × 100 / 110 = −10900/110 = −99.0909…
    QTest::newRow("edges") << QList<MetricPoint>{at("2025-01-20T10:15:00.000Z", 10),
                                                 at("2025-01-20T10:15:00.001Z", 1),
                                                 at("2025-01-20T10:00:00.000Z", 1000),
                                                 at("2025-01-20T10:00:00.001Z", 100),
                                                 at("2025-01-20T10:30:00.001Z", 10000)}
                           << 15 << band << 1.0 << 110.0 << Trend::Down << -10900.0 / 110.0;
    // A negative previous: −10 → −5 is a rise: (−5 − (−10)) × 100 / |−10| = +50 → up.
    QTest::newRow("negative previous")
        << QList<MetricPoint>{at("2025-01-20T10:25:00Z", -5), at("2025-01-20T10:10:00Z", -10)} << 15
        << band << -5.0 << -10.0 << Trend::Up << 50.0;
    // A 60 min window with a 20 % band: current (09:30, 10:30], previous (08:30, 09:30].
    // 09:45 → 110 current; 09:00 → 100 previous; 08:30 exactly → neither.
    // +10 % < 20 % → stable.
    QTest::newRow("hour window, wide band")
        << QList<MetricPoint>{at("2025-01-20T09:45:00Z", 110), at("2025-01-20T09:00:00Z", 100),
                              at("2025-01-20T08:30:00Z", 7)}
        << 60 << 20.0 << 110.0 << 100.0 << Trend::Stable << 10.0;
}

void TestTimeSeries::windowTrend()
{
    QFETCH(QList<MetricPoint>, points);
    QFETCH(int, windowMinutes);
    QFETCH(double, band);
    QFETCH(double, current);
    QFETCH(double, previous);
    QFETCH(Trend, trend);
    QFETCH(double, change);

    const WindowTrend actual = waddle::domain::windowTrend(
        points, utc("2025-01-20T10:30:00Z"), std::chrono::minutes(windowMinutes), band);
    QCOMPARE(actual.current, current);
    QCOMPARE(actual.previous, previous);
    QCOMPARE(toString(actual.trend), toString(trend));
    QCOMPARE(actual.changePercent, change);
}

void TestTimeSeries::lttbReturnsInputWhenNothingToDrop_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("threshold");

    QTest::newRow("threshold == size") << 10 << 10;
    QTest::newRow("threshold > size") << 10 << 2000;
    QTest::newRow("threshold 2") << 10 << 2;
    QTest::newRow("threshold 0") << 10 << 0;
    QTest::newRow("threshold negative") << 10 << -5;
    QTest::newRow("empty") << 0 << 3;
    QTest::newRow("two points") << 2 << 3;
}

void TestTimeSeries::lttbReturnsInputWhenNothingToDrop()
{
    QFETCH(int, size);
    QFETCH(int, threshold);

    QList<MetricPoint> points;
    QList<QPointF> xy;
    for (int i = 0; i < size; ++i) {
        points.append(MetricPoint{utc("2025-01-20T00:00:00Z").addSecs(i), double(i % 3)});
        xy.append(QPointF(i, i % 3));
    }
    QCOMPARE(downsampleLttb(points, threshold), points);
    QCOMPARE(downsampleLttb(xy, threshold), xy);
    QCOMPARE(downsampleLttb(std::span<const QPointF>(xy.constData(), xy.size()), threshold), xy);
}

void TestTimeSeries::lttbKeepsSpikes_data()
{
    QTest::addColumn<QList<double>>("ys");
    QTest::addColumn<int>("threshold");
    QTest::addColumn<QList<int>>("keptIndices");

    // n = 8, threshold 4 → 2 inner buckets of (8 − 2) / (4 − 2) = 3 points:
    // bucket 0 = indices 1..3, bucket 1 = indices 4..6; 0 and 7 always kept.
    // Twice the triangle area of A, B, C:
    //   |(ax − cx)(by − ay) − (ax − bx)(cy − ay)|
    //
    // Spike: y = [0, 1, 10, 1, 1, 1, 3, 0]
    //   bucket 0: A = (0, 0); C = mean of 4..6 = (5, 5/3)
    //     area(j) = |−5·yj + (5/3)·xj|
    //     j=1: |−5 + 5/3| = 10/3;  j=2: |−50 + 10/3| = 140/3;  j=3: |−5 + 5| = 0  → 2
    //   bucket 1: A = (2, 10); C = last point (7, 0)
    //     area(j) = |−5·(yj − 10) + 10·(2 − xj)|
    //     j=4: |45 − 20| = 25;  j=5: |45 − 30| = 15;  j=6: |35 − 40| = 5       → 4
    //   kept: 0, 2, 4, 7
    QTest::newRow("spike") << QList<double>{0, 1, 10, 1, 1, 1, 3, 0} << 4 << QList<int>{0, 2, 4, 7};
    // Dip: y = [0, 1, 1, 1, −8, 1, 1, 0]
    //   bucket 0: A = (0, 0); C = mean of 4..6 = (5, (−8 + 1 + 1)/3) = (5, −2)
    //     area(j) = |−5·yj − 2·xj|
    //     j=1: 7;  j=2: 9;  j=3: 11                                          → 3
    //   bucket 1: A = (3, 1); C = (7, 0)
    //     area(j) = |−4·(yj − 1) + (3 − xj)|
    //     j=4: |36 − 1| = 35;  j=5: |0 − 2| = 2;  j=6: |0 − 3| = 3            → 4
    //   kept: 0, 3, 4, 7
    QTest::newRow("dip") << QList<double>{0, 1, 1, 1, -8, 1, 1, 0} << 4 << QList<int>{0, 3, 4, 7};
    // n = 5, threshold 3 → one inner bucket, indices 1..3; A = (0, 0), C = (4, 0):
    //   area(j) = |−4·yj| → the largest |y|: y = [0, 2, −7, 3, 0] → 2
    QTest::newRow("one bucket") << QList<double>{0, 2, -7, 3, 0} << 3 << QList<int>{0, 2, 4};
    // Ties keep the first point of the bucket: a flat line, n = 5, threshold 3:
    // all areas 0 → index 1.
    QTest::newRow("flat") << QList<double>{5, 5, 5, 5, 5} << 3 << QList<int>{0, 1, 4};
}

void TestTimeSeries::lttbKeepsSpikes()
{
    QFETCH(QList<double>, ys);
    QFETCH(int, threshold);
    QFETCH(QList<int>, keptIndices);

    // On chart coordinates, x = index.
    const QList<QPointF> xy = indexed(ys);
    QList<QPointF> expectedXy;
    for (int i : keptIndices)
        expectedXy.append(xy.at(i));
    QCOMPARE(downsampleLttb(xy, threshold), expectedXy);

    // On metric points one second apart (far from the epoch): x scales by
    // 1000 and shifts, which multiplies every area by 1000 and so keeps the
    // same points.
    const QDateTime start = utc("2025-01-20T00:00:00Z");
    QList<MetricPoint> points;
    for (qsizetype i = 0; i < ys.size(); ++i)
        points.append(MetricPoint{start.addSecs(i), ys.at(i)});
    QList<MetricPoint> expectedPoints;
    for (int i : keptIndices)
        expectedPoints.append(points.at(i));
    QCOMPARE(downsampleLttb(points, threshold), expectedPoints);
}

void TestTimeSeries::lttbShape_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("threshold");

    QTest::newRow("1000 → 50") << 1000 << 50;
    QTest::newRow("1000 → 999") << 1000 << 999;
    QTest::newRow("1000 → 3") << 1000 << 3;
    QTest::newRow("7 → 3, uneven buckets") << 7 << 3;
    QTest::newRow("101 → 7, uneven buckets") << 101 << 7;
}

void TestTimeSeries::lttbShape()
{
    QFETCH(int, size);
    QFETCH(int, threshold);

    const QDateTime start = utc("2025-01-20T00:00:00Z");
    QList<MetricPoint> points;
    for (int i = 0; i < size; ++i)
        points.append(MetricPoint{start.addSecs(60 * i), double((i * 37) % 11) - 5.0});

    const QList<MetricPoint> sampled = downsampleLttb(points, threshold);
    QCOMPARE(sampled.size(), qsizetype(threshold));
    QCOMPARE(sampled.constFirst(), points.constFirst());
    QCOMPARE(sampled.constLast(), points.constLast());
    // Every kept point is an input point, in the input's order, none twice.
    qsizetype from = 0;
    for (const MetricPoint &point : sampled) {
        const qsizetype found = points.indexOf(point, from);
        QVERIFY2(found >= 0, qPrintable(toIsoString(point.time)));
        from = found + 1;
    }
}

QTEST_GUILESS_MAIN(TestTimeSeries)
#include "tst_timeseries.moc"
