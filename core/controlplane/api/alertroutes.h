#pragma once

#include "router.h"

namespace waddle::cp {

class HealthService;

// GET /alerts (SPEC §8): the region status alerts the health service raised,
// newest first; POST /alerts/{id}/ack (issue 13): an operator acknowledges
// one (idempotent: the first acknowledgement's time stands).
class AlertRoutes
{
public:
    explicit AlertRoutes(HealthService &health);
    void registerOn(Router &router);

private:
    void list(const ApiRequest &request, const Reply &reply);
    void acknowledge(const ApiRequest &request, const Reply &reply);

    HealthService &m_health;
};

} // namespace waddle::cp
