// Read-only keys (issue 13): the window learns its key's role from the
// control plane (GET /keys/self) and every action the role cannot do is
// disabled, its tooltip saying which role is needed; a key that may do them
// has them enabled with their own tooltips. Against a real control plane.
#include "client/session.h"
#include "controlplane/store/apikeyrepository.h"
#include "support/testbackend.h"
#include "ui/analytics/alertspanel.h"
#include "ui/analytics/custommetricspanel.h"
#include "ui/analytics/exportpanel.h"
#include "ui/mainwindow.h"
#include "ui/map/mapwidget.h"
#include "ui/map/regiondetailspanel.h"
#include "ui/waddles/waddlespanel.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace waddle;
using namespace Qt::StringLiterals;

class TestPermissions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void controlsFollowTheRole_data();
    void controlsFollowTheRole();
    void demoRunsAsAdmin();
    void ownTooltipComesBack();

private:
    // The control named `name` in `window`: a menu action or a button.
    static QObject *findControl(ui::MainWindow &window, const QString &name);

    std::unique_ptr<test::TestBackend> m_backend;
};

void TestPermissions::initTestCase()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
}

void TestPermissions::cleanupTestCase()
{
    m_backend.reset();
}

QObject *TestPermissions::findControl(ui::MainWindow &window, const QString &name)
{
    if (auto *action = window.findChild<QAction *>(name))
        return action;
    return window.findChild<QPushButton *>(name);
}

void TestPermissions::controlsFollowTheRole_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("control");
    // Empty: enabled with its own tooltip; else the tooltip that says why not.
    QTest::addColumn<QString>("why");
    const QString viewerNeedsOperator = u"Needs the operator role; this key is a viewer key."_s;
    const QString viewerNeedsOwner = u"Needs the owner role; this key is a viewer key."_s;
    const QString viewerNeedsAnalyst = u"Needs the analyst role; this key is a viewer key."_s;
    const QStringList operatorOnly{
        u"failoverAction"_s, u"drainAction"_s, u"optimiseAction"_s, u"manageRegionsAction"_s,
        u"failoverButton"_s, u"drainButton"_s, u"manageButton"_s};
    const QStringList analystOnly{u"newMetric"_s, u"newAlert"_s, u"addSilence"_s, u"startExport"_s};
    for (const QString &c : operatorOnly) {
        QTest::addRow("viewer: %s", qPrintable(c)) << u"viewer"_s << c << viewerNeedsOperator;
        QTest::addRow("operator: %s", qPrintable(c)) << u"operator"_s << c << QString();
        QTest::addRow("analyst: %s", qPrintable(c))
            << u"analyst"_s << c << u"Needs the operator role; this key is an analyst key."_s;
    }
    QTest::newRow("viewer: migrate") << u"viewer"_s << u"migrateAction"_s << viewerNeedsOwner;
    QTest::newRow("owner: migrate") << u"owner"_s << u"migrateAction"_s << QString();
    QTest::newRow("owner: drain") << u"owner"_s << u"drainAction"_s
                                  << u"Needs the operator role; this key is an owner key."_s;
    QTest::newRow("operator: migrate") << u"operator"_s << u"migrateAction"_s << QString();
    for (const QString &c : analystOnly) {
        QTest::addRow("viewer: %s", qPrintable(c)) << u"viewer"_s << c << viewerNeedsAnalyst;
        QTest::addRow("analyst: %s", qPrintable(c)) << u"analyst"_s << c << QString();
        QTest::addRow("operator: %s", qPrintable(c)) << u"operator"_s << c << QString();
    }
    // Buttons with a state of their own (nothing selected yet): disabled
    // either way, but a viewer is told why.
    QTest::newRow("viewer: migrate waddles")
        << u"viewer"_s << u"migrateWaddles"_s << viewerNeedsOwner;
    QTest::newRow("viewer: save region") << u"viewer"_s << u"saveRegion"_s << viewerNeedsOwner;
    QTest::newRow("viewer: acknowledge")
        << u"viewer"_s << u"acknowledgeButton"_s << viewerNeedsOperator;
}

