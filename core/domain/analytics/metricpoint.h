#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>

namespace waddle::domain {

// One value of a metric at one moment: the unit of every time series
// (usage, latency, capacity) the analytics and charts work on.
struct MetricPoint
{
    QDateTime time; // UTC
    double value = 0.0;

    friend bool operator==(const MetricPoint &, const MetricPoint &) = default;
};

QJsonValue toJson(const MetricPoint &point);
Result<MetricPoint> metricPointFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
