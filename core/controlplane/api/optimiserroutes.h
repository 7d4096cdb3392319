#pragma once

#include "router.h"

namespace waddle::cp {

class OptimiserService;

// Optimiser endpoints (SPEC §7, §12, issue 11): the whole fleet (operators)
// or one waddle (its owner), each with a dry run that only proposes.
class OptimiserRoutes
{
public:
    explicit OptimiserRoutes(OptimiserService &optimiser);
    void registerOn(Router &router);

private:
    void runAll(const ApiRequest &request, const Reply &reply);
    void runOne(const ApiRequest &request, const Reply &reply);

    OptimiserService &m_optimiser;
};

} // namespace waddle::cp
