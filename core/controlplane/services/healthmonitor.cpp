#include "healthmonitor.h"

#include <QPointer>

namespace waddle::cp {

using namespace waddle::domain;

HealthMonitor::HealthMonitor(HealthProbe &probe, Settings settings, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_probe(probe)
    , m_settings(settings)
    , m_clock(clock)
    , m_timer(clock.createTimer([this] { runRound(); }))
{}

void HealthMonitor::setRegions(const QList<Region> &regions)
{
    m_regions = regions;
    for (const Region &region : regions) {
        if (!m_trackers.contains(region.code))
            m_trackers.insert(region.code, HealthTracker(region.status, m_settings.thresholds));
    }
}

void HealthMonitor::start()
{
    runRound();
    m_timer->start(m_settings.intervalMs);
}

void HealthMonitor::stop()
{
    m_timer->stop();
}

void HealthMonitor::runRound()
{
    if (m_pending > 0 || m_regions.isEmpty())
        return;
    m_pending = static_cast<int>(m_regions.size());
    const QList<Region> regions = m_regions;
    for (const Region &region : regions)
        check(region, true);
}

bool HealthMonitor::checkNow(const QString &code, std::function<void(const RegionHealth &)> done)
{
    const Region *region = findRegion(m_regions, code);
    if (!region)
        return false;
    check(*region, false, std::move(done));
    return true;
}

void HealthMonitor::check(const Region &region, bool partOfRound,
                          std::function<void(const RegionHealth &)> done)
{
    const QPointer<HealthMonitor> self(this);
    m_probe.probe(region, [self, code = region.code, partOfRound,
                           done = std::move(done)](const ProbeOutcome &outcome) {
        if (!self)
            return;
        const RegionHealth health = self->apply(code, outcome);
        if (done)
            done(health);
        if (partOfRound && --self->m_pending == 0)
            Q_EMIT self->roundFinished();
    });
}

void HealthMonitor::look(const Region &region, std::function<void(const RegionHealth &)> done)
{
    const QPointer<HealthMonitor> self(this);
    m_probe.probe(region, [self, code = region.code, status = region.status,
                           done = std::move(done)](const ProbeOutcome &outcome) {
        if (!self)
            return;
        RegionHealth health = self->healthOf(code, outcome);
        health.status = status;
        if (done)
            done(health);
    });
}

RegionHealth HealthMonitor::healthOf(const QString &code, const ProbeOutcome &outcome) const
{
    RegionHealth health;
    health.code = code;
    health.reading = readingFrom(outcome);
    health.score = healthScore(health.reading);
    health.checkedAt = m_clock.now();
    health.message = outcome.error;
    return health;
}

RegionHealth HealthMonitor::apply(const QString &code, const ProbeOutcome &outcome)
{
    auto tracker = m_trackers.find(code);
    if (tracker == m_trackers.end())
        return {};
    RegionHealth health = healthOf(code, outcome);
    const HealthTracker::Transition transition = tracker->apply(health.reading);
    health.status = transition.to;
    health.consecutiveFailures = tracker->consecutiveFailures();
    m_latest.insert(code, health);
    Q_EMIT checked(health);
    if (transition.changed())
        Q_EMIT statusChanged(code, transition.from, transition.to, health);
    return health;
}

bool HealthMonitor::setMaintenance(const QString &code, bool on)
{
    auto tracker = m_trackers.find(code);
    if (tracker == m_trackers.end())
        return false;
    const HealthTracker::Transition transition = tracker->setMaintenance(on);
    if (transition.changed()) {
        RegionHealth health = m_latest.value(code);
        health.code = code;
        health.status = transition.to;
        health.checkedAt = m_clock.now();
        m_latest.insert(code, health);
        Q_EMIT statusChanged(code, transition.from, transition.to, health);
    }
    return true;
}

std::optional<RegionHealth> HealthMonitor::latest(const QString &code) const
{
    const auto it = m_latest.constFind(code);
    if (it == m_latest.constEnd())
        return std::nullopt;
    return *it;
}

RegionStatus HealthMonitor::status(const QString &code) const
{
    const auto it = m_trackers.constFind(code);
    return it == m_trackers.constEnd() ? RegionStatus::Offline : it->status();
}

} // namespace waddle::cp
