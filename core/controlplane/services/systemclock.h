#pragma once

#include "clock.h"

namespace waddle::cp {

// The wall clock and QTimer: what the control plane runs on outside tests.
class SystemClock final : public Clock
{
public:
    [[nodiscard]] QDateTime now() const override;
    [[nodiscard]] std::unique_ptr<Timer> createTimer(std::function<void()> tick) override;
};

} // namespace waddle::cp
