#include "controlplane.h"

#include "adminkeyfile.h"
#include "api/alertroutes.h"
#include "api/apiserver.h"
#include "api/demoroutes.h"
#include "api/dispatcher.h"
#include "api/eventstreamendpoint.h"
#include "api/openapi.h"
#include "api/regionroutes.h"
#include "api/waddleroutes.h"
#include "demofleetcontrol.h"
#include "domain/catalogue.h"
#include "services/eventhub.h"
#include "services/healthprobe.h"
#include "services/healthservice.h"
#include "services/regionservice.h"
#include "store/apikeyrepository.h"
#include "store/database.h"
#include "store/usagerepository.h"
#include "store/waddlerepository.h"

#include <QDir>
#include <QFile>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

Error failure(const QString &what, const QString &why)
{
    return Error{{}, QStringLiteral("%1: %2").arg(what, why)};
}

} // namespace

ControlPlane::ControlPlane(ControlPlaneOptions options, DemoFleetControl *demo, Clock &clock,
                           QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_demo(demo)
    , m_clock(clock)
{}

ControlPlane::~ControlPlane()
{
    stop();
}

Result<void> ControlPlane::start()
{
    if (m_options.dataDir.isEmpty())
        return failure(QStringLiteral("data directory"), QStringLiteral("none given"));
    if (!QDir().mkpath(m_options.dataDir))
        return failure(m_options.dataDir, QStringLiteral("cannot create the data directory"));

    StoreResult<std::unique_ptr<Database>> database =
        Database::open(QDir(m_options.dataDir).filePath(QStringLiteral("waddle.db")));
    if (!database)
        return failure(QStringLiteral("store"), database.error().message);
    m_database = std::move(database).value();
    m_events = std::make_unique<EventHub>(m_clock);
    m_regions = std::make_unique<RegionService>(*m_database);
    m_waddles = std::make_unique<WaddleRepository>(*m_database);
    m_apiKeys = std::make_unique<ApiKeyRepository>(*m_database);
    m_adminKeyFile = std::make_unique<AdminKeyFile>(
        *m_apiKeys, QDir(m_options.dataDir).filePath(QStringLiteral("admin.key")),
        m_options.adminKey);

    for (auto step : {&ControlPlane::loadRegions, &ControlPlane::ensureAdminKey,
                      &ControlPlane::seedDemoData, &ControlPlane::listen}) {
        if (Result<void> done = (this->*step)(); !done) {
            stop();
            return done;
        }
    }
    m_health->start();
    return {};
}

void ControlPlane::stop()
{
    if (m_health)
        m_health->stop();
    if (m_events)
        m_events->closeAll();
    m_server.reset();
    m_eventStream.reset();
    m_waddleRoutes.reset();
    m_demoRoutes.reset();
    m_alertRoutes.reset();
    m_regionRoutes.reset();
    m_dispatcher.reset();
    m_health.reset();
    m_probe.reset();
    if (m_demo)
        m_demo->stop();
    m_adminKeyFile.reset();
    m_apiKeys.reset();
    m_waddles.reset();
    m_regions.reset();
    m_events.reset();
    m_database.reset();
}

quint16 ControlPlane::port() const
{
    return m_server ? m_server->port() : 0;
}

QUrl ControlPlane::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress host =
        m_options.address == QHostAddress::Any || m_options.address == QHostAddress::AnyIPv4
            ? QHostAddress(QHostAddress::LocalHost)
            : m_options.address;
    url.setHost(host.toString());
    url.setPort(port());
    return url;
}

QString ControlPlane::adminKey() const
{
    return m_adminKeyFile ? m_adminKeyFile->secret() : QString();
}

QString ControlPlane::adminKeyPath() const
{
    return QDir(m_options.dataDir).filePath(QStringLiteral("admin.key"));
}

bool ControlPlane::adminKeyCreated() const
{
    return m_adminKeyFile && m_adminKeyFile->created();
}

const QList<Region> &ControlPlane::regions() const
{
    static const QList<Region> none;
    return m_regions ? m_regions->regions() : none;
}

