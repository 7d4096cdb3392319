#include "healthservice.h"

#include "controlplane/store/statements.h"
#include "eventhub.h"
#include "regionservice.h"

#include <QLoggingCategory>

namespace waddle::cp {

using namespace waddle::domain;

Q_LOGGING_CATEGORY(lcHealth, "waddle.cp.health")

namespace {

HealthMonitor::Settings monitorSettings(const HealthService::Settings &settings)
{
    HealthMonitor::Settings out;
    out.intervalMs = settings.intervalMs;
    return out;
}

// Keeping the service running matters more than one lost write: the next
// check or status change writes again, so a failure is logged, not fatal.
void warnIfFailed(const StoreResult<void> &result, const char *what)
{
    if (!result)
        qCWarning(lcHealth, "%s: %s", what, qPrintable(result.error().message));
}

} // namespace

HealthService::HealthService(const Database &database, RegionService &regions, EventHub &events,
                             HealthProbe &probe, Settings settings, Clock &clock, QObject *parent)
    : QObject(parent)
    , m_history(database)
    , m_alerts(database)
    , m_regions(regions)
    , m_events(events)
    , m_settings(settings)
    , m_clock(clock)
    , m_monitor(probe, monitorSettings(settings), clock)
    , m_flushTimer(clock.createTimer([this] { flush(); }))
{
    connect(&m_monitor, &HealthMonitor::checked, this, &HealthService::onChecked);
    connect(&m_monitor, &HealthMonitor::statusChanged, this, &HealthService::onStatusChanged);
}

HealthService::~HealthService()
{
    stop();
}

void HealthService::start()
{
    m_running = true;
    m_monitor.setRegions(m_regions.regions());
    m_monitor.start();
    m_flushTimer->start(m_settings.flushIntervalMs);
}

void HealthService::stop()
{
    m_running = false;
    m_flushTimer->stop();
    flush();
    m_monitor.stop();
}

std::optional<RegionHealth> HealthService::latest(const QString &code) const
{
    return m_monitor.latest(code);
}

StoreResult<QList<RegionHealth>> HealthService::history(const QString &code, int limit) const
{
    return m_history.healthHistory(code, QDateTime::fromMSecsSinceEpoch(0, Qt::UTC), limit);
}

bool HealthService::checkNow(const QString &code, std::function<void(const RegionHealth &)> done)
{
    if (m_running)
        return m_monitor.checkNow(code, std::move(done));
    // Not leading (issue 16): the monitor watches nothing here; a look,
    // the status as the leader stored it. (It used to answer never.)
    const Region *region = m_regions.region(code);
    if (!region)
        return false;
    m_monitor.look(*region, std::move(done));
    return true;
}

StoreResult<void> HealthService::setMaintenance(const QString &code, bool on)
{
    if (StoreResult<void> saved = m_regions.setMaintenance(code, on); !saved)
        return saved;
    // An unknown code was refused by the store already.
    if (!m_monitor.setMaintenance(code, on))
        qCWarning(lcHealth) << "maintenance of a region the monitor does not watch:" << code;
    return {};
}

StoreResult<QList<RegionAlert>> HealthService::alerts(int limit) const
{
    return m_alerts.alerts(limit);
}

StoreResult<std::optional<double>> HealthService::availability(std::chrono::hours window) const
{
    return m_history.availabilitySince(
        m_clock.now().addSecs(-std::chrono::duration_cast<std::chrono::seconds>(window).count()));
}

StoreResult<RegionAlert> HealthService::acknowledgeAlert(const QString &id)
{
    if (auto done = m_alerts.acknowledgeAlert(id, m_clock.now()); !done)
        return done.error();
    auto alert = m_alerts.alert(id);
    if (alert) {
        m_events.publish(QStringLiteral("alert.acknowledged"),
                         {{QStringLiteral("alert"), toJson(alert.value())}});
    }
    return alert;
}

void HealthService::onChecked(const RegionHealth &health)
{
    m_regions.applyCheck(health);
    m_unsaved.append(health);
    m_events.publish(QStringLiteral("region.health"), {{QStringLiteral("health"), toJson(health)}});
}

void HealthService::onStatusChanged(const QString &code, RegionStatus from, RegionStatus to,
                                    const RegionHealth &health)
{
    warnIfFailed(m_regions.applyStatus(code, from, to), "region status not saved");
    m_events.publish(QStringLiteral("region.status"), {{QStringLiteral("region"), code},
                                                       {QStringLiteral("from"), toString(from)},
                                                       {QStringLiteral("to"), toString(to)},
                                                       {QStringLiteral("health"), toJson(health)}});
    if (const std::optional<StatusChangeAlert> alert = statusChangeAlert(code, from, to)) {
        RegionAlert record;
        record.id = store::newId(); // the event names it, so clients can acknowledge it
        record.regionCode = code;
        record.severity = alert->severity;
        record.title = alert->title;
        record.description = alert->description;
        record.from = from;
        record.to = to;
        record.createdAt = m_clock.now();
        warnIfFailed(m_alerts.recordAlert(record), "region alert not saved");
        m_events.publish(QStringLiteral("alert"),
                         {{QStringLiteral("id"), record.id},
                          {QStringLiteral("region"), code},
                          {QStringLiteral("severity"), toString(alert->severity)},
                          {QStringLiteral("title"), alert->title},
                          {QStringLiteral("description"), alert->description}});
    }
    Q_EMIT regionStatusChanged(code, from, to);
}

void HealthService::flush()
{
    if (m_unsaved.isEmpty())
        return;
    // If the store refuses, keep trying, but never hold more than an hour of
    // checks.
    if (const StoreResult<void> saved = m_history.recordHealth(m_unsaved); saved) {
        m_unsaved.clear();
    } else {
        qCWarning(lcHealth, "health history not saved: %s", qPrintable(saved.error().message));
        constexpr qsizetype kMaxUnsaved = 720 * 64;
        if (m_unsaved.size() > kMaxUnsaved)
            m_unsaved.remove(0, m_unsaved.size() - kMaxUnsaved);
    }
    static constexpr qint64 kPruneEveryMs = 3600 * 1000;
    const QDateTime now = m_clock.now();
    if (!m_lastPrune.isValid() || m_lastPrune.msecsTo(now) > kPruneEveryMs) {
        const StoreResult<qint64> pruned =
            m_history.pruneHealthBefore(now.addDays(-m_settings.retentionDays));
        if (!pruned)
            qCWarning(lcHealth, "health history not pruned: %s",
                      qPrintable(pruned.error().message));
        m_lastPrune = now;
    }
}

} // namespace waddle::cp
