#pragma once

// Builders shared by the domain tests: a region at a point with a given load,
// and a JSON object with one field changed or taken out.

#include "domain/region.h"

#include <QJsonObject>

namespace waddle::domain::test {

// 1° of arc on the equator with kEarthRadiusKm = 6371.0088 km:
// 6371.0088 × π / 180 = 111.195080 km.
inline constexpr double kKmPerDegree = 111.19508;

inline Region makeRegion(const QString &code, double latitude, double longitude,
                         RegionStatus status = RegionStatus::Online, qint64 current = 0,
                         qint64 maximum = 10000, int priority = 1)
{
    Region region;
    region.code = code;
    region.name = code;
    region.endpoint = QStringLiteral("wss://%1.example").arg(code);
    region.location =
        GeoLocation{code, QStringLiteral("Testland"), QStringLiteral("Test"), latitude, longitude};
    region.capacity = Capacity{current, maximum};
    region.status = status;
    region.priority = priority;
    return region;
}

inline QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    object.insert(key, value);
    return object;
}

inline QJsonObject without(QJsonObject object, const QString &key)
{
    object.remove(key);
    return object;
}

} // namespace waddle::domain::test
