#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace waddle::domain {

// One hour of one region's usage, summed as events arrive (PERFORMANCE.md:
// grouping millions of events at query time is too slow for a dashboard).
struct HourlyUsage
{
    QString region;
    QDateTime hour; // UTC, the start of the hour
    qint64 sessions = 0;
    qint64 participants = 0;
    double totalDurationSeconds = 0.0;
    double qualitySum = 0.0; // over sessions
    double latencySum = 0.0; // over sessions, ms

    [[nodiscard]] double averageQuality() const;
    [[nodiscard]] double averageLatencyMs() const;

    friend bool operator==(const HourlyUsage &, const HourlyUsage &) = default;
};

// JSON: region, hour, sessions, participants, total_duration_seconds,
// quality_sum, latency_sum (all required, none negative).
QJsonObject toJson(const HourlyUsage &usage);
Result<HourlyUsage> hourlyUsageFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
