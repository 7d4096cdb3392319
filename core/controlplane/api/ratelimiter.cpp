#include "ratelimiter.h"

#include <algorithm>

namespace waddle::cp {

namespace {
constexpr qint64 kWindowMs = 60'000;
}

RateLimiter::RateLimiter(int perMinute, const Clock &clock)
    : m_perMinute(std::max(1, perMinute))
    , m_clock(clock)
{}

RateLimiter::Decision RateLimiter::take(const QString &client)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    // Forget idle clients now and then so the table cannot grow without end.
    if (now - m_lastSweepMs > kWindowMs) {
        m_windows.removeIf(
            [now](const auto &entry) { return now - entry.value().startMs >= kWindowMs; });
        m_lastSweepMs = now;
    }
    Window &window = m_windows[client];
    if (now - window.startMs >= kWindowMs) {
        window.startMs = now;
        window.used = 0;
    }
    if (window.used >= m_perMinute) {
        const qint64 waitMs = window.startMs + kWindowMs - now;
        return {false, 0, static_cast<int>(std::max<qint64>(1, (waitMs + 999) / 1000))};
    }
    ++window.used;
    return {true, m_perMinute - window.used, 0};
}

} // namespace waddle::cp
