// AlertsModel, AlertsFilterModel and TrayStatus (core/client/, issue 13)
// against a real control plane with the demo fleet over HTTP: an offline
// fault raises a critical alert that arrives live (and by polling without a
// stream), the tray turns offline and asks for a notification, an operator
// acknowledges it (stored), a viewer's acknowledgement is refused with
// nothing changed, analytics triggers of the project join the list and are
// acknowledged too; the filter and the tray's summary from tables.
#include "client/alertsfiltermodel.h"
#include "client/alertsmodel.h"
#include "client/apiclient.h"
#include "client/liveevents.h"
#include "client/regionsmodel.h"
#include "client/traystatus.h"
#include "controlplane/controlplane.h"
#include "controlplane/store/apikeyrepository.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"

#include <QAbstractItemModelTester>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::await;

Q_DECLARE_METATYPE(waddle::client::TrayStatus::Level)

namespace {

bool startEvents(LiveEvents &events, const ApiClient &api)
{
    QSignalSpy connected(&events, &LiveEvents::connected);
    events.start(api.options().baseUrl, api.options().apiKey);
    return connected.wait(5000);
}

Region regionWith(const QString &code, RegionStatus status)
{
    Region r;
    r.code = code;
    r.name = code;
    r.status = status;
    return r;
}

} // namespace

class TestAlertsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void liveAlertAcknowledged();
    void anotherClientsAckArrivesLive();
    void viewerCannotAcknowledge();
    void pollsWithoutStream();
    void triggersOfTheProject();
    void filter();
    void summary_data();
    void summary();

private:
    // Takes `code` offline and waits for its critical alert in `model`.
    int raiseOffline(AlertsModel &model, const QString &code);

    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
};

void TestAlertsModel::init()
{
    m_backend = std::make_unique<test::TestBackend>(
        [](cp::ControlPlaneOptions &options) { options.healthIntervalMs = 200; });
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
}

void TestAlertsModel::cleanup()
{
    m_api.reset();
    m_backend.reset();
}

int TestAlertsModel::raiseOffline(AlertsModel &model, const QString &code)
{
    const auto fault = await(m_api->injectFault(code, u"offline"_s));
    if (!fault)
        return -1;
    const auto rowOfAlert = [&] {
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto *e = model.entry(row);
            if (e->region == code && e->severity == Severity::Critical)
                return row;
        }
        return -1;
    };
    QDeadlineTimer deadline(10000);
    while (rowOfAlert() < 0 && !deadline.hasExpired())
        QTest::qWait(20);
    return rowOfAlert();
}

