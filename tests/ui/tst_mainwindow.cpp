// The main window: start-up against a real control plane with the demo
// fleet, navigation, live status, an offline start from the cache, and
// screenshots of every screen for review.
#include "client/freshness.h"
#include "client/latencyresultsmodel.h"
#include "client/liveevents.h"
#include "client/recommendationmodel.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "client/waddleeditor.h"
#include "client/waddlesmodel.h"
#include "embedded/embeddedbackend.h"
#include "support/testbackend.h"
#include "ui/latency/latencypanel.h"
#include "ui/locationdialog.h"
#include "ui/mainwindow.h"
#include "ui/map/legendlayer.h"
#include "ui/map/maprenderer.h"
#include "ui/map/mapwidget.h"
#include "ui/waddles/waddlespanel.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QScrollBar>
#include <QShortcut>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

QString screenshotDir()
{
    const QString dir =
        qEnvironmentVariable("WADDLE_SCREENSHOT_DIR", QDir::currentPath() + u"/screenshots"_s);
    QDir().mkpath(dir);
    return dir;
}

void shoot(QWidget &widget, const QString &name)
{
    QVERIFY(widget.grab().save(screenshotDir() + u'/' + name));
}

// Labels in `root` that show: whole, wrapped, or with a tooltip (issue 10).
void verifyNoLabelCutWithoutTooltip(QWidget *root)
{
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (!label->isVisible() || label->wordWrap() || label->text().isEmpty() ||
            !label->pixmap().isNull())
            continue;
        QVERIFY2(label->width() >= label->sizeHint().width() || !label->toolTip().isEmpty(),
                 qPrintable(u"label \"%1\" (%2): %3 < %4"_s.arg(label->text(), label->objectName())
                                .arg(label->width())
                                .arg(label->sizeHint().width())));
    }
}

// Connects `window` to the demo backend, shows it and waits for the regions.
bool showConnected(ui::MainWindow &window, test::TestBackend &backend)
{
    QSignalSpy loaded(&window, &ui::MainWindow::regionsLoaded);
    window.connectTo(backend.plane().baseUrl(), backend.adminKey(), true);
    window.show();
    QApplication::setActiveWindow(&window);
    return QTest::qWaitForWindowActive(&window) &&
           QTest::qWaitFor([&loaded] { return !loaded.isEmpty(); }, 10000);
}

// Whether a QAction's shortcut can fire now: through a visible widget it was
// added to, or through a menu (window-wide shortcuts in the menu bar).
bool actionIsLive(const QAction *action)
{
    if (!action->isEnabled())
        return false;
    const QObjectList owners = action->associatedObjects();
    return std::any_of(owners.cbegin(), owners.cend(), [action](const QObject *owner) {
        if (qobject_cast<const QMenu *>(owner))
            return action->shortcutContext() != Qt::WidgetShortcut;
        const auto *widget = qobject_cast<const QWidget *>(owner);
        return widget && widget->isVisible();
    });
}

// Every key sequence that two live owners (actions, QShortcuts, buttons)
// claim in `window` at once, with who claims it: Qt then runs neither
// ("Ambiguous shortcut overload").
QStringList shortcutClashes(QWidget &window)
{
    QMap<QString, QStringList> owners;
    const auto claim = [&owners](const QKeySequence &key, const QString &who) {
        if (!key.isEmpty())
            owners[key.toString()].append(who);
    };
    for (QAction *action : window.findChildren<QAction *>()) {
        if (!actionIsLive(action))
            continue;
        for (const QKeySequence &key : action->shortcuts())
            claim(key, u"action "_s + action->text());
    }
    for (QShortcut *shortcut : window.findChildren<QShortcut *>()) {
        const auto *parent = qobject_cast<QWidget *>(shortcut->parent());
        if (!shortcut->isEnabled() || !parent || !parent->isVisible())
            continue;
        for (const QKeySequence &key : shortcut->keys())
            claim(key, u"shortcut on "_s + parent->objectName());
    }
    for (QAbstractButton *button : window.findChildren<QAbstractButton *>()) {
        if (button->isVisible() && button->isEnabled())
            claim(button->shortcut(), u"button "_s + button->text());
    }
    QStringList clashes;
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        if (it->size() > 1)
            clashes.append(it.key() + u": "_s + it->join(u", "_s));
    }
    return clashes;
}

