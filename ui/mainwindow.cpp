#include "mainwindow.h"

#include "alerts/alerticons.h"
#include "alerts/alertsdock.h"
#include "analytics/alertspanel.h"
#include "analytics/analyticsscreen.h"
#include "analytics/custommetricspanel.h"
#include "analytics/exportpanel.h"
#include "analytics/regiondashboarddialog.h"
#include "client/alertrulescontroller.h"
#include "client/alertsmodel.h"
#include "client/analyticscontroller.h"
#include "client/apiclient.h"
#include "client/backgroundretest.h"
#include "client/cache.h"
#include "client/custommetricscontroller.h"
#include "client/exportcontroller.h"
#include "client/freshness.h"
#include "client/globalstatusmodel.h"
#include "client/jobsmodel.h"
#include "client/keystore.h"
#include "client/latencyresultsmodel.h"
#include "client/liveevents.h"
#include "client/probe/latencyprober.h"
#include "client/regionfeed.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "client/traystatus.h"
#include "client/waddleeditor.h"
#include "common/permissions.h"
#include "connectdialog.h"
#include "domain/citytable.h"
#include "latency/latencypanel.h"
#include "locationdialog.h"
#include "map/mapwidget.h"
#include "map/regiondetailspanel.h"
#include "operations/failoverwizard.h"
#include "operations/jobarcs.h"
#include "operations/jobsdock.h"
#include "operations/migrationwizard.h"
#include "operations/optimiserdialog.h"
#include "operations/regionmanagementdialog.h"
#include "status/globalstatusscreen.h"
#include "theme.h"
#include "waddles/waddlespanel.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QGeoPositionInfoSource>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

