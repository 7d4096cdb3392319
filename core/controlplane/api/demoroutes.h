#pragma once

#include "router.h"

namespace waddle::cp {

class DemoFleetControl;
class RegionService;

// The demo fleet's fault injection (POST and DELETE on the demo prefix, per region),
// registered only when the control plane runs a demo fleet.
class DemoRoutes
{
public:
    DemoRoutes(const RegionService &regions, DemoFleetControl &fleet);
    void registerOn(Router &router);

private:
    void setFault(const ApiRequest &request, const Reply &reply);
    void clearFault(const ApiRequest &request, const Reply &reply);

    const RegionService &m_regions;
    DemoFleetControl &m_fleet;
};

} // namespace waddle::cp
