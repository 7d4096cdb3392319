#include "apitypes.h"

#include "domain/jsonreader.h"

namespace waddle::client {

using namespace waddle::domain;

namespace {

// A region status spelt our way ("online", …), required or optional.
std::optional<RegionStatus> statusField(JsonReader &r, QLatin1String key, bool required)
{
    const std::optional<QString> name =
        required ? std::optional<QString>(r.string(key)) : r.optionalString(key);
    if (r.failed() || !name)
        return std::nullopt;
    const std::optional<RegionStatus> status = regionStatusFromString(*name);
    if (!status) {
        r.failField(key, QStringLiteral("must be online, degraded, offline or maintenance, not "
                                        "\"%1\"")
                             .arg(*name));
    }
    return status;
}

int count(JsonReader &r, QLatin1String key)
{
    return static_cast<int>(r.optionalInteger(key, 0, 1e9).value_or(0));
}

} // namespace

Result<RegionHealthDetail> regionHealthDetailFromJson(const QJsonValue &json, const QString &path)
{
    // The latest check's fields sit at the top level next to "history".
    Result<RegionHealth> latest = regionHealthFromJson(json, path);
    if (!latest)
        return latest.error();
    JsonReader r(json, path);
    RegionHealthDetail detail;
    detail.latest = std::move(latest).value();
    detail.history = r.list<RegionHealth>(QLatin1String("history"), regionHealthFromJson);
    return r.finish(detail);
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

std::optional<double> RegionStats::latencyMs(const QString &from, const QString &to) const
{
    const auto row = latencyMatrixMs.constFind(from);
    if (row == latencyMatrixMs.constEnd())
        return std::nullopt;
    const auto cell = row->constFind(to);
    if (cell == row->constEnd())
        return std::nullopt;
    return *cell;
}

namespace {

Result<RegionStatsEntry> regionStatsEntryFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionStatsEntry entry;
    entry.code = r.string(QLatin1String("code"));
    entry.status = statusField(r, QLatin1String("status"), false).value_or(RegionStatus::Online);
    entry.utilisation = r.optionalNumber(QLatin1String("utilisation"), 0.0).value_or(0.0);
    entry.responseMs = r.optionalNumber(QLatin1String("response_ms"), 0.0);
    entry.errorRatePercent = r.optionalNumber(QLatin1String("error_rate"), 0.0, 100.0);
    entry.p99Ms = r.optionalNumber(QLatin1String("p99_ms"), 0.0);
    entry.score = r.optionalNumber(QLatin1String("score"), 0.0, 100.0);
    entry.lastCheck = r.optionalDateTime(QLatin1String("last_check")).value_or(QDateTime());
    return r.finish(entry);
}

} // namespace

Result<RegionStats> regionStatsFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionStats stats;
    stats.totalRegions = static_cast<int>(r.integer(QLatin1String("total_regions"), 0, 1e9));
    stats.activeRegions = count(r, QLatin1String("active_regions"));
    stats.healthyRegions = count(r, QLatin1String("healthy_regions"));
    stats.degradedRegions = count(r, QLatin1String("degraded_regions"));
    stats.downRegions = count(r, QLatin1String("down_regions"));
    stats.maintenanceRegions = count(r, QLatin1String("maintenance_regions"));
    stats.availabilityPercent =
        r.optionalNumber(QLatin1String("availability"), 0.0, 100.0).value_or(0.0);
    stats.totalCapacity = r.optionalInteger(QLatin1String("total_capacity"), 0).value_or(0);
    stats.totalLoad = r.optionalInteger(QLatin1String("total_load"), 0).value_or(0);
    stats.availableCapacity = r.optionalInteger(QLatin1String("available_capacity"), 0).value_or(0);
    stats.utilisationPercent = r.optionalNumber(QLatin1String("utilisation"), 0.0).value_or(0.0);
    stats.averageResponseMs =
        r.optionalNumber(QLatin1String("average_response_ms"), 0.0).value_or(0.0);
    stats.regions = r.list<RegionStatsEntry>(QLatin1String("regions"), regionStatsEntryFromJson);

    const QLatin1String matrixKey("latency_matrix_ms");
    if (!r.failed() && r.has(matrixKey)) {
        // {from: {to: ms}}: walked by hand, as the keys are region codes.
        const QJsonValue matrix = json.toObject().value(matrixKey);
        if (!matrix.isObject()) {
            r.failField(
                matrixKey,
                QStringLiteral("expected an object, got %1").arg(JsonReader::describeType(matrix)));
        }
        const QJsonObject rows = matrix.toObject();
        for (auto row = rows.constBegin(); row != rows.constEnd() && !r.failed(); ++row) {
            const QString rowPath = r.pathOf(matrixKey) + u'.' + row.key();
            if (!row.value().isObject()) {
                r.fail(rowPath, QStringLiteral("expected an object, got %1")
                                    .arg(JsonReader::describeType(row.value())));
                break;
            }
            QMap<QString, double> &out = stats.latencyMatrixMs[row.key()];
            const QJsonObject cells = row.value().toObject();
            for (auto cell = cells.constBegin(); cell != cells.constEnd(); ++cell) {
                const QString cellPath = rowPath + u'.' + cell.key();
                if (!cell.value().isDouble()) {
                    r.fail(cellPath, QStringLiteral("expected a number, got %1")
                                         .arg(JsonReader::describeType(cell.value())));
                    break;
                }
                if (cell.value().toDouble() < 0.0) {
                    r.fail(cellPath, QStringLiteral("must be at least 0"));
                    break;
                }
                out.insert(cell.key(), cell.value().toDouble());
            }
        }
    }
    return r.finish(stats);
}

Result<RegionAlertInfo> regionAlertInfoFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionAlertInfo alert;
    alert.id = r.string(QLatin1String("id"));
    alert.regionCode = r.string(QLatin1String("region"));
    alert.severity = r.enumeration(QLatin1String("severity"), kSeverityNames);
    alert.title = r.string(QLatin1String("title"));
    alert.description = r.optionalString(QLatin1String("description")).value_or(QString());
    alert.from = statusField(r, QLatin1String("from"), true).value_or(RegionStatus::Online);
    alert.to = statusField(r, QLatin1String("to"), true).value_or(RegionStatus::Online);
    alert.createdAt = r.dateTime(QLatin1String("created_at"));
    alert.acknowledgedAt = r.optionalDateTime(QLatin1String("acknowledged_at"));
    return r.finish(alert);
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

Result<FaultState> faultStateFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    FaultState state;
    state.regionCode = r.string(QLatin1String("region"));
    state.kind = r.string(QLatin1String("kind"));
    state.extraMs = r.optionalNumber(QLatin1String("extra_ms"), 0.0).value_or(0.0);
    return r.finish(state);
}

} // namespace waddle::client
