#pragma once

#include "domain/jsonreader.h"
#include "domain/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace waddle::domain {

// The envelope of the unpaged lists (GET /regions, /regions/health,
// /alerts): {"<key>": [...], "count": n}. Written once for server and client.
template <typename T, typename Encode>
QJsonObject countedListToJson(QLatin1String key, const QList<T> &items, Encode encode)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(encode(item));
    return QJsonObject{{QString(key), array}, {QStringLiteral("count"), array.size()}};
}

// The items of such a list; `key` is required, "count" is not read (the
// items say it).
template <typename T, typename Decode>
Result<QList<T>> countedListFromJson(const QJsonValue &json, QLatin1String key, Decode decode,
                                     const QString &path = {})
{
    JsonReader r(json, path);
    if (!r.has(key))
        r.failField(key, QStringLiteral("is required"));
    QList<T> items = r.template list<T>(key, decode);
    return r.finish(std::move(items));
}

} // namespace waddle::domain
