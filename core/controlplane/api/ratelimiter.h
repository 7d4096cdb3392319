#pragma once

#include "controlplane/services/clock.h"

#include <QHash>
#include <QString>

#include <mutex>

namespace waddle::cp {

// Per-client request budget (SPEC §12: default 1,000 requests a minute per
// key): a fixed one-minute window per client, so the answer to "when may I
// try again" is exact. The clock is injected for tests. Thread-safe: the
// transport's I/O threads take from it for the answers they give
// themselves (ApiServer's cached answers) while the Qt thread dispatches.
class RateLimiter
{
public:
    explicit RateLimiter(int perMinute = 1000, const Clock &clock = Clock::system());

    struct Decision
    {
        bool allowed = true;
        int remaining = 0;
        int retryAfterSeconds = 0; // when refused
    };

    Decision take(const QString &client);
    // Whether `client` would be refused now, without spending anything.
    [[nodiscard]] Decision peek(const QString &client) const;
    [[nodiscard]] int perMinute() const { return m_perMinute; }

private:
    struct Window
    {
        qint64 startMs = 0;
        int used = 0;
    };

    // Refused until the window that opened at `windowStartMs` has passed.
    static Decision refusal(qint64 windowStartMs, qint64 nowMs);

    int m_perMinute;
    const Clock &m_clock;
    mutable std::mutex m_mutex; // guards the two below
    QHash<QString, Window> m_windows;
    qint64 m_lastSweepMs = 0;
};

} // namespace waddle::cp
