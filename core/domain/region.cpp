#include "domain/region.h"

#include "domain/enumnames.h"
#include "domain/jsonreader.h"

#include <QJsonArray>

#include <algorithm>

namespace waddle::domain {

namespace {

constexpr std::array<EnumName<RegionStatus>, 4> kStatusNames{{
    {RegionStatus::Online, QLatin1String("online")},
    {RegionStatus::Degraded, QLatin1String("degraded")},
    {RegionStatus::Offline, QLatin1String("offline")},
    {RegionStatus::Maintenance, QLatin1String("maintenance")},
}};

constexpr std::array<EnumName<RegionStatus>, 3> kSeedHealthNames{{
    {RegionStatus::Online, QLatin1String("healthy")},
    {RegionStatus::Degraded, QLatin1String("degraded")},
    {RegionStatus::Offline, QLatin1String("down")},
}};

Result<GeoLocation> locationFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    GeoLocation location;
    location.city = r.optionalString(QLatin1String("city")).value_or(QString());
    location.country = r.optionalString(QLatin1String("country")).value_or(QString());
    location.continent = r.optionalString(QLatin1String("continent")).value_or(QString());
    location.latitude = r.number(QLatin1String("latitude"), -90.0, 90.0);
    location.longitude = r.number(QLatin1String("longitude"), -180.0, 180.0);
    return r.finish(location);
}

Result<Capacity> capacityFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Capacity capacity;
    capacity.current = r.integer(QLatin1String("current"), 0);
    capacity.maximum = r.integer(QLatin1String("maximum"), 0);
    return r.finish(capacity);
}

} // namespace

QString toString(RegionStatus status)
{
    return enumToName(kStatusNames, status);
}

std::optional<RegionStatus> regionStatusFromString(QStringView name)
{
    return enumFromName(kStatusNames, name);
}

std::optional<RegionStatus> readRegionStatus(JsonReader &reader, QLatin1String key, bool required)
{
    const std::optional<QString> name =
        required ? std::optional<QString>(reader.string(key)) : reader.optionalString(key);
    if (reader.failed() || !name)
        return std::nullopt;
    const std::optional<RegionStatus> status = regionStatusFromString(*name);
    if (!status) {
        reader.failField(key, QStringLiteral("must be online, degraded, offline or maintenance, "
                                             "not \"%1\"")
                                  .arg(*name));
    }
    return status;
}

QString toSeedHealthStatus(RegionStatus status)
{
    if (status == RegionStatus::Maintenance)
        return QStringLiteral("down");
    return enumToName(kSeedHealthNames, status);
}

std::optional<RegionStatus> regionStatusFromSeedHealth(QStringView name)
{
    return enumFromName(kSeedHealthNames, name);
}

bool acceptsSessions(RegionStatus status)
{
    return status == RegionStatus::Online || status == RegionStatus::Degraded;
}

double Capacity::utilisation() const
{
    if (maximum <= 0)
        return 1.0;
    return static_cast<double>(current) / static_cast<double>(maximum);
}

qint64 Capacity::free() const
{
    return std::max<qint64>(0, maximum - current);
}

bool isValidRegionCode(QStringView code)
{
    if (code.isEmpty() || code.size() > 32 || code.front() == u'-')
        return false;
    return std::all_of(code.begin(), code.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-';
    });
}

QJsonObject toJson(const Region &region)
{
    QJsonObject json{
        {QStringLiteral("id"), region.code},
        {QStringLiteral("code"), region.code},
        {QStringLiteral("name"), region.name},
        {QStringLiteral("endpoint"), region.endpoint},
        {QStringLiteral("ping_url"), region.pingUrl},
        {QStringLiteral("health_url"), region.healthUrl},
        {QStringLiteral("capacity"),
         QJsonObject{{QStringLiteral("current"), region.capacity.current},
                     {QStringLiteral("maximum"), region.capacity.maximum}}},
        {QStringLiteral("features"), QJsonArray::fromStringList(region.features)},
        {QStringLiteral("status"), toString(region.status)},
        {QStringLiteral("priority"), region.priority},
        {QStringLiteral("failover_regions"), QJsonArray::fromStringList(region.failoverRegions)},
        {QStringLiteral("is_active"), region.isActive},
        {QStringLiteral("version"), region.version},
        // Seed 001's names for the same facts, so its clients read us as is.
        {QStringLiteral("livekit_url"), region.endpoint},
        {QStringLiteral("latency_endpoint"), region.healthUrl},
        {QStringLiteral("max_capacity"), region.capacity.maximum},
        {QStringLiteral("current_load"), region.capacity.current},
        {QStringLiteral("health_status"), toSeedHealthStatus(region.status)},
    };
    if (!region.stun.isEmpty())
        json.insert(QStringLiteral("stun"), region.stun);
    if (region.locationKnown) {
        json.insert(QStringLiteral("location"),
                    QJsonObject{{QStringLiteral("city"), region.location.city},
                                {QStringLiteral("country"), region.location.country},
                                {QStringLiteral("continent"), region.location.continent},
                                {QStringLiteral("latitude"), region.location.latitude},
                                {QStringLiteral("longitude"), region.location.longitude}});
    }
    if (region.averageLatencyMs)
        json.insert(QStringLiteral("average_latency"), *region.averageLatencyMs);
    return json;
}

