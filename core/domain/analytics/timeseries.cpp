#include "domain/analytics/timeseries.h"

#include "domain/cpustate.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace waddle::domain {

QString toString(Bucket bucket)
{
    return enumToName(kBucketNames, bucket);
}

QString toString(Aggregation aggregation)
{
    return enumToName(kAggregationNames, aggregation);
}

QString toString(Trend trend)
{
    return enumToName(kTrendNames, trend);
}

std::optional<Bucket> bucketFromString(QStringView name)
{
    return enumFromName(kBucketNames, name);
}

std::optional<Aggregation> aggregationFromString(QStringView name)
{
    return enumFromName(kAggregationNames, name);
}

std::optional<Trend> trendFromString(QStringView name)
{
    return enumFromName(kTrendNames, name);
}

namespace {

constexpr qint64 kMsPerHour = 60 * 60 * 1000;
constexpr qint64 kMsPerDay = 24 * kMsPerHour;

// Start of the bucket holding `msecs`, rounding towards −∞ so that times
// before 1970 fall into the right bucket too. UTC has no DST and Qt counts no
// leap seconds, so every UTC hour and day is exactly this wide.
qint64 bucketStart(qint64 msecs, qint64 width)
{
    qint64 quotient = msecs / width;
    if (msecs % width < 0)
        --quotient;
    return quotient * width;
}

struct KeyedValue
{
    qint64 start;
    double value;
};

double reduce(const KeyedValue *first, const KeyedValue *last, Aggregation aggregation)
{
    const auto count = static_cast<double>(last - first);
    switch (aggregation) {
    case Aggregation::Count:
        return count;
    case Aggregation::Min:
        return std::min_element(
                   first, last,
                   [](const KeyedValue &a, const KeyedValue &b) { return a.value < b.value; })
            ->value;
    case Aggregation::Max:
        return std::max_element(
                   first, last,
                   [](const KeyedValue &a, const KeyedValue &b) { return a.value < b.value; })
            ->value;
    case Aggregation::Sum:
    case Aggregation::Average:
        break;
    }
    double sum = 0.0;
    for (const KeyedValue *it = first; it != last; ++it)
        sum += it->value;
    return aggregation == Aggregation::Average ? sum / count : sum;
}

} // namespace

QList<MetricPoint> bucketize(const QList<MetricPoint> &points, Bucket bucket,
                             Aggregation aggregation)
{
    const qint64 width = bucket == Bucket::Hour ? kMsPerHour : kMsPerDay;
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)

    std::vector<KeyedValue> keyed;
    keyed.reserve(static_cast<std::size_t>(points.size()));
    for (const MetricPoint &point : points) {
        if (!point.time.isValid() || !std::isfinite(point.value))
            continue;
        keyed.push_back({bucketStart(point.time.toMSecsSinceEpoch(), width), point.value});
    }
    // Sorting by value within a bucket as well fixes the order of summation,
    // so the same points in another order give bit-identical sums.
    std::sort(keyed.begin(), keyed.end(), [](const KeyedValue &a, const KeyedValue &b) {
        return a.start != b.start ? a.start < b.start : a.value < b.value;
    });

    QList<MetricPoint> out;
    const KeyedValue *const end = keyed.data() + keyed.size();
    for (const KeyedValue *first = keyed.data(); first != end;) {
        const KeyedValue *last = first;
        while (last != end && last->start == first->start)
            ++last;
        out.append(MetricPoint{QDateTime::fromMSecsSinceEpoch(first->start, Qt::UTC),
                               reduce(first, last, aggregation)});
        first = last;
    }
    return out;
}

WindowTrend windowTrend(const QList<MetricPoint> &points, const QDateTime &now,
                        std::chrono::minutes window, double stableBandPercent)
{
    WindowTrend result;
    if (!now.isValid())
        return result;

    // SPEC §11 / seed 001: current = (now − window, now],
    // previous = (now − 2·window, now − window].
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const qint64 windowMs = std::chrono::milliseconds(window).count();
    const qint64 currentFrom = nowMs - windowMs;
    const qint64 previousFrom = nowMs - 2 * windowMs;
    for (const MetricPoint &point : points) {
        if (!point.time.isValid() || !std::isfinite(point.value))
            continue;
        const qint64 t = point.time.toMSecsSinceEpoch();
        if (t > nowMs)
            continue;
        if (t > currentFrom)
            result.current += point.value;
        else if (t > previousFrom)
            result.previous += point.value;
    }

    if (result.previous == 0.0) {
        // No ratio to a zero base: documented convention in the header.
        if (result.current > 0.0) {
            result.trend = Trend::Up;
            result.changePercent = 100.0;
        } else if (result.current < 0.0) {
            result.trend = Trend::Down;
            result.changePercent = -100.0;
        }
        return result;
    }

    // Multiplying before dividing keeps whole-number cases exact
    // (105 vs 100 gives exactly 5, which is then not "stable").
    result.changePercent = (result.current - result.previous) * 100.0 / std::abs(result.previous);
    if (std::abs(result.changePercent) < stableBandPercent)
        result.trend = Trend::Stable;
    else
        result.trend = result.changePercent > 0.0 ? Trend::Up : Trend::Down;
    return result;
}

