#include "manualclock.h"

#include <limits>

namespace waddle::test {

class ManualClock::ManualTimer final : public cp::Timer
{
public:
    ManualTimer(ManualClock &clock, std::function<void()> tick)
        : m_clock(&clock)
        , m_tick(std::move(tick))
    {
        m_clock->m_timers.append(this);
    }
    ~ManualTimer() override
    {
        if (m_clock)
            m_clock->m_timers.removeOne(this);
    }
    ManualTimer(const ManualTimer &) = delete;
    ManualTimer &operator=(const ManualTimer &) = delete;

    void start(int intervalMs) override
    {
        m_intervalMs = std::max(1, intervalMs);
        m_dueMs = m_clock->m_now.toMSecsSinceEpoch() + m_intervalMs;
        m_active = true;
    }
    void stop() override { m_active = false; }
    [[nodiscard]] bool isActive() const override { return m_active; }

    ManualClock *m_clock;
    std::function<void()> m_tick;
    qint64 m_intervalMs = 0;
    qint64 m_dueMs = 0;
    bool m_active = false;
};

ManualClock::ManualClock(QDateTime start)
    : m_now(std::move(start))
{}

ManualClock::~ManualClock()
{
    for (ManualTimer *timer : std::as_const(m_timers))
        timer->m_clock = nullptr;
}

std::unique_ptr<cp::Timer> ManualClock::createTimer(std::function<void()> tick)
{
    return std::make_unique<ManualTimer>(*this, std::move(tick));
}

void ManualClock::advance(qint64 ms)
{
    const qint64 end = m_now.toMSecsSinceEpoch() + ms;
    for (;;) {
        ManualTimer *next = nullptr;
        for (ManualTimer *timer : std::as_const(m_timers)) {
            if (timer->m_active && timer->m_dueMs <= end &&
                (!next || timer->m_dueMs < next->m_dueMs))
                next = timer;
        }
        if (!next)
            break;
        m_now = QDateTime::fromMSecsSinceEpoch(next->m_dueMs, Qt::UTC);
        next->m_dueMs += next->m_intervalMs;
        next->m_tick();
    }
    m_now = QDateTime::fromMSecsSinceEpoch(end, Qt::UTC);
}

} // namespace waddle::test
