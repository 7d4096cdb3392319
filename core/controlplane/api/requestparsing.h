#pragma once

#include "domain/result.h"
#include "httpresponse.h"
#include "router.h"

#include <QJsonObject>

// Reading what a request carries, the same way for every route: the JSON
// body and the paging parameters, or the 4xx that says what is wrong.
namespace waddle::cp {

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
