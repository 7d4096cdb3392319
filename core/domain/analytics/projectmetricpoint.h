#pragma once

#include "domain/analytics/metricpoint.h"

#include <QString>

namespace waddle::domain {

// A value of one project's metric at one moment (SPEC §11): what the
// real-time metrics (participant_minutes, egress_minutes, storage_usage,
// bandwidth_usage, api_request and the like) are stored as.
struct ProjectMetricPoint
{
    QString projectId; // "fleet" or a waddle's id
    QString metric;
    MetricPoint point;

    friend bool operator==(const ProjectMetricPoint &, const ProjectMetricPoint &) = default;
};

} // namespace waddle::domain