namespace waddle::ui {

using namespace waddle::domain;

namespace {

constexpr auto kLocationKey = "location";

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_api(std::make_unique<client::ApiClient>(client::ApiClient::Options{}))
    , m_session(std::make_unique<client::Session>())
    , m_events(std::make_unique<client::LiveEvents>())
    , m_prober(std::make_unique<client::LatencyProber>())
    , m_regions(std::make_unique<client::RegionsModel>())
    , m_latency(std::make_unique<client::LatencyResultsModel>())
    , m_jobs(std::make_unique<client::JobsModel>(*m_api))
    , m_alerts(std::make_unique<client::AlertsModel>(*m_api))
    , m_globalStatus(std::make_unique<client::GlobalStatusModel>(*m_api))
    , m_keyStore(std::make_unique<client::SystemKeyStore>())
{
    setWindowTitle(tr("Waddle Region Console"));
    setObjectName(QStringLiteral("mainWindow"));

    if (auto cache = client::Cache::open(client::Cache::defaultPath()))
        m_cache = std::move(cache).value();
    else
        qWarning("cache not available: %s", qPrintable(cache.error().message));

    m_services.api = m_api.get();
    m_services.session = m_session.get();
    m_services.cache = m_cache.get();
    m_services.events = m_events.get();
    m_services.prober = m_prober.get();
    m_services.regions = m_regions.get();
    m_services.latency = m_latency.get();
    m_services.jobs = m_jobs.get();
    m_jobs->setLiveEvents(m_events.get());
    m_alerts->setLiveEvents(m_events.get());
    m_globalStatus->setLiveEvents(m_events.get());
    m_feed = std::make_unique<client::RegionFeed>(*m_api, *m_session, *m_events, *m_regions,
                                                  m_cache.get());
    m_waddleEditor = std::make_unique<client::WaddleEditor>(*m_api, m_session.get(), m_cache.get(),
                                                            m_events.get(), m_regions.get());
    m_analytics = std::make_unique<client::AnalyticsController>(*m_api);
    m_customMetrics = std::make_unique<client::CustomMetricsController>(*m_api);
    m_alertRules = std::make_unique<client::AlertRulesController>(*m_api);
    m_exports = std::make_unique<client::ExportController>(*m_api);
    // The triggers of the project the Analytics screen reads.
    m_alerts->setProject(m_analytics->project());
    m_trayStatus = std::make_unique<client::TrayStatus>(*m_regions, m_alerts.get());
    m_retest = std::make_unique<client::BackgroundRetest>(*m_prober);
    // Stale once nothing came for one poll interval (health events and
    // polls both count), or at once when calls fail.
    m_freshness =
        std::make_unique<client::Freshness>(*m_session, m_events->settings().pollInterval);

    // Screens: the map with the selected region's details beside it, the
    // latency test, the waddles.
    m_map = new MapWidget;
    m_map->setModel(m_regions.get());
    m_details = new RegionDetailsPanel;
    auto *mapPage = new QSplitter(Qt::Horizontal);
    mapPage->addWidget(m_map);
    mapPage->addWidget(m_details);
    mapPage->setStretchFactor(0, 4);
    mapPage->setStretchFactor(1, 1);
    mapPage->setChildrenCollapsible(false);
    m_latencyPanel = new LatencyPanel(m_services);
    m_waddlesPanel = new WaddlesPanel(m_services, *m_waddleEditor);
    m_analyticsScreen = new AnalyticsScreen(*m_analytics, m_regions.get());
    // Analytics: the overview, then the analyst's own metrics, alerts and
    // exports (SPEC §11), each read when its tab is opened.
    m_customMetricsPanel = new CustomMetricsPanel(*m_customMetrics);
    m_alertsPanel = new AlertsPanel(*m_alertRules, m_customMetrics.get());
    m_exportPanel = new ExportPanel(*m_exports, m_customMetrics.get());
    m_analyticsTabs = new QTabWidget;
    m_analyticsTabs->setDocumentMode(true);
    m_analyticsTabs->addTab(m_analyticsScreen, tr("Overvie&w"));
    m_analyticsTabs->addTab(m_customMetricsPanel, tr("&Custom Metrics"));
    m_analyticsTabs->addTab(m_alertsPanel, tr("&Alerts"));
    m_analyticsTabs->addTab(m_exportPanel, tr("Ex&port"));
    connect(m_analyticsTabs, &QTabWidget::currentChanged, this, [this](int index) {
        QWidget *tab = m_analyticsTabs->widget(index);
        // The alert form and the export offer custom metrics too.
        if (tab == m_customMetricsPanel || tab == m_alertsPanel || tab == m_exportPanel)
            m_customMetrics->reload();
        if (tab == m_alertsPanel)
            m_alertRules->reload();
    });
    m_statusScreen = new GlobalStatusScreen(*m_globalStatus);

    m_pages = new QStackedWidget;
    m_pages->addWidget(mapPage);
    m_pages->addWidget(m_latencyPanel);
    m_pages->addWidget(m_waddlesPanel);
    m_pages->addWidget(m_analyticsTabs);
    m_pages->addWidget(m_statusScreen);

    m_navigation = new QListWidget;
    m_navigation->setAccessibleName(tr("Screens"));
    m_navigation->addItems(
        {tr("Map"), tr("Latency"), tr("Waddles"), tr("Analytics"), tr("Global Status")});
    m_navigation->setFixedWidth(
        std::max(m_navigation->fontMetrics().horizontalAdvance(tr("Waddles")) * 2,
                 m_navigation->fontMetrics().horizontalAdvance(tr("Global Status")) * 11 / 10) +
        32);
    m_navigation->setFrameShape(QFrame::NoFrame);
    QFont navFont = m_navigation->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.1);
    m_navigation->setFont(navFont);
    m_navigation->setSpacing(4);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);

    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setWordWrap(true);
    m_banner->setContentsMargins(10, 6, 10, 6);
    m_banner->hide();
    m_staleBanner = new QLabel;
    m_staleBanner->setObjectName(QStringLiteral("staleBanner"));
    m_staleBanner->setWordWrap(true);
    m_staleBanner->setContentsMargins(10, 6, 10, 6);
    m_staleBanner->setStyleSheet(
        QStringLiteral("QLabel#staleBanner { border-left: 6px solid rgb(230, 159, 0); "
                       "background: palette(alternate-base); font-weight: bold; }"));
    m_staleBanner->hide();

