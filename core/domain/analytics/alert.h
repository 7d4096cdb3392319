#pragma once

#include "domain/enumnames.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

#include <array>
#include <optional>

namespace waddle::domain {

// How a metric value is compared with an alert's threshold (SPEC §11, seed
// 001 MetricAlert.Condition).
enum class AlertCondition
{
    Gt,
    Gte,
    Lt,
    Lte,
    Eq
};

// One scale for analytics alerts (seed 001: low, medium, high, critical) and
// region health alerts (SPEC §8: info, warning, critical), ordered from the
// least to the most urgent so severities compare with < and >.
enum class Severity
{
    Info,
    Low,
    Medium,
    Warning,
    High,
    Critical
};

// Life of one firing of an alert (seed 001 AlertTrigger.Status).
enum class TriggerStatus
{
    Triggered,
    Resolved,
    Acknowledged
};

inline constexpr std::array<EnumName<AlertCondition>, 5> kAlertConditionNames{{
    {AlertCondition::Gt, QLatin1String("gt")},
    {AlertCondition::Gte, QLatin1String("gte")},
    {AlertCondition::Lt, QLatin1String("lt")},
    {AlertCondition::Lte, QLatin1String("lte")},
    {AlertCondition::Eq, QLatin1String("eq")},
}};

inline constexpr std::array<EnumName<Severity>, 6> kSeverityNames{{
    {Severity::Info, QLatin1String("info")},
    {Severity::Low, QLatin1String("low")},
    {Severity::Medium, QLatin1String("medium")},
    {Severity::Warning, QLatin1String("warning")},
    {Severity::High, QLatin1String("high")},
    {Severity::Critical, QLatin1String("critical")},
}};

inline constexpr std::array<EnumName<TriggerStatus>, 3> kTriggerStatusNames{{
    {TriggerStatus::Triggered, QLatin1String("triggered")},
    {TriggerStatus::Resolved, QLatin1String("resolved")},
    {TriggerStatus::Acknowledged, QLatin1String("acknowledged")},
}};

QString toString(AlertCondition condition);
QString toString(Severity severity);
QString toString(TriggerStatus status);
std::optional<AlertCondition> alertConditionFromString(QStringView name);
std::optional<Severity> severityFromString(QStringView name);
std::optional<TriggerStatus> triggerStatusFromString(QStringView name);

// Relative tolerance of the comparisons below.
inline constexpr double kAlertEqualTolerance = 1e-9;

// Whether `value` meets `condition` against `threshold`. Two numbers count as
// equal when |value − threshold| ≤ 1e-9 × max(1, |value|, |threshold|):
// relative for magnitudes above 1, absolute 1e-9 below (so 0.1 + 0.2 "eq"
// 0.3, and a value near 0 still equals 0); an infinity equals only itself. The same equality holds
// for every operator, so exactly one of lt, eq and gt holds for any pair: gt means "greater and not
// equal", gte means "gt or eq", and so on. A NaN on either side meets no condition.
bool conditionHolds(AlertCondition condition, double value, double threshold);

// The notification channels an alert may use (SPEC §11, seed 001 plus the
// desktop app's own notifications).
bool isValidAlertChannel(QStringView channel);
QStringList alertChannelNames();

// Longest duration an alert may require a condition to hold: one week.
inline constexpr int kMaxAlertDurationMinutes = 7 * 24 * 60;

// An analytics alert (SPEC §11, seed 001 MetricAlert): fires when `metric`
// meets `condition` against `threshold` for `durationMinutes` (0 = at once).
struct Alert
{
    QString id; // empty until stored
    QString projectId;
    QString name;
    QString metric;
    AlertCondition condition = AlertCondition::Gt;
    double threshold = 0.0;
    int durationMinutes = 0; // 0…10080
    Severity severity = Severity::Medium;
    QStringList channels; // each of email, webhook, slack, desktop; no repeats
    bool enabled = true;
    QDateTime createdAt; // UTC; invalid until stored

    friend bool operator==(const Alert &, const Alert &) = default;
};

// JSON: id and created_at only when set; project_id, name, metric, condition,
// threshold, duration (minutes), severity, channels, enabled.
QJsonObject toJson(const Alert &alert);

// Requires project_id, name and metric (non-empty), condition, threshold
// (finite), duration (whole minutes, 0…10080) and severity; channels defaults
// to none and enabled to true.
Result<Alert> alertFromJson(const QJsonValue &json, const QString &path = {});

// Where an analytics alert's notifications go (issue 12): the webhook's URL
// and HMAC secret, Slack's incoming-webhook URL, the e-mail address.
struct AlertTargets
{
    QString webhookUrl;
    QString webhookSecret;
    QString slackWebhookUrl;
    QString emailTo;

    friend bool operator==(const AlertTargets &, const AlertTargets &) = default;
};

// True for an absolute http(s) URL with a host.
bool isWebUrl(const QString &text);

// The rules an analytics alert (seed 001 MetricAlert) meets beyond
// alertFromJson's: a severity of seed 001's (low, medium, high, critical —
// info and warning belong to region alerts), http(s) webhook URLs, and a
// target for each channel that needs one (webhook → webhook_url, slack →
// slack_webhook_url, email → email_to). The first rule broken, by its seed
// field name; nullopt when all hold. The control plane and the alert form
// both ask this one function.
std::optional<Error> analyticsAlertProblem(const Alert &alert, const AlertTargets &targets);

// One firing of an alert (seed 001 AlertTrigger).
struct AlertTrigger
{
    QString id;
    QString alertId;
    QString projectId;
    double value = 0.0; // the metric value that met the condition
    double threshold = 0.0;
    TriggerStatus status = TriggerStatus::Triggered;
    Severity severity = Severity::Medium;
    QString message;
    QDateTime triggeredAt; // UTC
    std::optional<QDateTime> resolvedAt;
    std::optional<QDateTime> acknowledgedAt;

    friend bool operator==(const AlertTrigger &, const AlertTrigger &) = default;
};

// JSON in seed 001's names (issue 12): id, alert_id, project_id,
// metric_value, threshold, status, severity, message, triggered_at, and
// resolved_at / acknowledged_at when set. The webhook's triggers are these.
QJsonObject toJson(const AlertTrigger &trigger);

// Requires id, alert_id, project_id (non-empty), metric_value (or our older
// name, value), threshold, status,
// severity and triggered_at. The times must agree with the status: resolved_at
// is present exactly when the status is resolved; acknowledged_at is required
// when it is acknowledged, allowed when resolved (acknowledged, then
// resolved) and refused when triggered; neither is before triggered_at.
Result<AlertTrigger> alertTriggerFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
