#include "regionstats.h"

#include "domain/jsonreader.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace waddle::domain {

namespace {

int count(JsonReader &r, QLatin1String key)
{
    return static_cast<int>(r.optionalInteger(key, 0, 1e9).value_or(0));
}

QJsonObject toJson(const RegionStatsEntry &entry)
{
    QJsonObject json{{QStringLiteral("code"), entry.code},
                     {QStringLiteral("status"), toString(entry.status)},
                     {QStringLiteral("utilisation"), entry.utilisation}};
    if (entry.responseMs)
        json.insert(QStringLiteral("response_ms"), *entry.responseMs);
    if (entry.errorRatePercent)
        json.insert(QStringLiteral("error_rate"), *entry.errorRatePercent);
    if (entry.p99Ms)
        json.insert(QStringLiteral("p99_ms"), *entry.p99Ms);
    if (entry.score)
        json.insert(QStringLiteral("score"), *entry.score);
    if (entry.lastCheck.isValid())
        json.insert(QStringLiteral("last_check"), toIsoString(entry.lastCheck));
    return json;
}

Result<RegionStatsEntry> regionStatsEntryFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionStatsEntry entry;
    entry.code = r.string(QLatin1String("code"));
    entry.status =
        readRegionStatus(r, QLatin1String("status"), false).value_or(RegionStatus::Online);
    entry.utilisation = r.optionalNumber(QLatin1String("utilisation"), 0.0).value_or(0.0);
    entry.responseMs = r.optionalNumber(QLatin1String("response_ms"), 0.0);
    entry.errorRatePercent = r.optionalNumber(QLatin1String("error_rate"), 0.0, 100.0);
    entry.p99Ms = r.optionalNumber(QLatin1String("p99_ms"), 0.0);
    entry.score = r.optionalNumber(QLatin1String("score"), 0.0, 100.0);
    entry.lastCheck = r.optionalDateTime(QLatin1String("last_check")).value_or(QDateTime());
    return r.finish(entry);
}

} // namespace

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

RegionStats aggregateRegionStats(const QList<Region> &regions,
                                 const QHash<QString, RegionHealth> &latest, const RttModel &model)
{
    RegionStats stats;
    int offline = 0;
    double latencySum = 0.0;
    int latencyCount = 0;
    for (const Region &region : regions) {
        switch (region.status) {
        case RegionStatus::Online:
            ++stats.healthyRegions;
            break;
        case RegionStatus::Degraded:
            ++stats.degradedRegions;
            break;
        case RegionStatus::Offline:
            ++offline;
            break;
        case RegionStatus::Maintenance:
            ++stats.maintenanceRegions;
            break;
        }
        if (region.isActive)
            ++stats.activeRegions;
        stats.totalCapacity += region.capacity.maximum;
        stats.totalLoad += region.capacity.current;
        RegionStatsEntry entry;
        entry.code = region.code;
        entry.status = region.status;
        entry.utilisation = region.capacity.utilisation();
        if (const auto check = latest.constFind(region.code); check != latest.constEnd()) {
            entry.responseMs = check->reading.responseMs;
            entry.errorRatePercent = check->reading.errorRatePercent;
            entry.p99Ms = check->reading.p99Ms;
            entry.score = check->score;
            entry.lastCheck = check->checkedAt;
            if (check->reading.endpointHealthy) {
                latencySum += check->reading.responseMs;
                ++latencyCount;
            }
        }
        stats.regions.append(entry);
    }
    for (const Region &from : regions) {
        QMap<QString, double> &row = stats.latencyMatrixMs[from.code];
        for (const Region &to : regions) {
            if (from.locationKnown && to.locationKnown) {
                row.insert(
                    to.code,
                    std::round(model.estimateMs({from.location.latitude, from.location.longitude},
                                                {to.location.latitude, to.location.longitude}) *
                               10.0) /
                        10.0);
            }
        }
    }
    stats.totalRegions = static_cast<int>(regions.size());
    stats.downRegions = offline + stats.maintenanceRegions;
    stats.availabilityPercent =
        stats.totalRegions > 0
            ? 100.0 * (stats.healthyRegions + stats.degradedRegions) / stats.totalRegions
            : 0.0;
    stats.availableCapacity = std::max<qint64>(0, stats.totalCapacity - stats.totalLoad);
    stats.utilisationPercent = stats.totalCapacity > 0
                                   ? 100.0 * static_cast<double>(stats.totalLoad) /
                                         static_cast<double>(stats.totalCapacity)
                                   : 0.0;
    stats.averageResponseMs = latencyCount > 0 ? latencySum / latencyCount : 0.0;
    return stats;
}

QJsonObject toJson(const RegionStats &stats)
{
    QJsonArray regions;
    for (const RegionStatsEntry &entry : stats.regions)
        regions.append(toJson(entry));
    QJsonObject matrix;
    for (auto row = stats.latencyMatrixMs.constBegin(); row != stats.latencyMatrixMs.constEnd();
         ++row) {
        QJsonObject cells;
        for (auto cell = row->constBegin(); cell != row->constEnd(); ++cell)
            cells.insert(cell.key(), cell.value());
        matrix.insert(row.key(), cells);
    }
    QJsonObject json{{QStringLiteral("total_regions"), stats.totalRegions},
                     {QStringLiteral("active_regions"), stats.activeRegions},
                     {QStringLiteral("healthy_regions"), stats.healthyRegions},
                     {QStringLiteral("degraded_regions"), stats.degradedRegions},
                     {QStringLiteral("down_regions"), stats.downRegions},
                     {QStringLiteral("maintenance_regions"), stats.maintenanceRegions},
                     {QStringLiteral("availability"), stats.availabilityPercent},
                     {QStringLiteral("total_capacity"), stats.totalCapacity},
                     {QStringLiteral("total_load"), stats.totalLoad},
                     {QStringLiteral("available_capacity"), stats.availableCapacity},
                     {QStringLiteral("utilisation"), stats.utilisationPercent},
                     {QStringLiteral("average_response_ms"), stats.averageResponseMs},
                     {QStringLiteral("regions"), regions},
                     {QStringLiteral("latency_matrix_ms"), matrix}};
    for (const auto &[key, value] :
         {std::pair{QStringLiteral("availability_24h"), stats.availability24hPercent},
          std::pair{QStringLiteral("availability_7d"), stats.availability7dPercent},
          std::pair{QStringLiteral("availability_30d"), stats.availability30dPercent}}) {
        if (value)
            json.insert(key, *value);
    }
    return json;
}

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
    stats.availability24hPercent = r.optionalNumber(QLatin1String("availability_24h"), 0.0, 100.0);
    stats.availability7dPercent = r.optionalNumber(QLatin1String("availability_7d"), 0.0, 100.0);
    stats.availability30dPercent = r.optionalNumber(QLatin1String("availability_30d"), 0.0, 100.0);

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

} // namespace waddle::domain
