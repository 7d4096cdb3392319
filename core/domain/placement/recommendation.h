#pragma once

#include "domain/geo.h"
#include "domain/placement/locationgroup.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QList>

namespace waddle::domain {

// SPEC §5 weights of seed 000's recommendRegion, overridable.
struct RecommendationWeights
{
    double latencyPerMs = 0.5;   // score −= 0.5 × average member RTT
    double capacity = 20.0;      // score −= 20 × current/maximum
    double geo = 0.3;            // score += 0.3 × geo score
    double geoGoodRttMs = 100.0; // geo score: % of members under this RTT

    friend bool operator==(const RecommendationWeights &, const RecommendationWeights &) = default;
};

// One region's line of the breakdown: every term of its score, so the
// person choosing sees why, not just who won.
struct RegionScore
{
    QString code;
    bool eligible = false;
    QString reason;            // why not eligible
    double averageRttMs = 0.0; // member-weighted mean of estimated RTT
    double loadRatio = 0.0;    // current / maximum
    double geoScore = 0.0;     // % of members with RTT under geoGoodRttMs
    double latencyPenalty = 0.0;
    double capacityPenalty = 0.0;
    double geoBonus = 0.0;
    double score = 0.0; // 100 − latency − capacity + geo
    qint64 membersUnderGoodRtt = 0;

    friend bool operator==(const RegionScore &, const RegionScore &) = default;
};

struct Recommendation
{
    QString regionCode; // the winner
    qint64 memberCount = 0;
    qint64 groupCount = 0;
    QList<RegionScore> scores; // eligible best first, then the others

    friend bool operator==(const Recommendation &, const Recommendation &) = default;
};

// SPEC §5 recommendation for a waddle: for each online, active region with
// capacity, score = 100 − 0.5 × average member RTT − 20 × (current/maximum)
// + 0.3 × geo score; highest wins, ties to the lower priority value and then
// the code. Errors when there is no member with a location or no region to
// choose.
Result<Recommendation> recommendRegion(const QList<Region> &regions,
                                       const QList<LocationGroup> &members,
                                       const RttModel &model = {},
                                       const RecommendationWeights &weights = {});

QJsonObject toJson(const RegionScore &score);
Result<RegionScore> regionScoreFromJson(const QJsonValue &json, const QString &path = {});
QJsonObject toJson(const Recommendation &recommendation);
Result<Recommendation> recommendationFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
