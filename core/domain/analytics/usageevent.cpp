#include "domain/analytics/usageevent.h"

#include "domain/jsonreader.h"
#include "domain/region.h"

#include <limits>

namespace waddle::domain {

namespace {

QString nonEmptyString(JsonReader &r, QLatin1String key)
{
    QString value = r.string(key);
    if (!r.failed() && value.isEmpty())
        r.failField(key, QStringLiteral("must not be empty"));
    return value;
}

} // namespace

QJsonObject toJson(const UsageEvent &event)
{
    QJsonObject json{
        {QStringLiteral("region"), event.regionCode},
        {QStringLiteral("waddle_id"), event.waddleId},
        {QStringLiteral("channel_id"), event.channelId},
        {QStringLiteral("participant_count"), event.participants},
        {QStringLiteral("duration_seconds"), event.durationSeconds},
        {QStringLiteral("quality"), event.quality},
        {QStringLiteral("latency_ms"), event.latencyMs},
        {QStringLiteral("started_at"), toIsoString(event.startedAt)},
    };
    if (!event.id.isEmpty())
        json.insert(QStringLiteral("id"), event.id);
    return json;
}

Result<UsageEvent> usageEventFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    UsageEvent event;
    event.id = r.optionalString(QLatin1String("id")).value_or(QString());
    event.regionCode = r.string(QLatin1String("region"));
    if (!r.failed() && !isValidRegionCode(event.regionCode)) {
        r.failField(QLatin1String("region"),
                    QStringLiteral("\"%1\" is not a region code").arg(event.regionCode));
    }
    event.waddleId = nonEmptyString(r, QLatin1String("waddle_id"));
    event.channelId = nonEmptyString(r, QLatin1String("channel_id"));
    event.participants = static_cast<int>(
        r.integer(QLatin1String("participant_count"), 0, std::numeric_limits<int>::max()));
    event.durationSeconds = r.number(QLatin1String("duration_seconds"), 0.0);
    event.quality = r.number(QLatin1String("quality"), 0.0, 5.0);
    event.latencyMs = r.number(QLatin1String("latency_ms"), 0.0);
    event.startedAt = r.dateTime(QLatin1String("started_at"));
    return r.finish(event);
}

} // namespace waddle::domain
