#pragma once

#include "router.h"

namespace waddle::cp {

class EventHub;
class RegionService;
class WaddleRepository;

// Waddle endpoints (SPEC §6, §12): list, one (with an ETag), members, the
// recommendation with every region's score, and the voice-region update with
// optimistic concurrency (If-Match; a stale or missing one is a 409 that
// carries the current version, so nothing is overwritten silently).
class WaddleRoutes
{
public:
    WaddleRoutes(WaddleRepository &waddles, const RegionService &regions, EventHub &events);
    void registerOn(Router &router);

private:
    void list(const ApiRequest &request, const Reply &reply);
    void one(const ApiRequest &request, const Reply &reply);
    void members(const ApiRequest &request, const Reply &reply);
    void recommendation(const ApiRequest &request, const Reply &reply);
    void setVoiceRegion(const ApiRequest &request, const Reply &reply);

    WaddleRepository &m_waddles;
    const RegionService &m_regions;
    EventHub &m_events;
};

} // namespace waddle::cp
