#include "screenshotter.h"

#include "client/regionsmodel.h"
#include "connectdialog.h"
#include "latency/latencypanel.h"
#include "locationdialog.h"
#include "mainwindow.h"
#include "waddles/waddlespanel.h"

#include <QAbstractItemView>
#include <QCoroSignal>
#include <QCoroTimer>
#include <QDir>
#include <QMessageBox>
#include <QPointer>
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
    const std::array<std::pair<MainWindow::Page, QString>, 3> pages{
        {{MainWindow::Page::Waddles, u"waddles.png"_s},
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
    m_window.showPage(MainWindow::Page::Map);

    // The dialogs, shown without a nested event loop and closed again.
    const auto shoot = [this](QWidget *dialog, const QString &name) -> QCoro::Task<bool> {
        const std::unique_ptr<QWidget> owned(dialog);
        dialog->show();
        co_await QCoro::sleepFor(kPaint);
        const bool saved = save(*dialog, name);
        dialog->hide();
        co_return saved;
    };
    const bool dialogsSaved = co_await shoot(m_window.createConnectDialog(), u"connect.png"_s) &&
                              co_await shoot(m_window.createLocationDialog(), u"location.png"_s) &&
                              co_await shoot(m_window.createAboutBox(), u"about.png"_s);
    if (!self)
        co_return;
    if (!dialogsSaved) {
        Q_EMIT finished(false, m_error);
        co_return;
    }
    Q_EMIT finished(true, m_written.join(u'\n'));
}

} // namespace waddle::ui
