#pragma once

#include "router.h"

namespace waddle::cp {

class ControlPlane;

// Region endpoints (SPEC §12): seed 001's six, exactly, plus the operator's
// health check and maintenance, and the demo fleet's fault injection.
class RegionRoutes
{
public:
    explicit RegionRoutes(ControlPlane &plane);
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
    void alerts(const ApiRequest &request, const Reply &reply);
    void setFault(const ApiRequest &request, const Reply &reply);
    void clearFault(const ApiRequest &request, const Reply &reply);

    ControlPlane &m_plane;
};

} // namespace waddle::cp
