#include "recommendationanswer.h"

#include "domain/jsonreader.h"

#include <QJsonArray>

namespace waddle::domain {

QJsonObject toJson(const RecommendationAnswer &answer)
{
    QJsonObject body{{QStringLiteral("waddle_id"), answer.waddleId},
                     {QStringLiteral("voice_region"), answer.voiceRegion},
                     {QStringLiteral("current_region"), answer.currentRegion}};
    if (answer.recommendation) {
        const QJsonObject json = toJson(*answer.recommendation);
        for (auto it = json.constBegin(); it != json.constEnd(); ++it)
            body.insert(it.key(), it.value());
    } else {
        body.insert(QStringLiteral("region"), QJsonValue::Null);
        body.insert(QStringLiteral("reason"), answer.reason);
        body.insert(QStringLiteral("scores"), QJsonArray{});
    }
    return body;
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

} // namespace waddle::domain
