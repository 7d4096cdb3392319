#pragma once

#include "controlplane/store/storeerror.h"
#include "domain/analytics/custommetric.h"
#include "domain/analytics/metricpoint.h"

#include <QDateTime>
#include <QList>

#include <chrono>
#include <optional>

namespace waddle::cp {

class UsageRepository;

// A custom metric's values (SPEC §11), computed from the stored usage events
// of its project at the time they are asked for: the events that pass its
// filter, their value field reduced by its aggregation. Nothing is kept
// between calls, so an edited filter applies to the whole history at once.

// The real-time windows of a custom metric, as the built-in metrics' cards
// (seed 001): the last `window` before `now` and the window before it, each
// (start, end]. A window without events has no average, min or max (nullopt);
// its sum and count are 0.
struct CustomMetricWindows
{
    std::optional<double> current;
    std::optional<double> previous;
};
[[nodiscard]] StoreResult<CustomMetricWindows>
customMetricWindows(const UsageRepository &usage, const domain::CustomMetric &metric,
                    const QDateTime &now, std::chrono::minutes window);

// The metric per UTC minute of [from, to), timed at each minute's start,
// oldest first; minutes without a matching event are absent.
[[nodiscard]] StoreResult<QList<domain::MetricPoint>>
customMetricMinutes(const UsageRepository &usage, const domain::CustomMetric &metric,
                    const QDateTime &from, const QDateTime &to);

} // namespace waddle::cp
