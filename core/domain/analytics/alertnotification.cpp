#include "domain/analytics/alertnotification.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMap>
#include <QMessageAuthenticationCode>

#include <algorithm>

namespace waddle::domain {

QString groupKey(const QString &projectId, Severity severity)
{
    return projectId + QLatin1Char('/') + toString(severity);
}

QList<NotificationGroup> dueNotifications(QList<AlertTrigger> pending,
                                          const QHash<QString, QDateTime> &lastSent,
                                          const QDateTime &now, const GroupingSettings &settings)
{
    std::stable_sort(
        pending.begin(), pending.end(),
        [](const AlertTrigger &a, const AlertTrigger &b) { return a.triggeredAt < b.triggeredAt; });
    // Ordered by project, then most severe first.
    QMap<std::pair<QString, int>, NotificationGroup> groups;
    for (const AlertTrigger &trigger : pending) {
        NotificationGroup &group = groups[{trigger.projectId, -int(trigger.severity)}];
        group.projectId = trigger.projectId;
        group.severity = trigger.severity;
        group.triggers.append(trigger);
    }

    QList<NotificationGroup> due;
    for (const NotificationGroup &group : std::as_const(groups)) {
        const auto sent = lastSent.constFind(groupKey(group.projectId, group.severity));
        const bool recentlySent =
            sent != lastSent.cend() && sent->secsTo(now) < settings.intervalSecs;
        const QDateTime dueAt =
            recentlySent ? sent->addSecs(settings.intervalSecs)
                         : group.triggers.constFirst().triggeredAt.addSecs(settings.waitSecs);
        if (now >= dueAt)
            due.append(group);
    }
    return due;
}

qint64 retryDelayMs(int failedAttempt)
{
    if (failedAttempt < 1 || failedAttempt >= kDeliveryMaxAttempts)
        return -1;
    return qint64(kDeliveryFirstRetryMs) << (failedAttempt - 1);
}

QByteArray webhookSignature(const QByteArray &secret, const QByteArray &body)
{
    return QByteArrayLiteral("sha256=") +
           QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toHex();
}

QString notificationSummary(const NotificationGroup &group)
{
    QStringList firing;
    QStringList resolved;
    for (const AlertTrigger &trigger : group.triggers)
        (trigger.status == TriggerStatus::Resolved ? resolved : firing).append(trigger.message);
    const auto alerts = [](qsizetype n) -> QString {
        return QString::number(n) + (n == 1 ? QStringLiteral(" alert") : QStringLiteral(" alerts"));
    };
    const QString head = QStringLiteral("[%1] ").arg(toString(group.severity));
    const QString in = QStringLiteral(" in %1: ").arg(group.projectId);
    const QString separator = QStringLiteral("; ");
    if (resolved.isEmpty())
        return head + alerts(firing.size()) + QStringLiteral(" firing") + in +
               firing.join(separator);
    if (firing.isEmpty()) {
        return head + alerts(resolved.size()) + QStringLiteral(" resolved") + in +
               resolved.join(separator);
    }
    return head + alerts(firing.size()) +
           QStringLiteral(" firing, %1 resolved").arg(resolved.size()) + in +
           firing.join(separator) + QStringLiteral("; resolved: ") + resolved.join(separator);
}

QJsonObject webhookPayload(const NotificationGroup &group)
{
    QJsonArray triggers;
    for (const AlertTrigger &trigger : group.triggers)
        triggers.append(toJson(trigger));
    // Firing while one of them is (Alertmanager's group status).
    const bool firing =
        std::any_of(group.triggers.cbegin(), group.triggers.cend(),
                    [](const AlertTrigger &t) { return t.status != TriggerStatus::Resolved; });
    return {
        {QStringLiteral("project_id"), group.projectId},
        {QStringLiteral("severity"), toString(group.severity)},
        {QStringLiteral("status"), firing ? QStringLiteral("firing") : QStringLiteral("resolved")},
        {QStringLiteral("count"), group.triggers.size()},
        {QStringLiteral("summary"), notificationSummary(group)},
        {QStringLiteral("triggers"), triggers}};
}

QJsonObject slackPayload(const NotificationGroup &group)
{
    return {{QStringLiteral("text"), notificationSummary(group)}};
}

} // namespace waddle::domain
