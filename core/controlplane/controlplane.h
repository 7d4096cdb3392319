#pragma once

#include "controlplane/services/clock.h"
#include "controlplaneoptions.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QDateTime>
#include <QObject>
#include <QUrl>

#include <memory>

namespace waddle::cp {

class AdminKeyFile;
class AlertDeliveryService;
class AlertRoutes;
class ClusterRoutes;
class ClusterService;
class AnalyticsRoutes;
class AnalyticsService;
class ApiKeyRepository;
class ApiServer;
class Database;
class DemoFleetControl;
class DemoRoutes;
class DemoUsageFeed;
class Dispatcher;
class EventHub;
class FailoverRoutes;
class FailoverService;
class HealthService;
class HttpHealthProbe;
class HttpVoiceService;
class MigrationRoutes;
class MigrationService;
class OptimiserRoutes;
class OptimiserService;
class ExportService;
class KeyRoutes;
class RegionRoutes;
class RegionService;
class WaddleRepository;
class WaddleRoutes;

// The control plane (SPEC §2, §8, §12): builds the database, the services
// and the HTTP API and wires them together; nothing else. No global state:
// the headless daemon and the desktop app's embedded backend (on a worker
// thread) both run one; tests run several. With a DemoFleetControl (given by
// the wiring in app/ or the embedded backend) the catalogue is served by the
// demo fleet, an empty store is seeded and the fault routes exist.
class ControlPlane final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlPlane)

public:
    // `demo` and `clock` must outlive the control plane.
    explicit ControlPlane(ControlPlaneOptions options, DemoFleetControl *demo = nullptr,
                          Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~ControlPlane() override;

    // Opens the store (migrating it), loads the catalogue, starts the demo
    // fleet and seeds demo data when there is one, makes the admin key on
    // first start, and listens. An error says what failed; nothing
    // half-started remains.
    domain::Result<void> start();
    void stop();

    // `waddle-regiond check`: opens DATA_DIR/waddle.db (quick_check, as at
    // start) and runs the full integrity_check, or opens the PostgreSQL store
    // `database` names and reads it. The problems found (empty: sound), or
    // why the store cannot be checked.
    static domain::Result<QStringList> checkStore(const QString &dataDir,
                                                  const QString &database = {});
    // Where the store of these options is: `database`, or waddle.db in the data directory.
    static QString storeLocation(const ControlPlaneOptions &options);

    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QUrl baseUrl() const;
    // The admin key's secret when this process knows it (created now, read
    // from DATA_DIR/admin.key, or from WADDLE_ADMIN_KEY).
    [[nodiscard]] QString adminKey() const;
    [[nodiscard]] QString adminKeyPath() const;
    [[nodiscard]] bool adminKeyCreated() const;
    [[nodiscard]] const ControlPlaneOptions &options() const { return m_options; }

    // The parts, for the wiring and for tests (valid between start and stop).
    [[nodiscard]] const QList<domain::Region> &regions() const;
    HealthService &health() { return *m_health; }
    FailoverService &failovers() { return *m_failovers; }
    MigrationService &migrations() { return *m_migrations; }
    OptimiserService &optimiser() { return *m_optimiser; }
    EventHub &events() { return *m_events; }
    WaddleRepository &waddles() { return *m_waddles; }
    ApiKeyRepository &apiKeys() { return *m_apiKeys; }
    [[nodiscard]] int openConnections() const;
    AnalyticsService &analytics() { return *m_analytics; }
    AlertDeliveryService &alertDelivery() { return *m_delivery; }
    ExportService &exports() { return *m_exports; }

Q_SIGNALS:
    void regionStatusChanged(const QString &code, domain::RegionStatus from,
                             domain::RegionStatus to);

private:
    domain::Result<void> loadRegions();
    domain::Result<void> ensureAdminKey();
    domain::Result<void> seedDemoData();
    domain::Result<void> listen();
    // The background work only the leader of the instances sharing the
    // store runs (ClusterService): started on leading, stopped on not.
    void setLeading(bool leading);

    ControlPlaneOptions m_options;
    DemoFleetControl *m_demo = nullptr;
    Clock &m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<EventHub> m_events;
    std::unique_ptr<RegionService> m_regions;
    std::unique_ptr<WaddleRepository> m_waddles;
    std::unique_ptr<ApiKeyRepository> m_apiKeys;
    std::unique_ptr<AdminKeyFile> m_adminKeyFile;
    std::unique_ptr<HttpHealthProbe> m_probe;
    std::unique_ptr<HealthService> m_health;
    std::unique_ptr<HttpVoiceService> m_voice;
    std::unique_ptr<FailoverService> m_failovers;
    std::unique_ptr<MigrationService> m_migrations;
    std::unique_ptr<OptimiserService> m_optimiser;
    std::unique_ptr<AnalyticsService> m_analytics;
    std::unique_ptr<DemoUsageFeed> m_demoUsage;
    // Where the demo's live usage starts: the end of a history seeded now,
    // else the start of this process.
    QDateTime m_demoUsageSince;
    std::unique_ptr<AlertDeliveryService> m_delivery;
    std::unique_ptr<ExportService> m_exports;
    std::unique_ptr<Dispatcher> m_dispatcher;
    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<RegionRoutes> m_regionRoutes;
    std::unique_ptr<AlertRoutes> m_alertRoutes;
    std::unique_ptr<DemoRoutes> m_demoRoutes;
    std::unique_ptr<WaddleRoutes> m_waddleRoutes;
    std::unique_ptr<FailoverRoutes> m_failoverRoutes;
    std::unique_ptr<MigrationRoutes> m_migrationRoutes;
    std::unique_ptr<OptimiserRoutes> m_optimiserRoutes;
    std::unique_ptr<KeyRoutes> m_keyRoutes;
    std::unique_ptr<AnalyticsRoutes> m_analyticsRoutes;
    std::unique_ptr<ClusterService> m_cluster;
    std::unique_ptr<ClusterRoutes> m_clusterRoutes;
};

} // namespace waddle::cp
