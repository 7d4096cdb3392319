#include "requestparsing.h"

#include "apierrors.h"
#include "domain/jsonreader.h"

#include <limits>
#include <tuple>

namespace waddle::cp {

domain::Result<QJsonObject, HttpResponse> jsonBody(const ApiRequest &request)
{
    const QByteArray type = request.header("content-type").toLower();
    if (!type.isEmpty() && !type.startsWith("application/json")) {
        return HttpResponse::error(415, QStringLiteral("unsupported_media_type"),
                                   QStringLiteral("send the body as application/json, not %1")
                                       .arg(QString::fromLatin1(type)));
    }
    if (request.body.trimmed().isEmpty()) {
        return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                   QStringLiteral("the request needs a JSON body"));
    }
    domain::Result<QJsonObject> object = domain::JsonReader::parseObject(request.body);
    if (!object)
        return badRequest(object.error());
    return std::move(object).value();
}

domain::Result<PageRequest, HttpResponse> pageOf(const ApiRequest &request, qint64 defaultLimit,
                                                 qint64 maxLimit)
{
    PageRequest page;
    page.limit = defaultLimit;
    for (const auto &[name, target, min, max] :
         {std::tuple{QStringLiteral("offset"), &page.offset, qint64(0),
                     std::numeric_limits<qint64>::max() / 2},
          std::tuple{QStringLiteral("limit"), &page.limit, qint64(1), maxLimit}}) {
        if (!request.query.hasQueryItem(name))
            continue;
        bool ok = false;
        const qint64 value = request.query.queryItemValue(name).toLongLong(&ok);
        if (!ok || value < min || value > max) {
            return HttpResponse::error(400, QStringLiteral("invalid_request"),
                                       QStringLiteral("%1: must be a whole number from %2 to %3")
                                           .arg(name)
                                           .arg(min)
                                           .arg(max),
                                       name);
        }
        *target = value;
    }
    return page;
}

} // namespace waddle::cp
