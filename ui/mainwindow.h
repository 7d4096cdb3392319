#pragma once

#include "common/services.h"
#include "domain/geo.h"
#include "domain/region.h"
#include "map/maparc.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class QAction;
class QLabel;
class QMessageBox;
class QListWidget;
class QStackedWidget;
class QTabWidget;
class QSystemTrayIcon;
class QGeoPositionInfoSource;

namespace waddle::client {
class AlertRulesController;
class BackgroundRetest;
class AlertsModel;
class AnalyticsController;
class CustomMetricsController;
class ExportController;
class GlobalStatusModel;
class ApiError;
class KeyStore;
class JobsModel;
class Freshness;
class RegionFeed;
class TrayStatus;
class WaddleEditor;
} // namespace waddle::client

namespace waddle::ui {

class AlertsPanel;
class AnalyticsScreen;
class CustomMetricsPanel;
class ExportPanel;
class ConnectDialog;
class FailoverWizard;
class JobsDock;
class LatencyPanel;
class LocationDialog;
class MapWidget;
class RegionDashboardDialog;
class RegionDetailsPanel;
class MigrationWizard;
class OptimiserDialog;
class RegionManagementDialog;
class WaddlesPanel;
class AlertsDock;
class GlobalStatusScreen;
class PermissionGate;

// The console's main window (issue 5): navigation between the Map, Latency
// and Waddles screens, menus and shortcuts for every action, a status bar
// with the server and the connection state in words, light and dark themes,
// and the window's state restored. It owns the client objects the screens
// share (Services) and the RegionFeed that keeps the regions model current
// (from the cache, the server and the event stream); it binds, it does not
// fetch.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Page
    {
        Map,
        Latency,
        Waddles,
        Analytics,
        Status
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Points every screen at a server. `demo` says it is the embedded fleet.
    void connectTo(const QUrl &server, const QString &apiKey, bool demo);
    // Says plainly that there is no server (the embedded one failed to start).
    void showStartupFailure(const QString &reason);

    void showPage(Page page);
    [[nodiscard]] Page currentPage() const;

    void setUserLocation(const domain::GeoPoint &point, const QString &label);
    [[nodiscard]] std::optional<domain::GeoPoint> userLocation() const { return m_userLocation; }
    // The best location known without asking: saved, else the time zone's city.
    static std::optional<std::pair<domain::GeoPoint, QString>> savedOrGuessedLocation();

    void setDark(bool dark);
    [[nodiscard]] bool isDark() const { return m_dark; }

    Services &services() { return m_services; }
    // Where API keys are kept (the system keychain); tests put in a fake.
    [[nodiscard]] client::KeyStore &keyStore() const { return *m_keyStore; }
    void setKeyStore(std::unique_ptr<client::KeyStore> store);
    // The controls a key's role may disable (issue 13), kept in step.
    [[nodiscard]] PermissionGate &permissions() const { return *m_permissions; }
    MapWidget *map() const { return m_map; }
    [[nodiscard]] QString statusText() const;
    // Whether the shown data is live, and how old it is (the stale banner).
    [[nodiscard]] client::Freshness &freshness() const { return *m_freshness; }

    // The dialogs of Help › About, File › Connect and Tools › Set My
    // Location on the current state, not yet shown; the caller shows them
    // and owns them (they are children of the window until deleted).
    [[nodiscard]] QMessageBox *createAboutBox();
    [[nodiscard]] ConnectDialog *createConnectDialog();
    [[nodiscard]] LocationDialog *createLocationDialog();
    // Operations › Fail Over Region… for `region` (empty: the first offline
    // region, else the selected one), not yet shown; the caller owns it.
    [[nodiscard]] FailoverWizard *createFailoverWizard(const QString &region = {});
    // The migration wizard for the waddles `ids`, or (ids empty) every
    // waddle of `drain`, not yet shown; the caller owns it.
    [[nodiscard]] MigrationWizard *createMigrationWizard(const QStringList &ids,
                                                         const QString &drain = {});
    // Operations › Optimise Fleet… (it starts its dry run), not yet shown.
    [[nodiscard]] OptimiserDialog *createOptimiserDialog();
    // Operations › Manage Regions…, showing `code` (or the selected region).
    [[nodiscard]] RegionManagementDialog *createRegionManagementDialog(const QString &code);
    void openRegionManagement(const QString &code);
    [[nodiscard]] JobsDock *jobsDock() const { return m_jobsDock; }
    [[nodiscard]] WaddlesPanel *waddlesPanel() const { return m_waddlesPanel; }
    [[nodiscard]] AlertsDock *alertsDock() const { return m_alertsDock; }
    [[nodiscard]] client::AlertsModel &alerts() const { return *m_alerts; }
    [[nodiscard]] client::TrayStatus &trayStatus() const { return *m_trayStatus; }
    [[nodiscard]] client::BackgroundRetest &backgroundRetest() const { return *m_retest; }
    // Background latency re-tests every `minutes` (0: off), kept in the settings.
    void setRetestMinutes(int minutes);
    // Null where the desktop has no system tray (offscreen, some sessions).
    [[nodiscard]] QSystemTrayIcon *trayIcon() const { return m_trayIcon; }
    // File › Close to Tray (off by default): closing the window hides it
    // and the tray keeps watching, when there is a tray.
    void setCloseToTray(bool on);
    [[nodiscard]] bool closeToTray() const { return m_closeToTray; }
    // The dashboard of region `code` (Map › region details › Dashboard),
    // not yet shown; the caller shows it (it deletes itself when closed).
    [[nodiscard]] RegionDashboardDialog *createRegionDashboard(const QString &code);
    // The analytics page's tabs: Overview, Custom metrics, Alerts, Export.
    [[nodiscard]] QTabWidget *analyticsTabs() const { return m_analyticsTabs; }
    [[nodiscard]] CustomMetricsPanel *customMetricsPanel() const { return m_customMetricsPanel; }
    [[nodiscard]] AlertsPanel *alertsPanel() const { return m_alertsPanel; }
    [[nodiscard]] ExportPanel *exportPanel() const { return m_exportPanel; }

Q_SIGNALS:
    // The user asked for another server (Connect dialog) or for the demo.
    void connectRequested(const QUrl &server, const QString &apiKey);
    void demoRequested();
    void regionsLoaded(int count);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void loadRegions();
    void refreshStatus();
    void refreshStale();
    void onRegionSelected(const QString &code);
    void onServerFailure(const client::ApiError &error);
    void openConnectDialog();
    void openLocationDialog();
    void locateFromPositioning();
    void restoreWindowState();
    void openFailoverWizard(const QString &region, const QString &jobId = {});
    // One of: waddles `ids`, a drain of `drain`, or the migration `jobId`.
    void openMigrationWizard(const QStringList &ids, const QString &drain,
                             const QString &jobId = {});
    void buildTray();
    void showOnMap(const QString &region);

    Services m_services;
    std::unique_ptr<client::ApiClient> m_api;
    std::unique_ptr<client::Session> m_session;
    std::unique_ptr<client::Cache> m_cache;
    std::unique_ptr<client::LiveEvents> m_events;
    std::unique_ptr<client::LatencyProber> m_prober;
    std::unique_ptr<client::RegionsModel> m_regions;
    std::unique_ptr<client::LatencyResultsModel> m_latency;
    std::unique_ptr<client::JobsModel> m_jobs;
    std::unique_ptr<client::AlertsModel> m_alerts;
    std::unique_ptr<client::GlobalStatusModel> m_globalStatus;
    // The controllers: after the objects they work with, so they go first.
    std::unique_ptr<client::RegionFeed> m_feed;
    std::unique_ptr<client::WaddleEditor> m_waddleEditor;
    std::unique_ptr<client::AnalyticsController> m_analytics;
    std::unique_ptr<client::CustomMetricsController> m_customMetrics;
    std::unique_ptr<client::AlertRulesController> m_alertRules;
    std::unique_ptr<client::ExportController> m_exports;
    std::unique_ptr<client::Freshness> m_freshness;
    std::unique_ptr<client::TrayStatus> m_trayStatus;
    std::unique_ptr<client::BackgroundRetest> m_retest;
    std::unique_ptr<client::KeyStore> m_keyStore;
    PermissionGate *m_permissions = nullptr;

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    MapWidget *m_map = nullptr;
    QList<MapArc> m_moveArcs; // the jobs' moves in progress, on the map
    RegionDetailsPanel *m_details = nullptr;
    LatencyPanel *m_latencyPanel = nullptr;
    WaddlesPanel *m_waddlesPanel = nullptr;
    JobsDock *m_jobsDock = nullptr;
    AlertsDock *m_alertsDock = nullptr;
    QSystemTrayIcon *m_trayIcon = nullptr;
    QAction *m_closeToTrayAction = nullptr;
    QList<QAction *> m_retestActions; // Tools › Re-test in the Background, by minutes
    bool m_closeToTray = false;
    bool m_quitting = false;
    AnalyticsScreen *m_analyticsScreen = nullptr;
    QTabWidget *m_analyticsTabs = nullptr;
    CustomMetricsPanel *m_customMetricsPanel = nullptr;
    AlertsPanel *m_alertsPanel = nullptr;
    ExportPanel *m_exportPanel = nullptr;
    GlobalStatusScreen *m_statusScreen = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_staleBanner = nullptr; // the server is not answering
    QLabel *m_serverLabel = nullptr;
    QLabel *m_stateLabel = nullptr;
    QTimer m_statusTimer;
    QPointer<QGeoPositionInfoSource> m_positioning;
    std::optional<domain::GeoPoint> m_userLocation;
    bool m_pickLocationOnMap = false;
    QAction *m_darkAction = nullptr;
    bool m_dark = false;
    QString m_selectedRegion;
};

} // namespace waddle::ui
