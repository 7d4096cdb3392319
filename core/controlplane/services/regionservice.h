#pragma once

#include "controlplane/store/regionrepository.h"
#include "domain/health.h"
#include "domain/region.h"

#include <QByteArray>
#include <QList>

#include <functional>

namespace waddle::cp {

class Database;

// The regions as the control plane serves them (SPEC §3): the catalogue
// saved through its repository, each region's live status and load, and the
// GET /regions body serialised once per change (PERFORMANCE.md). Other
// services change a region through here, never through the table.
class RegionService
{
public:
    explicit RegionService(const Database &database);

    // Saves the catalogue (new regions appended, known ones updated) and
    // serves the catalogue's regions with their stored status.
    [[nodiscard]] StoreResult<void> load(const QList<domain::Region> &catalogue);

    // Several control planes (issue 16): a follower, whose health loop does
    // not run, serves the regions as the leader stored them — re-read here
    // on every cluster tick; changed() only when something did.
    [[nodiscard]] StoreResult<void> refresh();

    [[nodiscard]] const QList<domain::Region> &regions() const { return m_regions; }
    [[nodiscard]] const domain::Region *region(const QString &code) const;
    // {"regions": [...], "count": n}, rebuilt only after a change.
    [[nodiscard]] const QByteArray &regionsBody();
    // Called after every change of what regions() and regionsBody() give
    // (the transport republishes its cached GET /regions answer).
    void setOnChange(std::function<void()> onChange) { m_onChange = std::move(onChange); }

    // A check's load, when the endpoint answered, becomes the region's
    // current capacity use.
    void applyCheck(const domain::RegionHealth &health);
    // A status change from the health monitor: served at once and stored
    // (leaving maintenance lifts the flag first).
    [[nodiscard]] StoreResult<void> applyStatus(const QString &code, domain::RegionStatus from,
                                                domain::RegionStatus to);
    // The operator's maintenance flag, stored; the status follows from the
    // monitor's transition (applyStatus).
    [[nodiscard]] StoreResult<void> setMaintenance(const QString &code, bool on);
    // An operator's edit of priority and failover list, stored and served at
    // once, when `expectedVersion` is still the region's (Conflict otherwise).
    [[nodiscard]] StoreResult<domain::Region> updateSettings(const QString &code,
                                                             const domain::RegionSettings &settings,
                                                             qint64 expectedVersion);

private:
    RegionRepository m_repository;
    QList<domain::Region> m_regions;
    QByteArray m_body;
    std::function<void()> m_onChange;

    void changed();
};

} // namespace waddle::cp
