#pragma once

#include "domain/jsonreader.h"
#include "domain/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace waddle::domain {

// One page of a paged list (GET /waddles, GET /waddles/{id}/members) and its
// envelope on the wire: {"<items>": [...], "total", "offset", "limit",
// "next_offset"?}. Written once for server and client.
template <typename T>
struct Page
{
    QList<T> items;
    qint64 total = 0;
    qint64 offset = 0;
    qint64 limit = 0;
    std::optional<qint64> nextOffset; // absent on the last page

    friend bool operator==(const Page &, const Page &) = default;
};

// The page of `items` read at `offset` out of `total`; next_offset follows
// it while items remain.
template <typename T>
Page<T> makePage(QList<T> items, qint64 total, qint64 offset, qint64 limit)
{
    Page<T> page;
    page.items = std::move(items);
    page.total = total;
    page.offset = offset;
    page.limit = limit;
    if (offset + page.items.size() < total)
        page.nextOffset = offset + page.items.size();
    return page;
}

// The page of `all` that starts at `offset`: what a server answers for
// ?offset=&limit= over that list (the client cache's offline pages, fakes).
template <typename T>
Page<T> slicePage(const QList<T> &all, qint64 offset, qint64 limit)
{
    return makePage(all.mid(offset, limit), all.size(), offset, limit);
}

template <typename T, typename Encode>
QJsonObject pageToJson(QLatin1String itemsKey, const Page<T> &page, Encode encode)
{
    QJsonArray array;
    for (const T &item : page.items)
        array.append(encode(item));
    QJsonObject json{{QString(itemsKey), array},
                     {QStringLiteral("total"), page.total},
                     {QStringLiteral("offset"), page.offset},
                     {QStringLiteral("limit"), page.limit}};
    if (page.nextOffset)
        json.insert(QStringLiteral("next_offset"), *page.nextOffset);
    return json;
}

// `itemsKey` and total are required; a missing limit is the page's size.
template <typename T, typename Decode>
Result<Page<T>> pageFromJson(const QJsonValue &json, QLatin1String itemsKey, Decode decode,
                             const QString &path = {})
{
    JsonReader r(json, path);
    Page<T> page;
    if (!r.has(itemsKey))
        r.failField(itemsKey, QStringLiteral("is required"));
    page.items = r.template list<T>(itemsKey, decode);
    page.total = r.integer(QLatin1String("total"), 0);
    page.offset = r.optionalInteger(QLatin1String("offset"), 0).value_or(0);
    page.limit = r.optionalInteger(QLatin1String("limit"), 0).value_or(page.items.size());
    page.nextOffset = r.optionalInteger(QLatin1String("next_offset"), 0);
    return r.finish(page);
}

} // namespace waddle::domain
