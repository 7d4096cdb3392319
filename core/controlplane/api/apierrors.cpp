#include "apierrors.h"

#include <QJsonObject>

namespace waddle::cp {

HttpResponse badRequest(const domain::Error &error)
{
    return HttpResponse::error(400, QStringLiteral("invalid_request"), error.message, error.field);
}

HttpResponse unknownRegion(const QString &code)
{
    return HttpResponse::error(404, QStringLiteral("not_found"),
                               QStringLiteral("no region \"%1\"").arg(excerpt(code)),
                               QStringLiteral("code"));
}

HttpResponse notYourWaddle(const QString &waddleId)
{
    return HttpResponse::error(
        403, QStringLiteral("forbidden"),
        QStringLiteral("this owner key does not list waddle %1").arg(waddleId));
}

HttpResponse staleVersion(const QString &code, const QString &message, const QJsonObject &current,
                          const QString &etag)
{
    const QJsonObject body{{QStringLiteral("error"),
                            QJsonObject{{QStringLiteral("code"), code},
                                        {QStringLiteral("message"), message},
                                        {QStringLiteral("field"), QStringLiteral("If-Match")}}},
                           {QStringLiteral("current"), current}};
    return HttpResponse::json(409, body).withHeader("ETag", etag.toLatin1());
}

HttpResponse fromStoreError(const StoreError &error)
{
    switch (error.kind) {
    case StoreError::Kind::NotFound:
        return HttpResponse::error(404, QStringLiteral("not_found"), error.message, error.field);
    case StoreError::Kind::Conflict:
        return HttpResponse::error(409, QStringLiteral("conflict"), error.message, error.field);
    case StoreError::Kind::Invalid:
        return HttpResponse::error(400, QStringLiteral("invalid_request"), error.message,
                                   error.field);
    case StoreError::Kind::Internal:
        break;
    }
    return HttpResponse::error(500, QStringLiteral("internal"),
                               QStringLiteral("the store failed: %1").arg(error.message));
}

} // namespace waddle::cp
