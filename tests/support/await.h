#pragma once

// Runs a coroutine to completion from a test slot (test code only:
// QCoro::waitFor spins an event loop). Shared by every test that calls the
// API client directly.

#include <QCoroTask>

#include <optional>

namespace waddle::test {

// QCoro::waitFor needs a default-constructible result, which ApiResult is
// not, hence the optional.
template <typename T>
T await(QCoro::Task<T> task)
{
    auto wrapped = [](QCoro::Task<T> inner) -> QCoro::Task<std::optional<T>> {
        co_return co_await std::move(inner);
    };
    return *QCoro::waitFor(wrapped(std::move(task)));
}

} // namespace waddle::test
