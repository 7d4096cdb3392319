#pragma once

#include "router.h"

namespace waddle::cp {

class FailoverService;

// Failover endpoints (SPEC §9, §12, issue 11): start one (or dry-run its
// plan), list them newest first, read one, start a pending one, fail back.
// Operators act, viewers read; the service says what conflicts.
class FailoverRoutes
{
public:
    explicit FailoverRoutes(FailoverService &failovers);
    void registerOn(Router &router);

private:
    void create(const ApiRequest &request, const Reply &reply);
    void list(const ApiRequest &request, const Reply &reply);
    void one(const ApiRequest &request, const Reply &reply);
    void start(const ApiRequest &request, const Reply &reply);
    void failBack(const ApiRequest &request, const Reply &reply);

    FailoverService &m_failovers;
};

} // namespace waddle::cp
