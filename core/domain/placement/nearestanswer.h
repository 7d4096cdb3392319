#pragma once

#include "domain/placement/nearest.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace waddle::domain {

// POST /regions/nearest (seed 001 plus our `preferred_honoured` and
// `candidates`, which a stock seed-001 server leaves out).
struct NearestAnswer
{
    Region primary;
    QList<Region> fallbacks;
    QString recommendedUrl;
    bool preferredHonoured = false;
    QList<NearestCandidate> candidates; // every eligible region, by score

    friend bool operator==(const NearestAnswer &, const NearestAnswer &) = default;
};

// JSON: primary_region, fallback_regions, recommended_url,
// preferred_honoured, candidates.
QJsonObject toJson(const NearestAnswer &answer);
// recommended_url defaults to the primary's endpoint; preferred_honoured
// and candidates may be absent (seed 001).
Result<NearestAnswer> nearestAnswerFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
