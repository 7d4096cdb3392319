#pragma once

#include "domain/geo.h"
#include "domain/result.h"

#include <QJsonObject>

#include <optional>

namespace waddle::domain {

// Where a member connects from: a place of the city table or a point the
// member shared.
struct MemberLocation
{
    QString city;
    QString country;
    GeoPoint point;

    friend bool operator==(const MemberLocation &, const MemberLocation &) = default;
};

// A member of a waddle; the location is absent when the member never shared
// one (such members are counted, not placed).
struct Member
{
    QString id;
    QString waddleId;
    QString displayName;
    std::optional<MemberLocation> location;

    friend bool operator==(const Member &, const Member &) = default;
};

QJsonObject toJson(const Member &member);
Result<Member> memberFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
