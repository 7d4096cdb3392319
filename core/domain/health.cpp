#include "domain/health.h"

#include "domain/cpustate.h"
#include "domain/jsonreader.h"

#include <algorithm>

namespace waddle::domain {

RegionStatus classifyReading(const HealthReading &reading, const HealthThresholds &thresholds)
{
    if (!reading.endpointHealthy)
        return RegionStatus::Offline;
    if (reading.utilisation > thresholds.degradedUtilisation ||
        reading.p99Ms > thresholds.degradedP99Ms ||
        reading.errorRatePercent > thresholds.degradedErrorPercent) {
        return RegionStatus::Degraded;
    }
    return RegionStatus::Online;
}

double healthScore(const HealthReading &reading)
{
    // Called once per health check, right after the monitor's QHash<QString>
    // lookup of the region: a few flops, but they would all pay (issue 8).
    clearUpperVectorState();
    double score = 100.0;
    score -= reading.endpointHealthy ? reading.responseMs / 1000.0 * 10.0 : 40.0;
    score -= reading.utilisation * 20.0;
    if (reading.p99Ms > 200.0)
        score -= 20.0;
    else if (reading.p99Ms > 100.0)
        score -= 10.0;
    else if (reading.p99Ms > 50.0)
        score -= 5.0;
    score -= std::min(reading.errorRatePercent * 4.0, 20.0);
    return std::max(0.0, score);
}

HealthTracker::HealthTracker(RegionStatus initial, HealthThresholds thresholds)
    : m_status(initial)
    , m_thresholds(thresholds)
    , m_maintenance(initial == RegionStatus::Maintenance)
{}

HealthTracker::Transition HealthTracker::apply(const HealthReading &reading)
{
    const RegionStatus before = m_status;
    const RegionStatus said = classifyReading(reading, m_thresholds);
    if (said == RegionStatus::Offline) {
        ++m_failures;
        m_successes = 0;
    } else {
        m_failures = 0;
        ++m_successes;
    }

    RegionStatus next = m_maintenance ? m_beforeMaintenance : m_status;
    if (said == RegionStatus::Offline) {
        // One failed check is noise; N in a row is an outage (SPEC §8).
        if (m_failures >= std::max(1, m_thresholds.failuresBeforeOffline))
            next = RegionStatus::Offline;
    } else if (next != RegionStatus::Offline ||
               m_successes >= std::max(1, m_thresholds.successesBeforeRecovery)) {
        next = said;
    }

    if (m_maintenance) {
        m_beforeMaintenance = next;
        return {before, before};
    }
    m_status = next;
    return {before, m_status};
}

HealthTracker::Transition HealthTracker::setMaintenance(bool on)
{
    const RegionStatus before = m_status;
    if (on == m_maintenance)
        return {before, before};
    m_maintenance = on;
    if (on) {
        m_beforeMaintenance = m_status;
        m_status = RegionStatus::Maintenance;
    } else {
        m_status = m_beforeMaintenance;
    }
    return {before, m_status};
}

std::optional<StatusChangeAlert> statusChangeAlert(const QString &regionCode, RegionStatus from,
                                                   RegionStatus to)
{
    if (from == to)
        return std::nullopt;
    switch (to) {
    case RegionStatus::Offline:
        return StatusChangeAlert{
            Severity::Critical, QStringLiteral("Voice region %1 is offline").arg(regionCode),
            QStringLiteral("The voice region %1 has gone offline and is not accepting "
                           "connections.")
                .arg(regionCode)};
    case RegionStatus::Degraded:
        return StatusChangeAlert{
            Severity::Warning, QStringLiteral("Voice region %1 is degraded").arg(regionCode),
            QStringLiteral("The voice region %1 is experiencing performance issues.")
                .arg(regionCode)};
    case RegionStatus::Maintenance:
        return StatusChangeAlert{
            Severity::Info, QStringLiteral("Voice region %1 is in maintenance").arg(regionCode),
            QStringLiteral("An operator put the voice region %1 into maintenance.")
                .arg(regionCode)};
    case RegionStatus::Online:
        if (from == RegionStatus::Maintenance) {
            return StatusChangeAlert{
                Severity::Info, QStringLiteral("Voice region %1 left maintenance").arg(regionCode),
                QStringLiteral("The voice region %1 is back in service.").arg(regionCode)};
        }
        return StatusChangeAlert{Severity::Info,
                                 QStringLiteral("Voice region %1 recovered").arg(regionCode),
                                 QStringLiteral("The voice region %1 is back online (it was %2).")
                                     .arg(regionCode, toString(from))};
    }
    return std::nullopt;
}

QJsonObject toJson(const RegionHealth &health)
{
    QJsonObject json{
        {QStringLiteral("code"), health.code},
        {QStringLiteral("region_code"), health.code},
        {QStringLiteral("status"), toString(health.status)},
        {QStringLiteral("health_status"), toSeedHealthStatus(health.status)},
        {QStringLiteral("score"), health.score},
        {QStringLiteral("endpoint_healthy"), health.reading.endpointHealthy},
        {QStringLiteral("response_ms"), health.reading.responseMs},
        {QStringLiteral("latency_ms"), health.reading.responseMs},
        {QStringLiteral("utilisation"), health.reading.utilisation},
        {QStringLiteral("load_percentage"), health.reading.utilisation * 100.0},
        {QStringLiteral("p99_ms"), health.reading.p99Ms},
        {QStringLiteral("error_rate"), health.reading.errorRatePercent},
        {QStringLiteral("consecutive_failures"), health.consecutiveFailures},
        {QStringLiteral("last_check"), toJsonTime(health.checkedAt)},
    };
    if (!health.message.isEmpty())
        json.insert(QStringLiteral("message"), health.message);
    return json;
}

Result<RegionHealth> regionHealthFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    RegionHealth health;
    health.code = r.has(QLatin1String("code")) ? r.string(QLatin1String("code"))
                                               : r.string(QLatin1String("region_code"));
    if (!r.failed() && !isValidRegionCode(health.code))
        r.failField(QLatin1String("code"),
                    QStringLiteral("\"%1\" is not a region code").arg(health.code));
    if (r.has(QLatin1String("status"))) {
        const QString name = r.string(QLatin1String("status"));
        if (const auto status = regionStatusFromString(name))
            health.status = *status;
        else if (!r.failed())
            r.failField(QLatin1String("status"),
                        QStringLiteral("must be online, degraded, offline or maintenance, not "
                                       "\"%1\"")
                            .arg(name));
    } else {
        const QString name = r.string(QLatin1String("health_status"));
        if (const auto status = regionStatusFromSeedHealth(name))
            health.status = *status;
        else if (!r.failed())
            r.failField(QLatin1String("health_status"),
                        QStringLiteral("must be healthy, degraded or down, not \"%1\"").arg(name));
    }
    health.score = r.optionalNumber(QLatin1String("score"), 0.0, 100.0).value_or(100.0);
    health.reading.endpointHealthy = r.optionalBoolean(QLatin1String("endpoint_healthy"))
                                         .value_or(health.status != RegionStatus::Offline);
    health.reading.responseMs =
        r.has(QLatin1String("response_ms"))
            ? r.number(QLatin1String("response_ms"), 0.0)
            : r.optionalNumber(QLatin1String("latency_ms"), 0.0).value_or(0.0);
    health.reading.utilisation =
        r.has(QLatin1String("utilisation"))
            ? r.number(QLatin1String("utilisation"), 0.0)
            : r.optionalNumber(QLatin1String("load_percentage"), 0.0).value_or(0.0) / 100.0;
    health.reading.p99Ms = r.optionalNumber(QLatin1String("p99_ms"), 0.0).value_or(0.0);
    health.reading.errorRatePercent =
        r.optionalNumber(QLatin1String("error_rate"), 0.0, 100.0).value_or(0.0);
    health.consecutiveFailures = static_cast<int>(
        r.optionalInteger(QLatin1String("consecutive_failures"), 0, 1e9).value_or(0));
    health.checkedAt = r.optionalDateTime(QLatin1String("last_check")).value_or(QDateTime());
    health.message = r.optionalString(QLatin1String("message")).value_or(QString());
    return r.finish(health);
}

RegionHealth notCheckedYet(const Region &region)
{
    RegionHealth unknown;
    unknown.code = region.code;
    unknown.status = region.status;
    unknown.message = QStringLiteral("not checked yet");
    return unknown;
}

QJsonObject toReportJson(const RegionHealth &health)
{
    QJsonObject json = toJson(health);
    if (!health.checkedAt.isValid())
        json.remove(QStringLiteral("last_check"));
    return json;
}

} // namespace waddle::domain