    auto *body = new QWidget;
    auto *bodyLayout = new QHBoxLayout(body);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(0);
    bodyLayout->addWidget(m_navigation);
    bodyLayout->addWidget(m_pages, 1);
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_staleBanner);
    layout->addWidget(m_banner);
    layout->addWidget(body, 1);
    setCentralWidget(central);

    m_jobsDock = new JobsDock(*m_jobs, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    resizeDocks({m_jobsDock}, {120}, Qt::Vertical);
    connect(m_jobsDock, &JobsDock::openRequested, this,
            [this](client::JobsModel::Kind kind, const QString &id) {
                if (kind == client::JobsModel::Kind::Failover) {
                    openFailoverWizard(QString(), id);
                    return;
                }
                openMigrationWizard({}, {}, id);
            });
    m_alertsDock = new AlertsDock(*m_alerts, m_regions.get(), this);
    addDockWidget(Qt::BottomDockWidgetArea, m_alertsDock);
    tabifyDockWidget(m_jobsDock, m_alertsDock);
    m_alertsDock->raise();
    // Room for a few alerts under the map (the jobs dock alone had 120).
    resizeDocks({m_alertsDock}, {200}, Qt::Vertical);
    connect(m_alertsDock, &AlertsDock::showOnMapRequested, this, &MainWindow::showOnMap);
    connect(m_details, &RegionDetailsPanel::failoverRequested, this,
            [this](const QString &code) { openFailoverWizard(code); });
    // The moves in progress drawn on the map (set only when they change:
    // each set re-projects the arcs).
    const auto showMoves = [this] {
        m_map->setDrainingRegions(drainingRegionsOfJobs(*m_jobs));
        QList<MapArc> arcs = arcsOfJobs(*m_jobs);
        if (arcs == m_moveArcs)
            return;
        m_moveArcs = arcs;
        m_map->setArcs(arcs);
    };
    connect(m_jobs.get(), &client::JobsModel::jobChanged, this, showMoves);
    connect(m_jobs.get(), &client::JobsModel::refreshed, this, showMoves);
    connect(m_details, &RegionDetailsPanel::drainRequested, this,
            [this](const QString &code) { openMigrationWizard({}, code); });
    connect(m_details, &RegionDetailsPanel::manageRequested, this,
            &MainWindow::openRegionManagement);
    connect(m_waddlesPanel, &WaddlesPanel::migrateRequested, this,
            [this](const QStringList &ids) { openMigrationWizard(ids, {}); });

    // Read-only keys see every screen with the actions disabled (issue 13).
    m_permissions = new PermissionGate(m_session.get(), this);
    m_permissions->bind(m_details->failoverButton(), Action::Failover);
    m_permissions->bind(m_details->drainButton(), Action::DrainRegion);
    m_permissions->bind(m_details->manageButton(), Action::ManageRegions);
    m_alertsDock->setSession(m_session.get());
    m_customMetricsPanel->setSession(m_session.get());
    m_alertsPanel->setSession(m_session.get());
    m_exportPanel->setSession(m_session.get());

    buildMenus();
    buildStatusBar();
    buildTray();

    connect(m_retest.get(), &client::BackgroundRetest::retestDue, m_latencyPanel,
            &LatencyPanel::testAll);
    connect(m_retest.get(), &client::BackgroundRetest::fastestChanged, this,
            [this](const QString &from, double fromMs, const QString &to, double toMs) {
                const QString message =
                    tr("%1 is now the fastest region from here (%2 ms); it was %3 (%4 ms).")
                        .arg(m_regions->regionName(to))
                        .arg(toMs, 0, 'f', 0)
                        .arg(m_regions->regionName(from))
                        .arg(fromMs, 0, 'f', 0);
                statusBar()->showMessage(message, 30000);
                if (m_trayIcon) {
                    m_trayIcon->showMessage(tr("Fastest region changed"), message,
                                            QSystemTrayIcon::Information, 15000);
                }
            });
    setRetestMinutes(QSettings().value(QStringLiteral("latency/retestMinutes"), 0).toInt());

    // The feed keeps the regions model (which the map and the tables read)
    // up to date; the window shows what it says about the selected region.
    connect(m_feed.get(), &client::RegionFeed::healthChanged, this,
            [this](const RegionHealth &health) {
                if (health.code == m_selectedRegion)
                    m_details->setHealth(health);
            });
    connect(m_feed.get(), &client::RegionFeed::detailLoaded, this,
            [this](const QString &code, const RegionHealth &latest,
                   const QList<RegionHealth> &history) {
                if (code != m_selectedRegion)
                    return;
                m_details->setHealth(latest);
                m_details->setHistory(history);
            });
    connect(m_feed.get(), &client::RegionFeed::alertRaised, this,
            [this](const QString &, Severity severity, const QString &title, const QString &) {
                statusBar()->showMessage(QStringLiteral("%1: %2").arg(toString(severity), title),
                                         15000);
            });
    connect(m_feed.get(), &client::RegionFeed::regionsLoaded, this, &MainWindow::regionsLoaded);
    connect(m_details, &RegionDetailsPanel::dashboardRequested, this,
            [this](const QString &code) { createRegionDashboard(code)->show(); });
    connect(m_analyticsScreen, &AnalyticsScreen::dashboardRequested, this,
            [this](const QString &code) { createRegionDashboard(code)->show(); });
    connect(m_regions.get(), &QAbstractItemModel::modelReset, this,
            [this] { m_details->setRegionNames(m_regions->regionNames()); });
    connect(m_feed.get(), &client::RegionFeed::failed, this, &MainWindow::onServerFailure);
    connect(m_session.get(), &client::Session::stateChanged, this, &MainWindow::refreshStatus);
    connect(m_freshness.get(), &client::Freshness::staleChanged, this, &MainWindow::refreshStale);
    connect(m_freshness.get(), &client::Freshness::ageChanged, this, &MainWindow::refreshStale);
    m_freshness->setTicking(true);
    connect(m_map, &MapWidget::regionClicked, this, &MainWindow::onRegionSelected);
    connect(m_map, &MapWidget::selectedRegionChanged, this, &MainWindow::onRegionSelected);
    connect(m_map, &MapWidget::mapClicked, this, [this](const GeoPoint &point) {
        if (!m_pickLocationOnMap)
            return;
        m_pickLocationOnMap = false;
        unsetCursor();
        setUserLocation(point, tr("Picked on the map"));
    });
    connect(m_waddlesPanel, &WaddlesPanel::membersLoaded, this,
            [this](const QString &, const QList<LocationGroup> &groups, const QString &current) {
                m_map->setMembers(groups, current);
            });

    m_statusTimer.setInterval(10000);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::refreshStatus);
    m_statusTimer.start();

    if (const auto location = savedOrGuessedLocation()) {
        setUserLocation(location->first, location->second);
    } else {
        // Nothing saved and no city for this time zone: ask (SPEC §13).
        // Short enough for a 1024-pixel window beside the server and the
        // connection state (issue 10: it was cut there).
        statusBar()->showMessage(tr("Where are you? Set My Location (Ctrl+L) for true latency "
                                    "estimates."));
    }
    locateFromPositioning();
    restoreWindowState();
    refreshStatus();
}

