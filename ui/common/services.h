#pragma once

#include <QUrl>

namespace waddle::client {
class ApiClient;
class Cache;
class JobsModel;
class LatencyProber;
class LatencyResultsModel;
class LiveEvents;
class RegionsModel;
class Session;
} // namespace waddle::client

namespace waddle::ui {

// What every screen shares, made once by the main window (or a test) and
// handed to each panel: the API client, the connection state, the cache,
// the live event stream, the prober and the app-wide models. Panels keep
// references; the owner outlives them.
struct Services
{
    client::ApiClient *api = nullptr;
    client::Session *session = nullptr;
    client::Cache *cache = nullptr; // may be null (no cache folder)
    client::LiveEvents *events = nullptr;
    client::LatencyProber *prober = nullptr;
    client::RegionsModel *regions = nullptr;        // every region, live health
    client::LatencyResultsModel *latency = nullptr; // the last latency test, live
    client::JobsModel *jobs = nullptr;              // failovers and migrations, live
    bool demo = false;                              // the embedded demo fleet
};

} // namespace waddle::ui
