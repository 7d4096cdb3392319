#include "screenshotter.h"

#include "alerts/alertsdock.h"
#include "analytics/alertspanel.h"
#include "analytics/custommetricspanel.h"
#include "analytics/exportpanel.h"
#include "analytics/regiondashboarddialog.h"
#include "client/failovercontroller.h"
#include "client/migrationcontroller.h"
#include "client/optimisercontroller.h"
#include "client/regionadmincontroller.h"
#include "client/regiondashboardcontroller.h"
#include "client/regionsmodel.h"
#include "client/waddlesmodel.h"
#include "connectdialog.h"
#include "latency/latencypanel.h"
#include "locationdialog.h"
#include "mainwindow.h"
#include "operations/failoverwizard.h"
#include "operations/migrationwizard.h"
#include "operations/optimiserdialog.h"
#include "operations/regionmanagementdialog.h"
#include "waddles/waddlespanel.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QCoroSignal>
#include <QCoroTimer>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QTabWidget>
#include <QTableView>

#include <memory>

namespace waddle::ui {

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Time for live health to arrive and for a screen to lay out and paint.
constexpr auto kSettle = 1500ms;
constexpr auto kPaint = 300ms;

} // namespace

Screenshotter::Screenshotter(MainWindow &window, const QString &directory, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_directory(directory)
{}

Screenshotter::~Screenshotter() = default;

void Screenshotter::start()
{
    run();
}

// Through the list as a user would (the first row of the first list on the
// Waddles screen), not through the screen's internals.
void Screenshotter::selectFirstWaddle()
{
    auto *page = m_window.findChild<WaddlesPanel *>();
    if (!page)
        return;
    for (QAbstractItemView *view : page->findChildren<QAbstractItemView *>()) {
        if (!view->isVisible() || !view->model() || view->model()->rowCount() == 0)
            continue;
        view->setCurrentIndex(view->model()->index(0, 0));
        return;
    }
}

bool Screenshotter::save(QWidget &widget, const QString &name)
{
    const QString path = QDir(m_directory).filePath(name);
    if (!widget.grab().save(path, "PNG")) {
        m_error = tr("could not write %1").arg(QDir::toNativeSeparators(path));
        return false;
    }
    m_written.append(path);
    return true;
}

QCoro::Task<> Screenshotter::run()
{
    const QPointer<Screenshotter> self(this);
    if (!QDir().mkpath(m_directory)) {
        Q_EMIT finished(
            false, tr("cannot create the folder %1").arg(QDir::toNativeSeparators(m_directory)));
        co_return;
    }
    // The regions: listed already (from the cache) or on their way.
    if (m_window.services().regions->rowCount() == 0) {
        const auto loaded = co_await qCoro(&m_window, &MainWindow::regionsLoaded, kTimeout);
        if (!self)
            co_return;
        if (!loaded) {
            Q_EMIT finished(false, tr("the regions did not load within %1 s")
                                       .arg(std::chrono::seconds(kTimeout).count()));
            co_return;
        }
    }
    co_await QCoro::sleepFor(kSettle);
    if (!self)
        co_return;

    // A latency test, to its end.
    m_window.showPage(MainWindow::Page::Latency);
    LatencyPanel *latency = m_window.findChild<LatencyPanel *>();
    if (!latency) {
        Q_EMIT finished(false, tr("the window has no Latency screen"));
        co_return;
    }
    if (!latency->isTesting())
        latency->testAll();
    if (latency->isTesting()) {
        const auto done = co_await qCoro(latency, &LatencyPanel::testingChanged, kTimeout);
        if (!self)
            co_return;
        if (!done || latency->isTesting()) {
            Q_EMIT finished(false, tr("the latency test did not finish within %1 s")
                                       .arg(std::chrono::seconds(kTimeout).count()));
            co_return;
        }
    }

    // Waddles first: it loads its list when first shown, and the first
    // waddle, once selected, puts its members on the map.
    m_window.showPage(MainWindow::Page::Waddles);
    co_await QCoro::sleepFor(kSettle);
    if (!self)
        co_return;
    selectFirstWaddle();
    co_await QCoro::sleepFor(kSettle);
    if (!self)
        co_return;
    // The analytics screen loads when first shown: once now, to have its
    // figures and its forecast by the time it is photographed.
    m_window.showPage(MainWindow::Page::Analytics);
    co_await QCoro::sleepFor(kSettle);
    if (!self)
        co_return;
    // The global status loads when shown, too.
    m_window.showPage(MainWindow::Page::Status);
    co_await QCoro::sleepFor(kSettle);
    if (!self)
        co_return;
    const std::array<std::pair<MainWindow::Page, QString>, 5> pages{
        {{MainWindow::Page::Waddles, u"waddles.png"_s},
         {MainWindow::Page::Analytics, u"analytics.png"_s},
         {MainWindow::Page::Status, u"status.png"_s},
         {MainWindow::Page::Map, u"map.png"_s},
         {MainWindow::Page::Latency, u"latency.png"_s}}};
    // The fastest region's history under the table.
    latency->table()->selectRow(0);
    for (const auto &[page, name] : pages) {
        m_window.showPage(page);
        co_await QCoro::sleepFor(kPaint);
        if (!self)
            co_return;
        if (!save(m_window, name)) {
            Q_EMIT finished(false, m_error);
            co_return;
        }
    }
    // The analytics tabs, with their forms filled in but not saved (nothing
    // changes on the server): a metric with a filter, an alert whose webhook
    // still lacks its URL (the form says so), the export controls.
    if (!co_await shootAnalyticsTabs()) {
        if (self)
            Q_EMIT finished(false, m_error);
        co_return;
    }
    m_window.showPage(MainWindow::Page::Map);
    // The map with the alerts dock in front (the live feed as it stands).
    m_window.alertsDock()->show();
    m_window.alertsDock()->raise();
    co_await QCoro::sleepFor(kPaint);
    if (!self)
        co_return;
    if (!save(m_window, u"alerts.png"_s)) {
        Q_EMIT finished(false, m_error);
        co_return;
    }

    // The dialogs, shown without a nested event loop and closed again.
    const auto shoot = [this](QWidget *dialog, const QString &name) -> QCoro::Task<bool> {
        const std::unique_ptr<QWidget> owned(dialog);
        dialog->show();
        co_await QCoro::sleepFor(kPaint);
        const bool saved = save(*dialog, name);
        dialog->hide();
        co_return saved;
    };
    // The first region's dashboard, once its figures are in.
    const auto shootDashboard = [this]() -> QCoro::Task<bool> {
        const QString code = m_window.services().regions->region(0)->code;
        const std::unique_ptr<RegionDashboardDialog> dialog(m_window.createRegionDashboard(code));
        dialog->setAttribute(Qt::WA_DeleteOnClose, false);
        dialog->resize(m_window.size().boundedTo(QSize(1100, 760)) - QSize(40, 40));
        dialog->show();
        co_await qCoro(&dialog->controller(), &client::RegionDashboardController::loaded, kTimeout);
        co_await QCoro::sleepFor(kPaint);
        const bool saved = save(*dialog, u"dashboard.png"_s);
        dialog->hide();
        co_return saved;
    };
    // Operations › Manage Regions… on the first region, once it is read.
    const auto shootRegionManagement = [this]() -> QCoro::Task<bool> {
        const QString code = m_window.services().regions->region(0)->code;
        const std::unique_ptr<RegionManagementDialog> dialog(
            m_window.createRegionManagementDialog(code));
        dialog->show();
        if (!dialog->controller().region()) {
            co_await qCoro(&dialog->controller(), &client::RegionAdminController::loaded, kTimeout);
        }
        co_await QCoro::sleepFor(kPaint);
        const bool saved = save(*dialog, u"regions-manage.png"_s);
        dialog->hide();
        co_return saved;
    };
    // File › Connect, once the keychain answered (or is known not to).
    const auto shootConnect = [this]() -> QCoro::Task<bool> {
        const std::unique_ptr<ConnectDialog> dialog(m_window.createConnectDialog());
        dialog->show();
        if (dialog->keychain() == ConnectDialog::Keychain::Asking)
            co_await qCoro(dialog.get(), &ConnectDialog::keychainChanged, kTimeout);
        co_await QCoro::sleepFor(kPaint);
        const bool saved = save(*dialog, u"connect.png"_s);
        dialog->hide();
        co_return saved;
    };
    const bool dialogsSaved = co_await shootConnect() &&
                              co_await shoot(m_window.createLocationDialog(), u"location.png"_s) &&
                              co_await shoot(m_window.createAboutBox(), u"about.png"_s) &&
                              co_await shootDashboard() && co_await shootRegionManagement();
    if (!self)
        co_return;
    if (!dialogsSaved) {
        Q_EMIT finished(false, m_error);
        co_return;
    }
    if (!co_await shootFailoverWizard() || !co_await shootMigrationWizard()) {
        if (self)
            Q_EMIT finished(false, m_error);
        co_return;
    }
    Q_EMIT finished(true, m_written.join(u'\n'));
}

QCoro::Task<bool> Screenshotter::shootAnalyticsTabs()
{
    const QPointer<Screenshotter> self(this);
    m_window.showPage(MainWindow::Page::Analytics);
    QTabWidget *tabs = m_window.analyticsTabs();
    CustomMetricsPanel *metrics = m_window.customMetricsPanel();
    AlertsPanel *alerts = m_window.alertsPanel();
    tabs->setCurrentWidget(metrics);
    co_await QCoro::sleepFor(kPaint);
    if (!self)
        co_return false;
    client::MetricDefinition metric;
    metric.metric.name = u"busy_rooms_eu"_s;
    metric.metric.description = u"Rooms of five or more in Frankfurt"_s;
    metric.metric.type = domain::MetricType::Gauge;
    metric.metric.unit = u"count"_s;
    metric.metric.aggregation = domain::Aggregation::Count;
    metric.metric.filter = {{u"region"_s, domain::FilterOp::Eq, u"eu-central"_s},
                            {u"participant_count"_s, domain::FilterOp::Gte, 5}};
    metrics->edit(metric);
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(m_window, u"analytics-metrics.png"_s))
        co_return false;

    tabs->setCurrentWidget(alerts);
    co_await QCoro::sleepFor(kSettle);
    if (!self)
        co_return false;
    client::AlertDefinition alert;
    alert.alert.name = u"Egress over budget"_s;
    alert.alert.metric = u"egress_minutes"_s;
    alert.alert.condition = domain::AlertCondition::Gte;
    alert.alert.threshold = 5000;
    alert.alert.durationMinutes = 15;
    alert.alert.severity = domain::Severity::High;
    alert.alert.channels = {u"desktop"_s, u"webhook"_s};
    alerts->edit(alert);
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(m_window, u"analytics-alerts.png"_s))
        co_return false;
    alerts->tabs()->setCurrentIndex(1);
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(m_window, u"analytics-triggers.png"_s))
        co_return false;
    alerts->tabs()->setCurrentIndex(0);

    tabs->setCurrentWidget(m_window.exportPanel());
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(m_window, u"analytics-export.png"_s))
        co_return false;
    tabs->setCurrentIndex(0);
    co_return true;
}

