#include "domain/analytics/alert.h"

#include "domain/jsonreader.h"

#include <QJsonArray>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace waddle::domain {

namespace {

constexpr std::array<QLatin1String, 4> kChannelNames{
    QLatin1String("email"),
    QLatin1String("webhook"),
    QLatin1String("slack"),
    QLatin1String("desktop"),
};

QString nonEmptyString(JsonReader &r, QLatin1String key)
{
    QString value = r.string(key);
    if (!r.failed() && value.isEmpty())
        r.failField(key, QStringLiteral("must not be empty"));
    return value;
}

bool nearlyEqual(double value, double threshold)
{
    // An infinity equals only itself (the scaled tolerance would be infinite).
    if (std::isinf(value) || std::isinf(threshold))
        return value == threshold;
    const double scale = std::max({1.0, std::fabs(value), std::fabs(threshold)});
    return std::fabs(value - threshold) <= kAlertEqualTolerance * scale;
}

} // namespace

QString toString(AlertCondition condition)
{
    return enumToName(kAlertConditionNames, condition);
}

QString toString(Severity severity)
{
    return enumToName(kSeverityNames, severity);
}

QString toString(TriggerStatus status)
{
    return enumToName(kTriggerStatusNames, status);
}

std::optional<AlertCondition> alertConditionFromString(QStringView name)
{
    return enumFromName(kAlertConditionNames, name);
}

std::optional<Severity> severityFromString(QStringView name)
{
    return enumFromName(kSeverityNames, name);
}

std::optional<TriggerStatus> triggerStatusFromString(QStringView name)
{
    return enumFromName(kTriggerStatusNames, name);
}

bool conditionHolds(AlertCondition condition, double value, double threshold)
{
    if (std::isnan(value) || std::isnan(threshold))
        return false;
    const bool eq = nearlyEqual(value, threshold);
    const bool gt = !eq && value > threshold;
    const bool lt = !eq && value < threshold;
    switch (condition) {
    case AlertCondition::Gt:
        return gt;
    case AlertCondition::Gte:
        return gt || eq;
    case AlertCondition::Lt:
        return lt;
    case AlertCondition::Lte:
        return lt || eq;
    case AlertCondition::Eq:
        return eq;
    }
    return false;
}

bool isValidAlertChannel(QStringView channel)
{
    return std::any_of(kChannelNames.begin(), kChannelNames.end(),
                       [channel](QLatin1String name) { return channel == name; });
}

QStringList alertChannelNames()
{
    QStringList names;
    for (QLatin1String name : kChannelNames)
        names.append(QString(name));
    return names;
}

QJsonObject toJson(const Alert &alert)
{
    QJsonObject json{
        {QStringLiteral("project_id"), alert.projectId},
        {QStringLiteral("name"), alert.name},
        {QStringLiteral("metric"), alert.metric},
        {QStringLiteral("condition"), toString(alert.condition)},
        {QStringLiteral("threshold"), alert.threshold},
        {QStringLiteral("duration"), alert.durationMinutes},
        {QStringLiteral("severity"), toString(alert.severity)},
        {QStringLiteral("channels"), QJsonArray::fromStringList(alert.channels)},
        {QStringLiteral("enabled"), alert.enabled},
    };
    if (!alert.id.isEmpty())
        json.insert(QStringLiteral("id"), alert.id);
    if (alert.createdAt.isValid())
        json.insert(QStringLiteral("created_at"), toIsoString(alert.createdAt));
    return json;
}

Result<Alert> alertFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Alert alert;
    alert.id = r.optionalString(QLatin1String("id")).value_or(QString());
    alert.projectId = nonEmptyString(r, QLatin1String("project_id"));
    alert.name = nonEmptyString(r, QLatin1String("name"));
    alert.metric = nonEmptyString(r, QLatin1String("metric"));
    alert.condition = r.enumeration(QLatin1String("condition"), kAlertConditionNames);
    alert.threshold = r.number(QLatin1String("threshold"));
    alert.durationMinutes =
        static_cast<int>(r.integer(QLatin1String("duration"), 0, kMaxAlertDurationMinutes));
    alert.severity = r.enumeration(QLatin1String("severity"), kSeverityNames);
    alert.channels = r.stringList(QLatin1String("channels"));
    for (qsizetype i = 0; i < alert.channels.size() && !r.failed(); ++i) {
        const QString &channel = alert.channels.at(i);
        const QString field = r.pathOf(QLatin1String("channels")) + JsonReader::indexSuffix(i);
        if (!isValidAlertChannel(channel)) {
            r.fail(field, QStringLiteral("must be one of %1, not \"%2\"")
                              .arg(alertChannelNames().join(QStringLiteral(", ")), channel));
        } else if (alert.channels.indexOf(channel) < i) {
            r.fail(field, QStringLiteral("\"%1\" is listed twice").arg(channel));
        }
    }
    alert.enabled = r.optionalBoolean(QLatin1String("enabled")).value_or(true);
    alert.createdAt = r.optionalDateTime(QLatin1String("created_at")).value_or(QDateTime());
    return r.finish(alert);
}

