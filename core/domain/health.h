#pragma once

#include "domain/analytics/alert.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>

namespace waddle::domain {

// What one check of a region agent's /health found (SPEC §8).
struct HealthReading
{
    bool endpointHealthy = true; // answered in time with a healthy status
    double responseMs = 0.0;     // time the /health request took
    double utilisation = 0.0;    // 0…1 of capacity in use
    double p99Ms = 0.0;          // the agent's own p99 media latency
    double errorRatePercent = 0.0;

    friend bool operator==(const HealthReading &, const HealthReading &) = default;
};

// SPEC §8 thresholds, overridable by configuration.
struct HealthThresholds
{
    double degradedUtilisation = 0.90; // degraded above 90 %
    double degradedP99Ms = 200.0;      // degraded above 200 ms
    double degradedErrorPercent = 5.0; // degraded above 5 %
    int failuresBeforeOffline = 2;     // consecutive failed checks
    // Consecutive good checks before an offline region counts as back, so a
    // region that flaps does not page (and fail back) on every other check.
    int successesBeforeRecovery = 2;

    friend bool operator==(const HealthThresholds &, const HealthThresholds &) = default;
};

// The status one reading alone says: offline when the endpoint failed,
// degraded when any load figure is over its threshold, else online.
RegionStatus classifyReading(const HealthReading &reading, const HealthThresholds &thresholds = {});

// SPEC §8 health score 0–100: 100 − (endpoint down: 40, else response s × 10)
// − 20 × utilisation − (p99 > 200: 20, > 100: 10, > 50: 5) − min(4 × error %,
// 20), clamped at 0. As the seed, a down endpoint still has its other terms
// applied (a failed check reports them as 0).
double healthScore(const HealthReading &reading);

// Turns the stream of readings of one region into its status, applying the
// consecutive-failure rule and the recovery threshold. Maintenance is an
// operator's word and holds until lifted, whatever the readings say.
class HealthTracker
{
public:
    explicit HealthTracker(RegionStatus initial = RegionStatus::Online,
                           HealthThresholds thresholds = {});

    struct Transition
    {
        RegionStatus from;
        RegionStatus to;
        [[nodiscard]] bool changed() const { return from != to; }
    };

    Transition apply(const HealthReading &reading);
    Transition setMaintenance(bool on);

    [[nodiscard]] RegionStatus status() const { return m_status; }
    [[nodiscard]] int consecutiveFailures() const { return m_failures; }
    [[nodiscard]] int consecutiveSuccesses() const { return m_successes; }
    [[nodiscard]] bool inMaintenance() const { return m_maintenance; }

private:
    RegionStatus m_status;
    HealthThresholds m_thresholds;
    int m_failures = 0;
    int m_successes = 0;
    bool m_maintenance = false;
    RegionStatus m_beforeMaintenance = RegionStatus::Online;
};

// SPEC §8: what a status change tells the people on call. Offline is
// critical, degraded a warning, back to online from either is a recovery
// (info), and maintenance on or off is info; other changes raise nothing.
struct StatusChangeAlert
{
    Severity severity = Severity::Info;
    QString title;
    QString description;
};

std::optional<StatusChangeAlert> statusChangeAlert(const QString &regionCode, RegionStatus from,
                                                   RegionStatus to);

// A region's health as the control plane reports it (GET /regions/health):
// ours plus seed 001's names (health_status, latency_ms, load_percentage,
// last_check).
struct RegionHealth
{
    QString code;
    RegionStatus status = RegionStatus::Online;
    double score = 100.0;
    HealthReading reading;
    int consecutiveFailures = 0;
    QDateTime checkedAt; // UTC
    QString message;     // why it failed, when it did

    friend bool operator==(const RegionHealth &, const RegionHealth &) = default;
};

QJsonObject toJson(const RegionHealth &health);
Result<RegionHealth> regionHealthFromJson(const QJsonValue &json, const QString &path = {});

// What the health reads report for a region not checked yet: its code and
// status and the message "not checked yet", rather than invented figures.
RegionHealth notCheckedYet(const Region &region);
// toJson as the health reads report it: without last_check for a region not
// checked yet.
QJsonObject toReportJson(const RegionHealth &health);

} // namespace waddle::domain
