#pragma once

#include "domain/analytics/alert.h"
#include "domain/analytics/custommetric.h"
#include "domain/analytics/forecast.h"
#include "domain/analytics/metricpoint.h"
#include "domain/analytics/silence.h"
#include "domain/analytics/timeseries.h"
#include "domain/regionalert.h"
#include "domain/result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace waddle::client {

// The analytics answers of the control plane (SPEC §11, seed 001 / seed 000)
// as the desktop app reads them. The server builds these documents in its
// analytics service; their decoders live here, next to the one client that
// reads them, and check every field the screens show.

// One real-time metric card (GET /analytics/realtime/{project}, seed 001
// RealTimeMetric): the value of the last 15 minutes, its trend and change %.
struct RealtimeMetric
{
    QString name; // participant_minutes, egress_minutes, ...
    double value = 0.0;
    QString unit; // minutes, GB, count
    QDateTime timestamp;
    domain::Trend trend = domain::Trend::Stable;
    double changePercent = 0.0;
    // The metric's minutes of the two windows compared, oldest first
    // ("points", a built-in metric's; `perMinute` when the card has them,
    // even none).
    QList<domain::MetricPoint> points;
    bool perMinute = false;
    friend bool operator==(const RealtimeMetric &, const RealtimeMetric &) = default;
};

struct RealtimeDashboard
{
    QString projectId;
    QDateTime timestamp;
    QList<RealtimeMetric> metrics;
    qint64 activeAlerts = 0;
};

// GET /analytics/forecast/{project}: the forecast days with their 95 % band.
struct ForecastAnswer
{
    QString metric;
    QString model; // domain::kLinearRegressionModel or kHoltWintersModel
    int days = 0;
    int historyDays = 0;
    double accuracyPercent = 0.0;
    double standardError = 0.0;
    QList<domain::ForecastPoint> points; // oldest first
    // The daily totals the forecast was made from, oldest first, when the
    // server sends them ("history"; older servers do not).
    QList<domain::MetricPoint> history;
};

// One hour or day of GET /analytics/usage/{project}.
struct UsagePoint
{
    QDateTime time;
    qint64 sessions = 0;
    qint64 participants = 0;
    double totalDurationSeconds = 0.0;
    double averageQuality = 0.0;
    double averageLatencyMs = 0.0;
};

// A region dashboard card (seed 000 RegionDashboard): value, the value of the
// period before, trend and change %.
struct DashboardCard
{
    double value = 0.0;
    double previous = 0.0;
    domain::Trend trend = domain::Trend::Stable;
    double changePercent = 0.0;
};

// One bar of the latency histogram: [fromMs, toMs); no toMs for the last.
struct LatencyBucket
{
    double fromMs = 0.0;
    std::optional<double> toMs;
    qint64 count = 0;
};

// GET /regions/{code}/dashboard.
struct RegionDashboard
{
    QString region;
    QDateTime timestamp;
    DashboardCard activeSessions;
    DashboardCard totalParticipants;
    DashboardCard averageLatencyMs;
    DashboardCard capacityUsedPercent;
    QList<domain::MetricPoint> sessions;     // 24 hours, oldest first
    QList<domain::MetricPoint> participants; // 24 hours, oldest first
    QList<domain::MetricPoint> quality;      // 24 hours, oldest first
    QList<domain::MetricPoint> capacity;     // health checks, oldest first
    QList<domain::MetricPoint> latency;      // health checks, oldest first
    QList<LatencyBucket> latencyDistribution;
    QList<domain::RegionAlert> alerts;
};

// "Not enough data" of a forecast, from the server's 400 on field "history":
// how many days there are and how many are needed.
struct ForecastShortfall
{
    int haveDays = 0;
    int needDays = 0;
};

// A custom metric as GET /analytics/metrics/custom/{project} lists it.
struct MetricDefinition
{
    domain::CustomMetric metric;
    bool active = true;
    QDateTime createdAt; // invalid until stored
    friend bool operator==(const MetricDefinition &, const MetricDefinition &) = default;
};

// An analytics alert as GET /analytics/alerts/{project} lists it: the rule,
// where it notifies, and how often it fired.
struct AlertDefinition
{
    domain::Alert alert;
    domain::AlertTargets targets;
    std::optional<QDateTime> lastTriggered;
    qint64 triggerCount = 0;
    friend bool operator==(const AlertDefinition &, const AlertDefinition &) = default;
};

// An export job (GET /analytics/export/status/{id}).
struct ExportJobStatus
{
    QString id;
    QString projectId;
    QString exportType; // csv or json
    QDate dateFrom;
    QDate dateTo;
    QStringList metrics;
    QString status; // pending, processing, completed, failed
    qint64 fileSize = 0;
    qint64 rows = 0;
    QString sha256;
    QString error;
    QString downloadUrl; // when completed

    [[nodiscard]] bool isCompleted() const { return status == QLatin1String("completed"); }
    [[nodiscard]] bool isFailed() const { return status == QLatin1String("failed"); }
    [[nodiscard]] bool isFinished() const { return isCompleted() || isFailed(); }
};

// Whether the control plane would take `definition`: the domain's rules, the
// very ones the server applies (the codecs of custommetric.h / alert.h and
// analyticsAlertProblem), so a form can say what is wrong as one types. The
// first problem, by field; nullopt when there is none.
std::optional<domain::Error> problemOf(const MetricDefinition &definition);
std::optional<domain::Error> problemOf(const AlertDefinition &definition);

// The request bodies, in seed 001's field names (what the server emits).
QJsonObject toRequestJson(const MetricDefinition &definition);
QJsonObject toRequestJson(const AlertDefinition &definition);

domain::Result<MetricDefinition> metricDefinitionFromJson(const QJsonValue &json,
                                                          const QString &path = {});
domain::Result<AlertDefinition> alertDefinitionFromJson(const QJsonValue &json,
                                                        const QString &path = {});
// A trigger in the server's spelling (metric_value; null times absent).
domain::Result<domain::AlertTrigger> triggerFromJson(const QJsonValue &json,
                                                     const QString &path = {});
domain::Result<ExportJobStatus> exportJobStatusFromJson(const QJsonValue &json,
                                                        const QString &path = {});

domain::Result<RealtimeMetric> realtimeMetricFromJson(const QJsonValue &json,
                                                      const QString &path = {});
domain::Result<RealtimeDashboard> realtimeDashboardFromJson(const QJsonValue &json,
                                                            const QString &path = {});
domain::Result<ForecastAnswer> forecastAnswerFromJson(const QJsonValue &json,
                                                      const QString &path = {});
domain::Result<UsagePoint> usagePointFromJson(const QJsonValue &json, const QString &path = {});
domain::Result<QList<UsagePoint>> usageSeriesFromJson(const QJsonValue &json,
                                                      const QString &path = {});
domain::Result<DashboardCard> dashboardCardFromJson(const QJsonValue &json,
                                                    const QString &path = {});
domain::Result<LatencyBucket> latencyBucketFromJson(const QJsonValue &json,
                                                    const QString &path = {});
domain::Result<RegionDashboard> regionDashboardFromJson(const QJsonValue &json,
                                                        const QString &path = {});

// Reads "needs at least N days … has M" out of the server's message of a
// forecast refused for lack of history; nullopt for any other message.
std::optional<ForecastShortfall> forecastShortfall(const QString &field, const QString &message);

} // namespace waddle::client
