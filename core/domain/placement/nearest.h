#pragma once

#include "domain/geo.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

namespace waddle::domain {

// One round trip the client measured itself (seed 001 `latencies[]`).
struct MeasuredLatency
{
    QString regionCode;
    double latencyMs = 0.0;

    friend bool operator==(const MeasuredLatency &, const MeasuredLatency &) = default;
};

// The body of seed 001's `POST /regions/nearest` plus our `client_location`.
struct NearestRequest
{
    QString clientIp;                       // carried, not interpreted (no GeoIP here)
    std::optional<GeoPoint> clientLocation; // ours: {latitude, longitude}
    QString preferredRegion;                // empty: no preference
    QList<MeasuredLatency> latencies;       // at most one per region code

    friend bool operator==(const NearestRequest &, const NearestRequest &) = default;
};

// Reads seed 001's `client_ip`, `preferred_region`, `latencies: [{region_code,
// latency}]` and our `client_location: {latitude, longitude}`. Every field is
// optional; a latency must be a finite number ≥ 0, codes must be region codes
// and no code may appear twice in `latencies`.
Result<NearestRequest> nearestRequestFromJson(const QJsonValue &json, const QString &path = {});
QJsonObject toJson(const NearestRequest &request);

// Where a candidate's latency came from, best evidence first.
enum class LatencySource
{
    Measured,  // the client's own measurement
    Estimated, // SPEC §5 RTT model from client_location to the region
    Reported,  // the region's average_latency
    None       // nothing known: counted as 0 ms
};

QString toString(LatencySource source);
std::optional<LatencySource> latencySourceFromString(QStringView name);

// One eligible region with every term of its score.
struct NearestCandidate
{
    QString code;
    double latencyMs = 0.0;
    LatencySource source = LatencySource::None;
    double loadPercent = 0.0; // capacity utilisation × 100
    int priority = 0;
    double score = 0.0; // latency + 2 × load% + 10 × priority, lower is better

    friend bool operator==(const NearestCandidate &, const NearestCandidate &) = default;
};

QJsonObject toJson(const NearestCandidate &candidate);
Result<NearestCandidate> nearestCandidateFromJson(const QJsonValue &json, const QString &path = {});

struct NearestResult
{
    QString primary;
    QStringList fallbacks;  // the next best by score, primary excluded
    QString recommendedUrl; // the primary's endpoint
    bool preferredHonoured = false;
    // Every eligible region ranked by score alone (a honoured preference can
    // make the primary other than the first).
    QList<NearestCandidate> candidates;

    friend bool operator==(const NearestResult &, const NearestResult &) = default;
};

// SPEC §5 "Nearest region for a client" (seed 001 FindNearestRegion).
// Eligible: is_active and status online ("active healthy"). Latency per
// region: the client's measurement, else the model's estimate from
// client_location when the region's location is known, else the region's
// average_latency, else 0. score = latency + 2 × load% + 10 × priority, lowest
// wins (scores equal to 1e-6 tie); ties go to the lower priority value, then
// the code. An eligible preferred region is the primary whatever its score; a
// preferred region that is not eligible (or unknown) is ignored. Errors: a measured latency for a
// code no region has, or a negative/non-finite one (field "latencies[i]…"),
// and no eligible region (field "regions").
Result<NearestResult> findNearestRegion(const QList<Region> &regions, const NearestRequest &request,
                                        const RttModel &model = {}, int maxFallbacks = 2);

} // namespace waddle::domain