void TestAlertsModel::liveAlertAcknowledged()
{
    LiveEvents events;
    QVERIFY(startEvents(events, *m_api));
    AlertsModel model(*m_api);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(std::chrono::hours(1)); // only the stream may bring it
    model.setLiveEvents(&events);
    QVERIFY(await(model.refresh()));
    QCOMPARE(model.openCount(), 0);
    QVERIFY(!model.worstOpen());

    RegionsModel regions;
    TrayStatus tray(regions, &model);
    QSignalSpy notified(&tray, &TrayStatus::notify);
    QSignalSpy arrived(&model, &AlertsModel::alertArrived);

    const int row = raiseOffline(model, u"eu-west"_s);
    QVERIFY(row >= 0);
    QVERIFY(!arrived.isEmpty());
    const AlertsModel::Entry alert = *model.entry(row);
    QVERIFY(alert.isOpen());
    QCOMPARE(alert.source, AlertsModel::Source::Status);
    QCOMPARE(model.data(model.index(row, AlertsModel::SeverityColumn)).toString(), u"Critical"_s);
    QCOMPARE(model.data(model.index(row, AlertsModel::StateColumn)).toString(), u"Open"_s);
    QVERIFY(model.worstOpen() == Severity::Critical);
    // The tray asks for one desktop notification naming the region.
    QTRY_VERIFY(!notified.isEmpty());
    QVERIFY(notified.first().at(0).toString().contains(u"eu-west"_s));
    const int openBefore = model.openCount();
    QStringList openIds;
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.entry(r)->isOpen())
            openIds.append(model.entry(r)->id);
    }
    QCOMPARE(openIds.size(), openBefore);

    QSignalSpy acked(&model, &AlertsModel::acknowledged);
    // Rows are looked up again before each use: the failover that follows
    // the fault adds its own alerts above this one meanwhile.
    const auto rowOfAlert = [&] { return model.rowOf(AlertsModel::Source::Status, alert.id); };
    QVERIFY(await(model.acknowledge(rowOfAlert())));
    QCOMPARE(acked.size(), 1);
    int now = rowOfAlert();
    QVERIFY(model.entry(now)->acknowledgedAt.has_value());
    QCOMPARE(model.data(model.index(now, AlertsModel::StateColumn)).toString(), u"Acknowledged"_s);
    // One fewer open than before, counting only the alerts that were there
    // (the failover that follows the fault raises its own meanwhile).
    int stillOpen = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const AlertsModel::Entry *e = model.entry(r);
        if (e->isOpen() && openIds.contains(e->id))
            ++stillOpen;
    }
    QCOMPARE(stillOpen, openBefore - 1);
    // Stored on the server.
    const auto listed = await(m_api->alerts(100));
    QVERIFY(listed.ok());
    const auto stored = std::find_if(listed->cbegin(), listed->cend(),
                                     [&](const RegionAlert &a) { return a.id == alert.id; });
    QVERIFY(stored != listed->cend());
    now = rowOfAlert();
    QCOMPARE(stored->acknowledgedAt, model.entry(now)->acknowledgedAt);

    // Acknowledged already: refused here, nothing sent, nothing changed.
    QSignalSpy failed(&model, &AlertsModel::acknowledgeFailed);
    QVERIFY(!await(model.acknowledge(rowOfAlert())));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!await(model.acknowledge(-1)));
    QCOMPARE(failed.size(), 2);
}

void TestAlertsModel::anotherClientsAckArrivesLive()
{
    // Two SREs watch the same fleet; one acknowledges: the other's list says
    // so from the stream, without waiting for a poll.
    LiveEvents events;
    QVERIFY(startEvents(events, *m_api));
    AlertsModel model(*m_api);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(std::chrono::hours(1)); // only the stream may bring it
    model.setLiveEvents(&events);
    QVERIFY(await(model.refresh()));
    const int row = raiseOffline(model, u"asia-ne"_s);
    QVERIFY(row >= 0);
    const QString id = model.entry(row)->id;
    QVERIFY(model.entry(row)->isOpen());

    ApiClient other(test::clientOptionsFor(*m_backend));
    QVERIFY(await(other.acknowledgeAlert(id)).ok());
    const auto acknowledged = [&] {
        const int now = model.rowOf(AlertsModel::Source::Status, id);
        return now >= 0 && model.entry(now)->acknowledgedAt.has_value();
    };
    QTRY_VERIFY_WITH_TIMEOUT(acknowledged(), 5000);
}

void TestAlertsModel::viewerCannotAcknowledge()
{
    const auto viewer =
        m_backend->plane().apiKeys().createApiKey(u"viewer"_s, cp::Role::Viewer, {});
    QVERIFY(viewer.ok());
    auto options = test::clientOptionsFor(*m_backend);
    options.apiKey = viewer.value();
    ApiClient viewerApi(options);
    AlertsModel model(viewerApi);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(std::chrono::milliseconds(100));
    // A viewer may not read triggers either: the status alerts still show.
    model.setProject(u"fleet"_s);
    const int row = raiseOffline(model, u"us-east"_s);
    QVERIFY(row >= 0);
    QVERIFY(model.lastError().isEmpty());
    const QString id = model.entry(row)->id;

    QSignalSpy failed(&model, &AlertsModel::acknowledgeFailed);
    QVERIFY(!await(model.acknowledge(row)));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed.first().at(0).toString().isEmpty());
    const int now = model.rowOf(AlertsModel::Source::Status, id);
    QVERIFY(model.entry(now)->isOpen());
    const auto listed = await(m_api->alerts(100));
    QVERIFY(listed.ok());
    for (const RegionAlert &a : listed.value())
        QVERIFY(!a.acknowledgedAt);
}

