#include "backgroundretest.h"

#include "probe/latencyprober.h"

namespace waddle::client {

BackgroundRetest::BackgroundRetest(LatencyProber &prober, std::chrono::milliseconds minute,
                                   QObject *parent)
    : QObject(parent)
    , m_prober(prober)
    , m_minute(minute)
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        // Never cuts into a test the user started.
        if (!m_prober.isRunning())
            Q_EMIT retestDue();
    });
    connect(&m_prober, &LatencyProber::finished, this, &BackgroundRetest::takeResults);
}

void BackgroundRetest::setIntervalMinutes(int minutes)
{
    m_minutes = std::max(0, minutes);
    if (m_minutes == 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(m_minute * m_minutes);
}

std::optional<BackgroundRetest::Fastest>
BackgroundRetest::fastest(const QList<LatencyResult> &results)
{
    std::optional<Fastest> best;
    for (const LatencyResult &r : results) {
        if (!r.error.isEmpty() || r.stats.unreachable || r.stats.received == 0)
            continue;
        if (!best || r.stats.medianMs < best->medianMs)
            best = Fastest{r.regionCode, r.stats.medianMs};
    }
    return best;
}

void BackgroundRetest::takeResults(const QList<LatencyResult> &results)
{
    const std::optional<Fastest> now = fastest(results);
    if (!now)
        return; // nothing answered: no news about which is fastest
    const std::optional<Fastest> before = m_fastest;
    m_fastest = now;
    if (before && before->regionCode != now->regionCode)
        Q_EMIT fastestChanged(before->regionCode, before->medianMs, now->regionCode, now->medianMs);
}

} // namespace waddle::client
