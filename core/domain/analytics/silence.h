#pragma once

#include "domain/analytics/alert.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace waddle::domain {

// A silence (issue 12, after Alertmanager): triggers of a project — of one
// alert and/or one severity when given — are still recorded but not
// delivered until `until`.
struct Silence
{
    QString id; // empty until stored
    QString projectId;
    std::optional<QString> alertId;
    std::optional<Severity> severity;
    QDateTime until; // UTC
    QString comment; // why: required, as Alertmanager requires it
    QDateTime createdAt;

    friend bool operator==(const Silence &, const Silence &) = default;
};

// Whether `silence` mutes `trigger` at `now` (until is exclusive).
bool silences(const Silence &silence, const AlertTrigger &trigger, const QDateTime &now);
bool isSilenced(const QList<Silence> &silences, const AlertTrigger &trigger, const QDateTime &now);

// JSON: id and created_at only when set; project_id, alert_id (or null),
// severity (or null), until, comment.
QJsonObject toJson(const Silence &silence);
// Requires project_id, until and a non-empty comment; alert_id and severity
// are optional (null or absent: any).
Result<Silence> silenceFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
