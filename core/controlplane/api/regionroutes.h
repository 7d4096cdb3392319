#pragma once

#include "router.h"

namespace waddle::cp {

class HealthService;
class RegionService;

// Region endpoints (SPEC §12): seed 001's six, exactly, plus the operator's
// health check and maintenance.
class RegionRoutes
{
public:
    RegionRoutes(RegionService &regions, HealthService &health);
    void registerOn(Router &router);

private:
    void list(const ApiRequest &request, const Reply &reply);
    void health(const ApiRequest &request, const Reply &reply);
    void stats(const ApiRequest &request, const Reply &reply);
    void nearest(const ApiRequest &request, const Reply &reply);
    void one(const ApiRequest &request, const Reply &reply);
    void oneHealth(const ApiRequest &request, const Reply &reply);
    void checkNow(const ApiRequest &request, const Reply &reply);
    void maintenance(const ApiRequest &request, const Reply &reply);

    RegionService &m_regions;
    HealthService &m_health;
};

} // namespace waddle::cp
