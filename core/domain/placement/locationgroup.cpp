#include "domain/placement/locationgroup.h"

#include "domain/cpustate.h"

#include <QHash>

#include <cmath>

namespace waddle::domain {

namespace {

// 0.01° cells: latitude −9000…9000 and longitude −18000…18000 packed in 64 bits.
quint64 cellKey(GeoPoint point)
{
    const auto lat = static_cast<qint64>(std::lround(point.latitude * 100.0)) + 9000;
    const auto lon = static_cast<qint64>(std::lround(point.longitude * 100.0)) + 18000;
    return (static_cast<quint64>(lat) << 32) | static_cast<quint64>(lon);
}

QString coordinatesLabel(GeoPoint point)
{
    return QStringLiteral("%1, %2").arg(point.latitude, 0, 'f', 2).arg(point.longitude, 0, 'f', 2);
}

} // namespace

QList<LocationGroup> groupByLocation(const QList<Member> &members)
{
    QList<LocationGroup> groups;
    QHash<QString, qsizetype> byName;
    QHash<quint64, qsizetype> byCell;
    // Index of the group for `key` in `index`, made on first sight.
    auto groupFor = [&groups](auto &index, const auto &key, const MemberLocation &location,
                              const QString &label) -> LocationGroup & {
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            it = index.insert(key, groups.size());
            groups.append(LocationGroup{location.point, label, 0});
        }
        return groups[*it];
    };
    for (const Member &member : members) {
        if (!member.location)
            continue;
        const MemberLocation &location = *member.location;
        if (!location.city.isEmpty()) {
            const QString label = location.country.isEmpty()
                                      ? location.city
                                      : location.city + QStringLiteral(", ") + location.country;
            ++groupFor(byName, label, location, label).members;
        } else {
            ++groupFor(byCell, cellKey(location.point), location, coordinatesLabel(location.point))
                  .members;
        }
    }
    return groups;
}

QList<LocationGroup> groupPoints(std::span<const GeoPoint> points)
{
    QList<LocationGroup> groups;
    QHash<quint64, qsizetype> byCell; // integer keys: no vector code in the hash
    clearUpperVectorState();          // numeric kernel (issue 8, domain/cpustate.h)
    for (const GeoPoint &point : points) {
        auto it = byCell.constFind(cellKey(point));
        if (it == byCell.constEnd()) {
            it = byCell.insert(cellKey(point), groups.size());
            groups.append(LocationGroup{point, QString(), 0});
        }
        ++groups[*it].members;
    }
    for (LocationGroup &group : groups)
        group.label = coordinatesLabel(group.point);
    return groups;
}

qint64 totalMembers(const QList<LocationGroup> &groups)
{
    qint64 total = 0;
    for (const LocationGroup &group : groups)
        total += group.members;
    return total;
}

} // namespace waddle::domain
