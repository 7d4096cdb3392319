#include "nearestanswer.h"

#include "domain/jsonreader.h"

#include <QJsonArray>

namespace waddle::domain {

QJsonObject toJson(const NearestAnswer &answer)
{
    QJsonArray fallbacks;
    for (const Region &region : answer.fallbacks)
        fallbacks.append(toJson(region));
    QJsonArray candidates;
    for (const NearestCandidate &candidate : answer.candidates)
        candidates.append(toJson(candidate));
    return QJsonObject{{QStringLiteral("primary_region"), toJson(answer.primary)},
                       {QStringLiteral("fallback_regions"), fallbacks},
                       {QStringLiteral("recommended_url"), answer.recommendedUrl},
                       {QStringLiteral("preferred_honoured"), answer.preferredHonoured},
                       {QStringLiteral("candidates"), candidates}};
}

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

} // namespace waddle::domain