Result<Region> regionFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Region region;
    region.code = r.string(QLatin1String("code"));
    if (!r.failed() && !isValidRegionCode(region.code)) {
        r.failField(QLatin1String("code"),
                    QStringLiteral("\"%1\" is not a region code (lower-case letters, digits "
                                   "and dashes, at most 32)")
                        .arg(region.code));
    }
    region.name = r.optionalString(QLatin1String("name")).value_or(region.code);

    // Our `endpoint` or seed 001's `livekit_url`.
    region.endpoint = r.has(QLatin1String("endpoint"))
                          ? r.string(QLatin1String("endpoint"))
                          : r.optionalString(QLatin1String("livekit_url")).value_or(QString());
    region.healthUrl =
        r.has(QLatin1String("health_url"))
            ? r.string(QLatin1String("health_url"))
            : r.optionalString(QLatin1String("latency_endpoint")).value_or(QString());
    region.pingUrl = r.optionalString(QLatin1String("ping_url")).value_or(QString());
    region.stun = r.optionalString(QLatin1String("stun")).value_or(QString());

    if (r.has(QLatin1String("location"))) {
        region.location = r.object<GeoLocation>(QLatin1String("location"), locationFromJson);
    } else {
        region.locationKnown = false;
    }

    if (r.has(QLatin1String("capacity"))) {
        region.capacity = r.object<Capacity>(QLatin1String("capacity"), capacityFromJson);
    } else {
        region.capacity.maximum = r.optionalInteger(QLatin1String("max_capacity"), 0).value_or(0);
        region.capacity.current = r.optionalInteger(QLatin1String("current_load"), 0).value_or(0);
    }

    region.features = r.stringList(QLatin1String("features"));

    if (r.has(QLatin1String("status"))) {
        region.status = r.enumeration(QLatin1String("status"), kStatusNames);
    } else if (r.has(QLatin1String("health_status"))) {
        region.status = r.enumeration(QLatin1String("health_status"), kSeedHealthNames);
    }

    region.priority = static_cast<int>(
        r.optionalInteger(QLatin1String("priority"), 0, 1000000).value_or(region.priority));
    region.failoverRegions = r.stringList(QLatin1String("failover_regions"));
    for (qsizetype i = 0; i < region.failoverRegions.size() && !r.failed(); ++i) {
        const QString &backup = region.failoverRegions.at(i);
        const QString field =
            r.pathOf(QLatin1String("failover_regions")) + JsonReader::indexSuffix(i);
        if (!isValidRegionCode(backup))
            r.fail(field, QStringLiteral("\"%1\" is not a region code").arg(backup));
        else if (backup == region.code)
            r.fail(field, QStringLiteral("a region cannot be its own failover region"));
        else if (region.failoverRegions.indexOf(backup) < i)
            r.fail(field, QStringLiteral("\"%1\" is listed twice").arg(backup));
    }
    region.averageLatencyMs = r.optionalNumber(QLatin1String("average_latency"), 0.0);
    region.isActive = r.optionalBoolean(QLatin1String("is_active")).value_or(true);
    region.version = r.optionalInteger(QLatin1String("version"), 1).value_or(1);
    return r.finish(region);
}

Result<RegionSettings> regionSettingsFromJson(const QJsonValue &json, const Region &region,
                                              const QList<Region> &known)
{
    JsonReader r(json);
    RegionSettings settings;
    if (const auto priority = r.optionalInteger(QLatin1String("priority"), 0, 1000))
        settings.priority = static_cast<int>(*priority);
    if (!r.failed() && r.has(QLatin1String("failover_regions"))) {
        const QStringList backups = r.stringList(QLatin1String("failover_regions"));
        for (qsizetype i = 0; i < backups.size() && !r.failed(); ++i) {
            const QString &backup = backups.at(i);
            const QString field =
                r.pathOf(QLatin1String("failover_regions")) + JsonReader::indexSuffix(i);
            if (!findRegion(known, backup))
                r.fail(field, QStringLiteral("no region \"%1\"").arg(backup.left(40)));
            else if (backup == region.code)
                r.fail(field, QStringLiteral("a region cannot be its own failover region"));
            else if (backups.indexOf(backup) < i)
                r.fail(field, QStringLiteral("\"%1\" is listed twice").arg(backup));
        }
        settings.failoverRegions = backups;
    }
    if (!r.failed() && !settings.priority && !settings.failoverRegions) {
        r.fail(QStringLiteral("priority"),
               QStringLiteral("send \"priority\" and/or \"failover_regions\""));
    }
    return r.finish(settings);
}

QJsonObject toJson(const RegionSettings &settings)
{
    QJsonObject json;
    if (settings.priority)
        json.insert(QStringLiteral("priority"), *settings.priority);
    if (settings.failoverRegions) {
        json.insert(QStringLiteral("failover_regions"),
                    QJsonArray::fromStringList(*settings.failoverRegions));
    }
    return json;
}

Region withSettings(Region region, const RegionSettings &settings)
{
    if (settings.priority)
        region.priority = *settings.priority;
    if (settings.failoverRegions)
        region.failoverRegions = *settings.failoverRegions;
    return region;
}

QString regionETag(const Region &region)
{
    return QStringLiteral("\"r-%1-%2\"").arg(region.code).arg(region.version);
}

QList<Region> placeFromCatalogue(QList<Region> regions, const QList<Region> &known)
{
    for (Region &region : regions) {
        if (region.locationKnown)
            continue;
        if (const Region *match = findRegion(known, region.code); match && match->locationKnown) {
            region.location = match->location;
            region.locationKnown = true;
        }
    }
    return regions;
}

const Region *findRegion(const QList<Region> &regions, QStringView code)
{
    for (const Region &region : regions) {
        if (region.code == code)
            return &region;
    }
    return nullptr;
}

} // namespace waddle::domain
