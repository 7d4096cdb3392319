#include "domain/analytics/silence.h"

#include "domain/jsonreader.h"

namespace waddle::domain {

bool silences(const Silence &silence, const AlertTrigger &trigger, const QDateTime &now)
{
    return now < silence.until && silence.projectId == trigger.projectId &&
           (!silence.alertId || *silence.alertId == trigger.alertId) &&
           (!silence.severity || *silence.severity == trigger.severity);
}

bool isSilenced(const QList<Silence> &list, const AlertTrigger &trigger, const QDateTime &now)
{
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const Silence &s) { return silences(s, trigger, now); });
}

QJsonObject toJson(const Silence &silence)
{
    QJsonObject json{{QStringLiteral("project_id"), silence.projectId},
                     {QStringLiteral("alert_id"), silence.alertId ? QJsonValue(*silence.alertId)
                                                                  : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("severity"), silence.severity
                                                      ? QJsonValue(toString(*silence.severity))
                                                      : QJsonValue(QJsonValue::Null)},
                     {QStringLiteral("until"), toIsoString(silence.until)},
                     {QStringLiteral("comment"), silence.comment}};
    if (!silence.id.isEmpty())
        json.insert(QStringLiteral("id"), silence.id);
    if (silence.createdAt.isValid())
        json.insert(QStringLiteral("created_at"), toIsoString(silence.createdAt));
    return json;
}

Result<Silence> silenceFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Silence silence;
    silence.id = r.optionalString(QLatin1String("id")).value_or(QString());
    silence.projectId = r.string(QLatin1String("project_id"));
    if (!r.failed() && silence.projectId.isEmpty())
        r.failField(QLatin1String("project_id"), QStringLiteral("must not be empty"));
    silence.alertId = r.optionalString(QLatin1String("alert_id"));
    silence.severity = r.optionalEnumeration(QLatin1String("severity"), kSeverityNames);
    silence.until = r.dateTime(QLatin1String("until"));
    silence.comment = r.string(QLatin1String("comment"));
    if (!r.failed() && silence.comment.trimmed().isEmpty())
        r.failField(QLatin1String("comment"), QStringLiteral("must say why (not empty)"));
    silence.createdAt = r.optionalDateTime(QLatin1String("created_at")).value_or(QDateTime());
    return r.finish(silence);
}

} // namespace waddle::domain
