#pragma once

#include "domain/geo.h"
#include "domain/member.h"

#include <QList>

#include <span>

namespace waddle::domain {

// Members who connect from the same place (seed 000
// groupParticipantsByLocation). Every per-member formula runs once per group
// and is weighted by its count: a waddle of a million members in a few
// thousand cities costs a few thousand distance sums (PERFORMANCE.md).
struct LocationGroup
{
    GeoPoint point;
    QString label; // "City, Country", or the coordinates when unnamed
    qint64 members = 0;

    friend bool operator==(const LocationGroup &, const LocationGroup &) = default;
};

// Groups by place: members with the same city and country share a group;
// members with only coordinates share one when they agree to 0.01° (~1 km).
// Members without a location are left out (the caller can count them).
// Groups come out in first-seen order.
QList<LocationGroup> groupByLocation(const QList<Member> &members);

// The same for bare points (the benchmark and the demo fleet), by 0.01° cell.
QList<LocationGroup> groupPoints(std::span<const GeoPoint> points);

qint64 totalMembers(const QList<LocationGroup> &groups);

} // namespace waddle::domain
