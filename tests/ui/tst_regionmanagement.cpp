// RegionManagementDialog (ui/operations/, issue 13: seed 001's Regions page)
// against a real control plane with the demo fleet, driven by keyboard and
// buttons: a region's priority and failover list edited and saved with
// If-Match (the server has them after), a save that lost the race shows
// both versions and is then saved over theirs, maintenance with a drain
// starts migrations and is ended, a health check now reports its reading,
// and a viewer key gets the server's refusal in words with nothing
// changed. Screenshots in light and dark in $WADDLE_SCREENSHOT_DIR.

#include "client/apiclient.h"
#include "client/regionadmincontroller.h"
#include "client/regionsmodel.h"
#include "controlplane/store/apikeyrepository.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"
#include "ui/common/services.h"
#include "ui/operations/regionmanagementdialog.h"
#include "ui/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using client::ApiClient;
using client::RegionAdminController;
using ui::RegionManagementDialog;
using waddle::test::await;

class TestRegionManagement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void editSaveAndConflict_data();
    void editSaveAndConflict();
    void maintenanceWithDrainAndCheckNow();
    void viewerIsRefusedPlainly();

private:
    template <typename T>
    T *child(QWidget &parent, const QString &name)
    {
        T *found = parent.findChild<T *>(name);
        if (!found)
            qWarning("no %s", qPrintable(name));
        return found;
    }
    QJsonObject serverRegion(const QString &code)
    {
        return m_backend->get(u"/api/v1/regions/"_s + code).json();
    }
    bool openAndWait(RegionManagementDialog &dialog, const QString &code)
    {
        QSignalSpy loaded(&dialog.controller(), &RegionAdminController::loaded);
        dialog.openRegion(code);
        return loaded.wait(5000) || loaded.count() > 0;
    }

    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<client::RegionsModel> m_regions;
    ui::Services m_services;
};

void TestRegionManagement::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
}

void TestRegionManagement::init()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
    m_regions = std::make_unique<client::RegionsModel>();
    const auto regions = await(m_api->regions());
    QVERIFY(regions);
    m_regions->setRegions(regions.value());
    m_services.api = m_api.get();
    m_services.regions = m_regions.get();
}

void TestRegionManagement::cleanup()
{
    m_regions.reset();
    m_api.reset();
    m_backend.reset();
    ui::applyTheme(false);
}

void TestRegionManagement::editSaveAndConflict_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestRegionManagement::editSaveAndConflict()
{
    QFETCH(bool, dark);
    ui::applyTheme(dark);
    RegionManagementDialog dialog(m_services);
    dialog.resize(dark ? QSize(1024, 700) : QSize(900, 640));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(openAndWait(dialog, u"eu-north"_s));
    const QJsonObject before = serverRegion(u"eu-north"_s);
    auto *priority = child<QSpinBox>(dialog, u"regionPriority"_s);
    auto *list = child<QListWidget>(dialog, u"failoverList"_s);
    auto *save = child<QPushButton>(dialog, u"saveRegionSettings"_s);
    QVERIFY(priority && list && save);
    QCOMPARE(priority->value(), before[u"priority"_s].toInt());
    QCOMPARE(list->count(), before[u"failover_regions"_s].toArray().size());
    QVERIFY(!save->isEnabled()); // nothing edited yet

    // Priority by keyboard; the last backup moved to the top; one added.
    priority->setFocus();
    priority->selectAll();
    QTest::keyClicks(priority, u"5"_s);
    QCOMPARE(priority->value(), 5);
    list->setCurrentRow(list->count() - 1);
    const QString last = list->currentItem()->data(Qt::UserRole + 1).toString();
    while (list->currentRow() > 0)
        child<QPushButton>(dialog, u"failoverUp"_s)->click();
    auto *choice = child<QComboBox>(dialog, u"failoverChoice"_s);
    QVERIFY(choice->count() > 0);
    const QString added = choice->currentData().toString();
    QVERIFY(added != u"eu-north"_s);
    child<QPushButton>(dialog, u"addFailover"_s)->click();
    QVERIFY(save->isEnabled());
    QStringList expected = dialog.formSettings().failoverRegions.value();
    QCOMPARE(expected.first(), last);
    QCOMPARE(expected.last(), added);

    QSignalSpy saved(&dialog.controller(), &RegionAdminController::saved);
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY(saved.wait(5000));
    QJsonObject after = serverRegion(u"eu-north"_s);
    QCOMPARE(after[u"priority"_s].toInt(), 5);
    QCOMPARE(after[u"failover_regions"_s].toVariant().toStringList(), expected);
    QCOMPARE(after[u"version"_s].toInteger(), before[u"version"_s].toInteger() + 1);
    QVERIFY(!save->isEnabled());
    QVERIFY(child<QLabel>(dialog, u"managedRegionState"_s)->text().contains(u"Saved"_s));

    // Someone else saves first: both versions told, nothing overwritten yet.
    QCOMPARE(m_backend
                 ->send("PUT", u"/api/v1/regions/eu-north"_s, QJsonObject{{u"priority"_s, 8}},
                        m_backend->adminKey(), after.isEmpty() ? "*"_ba : "\"r-eu-north-2\""_ba)
                 .status,
             200);
    priority->setValue(6);
    QSignalSpy conflicted(&dialog.controller(), &RegionAdminController::conflicted);
    save->click();
    QVERIFY(conflicted.wait(5000));
    auto *conflict = child<QLabel>(dialog, u"regionConflict"_s);
    QVERIFY(conflict->isVisible());
    QVERIFY2(conflict->text().contains(u"priority 8"_s), qPrintable(conflict->text()));
    QCOMPARE(serverRegion(u"eu-north"_s)[u"priority"_s].toInt(), 8);
    QVERIFY(!save->isEnabled());
    QTest::qWait(50);
    if (test::screenshotDir().size() > 0) {
        dialog.grab().save(test::screenshotDir() + (dark ? u"/region-management-conflict-dark.png"_s
                                                         : u"/region-management-conflict.png"_s));
    }
    // Mine over theirs.
    auto *over = child<QPushButton>(dialog, u"saveRegionOver"_s);
    QVERIFY(over->isVisible() && over->isEnabled());
    over->click();
    QVERIFY(saved.wait(5000));
    QCOMPARE(serverRegion(u"eu-north"_s)[u"priority"_s].toInt(), 6);
    QVERIFY(!conflict->isVisible());
}