const char *pageName(ui::MainWindow::Page page)
{
    switch (page) {
    case ui::MainWindow::Page::Map:
        return "Map";
    case ui::MainWindow::Page::Latency:
        return "Latency";
    case ui::MainWindow::Page::Waddles:
        return "Waddles";
    case ui::MainWindow::Page::Analytics:
        return "Analytics";
    case ui::MainWindow::Page::Status:
        return "Global Status";
    }
    return "?";
}

// Runs `key` while a modal dialog may open, and closes whatever opens:
// the class name of the dialog that opened, or nothing.
QString dialogOpenedBy(QWidget &target, Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    QString opened;
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &poll, [&opened, &poll] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            opened = QString::fromLatin1(modal->metaObject()->className());
            poll.stop();
            modal->close();
        }
    });
    poll.start();
    QTest::keyClick(&target, key, modifiers);
    QTest::qWait(100);
    poll.stop();
    return opened;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAgainstTheDemoBackend();
    void startsWithTheEmbeddedBackend();
    void navigationByKeyboard();
    void opensOfflineWithTheLastKnownState();
    void screenshotsOfEveryScreen();
    void everyShortcutHasOneOwnerOnEveryScreen();
    void densityIsInTheViewMenu();
    void aboutSaysWhatTheAppDoes();
    void latencyFitsAt1024x700();
    void waddlesFitAt1024x700();
    void staleBannerWhenTheServerDies();
};

void TestMainWindow::startsAgainstTheDemoBackend()
{
    test::TestBackend backend;
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    ui::MainWindow window;
    QSignalSpy loaded(&window, &ui::MainWindow::regionsLoaded);
    window.connectTo(backend.plane().baseUrl(), backend.adminKey(), true);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);
    QCOMPARE(loaded.at(0).at(0).toInt(), 6);
    QCOMPARE(window.services().regions->rowCount(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(
        window.services().session->state() == client::Session::State::Connected, 10000);
    QVERIFY2(window.statusText().startsWith(u"Connected · updated "_s),
             qPrintable(window.statusText()));
    // Live events arrive (health checks every few seconds).
    QTRY_VERIFY_WITH_TIMEOUT(window.services().events->isConnected(), 10000);
    // The demo is said plainly.
    const QList<QLabel *> labels = window.findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
        return l->isVisible() && l->text().contains(u"Demo fleet (simulated)"_s);
    }));
}

void TestMainWindow::startsWithTheEmbeddedBackend()
{
    // As the app starts with no server: the embedded control plane on its
    // own thread, reached over HTTP.
    QTemporaryDir dir;
    cp::ControlPlaneOptions options;
    options.demo = true;
    options.dataDir = dir.path();
    embedded::EmbeddedBackend backend(options);
    ui::MainWindow window;
    QSignalSpy loaded(&window, &ui::MainWindow::regionsLoaded);
    QObject::connect(
        &backend, &embedded::EmbeddedBackend::ready, &window,
        [&window](const QUrl &url, const QString &key) { window.connectTo(url, key, true); });
    backend.start();
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 20000);
    QCOMPARE(window.services().regions->rowCount(), 6);
    QVERIFY(window.services().demo);
    QTRY_VERIFY_WITH_TIMEOUT(window.statusText().startsWith(u"Connected"_s), 10000);
}

