#include "domain/placement/optimiser.h"

#include "domain/cpustate.h"

#include <QJsonArray>

#include <algorithm>

namespace waddle::domain {

namespace {

bool serving(const Region &region)
{
    return region.isActive && region.status == RegionStatus::Online && region.locationKnown &&
           region.capacity.maximum > 0;
}

} // namespace

RegionPerformance regionPerformance(const Region &region, const QList<LocationGroup> &participants,
                                    const RttModel &model)
{
    RegionPerformance performance;
    performance.code = region.code;
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    const GeoPoint site{region.location.latitude, region.location.longitude};
    const PreparedPoint preparedSite = prepare(site);
    double weighted = 0.0;
    for (const LocationGroup &group : participants) {
        const double rtt = model.estimateMs(greatCircleKm(prepare(group.point), preparedSite));
        weighted += rtt * static_cast<double>(group.members);
        performance.participants += group.members;
        performance.maxRttMs = std::max(performance.maxRttMs, rtt);
    }
    if (performance.participants > 0)
        performance.averageRttMs = weighted / static_cast<double>(performance.participants);
    performance.score = 0.7 * performance.averageRttMs + 0.3 * performance.maxRttMs;
    return performance;
}

OptimisationDecision decideOptimisation(const OptimisationInput &input,
                                        const QList<Region> &regions, const RttModel &model,
                                        const OptimiserSettings &settings)
{
    OptimisationDecision decision;
    decision.previousRegion = input.currentRegion;
    decision.affectedUsers = totalMembers(input.participants);

    if (input.voiceRegion != QLatin1String("auto")) {
        decision.reason = QStringLiteral("Pinned to %1 by its owner").arg(input.voiceRegion);
        return decision;
    }
    if (input.temporary) {
        decision.reason = QStringLiteral("On a temporary failover region; fail-back decides");
        return decision;
    }
    if (input.activeVoiceChannels <= 0) {
        decision.reason = QStringLiteral("No active voice channels");
        return decision;
    }
    if (decision.affectedUsers <= 0) {
        decision.reason = QStringLiteral("No participants with a known location");
        return decision;
    }

    for (const Region &region : regions) {
        if (serving(region))
            decision.performances.append(regionPerformance(region, input.participants, model));
    }
    std::stable_sort(decision.performances.begin(), decision.performances.end(),
                     [&regions](const RegionPerformance &a, const RegionPerformance &b) {
                         if (a.score != b.score)
                             return a.score < b.score;
                         return findRegion(regions, a.code)->priority <
                                findRegion(regions, b.code)->priority;
                     });
    if (decision.performances.isEmpty()) {
        decision.reason = QStringLiteral("No online region to move to");
        return decision;
    }

    const auto current = std::find_if(
        decision.performances.cbegin(), decision.performances.cend(),
        [&input](const RegionPerformance &p) { return p.code == input.currentRegion; });
    if (current == decision.performances.cend()) {
        decision.reason = QStringLiteral("Current region %1 is not online; failover handles it")
                              .arg(input.currentRegion.isEmpty() ? QStringLiteral("(none)")
                                                                 : input.currentRegion);
        return decision;
    }

    const RegionPerformance &best = decision.performances.front();
    const double improvement =
        current->score > 0.0 ? (current->score - best.score) / current->score : 0.0;
    decision.improvementPercent = improvement * 100.0;
    if (best.code == current->code) {
        decision.reason = QStringLiteral("Current region is optimal");
    } else if (improvement > settings.improvementThreshold) {
        decision.optimised = true;
        decision.newRegion = best.code;
        decision.reason = QStringLiteral("%1 serves the participants %2 % better")
                              .arg(best.code)
                              .arg(decision.improvementPercent, 0, 'f', 1);
    } else {
        decision.reason = QStringLiteral("Improvement %1 % is below the %2 % threshold")
                              .arg(decision.improvementPercent, 0, 'f', 1)
                              .arg(settings.improvementThreshold * 100.0, 0, 'f', 0);
    }
    return decision;
}

QJsonObject toJson(const OptimisationDecision &decision)
{
    QJsonArray performances;
    for (const RegionPerformance &p : decision.performances) {
        performances.append(QJsonObject{{QStringLiteral("code"), p.code},
                                        {QStringLiteral("average_rtt_ms"), p.averageRttMs},
                                        {QStringLiteral("max_rtt_ms"), p.maxRttMs},
                                        {QStringLiteral("score"), p.score},
                                        {QStringLiteral("participants"), p.participants}});
    }
    QJsonObject json{{QStringLiteral("optimised"), decision.optimised},
                     {QStringLiteral("previous_region"), decision.previousRegion},
                     {QStringLiteral("improvement"), decision.improvementPercent},
                     {QStringLiteral("affected_users"), decision.affectedUsers},
                     {QStringLiteral("reason"), decision.reason},
                     {QStringLiteral("performances"), performances}};
    if (decision.optimised)
        json.insert(QStringLiteral("new_region"), decision.newRegion);
    return json;
}

} // namespace waddle::domain
