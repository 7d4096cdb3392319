#include "custommetricseries.h"

#include "controlplane/store/usagerepository.h"

#include <functional>
#include <map>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

// `visit(event, its value)` for each of the metric's events in [from, to).
StoreResult<void> forEachValue(const UsageRepository &usage, const CustomMetric &metric,
                               const QDateTime &from, const QDateTime &to,
                               const std::function<void(const UsageEvent &, double)> &visit)
{
    return usage.forEachUsageEvent(metric.projectId, from, to, [&](const UsageEvent &event) {
        if (matches(metric.filter, event))
            visit(event, metricValue(metric, event));
    });
}

} // namespace

StoreResult<CustomMetricWindows> customMetricWindows(const UsageRepository &usage,
                                                     const CustomMetric &metric,
                                                     const QDateTime &now,
                                                     std::chrono::minutes window)
{
    const qint64 windowMs = std::chrono::milliseconds(window).count();
    const QDateTime split = now.addMSecs(-windowMs);
    MetricAccumulator current;
    MetricAccumulator previous;
    // (now − 2·window, now]: the repository reads [from, to).
    const auto read = forEachValue(usage, metric, now.addMSecs(-2 * windowMs + 1), now.addMSecs(1),
                                   [&](const UsageEvent &event, double value) {
                                       (event.startedAt > split ? current : previous).add(value);
                                   });
    if (!read)
        return read.error();
    return CustomMetricWindows{current.result(metric.aggregation),
                               previous.result(metric.aggregation)};
}

StoreResult<QList<MetricPoint>> customMetricMinutes(const UsageRepository &usage,
                                                    const CustomMetric &metric,
                                                    const QDateTime &from, const QDateTime &to)
{
    constexpr qint64 kMinuteMs = 60 * 1000;
    std::map<qint64, MetricAccumulator> minutes;
    const auto read =
        forEachValue(usage, metric, from, to, [&](const UsageEvent &event, double value) {
            const qint64 ms = event.startedAt.toMSecsSinceEpoch();
            minutes[ms - ((ms % kMinuteMs) + kMinuteMs) % kMinuteMs].add(value);
        });
    if (!read)
        return read.error();
    QList<MetricPoint> out;
    out.reserve(static_cast<qsizetype>(minutes.size()));
    for (const auto &[minute, accumulator] : minutes) {
        // Every minute here has an event, so every aggregation has a value.
        out.append(MetricPoint{QDateTime::fromMSecsSinceEpoch(minute, Qt::UTC),
                               accumulator.result(metric.aggregation).value_or(0.0)});
    }
    return out;
}

} // namespace waddle::cp