void TestPermissions::controlsFollowTheRole()
{
    QFETCH(QString, role);
    QFETCH(QString, control);
    QFETCH(QString, why);
    const QStringList waddles = role == u"owner"_s ? QStringList{u"w-0001"_s} : QStringList();
    const auto key = m_backend->plane().apiKeys().createApiKey(
        u"permissions "_s + role, *domain::roleFromString(role), waddles);
    QVERIFY(key.ok());

    ui::MainWindow window;
    window.resize(1280, 800);
    QSignalSpy loaded(&window, &ui::MainWindow::regionsLoaded);
    window.connectTo(m_backend->plane().baseUrl(), key.value(), false);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(window.services().session->role(), domain::roleFromString(role),
                              10000);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);
    // The region panel's buttons show for a selected region (as a click).
    Q_EMIT window.map()->regionClicked(u"eu-west"_s);
    QTest::qWait(50);

    QObject *found = findControl(window, control);
    QVERIFY2(found, qPrintable(control));
    const bool enabled = found->property("enabled").toBool();
    const QString tip = found->property("toolTip").toString();
    if (why.isEmpty()) {
        QVERIFY2(enabled, qPrintable(control + u" is disabled: "_s + tip));
        QVERIFY2(!tip.startsWith(u"Needs the"_s), qPrintable(tip));
    } else {
        QVERIFY2(!enabled, qPrintable(control + u" is enabled"_s));
        QCOMPARE(tip, why);
    }
    if (role == u"viewer"_s && control == u"failoverButton"_s) {
        // Read-only keys see every screen: the map, its region panel, for review.
        const QString dir =
            qEnvironmentVariable("WADDLE_SCREENSHOT_DIR", QDir::currentPath() + u"/screenshots"_s);
        QDir().mkpath(dir);
        QVERIFY(window.grab().save(dir + u"/viewer-key-map.png"_s));
    }
}

void TestPermissions::demoRunsAsAdmin()
{
    ui::MainWindow window;
    window.connectTo(m_backend->plane().baseUrl(), m_backend->adminKey(), true);
    QTRY_COMPARE_WITH_TIMEOUT(window.services().session->role(), std::optional(domain::Role::Admin),
                              10000);
    for (const QString &name : {u"failoverAction"_s, u"migrateAction"_s, u"drainAction"_s,
                                u"optimiseAction"_s, u"manageRegionsAction"_s}) {
        auto *action = window.findChild<QAction *>(name);
        QVERIFY2(action && action->isEnabled(), qPrintable(name));
    }
}

void TestPermissions::ownTooltipComesBack()
{
    ui::MainWindow window;
    client::Session &session = *window.services().session;
    session.setApiKey(u"wrk_whatever"_s);
    auto *button = window.findChild<QPushButton *>(u"failoverButton"_s);
    auto *action = window.findChild<QAction *>(u"failoverAction"_s);
    QVERIFY(button && action);
    const QString own = button->toolTip();
    QVERIFY(own.startsWith(u"Move this region's waddles"_s));
    session.setRole(domain::Role::Viewer);
    QCOMPARE(button->toolTip(), u"Needs the operator role; this key is a viewer key."_s);
    QCOMPARE(action->toolTip(), u"Needs the operator role; this key is a viewer key."_s);
    QVERIFY(!button->isEnabled() && !action->isEnabled());
    session.setRole(domain::Role::Operator);
    QCOMPARE(button->toolTip(), own);
    QVERIFY(button->isEnabled() && action->isEnabled());
    // The menu item has no tooltip of its own: Qt's, from its text, again.
    QCOMPARE(action->toolTip(), QAction(action->text()).toolTip());
    // No key at all.
    session.setApiKey(QString());
    QCOMPARE(button->toolTip(), u"Needs the operator role; no API key is set."_s);
}

QTEST_MAIN(TestPermissions)
#include "tst_permissions.moc"
