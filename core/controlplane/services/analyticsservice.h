#pragma once

#include "clock.h"
#include "controlplane/store/alertrepository.h"
#include "controlplane/store/apikey.h"
#include "controlplane/store/auditrepository.h"
#include "controlplane/store/custommetricrepository.h"
#include "controlplane/store/usagerepository.h"
#include "controlplane/store/waddlerepository.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace waddle::cp {

class Database;

// Seed 001's AlertTrigger JSON: id, alert_id, project_id, metric_value,
// threshold, message, severity, status, triggered_at, resolved_at,
// acknowledged_at.
QJsonObject triggerToJson(const domain::AlertTrigger &trigger);

// Usage analytics (SPEC §11, issue 12): batches of usage events in (hourly
// rollups and real-time metric points kept up to date as they arrive), the
// control plane's own API request count, the real-time dashboard of a
// project, which projects exist, and the audit of every analytics read and
// write. Owns its repositories.
class AnalyticsService
{
public:
    // The real-time metrics of seed 001, in its order.
    static const QStringList &builtInMetrics();
    static QString unitOf(const QString &metric);
    // Most usage events one POST /usage may carry (issue 12).
    static constexpr qsizetype kMaxBatch = 10000;

    // How often the loop evaluates every alert (issue 12: 60 s).
    static constexpr int kDefaultCheckIntervalMs = 60 * 1000;

    AnalyticsService(const Database &database, Clock &clock = Clock::system());
    ~AnalyticsService();
    AnalyticsService(const AnalyticsService &) = delete;
    AnalyticsService &operator=(const AnalyticsService &) = delete;

    // True for "fleet" and for a stored waddle's id.
    [[nodiscard]] StoreResult<bool> projectExists(const QString &projectId) const;

    // Records who did what to which project, now.
    [[nodiscard]] StoreResult<void> audit(const std::optional<ApiKey> &key, const QString &action,
                                          const QString &projectId, const QString &target = {});
    [[nodiscard]] StoreResult<QList<AuditEntry>> auditEntries(const QString &projectId,
                                                              qint64 limit) const;

    [[nodiscard]] StoreResult<void> ingest(const QList<domain::UsageEvent> &events);

    // Adds metered values (the demo fleet's egress, storage and bandwidth).
    [[nodiscard]] StoreResult<void>
    ingestMetricPoints(const QList<domain::ProjectMetricPoint> &points);
    // One API request answered now (api_request of the fleet). Counted in
    // memory, written once its minute is over (and by the loop); reads add
    // what is not written yet, so a read writes nothing.
    void countApiRequest();
    // Writes the counted requests.
    [[nodiscard]] StoreResult<void> flushApiRequests();

    // Seed 001's real-time dashboard of a project: project_id, timestamp,
    // metrics [{metric_name, value, unit, timestamp, trend, change_rate}] (the
    // five built-in, each with ours, "points": the 30 minutes of its two
    // windows [{timestamp, value}], oldest first, 0 where nothing was
    // metered; then the active custom
    // metrics with "custom": true and a null value when their average, min
    // or max has no events), active_alerts, recent_triggers, top_events.
    [[nodiscard]] StoreResult<QJsonObject> realtime(const QString &projectId);

    // Hourly or daily usage series of a project (optionally one region)
    // from the rollups: [{time, sessions, participants,
    // total_duration_seconds, average_quality, average_latency_ms}].
    [[nodiscard]] StoreResult<QJsonObject> usageSeries(const QString &projectId,
                                                       const QString &region, const QDateTime &from,
                                                       const QDateTime &to, bool daily) const;

    // Custom metrics (seed 001 CustomMetric). A name must not shadow a
    // built-in metric.
    [[nodiscard]] StoreResult<StoredMetric> createMetric(const domain::CustomMetric &metric,
                                                         bool active);
    [[nodiscard]] StoreResult<QList<StoredMetric>> metrics(const QString &projectId) const;
    [[nodiscard]] StoreResult<StoredMetric> updateMetric(const StoredMetric &metric);
    [[nodiscard]] StoreResult<void> removeMetric(const QString &projectId, const QString &id);

