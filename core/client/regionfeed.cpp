#include "regionfeed.h"

#include "apiclient.h"
#include "cache.h"
#include "liveevents.h"
#include "regionsmodel.h"
#include "session.h"

#include <QPointer>

namespace waddle::client {

using domain::Region;
using domain::RegionHealth;

RegionFeed::RegionFeed(ApiClient &api, Session &session, LiveEvents &events, RegionsModel &model,
                       Cache *cache, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_session(session)
    , m_events(events)
    , m_model(model)
    , m_cache(cache)
{
    connect(&m_events, &LiveEvents::regionHealth, this, [this](const RegionHealth &health) {
        applyHealth(health);
        m_session.markSuccess(QDateTime::currentDateTimeUtc());
    });
    connect(&m_events, &LiveEvents::regionStatus, this,
            [this](const QString &code, domain::RegionStatus, domain::RegionStatus to,
                   const RegionHealth &health) { onStatus(code, to, health); });
    connect(&m_events, &LiveEvents::regionUpdated, this, &RegionFeed::onRegionUpdated);
    connect(&m_events, &LiveEvents::alertRaised, this, &RegionFeed::alertRaised);
    connect(&m_events, &LiveEvents::pollDue, this, &RegionFeed::pollHealth);
    // The stream dropped: ask at once rather than at the next poll, so a
    // server that died shows as such within seconds (issue 10), not after
    // a whole poll interval of looking live.
    connect(&m_events, &LiveEvents::disconnected, this, [this] {
        if (m_session.server().isValid())
            pollHealth();
    });
}

RegionFeed::~RegionFeed() = default;

void RegionFeed::start()
{
    const QUrl server = m_session.server();
    if (!server.isValid())
        return;
    // Last known state first, so an offline start still shows something.
    restoreFromCache(server);
    m_events.stop();
    m_events.start(server, m_session.apiKey());
    refresh();
}

void RegionFeed::restoreFromCache(const QUrl &server)
{
    if (!m_cache)
        return;
    const auto cached = m_cache->regions(server);
    if (!cached)
        return;
    m_model.setRegions(cached->value);
    for (const RegionHealth &health : m_cache->latestHealth(server))
        m_model.applyHealth(health);
    m_session.restoreLastUpdate(cached->savedAt);
}

void RegionFeed::refresh()
{
    if (m_session.server().isValid())
        loadRegions();
}

void RegionFeed::pollHealth()
{
    loadHealth();
}

void RegionFeed::loadDetail(const QString &code, int historyLimit)
{
    m_detailCode = code;
    if (!code.isEmpty())
        fetchDetail(code, historyLimit);
}

QCoro::Task<> RegionFeed::loadRegions()
{
    const QPointer<RegionFeed> self(this);
    const QUrl server = m_session.server();
    const ApiResult<QList<domain::Region>> regions = co_await m_api.regions();
    if (!self || m_session.server() != server)
        co_return;
    if (!regions) {
        noteFailure(regions.error());
        co_return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_session.markSuccess(now);
    m_model.setRegions(regions.value());
    if (m_cache) {
        if (const domain::Result<void> saved = m_cache->saveRegions(server, regions.value(), now);
            !saved) {
            // The regions are shown; only the next offline start misses them.
            qWarning("cache: regions not saved: %s", qPrintable(saved.error().message));
        }
    }
    Q_EMIT regionsLoaded(static_cast<int>(regions->size()));
    loadHealth();
}

QCoro::Task<> RegionFeed::loadHealth()
{
    const QPointer<RegionFeed> self(this);
    const QUrl server = m_session.server();
    const auto health = co_await m_api.regionsHealth();
    if (!self || m_session.server() != server)
        co_return;
    if (!health) {
        noteFailure(health.error());
        co_return;
    }
    m_session.markSuccess(QDateTime::currentDateTimeUtc());
    QList<RegionHealth> checked;
    for (const RegionHealth &h : health.value()) {
        applyHealth(h);
        if (h.checkedAt.isValid())
            checked.append(h);
    }
    if (m_cache && !checked.isEmpty()) {
        if (const domain::Result<void> saved = m_cache->saveHealth(server, checked); !saved) {
            // The model has the checks; only the cached history misses them.
            qWarning("cache: health not saved: %s", qPrintable(saved.error().message));
        }
    }
}

QCoro::Task<> RegionFeed::fetchDetail(QString code, int historyLimit)
{
    const QPointer<RegionFeed> self(this);
    const auto detail = co_await m_api.regionHealth(code, historyLimit);
    if (!self || m_detailCode != code || !detail)
        co_return;
    Q_EMIT detailLoaded(code, detail->latest, detail->history);
}

void RegionFeed::applyHealth(const RegionHealth &health)
{
    m_model.applyHealth(health);
    Q_EMIT healthChanged(health);
}

void RegionFeed::onStatus(const QString &code, domain::RegionStatus to, const RegionHealth &health)
{
    // The event carries the check that changed the status: the model keeps
    // it (the map draws from it), and the status is the event's.
    if (health.code == code)
        m_model.applyHealth(health);
    m_model.applyStatus(code, to);
    Q_EMIT healthChanged(health);
}

void RegionFeed::onRegionUpdated(const Region &region)
{
    // Priority and failover list at once; status and load as the model has
    // them (they follow the health stream), the place where the model had
    // one and the event none.
    QList<Region> regions = m_model.regions();
    for (Region &listed : regions) {
        if (listed.code != region.code)
            continue;
        const Region before = listed;
        listed = region;
        listed.status = before.status;
        listed.capacity = before.capacity;
        if (!region.locationKnown && before.locationKnown) {
            listed.location = before.location;
            listed.locationKnown = true;
        }
        m_model.setRegions(regions);
        return;
    }
}

void RegionFeed::noteFailure(const ApiError &error)
{
    m_session.markFailure(error, QDateTime::currentDateTimeUtc());
    Q_EMIT failed(error);
}

} // namespace waddle::client
