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

using WaddlePage = Page<domain::Waddle>;
using MemberPage = Page<domain::Member>;

} // namespace waddle::client
