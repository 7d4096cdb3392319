#pragma once

#include "domain/member.h"
#include "domain/waddle.h"

#include <QList>

#include <optional>

namespace waddle::client {

// One page of a paged list (GET /waddles, GET /waddles/{id}/members).
template <typename T>
struct Page
{
    QList<T> items;
    qint64 total = 0;
    qint64 offset = 0;
    qint64 limit = 0;
    std::optional<qint64> nextOffset; // absent on the last page
};

// The page of `all` that starts at `offset`: what a server answers for
// ?offset=&limit= over that list (the cache's offline pages, test fakes).
template <typename T>
Page<T> slicePage(const QList<T> &all, qint64 offset, qint64 limit)
{
    Page<T> page;
    page.items = all.mid(offset, limit);
    page.total = all.size();
    page.offset = offset;
    page.limit = limit;
    if (offset + page.items.size() < page.total)
        page.nextOffset = offset + page.items.size();
    return page;
}

using WaddlePage = Page<domain::Waddle>;
using MemberPage = Page<domain::Member>;

} // namespace waddle::client