void TestRegionManagement::maintenanceWithDrainAndCheckNow()
{
    RegionManagementDialog dialog(m_services);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(openAndWait(dialog, u"us-west"_s));
    const qint64 migrationsBefore = test::storedMigrations(*m_api);
    qint64 onRegion = 0;
    for (const QString &region : test::regionsOfWaddles(*m_api))
        onRegion += region == u"us-west"_s ? 1 : 0;
    QVERIFY(onRegion > 0); // the demo has waddles there

    auto *toggle = child<QPushButton>(dialog, u"toggleMaintenance"_s);
    auto *drain = child<QCheckBox>(dialog, u"drainOnMaintenance"_s);
    QVERIFY(toggle->text().contains(u"Start"_s));
    drain->setChecked(true);
    QSignalSpy set(&dialog.controller(), &RegionAdminController::maintenanceSet);
    toggle->click();
    QVERIFY(set.wait(5000));
    QCOMPARE(serverRegion(u"us-west"_s)[u"status"_s].toString(), u"maintenance"_s);
    QCOMPARE(test::storedMigrations(*m_api), migrationsBefore + onRegion);
    QVERIFY(toggle->text().contains(u"End"_s));
    QVERIFY(!drain->isEnabled());
    QVERIFY(child<QLabel>(dialog, u"managedRegionState"_s)->text().contains(u"migrating"_s));

    toggle->click();
    QVERIFY(set.wait(5000));
    QVERIFY(serverRegion(u"us-west"_s)[u"status"_s].toString() != u"maintenance"_s);
    QVERIFY(toggle->text().contains(u"Start"_s));

    QSignalSpy checked(&dialog.controller(), &RegionAdminController::checked);
    child<QPushButton>(dialog, u"checkRegionNow"_s)->click();
    QVERIFY(checked.wait(10000));
    const QString reading = child<QLabel>(dialog, u"checkResult"_s)->text();
    QVERIFY2(reading.contains(u"score"_s) && reading.contains(u"ms"_s), qPrintable(reading));
}

void TestRegionManagement::viewerIsRefusedPlainly()
{
    const auto viewer =
        m_backend->plane().apiKeys().createApiKey(u"viewer"_s, cp::Role::Viewer, {});
    QVERIFY(viewer.ok());
    ApiClient::Options options = test::clientOptionsFor(*m_backend);
    options.apiKey = viewer.value();
    ApiClient api(options);
    ui::Services services = m_services;
    services.api = &api;
    RegionManagementDialog dialog(services);
    dialog.show();
    QVERIFY(openAndWait(dialog, u"asia-se"_s)); // regions are public reads
    const QJsonObject before = serverRegion(u"asia-se"_s);
    child<QSpinBox>(dialog, u"regionPriority"_s)->setValue(40);
    QSignalSpy failed(&dialog.controller(), &RegionAdminController::failed);
    child<QPushButton>(dialog, u"saveRegionSettings"_s)->click();
    QVERIFY(failed.wait(5000));
    auto *problem = child<QLabel>(dialog, u"regionProblem"_s);
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(u"operator"_s, Qt::CaseInsensitive),
             qPrintable(problem->text()));
    QCOMPARE(serverRegion(u"asia-se"_s), before);
    child<QPushButton>(dialog, u"toggleMaintenance"_s)->click();
    QVERIFY(failed.wait(5000));
    QCOMPARE(serverRegion(u"asia-se"_s)[u"status"_s], before[u"status"_s]);
}

QTEST_MAIN(TestRegionManagement)
#include "tst_regionmanagement.moc"
