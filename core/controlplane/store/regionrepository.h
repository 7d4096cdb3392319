#pragma once

#include "domain/region.h"
#include "storeerror.h"

#include <QList>
#include <QSqlDatabase>

namespace waddle::cp {

class Database;

// The region catalogue as stored (SPEC §3): definitions in catalogue order,
// last status, maintenance flag.
// No repository knows another; each runs its own statements on the Database.
class RegionRepository
{
public:
    explicit RegionRepository(const Database &database);

    // Inserts new regions at the end of the catalogue order and updates known
    // ones in place (definition and status). The operator's maintenance flag
    // of a known region is kept; a new region starts in maintenance only when
    // its status says so.
    [[nodiscard]] StoreResult<void> saveRegions(const QList<domain::Region> &regions);
    // In catalogue order, with the operator's settings applied over the
    // catalogue's. A region in maintenance reports status Maintenance;
    // otherwise the last status set.
    [[nodiscard]] StoreResult<QList<domain::Region>> regions() const;
    // Online, degraded or offline from the health monitor; Maintenance turns
    // the maintenance flag on (as setMaintenance), keeping the last status
    // for when it is lifted.
    [[nodiscard]] StoreResult<void> setRegionStatus(const QString &code,
                                                    domain::RegionStatus status);
    [[nodiscard]] StoreResult<void> setMaintenance(const QString &code, bool on);
    // An operator's edit, kept over the catalogue's definition from now on;
    // only when the stored version is still `expectedVersion` (Conflict
    // otherwise). Answers the new version.
    [[nodiscard]] StoreResult<qint64> updateSettings(const QString &code,
                                                     const domain::RegionSettings &settings,
                                                     qint64 expectedVersion);

private:
    [[nodiscard]] QSqlDatabase db() const;

    const Database &m_database;
};

} // namespace waddle::cp
