#include "regionhealthdetail.h"

#include "domain/jsonreader.h"

#include <QJsonArray>

namespace waddle::domain {

QJsonObject toJson(const RegionHealthDetail &detail)
{
    QJsonArray history;
    for (const RegionHealth &health : detail.history)
        history.append(toJson(health));
    QJsonObject json = toReportJson(detail.latest);
    json.insert(QStringLiteral("history"), history);
    return json;
}

Result<RegionHealthDetail> regionHealthDetailFromJson(const QJsonValue &json, const QString &path)
{
    Result<RegionHealth> latest = regionHealthFromJson(json, path);
    if (!latest)
        return latest.error();
    JsonReader r(json, path);
    RegionHealthDetail detail;
    detail.latest = std::move(latest).value();
    detail.history = r.list<RegionHealth>(QLatin1String("history"), regionHealthFromJson);
    return r.finish(detail);
}

} // namespace waddle::domain