Result<void> ControlPlane::loadRegions()
{
    QList<Region> catalogue;
    if (m_options.cataloguePath.isEmpty()) {
        catalogue = defaultCatalogue();
    } else {
        QFile file(m_options.cataloguePath);
        if (!file.open(QIODevice::ReadOnly))
            return failure(m_options.cataloguePath, file.errorString());
        Result<QList<Region>> parsed = parseCatalogue(file.readAll());
        if (!parsed)
            return failure(m_options.cataloguePath, parsed.error().message);
        catalogue = std::move(parsed).value();
    }
    if (m_demo) {
        Result<QList<Region>> served = m_demo->start(catalogue);
        if (!served)
            return failure(QStringLiteral("demo fleet"), served.error().message);
        catalogue = std::move(served).value();
    }
    if (StoreResult<void> loaded = m_regions->load(catalogue); !loaded)
        return failure(QStringLiteral("store"), loaded.error().message);
    return {};
}

Result<void> ControlPlane::ensureAdminKey()
{
    return m_adminKeyFile->ensure();
}

Result<void> ControlPlane::seedDemoData()
{
    if (!m_demo)
        return {};
    StoreResult<bool> empty = m_waddles->isEmpty();
    if (!empty)
        return failure(QStringLiteral("store"), empty.error().message);
    if (!empty.value())
        return {};
    const DemoSeed seed = m_demo->demoData(m_regions->regions(), m_clock.now());
    if (StoreResult<void> ok = m_waddles->insertWaddles(seed.waddles, seed.members); !ok)
        return failure(QStringLiteral("demo data"), ok.error().message);
    UsageRepository usage(*m_database);
    if (StoreResult<void> ok = usage.insertUsageEvents(seed.usage); !ok)
        return failure(QStringLiteral("demo usage"), ok.error().message);
    return {};
}

Result<void> ControlPlane::listen()
{
    m_probe = std::make_unique<HttpHealthProbe>(m_options.healthTimeoutMs);
    HealthService::Settings health;
    health.intervalMs = m_options.healthIntervalMs;
    health.retentionDays = m_options.healthRetentionDays;
    m_health = std::make_unique<HealthService>(*m_database, *m_regions, *m_events, *m_probe, health,
                                               m_clock);
    connect(m_health.get(), &HealthService::regionStatusChanged, this,
            &ControlPlane::regionStatusChanged);

    const Dispatcher::KeyLookup keys = [this](const QString &secret) -> std::optional<ApiKey> {
        StoreResult<ApiKey> key = m_apiKeys->findApiKey(secret);
        return key ? std::optional<ApiKey>(key.value()) : std::nullopt;
    };
    Dispatcher::Limits limits;
    limits.maxBodyBytes = m_options.maxBodyBytes;
    limits.requestsPerMinute = m_options.requestsPerMinute;
    m_dispatcher = std::make_unique<Dispatcher>(keys, limits, m_clock);
    m_server = std::make_unique<ApiServer>(*m_dispatcher);
    m_eventStream = std::make_unique<EventStreamEndpoint>(*m_server, keys, *m_events);

    // The OpenAPI document lists the routes in this order.
    Router &router = m_dispatcher->router();
    m_regionRoutes = std::make_unique<RegionRoutes>(*m_regions, *m_health);
    m_regionRoutes->registerOn(router);
    m_alertRoutes = std::make_unique<AlertRoutes>(*m_health);
    m_alertRoutes->registerOn(router);
    if (m_demo) {
        m_demoRoutes = std::make_unique<DemoRoutes>(*m_regions, *m_demo);
        m_demoRoutes->registerOn(router);
    }
    m_waddleRoutes = std::make_unique<WaddleRoutes>(*m_waddles, *m_regions, *m_events);
    m_waddleRoutes->registerOn(router);
    addOpenApiRoute(router);

    if (m_server->start(m_options.address, m_options.port) == 0) {
        const QString where =
            QStringLiteral("%1:%2").arg(m_options.address.toString()).arg(m_options.port);
        return failure(where, QStringLiteral("cannot listen (in use, or not an address here)"));
    }
    return {};
}

} // namespace waddle::cp
