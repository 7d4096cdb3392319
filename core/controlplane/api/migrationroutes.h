#pragma once

#include "router.h"

namespace waddle::cp {

class MigrationService;

// Migration endpoints (SPEC §10, §12, issue 11): create (one waddle, several,
// or every waddle of a region; scheduled; or only the preview), list with
// filters, read one, cancel. An owner migrates its own waddles, an operator
// any and whole regions; viewers read.
class MigrationRoutes
{
public:
    explicit MigrationRoutes(MigrationService &migrations);
    void registerOn(Router &router);

private:
    void create(const ApiRequest &request, const Reply &reply);
    void list(const ApiRequest &request, const Reply &reply);
    void one(const ApiRequest &request, const Reply &reply);
    void cancel(const ApiRequest &request, const Reply &reply);

    MigrationService &m_migrations;
};

} // namespace waddle::cp
