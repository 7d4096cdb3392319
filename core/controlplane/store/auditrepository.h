#pragma once

#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace waddle::cp {

class Database;

// One analytics read or write (issue 12: who, what, when).
struct AuditEntry
{
    QDateTime at; // UTC
    QString keyId;
    QString keyName;
    QString role;
    QString action; // e.g. "read realtime", "create alert"
    QString projectId;
    QString target; // the row acted on, when there is one

    friend bool operator==(const AuditEntry &, const AuditEntry &) = default;
};

// The analytics audit table. No repository knows another; each runs its own
// statements on the Database.
class AuditRepository
{
public:
    explicit AuditRepository(const Database &database);

    [[nodiscard]] StoreResult<void> record(const AuditEntry &entry);
    // The newest `limit` entries, newest first; one project's when
    // `projectId` is set.
    [[nodiscard]] StoreResult<QList<AuditEntry>> entries(const QString &projectId,
                                                         qint64 limit) const;

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