MainWindow::~MainWindow()
{
    // Teardown order matters: the screens go first (they hold references to
    // the services), then in-flight calls are cancelled while everything
    // their continuations may touch (session, cache, models) still exists.
    delete takeCentralWidget();
    qDeleteAll(findChildren<FailoverWizard *>(Qt::FindDirectChildrenOnly));
    qDeleteAll(findChildren<MigrationWizard *>(Qt::FindDirectChildrenOnly));
    qDeleteAll(findChildren<OptimiserDialog *>(Qt::FindDirectChildrenOnly));
    qDeleteAll(findChildren<RegionManagementDialog *>(Qt::FindDirectChildrenOnly));
    delete m_jobsDock;
    delete m_alertsDock;
    delete m_trayIcon;
    m_trayStatus.reset();
    m_prober->cancel();
    m_events->stop();
    m_api.reset();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction =
        file->addAction(tr("&Connect to Server…"), this, &MainWindow::openConnectDialog);
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addAction(tr("Use the &Demo Fleet"), this, &MainWindow::demoRequested);
    QAction *refresh = file->addAction(tr("&Refresh"), this, &MainWindow::loadRegions);
    refresh->setShortcut(QKeySequence::Refresh);
    file->addSeparator();
    m_closeToTrayAction = file->addAction(tr("Close to &Tray"));
    m_closeToTrayAction->setObjectName(QStringLiteral("closeToTrayAction"));
    m_closeToTrayAction->setCheckable(true);
    m_closeToTrayAction->setToolTip(
        tr("Closing the window keeps the console watching from the system tray"));
    connect(m_closeToTrayAction, &QAction::toggled, this, &MainWindow::setCloseToTray);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, [this] {
        m_quitting = true;
        close();
    });
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const std::array<std::pair<QString, Page>, 5> pages{{{tr("&Map"), Page::Map},
                                                         {tr("&Latency"), Page::Latency},
                                                         {tr("&Waddles"), Page::Waddles},
                                                         {tr("&Analytics"), Page::Analytics},
                                                         {tr("Global &Status"), Page::Status}}};
    for (int i = 0; i < static_cast<int>(pages.size()); ++i) {
        QAction *a = view->addAction(pages[i].first, this,
                                     [this, page = pages[i].second] { showPage(page); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    QAction *alerts = m_alertsDock->toggleViewAction();
    alerts->setText(tr("A&lerts"));
    alerts->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    view->addAction(alerts);
    view->addSeparator();
    QAction *fit = view->addAction(tr("&Fit Map to All Regions"), m_map, &MapWidget::fitAll);
    fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QMenu *projection = view->addMenu(tr("&Projection"));
    auto *projections = new QActionGroup(this);
    for (const auto &[label, value] :
         {std::pair{tr("Equal Earth"), Projection::EqualEarth},
          std::pair{tr("Equirectangular"), Projection::Equirectangular}}) {
        QAction *a = projection->addAction(label, this, [this, value] {
            m_map->setProjection(value);
            QSettings().setValue(QStringLiteral("map/projection"), toString(value));
        });
        a->setCheckable(true);
        a->setChecked(value == Projection::EqualEarth);
        projections->addAction(a);
    }
    QAction *density = view->addAction(tr("Member &Density"));
    density->setObjectName(QStringLiteral("densityAction"));
    density->setCheckable(true);
    density->setToolTip(tr("Show the selected waddle's members as a smooth density map instead "
                           "of dots (M on the map)"));
    connect(density, &QAction::toggled, m_map, [this](bool on) {
        m_map->setMemberDisplay(on ? MemberDisplay::Density : MemberDisplay::Dots);
    });
    connect(m_map, &MapWidget::memberDisplayChanged, density, [density](MemberDisplay display) {
        density->setChecked(display == MemberDisplay::Density);
    });
    view->addSeparator();
    m_darkAction = view->addAction(tr("&Dark Theme"));
    m_darkAction->setObjectName(QStringLiteral("darkAction"));
    m_darkAction->setCheckable(true);
    m_darkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(m_darkAction, &QAction::toggled, this, &MainWindow::setDark);

    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    // The Latency screen owns Test All Regions (and its Ctrl+T); the menu
    // shows that same action, so the key has one owner on every screen.
    QAction *test = m_latencyPanel->testAction();
    tools->addAction(test);
    connect(test, &QAction::triggered, this, [this] { showPage(Page::Latency); });
    QAction *locate =
        tools->addAction(tr("Set My &Location…"), this, &MainWindow::openLocationDialog);
    locate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    // Re-tests while the window watches (issue 13): off unless chosen.
    QMenu *retest = tools->addMenu(tr("&Re-test in the Background"));
    auto *retestGroup = new QActionGroup(this);
    for (int minutes : client::BackgroundRetest::kChoices) {
        QAction *choice = retest->addAction(
            minutes == 0 ? tr("&Off") : tr("Every %n minute(s)", nullptr, minutes));
        choice->setObjectName(QStringLiteral("retest%1Action").arg(minutes));
        choice->setCheckable(true);
        choice->setData(minutes);
        retestGroup->addAction(choice);
        connect(choice, &QAction::triggered, this, [this, minutes] { setRetestMinutes(minutes); });
        m_retestActions.append(choice);
    }

    QMenu *operations = menuBar()->addMenu(tr("&Operations"));
    // A read-only key's disabled actions say which role they need.
    operations->setToolTipsVisible(true);
    QAction *failover = operations->addAction(tr("&Fail Over Region…"), this,
                                              [this] { openFailoverWizard(QString()); });
    failover->setObjectName(QStringLiteral("failoverAction"));
    m_permissions->bind(failover, Action::Failover);
    QAction *migrate = operations->addAction(tr("&Migrate Waddles…"), this, [this] {
        QStringList ids = m_waddlesPanel->selectedWaddleIds();
        if (ids.isEmpty() && !m_waddlesPanel->currentWaddleId().isEmpty())
            ids = {m_waddlesPanel->currentWaddleId()};
        if (ids.isEmpty()) {
            // Choose them on the Waddles screen first.
            showPage(Page::Waddles);
            statusBar()->showMessage(tr("Select the waddles to migrate, then Migrate…"), 5000);
            return;
        }
        openMigrationWizard(ids, {});
    });
    migrate->setObjectName(QStringLiteral("migrateAction"));
    m_permissions->bind(migrate, Action::MigrateWaddles);
    QAction *drain = operations->addAction(tr("&Drain Selected Region…"), this, [this] {
        if (m_selectedRegion.isEmpty()) {
            statusBar()->showMessage(tr("Select a region on the map first"), 5000);
            return;
        }
        openMigrationWizard({}, m_selectedRegion);
    });
    drain->setObjectName(QStringLiteral("drainAction"));
    m_permissions->bind(drain, Action::DrainRegion);
    QAction *optimise = operations->addAction(tr("&Optimise Fleet…"), this, [this] {
        OptimiserDialog *dialog = createOptimiserDialog();
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    optimise->setObjectName(QStringLiteral("optimiseAction"));
    m_permissions->bind(optimise, Action::OptimiseFleet);
    QAction *manage = operations->addAction(tr("Manage &Regions…"), this,
                                            [this] { openRegionManagement(m_selectedRegion); });
    manage->setObjectName(QStringLiteral("manageRegionsAction"));
    manage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_permissions->bind(manage, Action::ManageRegions);
    operations->addSeparator();
    QAction *jobs = m_jobsDock->toggleViewAction();
    jobs->setText(tr("&Jobs"));
    jobs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J));
    operations->addAction(jobs);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Waddle Region Console"), this, [this] {
        QMessageBox *about = createAboutBox();
        about->setAttribute(Qt::WA_DeleteOnClose);
        about->open();
    });
}

