#pragma once

#include "domain/result.h"
#include "httpresponse.h"
#include "router.h"
#include "storeerror.h"

#include <QJsonArray>
#include <QJsonObject>

namespace waddle::cp {

// 400 invalid_request naming the field (SPEC §12: never a 500 for bad input).
HttpResponse badRequest(const domain::Error &error);
// NotFound → 404, Conflict → 409, Invalid → 400, Internal → 500.
HttpResponse fromStoreError(const StoreError &error);

// The request body as a JSON object, or the 400 that says what is wrong
// with it (empty, not JSON, not an object, not application/json).
domain::Result<QJsonObject, HttpResponse> jsonBody(const ApiRequest &request);

// ?offset=&limit= with bounds; 400 naming the parameter otherwise.
struct Page
{
    qint64 offset = 0;
    qint64 limit = 50;
};
// {"<items>": [...], "total", "offset", "limit", "next_offset"?}: one page
// of a list, with where the next one starts when there is one.
HttpResponse pagedResponse(const QString &itemsName, const QJsonArray &items, qint64 total,
                           const Page &page);

domain::Result<Page, HttpResponse> pageOf(const ApiRequest &request, qint64 defaultLimit = 50,
                                          qint64 maxLimit = 500);

} // namespace waddle::cp
