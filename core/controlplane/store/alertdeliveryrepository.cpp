#include "alertdeliveryrepository.h"

#include "database.h"
#include "statements.h"

#include <QSqlQuery>

namespace waddle::cp {

using namespace store;
using namespace waddle::domain;

AlertDeliveryRepository::AlertDeliveryRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase AlertDeliveryRepository::db() const
{
    return m_database.connection();
}

StoreResult<Silence> AlertDeliveryRepository::createSilence(Silence silence, const QDateTime &now)
{
    silence.id = newId();
    silence.createdAt = timeFrom(timeText(now));
    silence.until = timeFrom(timeText(silence.until));
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO silences (id, project_id, alert_id, "
                                        "severity, until, comment, created_at) VALUES (?, ?, ?, "
                                        "?, ?, ?, ?)"),
                         {silence.id, silence.projectId,
                          silence.alertId ? QVariant(*silence.alertId) : QVariant(),
                          silence.severity ? QVariant(toString(*silence.severity)) : QVariant(),
                          timeText(silence.until), silence.comment, timeText(now)},
                         QStringLiteral("create a silence"))) {
        return *error;
    }
    return silence;
}

StoreResult<QList<Silence>> AlertDeliveryRepository::silences(const QString &projectId,
                                                              const QDateTime &now) const
{
    QString sql = QStringLiteral("SELECT id, project_id, alert_id, severity, until, comment, "
                                 "created_at FROM silences WHERE project_id = ?");
    QVariantList values{projectId};
    if (now.isValid()) {
        sql += QStringLiteral(" AND until > ?");
        values.append(timeText(now));
    }
    sql += QStringLiteral(" ORDER BY created_at DESC, id");
    return selectRows<Silence>(db(), sql, values, QStringLiteral("list silences"),
                               [](const QSqlQuery &q) {
                                   Silence s;
                                   s.id = q.value(0).toString();
                                   s.projectId = q.value(1).toString();
                                   if (!q.value(2).isNull())
                                       s.alertId = q.value(2).toString();
                                   if (!q.value(3).isNull())
                                       s.severity = severityFromString(q.value(3).toString());
                                   s.until = timeFrom(q.value(4));
                                   s.comment = q.value(5).toString();
                                   s.createdAt = timeFrom(q.value(6));
                                   return s;
                               });
}

StoreResult<void> AlertDeliveryRepository::removeSilence(const QString &projectId,
                                                         const QString &id)
{
    QSqlQuery q(db());
    if (auto error = run(q, QStringLiteral("DELETE FROM silences WHERE id = ? AND project_id = ?"),
                         {id, projectId}, QStringLiteral("delete silence %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("no silence \"%1\" in project \"%2\"").arg(id, projectId));
    return {};
}

StoreResult<void> AlertDeliveryRepository::record(const DeliveryRecord &r)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO alert_deliveries (at, project_id, channel, "
                                        "target, attempt, outcome, http_status, detail, "
                                        "trigger_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                         {timeText(r.at), r.projectId, r.channel, text(r.target), r.attempt,
                          r.outcome, r.httpStatus ? QVariant(*r.httpStatus) : QVariant(),
                          text(r.detail), r.triggerIds.join(u',')},
                         QStringLiteral("record a delivery attempt"))) {
        return *error;
    }
    return {};
}

StoreResult<QList<DeliveryRecord>> AlertDeliveryRepository::deliveries(const QString &projectId,
                                                                       qint64 limit) const
{
    if (auto error = checkPaging(0, limit))
        return *error;
    return selectRows<DeliveryRecord>(
        db(),
        QStringLiteral("SELECT at, project_id, channel, target, attempt, outcome, http_status, "
                       "detail, trigger_ids FROM alert_deliveries WHERE project_id = ? ORDER BY "
                       "id DESC LIMIT ?"),
        {projectId, limit}, QStringLiteral("list deliveries"), [](const QSqlQuery &q) {
            DeliveryRecord r;
            r.at = timeFrom(q.value(0));
            r.projectId = q.value(1).toString();
            r.channel = q.value(2).toString();
            r.target = q.value(3).toString();
            r.attempt = q.value(4).toInt();
            r.outcome = q.value(5).toString();
            if (!q.value(6).isNull())
                r.httpStatus = q.value(6).toInt();
            r.detail = q.value(7).toString();
            r.triggerIds = q.value(8).toString().split(u',', Qt::SkipEmptyParts);
            return r;
        });
}

} // namespace waddle::cp
