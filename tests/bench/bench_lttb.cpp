// LTTB downsampling of a long series for a chart (SPEC §11 charts,
// core/domain/timeseries.h): 1,000,000 metric points, one a second, a noisy
// sine with a fixed seed, reduced to 2,000 points 15 times; prints the median
// and the fastest run. Build in Release for figures worth quoting.

#include "domain/analytics/timeseries.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <vector>

using namespace waddle::domain;

namespace {

constexpr qsizetype kPoints = 1'000'000;
constexpr qsizetype kThreshold = 2'000;
constexpr int kRuns = 15;

QList<MetricPoint> noisySine()
{
    std::mt19937_64 random(20130101); // fixed seed: every run sees the same series
    std::normal_distribution<double> noise(0.0, 5.0);
    const QDateTime start =
        QDateTime::fromMSecsSinceEpoch(1'735'689'600'000, Qt::UTC); // 2025-01-01
    QList<MetricPoint> points;
    points.reserve(kPoints);
    for (qsizetype i = 0; i < kPoints; ++i) {
        const double phase = 2.0 * std::numbers::pi * static_cast<double>(i) / 86'400.0;
        points.append(
            MetricPoint{start.addMSecs(i * 1000), 100.0 + 50.0 * std::sin(phase) + noise(random)});
    }
    return points;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
}

template <typename Point>
void measure(const char *what, const QList<Point> &points)
{
    std::vector<double> milliseconds;
    milliseconds.reserve(kRuns);
    qsizetype kept = 0; // keeps the work observable
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer timer;
        timer.start();
        const QList<Point> sampled = downsampleLttb(points, kThreshold);
        milliseconds.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        kept += sampled.size();
    }
    std::printf("LTTB %lld %s (noisy sine, fixed seed) -> %lld points, %d runs: "
                "median %.2f ms, min %.2f ms\n",
                static_cast<long long>(points.size()), what, static_cast<long long>(kept / kRuns),
                kRuns, median(milliseconds),
                *std::min_element(milliseconds.begin(), milliseconds.end()));
}

} // namespace

int main()
{
    const QList<MetricPoint> points = noisySine();
    measure("MetricPoints", points);

    QList<QPointF> xy;
    xy.reserve(points.size());
    for (const MetricPoint &point : points)
        xy.append(QPointF(static_cast<double>(point.time.toMSecsSinceEpoch()), point.value));
    measure("QPointFs", xy);
    return 0;
}