QMessageBox *MainWindow::createAboutBox()
{
    // Only what this release does: no failover or alerting promised before
    // it exists (issue 10).
    auto *box = new QMessageBox(this);
    box->setWindowTitle(tr("About Waddle Region Console"));
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<p><b>Waddle Region Console %1</b></p>"
                    "<p>Choose the voice region for a waddle, measure your latency to every "
                    "region, and watch the health of the regions on a live map.</p>"
                    "<p>Map data: Natural Earth (public domain) via world-atlas. City table: "
                    "Natural Earth via city-timezones.</p>")
                     .arg(QStringLiteral(WADDLE_VERSION)));
    box->setStandardButtons(QMessageBox::Ok);
    return box;
}

void MainWindow::buildStatusBar()
{
    m_serverLabel = new QLabel;
    m_serverLabel->setObjectName(QStringLiteral("serverLabel"));
    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));
    m_serverLabel->setAccessibleName(tr("Server"));
    m_stateLabel->setAccessibleName(tr("Connection state"));
    statusBar()->addPermanentWidget(m_serverLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
}

void MainWindow::connectTo(const QUrl &server, const QString &apiKey, bool demo)
{
    m_services.demo = demo;
    m_api->setBaseUrl(server);
    m_api->setApiKey(apiKey);
    m_session->setServer(server);
    m_session->setApiKey(apiKey);
    m_serverLabel->setText(demo ? tr("Demo fleet (simulated)") : server.toString());
    m_serverLabel->setToolTip(demo ? tr("Demo fleet (simulated) at %1").arg(server.authority())
                                   : server.toString());
    if (demo) {
        m_banner->setText(tr("<b>Demo fleet (simulated).</b> Regions, members and latencies come "
                             "from a simulated fleet running on this computer. Use File › "
                             "Connect to Server… for a real control plane."));
        m_banner->show();
    } else {
        m_banner->hide();
    }
    // What the key may do: its role decides which actions are offered.
    client::fetchKeyRole(*m_api, *m_session);
    // The cached state at once, then the server's, then live.
    m_feed->start();
    m_jobs->refresh();
    m_alerts->refresh();
    refreshStatus();
}

