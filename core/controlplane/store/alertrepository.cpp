#include "alertrepository.h"

#include "database.h"
#include "statements.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace waddle::cp {

using namespace store;
using namespace waddle::domain;

namespace {

const QString kAlertColumns = QStringLiteral(
    "a.id, a.document, a.last_triggered, a.trigger_count, a.holding_since, a.clear_streak, "
    "a.last_evaluated, a.created_at, EXISTS (SELECT 1 FROM alert_triggers t WHERE t.alert_id = "
    "a.id AND t.status != 'resolved')");
const QString kTriggerColumns =
    QStringLiteral("id, alert_id, project_id, metric_value, threshold, message, severity, status, "
                   "triggered_at, resolved_at, acknowledged_at");

QString document(const StoredAlert &stored)
{
    QJsonObject json = toJson(stored.alert);
    json.remove(QStringLiteral("id"));
    json.remove(QStringLiteral("created_at"));
    json.insert(QStringLiteral("webhook_url"), stored.targets.webhookUrl);
    json.insert(QStringLiteral("webhook_secret"), stored.targets.webhookSecret);
    json.insert(QStringLiteral("slack_webhook_url"), stored.targets.slackWebhookUrl);
    json.insert(QStringLiteral("email_to"), stored.targets.emailTo);
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

std::optional<QDateTime> optionalTime(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return timeFrom(value);
}

QVariant timeOrNull(const std::optional<QDateTime> &time)
{
    return time ? QVariant(timeText(*time)) : QVariant();
}

StoreResult<StoredAlert> alertFrom(const QSqlQuery &q)
{
    const QJsonObject json = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
    auto alert = alertFromJson(json);
    if (!alert)
        return internal(QStringLiteral("stored alert %1 does not decode: %2")
                            .arg(q.value(0).toString(), alert.error().message));
    StoredAlert stored;
    stored.alert = alert.value();
    stored.alert.id = q.value(0).toString();
    stored.alert.createdAt = timeFrom(q.value(7));
    stored.targets.webhookUrl = json.value(QStringLiteral("webhook_url")).toString();
    stored.targets.webhookSecret = json.value(QStringLiteral("webhook_secret")).toString();
    stored.targets.slackWebhookUrl = json.value(QStringLiteral("slack_webhook_url")).toString();
    stored.targets.emailTo = json.value(QStringLiteral("email_to")).toString();
    stored.lastTriggered = optionalTime(q.value(2));
    stored.triggerCount = q.value(3).toInt();
    stored.watch.holdingSince = optionalTime(q.value(4));
    stored.watch.clearStreak = q.value(5).toInt();
    stored.watch.lastEvaluated = optionalTime(q.value(6));
    stored.watch.open = q.value(8).toInt() != 0;
    return stored;
}

AlertTrigger triggerFrom(const QSqlQuery &q)
{
    AlertTrigger t;
    t.id = q.value(0).toString();
    t.alertId = q.value(1).toString();
    t.projectId = q.value(2).toString();
    t.value = q.value(3).toDouble();
    t.threshold = q.value(4).toDouble();
    t.message = q.value(5).toString();
    t.severity = severityFromString(q.value(6).toString()).value_or(Severity::Medium);
    t.status = triggerStatusFromString(q.value(7).toString()).value_or(TriggerStatus::Triggered);
    t.triggeredAt = timeFrom(q.value(8));
    t.resolvedAt = optionalTime(q.value(9));
    t.acknowledgedAt = optionalTime(q.value(10));
    return t;
}

} // namespace

AlertRepository::AlertRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase AlertRepository::db() const
{
    return m_database.connection();
}

StoreResult<StoredAlert> AlertRepository::createAlert(StoredAlert alert, const QDateTime &now)
{
    alert.alert.id = newId();
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO metric_alerts (id, project_id, document, "
                                        "created_at) VALUES (?, ?, ?, ?)"),
                         {alert.alert.id, alert.alert.projectId, document(alert), timeText(now)},
                         QStringLiteral("create alert %1").arg(alert.alert.name))) {
        return *error;
    }
    return this->alert(alert.alert.projectId, alert.alert.id);
}

StoreResult<QList<StoredAlert>> AlertRepository::alerts(const QString &projectId) const
{
    QString sql =
        QStringLiteral("SELECT ") + kAlertColumns + QStringLiteral(" FROM metric_alerts a");
    QVariantList values;
    if (!projectId.isEmpty()) {
        sql += QStringLiteral(" WHERE a.project_id = ?");
        values.append(projectId);
    }
    sql += QStringLiteral(" ORDER BY a.created_at, a.id");
    QSqlQuery q(db());
    if (auto error = run(q, sql, values, QStringLiteral("list alerts")))
        return *error;
    QList<StoredAlert> out;
    while (q.next()) {
        auto stored = alertFrom(q);
        if (!stored)
            return stored.error();
        out.append(std::move(stored).value());
    }
    return out;
}

StoreResult<StoredAlert> AlertRepository::alert(const QString &projectId, const QString &id) const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kAlertColumns +
                             QStringLiteral(" FROM metric_alerts a WHERE a.id = ? AND "
                                            "a.project_id = ?"),
                         {id, projectId}, QStringLiteral("read alert %1").arg(id))) {
        return *error;
    }
    if (!q.next())
        return notFound(QStringLiteral("no alert \"%1\" in project \"%2\"").arg(id, projectId));
    return alertFrom(q);
}

StoreResult<StoredAlert> AlertRepository::updateAlert(const StoredAlert &alert)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE metric_alerts SET document = ? WHERE id = ? AND "
                                        "project_id = ?"),
                         {document(alert), alert.alert.id, alert.alert.projectId},
                         QStringLiteral("update alert %1").arg(alert.alert.id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0) {
        return notFound(QStringLiteral("no alert \"%1\" in project \"%2\"")
                            .arg(alert.alert.id, alert.alert.projectId));
    }
    return this->alert(alert.alert.projectId, alert.alert.id);
}

