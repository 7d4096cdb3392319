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

RateLimiter::Decision RateLimiter::refusal(qint64 windowStartMs, qint64 nowMs)
{
    const qint64 waitMs = windowStartMs + kWindowMs - nowMs;
    return {false, 0, static_cast<int>(std::max<qint64>(1, (waitMs + 999) / 1000))};
}

RateLimiter::Decision RateLimiter::peek(const QString &client) const
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_windows.constFind(client);
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    if (it == m_windows.cend() || now - it->startMs >= kWindowMs)
        return {true, m_perMinute, 0};
    if (it->used >= m_perMinute)
        return refusal(it->startMs, now);
    return {true, m_perMinute - it->used, 0};
}

RateLimiter::Decision RateLimiter::take(const QString &client)
{
    const qint64 now = m_clock.now().toMSecsSinceEpoch();
    const std::lock_guard lock(m_mutex);
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
    if (window.used >= m_perMinute)
        return refusal(window.startMs, now);
    ++window.used;
    return {true, m_perMinute - window.used, 0};
}

} // namespace waddle::cp