void MainWindow::buildTray()
{
    // Offscreen and in sessions without a tray there is none: the window
    // stays the only place, and closing it quits (issue 13).
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;
    m_trayIcon = new QSystemTrayIcon(this);
    m_trayIcon->setObjectName(QStringLiteral("trayIcon"));
    auto *menu = new QMenu(this);
    menu->addAction(tr("&Show Waddle Region Console"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    menu->addAction(tr("Show &Alerts"), this, [this] {
        showNormal();
        m_alertsDock->show();
        m_alertsDock->raise();
    });
    menu->addSeparator();
    menu->addAction(tr("&Quit"), this, [this] {
        m_quitting = true;
        // A hidden window's close is not the last window closing.
        const bool hidden = isHidden();
        if (close() && hidden)
            QCoreApplication::quit();
    });
    m_trayIcon->setContextMenu(menu);
    const auto apply = [this] {
        m_trayIcon->setIcon(trayStatusIcon(m_trayStatus->level()));
        m_trayIcon->setToolTip(m_trayStatus->toolTip());
    };
    connect(m_trayStatus.get(), &client::TrayStatus::levelChanged, m_trayIcon, apply);
    connect(m_trayStatus.get(), &client::TrayStatus::toolTipChanged, m_trayIcon, apply);
    connect(m_trayStatus.get(), &client::TrayStatus::notify, m_trayIcon,
            [this](const QString &title, const QString &message) {
                m_trayIcon->showMessage(title, message, QSystemTrayIcon::Critical, 15000);
            });
    connect(m_trayIcon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason != QSystemTrayIcon::Trigger && reason != QSystemTrayIcon::DoubleClick)
                    return;
                showNormal();
                raise();
                activateWindow();
            });
    connect(m_trayIcon, &QSystemTrayIcon::messageClicked, this, [this] {
        showNormal();
        m_alertsDock->show();
        m_alertsDock->raise();
    });
    apply();
    m_trayIcon->show();
}

void MainWindow::setCloseToTray(bool on)
{
    if (m_closeToTrayAction && m_closeToTrayAction->isChecked() != on) {
        m_closeToTrayAction->setChecked(on); // calls back here
        return;
    }
    m_closeToTray = on;
    QSettings().setValue(QStringLiteral("window/closeToTray"), on);
}

