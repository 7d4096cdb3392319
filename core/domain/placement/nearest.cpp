#include "domain/placement/nearest.h"

#include "domain/cpustate.h"
#include "domain/enumnames.h"
#include "domain/jsonreader.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>

namespace waddle::domain {

namespace {

constexpr std::array<EnumName<LatencySource>, 4> kLatencySourceNames{{
    {LatencySource::Measured, QLatin1String("measured")},
    {LatencySource::Estimated, QLatin1String("estimated")},
    {LatencySource::Reported, QLatin1String("reported")},
    {LatencySource::None, QLatin1String("none")},
}};

// Seed 001: Score = Latency + (Load% × 2) + (Priority × 10).
constexpr double kLoadPercentWeight = 2.0;
constexpr double kPriorityWeight = 10.0;

// Scores are compared on a grid of 1e-6 (a nanosecond of latency), so sums
// that differ only by rounding (0.1 × 100 + …) tie as a person would expect
// and the order stays a strict weak ordering.
double rankKey(double score)
{
    return std::round(score * 1e6);
}

Result<GeoPoint> geoPointFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    GeoPoint point;
    point.latitude = r.number(QLatin1String("latitude"), -90.0, 90.0);
    point.longitude = r.number(QLatin1String("longitude"), -180.0, 180.0);
    return r.finish(point);
}

Result<MeasuredLatency> measuredLatencyFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    MeasuredLatency measured;
    measured.regionCode = r.string(QLatin1String("region_code"));
    if (!r.failed() && !isValidRegionCode(measured.regionCode)) {
        r.failField(QLatin1String("region_code"),
                    QStringLiteral("\"%1\" is not a region code").arg(measured.regionCode));
    }
    measured.latencyMs = r.number(QLatin1String("latency"), 0.0);
    return r.finish(measured);
}

QString latencyPath(qsizetype index, const char *leaf)
{
    return QStringLiteral("latencies[%1].%2").arg(index).arg(QLatin1String(leaf));
}

// The latency a region is scored with and where it came from (see header).
std::pair<double, LatencySource> latencyFor(const Region &region, const NearestRequest &request,
                                            const RttModel &model)
{
    for (const MeasuredLatency &m : request.latencies) {
        if (m.regionCode == region.code)
            return {m.latencyMs, LatencySource::Measured};
    }
    if (request.clientLocation && region.locationKnown) {
        const GeoPoint at{region.location.latitude, region.location.longitude};
        return {model.estimateMs(*request.clientLocation, at), LatencySource::Estimated};
    }
    if (region.averageLatencyMs)
        return {*region.averageLatencyMs, LatencySource::Reported};
    return {0.0, LatencySource::None};
}

} // namespace

Result<NearestRequest> nearestRequestFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    NearestRequest request;
    request.clientIp = r.optionalString(QLatin1String("client_ip")).value_or(QString());
    request.clientLocation =
        r.optionalObject<GeoPoint>(QLatin1String("client_location"), geoPointFromJson);
    request.preferredRegion =
        r.optionalString(QLatin1String("preferred_region")).value_or(QString());
    if (!r.failed() && !request.preferredRegion.isEmpty() &&
        !isValidRegionCode(request.preferredRegion)) {
        r.failField(QLatin1String("preferred_region"),
                    QStringLiteral("\"%1\" is not a region code").arg(request.preferredRegion));
    }
    request.latencies =
        r.list<MeasuredLatency>(QLatin1String("latencies"), measuredLatencyFromJson);
    QSet<QString> seen;
    for (qsizetype i = 0; i < request.latencies.size() && !r.failed(); ++i) {
        const QString &code = request.latencies.at(i).regionCode;
        if (seen.contains(code)) {
            r.fail(r.pathOf(QLatin1String("latencies")) + JsonReader::indexSuffix(i) +
                       QStringLiteral(".region_code"),
                   QStringLiteral("\"%1\" is measured twice").arg(code));
        }
        seen.insert(code);
    }
    return r.finish(request);
}

