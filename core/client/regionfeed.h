#pragma once

#include "apierror.h"
#include "domain/analytics/alert.h"
#include "domain/health.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace waddle::client {

class ApiClient;
class Cache;
class LiveEvents;
class RegionsModel;
class Session;

// The regions' flow for every screen that shows them (the map, the details
// beside it, the waddle settings): the session's server's regions and their
// health into one RegionsModel — first the cache's last known state (an
// offline start still shows something, SPEC §13), then GET /regions and
// /regions/health, then the live event stream, polling /regions/health
// while the stream is down. It saves what it loads to the cache and tells
// the Session how each call went. Screens bind to the model and to these
// signals; none of them calls the API for regions.
class RegionFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionFeed)

public:
    // Every reference outlives the feed; `cache` may be null (no cache).
    RegionFeed(ApiClient &api, Session &session, LiveEvents &events, RegionsModel &model,
               Cache *cache, QObject *parent = nullptr);
    ~RegionFeed() override;

    // Follows the session's server and key from now on: the cached state of
    // that server, the live stream, and a fresh load. Again for each server.
    void start();
    // GET /regions, then /regions/health (File › Refresh).
    void refresh();
    // GET /regions/health.
    void pollHealth();
    // GET /regions/{code}/health with `historyLimit` checks: detailLoaded()
    // unless another region was asked for meanwhile.
    void loadDetail(const QString &code, int historyLimit = kDetailHistory);

    [[nodiscard]] RegionsModel &model() const { return m_model; }

    static constexpr int kDetailHistory = 120;

Q_SIGNALS:
    // GET /regions answered; the model holds them.
    void regionsLoaded(int count);
    // A region's health changed (a live event, a status change or a poll);
    // the model has it already.
    void healthChanged(const waddle::domain::RegionHealth &health);
    void alertRaised(const QString &region, waddle::domain::Severity severity, const QString &title,
                     const QString &description);
    void detailLoaded(const QString &code, const waddle::domain::RegionHealth &latest,
                      const QList<waddle::domain::RegionHealth> &history);
    // A call failed (the Session knows already); for a passing message.
    void failed(const waddle::client::ApiError &error);

private:
    void restoreFromCache(const QUrl &server);
    QCoro::Task<> loadRegions();
    QCoro::Task<> loadHealth();
    QCoro::Task<> fetchDetail(QString code, int historyLimit);
    void applyHealth(const domain::RegionHealth &health);
    void onStatus(const QString &code, domain::RegionStatus to, const domain::RegionHealth &health);
    void onRegionUpdated(const domain::Region &region);
    void noteFailure(const ApiError &error);

    ApiClient &m_api;
    Session &m_session;
    LiveEvents &m_events;
    RegionsModel &m_model;
    Cache *m_cache = nullptr;
    QString m_detailCode; // the region whose detail was asked for last
};

} // namespace waddle::client
