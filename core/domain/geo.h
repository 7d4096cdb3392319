#pragma once

#include "domain/result.h"

#include <QList>

namespace waddle::domain {

struct GeoPoint
{
    double latitude = 0.0;  // degrees
    double longitude = 0.0; // degrees

    friend bool operator==(const GeoPoint &, const GeoPoint &) = default;
};

// Mean Earth radius (IUGG), km.
inline constexpr double kEarthRadiusKm = 6371.0088;

// Great-circle distance by the haversine formula, km.
double greatCircleKm(GeoPoint a, GeoPoint b);

// A point with its trigonometry done once, for the many-to-many distances of
// recommendation and routing (PERFORMANCE.md: precompute trig).
struct PreparedPoint
{
    double latitudeRad = 0.0;
    double longitudeRad = 0.0;
    double cosLatitude = 1.0;
};

PreparedPoint prepare(GeoPoint point);
double greatCircleKm(const PreparedPoint &a, const PreparedPoint &b);

// SPEC §5: estimated round trip from great-circle distance, RTT = base + d × k.
// Light in fibre covers about 200 km per ms, so a round trip over d km takes
// at least d / 100 ms: k is never below 0.01 ms/km, base never below 0.
struct RttModel
{
    static constexpr double kMinMsPerKm = 0.01;
    static constexpr double kDefaultBaseMs = 5.0;
    static constexpr double kDefaultMsPerKm = 0.02; // route stretch ≈ 2

    double baseMs = kDefaultBaseMs;
    double msPerKm = kDefaultMsPerKm;

    [[nodiscard]] double estimateMs(double distanceKm) const;
    [[nodiscard]] double estimateMs(GeoPoint from, GeoPoint to) const;

    friend bool operator==(const RttModel &, const RttModel &) = default;
};

// One measured round trip at a known distance.
struct RttObservation
{
    double distanceKm = 0.0;
    double rttMs = 0.0;
};

// Least-squares fit of base and k to measurements, with the floors enforced
// (k ≥ 0.01 ms/km, base ≥ 0): when the free fit breaks a floor, the best fit
// on that boundary is taken. Needs two or more distinct distances.
Result<RttModel> fitRttModel(const QList<RttObservation> &observations);

} // namespace waddle::domain
