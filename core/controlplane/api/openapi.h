#pragma once

#include "router.h"

#include <QJsonObject>

namespace waddle::cp {

// The OpenAPI 3 document of every route, built from the route table itself
// so it cannot fall out of step with what the server serves.
QJsonObject openApiDocument(const Router &router);

// Registers GET /api/v1/openapi.json (public) on the router.
void addOpenApiRoute(Router &router);

} // namespace waddle::cp
