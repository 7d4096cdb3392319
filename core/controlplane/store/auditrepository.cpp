#include "auditrepository.h"

#include "database.h"
#include "statements.h"

#include <QSqlQuery>

namespace waddle::cp {

using namespace store;

AuditRepository::AuditRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase AuditRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> AuditRepository::record(const AuditEntry &entry)
{
    if (!entry.at.isValid())
        return invalid(QStringLiteral("An audit entry needs its time"), QStringLiteral("at"));
    if (entry.action.isEmpty())
        return invalid(QStringLiteral("An audit entry needs its action"), QStringLiteral("action"));
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("INSERT INTO analytics_audit (at, key_id, key_name, role, "
                               "action, project_id, target) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                {timeText(entry.at), text(entry.keyId), text(entry.keyName), text(entry.role),
                 entry.action, text(entry.projectId), text(entry.target)},
                QStringLiteral("record an analytics audit entry"))) {
        return *error;
    }
    return {};
}

StoreResult<QList<AuditEntry>> AuditRepository::entries(const QString &projectId,
                                                        qint64 limit) const
{
    if (auto error = checkPaging(0, limit))
        return *error;
    QString sql = QStringLiteral("SELECT at, key_id, key_name, role, action, project_id, target "
                                 "FROM analytics_audit");
    QVariantList values;
    if (!projectId.isEmpty()) {
        sql += QStringLiteral(" WHERE project_id = ?");
        values.append(projectId);
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    values.append(limit);
    return selectRows<AuditEntry>(
        db(), sql, values, QStringLiteral("read the analytics audit"), [](const QSqlQuery &q) {
            return AuditEntry{timeFrom(q.value(0)),  q.value(1).toString(), q.value(2).toString(),
                              q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                              q.value(6).toString()};
        });
}

} // namespace waddle::cp
