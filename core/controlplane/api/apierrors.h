#pragma once

#include "controlplane/store/storeerror.h"
#include "domain/result.h"
#include "httpresponse.h"
#include "router.h"

#include <QJsonObject>

namespace waddle::cp {

// 400 invalid_request naming the field (SPEC §12: never a 500 for bad input).
HttpResponse badRequest(const domain::Error &error);
// 404 for a region code the control plane does not serve.
HttpResponse unknownRegion(const QString &code);
// NotFound → 404, Conflict → 409, Invalid → 400, Internal → 500.
HttpResponse fromStoreError(const StoreError &error);

// The request body as a JSON object, or the 400 that says what is wrong
// with it (empty, not JSON, not an object, not application/json).
domain::Result<QJsonObject, HttpResponse> jsonBody(const ApiRequest &request);

// ?offset=&limit= with bounds; 400 naming the parameter otherwise. The
// answer's envelope is domain::Page's (the wire format).
struct PageRequest
{
    qint64 offset = 0;
    qint64 limit = 50;
};

domain::Result<PageRequest, HttpResponse> pageOf(const ApiRequest &request,
                                                 qint64 defaultLimit = 50, qint64 maxLimit = 500);

} // namespace waddle::cp
