#pragma once

#include "domain/geo.h"
#include "domain/health.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace waddle::domain {

// One region's line of GET /regions/stats; the health figures are absent
// until the region has been checked.
struct RegionStatsEntry
{
    QString code;
    RegionStatus status = RegionStatus::Online;
    double utilisation = 0.0; // 0…1
    std::optional<double> responseMs;
    std::optional<double> errorRatePercent;
    std::optional<double> p99Ms;
    std::optional<double> score;
    QDateTime lastCheck; // UTC; invalid until checked

    friend bool operator==(const RegionStatsEntry &, const RegionStatsEntry &) = default;
};

// GET /regions/stats: the global status (SPEC §8; seed 001 GetRegionStats,
// seed 002 global status) and the estimated RTT between every pair of placed
// regions (SPEC §5 model).
struct RegionStats
{
    int totalRegions = 0;
    int activeRegions = 0;
    int healthyRegions = 0;
    int degradedRegions = 0;
    int downRegions = 0; // offline and maintenance
    int maintenanceRegions = 0;
    double availabilityPercent = 0.0;
    qint64 totalCapacity = 0;
    qint64 totalLoad = 0;
    qint64 availableCapacity = 0;
    double utilisationPercent = 0.0;
    double averageResponseMs = 0.0;
    // Share of the stored health checks of the last 24 h / 7 d / 30 d that
    // found their region online or degraded (issue 13, seed 002); absent when
    // no check is stored for the window. Checks are kept for the retention
    // period (SPEC §8, 7 days by default), so 30 d covers what is kept.
    std::optional<double> availability24hPercent;
    std::optional<double> availability7dPercent;
    std::optional<double> availability30dPercent;
    QList<RegionStatsEntry> regions;
    // from code → to code → ms; every region has a row, pairs with an
    // unplaced region are absent from it.
    QMap<QString, QMap<QString, double>> latencyMatrixMs;

    [[nodiscard]] std::optional<double> latencyMs(const QString &from, const QString &to) const;

    friend bool operator==(const RegionStats &, const RegionStats &) = default;
};

// The aggregation behind GET /regions/stats, from the regions as served and
// each one's latest check (absent: not checked yet). Availability is the
// share of regions online or degraded; down counts offline and maintenance;
// the average response is over the checks whose endpoint answered; matrix
// cells are the RTT model's estimate rounded to 0.1 ms.
RegionStats aggregateRegionStats(const QList<Region> &regions,
                                 const QHash<QString, RegionHealth> &latest,
                                 const RttModel &model = {});

QJsonObject toJson(const RegionStats &stats);
Result<RegionStats> regionStatsFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
