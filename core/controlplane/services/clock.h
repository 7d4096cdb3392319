#pragma once

#include "timer.h"

#include <QDateTime>

#include <functional>
#include <memory>

namespace waddle::cp {

// Time as every service and the rate limit see it (ARCHITECTURE.md "Time is
// injectable"): the current UTC time and repeating timers. The control plane
// runs on the system clock; tests inject a manual one and run an hour of
// health checks in milliseconds.
class Clock
{
public:
    virtual ~Clock() = default;

    [[nodiscard]] virtual QDateTime now() const = 0; // UTC
    // A stopped timer that calls `tick` on this thread each interval once
    // started.
    [[nodiscard]] virtual std::unique_ptr<Timer> createTimer(std::function<void()> tick) = 0;

    // The process's system clock (QDateTime and QTimer); lives for ever.
    static Clock &system();
};

} // namespace waddle::cp
