#include "domain/member.h"

#include "domain/jsonreader.h"

namespace waddle::domain {

namespace {

Result<MemberLocation> locationFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    MemberLocation location;
    location.city = r.optionalString(QLatin1String("city")).value_or(QString());
    location.country = r.optionalString(QLatin1String("country")).value_or(QString());
    location.point.latitude = r.number(QLatin1String("latitude"), -90.0, 90.0);
    location.point.longitude = r.number(QLatin1String("longitude"), -180.0, 180.0);
    return r.finish(location);
}

} // namespace

QJsonObject toJson(const Member &member)
{
    QJsonObject json{{QStringLiteral("id"), member.id},
                     {QStringLiteral("waddle_id"), member.waddleId},
                     {QStringLiteral("display_name"), member.displayName}};
    if (member.location) {
        json.insert(QStringLiteral("location"),
                    QJsonObject{{QStringLiteral("city"), member.location->city},
                                {QStringLiteral("country"), member.location->country},
                                {QStringLiteral("latitude"), member.location->point.latitude},
                                {QStringLiteral("longitude"), member.location->point.longitude}});
    }
    return json;
}

Result<Member> memberFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Member member;
    member.id = r.string(QLatin1String("id"));
    member.waddleId = r.string(QLatin1String("waddle_id"));
    for (const auto &[key, value] : {std::pair{QLatin1String("id"), member.id},
                                     std::pair{QLatin1String("waddle_id"), member.waddleId}}) {
        if (!r.failed() && value.isEmpty())
            r.failField(key, QStringLiteral("must not be empty"));
    }
    member.displayName = r.optionalString(QLatin1String("display_name")).value_or(QString());
    member.location = r.optionalObject<MemberLocation>(QLatin1String("location"), locationFromJson);
    return r.finish(member);
}

} // namespace waddle::domain
