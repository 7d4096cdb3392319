#pragma once

#include "router.h"

namespace waddle::cp {

class ClusterService;

// GET /api/v1/cluster (issue 16): the control planes sharing this store and
// which one leads — {"self", "leader", "since", "instances": [{"id",
// "address", "last_seen", "leader"}]}. On SQLite, this one alone.
class ClusterRoutes
{
public:
    explicit ClusterRoutes(ClusterService &cluster);
    void registerOn(Router &router);

private:
    void show(const ApiRequest &request, const Reply &reply);

    ClusterService &m_cluster;
};

} // namespace waddle::cp
