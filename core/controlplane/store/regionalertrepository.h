#pragma once

#include "domain/regionalert.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace waddle::cp {

class Database;

// Region status alerts (SPEC §8) the health service raised.
// No repository knows another; each runs its own statements on the Database.
class RegionAlertRepository
{
public:
    explicit RegionAlertRepository(const Database &database);

    [[nodiscard]] StoreResult<void> recordAlert(const domain::RegionAlert &alert);
    // Newest first, at most `limit` (> 0).
    [[nodiscard]] StoreResult<QList<domain::RegionAlert>> alerts(int limit) const;
    [[nodiscard]] StoreResult<void> acknowledgeAlert(const QString &id, const QDateTime &at);

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