void TestAlertsModel::pollsWithoutStream()
{
    AlertsModel model(*m_api);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPollInterval(std::chrono::milliseconds(100));
    QVERIFY(await(model.refresh()));
    QVERIFY(model.hasLoaded());
    QSignalSpy arrived(&model, &AlertsModel::alertArrived);
    QVERIFY(raiseOffline(model, u"asia-ne"_s) >= 0);
    QVERIFY(!arrived.isEmpty());

    // A server that stopped answering: the rows stay, the failure is said.
    ApiClient::Options options = test::clientOptionsFor(*m_backend);
    const int rows = model.rowCount();
    m_backend.reset();
    QSignalSpy failed(&model, &AlertsModel::refreshFailed);
    QVERIFY(failed.wait(5000));
    QVERIFY(!model.lastError().isEmpty());
    QCOMPARE(model.rowCount(), rows);
}

void TestAlertsModel::triggersOfTheProject()
{
    // An analytics alert that holds at once (participant minutes < 10^12).
    const QJsonObject alert{
        {u"project_id"_s, u"fleet"_s},  {u"metric_name"_s, u"participant_minutes"_s},
        {u"alert_name"_s, u"always"_s}, {u"condition"_s, u"lt"_s},
        {u"threshold"_s, 1e12},         {u"duration"_s, 0},
        {u"severity"_s, u"high"_s}};
    QCOMPARE(
        m_backend->send("POST", u"/api/v1/analytics/alerts"_s, alert, m_backend->adminKey()).status,
        201);
    QCOMPARE(
        m_backend
            ->send("POST", u"/api/v1/analytics/alerts/fleet/check"_s, {}, m_backend->adminKey())
            .status,
        200);

    AlertsModel model(*m_api);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(await(model.refresh()));
    QCOMPARE(model.rowCount(), 0); // no project: no triggers
    model.setProject(u"fleet"_s);
    QTRY_COMPARE(model.rowCount(), 1);
    const AlertsModel::Entry trigger = *model.entry(0);
    QCOMPARE(trigger.source, AlertsModel::Source::Trigger);
    QCOMPARE(trigger.project, u"fleet"_s);
    QVERIFY(trigger.severity == Severity::High);
    QVERIFY(trigger.isOpen());
    // Grouped as the server's notifications: project and severity.
    QCOMPARE(trigger.groupKey(), u"fleet/high"_s);
    QCOMPARE(model.data(model.index(0, AlertsModel::GroupColumn)).toString(), u"fleet · High"_s);

    QVERIFY(await(model.acknowledge(0)));
    QVERIFY(model.entry(0)->acknowledgedAt.has_value());
    const auto stored = await(m_api->alertTriggers(u"fleet"_s));
    QVERIFY(stored.ok());
    QCOMPARE(stored->size(), 1);
    QVERIFY(stored->first().status == TriggerStatus::Acknowledged);
    QCOMPARE(stored->first().acknowledgedAt, model.entry(0)->acknowledgedAt);

    // An unknown project's triggers: a 404 is said, the status alerts stay.
    model.setProject(u"no-such-project"_s);
    QSignalSpy refreshed(&model, &AlertsModel::refreshed);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.lastError().isEmpty());
}

