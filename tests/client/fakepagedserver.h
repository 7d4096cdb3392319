#pragma once

// A control plane in a box for the paged models' tests: keeps every request
// until the test answers it with the matching slice of `all`.

#include "client/pages.h"

#include <functional>

namespace waddle::client::test {

template <typename T>
struct FakePagedServer
{
    using Done = std::function<void(ApiResult<Page<T>>)>;
    using Fetcher = std::function<void(qint64 offset, qint64 limit, Done done)>;

    struct Request
    {
        qint64 offset = 0;
        qint64 limit = 0;
        Done done;
    };

    QList<T> all;
    QList<Request> pending;

    Fetcher fetcher()
    {
        return [this](qint64 offset, qint64 limit, Done done) {
            pending.append({offset, limit, std::move(done)});
        };
    }

    // Answers the oldest request with its slice of `all`.
    void answer()
    {
        const Request r = pending.takeFirst();
        r.done(slicePage(all, r.offset, r.limit));
    }

    // Answers the oldest request with an error.
    void fail(const ApiError &error)
    {
        const Request r = pending.takeFirst();
        r.done(error);
    }
};

} // namespace waddle::client::test
