#pragma once

#include "common/services.h"
#include "domain/geo.h"
#include "domain/region.h"

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
class QGeoPositionInfoSource;

namespace waddle::client {
class ApiError;
class Freshness;
class RegionFeed;
class WaddleEditor;
} // namespace waddle::client

namespace waddle::ui {

class ConnectDialog;
class LatencyPanel;
class LocationDialog;
class MapWidget;
class RegionDetailsPanel;
class WaddlesPanel;

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
        Waddles
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

    Services m_services;
    std::unique_ptr<client::ApiClient> m_api;
    std::unique_ptr<client::Session> m_session;
    std::unique_ptr<client::Cache> m_cache;
    std::unique_ptr<client::LiveEvents> m_events;
    std::unique_ptr<client::LatencyProber> m_prober;
    std::unique_ptr<client::RegionsModel> m_regions;
    std::unique_ptr<client::LatencyResultsModel> m_latency;
    // The controllers: after the objects they work with, so they go first.
    std::unique_ptr<client::RegionFeed> m_feed;
    std::unique_ptr<client::WaddleEditor> m_waddleEditor;
    std::unique_ptr<client::Freshness> m_freshness;

    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    MapWidget *m_map = nullptr;
    RegionDetailsPanel *m_details = nullptr;
    LatencyPanel *m_latencyPanel = nullptr;
    WaddlesPanel *m_waddlesPanel = nullptr;
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