    // Alerts (seed 001 MetricAlert). The metric must be built in or one of
    // the project's custom metrics.
    [[nodiscard]] StoreResult<StoredAlert> createAlert(const StoredAlert &alert);
    [[nodiscard]] StoreResult<QList<StoredAlert>> alerts(const QString &projectId) const;
    [[nodiscard]] StoreResult<StoredAlert> updateAlert(const StoredAlert &alert);
    [[nodiscard]] StoreResult<void> removeAlert(const QString &projectId, const QString &id);
    [[nodiscard]] StoreResult<QList<domain::AlertTrigger>> triggers(const QString &projectId,
                                                                    qint64 limit) const;
    [[nodiscard]] StoreResult<domain::AlertTrigger> acknowledge(const QString &projectId,
                                                                const QString &triggerId);

    // What one evaluation did.
    struct CheckResult
    {
        int checked = 0;
        QList<domain::AlertTrigger> fired;
        QList<domain::AlertTrigger> resolved;
    };
    // Evaluates every active alert of the project now (seed 001 CheckAlerts;
    // the loop calls it for every project): the metric's value over the last
    // 15 minutes against the rule, held for its duration before it fires,
    // one open trigger per alert, resolved after two clear evaluations.
    [[nodiscard]] StoreResult<CheckResult> checkAlerts(const QString &projectId);
    // Where the triggers each check opens or resolves go (the delivery service).
    void setTriggerSink(std::function<void(const QList<domain::AlertTrigger> &)> sink)
    {
        m_sink = std::move(sink);
    }
    // The same for every project with alerts.
    [[nodiscard]] StoreResult<CheckResult> checkAllAlerts();

    // The evaluation loop: every `intervalMs`, all alerts are checked and the
    // counted API requests written; `checked` (optional) hears each round's
    // result (a failed round is logged and the loop goes on).
    void start(int intervalMs = kDefaultCheckIntervalMs,
               std::function<void(const CheckResult &)> checked = {});
    void stop();
    // Several control planes (issue 16): every instance counts and stores its
    // own API requests; only the leader evaluates the alerts.
    void setEvaluatesAlerts(bool evaluates) { m_evaluatesAlerts = evaluates; }
    // A metric's value over the real-time window ending now: a built-in
    // metric's sum, or a custom metric's aggregation of its events (nothing
    // when an average, min or max has no events); nothing for an unknown name.
    [[nodiscard]] StoreResult<std::optional<double>> metricValue(const QString &projectId,
                                                                 const QString &metric);

    // Seed 001's forecast of a built-in metric: the daily totals of the last
    // 30 whole UTC days (from the first day with data; days without data
    // inside count 0), `days` ahead, linear or Holt-Winters. Invalid (field
    // "metric_type" / "days" / "history") when it cannot be made, saying how
    // many days of data there are.
    [[nodiscard]] StoreResult<QJsonObject> forecast(const QString &projectId, const QString &metric,
                                                    int days, bool holtWinters) const;

    // The usage half of a region dashboard (seed 000 getRegionDashboard):
    // sessions, participants and average latency of the last hour against
    // the hour before (with trends), 24 hourly trends of sessions,
    // participants and average quality, and the latency distribution of the
    // last 24 h as histogram buckets.
    [[nodiscard]] StoreResult<QJsonObject> regionUsage(const QString &region) const;

    // Nothing when `metric` is built in or one of the project's custom
    // metrics; Invalid (field "metric_name") saying which names there are.
    [[nodiscard]] StoreResult<void> checkMetricName(const QString &projectId,
                                                    const QString &metric) const;

private:
    // A metric's points of the last two trend windows before `now`, with the
    // API requests counted in memory and not written yet.
    [[nodiscard]] StoreResult<QList<domain::MetricPoint>>
    recentPoints(const QString &projectId, const QString &metric, const QDateTime &now) const;

    Clock &m_clock;
    UsageRepository m_usage;
    AuditRepository m_audit;
    CustomMetricRepository m_metrics;
    AlertRepository m_alerts;
    WaddleRepository m_waddles;
    QHash<QDateTime, qint64> m_pendingRequests; // minute → requests not yet written
    std::unique_ptr<Timer> m_timer;
    bool m_evaluatesAlerts = true;
    std::function<void(const QList<domain::AlertTrigger> &)> m_sink;
};

} // namespace waddle::cp
