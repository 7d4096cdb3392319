#include "notificationrepository.h"

#include "database.h"
#include "statements.h"

#include <QSqlQuery>

namespace waddle::cp {

using namespace store;

NotificationRepository::NotificationRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase NotificationRepository::db() const
{
    return m_database.connection();
}

StoreResult<void> NotificationRepository::record(const Notification &n)
{
    if (n.waddleId.isEmpty())
        return invalid(QStringLiteral("A notification needs a waddle"),
                       QStringLiteral("waddle_id"));
    if (n.message.isEmpty())
        return invalid(QStringLiteral("A notification needs a message"), QStringLiteral("message"));
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO member_notifications (waddle_id, message, "
                                        "source, created_at) VALUES (?, ?, ?, ?)"),
                         {n.waddleId, n.message, text(n.source),
                          timeText(n.createdAt.isValid() ? n.createdAt : nowUtc())},
                         QStringLiteral("record a notification of waddle %1").arg(n.waddleId))) {
        return *error;
    }
    return {};
}

StoreResult<QList<NotificationRepository::Notification>>
NotificationRepository::notifications(const QString &waddleId) const
{
    return selectRows<Notification>(
        db(),
        QStringLiteral("SELECT waddle_id, message, source, created_at FROM member_notifications "
                       "WHERE waddle_id = ? ORDER BY id"),
        {waddleId}, QStringLiteral("read the notifications of waddle %1").arg(waddleId),
        [](const QSqlQuery &q) {
            return Notification{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                timeFrom(q.value(3))};
        });
}

StoreResult<qint64> NotificationRepository::count() const
{
    return store::count(db(), QStringLiteral("SELECT COUNT(*) FROM member_notifications"), {},
                        QStringLiteral("count the notifications"));
}

} // namespace waddle::cp
