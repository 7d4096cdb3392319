// AlertsDock (ui/alerts/, issue 13) offscreen against a real control plane
// with the demo fleet: an offline fault's critical alert shows with its icon
// and word, the keyboard acknowledges it (stored on the server), a second
// acknowledgement is refused in words, the filters hide and show rows, and
// Enter asks the map for the alert's region.
#include "client/alertsmodel.h"
#include "client/apiclient.h"
#include "client/regionsmodel.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"
#include "ui/alerts/alertsdock.h"

#include <QComboBox>
#include <QDeadlineTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::await;

class TestAlertsDock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void acknowledgeByKeyboard();
    void filters();
    void showOnMap();

private:
    // The view's row of the critical alert of `code`, waiting for it.
    int viewRowOf(const QString &code);

    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RegionsModel> m_regions;
    std::unique_ptr<AlertsModel> m_alerts;
    std::unique_ptr<ui::AlertsDock> m_dock;
};

void TestAlertsDock::initTestCase()
{
    m_backend = std::make_unique<test::TestBackend>(
        [](cp::ControlPlaneOptions &options) { options.healthIntervalMs = 200; });
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
    m_regions = std::make_unique<RegionsModel>();
    const auto regions = await(m_api->regions());
    QVERIFY(regions.ok());
    m_regions->setRegions(regions.value());
    m_alerts = std::make_unique<AlertsModel>(*m_api);
    m_alerts->setPollInterval(std::chrono::milliseconds(100));
    m_dock = std::make_unique<ui::AlertsDock>(*m_alerts, m_regions.get());
    m_dock->resize(900, 300);
    m_dock->show();
    m_dock->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_dock.get()));
    // Every region is in the region filter, after "All regions".
    QCOMPARE(m_dock->regionBox()->count(), regions->size() + 1);
    QVERIFY(await(m_api->injectFault(u"eu-west"_s, u"offline"_s)).ok());
    QVERIFY(await(m_api->injectFault(u"us-east"_s, u"offline"_s)).ok());
}

void TestAlertsDock::cleanupTestCase()
{
    m_dock.reset();
    m_alerts.reset();
    m_api.reset();
    m_backend.reset();
}

int TestAlertsDock::viewRowOf(const QString &code)
{
    QAbstractItemModel *model = m_dock->view()->model();
    const auto find = [&] {
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(AlertsModel::RegionRole).toString() == code &&
                index.data(AlertsModel::SeverityRole).toInt() == int(Severity::Critical))
                return row;
        }
        return -1;
    };
    QDeadlineTimer deadline(10000);
    while (find() < 0 && !deadline.hasExpired())
        QTest::qWait(20);
    return find();
}

void TestAlertsDock::acknowledgeByKeyboard()
{
    const int row = viewRowOf(u"eu-west"_s);
    QVERIFY(row >= 0);
    QTableView *view = m_dock->view();
    QAbstractItemModel *model = view->model();
    // Severity in words beside the icon.
    QCOMPARE(model->index(row, AlertsModel::SeverityColumn).data().toString(), u"Critical"_s);
    QCOMPARE(model->index(row, AlertsModel::StateColumn).data().toString(), u"Open"_s);
    const QString id = model->index(row, 0).data(AlertsModel::IdRole).toString();

    view->setFocus();
    view->setCurrentIndex(model->index(row, 0));
    QVERIFY(m_dock->acknowledgeButton()->isEnabled());
    QSignalSpy acked(m_alerts.get(), &AlertsModel::acknowledged);
    QTest::keyClick(view, Qt::Key_K, Qt::ControlModifier);
    QVERIFY(acked.wait(5000));
    const QModelIndex now = model->index(
        m_dock->filter()
            .mapFromSource(m_alerts->index(m_alerts->rowOf(AlertsModel::Source::Status, id), 0))
            .row(),
        AlertsModel::StateColumn);
    QCOMPARE(now.data().toString(), u"Acknowledged"_s);
    QVERIFY(!m_dock->acknowledgeButton()->isEnabled());
    const auto stored = await(m_api->alerts(100));
    QVERIFY(stored.ok());
    bool found = false;
    for (const RegionAlert &a : stored.value()) {
        if (a.id == id) {
            found = true;
            QVERIFY(a.acknowledgedAt.has_value());
        }
    }
    QVERIFY(found);

    // Again by the Delete key: refused in words, nothing sent.
    QSignalSpy failed(m_alerts.get(), &AlertsModel::acknowledgeFailed);
    view->setCurrentIndex(now);
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(failed.size(), 1);
    QVERIFY(m_dock->message().contains(u"acknowledged already"_s));
}

void TestAlertsDock::filters()
{
    QVERIFY(viewRowOf(u"us-east"_s) >= 0);
    QAbstractItemModel *model = m_dock->view()->model();
    const int all = model->rowCount();
    QCOMPARE(all, m_alerts->rowCount());

    // State: open only hides the acknowledged eu-west alert.
    QComboBox *state = m_dock->stateBox();
    state->setCurrentIndex(state->findText(u"Open"_s));
    QCOMPARE(model->rowCount(), m_alerts->openCount());
    QVERIFY(model->rowCount() < all);
    for (int row = 0; row < model->rowCount(); ++row)
        QVERIFY(model->index(row, 0).data(AlertsModel::OpenRole).toBool());
    state->setCurrentIndex(0);
    QCOMPARE(model->rowCount(), all);

    // Region.
    QComboBox *region = m_dock->regionBox();
    region->setCurrentIndex(region->findData(u"us-east"_s));
    QVERIFY(model->rowCount() >= 1);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, 0).data(AlertsModel::RegionRole).toString(), u"us-east"_s);
    region->setCurrentIndex(0);

    // Severity: critical only.
    QComboBox *severity = m_dock->severityBox();
    severity->setCurrentIndex(severity->findText(u"Critical only"_s));
    QVERIFY(model->rowCount() >= 2);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->index(row, AlertsModel::SeverityColumn).data().toString(), u"Critical"_s);
    severity->setCurrentIndex(0);
    QCOMPARE(model->rowCount(), all);
}

void TestAlertsDock::showOnMap()
{
    const int row = viewRowOf(u"us-east"_s);
    QVERIFY(row >= 0);
    QTableView *view = m_dock->view();
    view->setFocus();
    view->setCurrentIndex(view->model()->index(row, 0));
    QSignalSpy asked(m_dock.get(), &ui::AlertsDock::showOnMapRequested);
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().at(0).toString(), u"us-east"_s);
    QTest::mouseClick(m_dock->showOnMapButton(), Qt::LeftButton);
    QCOMPARE(asked.size(), 2);
}

QTEST_MAIN(TestAlertsDock)
#include "tst_alertsdock.moc"
