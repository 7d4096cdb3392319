#include "regionalertrepository.h"

#include "database.h"
#include "statements.h"

#include <QSqlQuery>

namespace waddle::cp {

using namespace store;
using domain::RegionAlert;

RegionAlertRepository::RegionAlertRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase RegionAlertRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> RegionAlertRepository::recordAlert(const RegionAlert &alert)
{
    if (alert.regionCode.isEmpty())
        return invalid(QStringLiteral("An alert needs a region"), QStringLiteral("region_code"));
    if (alert.title.trimmed().isEmpty())
        return invalid(QStringLiteral("An alert needs a title"), QStringLiteral("title"));
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("INSERT INTO region_alerts (id, region_code, severity, title, "
                               "description, from_status, to_status, created_at, acknowledged_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                {alert.id.isEmpty() ? newId() : alert.id, alert.regionCode,
                 domain::toString(alert.severity), alert.title, text(alert.description),
                 toString(alert.from), toString(alert.to),
                 timeText(alert.createdAt.isValid() ? alert.createdAt : nowUtc()),
                 alert.acknowledgedAt ? QVariant(timeText(*alert.acknowledgedAt))
                                      : QVariant(QMetaType::fromType<QString>())},
                QStringLiteral("record an alert for %1").arg(alert.regionCode))) {
        return *error;
    }
    return {};
}

StoreResult<QList<RegionAlert>> RegionAlertRepository::alerts(int limit) const
{
    if (limit <= 0)
        return invalid(QStringLiteral("limit must be positive"), QStringLiteral("limit"));
    return select(QStringLiteral("ORDER BY created_at DESC, id DESC LIMIT ?"), {limit},
                  QStringLiteral("read the alerts"));
}

StoreResult<RegionAlert> RegionAlertRepository::alert(const QString &id) const
{
    auto found =
        select(QStringLiteral("WHERE id = ?"), {id}, QStringLiteral("read alert %1").arg(id));
    if (!found)
        return found.error();
    if (found->isEmpty())
        return notFound(QStringLiteral("No alert \"%1\"").arg(id));
    return found->first();
}

StoreResult<QList<RegionAlert>> RegionAlertRepository::select(const QString &where,
                                                              const QVariantList &values,
                                                              const QString &what) const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT id, region_code, severity, title, description, "
                                        "from_status, to_status, created_at, acknowledged_at "
                                        "FROM region_alerts ") +
                             where,
                         values, what)) {
        return *error;
    }
    QList<RegionAlert> out;
    while (q.next()) {
        RegionAlert a;
        a.id = q.value(0).toString();
        a.regionCode = q.value(1).toString();
        const auto severity = domain::severityFromString(q.value(2).toString());
        const auto from = domain::regionStatusFromString(q.value(5).toString());
        const auto to = domain::regionStatusFromString(q.value(6).toString());
        if (!severity || !from || !to)
            return internal(QStringLiteral("Stored alert %1 is unreadable").arg(a.id));
        a.severity = *severity;
        a.title = q.value(3).toString();
        a.description = q.value(4).toString();
        a.from = *from;
        a.to = *to;
        a.createdAt = timeFrom(q.value(7));
        if (!q.value(8).isNull())
            a.acknowledgedAt = timeFrom(q.value(8));
        out.append(std::move(a));
    }
    return out;
}

StoreResult<void> RegionAlertRepository::acknowledgeAlert(const QString &id, const QDateTime &at)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE region_alerts SET acknowledged_at = COALESCE("
                                        "acknowledged_at, ?) WHERE id = ?"),
                         {timeText(at.isValid() ? at : nowUtc()), id},
                         QStringLiteral("acknowledge alert %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(QStringLiteral("No alert \"%1\"").arg(id));
    return {};
}

} // namespace waddle::cp
