#include "domain/placement/recommendation.h"

#include "domain/cpustate.h"
#include "domain/jsonreader.h"

#include <QJsonArray>

#include <algorithm>

namespace waddle::domain {

namespace {

QString ineligibleReason(const Region &region)
{
    if (!region.isActive)
        return QStringLiteral("inactive");
    if (region.status != RegionStatus::Online)
        return QStringLiteral("status is %1").arg(toString(region.status));
    if (region.capacity.maximum <= 0)
        return QStringLiteral("no capacity");
    if (!region.locationKnown)
        return QStringLiteral("location unknown");
    return {};
}

} // namespace

Result<Recommendation> recommendRegion(const QList<Region> &regions,
                                       const QList<LocationGroup> &members, const RttModel &model,
                                       const RecommendationWeights &weights)
{
    Recommendation out;
    out.memberCount = totalMembers(members);
    out.groupCount = members.size();
    if (out.memberCount <= 0) {
        return Error{QStringLiteral("members"),
                     QStringLiteral("members: no member has a known location to recommend for")};
    }

    // Numeric kernel: start with a clean vector state whatever ran before on
    // this thread (issue 8, domain/cpustate.h); again per region below, after
    // the reason text is formatted.
    clearUpperVectorState();
    QList<PreparedPoint> groupPoints;
    groupPoints.reserve(members.size());
    for (const LocationGroup &group : members)
        groupPoints.append(prepare(group.point));

    const double total = static_cast<double>(out.memberCount);
    for (const Region &region : regions) {
        RegionScore score;
        score.code = region.code;
        score.reason = ineligibleReason(region);
        score.eligible = score.reason.isEmpty();
        score.loadRatio = region.capacity.utilisation();
        if (region.locationKnown) {
            const PreparedPoint site =
                prepare({region.location.latitude, region.location.longitude});
            clearUpperVectorState();
            double rttSum = 0.0;
            for (qsizetype i = 0; i < members.size(); ++i) {
                const double rtt = model.estimateMs(greatCircleKm(groupPoints.at(i), site));
                const auto count = members.at(i).members;
                rttSum += rtt * static_cast<double>(count);
                if (rtt < weights.geoGoodRttMs)
                    score.membersUnderGoodRtt += count;
            }
            score.averageRttMs = rttSum / total;
            score.geoScore = 100.0 * static_cast<double>(score.membersUnderGoodRtt) / total;
        }
        score.latencyPenalty = weights.latencyPerMs * score.averageRttMs;
        score.capacityPenalty = weights.capacity * score.loadRatio;
        score.geoBonus = weights.geo * score.geoScore;
        score.score = 100.0 - score.latencyPenalty - score.capacityPenalty + score.geoBonus;
        out.scores.append(score);
    }

    auto priorityOf = [&regions](const QString &code) {
        const Region *region = findRegion(regions, code);
        return region ? region->priority : 0;
    };
    std::stable_sort(out.scores.begin(), out.scores.end(),
                     [&priorityOf](const RegionScore &a, const RegionScore &b) {
                         if (a.eligible != b.eligible)
                             return a.eligible;
                         if (a.score != b.score)
                             return a.score > b.score;
                         if (priorityOf(a.code) != priorityOf(b.code))
                             return priorityOf(a.code) < priorityOf(b.code);
                         return a.code < b.code;
                     });

    if (out.scores.isEmpty() || !out.scores.front().eligible) {
        return Error{QStringLiteral("regions"),
                     QStringLiteral("regions: no online region with capacity to recommend")};
    }
    out.regionCode = out.scores.front().code;
    return out;
}

QJsonObject toJson(const RegionScore &score)
{
    QJsonObject json{
        {QStringLiteral("code"), score.code},
        {QStringLiteral("eligible"), score.eligible},
        {QStringLiteral("average_rtt_ms"), score.averageRttMs},
        {QStringLiteral("load_ratio"), score.loadRatio},
        {QStringLiteral("geo_score"), score.geoScore},
        {QStringLiteral("latency_penalty"), score.latencyPenalty},
        {QStringLiteral("capacity_penalty"), score.capacityPenalty},
        {QStringLiteral("geo_bonus"), score.geoBonus},
        {QStringLiteral("score"), score.score},
        {QStringLiteral("members_under_good_rtt"), score.membersUnderGoodRtt},
    };
    if (!score.reason.isEmpty())
        json.insert(QStringLiteral("reason"), score.reason);
    return json;
}

Result<RegionScore> regionScoreFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionScore score;
    score.code = r.string(QLatin1String("code"));
    score.eligible = r.boolean(QLatin1String("eligible"));
    score.reason = r.optionalString(QLatin1String("reason")).value_or(QString());
    score.averageRttMs = r.number(QLatin1String("average_rtt_ms"), 0.0);
    score.loadRatio = r.number(QLatin1String("load_ratio"), 0.0);
    score.geoScore = r.number(QLatin1String("geo_score"), 0.0, 100.0);
    score.latencyPenalty = r.number(QLatin1String("latency_penalty"));
    score.capacityPenalty = r.number(QLatin1String("capacity_penalty"));
    score.geoBonus = r.number(QLatin1String("geo_bonus"));
    score.score = r.number(QLatin1String("score"));
    score.membersUnderGoodRtt = r.integer(QLatin1String("members_under_good_rtt"), 0);
    return r.finish(score);
}

QJsonObject toJson(const Recommendation &recommendation)
{
    QJsonArray scores;
    for (const RegionScore &score : recommendation.scores)
        scores.append(toJson(score));
    return QJsonObject{{QStringLiteral("region"), recommendation.regionCode},
                       {QStringLiteral("member_count"), recommendation.memberCount},
                       {QStringLiteral("group_count"), recommendation.groupCount},
                       {QStringLiteral("scores"), scores}};
}

Result<Recommendation> recommendationFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Recommendation recommendation;
    recommendation.regionCode = r.string(QLatin1String("region"));
    recommendation.memberCount = r.integer(QLatin1String("member_count"), 0);
    recommendation.groupCount = r.integer(QLatin1String("group_count"), 0);
    recommendation.scores = r.list<RegionScore>(QLatin1String("scores"), regionScoreFromJson);
    return r.finish(recommendation);
}

} // namespace waddle::domain
