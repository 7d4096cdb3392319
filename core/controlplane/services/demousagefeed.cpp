#include "demousagefeed.h"

#include "analyticsservice.h"
#include "clock.h"
#include "controlplane/demofleetcontrol.h"
#include "controlplane/store/waddlerepository.h"
#include "regionservice.h"
#include "timer.h"

#include <QtGlobal>

#include <limits>

namespace waddle::cp {

using namespace waddle::domain;

namespace {
// A waddle has at most 500 demo members; a latency needs only one of them.
constexpr qint64 kMembersRead = 1000;
} // namespace

DemoUsageFeed::DemoUsageFeed(DemoFleetControl &demo, const RegionService &regions,
                             const WaddleRepository &waddles, AnalyticsService &analytics,
                             Clock &clock)
    : m_demo(demo)
    , m_regions(regions)
    , m_waddles(waddles)
    , m_analytics(analytics)
    , m_clock(clock)
{}

DemoUsageFeed::~DemoUsageFeed()
{
    stop();
}

void DemoUsageFeed::start(const QDateTime &since, int intervalMs)
{
    m_since = since.isValid() ? since : m_clock.now();
    m_timer = m_clock.createTimer([this] {
        if (const auto added = runOnce(); !added)
            qWarning("demo usage: %s", qPrintable(added.error().message));
    });
    m_timer->start(intervalMs);
    // The first round at once: the real-time cards have the time since the
    // history's end from the first look, not zeros for an interval.
    if (const auto added = runOnce(); !added)
        qWarning("demo usage: %s", qPrintable(added.error().message));
}

void DemoUsageFeed::stop()
{
    if (m_timer)
        m_timer->stop();
    m_timer.reset();
}

StoreResult<qsizetype> DemoUsageFeed::runOnce()
{
    const QDateTime now = m_clock.now();
    if (!m_since.isValid())
        m_since = now;
    if (!(m_since < now))
        return qsizetype(0);
    const auto waddles = m_waddles.waddles(0, std::numeric_limits<qint64>::max());
    if (!waddles)
        return waddles.error();
    const auto members = [this](const QString &waddleId) {
        auto read = m_waddles.members(waddleId, 0, kMembersRead);
        return read ? read.value() : QList<Member>();
    };
    const DemoUsage usage =
        m_demo.liveUsage(m_regions.regions(), waddles.value(), members, m_since, now);
    if (auto stored = m_analytics.ingest(usage.events); !stored)
        return stored.error();
    if (auto stored = m_analytics.ingestMetricPoints(usage.metrics); !stored)
        return stored.error();
    // Only a stored round moves on: a failed one is tried again whole.
    m_since = now;
    return usage.events.size();
}

} // namespace waddle::cp