void TestMainWindow::navigationByKeyboard()
{
    ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::keyClick(&window, Qt::Key_2, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), ui::MainWindow::Page::Latency);
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), ui::MainWindow::Page::Waddles);
    QTest::keyClick(&window, Qt::Key_4, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), ui::MainWindow::Page::Analytics);
    QTest::keyClick(&window, Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), ui::MainWindow::Page::Status);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), ui::MainWindow::Page::Map);
    // Every page is also reachable from the navigation list.
    auto *navigation = window.findChild<QListWidget *>();
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), 5);
    QVERIFY(!navigation->accessibleName().isEmpty());
}

void TestMainWindow::opensOfflineWithTheLastKnownState()
{
    QUrl server;
    {
        test::TestBackend backend;
        QVERIFY(backend.ok());
        server = backend.plane().baseUrl();
        ui::MainWindow window;
        QSignalSpy loaded(&window, &ui::MainWindow::regionsLoaded);
        window.connectTo(server, backend.adminKey(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);
        // The first page of waddles has been seen (and so saved) too.
        auto *waddles = window.findChild<ui::WaddlesPanel *>();
        QVERIFY(waddles);
        QTRY_VERIFY_WITH_TIMEOUT(waddles->waddlesModel()->rowCount() > 0, 10000);
    }
    // The server is gone: a new window still shows the six regions, from the
    // cache, and says how old they are.
    ui::MainWindow window;
    window.connectTo(server, {}, false);
    QCOMPARE(window.services().regions->rowCount(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(window.statusText().contains(u"showing data from"_s), 15000);
    QVERIFY(window.services().session->state() != client::Session::State::Connected);
    // The waddle list too, and it says it is the saved one.
    auto *waddles = window.findChild<ui::WaddlesPanel *>();
    QVERIFY(waddles);
    QTRY_VERIFY_WITH_TIMEOUT(waddles->waddlesModel()->rowCount() > 0, 15000);
    const QList<QLabel *> labels = waddles->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
        return l->text().startsWith(u"Offline: "_s) && l->text().contains(u"waddles as saved"_s);
    }));
}

void TestMainWindow::screenshotsOfEveryScreen()
{
    test::TestBackend backend;
    QVERIFY(backend.ok());
    ui::MainWindow window;
    window.resize(1440, 900);
    QSignalSpy loaded(&window, &ui::MainWindow::regionsLoaded);
    window.connectTo(backend.plane().baseUrl(), backend.adminKey(), true);
    window.setUserLocation({48.8566, 2.3522}, u"Paris, France"_s);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);
    QTest::qWait(1500); // a health round for live figures
    shoot(window, u"main-map.png"_s);

    window.showPage(ui::MainWindow::Page::Latency);
    auto *latency = window.findChild<ui::LatencyPanel *>();
    QVERIFY(latency);
    QSignalSpy testing(latency, &ui::LatencyPanel::testingChanged);
    latency->testAll();
    QTRY_VERIFY_WITH_TIMEOUT(testing.size() >= 2, 20000);
    shoot(window, u"main-latency.png"_s);

    window.showPage(ui::MainWindow::Page::Waddles);
    QTest::qWait(1500);
    shoot(window, u"main-waddles.png"_s);

    window.setDark(true);
    window.showPage(ui::MainWindow::Page::Map);
    QTest::qWait(300);
    shoot(window, u"main-map-dark.png"_s);
    window.setDark(false);
}

