// LTTB downsampling of a long series for a chart (SPEC §11 charts,
// core/domain/analytics/timeseries.h): 1,000,000 metric points, one a second,
// a noisy sine with a fixed seed, reduced to 2,000 points 15 times in each
// vector state (clean, right after a QSet<QString> lookup, ymm uppers set:
// tests/bench/vectorstate.h); prints medians and the ratios. Goal: under
// 5 ms, after QSet / clean ≤ 1.2. Build in Release for figures worth quoting.

#include "domain/analytics/timeseries.h"
#include "vectorstate.h"

#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

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

template <typename Point>
double measure(const char *what, const QList<Point> &points)
{
    qsizetype kept = 0; // keeps the work observable
    const waddle::bench::StateTimes times = waddle::bench::timeInStates(
        kRuns, [&] { kept = downsampleLttb(points, kThreshold).size(); });
    char line[96];
    std::snprintf(line, sizeof line, "  %lld %s -> %lld", static_cast<long long>(points.size()),
                  what, static_cast<long long>(kept));
    return waddle::bench::printStates(line, times);
}

} // namespace

int main()
{
    const QList<MetricPoint> points = noisySine();
    std::printf("LTTB of a noisy sine (fixed seed) to %lld points, %d runs per state\n",
                static_cast<long long>(kThreshold), kRuns);
    waddle::bench::printTrapNote();
    measure("MetricPoints", points);

    QList<QPointF> xy;
    xy.reserve(points.size());
    for (const MetricPoint &point : points)
        xy.append(QPointF(static_cast<double>(point.time.toMSecsSinceEpoch()), point.value));
    measure("QPointFs", xy);
    std::printf("  goal: under 5 ms, after QSet / clean <= 1.2\n");
    return 0;
}
