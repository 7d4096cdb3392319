#include "openapi.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace waddle::cp {

namespace {

QJsonObject errorResponse(int status)
{
    return QJsonObject{
        {QStringLiteral("description"), QString::fromLatin1(reasonPhrase(status))},
        {QStringLiteral("content"),
         QJsonObject{
             {QStringLiteral("application/json"),
              QJsonObject{{QStringLiteral("schema"),
                           QJsonObject{{QStringLiteral("$ref"),
                                        QStringLiteral("#/components/schemas/Error")}}}}}}}};
}

QString operationId(const Route &route)
{
    QString id = methodName(route.method).toLower();
    for (const QString &part : route.pattern.split(u'/', Qt::SkipEmptyParts)) {
        if (part == QLatin1String("api") || part == QLatin1String("v1"))
            continue;
        QString word = part;
        word.remove(u'{').remove(u'}').replace(u'-', u'_').replace(u'.', u'_');
        id += u'_' + word;
    }
    return id;
}

} // namespace

QJsonObject openApiDocument(const Router &router)
{
    QJsonObject paths;
    for (const Route &route : router.routes()) {
        QJsonObject operation{{QStringLiteral("summary"), route.summary},
                              {QStringLiteral("operationId"), operationId(route)},
                              {QStringLiteral("tags"), QJsonArray{route.tag}}};
        QJsonArray parameters;
        for (const QString &part : route.pattern.split(u'/', Qt::SkipEmptyParts)) {
            if (part.startsWith(u'{')) {
                parameters.append(
                    QJsonObject{{QStringLiteral("name"), part.mid(1, part.size() - 2)},
                                {QStringLiteral("in"), QStringLiteral("path")},
                                {QStringLiteral("required"), true},
                                {QStringLiteral("schema"),
                                 QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
            }
        }
        for (const auto &[name, description] : route.queryParameters) {
            parameters.append(
                QJsonObject{{QStringLiteral("name"), name},
                            {QStringLiteral("in"), QStringLiteral("query")},
                            {QStringLiteral("description"), description},
                            {QStringLiteral("schema"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")}}}});
        }
        if (!parameters.isEmpty())
            operation.insert(QStringLiteral("parameters"), parameters);
        if (!route.requestSchema.isEmpty()) {
            operation.insert(
                QStringLiteral("requestBody"),
                QJsonObject{
                    {QStringLiteral("required"), true},
                    {QStringLiteral("content"),
                     QJsonObject{{QStringLiteral("application/json"),
                                  QJsonObject{{QStringLiteral("schema"), route.requestSchema}}}}}});
        }
        operation.insert(
            QStringLiteral("security"),
            route.access == Access::Public
                ? QJsonArray{}
                : QJsonArray{QJsonObject{{QStringLiteral("bearerAuth"), QJsonArray{}}}});
        // The least role a key needs (the console's table of actions,
        // domain::requiredRole, is checked against it).
        if (const std::optional<Role> role = roleOf(route.access))
            operation.insert(QStringLiteral("x-required-role"), toString(*role));
        QJsonObject responses{{QStringLiteral("200"),
                               QJsonObject{{QStringLiteral("description"), QStringLiteral("OK")}}}};
        for (int status : route.statuses)
            responses.insert(QString::number(status), errorResponse(status));
        responses.insert(QStringLiteral("429"), errorResponse(429));
        operation.insert(QStringLiteral("responses"), responses);

        QJsonObject item = paths.value(route.pattern).toObject();
        item.insert(methodName(route.method).toLower(), operation);
        paths.insert(route.pattern, item);
    }
    // The event stream is a WebSocket upgrade, outside the router.
    paths.insert(
        QStringLiteral("/api/v1/events"),
        QJsonObject{
            {QStringLiteral("get"),
             QJsonObject{
                 {QStringLiteral("summary"), QStringLiteral("Live events (WebSocket upgrade): "
                                                            "region.health, region.status, alert, "
                                                            "waddle.region")},
                 {QStringLiteral("operationId"), QStringLiteral("get_events")},
                 {QStringLiteral("tags"), QJsonArray{QStringLiteral("events")}},
                 {QStringLiteral("responses"),
                  QJsonObject{{QStringLiteral("101"),
                               QJsonObject{{QStringLiteral("description"),
                                            QStringLiteral("Switching Protocols")}}}}}}}});
    const QJsonObject errorSchema{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("error")}},
        {QStringLiteral("properties"),
         QJsonObject{
             {QStringLiteral("error"),
              QJsonObject{
                  {QStringLiteral("type"), QStringLiteral("object")},
                  {QStringLiteral("required"),
                   QJsonArray{QStringLiteral("code"), QStringLiteral("message")}},
                  {QStringLiteral("properties"),
                   QJsonObject{
                       {QStringLiteral("code"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                       {QStringLiteral("message"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                       {QStringLiteral("field"),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}}}}}};
    return QJsonObject{
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"),
         QJsonObject{
             {QStringLiteral("title"), QStringLiteral("Waddle Region Console control plane")},
             {QStringLiteral("version"), QStringLiteral(WADDLE_VERSION)}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"),
         QJsonObject{
             {QStringLiteral("securitySchemes"),
              QJsonObject{{QStringLiteral("bearerAuth"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                       {QStringLiteral("scheme"), QStringLiteral("bearer")}}}}},
             {QStringLiteral("schemas"), QJsonObject{{QStringLiteral("Error"), errorSchema}}}}}};
}

void addOpenApiRoute(Router &router)
{
    Router *table = &router;
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/openapi.json"),
                .access = Access::Public,
                .handler =
                    [table](const ApiRequest &, const Reply &reply) {
                        reply(HttpResponse::json(200, openApiDocument(*table)));
                    },
                .summary = QStringLiteral("This document"),
                .tag = QStringLiteral("meta")});
}

} // namespace waddle::cp