void TestMainWindow::everyShortcutHasOneOwnerOnEveryScreen()
{
    // The README's shortcuts, pressed on every screen (issue 10: Ctrl+T did
    // nothing on the Latency screen, owned there twice).
    test::TestBackend backend;
    QVERIFY(backend.ok());
    ui::MainWindow window;
    QVERIFY(showConnected(window, backend));
    auto *latency = window.findChild<ui::LatencyPanel *>();
    QVERIFY(latency);
    latency->setSamples(1);

    using Page = ui::MainWindow::Page;
    for (const Page page : {Page::Map, Page::Latency, Page::Waddles, Page::Analytics}) {
        window.showPage(page);
        const QStringList clashes = shortcutClashes(window);
        QVERIFY2(clashes.isEmpty(),
                 qPrintable(QString::fromLatin1(pageName(page)) + u": "_s + clashes.join(u"; "_s)));

        // Ctrl+1/2/3/4 switch screens.
        for (const Page target : {Page::Map, Page::Latency, Page::Waddles, Page::Analytics}) {
            window.showPage(page);
            QTest::keyClick(&window, static_cast<Qt::Key>(Qt::Key_1 + int(target)),
                            Qt::ControlModifier);
            QVERIFY2(window.currentPage() == target, pageName(page));
        }

        // Ctrl+Shift+D switches the dark theme, and back.
        window.showPage(page);
        const bool dark = window.isDark();
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY2(window.isDark() != dark, pageName(page));
        QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY2(window.isDark() == dark, pageName(page));

        // Ctrl+T tests all regions and shows the Latency screen.
        window.showPage(page);
        QSignalSpy testing(latency, &ui::LatencyPanel::testingChanged);
        QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
        QTRY_VERIFY2(!testing.isEmpty() && testing.first().first().toBool(), pageName(page));
        QVERIFY(window.currentPage() == Page::Latency);
        // While a test runs, nothing owns a key twice either.
        QVERIFY2(shortcutClashes(window).isEmpty(),
                 qPrintable(shortcutClashes(window).join(u"; "_s)));
        QTRY_VERIFY_WITH_TIMEOUT(!latency->isTesting(), 20000);

        // Ctrl+L opens the location dialog.
        window.showPage(page);
        QCOMPARE(dialogOpenedBy(window, Qt::Key_L, Qt::ControlModifier),
                 QString::fromLatin1(ui::LocationDialog::staticMetaObject.className()));
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
    }
}

void TestMainWindow::densityIsInTheViewMenu()
{
    ui::MainWindow window;
    window.show();
    auto *density = window.findChild<QAction *>(u"densityAction"_s);
    QVERIFY(density);
    QVERIFY(density->isCheckable());
    QVERIFY(!density->associatedObjects().isEmpty()); // in a menu
    QVERIFY(window.map()->renderer().memberDisplay() == ui::MemberDisplay::Dots);
    density->trigger();
    QVERIFY(window.map()->renderer().memberDisplay() == ui::MemberDisplay::Density);
    // The map's own key keeps the menu's check mark true.
    window.map()->setFocus();
    QTest::keyClick(window.map(), Qt::Key_M);
    QVERIFY(window.map()->renderer().memberDisplay() == ui::MemberDisplay::Dots);
    QVERIFY(!density->isChecked());
}

void TestMainWindow::aboutSaysWhatTheAppDoes()
{
    ui::MainWindow window;
    const std::unique_ptr<QMessageBox> about(window.createAboutBox());
    const QString text = about->text();
    QVERIFY2(!text.contains(u"fail over"_s, Qt::CaseInsensitive) &&
                 !text.contains(u"failover"_s, Qt::CaseInsensitive),
             qPrintable(text));
    for (const QString &word : {u"region"_s, u"latency"_s, u"health"_s})
        QVERIFY2(text.contains(word, Qt::CaseInsensitive), qPrintable(word));
}

