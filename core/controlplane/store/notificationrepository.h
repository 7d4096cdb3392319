#pragma once

#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace waddle::cp {

class Database;

// What a waddle's members were told about its region (SPEC §9: "Voice
// region temporarily changed to <name> due to technical issues"). Failover
// moves write these rows inside their own transaction; this repository
// reads them and records the ones that stand alone (migrations).
// No repository knows another; each runs its own statements on the Database.
class NotificationRepository
{
public:
    explicit NotificationRepository(const Database &database);

    struct Notification
    {
        QString waddleId;
        QString message;
        QString source; // "failover:<job id>", "migration:<id>"
        QDateTime createdAt;

        friend bool operator==(const Notification &, const Notification &) = default;
    };

    [[nodiscard]] StoreResult<void> record(const Notification &notification);
    // Oldest first.
    [[nodiscard]] StoreResult<QList<Notification>> notifications(const QString &waddleId) const;
    [[nodiscard]] StoreResult<qint64> count() const;

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
