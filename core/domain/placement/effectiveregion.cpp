#include "effectiveregion.h"

#include "domain/placement/recommendation.h"

namespace waddle::domain {

QString effectiveRegion(const Waddle &waddle, const QString &voiceRegion,
                        const QList<Region> &regions, const QList<LocationGroup> &members,
                        const RttModel &model)
{
    if (voiceRegion != automaticVoiceRegion())
        return voiceRegion;
    if (const Result<Recommendation> r = recommendRegion(regions, members, model))
        return r->regionCode;
    if (!waddle.currentRegion.isEmpty())
        return waddle.currentRegion;
    const Region *best = nullptr;
    for (const Region &region : regions) {
        if (region.status == RegionStatus::Online && region.isActive &&
            (!best || region.priority < best->priority))
            best = &region;
    }
    return best ? best->code : QString();
}

} // namespace waddle::domain
