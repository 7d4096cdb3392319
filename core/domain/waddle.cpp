#include "domain/waddle.h"

#include "domain/jsonreader.h"
#include "domain/region.h"

#include <QUrl>

#include <limits>

namespace waddle::domain {

namespace {

void checkRegionCode(JsonReader &r, QLatin1String key, const QString &code)
{
    if (!r.failed() && !isValidRegionCode(code)) {
        r.failField(key, QStringLiteral("\"%1\" is not a region code (lower-case letters, "
                                        "digits and dashes, at most 32)")
                             .arg(code));
    }
}

} // namespace

bool Waddle::isAutomatic() const
{
    return voiceRegion == automaticVoiceRegion();
}

QString automaticVoiceRegion()
{
    return QStringLiteral("auto");
}

bool isValidVoiceRegion(QStringView value)
{
    return value == automaticVoiceRegion() || isValidRegionCode(value);
}

QJsonObject toJson(const Waddle &waddle)
{
    QJsonObject json{
        {QStringLiteral("id"), waddle.id},
        {QStringLiteral("name"), waddle.name},
        {QStringLiteral("owner_id"), waddle.ownerId},
        {QStringLiteral("voice_region"), waddle.voiceRegion},
        {QStringLiteral("current_region"), waddle.currentRegion.isEmpty()
                                               ? QJsonValue(QJsonValue::Null)
                                               : QJsonValue(waddle.currentRegion)},
        {QStringLiteral("temporary"), waddle.temporary},
        {QStringLiteral("member_count"), waddle.memberCount},
        {QStringLiteral("active_voice_channels"), waddle.activeVoiceChannels},
        {QStringLiteral("version"), waddle.version},
    };
    if (!waddle.originalRegion.isEmpty())
        json.insert(QStringLiteral("original_region"), waddle.originalRegion);
    if (waddle.updatedAt.isValid())
        json.insert(QStringLiteral("updated_at"), toIsoString(waddle.updatedAt));
    return json;
}

Result<Waddle> waddleFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Waddle waddle;
    waddle.id = r.string(QLatin1String("id"));
    if (!r.failed() && waddle.id.isEmpty())
        r.failField(QLatin1String("id"), QStringLiteral("must not be empty"));
    waddle.name = r.string(QLatin1String("name"));
    waddle.ownerId = r.optionalString(QLatin1String("owner_id")).value_or(QString());

    waddle.voiceRegion = r.string(QLatin1String("voice_region"));
    if (!r.failed() && !isValidVoiceRegion(waddle.voiceRegion)) {
        r.failField(QLatin1String("voice_region"),
                    QStringLiteral("must be \"auto\" or a region code, not \"%1\"")
                        .arg(waddle.voiceRegion));
    }
    if (const auto current = r.optionalString(QLatin1String("current_region"))) {
        waddle.currentRegion = *current;
        checkRegionCode(r, QLatin1String("current_region"), waddle.currentRegion);
    }

    waddle.temporary = r.optionalBoolean(QLatin1String("temporary")).value_or(false);
    if (const auto original = r.optionalString(QLatin1String("original_region"))) {
        waddle.originalRegion = *original;
        checkRegionCode(r, QLatin1String("original_region"), waddle.originalRegion);
    }
    if (!r.failed() && waddle.temporary && waddle.originalRegion.isEmpty()) {
        r.failField(QLatin1String("original_region"),
                    QStringLiteral("is required when temporary is true (fail-back restores it)"));
    }

    waddle.memberCount = r.optionalInteger(QLatin1String("member_count"), 0).value_or(0);
    waddle.activeVoiceChannels =
        static_cast<int>(r.optionalInteger(QLatin1String("active_voice_channels"), 0,
                                           std::numeric_limits<int>::max())
                             .value_or(0));
    waddle.version = r.optionalInteger(QLatin1String("version"), 1).value_or(1);
    waddle.updatedAt = r.optionalDateTime(QLatin1String("updated_at")).value_or(QDateTime());
    return r.finish(waddle);
}

QJsonObject toJson(const VoiceRegionUpdate &update)
{
    return QJsonObject{{QStringLiteral("region"), update.region}};
}

Result<VoiceRegionUpdate> voiceRegionUpdateFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    VoiceRegionUpdate update;
    update.region = r.string(QLatin1String("region"));
    if (!r.failed() && !isValidVoiceRegion(update.region)) {
        r.failField(
            QLatin1String("region"),
            QStringLiteral("must be \"auto\" or a region code, not \"%1\"").arg(update.region));
    }
    return r.finish(update);
}

QString waddleETag(const Waddle &waddle)
{
    // Percent-encoding leaves only unreserved ASCII and '%', all of which an
    // entity tag may hold; a '"' or a space in an id would otherwise end it.
    const QString id = QString::fromLatin1(QUrl::toPercentEncoding(waddle.id));
    return QStringLiteral("\"w-%1-%2\"").arg(id).arg(waddle.version);
}

} // namespace waddle::domain
