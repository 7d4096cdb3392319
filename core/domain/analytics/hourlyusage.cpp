#include "hourlyusage.h"

#include "domain/jsonreader.h"

namespace waddle::domain {

double HourlyUsage::averageQuality() const
{
    return sessions > 0 ? qualitySum / static_cast<double>(sessions) : 0.0;
}

double HourlyUsage::averageLatencyMs() const
{
    return sessions > 0 ? latencySum / static_cast<double>(sessions) : 0.0;
}

QJsonObject toJson(const HourlyUsage &usage)
{
    return QJsonObject{{QStringLiteral("region"), usage.region},
                       {QStringLiteral("hour"), toIsoString(usage.hour)},
                       {QStringLiteral("sessions"), usage.sessions},
                       {QStringLiteral("participants"), usage.participants},
                       {QStringLiteral("total_duration_seconds"), usage.totalDurationSeconds},
                       {QStringLiteral("quality_sum"), usage.qualitySum},
                       {QStringLiteral("latency_sum"), usage.latencySum}};
}

Result<HourlyUsage> hourlyUsageFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    HourlyUsage usage;
    usage.region = r.string(QLatin1String("region"));
    usage.hour = r.dateTime(QLatin1String("hour"));
    usage.sessions = r.integer(QLatin1String("sessions"), 0);
    usage.participants = r.integer(QLatin1String("participants"), 0);
    usage.totalDurationSeconds = r.number(QLatin1String("total_duration_seconds"), 0.0);
    usage.qualitySum = r.number(QLatin1String("quality_sum"), 0.0);
    usage.latencySum = r.number(QLatin1String("latency_sum"), 0.0);
    return r.finish(usage);
}

} // namespace waddle::domain
