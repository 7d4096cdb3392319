#pragma once

#include "domain/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace waddle::domain {

// SPEC §3. Maintenance is set by an operator; the others follow from health.
enum class RegionStatus
{
    Online,
    Degraded,
    Offline,
    Maintenance
};

QString toString(RegionStatus status);
std::optional<RegionStatus> regionStatusFromString(QStringView name);

class JsonReader;
// Reads a status spelt our way ("online", …) at `key`; nullopt when absent
// and not `required`, or (with the reader failed) when not a status.
std::optional<RegionStatus> readRegionStatus(JsonReader &reader, QLatin1String key, bool required);

// Seed 001's three-valued health_status: online → healthy, degraded →
// degraded, offline and maintenance → down (neither takes new sessions).
QString toSeedHealthStatus(RegionStatus status);
std::optional<RegionStatus> regionStatusFromSeedHealth(QStringView name);

// True where a region may take new sessions: online or degraded (seed 002's
// _get_healthy_regions counts degraded regions as usable).
bool acceptsSessions(RegionStatus status);

struct GeoLocation
{
    QString city;
    QString country;
    QString continent;
    double latitude = 0.0;  // degrees, −90…90
    double longitude = 0.0; // degrees, −180…180

    friend bool operator==(const GeoLocation &, const GeoLocation &) = default;
};

struct Capacity
{
    qint64 current = 0;
    qint64 maximum = 0;

    // current / maximum in 0…1 (above 1 when overloaded); a region with no
    // capacity counts as full.
    [[nodiscard]] double utilisation() const;
    [[nodiscard]] qint64 free() const;

    friend bool operator==(const Capacity &, const Capacity &) = default;
};

// One voice region (SPEC §3): one canonical model for the catalogue, the
// control plane's store and the wire.
struct Region
{
    QString code;
    QString name;
    QString endpoint;  // media URL
    QString pingUrl;   // GET /ping for latency
    QString healthUrl; // GET /health for the monitor
    QString stun;      // host:port of a STUN binding responder, or empty
    GeoLocation location;
    // False when decoded from a stock seed-001 server, which sends no
    // location, and the code was not in a catalogue to place it from.
    bool locationKnown = true;
    Capacity capacity;
    QStringList features;
    RegionStatus status = RegionStatus::Online;
    int priority = 1; // lower is preferred
    QStringList failoverRegions;
    std::optional<double> averageLatencyMs;
    bool isActive = true;
    // Bumped by every operator edit of the settings below (If-Match).
    qint64 version = 1;

    friend bool operator==(const Region &, const Region &) = default;
};

// What an operator may change on a region (issue 13, seed 001's Regions
// page): its priority and its ordered failover list. Absent = unchanged.
struct RegionSettings
{
    std::optional<int> priority;
    std::optional<QStringList> failoverRegions;

    friend bool operator==(const RegionSettings &, const RegionSettings &) = default;
};

// Reads `{"priority"?, "failover_regions"?}` for `region` (at least one):
// priority 0–1000, failover regions known codes of `known`, not the region
// itself, none twice. Errors name the field (`failover_regions[1]`).
Result<RegionSettings> regionSettingsFromJson(const QJsonValue &json, const Region &region,
                                              const QList<Region> &known);
QJsonObject toJson(const RegionSettings &settings);
// The region with the settings that are given applied.
Region withSettings(Region region, const RegionSettings &settings);
// The region's entity tag for If-Match: "r-<code>-<version>".
QString regionETag(const Region &region);

// Our JSON (SPEC §3, snake_case) plus seed 001's names for the same facts:
// id, livekit_url, latency_endpoint, max_capacity, current_load, health_status.
QJsonObject toJson(const Region &region);

// Reads our JSON or a stock seed-001 region (no location, capacity as
// max_capacity/current_load, health_status instead of status).
Result<Region> regionFromJson(const QJsonValue &json, const QString &path = {});

// Places regions that came without a location (seed 001) at the location of
// the region with the same code in `known`; regions whose code is unknown
// keep locationKnown = false so the UI can say so.
QList<Region> placeFromCatalogue(QList<Region> regions, const QList<Region> &known);

const Region *findRegion(const QList<Region> &regions, QStringView code);

// Region codes: lower-case letters, digits and dashes, 1–32 characters.
bool isValidRegionCode(QStringView code);

} // namespace waddle::domain
