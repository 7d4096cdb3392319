#include "controlplane.h"

#include "adminkeyfile.h"
#include "api/alertroutes.h"
#include "api/analyticsroutes.h"
#include "api/apiserver.h"
#include "api/clusterroutes.h"
#include "api/demoroutes.h"
#include "api/dispatcher.h"
#include "api/failoverroutes.h"
#include "api/keyroutes.h"
#include "api/migrationroutes.h"
#include "api/openapi.h"
#include "api/optimiserroutes.h"
#include "api/regionroutes.h"
#include "api/waddleroutes.h"
#include "demofleetcontrol.h"
#include "domain/catalogue.h"
#include "services/alertdeliveryservice.h"
#include "services/analyticsservice.h"
#include "services/clusterservice.h"
#include "services/demousagefeed.h"
#include "services/eventhub.h"
#include "services/exportservice.h"
#include "services/failoverservice.h"
#include "services/healthprobe.h"
#include "services/healthservice.h"
#include "services/httpvoiceservice.h"
#include "services/migrationservice.h"
#include "services/optimiserservice.h"
#include "services/regionservice.h"
#include "sql/opendatabase.h"
#include "store/apikeyrepository.h"
#include "store/database.h"
#include "store/usagerepository.h"
#include "store/waddlerepository.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

Error failure(const QString &what, const QString &why)
{
    return Error{{}, QStringLiteral("%1: %2").arg(what, why)};
}

// "cannot write to PATH: permission denied" (or the system's reason) when
// this process may not write there: said before SQLite is asked, which
// would call a good store in a read-only folder "not a Waddle store".
Result<void> writable(const QString &path)
{
    if (::access(QFile::encodeName(path).constData(), W_OK) == 0)
        return {};
    const int error = errno;
    const QString why = error == EACCES ? QStringLiteral("permission denied")
                                        : QString::fromLocal8Bit(std::strerror(error)).toLower();
    return failure(QStringLiteral("cannot write to %1").arg(path), why);
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
    const QString storePath = storeLocation(m_options);
    if (Result<void> ok = writable(m_options.dataDir); !ok)
        return ok;
    if (sql::isFileDatabase(storePath) && QFile::exists(storePath)) {
        if (Result<void> ok = writable(storePath); !ok)
            return ok;
    }

    StoreResult<std::unique_ptr<Database>> database = Database::open(storePath);
    if (!database)
        return failure(QStringLiteral("store"), database.error().message);
    m_database = std::move(database).value();
    m_database->checkpointInBackground();
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
    // Every instance stores its own API request counts and delivers the
    // alerts its evaluations fire; the rest waits for leadership (at once on
    // SQLite, where this instance is the only one).
    m_analytics->setEvaluatesAlerts(false);
    m_analytics->start();
    m_delivery->start();
    m_failovers->setRunsJobs(false);
    m_exports->setRunsJobs(false);
    connect(m_cluster.get(), &ClusterService::leadershipChanged, this, &ControlPlane::setLeading);
    connect(m_cluster.get(), &ClusterService::ticked, this, [this](bool leading) {
        // The leader starts the exports the other instances took; a follower
        // serves the regions as the leader's health loop stored them.
        if (leading) {
            m_exports->takeUp();
            return;
        }
        if (StoreResult<void> fresh = m_regions->refresh(); !fresh)
            qWarning("cluster: cannot re-read the regions: %s", qPrintable(fresh.error().message));
    });
    m_cluster->start(baseUrl().toString());
    return {};
}

void ControlPlane::setLeading(bool leading)
{
    m_analytics->setEvaluatesAlerts(leading);
    m_failovers->setRunsJobs(leading);
    m_exports->setRunsJobs(leading); // on: takes up the exports a former leader left
    if (leading) {
        m_health->start();
        m_failovers->start(); // takes up the stored jobs a former leader left
        m_migrations->start();
        m_optimiser->start();
        if (m_demoUsage)
            m_demoUsage->start(m_demoUsageSince);
        return;
    }
    if (m_demoUsage)
        m_demoUsage->stop();
    m_optimiser->stop();
    m_migrations->stop();
    m_failovers->stop();
    m_health->stop();
}

QString ControlPlane::storeLocation(const ControlPlaneOptions &options)
{
    return options.database.isEmpty() ? QDir(options.dataDir).filePath(QStringLiteral("waddle.db"))
                                      : options.database;
}

