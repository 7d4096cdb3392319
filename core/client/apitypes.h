#pragma once

#include "domain/analytics/alert.h"
#include "domain/health.h"
#include "domain/placement/nearest.h"
#include "domain/placement/recommendation.h"
#include "domain/region.h"
#include "domain/result.h"
#include "domain/waddle.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

// The answers of the control plane's endpoints that are not one domain value
// (SPEC §12), with their decoders. Each decoder reads the wire format the
// control plane writes (core/controlplane/*routes.cpp) and, where SPEC §3
// asks for it, a stock seed-001 server's shape too.
namespace waddle::client {

// One stored version of a waddle and the ETag to send back as If-Match when
// changing it (SPEC §6 optimistic concurrency).
struct VersionedWaddle
{
    domain::Waddle waddle;
    QString etag; // quoted, as the header carries it: "\"w-w-0001-3\""

    friend bool operator==(const VersionedWaddle &, const VersionedWaddle &) = default;
};

// GET /regions/{code}/health: the latest check and the stored history.
struct RegionHealthDetail
{
    domain::RegionHealth latest;
    QList<domain::RegionHealth> history; // as the server orders it

    friend bool operator==(const RegionHealthDetail &, const RegionHealthDetail &) = default;
};

domain::Result<RegionHealthDetail> regionHealthDetailFromJson(const QJsonValue &json,
                                                              const QString &path = {});

// POST /regions/nearest (seed 001 plus our `preferred_honoured` and
// `candidates`, which a stock seed-001 server leaves out).
struct NearestAnswer
{
    domain::Region primary;
    QList<domain::Region> fallbacks;
    QString recommendedUrl;
    bool preferredHonoured = false;
    QList<domain::NearestCandidate> candidates; // every eligible region, by score

    friend bool operator==(const NearestAnswer &, const NearestAnswer &) = default;
};

domain::Result<NearestAnswer> nearestAnswerFromJson(const QJsonValue &json,
                                                    const QString &path = {});

// One region's line of GET /regions/stats; the health figures are absent
// until the region has been checked.
struct RegionStatsEntry
{
    QString code;
    domain::RegionStatus status = domain::RegionStatus::Online;
    double utilisation = 0.0; // 0…1
    std::optional<double> responseMs;
    std::optional<double> errorRatePercent;
    std::optional<double> p99Ms;
    std::optional<double> score;
    QDateTime lastCheck; // UTC; invalid until checked

    friend bool operator==(const RegionStatsEntry &, const RegionStatsEntry &) = default;
};

// GET /regions/stats: the global status (SPEC §8) and the estimated RTT
// between every pair of placed regions (SPEC §5 model).
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
    QList<RegionStatsEntry> regions;
    // from code → to code → ms; pairs with an unplaced region are absent.
    QMap<QString, QMap<QString, double>> latencyMatrixMs;

    [[nodiscard]] std::optional<double> latencyMs(const QString &from, const QString &to) const;

    friend bool operator==(const RegionStats &, const RegionStats &) = default;
};

domain::Result<RegionStats> regionStatsFromJson(const QJsonValue &json, const QString &path = {});

// One region status alert of GET /alerts (SPEC §8), newest first.
struct RegionAlertInfo
{
    QString id;
    QString regionCode;
    domain::Severity severity = domain::Severity::Info;
    QString title;
    QString description;
    domain::RegionStatus from = domain::RegionStatus::Online;
    domain::RegionStatus to = domain::RegionStatus::Online;
    QDateTime createdAt; // UTC
    std::optional<QDateTime> acknowledgedAt;

    friend bool operator==(const RegionAlertInfo &, const RegionAlertInfo &) = default;
};

domain::Result<RegionAlertInfo> regionAlertInfoFromJson(const QJsonValue &json,
                                                        const QString &path = {});

// GET /waddles/{id}/recommendation. A waddle with no placed member (or no
// region to choose) has no recommendation: that is an answer, with the
// server's reason, not an error.
struct RecommendationAnswer
{
    QString waddleId;
    QString voiceRegion;
    QString currentRegion;
    std::optional<domain::Recommendation> recommendation;
    QString reason; // why there is none; empty when there is one

    friend bool operator==(const RecommendationAnswer &, const RecommendationAnswer &) = default;
};

domain::Result<RecommendationAnswer> recommendationAnswerFromJson(const QJsonValue &json,
                                                                  const QString &path = {});

// What a demo region agent's fault is after POST/DELETE
// /sim/regions/{code}/fault: "offline", "degraded", "latency" or "none".
struct FaultState
{
    QString regionCode;
    QString kind;
    double extraMs = 0.0;

    friend bool operator==(const FaultState &, const FaultState &) = default;
};

domain::Result<FaultState> faultStateFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::client