void TestAlertsModel::filter()
{
    AlertsModel model(*m_api);
    model.setPollInterval(std::chrono::milliseconds(100));
    const int westRow = raiseOffline(model, u"us-west"_s);
    QVERIFY(westRow >= 0);
    const QString westId = model.entry(westRow)->id;
    QVERIFY(raiseOffline(model, u"eu-west"_s) >= 0);
    QVERIFY(await(model.acknowledge(model.rowOf(AlertsModel::Source::Status, westId))));

    AlertsFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int all = model.rowCount();
    QCOMPARE(filter.rowCount(), all);
    // Grouped: the rows of one region are together, the groups in order.
    QStringList groups;
    for (int row = 0; row < filter.rowCount(); ++row) {
        const QString group = filter.index(row, 0).data(AlertsModel::GroupRole).toString();
        if (groups.isEmpty() || groups.last() != group) {
            QVERIFY2(!groups.contains(group), qPrintable(group));
            groups.append(group);
        }
    }
    QStringList sorted = groups;
    sorted.sort();
    QCOMPARE(groups, sorted);

    filter.setRegion(u"us-west"_s);
    QVERIFY(filter.rowCount() >= 1);
    for (int row = 0; row < filter.rowCount(); ++row)
        QCOMPARE(filter.index(row, 0).data(AlertsModel::RegionRole).toString(), u"us-west"_s);
    filter.setState(AlertsFilterModel::State::Open);
    for (int row = 0; row < filter.rowCount(); ++row)
        QVERIFY(filter.index(row, 0).data(AlertsModel::OpenRole).toBool());
    filter.setState(AlertsFilterModel::State::Acknowledged);
    QCOMPARE(filter.rowCount(), 1);
    QCOMPARE(filter.index(0, 0).data(AlertsModel::StateNameRole).toString(), u"acknowledged"_s);

    filter.setRegion({});
    filter.setState(AlertsFilterModel::State::Any);
    filter.setMinimumSeverity(Severity::Critical);
    QVERIFY(filter.rowCount() >= 2);
    for (int row = 0; row < filter.rowCount(); ++row) {
        QCOMPARE(filter.index(row, 0).data(AlertsModel::SeverityRole).toInt(),
                 static_cast<int>(Severity::Critical));
    }
    filter.setMinimumSeverity(std::nullopt);
    QCOMPARE(filter.rowCount(), all);
}

void TestAlertsModel::summary_data()
{
    QTest::addColumn<QList<Region>>("regions");
    QTest::addColumn<TrayStatus::Level>("level");
    QTest::addColumn<int>("openAlerts");
    QTest::addColumn<QString>("toolTip");

    const auto on = RegionStatus::Online;
    QTest::newRow("none") << QList<Region>{} << TrayStatus::Level::Unknown << 0
                          << u"Waddle: no region status yet"_s;
    QTest::newRow("all online") << QList<Region>{regionWith(u"a"_s, on), regionWith(u"b"_s, on)}
                                << TrayStatus::Level::Healthy << 0
                                << u"Waddle: all 2 region(s) healthy"_s;
    QTest::newRow("maintenance is planned")
        << QList<Region>{regionWith(u"a"_s, on), regionWith(u"b"_s, RegionStatus::Maintenance)}
        << TrayStatus::Level::Healthy << 1
        << u"Waddle: all 2 region(s) healthy, 1 in maintenance · 1 open alert(s)"_s;
    QTest::newRow("degraded") << QList<Region>{regionWith(u"a"_s, RegionStatus::Degraded),
                                               regionWith(u"b"_s, on), regionWith(u"c"_s, on)}
                              << TrayStatus::Level::Degraded << 0 << u"Waddle: 1 of 3 degraded"_s;
    QTest::newRow("offline wins") << QList<Region>{regionWith(u"a"_s, RegionStatus::Degraded),
                                                   regionWith(u"b"_s, RegionStatus::Offline),
                                                   regionWith(u"c"_s, RegionStatus::Offline),
                                                   regionWith(u"d"_s, on)}
                                  << TrayStatus::Level::Offline << 3
                                  << u"Waddle: 2 of 4 offline, 1 of 4 degraded · 3 open alert(s)"_s;
}

void TestAlertsModel::summary()
{
    QFETCH(QList<Region>, regions);
    QFETCH(TrayStatus::Level, level);
    QFETCH(int, openAlerts);
    QFETCH(QString, toolTip);
    const TrayStatus::Summary s = TrayStatus::summarise(regions);
    QCOMPARE(s.level, level);
    QCOMPARE(s.total, regions.size());
    QCOMPARE(TrayStatus::toolTipOf(s, openAlerts), toolTip);

    // The controller on a model says the same and signals the change.
    RegionsModel model;
    TrayStatus tray(model, nullptr);
    QSignalSpy changed(&tray, &TrayStatus::levelChanged);
    model.setRegions(regions);
    QCOMPARE(tray.level(), level);
    QCOMPARE(changed.size(), level == TrayStatus::Level::Unknown ? 0 : 1);
    QCOMPARE(tray.toolTip(), TrayStatus::toolTipOf(s, 0));
}

QTEST_MAIN(TestAlertsModel)
#include "tst_alertsmodel.moc"
