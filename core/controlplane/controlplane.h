#pragma once

#include "apiserver.h"
#include "domain/geo.h"
#include "domain/region.h"
#include "eventhub.h"
#include "healthmonitor.h"
#include "healthprobe.h"
#include "store.h"

#include <QHostAddress>
#include <QObject>
#include <QUrl>

#include <memory>

namespace waddle::sim {
class DemoFleet;
}

namespace waddle::cp {

class RegionRoutes;
class WaddleRoutes;

struct ControlPlaneOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8740;   // 0: any free port (tests, the embedded backend)
    QString dataDir;       // holds waddle.db and admin.key
    QString cataloguePath; // empty: the built-in catalogue
    bool demo = false;
    domain::GeoPoint vantage{50.11, 8.68}; // demo: where the user sits
    quint64 demoSeed = 1;
    int requestsPerMinute = 1000;
    qint64 maxBodyBytes = 1024 * 1024;
    int healthIntervalMs = 5000;
    int healthTimeoutMs = 2000;
    int healthRetentionDays = 7;
    QString adminKey; // WADDLE_ADMIN_KEY: this value is the admin key
};

// The control plane (SPEC §2, §8, §12): store, HTTP API, health monitor,
// event stream and, with --demo, the simulated fleet. No global state: the
// headless daemon and the desktop app's embedded backend (on a worker
// thread) both run one; tests run several.
class ControlPlane final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ControlPlane)

public:
    explicit ControlPlane(ControlPlaneOptions options, QObject *parent = nullptr);
    ~ControlPlane() override;

    // Opens the store (migrating it), loads the catalogue, starts the fleet
    // and seeds demo data when asked, makes the admin key on first start,
    // and listens. An error says what failed; nothing half-started remains.
    domain::Result<void> start();
    void stop();

    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QUrl baseUrl() const;
    // The admin key's secret when this process knows it (created now, read
    // from DATA_DIR/admin.key, or from WADDLE_ADMIN_KEY).
    [[nodiscard]] QString adminKey() const { return m_adminKey; }
    [[nodiscard]] QString adminKeyPath() const;
    [[nodiscard]] bool adminKeyCreated() const { return m_adminKeyCreated; }
    [[nodiscard]] const ControlPlaneOptions &options() const { return m_options; }

    // Shared with the route classes.
    Store &store() { return *m_store; }
    HealthMonitor &monitor() { return *m_monitor; }
    EventHub &events() { return m_events; }
    sim::DemoFleet *fleet() { return m_fleet.get(); }
    [[nodiscard]] const QList<domain::Region> &regions() const { return m_regions; }
    [[nodiscard]] const domain::Region *region(const QString &code) const;
    // GET /regions body, serialised once per change (PERFORMANCE.md).
    [[nodiscard]] const QByteArray &regionsBody();
    // Publishes a waddle's change of effective region to the event stream.
    void publishWaddleChange(const domain::Waddle &before, const domain::Waddle &after,
                             const QString &reason);

Q_SIGNALS:
    void regionStatusChanged(const QString &code, domain::RegionStatus from,
                             domain::RegionStatus to);

private:
    domain::Result<void> loadRegions();
    domain::Result<void> ensureAdminKey();
    domain::Result<void> seedDemoData();
    void onChecked(const domain::RegionHealth &health);
    void onStatusChanged(const QString &code, domain::RegionStatus from, domain::RegionStatus to,
                         const domain::RegionHealth &health);
    void onWebSocket();
    void flushHealth();

    ControlPlaneOptions m_options;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<sim::DemoFleet> m_fleet;
    std::unique_ptr<HttpHealthProbe> m_probe;
    std::unique_ptr<HealthMonitor> m_monitor;
    std::unique_ptr<ApiServer> m_server;
    std::unique_ptr<RegionRoutes> m_regionRoutes;
    std::unique_ptr<WaddleRoutes> m_waddleRoutes;
    EventHub m_events;
    QList<domain::Region> m_regions;
    QByteArray m_regionsBody;
    QList<domain::RegionHealth> m_unsavedHealth;
    QTimer m_healthFlush;
    QDateTime m_lastPrune;
    QString m_adminKey;
    bool m_adminKeyCreated = false;
};

} // namespace waddle::cp