StoreResult<void> AlertRepository::removeAlert(const QString &projectId, const QString &id)
{
    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    QSqlQuery q(db());
    if (auto error =
            run(q, QStringLiteral("DELETE FROM metric_alerts WHERE id = ? AND project_id = ?"),
                {id, projectId}, QStringLiteral("delete alert %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("no alert \"%1\" in project \"%2\"").arg(id, projectId));
    QSqlQuery t(db());
    if (auto error = run(t, QStringLiteral("DELETE FROM alert_triggers WHERE alert_id = ?"), {id},
                         QStringLiteral("delete the triggers of alert %1").arg(id))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

StoreResult<void> AlertRepository::saveWatch(const QString &alertId, const AlertWatch &watch)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE metric_alerts SET holding_since = ?, "
                                        "clear_streak = ?, last_evaluated = ? WHERE id = ?"),
                         {timeOrNull(watch.holdingSince), watch.clearStreak,
                          timeOrNull(watch.lastEvaluated), alertId},
                         QStringLiteral("save the state of alert %1").arg(alertId))) {
        return *error;
    }
    return {};
}

StoreResult<AlertTrigger> AlertRepository::fire(const StoredAlert &alert, double value,
                                                const QString &message, const QDateTime &now)
{
    const QString id = newId();
    Transaction tx(db());
    if (auto error = tx.begin())
        return *error;
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO alert_triggers (") + kTriggerColumns +
                             QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, 'triggered', ?, "
                                            "NULL, NULL)"),
                         {id, alert.alert.id, alert.alert.projectId, value, alert.alert.threshold,
                          message, toString(alert.alert.severity), timeText(now)},
                         QStringLiteral("open a trigger of alert %1").arg(alert.alert.id))) {
        return *error;
    }
    QSqlQuery u(db());
    if (auto error = run(u,
                         QStringLiteral("UPDATE metric_alerts SET last_triggered = ?, "
                                        "trigger_count = trigger_count + 1 WHERE id = ?"),
                         {timeText(now), alert.alert.id},
                         QStringLiteral("count a trigger of alert %1").arg(alert.alert.id))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return trigger(id);
}

StoreResult<AlertTrigger> AlertRepository::trigger(const QString &id) const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kTriggerColumns +
                             QStringLiteral(" FROM alert_triggers WHERE id = ?"),
                         {id}, QStringLiteral("read trigger %1").arg(id))) {
        return *error;
    }
    if (!q.next())
        return notFound(QStringLiteral("no trigger \"%1\"").arg(id));
    return triggerFrom(q);
}

StoreResult<std::optional<AlertTrigger>> AlertRepository::resolveOpen(const QString &alertId,
                                                                      const QDateTime &now)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT id FROM alert_triggers WHERE alert_id = ? AND "
                                        "status != 'resolved'"),
                         {alertId}, QStringLiteral("find the open trigger of %1").arg(alertId))) {
        return *error;
    }
    if (!q.next())
        return std::optional<AlertTrigger>();
    const QString id = q.value(0).toString();
    QSqlQuery u(db());
    if (auto error = run(u,
                         QStringLiteral("UPDATE alert_triggers SET status = 'resolved', "
                                        "resolved_at = ? WHERE id = ?"),
                         {timeText(now), id}, QStringLiteral("resolve trigger %1").arg(id))) {
        return *error;
    }
    auto resolved = trigger(id);
    if (!resolved)
        return resolved.error();
    return std::optional<AlertTrigger>(resolved.value());
}

StoreResult<AlertTrigger> AlertRepository::acknowledge(const QString &projectId,
                                                       const QString &triggerId,
                                                       const QDateTime &now)
{
    auto found = trigger(triggerId);
    if (!found || found->projectId != projectId) {
        return notFound(
            QStringLiteral("no trigger \"%1\" in project \"%2\"").arg(triggerId, projectId));
    }
    if (found->status == TriggerStatus::Resolved)
        return StoreError{StoreError::Kind::Conflict,
                          QStringLiteral("trigger \"%1\" is resolved already").arg(triggerId),
                          QStringLiteral("id")};
    if (found->status == TriggerStatus::Acknowledged)
        return found;
    QSqlQuery u(db());
    if (auto error = run(u,
                         QStringLiteral("UPDATE alert_triggers SET status = 'acknowledged', "
                                        "acknowledged_at = ? WHERE id = ?"),
                         {timeText(now), triggerId},
                         QStringLiteral("acknowledge trigger %1").arg(triggerId))) {
        return *error;
    }
    return trigger(triggerId);
}

StoreResult<QList<AlertTrigger>> AlertRepository::triggers(const QString &projectId,
                                                           qint64 limit) const
{
    if (auto error = checkPaging(0, limit))
        return *error;
    return selectRows<AlertTrigger>(
        db(),
        QStringLiteral("SELECT ") + kTriggerColumns +
            QStringLiteral(" FROM alert_triggers WHERE project_id = ? ORDER BY triggered_at DESC, "
                           "id LIMIT ?"),
        {projectId, limit}, QStringLiteral("list triggers"), triggerFrom);
}

StoreResult<qint64> AlertRepository::openTriggerCount(const QString &projectId) const
{
    return count(db(),
                 QStringLiteral("SELECT COUNT(*) FROM alert_triggers WHERE project_id = ? AND "
                                "status != 'resolved'"),
                 {projectId}, QStringLiteral("count open triggers"));
}

} // namespace waddle::cp
