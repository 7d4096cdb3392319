#pragma once

#include "router.h"

namespace waddle::cp {

class EventHub;
class HealthService;
class MigrationService;
class RegionService;

// Region endpoints (SPEC §12): seed 001's six, exactly, plus the operator's
// health check and maintenance (with {"drain": true}, issue 11: every waddle
// of the region migrates away), and the edit of a region's priority and
// failover list with If-Match (issue 13).
class RegionRoutes
{
public:
    RegionRoutes(RegionService &regions, HealthService &health, MigrationService &migrations,
                 EventHub &events);
    void registerOn(Router &router);

    // GET /api/v1/regions: its path and its answer now (public, the same
    // for every caller, so the transport may serve it cached).
    static constexpr QLatin1StringView kListPath{"/api/v1/regions"};
    [[nodiscard]] HttpResponse listAnswer() const;

private:
    void list(const ApiRequest &request, const Reply &reply);
    void health(const ApiRequest &request, const Reply &reply);
    void stats(const ApiRequest &request, const Reply &reply);
    void nearest(const ApiRequest &request, const Reply &reply);
    void one(const ApiRequest &request, const Reply &reply);
    void oneHealth(const ApiRequest &request, const Reply &reply);
    void checkNow(const ApiRequest &request, const Reply &reply);
    void maintenance(const ApiRequest &request, const Reply &reply);
    void updateSettings(const ApiRequest &request, const Reply &reply);

    RegionService &m_regions;
    HealthService &m_health;
    MigrationService &m_migrations;
    EventHub &m_events;
};

} // namespace waddle::cp