void MainWindow::setRetestMinutes(int minutes)
{
    m_retest->setIntervalMinutes(minutes);
    for (QAction *choice : std::as_const(m_retestActions))
        choice->setChecked(choice->data().toInt() == m_retest->intervalMinutes());
    QSettings().setValue(QStringLiteral("latency/retestMinutes"), m_retest->intervalMinutes());
}

void MainWindow::showOnMap(const QString &region)
{
    showPage(Page::Map);
    onRegionSelected(region);
}

FailoverWizard *MainWindow::createFailoverWizard(const QString &region)
{
    QString code = region;
    for (const Region &r : m_regions->regions()) {
        if (code.isEmpty() && r.status == RegionStatus::Offline)
            code = r.code;
    }
    if (code.isEmpty())
        code = m_selectedRegion;
    return new FailoverWizard(m_services, code, this);
}

void MainWindow::openFailoverWizard(const QString &region, const QString &jobId)
{
    FailoverWizard *wizard = createFailoverWizard(region);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!jobId.isEmpty())
        wizard->openJob(jobId);
    wizard->show();
}

MigrationWizard *MainWindow::createMigrationWizard(const QStringList &ids, const QString &drain)
{
    auto *wizard = new MigrationWizard(m_services, this);
    if (ids.isEmpty())
        wizard->setDrain(drain);
    else
        wizard->setWaddles(ids);
    return wizard;
}

OptimiserDialog *MainWindow::createOptimiserDialog()
{
    return new OptimiserDialog(m_services, this);
}

RegionManagementDialog *MainWindow::createRegionManagementDialog(const QString &code)
{
    auto *dialog = new RegionManagementDialog(m_services, this);
    if (!code.isEmpty())
        dialog->openRegion(code);
    return dialog;
}