namespace {

// The one implementation of LTTB (Steinarsson 2013, §4.2), for any point type
// given how to read its x and y. Preconditions (checked by the callers):
// 3 <= threshold < data.size().
//
// Bucket k of the threshold − 2 inner buckets covers indices
// [1 + k·(n − 2)/(threshold − 2), 1 + (k + 1)·(n − 2)/(threshold − 2)) in integer
// arithmetic, so the boundaries are exact and every bucket holds at least one
// point; the "next bucket" of the last inner bucket is the last point alone.
//
// Each x is read once: the next bucket's x values are kept while averaging
// them and are this bucket's in the following step. For MetricPoint, x is an
// out-of-line QDateTime::toMSecsSinceEpoch() of ~3 ns: reading it twice took
// 1M → 2k points 6.9 ms, once 4.5 ms (tests/bench/bench_lttb; QPointF, whose
// x is free, pays ~0.3 ms for the buffer, 2.2 → 2.5 ms).
template <typename Point, typename XOf, typename YOf>
QList<Point> largestTriangleThreeBuckets(std::span<const Point> data, qsizetype threshold, XOf xOf,
                                         YOf yOf)
{
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    const Point *const p = data.data();
    const auto n = static_cast<qsizetype>(data.size());
    const qsizetype buckets = threshold - 2;
    const qsizetype inner = n - 2;
    const auto boundary = [&](qsizetype k) { return 1 + k * inner / buckets; };

    QList<Point> out;
    out.reserve(threshold);
    out.append(p[0]);

    // x of the bucket being chosen from and of the one after it (no bucket
    // is wider than this).
    const auto widest = static_cast<std::size_t>(inner / buckets + 1);
    std::vector<double> bucketXs(widest);
    std::vector<double> nextXs(widest);
    double *bucketX = bucketXs.data();
    double *nextX = nextXs.data();
    for (qsizetype j = boundary(0); j < boundary(1); ++j)
        bucketX[j - boundary(0)] = xOf(p[j]);

    double ax = xOf(p[0]);
    double ay = yOf(p[0]);
    for (qsizetype k = 0; k < buckets; ++k) {
        const qsizetype from = boundary(k);
        const qsizetype to = boundary(k + 1);
        const qsizetype nextTo = std::min(boundary(k + 2), n);

        // C: the average of the next bucket.
        double sumX = 0.0;
        double sumY = 0.0;
        for (qsizetype j = to; j < nextTo; ++j) {
            const double x = xOf(p[j]);
            nextX[j - to] = x;
            sumX += x;
            sumY += yOf(p[j]);
        }
        const auto nextCount = static_cast<double>(nextTo - to);
        const double cx = sumX / nextCount;
        const double cy = sumY / nextCount;

        // B: the point of this bucket with the largest triangle A-B-C
        // (twice its area; the factor ½ does not change which one wins).
        qsizetype chosen = from;
        double largest = -1.0;
        for (qsizetype j = from; j < to; ++j) {
            const double bx = bucketX[j - from];
            const double by = yOf(p[j]);
            const double area = std::abs((ax - cx) * (by - ay) - (ax - bx) * (cy - ay));
            if (area > largest) {
                largest = area;
                chosen = j;
            }
        }
        out.append(p[chosen]);
        ax = bucketX[chosen - from];
        ay = yOf(p[chosen]);
        std::swap(bucketX, nextX);
    }

    out.append(p[n - 1]);
    return out;
}

} // namespace

QList<MetricPoint> downsampleLttb(const QList<MetricPoint> &sorted, qsizetype threshold)
{
    if (threshold >= sorted.size() || threshold < 3)
        return sorted;
    // x relative to the first point, as an exact integer difference, so the
    // next-bucket averages keep millisecond precision whatever the epoch.
    const qint64 origin = sorted.constFirst().time.toMSecsSinceEpoch();
    return largestTriangleThreeBuckets(
        std::span<const MetricPoint>(sorted.constData(), static_cast<std::size_t>(sorted.size())),
        threshold,
        [origin](const MetricPoint &point) {
            return static_cast<double>(point.time.toMSecsSinceEpoch() - origin);
        },
        [](const MetricPoint &point) { return point.value; });
}

QList<QPointF> downsampleLttb(std::span<const QPointF> sorted, qsizetype threshold)
{
    if (threshold >= static_cast<qsizetype>(sorted.size()) || threshold < 3)
        return QList<QPointF>(sorted.begin(), sorted.end());
    return largestTriangleThreeBuckets(
        sorted, threshold, [](const QPointF &point) { return point.x(); },
        [](const QPointF &point) { return point.y(); });
}

QList<QPointF> downsampleLttb(const QList<QPointF> &sorted, qsizetype threshold)
{
    if (threshold >= sorted.size() || threshold < 3)
        return sorted;
    return downsampleLttb(
        std::span<const QPointF>(sorted.constData(), static_cast<std::size_t>(sorted.size())),
        threshold);
}

} // namespace waddle::domain
