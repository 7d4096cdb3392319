#pragma once

#include "controlplane/store/apikey.h"
#include "httpresponse.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace waddle::cp {

// The request methods the API knows; anything else is Unknown (405/404).
enum class Method
{
    Get,
    Put,
    Delete,
    Post,
    Head,
    Options,
    Patch,
    Unknown
};

// Who may call a route: anyone (SPEC §12: region reads are public), or a
// caller whose key has at least this role.
enum class Access
{
    Public,
    Viewer,
    Analyst,
    Owner,
    Operator,
    Admin
};

// The least role a caller's key needs for `access` (none: public).
std::optional<Role> roleOf(Access access);

// What a handler sees of one request: a copy, so a handler may answer later.
struct ApiRequest
{
    Method method = Method::Get;
    QString path; // as sent: percent-encoded, so "%2F" inside a segment stays data
    QUrlQuery query;
    QByteArray body;
    QHash<QString, QString> params;        // {name} captures of the route pattern
    QHash<QByteArray, QByteArray> headers; // lower-case names
    std::optional<ApiKey> key;
    QString client; // who the rate limit counts against

    [[nodiscard]] QByteArray header(const QByteArray &lowerCaseName) const;
    [[nodiscard]] QString param(const QString &name) const { return params.value(name); }
};

using Reply = std::function<void(const HttpResponse &)>;
using Handler = std::function<void(const ApiRequest &, const Reply &)>;

// A route with what the OpenAPI document says of it.
struct Route
{
    Method method = Method::Get;
    QString pattern; // "/api/v1/regions/{code}/health"
    Access access = Access::Public;
    Handler handler;
    QString summary;
    QString tag;
    QList<int> statuses;                                // documented response codes besides 200
    QJsonObject requestSchema;                          // for bodies
    QList<std::pair<QString, QString>> queryParameters; // name, description
    qint64 maxBodyBytes = 0;                            // 0: the dispatcher's limit
};

// Matches paths against route patterns; {name} captures one segment. The
// path is split on '/' while still percent-encoded and each segment decoded
// afterwards, so an encoded "/" is part of a segment, never a separator.
class Router
{
public:
    void add(Route route);

    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
        QList<Method> allowed; // the path exists with these methods
    };
    [[nodiscard]] Match match(Method method, const QString &path) const;
    [[nodiscard]] const QList<Route> &routes() const { return m_routes; }
    // The largest maxBodyBytes any route asks for (0 if none does).
    [[nodiscard]] qint64 largestBodyBytes() const { return m_largestBody; }

private:
    QList<Route> m_routes;
    QList<QStringList> m_segments;
    qint64 m_largestBody = 0;
};

QString methodName(Method method);

// A route handler that calls `method` on `object` (a route class).
template <typename T>
Handler bindRoute(T *object, void (T::*method)(const ApiRequest &, const Reply &))
{
    return [object, method](const ApiRequest &request, const Reply &reply) {
        (object->*method)(request, reply);
    };
}

} // namespace waddle::cp