// The failover wizard up to its confirmation, on a dry run of demo data:
// nothing is started (the screenshots change nothing on the server).
QCoro::Task<bool> Screenshotter::shootFailoverWizard()
{
    const QPointer<Screenshotter> self(this);
    const std::unique_ptr<FailoverWizard> wizard(m_window.createFailoverWizard());
    wizard->show();
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(*wizard, u"failover-1-region.png"_s))
        co_return false;
    wizard->next();
    if (!wizard->controller().plan()) {
        const auto planned =
            co_await qCoro(&wizard->controller(), &client::FailoverController::planReady, kTimeout);
        if (!self)
            co_return false;
        if (!planned) {
            m_error = tr("the failover dry run did not answer within %1 s")
                          .arg(std::chrono::seconds(kTimeout).count());
            co_return false;
        }
    }
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(*wizard, u"failover-2-dry-run.png"_s))
        co_return false;
    wizard->next();
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(*wizard, u"failover-3-confirm.png"_s))
        co_return false;
    wizard->hide();
    co_return true;
}

// The migration wizard's target page (every region with who gets faster or
// slower) and its when page, for the first waddle and for a drain of its
// region; nothing is started.
QCoro::Task<bool> Screenshotter::shootMigrationWizard()
{
    QString id = m_window.waddlesPanel()->currentWaddleId();
    const client::WaddlesModel *waddles = m_window.waddlesPanel()->waddlesModel();
    if (id.isEmpty() && waddles->rowCount() > 0)
        id = waddles->index(0, 0).data(client::WaddlesModel::IdRole).toString();
    QString region;
    for (int row = 0; row < waddles->rowCount() && region.isEmpty(); ++row) {
        if (waddles->index(row, 0).data(client::WaddlesModel::IdRole).toString() == id)
            region =
                waddles->index(row, 0).data(client::WaddlesModel::CurrentRegionRole).toString();
    }
    if (id.isEmpty()) {
        m_error = tr("no waddle to show the migration wizard for");
        co_return false;
    }
    // Not braced lists inside co_await (GCC 12 rejects them).
    const QStringList ids{id};
    if (!co_await shootMigrationPages(ids, QString(), QStringLiteral("migration")))
        co_return false;
    if (region.isEmpty())
        co_return co_await shootOptimiser();
    if (!co_await shootMigrationPages(QStringList(), region, QStringLiteral("drain")))
        co_return false;
    co_return co_await shootOptimiser();
}

