#pragma once

#include "controlplane/services/clock.h"

#include <QHash>
#include <QString>

namespace waddle::cp {

// Per-client request budget (SPEC §12: default 1,000 requests a minute per
// key): a fixed one-minute window per client, so the answer to "when may I
// try again" is exact. The clock is injected for tests.
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
    [[nodiscard]] int perMinute() const { return m_perMinute; }

private:
    struct Window
    {
        qint64 startMs = 0;
        int used = 0;
    };

    int m_perMinute;
    const Clock &m_clock;
    QHash<QString, Window> m_windows;
    qint64 m_lastSweepMs = 0;
};

} // namespace waddle::cp