void MainWindow::openRegionManagement(const QString &code)
{
    RegionManagementDialog *dialog = createRegionManagementDialog(code);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::openMigrationWizard(const QStringList &ids, const QString &drain,
                                     const QString &jobId)
{
    MigrationWizard *wizard = createMigrationWizard(ids, drain);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    if (!jobId.isEmpty())
        wizard->openJob(jobId);
    wizard->show();
}

void MainWindow::showStartupFailure(const QString &reason)
{
    m_banner->setText(tr("<b>The built-in demo backend did not start:</b> %1. Use File › Connect "
                         "to Server… to reach a control plane.")
                          .arg(reason.toHtmlEscaped()));
    m_banner->show();
    m_stateLabel->setText(tr("Not connected"));
}

void MainWindow::loadRegions()
{
    m_feed->refresh();
}

void MainWindow::onServerFailure(const client::ApiError &error)
{
    // The feed told the session; say it in passing.
    statusBar()->showMessage(error.describe(), 10000);
    refreshStatus();
}

void MainWindow::refreshStatus()
{
    if (!m_session->server().isValid())
        return;
    QString text = m_session->statusText(QDateTime::currentDateTimeUtc());
    if (m_session->isConnected() && m_session->lastUpdate().isValid()) {
        text += tr(" · updated %1")
                    .arg(QLocale().toString(m_session->lastUpdate().toLocalTime().time(),
                                            QLocale::ShortFormat));
    }
    m_stateLabel->setText(text);
}

void MainWindow::refreshStale()
{
    const bool stale = m_freshness->isStale();
    // Words first (shape, not only colour): the banner, the markers' labels.
    m_staleBanner->setText(m_freshness->bannerText());
    m_staleBanner->setAccessibleName(m_freshness->bannerText());
    m_staleBanner->setVisible(stale);
    m_map->setStale(stale);
    refreshStatus();
}

QString MainWindow::statusText() const
{
    return m_stateLabel->text();
}

void MainWindow::onRegionSelected(const QString &code)
{
    m_selectedRegion = code;
    const int row = m_regions->rowOf(code);
    if (code.isEmpty() || row < 0) {
        m_details->clear();
        m_feed->loadDetail(QString()); // an answer still coming is not wanted
        return;
    }
    const Region *region = m_regions->region(row);
    m_details->setRegion(*region);
    m_map->setSelectedRegion(code);
    m_feed->loadDetail(code);
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(static_cast<int>(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return static_cast<Page>(m_pages->currentIndex());
}

std::optional<std::pair<GeoPoint, QString>> MainWindow::savedOrGuessedLocation()
{
    QSettings settings;
    settings.beginGroup(QLatin1String(kLocationKey));
    if (settings.contains(QStringLiteral("latitude"))) {
        const GeoPoint point{settings.value(QStringLiteral("latitude")).toDouble(),
                             settings.value(QStringLiteral("longitude")).toDouble()};
        return std::pair{point, settings.value(QStringLiteral("label")).toString()};
    }
    if (const auto city = cityOfSystemTimeZone()) {
        return std::pair{city->point,
                         QObject::tr("%1 (guessed from the time zone)").arg(city->name)};
    }
    return std::nullopt;
}

void MainWindow::setUserLocation(const GeoPoint &point, const QString &label)
{
    m_userLocation = point;
    m_map->setUserLocation(point);
    QSettings settings;
    settings.beginGroup(QLatin1String(kLocationKey));
    settings.setValue(QStringLiteral("latitude"), point.latitude);
    settings.setValue(QStringLiteral("longitude"), point.longitude);
    settings.setValue(QStringLiteral("label"), label);
    statusBar()->showMessage(tr("Your location: %1").arg(label), 8000);
}

void MainWindow::locateFromPositioning()
{
    // Qt Positioning where a source answers within a few seconds; the saved
    // or time-zone location stays otherwise (SPEC §13).
    m_positioning = QGeoPositionInfoSource::createDefaultSource(this);
    if (!m_positioning)
        return;
    connect(m_positioning, &QGeoPositionInfoSource::positionUpdated, this,
            [this](const QGeoPositionInfo &info) {
                if (info.isValid()) {
                    setUserLocation({info.coordinate().latitude(), info.coordinate().longitude()},
                                    tr("from the system's positioning"));
                }
                m_positioning->deleteLater();
            });
    connect(m_positioning, &QGeoPositionInfoSource::errorOccurred, m_positioning,
            &QObject::deleteLater);
    m_positioning->requestUpdate(4000);
}

LocationDialog *MainWindow::createLocationDialog()
{
    return new LocationDialog(m_userLocation, this);
}

RegionDashboardDialog *MainWindow::createRegionDashboard(const QString &code)
{
    auto *dialog =
        new RegionDashboardDialog(*m_api, code, m_regions->regionNames().value(code), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    return dialog;
}

ConnectDialog *MainWindow::createConnectDialog()
{
    return new ConnectDialog(m_session->server(), m_session->apiKey(), m_services.demo,
                             m_keyStore.get(), this);
}

void MainWindow::setKeyStore(std::unique_ptr<client::KeyStore> store)
{
    if (store)
        m_keyStore = std::move(store);
}

void MainWindow::openLocationDialog()
{
    const std::unique_ptr<LocationDialog> owned(createLocationDialog());
    LocationDialog &dialog = *owned;
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.pickOnMap()) {
        showPage(Page::Map);
        m_pickLocationOnMap = true;
        m_map->setCursor(Qt::CrossCursor);
        statusBar()->showMessage(tr("Click on the map where you are."), 15000);
        return;
    }
    if (const auto city = dialog.city())
        setUserLocation(city->point, QStringLiteral("%1, %2").arg(city->name, city->country));
}

void MainWindow::openConnectDialog()
{
    const std::unique_ptr<ConnectDialog> owned(createConnectDialog());
    ConnectDialog &dialog = *owned;
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (dialog.useDemo())
        Q_EMIT demoRequested();
    else
        Q_EMIT connectRequested(dialog.server(), dialog.apiKey());
}

void MainWindow::setDark(bool dark)
{
    // The menu's check mark follows whoever changes the theme.
    if (m_darkAction && m_darkAction->isChecked() != dark) {
        m_darkAction->setChecked(dark); // calls back here
        return;
    }
    m_dark = dark;
    applyTheme(dark);
    m_map->setDark(dark);
    QSettings().setValue(QStringLiteral("window/dark"), dark);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 860);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    showPage(static_cast<Page>(std::clamp(settings.value(QStringLiteral("window/page"), 0).toInt(),
                                          0, static_cast<int>(Page::Status))));
    if (settings.value(QStringLiteral("window/dark"), false).toBool())
        setDark(true);
    if (settings.value(QStringLiteral("window/closeToTray"), false).toBool())
        setCloseToTray(true);
    if (const auto projection =
            projectionFromString(settings.value(QStringLiteral("map/projection")).toString()))
        m_map->setProjection(*projection);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_closeToTray && m_trayIcon && m_trayIcon->isVisible() && !m_quitting) {
        // Keeps watching: the tray's icon, tooltip and notifications go on.
        hide();
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/page"), m_pages->currentIndex());
    QMainWindow::closeEvent(event);
}

} // namespace waddle::ui
