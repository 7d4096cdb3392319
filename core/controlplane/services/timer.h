#pragma once

namespace waddle::cp {

// A repeating timer made by a Clock: once started it calls its tick every
// interval until stopped or destroyed. Services hold theirs through this, so
// a test clock can fire them by hand.
class Timer
{
public:
    virtual ~Timer() = default;
    virtual void start(int intervalMs) = 0;
    virtual void stop() = 0;
    [[nodiscard]] virtual bool isActive() const = 0;
};

} // namespace waddle::cp
