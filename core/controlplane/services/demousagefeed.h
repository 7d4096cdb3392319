#pragma once

#include "controlplane/store/storeerror.h"

#include <QDateTime>

#include <memory>

namespace waddle::cp {

class AnalyticsService;
class Clock;
class DemoFleetControl;
class RegionService;
class Timer;
class WaddleRepository;

// The demo fleet's live usage (SPEC §11, issue 12): every interval, the
// sessions the simulated fleet ran since the last round, for the waddles
// where they are now, go into the store the way POST /api/v1/usage puts
// them (rollups, participant minutes), with the egress, storage and
// bandwidth meters derived from them. So the real-time cards, charts,
// alerts and exports of the demo move as a real platform's would.
class DemoUsageFeed
{
public:
    static constexpr int kDefaultIntervalMs = 30 * 1000;

    DemoUsageFeed(DemoFleetControl &demo, const RegionService &regions,
                  const WaddleRepository &waddles, AnalyticsService &analytics, Clock &clock);
    ~DemoUsageFeed();
    DemoUsageFeed(const DemoUsageFeed &) = delete;
    DemoUsageFeed &operator=(const DemoUsageFeed &) = delete;

    // Runs the first round now, over [since, now), then one every interval.
    void start(const QDateTime &since, int intervalMs = kDefaultIntervalMs);
    void stop();
    // One round now: [since the last round, now). How many sessions it added.
    [[nodiscard]] StoreResult<qsizetype> runOnce();

private:
    DemoFleetControl &m_demo;
    const RegionService &m_regions;
    const WaddleRepository &m_waddles;
    AnalyticsService &m_analytics;
    Clock &m_clock;
    QDateTime m_since;
    std::unique_ptr<Timer> m_timer;
};

} // namespace waddle::cp
