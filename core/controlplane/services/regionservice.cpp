#include "regionservice.h"

#include "controlplane/store/statements.h"
#include "domain/countedlist.h"

#include <QJsonDocument>

#include <cmath>

namespace waddle::cp {

using namespace waddle::domain;

RegionService::RegionService(const Database &database)
    : m_repository(database)
{}

StoreResult<void> RegionService::load(const QList<Region> &catalogue)
{
    if (StoreResult<void> saved = m_repository.saveRegions(catalogue); !saved)
        return saved;
    StoreResult<QList<Region>> stored = m_repository.regions();
    if (!stored)
        return stored.error();
    // The store keeps every region it ever saw; serve the catalogue's.
    m_regions.clear();
    for (const Region &region : stored.value()) {
        if (findRegion(catalogue, region.code))
            m_regions.append(region);
    }
    changed();
    return {};
}

StoreResult<void> RegionService::refresh()
{
    StoreResult<QList<Region>> stored = m_repository.regions();
    if (!stored)
        return stored.error();
    QList<Region> next = m_regions;
    for (Region &served : next) {
        if (const Region *now = findRegion(stored.value(), served.code))
            served = *now;
    }
    if (next == m_regions)
        return {};
    m_regions = std::move(next);
    changed();
    return {};
}

const Region *RegionService::region(const QString &code) const
{
    return findRegion(m_regions, code);
}

void RegionService::changed()
{
    m_body.clear();
    if (m_onChange)
        m_onChange();
}

const QByteArray &RegionService::regionsBody()
{
    if (m_body.isEmpty()) {
        m_body = QJsonDocument(countedListToJson(QLatin1String("regions"), m_regions,
                                                 [](const Region &r) { return toJson(r); }))
                     .toJson(QJsonDocument::Compact);
    }
    return m_body;
}

void RegionService::applyCheck(const RegionHealth &health)
{
    for (Region &region : m_regions) {
        if (region.code != health.code || !health.reading.endpointHealthy)
            continue;
        const auto current = static_cast<qint64>(std::llround(
            health.reading.utilisation * static_cast<double>(region.capacity.maximum)));
        if (current != region.capacity.current) {
            region.capacity.current = current;
            changed();
        }
    }
}

StoreResult<void> RegionService::applyStatus(const QString &code, RegionStatus from,
                                             RegionStatus to)
{
    for (Region &region : m_regions) {
        if (region.code == code)
            region.status = to;
    }
    changed();
    // Both writes are tried: a failed one does not hold back the other.
    const StoreResult<void> lifted = from == RegionStatus::Maintenance
                                         ? m_repository.setMaintenance(code, false)
                                         : StoreResult<void>();
    const StoreResult<void> stored = m_repository.setRegionStatus(code, to);
    return lifted ? stored : lifted;
}

StoreResult<void> RegionService::setMaintenance(const QString &code, bool on)
{
    return m_repository.setMaintenance(code, on);
}

StoreResult<Region> RegionService::updateSettings(const QString &code,
                                                  const RegionSettings &settings,
                                                  qint64 expectedVersion)
{
    Region *served = nullptr;
    for (Region &region : m_regions) {
        if (region.code == code)
            served = &region;
    }
    if (!served)
        return store::notFound(QStringLiteral("No region \"%1\"").arg(code));
    const StoreResult<qint64> version =
        m_repository.updateSettings(code, settings, expectedVersion);
    if (!version)
        return version.error();
    // The served region is the stored one with live status and load: the
    // edit applies to it as to the store, no re-read needed.
    *served = withSettings(std::move(*served), settings);
    served->version = version.value();
    changed();
    return *served;
}

} // namespace waddle::cp