QJsonObject toJson(const NearestRequest &request)
{
    QJsonObject json;
    if (!request.clientIp.isEmpty())
        json.insert(QStringLiteral("client_ip"), request.clientIp);
    if (request.clientLocation) {
        json.insert(QStringLiteral("client_location"),
                    QJsonObject{{QStringLiteral("latitude"), request.clientLocation->latitude},
                                {QStringLiteral("longitude"), request.clientLocation->longitude}});
    }
    if (!request.preferredRegion.isEmpty())
        json.insert(QStringLiteral("preferred_region"), request.preferredRegion);
    if (!request.latencies.isEmpty()) {
        QJsonArray latencies;
        for (const MeasuredLatency &m : request.latencies) {
            latencies.append(QJsonObject{{QStringLiteral("region_code"), m.regionCode},
                                         {QStringLiteral("latency"), m.latencyMs}});
        }
        json.insert(QStringLiteral("latencies"), latencies);
    }
    return json;
}

QString toString(LatencySource source)
{
    return enumToName(kLatencySourceNames, source);
}

std::optional<LatencySource> latencySourceFromString(QStringView name)
{
    return enumFromName(kLatencySourceNames, name);
}

QJsonObject toJson(const NearestCandidate &candidate)
{
    return QJsonObject{
        {QStringLiteral("code"), candidate.code},
        {QStringLiteral("latency"), candidate.latencyMs},
        {QStringLiteral("latency_source"), toString(candidate.source)},
        {QStringLiteral("load_percent"), candidate.loadPercent},
        {QStringLiteral("priority"), candidate.priority},
        {QStringLiteral("score"), candidate.score},
    };
}

Result<NearestCandidate> nearestCandidateFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    NearestCandidate candidate;
    candidate.code = r.string(QLatin1String("code"));
    candidate.latencyMs = r.number(QLatin1String("latency"), 0.0);
    candidate.source = r.enumeration(QLatin1String("latency_source"), kLatencySourceNames);
    candidate.loadPercent = r.number(QLatin1String("load_percent"), 0.0);
    candidate.priority = static_cast<int>(r.integer(QLatin1String("priority"), -1e9, 1e9));
    candidate.score = r.number(QLatin1String("score"));
    return r.finish(candidate);
}

Result<NearestResult> findNearestRegion(const QList<Region> &regions, const NearestRequest &request,
                                        const RttModel &model, int maxFallbacks)
{
    // The request may be built in code as well as decoded: check it again.
    for (qsizetype i = 0; i < request.latencies.size(); ++i) {
        const MeasuredLatency &m = request.latencies.at(i);
        if (!findRegion(regions, m.regionCode)) {
            const QString field = latencyPath(i, "region_code");
            return Error{field, field + QStringLiteral(": no region \"%1\"").arg(m.regionCode)};
        }
        if (!std::isfinite(m.latencyMs) || m.latencyMs < 0.0) {
            const QString field = latencyPath(i, "latency");
            return Error{field, field + QStringLiteral(": must be a finite number ≥ 0")};
        }
    }

    NearestResult result;
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    for (const Region &region : regions) {
        if (!region.isActive || region.status != RegionStatus::Online)
            continue;
        NearestCandidate c;
        c.code = region.code;
        std::tie(c.latencyMs, c.source) = latencyFor(region, request, model);
        c.loadPercent = region.capacity.utilisation() * 100.0;
        c.priority = region.priority;
        c.score = c.latencyMs + kLoadPercentWeight * c.loadPercent +
                  kPriorityWeight * static_cast<double>(c.priority);
        result.candidates.append(c);
    }
    if (result.candidates.isEmpty())
        return Error{QStringLiteral("regions"), QStringLiteral("no active healthy region")};

    std::stable_sort(result.candidates.begin(), result.candidates.end(),
                     [](const NearestCandidate &a, const NearestCandidate &b) {
                         if (rankKey(a.score) != rankKey(b.score))
                             return rankKey(a.score) < rankKey(b.score);
                         if (a.priority != b.priority)
                             return a.priority < b.priority;
                         return a.code < b.code;
                     });

    const auto preferred =
        std::find_if(result.candidates.cbegin(), result.candidates.cend(),
                     [&](const NearestCandidate &c) { return c.code == request.preferredRegion; });
    result.preferredHonoured =
        !request.preferredRegion.isEmpty() && preferred != result.candidates.cend();
    result.primary =
        result.preferredHonoured ? preferred->code : result.candidates.constFirst().code;

    const qsizetype wanted = std::max(0, maxFallbacks);
    for (const NearestCandidate &c : std::as_const(result.candidates)) {
        if (result.fallbacks.size() >= wanted)
            break;
        if (c.code != result.primary)
            result.fallbacks.append(c.code);
    }
    result.recommendedUrl = findRegion(regions, result.primary)->endpoint;
    return result;
}

} // namespace waddle::domain