void TestMainWindow::latencyFitsAt1024x700()
{
    // Issue 10: at 1024×700 "Range ms" read "tange m:" and the bars vanished.
    // No header is cut, and a label or cell that must give says all in a
    // tooltip.
    test::TestBackend backend;
    QVERIFY(backend.ok());
    ui::MainWindow window;
    window.resize(1024, 700);
    QVERIFY(showConnected(window, backend));
    window.showPage(ui::MainWindow::Page::Latency);
    auto *latency = window.findChild<ui::LatencyPanel *>();
    QVERIFY(latency);
    latency->setSamples(2);
    latency->testAll();
    QTRY_VERIFY_WITH_TIMEOUT(latency->isTesting(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!latency->isTesting(), 20000);
    QTest::qWait(50);
    QCOMPARE(window.size(), QSize(1024, 700));

    QTableView *table = latency->table();
    QHeaderView *header = table->horizontalHeader();
    // Every column in view: nothing scrolls sideways.
    QStringList widths;
    for (int column = 0; column < header->count(); ++column)
        widths.append(QString::number(header->sectionSize(column)));
    QVERIFY2(header->length() <= table->viewport()->width(),
             qPrintable(u"%1 > %2: %3"_s.arg(header->length())
                            .arg(table->viewport()->width())
                            .arg(widths.join(u' '))));
    const QFontMetrics headFont(header->font());
    const int margin = header->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, header);
    for (int column = 0; column < header->count(); ++column) {
        if (header->isSectionHidden(column))
            continue;
        const QString title = table->model()->headerData(column, Qt::Horizontal).toString();
        const int needed = headFont.size(0, title).width() + 2 * margin;
        QVERIFY2(header->sectionSize(column) >= needed,
                 qPrintable(u"header \"%1\": %2 < %3"_s.arg(title)
                                .arg(header->sectionSize(column))
                                .arg(needed)));
    }
    // Cells: the text fits its column, or the cell has a tooltip.
    const QFontMetrics cellFont(table->font());
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        for (int column = 0; column < header->count(); ++column) {
            if (header->isSectionHidden(column) ||
                column == client::LatencyResultsModel::RangeColumn ||
                column == client::LatencyResultsModel::QualityColumn)
                continue; // painted by the delegate: checked below
            const QModelIndex index = table->model()->index(row, column);
            const QString text = index.data().toString();
            const int needed = cellFont.horizontalAdvance(text) + 2 * cellFont.averageCharWidth();
            QVERIFY2(header->sectionSize(column) >= needed ||
                         !index.data(Qt::ToolTipRole).toString().isEmpty(),
                     qPrintable(u"cell \"%1\" in column %2"_s.arg(text).arg(column)));
        }
    }
    // The range bars keep room to show.
    QVERIFY(header->sectionSize(client::LatencyResultsModel::RangeColumn) >= 3 * cellFont.height());
    // Labels: whole, wrapped, or with a tooltip.
    verifyNoLabelCutWithoutTooltip(latency);
    shoot(window, u"latency-1024x700.png"_s);
}

