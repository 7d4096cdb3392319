#include "domain/analytics/metricpoint.h"

#include "domain/jsonreader.h"

#include <QJsonObject>

namespace waddle::domain {

QJsonValue toJson(const MetricPoint &point)
{
    return QJsonObject{{QStringLiteral("time"), toIsoString(point.time)},
                       {QStringLiteral("value"), point.value}};
}

Result<MetricPoint> metricPointFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    MetricPoint point;
    point.time = r.dateTime(QLatin1String("time"));
    point.value = r.number(QLatin1String("value"));
    return r.finish(point);
}

} // namespace waddle::domain