Result<QStringList> ControlPlane::checkStore(const QString &dataDir, const QString &database)
{
    ControlPlaneOptions options;
    options.dataDir = dataDir;
    options.database = database;
    const QString path = storeLocation(options);
    if (sql::isFileDatabase(path) && !QFile::exists(path))
        return failure(path, QStringLiteral("no store here"));
    StoreResult<std::unique_ptr<Database>> opened = Database::open(path);
    if (!opened)
        return failure(QStringLiteral("store"), opened.error().message);
    StoreResult<QStringList> problems = opened.value()->integrityProblems();
    if (!problems)
        return failure(path, problems.error().message);
    return problems.value();
}

void ControlPlane::stop()
{
    if (m_cluster) {
        disconnect(m_cluster.get(), nullptr, this, nullptr);
        m_cluster->stop();
    }
    if (m_optimiser)
        m_optimiser->stop();
    if (m_migrations)
        m_migrations->stop();
    if (m_failovers)
        m_failovers->stop();
    if (m_health)
        m_health->stop();
    if (m_events)
        m_events->closeAll();
    if (m_demoUsage)
        m_demoUsage->stop();
    if (m_analytics) [[maybe_unused]]
        const auto flushed = m_analytics->flushApiRequests();
    if (m_regions)
        m_regions->setOnChange({});
    m_server.reset();
    m_clusterRoutes.reset();
    m_cluster.reset();
    m_optimiserRoutes.reset();
    m_migrationRoutes.reset();
    m_failoverRoutes.reset();
    m_analyticsRoutes.reset();
    m_keyRoutes.reset();
    m_waddleRoutes.reset();
    m_demoRoutes.reset();
    m_alertRoutes.reset();
    m_regionRoutes.reset();
    m_dispatcher.reset();
    m_optimiser.reset();
    m_migrations.reset();
    m_failovers.reset();
    m_voice.reset();
    m_demoUsage.reset();
    m_analytics.reset();
    m_delivery.reset();
    m_exports.reset();
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

int ControlPlane::openConnections() const
{
    return m_server ? m_server->openConnections() : 0;
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
    // Two steps, each one transaction, each done only when its table is
    // empty: a crash between them (issue 15: kill -9 during the first
    // start) is completed by the next start instead of leaving a half demo.
    StoreResult<bool> noWaddles = m_waddles->isEmpty();
    if (!noWaddles)
        return failure(QStringLiteral("store"), noWaddles.error().message);
    UsageRepository usage(*m_database);
    const StoreResult<qint64> usageEvents = usage.usageEventCount();
    if (!usageEvents)
        return failure(QStringLiteral("store"), usageEvents.error().message);
    if (!noWaddles.value() && usageEvents.value() > 0)
        return {};
    const DemoSeed seed = m_demo->demoData(m_regions->regions(), m_clock.now());
    if (noWaddles.value()) {
        if (StoreResult<void> ok = m_waddles->insertWaddles(seed.waddles, seed.members); !ok)
            return failure(QStringLiteral("demo data"), ok.error().message);
    }
    if (usageEvents.value() == 0) {
        // Events and their meters in one transaction each: a half-written
        // history has no events and is seeded again on the next start.
        if (StoreResult<void> ok = usage.addMetricPoints(seed.metrics); !ok)
            return failure(QStringLiteral("demo usage"), ok.error().message);
        if (StoreResult<void> ok = usage.insertUsageEvents(seed.usage); !ok)
            return failure(QStringLiteral("demo usage"), ok.error().message);
        // The history ends at the start of this hour; live usage goes on from there.
        const QDateTime now = m_clock.now().toUTC();
        m_demoUsageSince = QDateTime(now.date(), QTime(now.time().hour(), 0), Qt::UTC);
    }
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
    m_voice = std::make_unique<HttpVoiceService>(m_options.voiceTimeoutMs);
    FailoverService::Settings failover;
    failover.policy = m_options.failoverConfirm ? FailoverService::Policy::Confirm
                                                : FailoverService::Policy::Automatic;
    failover.batchSize = m_options.failoverBatchSize;
    failover.batchesInFlight = m_options.failoverBatchesInFlight;
    failover.roomCallsPerWaddle = m_options.failoverRoomCallsPerWaddle;
    failover.failbackAfterSeconds = m_options.failbackAfterSeconds;
    m_failovers = std::make_unique<FailoverService>(*m_database, *m_regions, *m_health, *m_events,
                                                    *m_voice, failover, m_clock);
    m_migrations = std::make_unique<MigrationService>(*m_database, *m_regions, *m_events, *m_voice,
                                                      MigrationService::Settings{}, m_clock);
    OptimiserService::Settings optimiser;
    optimiser.intervalSeconds = m_options.optimiseIntervalSeconds;
    optimiser.decision.improvementThreshold = m_options.optimiseThreshold;
    m_optimiser = std::make_unique<OptimiserService>(*m_database, *m_regions, *m_migrations,
                                                     optimiser, m_clock);

    m_analytics = std::make_unique<AnalyticsService>(*m_database, m_clock);
    m_delivery = std::make_unique<AlertDeliveryService>(*m_database,
                                                        AlertDeliveryService::Settings{}, m_clock);
    m_exports = std::make_unique<ExportService>(
        *m_database, QDir(m_options.dataDir).filePath(QStringLiteral("exports")), 2, m_clock);
    if (m_demo) {
        m_demoUsage =
            std::make_unique<DemoUsageFeed>(*m_demo, *m_regions, *m_waddles, *m_analytics, m_clock);
    }
    m_analytics->setTriggerSink(
        [this](const QList<AlertTrigger> &changed) { m_delivery->enqueue(changed); });

    const Dispatcher::KeyLookup keys = [this](const QString &secret) -> std::optional<ApiKey> {
        const QDateTime now = m_clock.now();
        StoreResult<ApiKey> key = m_apiKeys->findApiKey(secret, now);
        if (!key)
            return std::nullopt;
        // The last use is informative: a failed write must not refuse the key.
        [[maybe_unused]] const auto marked = m_apiKeys->markApiKeyUsed(key->id, now);
        return key.value();
    };
    Dispatcher::Limits limits;
    limits.maxBodyBytes = m_options.maxBodyBytes;
    limits.requestsPerMinute = m_options.requestsPerMinute;
    limits.failedAuthPerMinute = m_options.failedAuthPerMinute;
    m_dispatcher = std::make_unique<Dispatcher>(keys, limits, m_clock);
    TransportLimits transport = m_options.transport;
    transport.maxBodyBytes = m_options.maxBodyBytes;
    m_dispatcher->setRequestCounter([this] { m_analytics->countApiRequest(); });
    m_server = std::make_unique<ApiServer>(*m_dispatcher, *m_events, transport);

    // The OpenAPI document lists the routes in this order.
    Router &router = m_dispatcher->router();
    m_regionRoutes =
        std::make_unique<RegionRoutes>(*m_regions, *m_health, *m_migrations, *m_events);
    m_regionRoutes->registerOn(router);
    // The hottest read is answered from the I/O threads, republished on
    // every change of the regions (ApiServer::publish).
    const auto publishRegions = [this] {
        m_server->publish(RegionRoutes::kListPath, m_regionRoutes->listAnswer());
    };
    m_regions->setOnChange(publishRegions);
    publishRegions();
    m_alertRoutes = std::make_unique<AlertRoutes>(*m_health);
    m_alertRoutes->registerOn(router);
    if (m_demo) {
        m_demoRoutes = std::make_unique<DemoRoutes>(*m_regions, *m_demo);
        m_demoRoutes->registerOn(router);
    }
    m_waddleRoutes = std::make_unique<WaddleRoutes>(*m_waddles, *m_regions, *m_events);
    m_waddleRoutes->registerOn(router);
    m_failoverRoutes = std::make_unique<FailoverRoutes>(*m_failovers);
    m_failoverRoutes->registerOn(router);
    m_migrationRoutes = std::make_unique<MigrationRoutes>(*m_migrations);
    m_migrationRoutes->registerOn(router);
    m_optimiserRoutes = std::make_unique<OptimiserRoutes>(*m_optimiser);
    m_optimiserRoutes->registerOn(router);
    m_keyRoutes = std::make_unique<KeyRoutes>(*m_apiKeys, *m_waddles);
    m_keyRoutes->registerOn(router);
    m_analyticsRoutes = std::make_unique<AnalyticsRoutes>(*m_analytics, *m_delivery, *m_regions,
                                                          *m_health, *m_exports);
    m_analyticsRoutes->registerOn(router);
    m_cluster = std::make_unique<ClusterService>(m_database->path(), m_options.healthIntervalMs,
                                                 *m_events, m_clock);
    m_clusterRoutes = std::make_unique<ClusterRoutes>(*m_cluster);
    m_clusterRoutes->registerOn(router);
    addOpenApiRoute(router);

    if (m_server->start(m_options.address, m_options.port) == 0) {
        const QString where =
            QStringLiteral("%1:%2").arg(m_options.address.toString()).arg(m_options.port);
        return failure(where, QStringLiteral("cannot listen (in use, or not an address here)"));
    }
    return {};
}

} // namespace waddle::cp
