#pragma once

#include "domain/analytics/alert.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace waddle::domain {

// Delivery of triggers (issue 12), after Alertmanager (with send_resolved: a
// trigger is notified when it fires and again when it resolves): triggers of
// the same project and severity go out together. A new group waits `waitSecs` to
// gather what fires with it; once a group of that project and severity has
// been sent, what fires next waits until `intervalSecs` after that send, so
// triggers within five minutes go out as one grouped notification and a
// storm never becomes a flood.
struct GroupingSettings
{
    int waitSecs = 30;
    int intervalSecs = 300;
};

struct NotificationGroup
{
    QString projectId;
    Severity severity = Severity::Medium;
    QList<AlertTrigger> triggers; // oldest first

    friend bool operator==(const NotificationGroup &, const NotificationGroup &) = default;
};

// The key of a project and severity, as used in `lastSent`.
QString groupKey(const QString &projectId, Severity severity);

// From the triggers not yet notified, the groups due at `now`. `lastSent`
// maps groupKey() to when that group last went out. Groups come out by
// project, then from the most to the least severe.
QList<NotificationGroup> dueNotifications(QList<AlertTrigger> pending,
                                          const QHash<QString, QDateTime> &lastSent,
                                          const QDateTime &now,
                                          const GroupingSettings &settings = {});

// Webhook delivery: tries at most kDeliveryMaxAttempts times; after failed
// attempt n (1-based) the next waits 2^(n−1) × kDeliveryFirstRetryMs.
inline constexpr int kDeliveryMaxAttempts = 5;
inline constexpr int kDeliveryFirstRetryMs = 1000;
// −1 when attempt n was the last.
qint64 retryDelayMs(int failedAttempt);

// "sha256=<hex HMAC-SHA256 of body with secret>", the X-Waddle-Signature
// header a receiver checks.
QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body);

// The documents sent: ours for webhooks (every trigger in full), Slack's
// incoming-webhook shape ({"text": …}) for Slack.
QJsonObject webhookPayload(const NotificationGroup &group);
QJsonObject slackPayload(const NotificationGroup &group);
// One line a person reads: "[critical] 2 alerts firing in fleet: …", or
// "… 1 alert resolved in fleet: …", or "… 1 alert firing, 1 resolved in
// fleet: …; resolved: …".
QString notificationSummary(const NotificationGroup &group);

} // namespace waddle::domain