// Operations › Optimise Fleet… on its dry run; nothing is applied.
QCoro::Task<bool> Screenshotter::shootOptimiser()
{
    const QPointer<Screenshotter> self(this);
    const std::unique_ptr<OptimiserDialog> dialog(m_window.createOptimiserDialog());
    dialog->show();
    if (!dialog->controller().hasResult()) {
        const auto ready = co_await qCoro(&dialog->controller(),
                                          &client::OptimiserController::proposalsReady, kTimeout);
        if (!self)
            co_return false;
        if (!ready) {
            m_error = tr("the optimiser's dry run did not answer within %1 s")
                          .arg(std::chrono::seconds(kTimeout).count());
            co_return false;
        }
    }
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(*dialog, QStringLiteral("optimiser.png")))
        co_return false;
    dialog->hide();
    co_return true;
}

QCoro::Task<bool> Screenshotter::shootMigrationPages(QStringList ids, QString drain, QString prefix)
{
    const QPointer<Screenshotter> self(this);
    const std::unique_ptr<MigrationWizard> wizard(m_window.createMigrationWizard(ids, drain));
    wizard->show();
    const auto ready =
        co_await qCoro(&wizard->controller(), &client::MigrationController::targetsReady, kTimeout);
    if (!self)
        co_return false;
    if (!ready) {
        m_error = tr("the migration previews did not answer within %1 s")
                      .arg(std::chrono::seconds(kTimeout).count());
        co_return false;
    }
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(*wizard, prefix + QStringLiteral("-1-target.png")))
        co_return false;
    wizard->next();
    co_await QCoro::sleepFor(kPaint);
    if (!self || !save(*wizard, prefix + QStringLiteral("-2-when.png")))
        co_return false;
    wizard->hide();
    co_return true;
}

} // namespace waddle::ui
