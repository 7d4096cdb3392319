#include "regionalert.h"

#include "domain/jsonreader.h"

namespace waddle::domain {

QJsonObject toJson(const RegionAlert &alert)
{
    QJsonObject json{{QStringLiteral("id"), alert.id},
                     {QStringLiteral("region"), alert.regionCode},
                     {QStringLiteral("severity"), toString(alert.severity)},
                     {QStringLiteral("title"), alert.title},
                     {QStringLiteral("description"), alert.description},
                     {QStringLiteral("from"), toString(alert.from)},
                     {QStringLiteral("to"), toString(alert.to)},
                     {QStringLiteral("created_at"), toIsoString(alert.createdAt)}};
    if (alert.acknowledgedAt)
        json.insert(QStringLiteral("acknowledged_at"), toIsoString(*alert.acknowledgedAt));
    return json;
}

Result<RegionAlert> regionAlertFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionAlert alert;
    alert.id = r.string(QLatin1String("id"));
    alert.regionCode = r.string(QLatin1String("region"));
    alert.severity = r.enumeration(QLatin1String("severity"), kSeverityNames);
    alert.title = r.string(QLatin1String("title"));
    alert.description = r.optionalString(QLatin1String("description")).value_or(QString());
    alert.from = readRegionStatus(r, QLatin1String("from"), true).value_or(RegionStatus::Online);
    alert.to = readRegionStatus(r, QLatin1String("to"), true).value_or(RegionStatus::Online);
    alert.createdAt = r.dateTime(QLatin1String("created_at"));
    alert.acknowledgedAt = r.optionalDateTime(QLatin1String("acknowledged_at"));
    return r.finish(alert);
}

} // namespace waddle::domain