QJsonObject toJson(const AlertTrigger &trigger)
{
    QJsonObject json{
        {QStringLiteral("id"), trigger.id},
        {QStringLiteral("alert_id"), trigger.alertId},
        {QStringLiteral("project_id"), trigger.projectId},
        {QStringLiteral("metric_value"), trigger.value},
        {QStringLiteral("threshold"), trigger.threshold},
        {QStringLiteral("status"), toString(trigger.status)},
        {QStringLiteral("severity"), toString(trigger.severity)},
        {QStringLiteral("message"), trigger.message},
        {QStringLiteral("triggered_at"), toIsoString(trigger.triggeredAt)},
    };
    if (trigger.resolvedAt)
        json.insert(QStringLiteral("resolved_at"), toIsoString(*trigger.resolvedAt));
    if (trigger.acknowledgedAt)
        json.insert(QStringLiteral("acknowledged_at"), toIsoString(*trigger.acknowledgedAt));
    return json;
}

Result<AlertTrigger> alertTriggerFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    AlertTrigger trigger;
    trigger.id = nonEmptyString(r, QLatin1String("id"));
    trigger.alertId = nonEmptyString(r, QLatin1String("alert_id"));
    trigger.projectId = nonEmptyString(r, QLatin1String("project_id"));
    // Seed 001's metric_value, or our older value.
    trigger.value = r.number(r.has(QLatin1String("value")) ? QLatin1String("value")
                                                           : QLatin1String("metric_value"));
    trigger.threshold = r.number(QLatin1String("threshold"));
    trigger.status = r.enumeration(QLatin1String("status"), kTriggerStatusNames);
    trigger.severity = r.enumeration(QLatin1String("severity"), kSeverityNames);
    trigger.message = r.optionalString(QLatin1String("message")).value_or(QString());
    trigger.triggeredAt = r.dateTime(QLatin1String("triggered_at"));
    trigger.resolvedAt = r.optionalDateTime(QLatin1String("resolved_at"));
    trigger.acknowledgedAt = r.optionalDateTime(QLatin1String("acknowledged_at"));
    if (r.failed())
        return r.error();

    const QLatin1String resolvedKey("resolved_at");
    const QLatin1String acknowledgedKey("acknowledged_at");
    const bool resolved = trigger.status == TriggerStatus::Resolved;
    if (resolved && !trigger.resolvedAt)
        r.failField(resolvedKey, QStringLiteral("is required when the status is resolved"));
    else if (!resolved && trigger.resolvedAt)
        r.failField(resolvedKey, QStringLiteral("is only allowed when the status is resolved"));
    else if (trigger.status == TriggerStatus::Acknowledged && !trigger.acknowledgedAt)
        r.failField(acknowledgedKey, QStringLiteral("is required when the status is acknowledged"));
    else if (trigger.status == TriggerStatus::Triggered && trigger.acknowledgedAt)
        r.failField(acknowledgedKey,
                    QStringLiteral("is not allowed while the status is triggered"));
    else if (trigger.resolvedAt && *trigger.resolvedAt < trigger.triggeredAt)
        r.failField(resolvedKey, QStringLiteral("must not be before triggered_at"));
    else if (trigger.acknowledgedAt && *trigger.acknowledgedAt < trigger.triggeredAt)
        r.failField(acknowledgedKey, QStringLiteral("must not be before triggered_at"));
    return r.finish(trigger);
}

bool isWebUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")) &&
           !url.host().isEmpty();
}

std::optional<Error> analyticsAlertProblem(const Alert &alert, const AlertTargets &targets)
{
    if (alert.severity == Severity::Info || alert.severity == Severity::Warning) {
        return Error{QStringLiteral("severity"),
                     QStringLiteral("severity: must be low, medium, high or critical")};
    }
    for (const auto &[name, url] :
         {std::pair{QStringLiteral("webhook_url"), targets.webhookUrl},
          std::pair{QStringLiteral("slack_webhook_url"), targets.slackWebhookUrl}}) {
        if (!url.isEmpty() && !isWebUrl(url))
            return Error{name, QStringLiteral("%1: \"%2\" is not an http(s) URL").arg(name, url)};
    }
    for (const auto &[channel, name, value] :
         {std::tuple{QStringLiteral("webhook"), QStringLiteral("webhook_url"), targets.webhookUrl},
          std::tuple{QStringLiteral("slack"), QStringLiteral("slack_webhook_url"),
                     targets.slackWebhookUrl},
          std::tuple{QStringLiteral("email"), QStringLiteral("email_to"), targets.emailTo}}) {
        if (alert.channels.contains(channel) && value.isEmpty())
            return Error{name, QStringLiteral("%1: the %2 channel needs it").arg(name, channel)};
    }
    return std::nullopt;
}

} // namespace waddle::domain
