// The main window: start-up against a real control plane with the demo
// fleet, navigation, live status, an offline start from the cache, and
// screenshots of every screen for review.
#include "client/liveevents.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "client/waddlesmodel.h"
#include "embedded/embeddedbackend.h"
#include "support/testbackend.h"
#include "ui/latency/latencypanel.h"
#include "ui/mainwindow.h"
#include "ui/map/mapwidget.h"
#include "ui/waddles/waddlespanel.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

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
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.currentPage(), ui::MainWindow::Page::Map);
    // Every page is also reachable from the navigation list.
    auto *navigation = window.findChild<QListWidget *>();
    QVERIFY(navigation);
    QCOMPARE(navigation->count(), 3);
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