void TestMainWindow::waddlesFitAt1024x700()
{
    // Issue 10: at 1024×700 names were cut ("Lazy Astr…"), the
    // "Recommended" badge read "Reco" and the score table scrolled sideways.
    test::TestBackend backend;
    QVERIFY(backend.ok());
    ui::MainWindow window;
    window.resize(1024, 700);
    QVERIFY(showConnected(window, backend));
    window.showPage(ui::MainWindow::Page::Waddles);
    auto *waddles = window.findChild<ui::WaddlesPanel *>();
    QVERIFY(waddles);
    QTRY_VERIFY_WITH_TIMEOUT(waddles->waddlesModel()->rowCount() > 0, 10000);
    waddles->openWaddle(waddles->waddlesModel()->waddle(0)->id);
    QTRY_VERIFY_WITH_TIMEOUT(waddles->currentWaddle().has_value(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(waddles->recommendationModel()->rowCount() > 0, 10000);
    QTest::qWait(50);
    QCOMPARE(window.size(), QSize(1024, 700));

    // The score table: every column in view, nothing scrolls sideways.
    auto *scores = waddles->findChild<QTableView *>(u"recommendationTable"_s);
    QVERIFY(scores && scores->isVisible());
    QVERIFY2(scores->horizontalHeader()->length() <= scores->viewport()->width(),
             qPrintable(u"%1 > %2"_s.arg(scores->horizontalHeader()->length())
                            .arg(scores->viewport()->width())));
    QVERIFY(!scores->horizontalScrollBar()->isVisible());
    // The page itself does not scroll sideways either: it fits its view.
    auto *page = waddles->findChild<QWidget *>(u"settingsPage"_s);
    QVERIFY(page);
    auto *pageView = qobject_cast<QWidget *>(page->parent());
    QVERIFY(pageView);
    QVERIFY2(page->minimumSizeHint().width() <= pageView->width(),
             qPrintable(u"%1 > %2"_s.arg(page->minimumSizeHint().width()).arg(pageView->width())));
    QCOMPARE(page->width(), pageView->width());
    // Names in the list: whole, or the cell has a tooltip.
    auto *list = waddles->findChild<QTableView *>(u"waddleList"_s);
    QVERIFY(!list->horizontalScrollBar()->isVisible());
    QVERIFY(list->horizontalHeader()->length() <= list->viewport()->width());
    // The name keeps a real share of the width (it was a lone "…").
    QVERIFY2(list->columnWidth(client::WaddlesModel::NameColumn) * 100 >=
                 35 * list->viewport()->width(),
             qPrintable(QString::number(list->columnWidth(client::WaddlesModel::NameColumn))));
    const QFontMetrics cellFont(list->font());
    for (int row = 0; row < std::min(list->model()->rowCount(), 40); ++row) {
        for (int column = 0; column < list->model()->columnCount(); ++column) {
            if (list->isColumnHidden(column))
                continue;
            const QModelIndex index = list->model()->index(row, column);
            const QString text = index.data().toString();
            const int needed = cellFont.horizontalAdvance(text) + 2 * cellFont.averageCharWidth();
            QVERIFY2(list->columnWidth(column) >= needed ||
                         !index.data(Qt::ToolTipRole).toString().isEmpty(),
                     qPrintable(u"cell \"%1\" in column %2"_s.arg(text).arg(column)));
        }
    }
    verifyNoLabelCutWithoutTooltip(waddles);
    // The status bar's passing message fits beside the permanent labels
    // (issue 10: "Where are you? …" was cut at 1024).
    const QString message = window.statusBar()->currentMessage();
    if (!message.isEmpty()) {
        const auto *server = window.findChild<QLabel *>(u"serverLabel"_s);
        QVERIFY(server);
        QVERIFY2(window.statusBar()->fontMetrics().horizontalAdvance(message) + 12 <= server->x(),
                 qPrintable(message));
    }
    shoot(window, u"waddles-1024x700.png"_s);
}

void TestMainWindow::staleBannerWhenTheServerDies()
{
    // Issue 10: 20 s after the server was killed the app still said
    // "Connected" with every marker green. Now: a banner within seconds
    // (well inside one poll interval), greyed markers, one age everywhere.
    auto backend = std::make_unique<test::TestBackend>();
    QVERIFY(backend->ok());
    ui::MainWindow window;
    window.resize(1024, 700);
    QVERIFY(showConnected(window, *backend));
    QTRY_VERIFY_WITH_TIMEOUT(window.services().events->isConnected(), 10000);
    auto *banner = window.findChild<QLabel *>(u"staleBanner"_s);
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    QVERIFY(!window.map()->isStale());
    QVERIFY(!window.freshness().isStale());

    QElapsedTimer clock;
    clock.start();
    backend.reset();
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY2(clock.elapsed() < window.services().events->settings().pollInterval.count(),
             qPrintable(QString::number(clock.elapsed())));
    QVERIFY(window.map()->isStale());
    // The key says what the grey, dashed markers mean.
    QVERIFY(window.map()->renderer().legendLayer().isStale());
    QVERIFY2(banner->text().contains(window.freshness().ageText()), qPrintable(banner->text()));
    QVERIFY2(!window.statusText().startsWith(u"Connected"_s), qPrintable(window.statusText()));
    shoot(window, u"map-stale-1024x700.png"_s);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
