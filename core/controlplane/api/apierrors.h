#pragma once

#include "controlplane/store/storeerror.h"
#include "domain/result.h"
#include "httpresponse.h"

namespace waddle::cp {

// 400 invalid_request naming the field (SPEC §12: never a 500 for bad input).
HttpResponse badRequest(const domain::Error &error);
// 404 for a region code the control plane does not serve.
HttpResponse unknownRegion(const QString &code);
// 403 for an owner key that does not list the waddle.
HttpResponse notYourWaddle(const QString &waddleId);
// 409 for a write whose If-Match is missing (`precondition_required`) or
// stale (`stale_version`): the current document and its ETag attached, so
// the client can show what changed and retry.
HttpResponse staleVersion(const QString &code, const QString &message, const QJsonObject &current,
                          const QString &etag);
// NotFound → 404, Conflict → 409, Invalid → 400, Internal → 500.
HttpResponse fromStoreError(const StoreError &error);

} // namespace waddle::cp
