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
    // Sets acknowledged_at to `at` unless it is set already (the first
    // acknowledgement stands); not found for an unknown id.
    [[nodiscard]] StoreResult<void> acknowledgeAlert(const QString &id, const QDateTime &at);
    [[nodiscard]] StoreResult<domain::RegionAlert> alert(const QString &id) const;

private:
    [[nodiscard]] QSqlDatabase db() const;
    [[nodiscard]] StoreResult<QList<domain::RegionAlert>>
    select(const QString &where, const QVariantList &values, const QString &what) const;

    const Database &m_database;
};

} // namespace waddle::cp
