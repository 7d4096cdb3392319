#include "latencyresult.h"

#include "domain/enumnames.h"
#include "domain/jsonreader.h"

#include <QJsonArray>

namespace waddle::client {

using namespace waddle::domain;

namespace {

constexpr std::array<EnumName<ProbeMode>, 3> kModeNames{{
    {ProbeMode::Http, QLatin1String("http")},
    {ProbeMode::Tcp, QLatin1String("tcp")},
    {ProbeMode::Stun, QLatin1String("stun")},
}};

} // namespace

QString toString(ProbeMode mode)
{
    return enumToName(kModeNames, mode);
}

std::optional<ProbeMode> probeModeFromString(QStringView name)
{
    return enumFromName(kModeNames, name);
}

QJsonObject toJson(const LatencyResult &result)
{
    QJsonObject json = domain::toJson(result.stats);
    json.insert(QStringLiteral("code"), result.regionCode);
    json.insert(QStringLiteral("mode"), toString(result.mode));
    json.insert(QStringLiteral("connect"),
                result.connectMs ? QJsonValue(*result.connectMs) : QJsonValue(QJsonValue::Null));
    QJsonArray samples;
    QJsonArray detail;
    for (const LatencySample &sample : result.samples) {
        samples.append(sample.outcome == SampleOutcome::Received ? QJsonValue(sample.rttMs)
                                                                 : QJsonValue(QJsonValue::Null));
        detail.append(domain::toJson(sample));
    }
    json.insert(QStringLiteral("samples"), samples);
    json.insert(QStringLiteral("sample_detail"), detail);
    if (result.measuredAt.isValid())
        json.insert(QStringLiteral("measured_at"), toIsoString(result.measuredAt));
    if (!result.error.isEmpty())
        json.insert(QStringLiteral("error"), result.error);
    return json;
}

Result<LatencyResult> latencyResultFromJson(const QJsonValue &json, const QString &path)
{
    const Result<LatencyStats> stats = latencyStatsFromJson(json, path);
    if (!stats)
        return stats.error();
    JsonReader r(json, path);
    LatencyResult result;
    result.stats = stats.value();
    result.regionCode = r.string(QLatin1String("code"));
    const QString mode = r.string(QLatin1String("mode"));
    if (const auto m = probeModeFromString(mode))
        result.mode = *m;
    else if (!r.failed())
        r.failField(QLatin1String("mode"),
                    QStringLiteral("must be http, tcp or stun, not \"%1\"").arg(mode));
    result.connectMs = r.optionalNumber(QLatin1String("connect"), 0.0);
    result.samples = r.list<LatencySample>(QLatin1String("sample_detail"), latencySampleFromJson);
    result.measuredAt = r.optionalDateTime(QLatin1String("measured_at")).value_or(QDateTime());
    result.error = r.optionalString(QLatin1String("error")).value_or(QString());
    return r.finish(result);
}

} // namespace waddle::client
