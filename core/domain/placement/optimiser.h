#pragma once

#include "domain/geo.h"
#include "domain/placement/locationgroup.h"
#include "domain/region.h"

#include <QJsonObject>
#include <QList>

namespace waddle::domain {

// SPEC §7: how a region serves the participants' location groups, lower is
// better: 0.7 × member-weighted mean RTT + 0.3 × worst group's RTT.
struct RegionPerformance
{
    QString code;
    double averageRttMs = 0.0;
    double maxRttMs = 0.0;
    double score = 0.0;
    qint64 participants = 0;

    friend bool operator==(const RegionPerformance &, const RegionPerformance &) = default;
};

RegionPerformance regionPerformance(const Region &region, const QList<LocationGroup> &participants,
                                    const RttModel &model = {});

struct OptimiserSettings
{
    double improvementThreshold = 0.20; // migrate when improvement > 20 %
};

// Everything the optimiser needs to know about one waddle right now.
struct OptimisationInput
{
    QString voiceRegion;    // "auto" or a code
    QString currentRegion;  // where it runs
    bool temporary = false; // on a failover region
    int activeVoiceChannels = 0;
    QList<LocationGroup> participants;
};

struct OptimisationDecision
{
    bool optimised = false; // true: migrate to newRegion
    QString previousRegion;
    QString newRegion;
    double improvementPercent = 0.0; // (current − best) / current × 100
    qint64 affectedUsers = 0;
    QString reason;                        // why not, or why
    QList<RegionPerformance> performances; // every online region, best first

    friend bool operator==(const OptimisationDecision &, const OptimisationDecision &) = default;
};

// SPEC §7 (seed 000 DynamicRegionOptimizer): only for waddles on Automatic
// with active voice channels and not on a temporary failover region (fail-
// back owns those). Migrates when the best online region improves on the
// current one by more than the threshold.
OptimisationDecision decideOptimisation(const OptimisationInput &input,
                                        const QList<Region> &regions, const RttModel &model = {},
                                        const OptimiserSettings &settings = {});

QJsonObject toJson(const OptimisationDecision &decision);

} // namespace waddle::domain
