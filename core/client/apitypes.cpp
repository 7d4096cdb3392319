#include "apitypes.h"

#include "domain/jsonreader.h"

namespace waddle::client {

using namespace waddle::domain;

Result<NearestAnswer> nearestAnswerFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    NearestAnswer answer;
    answer.primary = r.object<Region>(QLatin1String("primary_region"), regionFromJson);
    answer.fallbacks = r.list<Region>(QLatin1String("fallback_regions"), regionFromJson);
    answer.recommendedUrl =
        r.optionalString(QLatin1String("recommended_url")).value_or(answer.primary.endpoint);
    answer.preferredHonoured =
        r.optionalBoolean(QLatin1String("preferred_honoured")).value_or(false);
    answer.candidates =
        r.list<NearestCandidate>(QLatin1String("candidates"), nearestCandidateFromJson);
    return r.finish(answer);
}

Result<RecommendationAnswer> recommendationAnswerFromJson(const QJsonValue &json,
                                                          const QString &path)
{
    JsonReader r(json, path);
    RecommendationAnswer answer;
    answer.waddleId = r.optionalString(QLatin1String("waddle_id")).value_or(QString());
    answer.voiceRegion = r.optionalString(QLatin1String("voice_region")).value_or(QString());
    answer.currentRegion = r.optionalString(QLatin1String("current_region")).value_or(QString());
    const QJsonValue region = json.toObject().value(QLatin1String("region"));
    if (!r.failed() && (region.isNull() || region.isUndefined())) {
        // No winner: the server says why instead of failing.
        answer.reason = r.string(QLatin1String("reason"));
        return r.finish(answer);
    }
    if (r.failed())
        return r.error();
    Result<Recommendation> recommendation = recommendationFromJson(json, path);
    if (!recommendation)
        return recommendation.error();
    answer.recommendation = std::move(recommendation).value();
    return answer;
}

} // namespace waddle::client
