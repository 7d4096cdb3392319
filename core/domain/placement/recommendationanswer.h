#pragma once

#include "domain/placement/recommendation.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace waddle::domain {

// GET /waddles/{id}/recommendation. A waddle with no placed member (or no
// region to choose) has no recommendation: that is an answer, with the
// reason, not an error.
struct RecommendationAnswer
{
    QString waddleId;
    QString voiceRegion;
    QString currentRegion;
    std::optional<Recommendation> recommendation;
    QString reason; // why there is none; empty when there is one

    friend bool operator==(const RecommendationAnswer &, const RecommendationAnswer &) = default;
};

// JSON: waddle_id, voice_region, current_region and the recommendation's
// own fields beside them; without one, region null, the reason and no
// scores.
QJsonObject toJson(const RecommendationAnswer &answer);
Result<RecommendationAnswer> recommendationAnswerFromJson(const QJsonValue &json,
                                                          const QString &path = {});

} // namespace waddle::domain
