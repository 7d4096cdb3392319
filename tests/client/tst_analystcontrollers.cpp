// CustomMetricsController, AlertRulesController and ExportController
// (core/client/): the analyst's custom metrics, alerts and exports against a
// real control plane with the demo fleet on a loopback port — create, list,
// edit, delete, each compared with the server's own answer over raw HTTP;
// an alert made to fire, acknowledged, switched off; silences; an export run
// to completion and downloaded byte for byte. Bad input next to good: the
// client's rules are the server's (same field, same message), and what the
// server refuses comes back with its message while nothing is stored.
#include "client/alertrulescontroller.h"
#include "client/analyticstypes.h"
#include "client/apiclient.h"
#include "client/custommetricscontroller.h"
#include "client/exportcontroller.h"
#include "support/testbackend.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;

namespace {

ApiClient::Options optionsFor(test::TestBackend &backend)
{
    ApiClient::Options options;
    options.baseUrl = backend.plane().baseUrl();
    options.apiKey = backend.adminKey();
    options.timeoutMs = 10000;
    options.maxRetries = 0;
    return options;
}

MetricDefinition sampleMetric(const QString &name)
{
    MetricDefinition d;
    d.metric.name = name;
    d.metric.description = u"Participants in one region"_s;
    d.metric.type = domain::MetricType::Gauge;
    d.metric.unit = u"count"_s;
    d.metric.aggregation = domain::Aggregation::Max;
    d.metric.filter = {domain::MetricFilter{u"region"_s, domain::FilterOp::Eq, u"us-east"_s},
                       domain::MetricFilter{u"participant_count"_s, domain::FilterOp::Gte, 2}};
    return d;
}

AlertDefinition sampleAlert(const QString &name)
{
    AlertDefinition d;
    d.alert.name = name;
    d.alert.metric = u"api_request"_s;
    d.alert.condition = domain::AlertCondition::Gte;
    d.alert.threshold = 0.0; // the plane counts its own requests: always ≥ 0
    d.alert.durationMinutes = 0;
    d.alert.severity = domain::Severity::High;
    d.alert.channels = {u"desktop"_s};
    return d;
}

QStringList namesOf(const QJsonArray &items, const QString &key)
{
    QStringList names;
    for (const QJsonValue &item : items)
        names.append(item.toObject().value(key).toString());
    return names;
}

} // namespace

class TestAnalystControllers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void metricCreateListEditDelete();
    void metricRulesAreTheServers_data();
    void metricRulesAreTheServers();
    void metricServerRefusalKeepsMessage();

    void alertCreateFireAcknowledgeSwitchOffDelete();
    void alertRulesAreTheServers_data();
    void alertRulesAreTheServers();
    void silencesAddAndRemove();

    void exportCompletesAndDownloadsByteEqual_data();
    void exportCompletesAndDownloadsByteEqual();
    void exportBadInputRefused_data();
    void exportBadInputRefused();
    void downloadToUnwritablePlaceLeavesNothing();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
};

void TestAnalystControllers::initTestCase()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(optionsFor(*m_backend));
}

void TestAnalystControllers::cleanupTestCase()
{
    m_api.reset();
    m_backend.reset();
}

void TestAnalystControllers::metricCreateListEditDelete()
{
    CustomMetricsController controller(*m_api);
    QSignalSpy changed(&controller, &CustomMetricsController::metricsChanged);
    QSignalSpy saved(&controller, &CustomMetricsController::saved);
    QSignalSpy removed(&controller, &CustomMetricsController::removed);
    QSignalSpy refused(&controller, &CustomMetricsController::refused);

    controller.save(sampleMetric(u"busy_us_east"_s));
    QVERIFY(saved.wait(10000));
    const auto created = saved.at(0).at(0).value<MetricDefinition>();
    QVERIFY(!created.metric.id.isEmpty());
    QCOMPARE(created.metric.projectId, u"fleet"_s);
    QCOMPARE(created.metric.filter, sampleMetric(u"x"_s).metric.filter);
    QVERIFY(changed.wait(10000));
    QCOMPARE(refused.size(), 0);

    // The list is the server's: same ids, same fields.
    const auto server =
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json();
    const QJsonArray stored = server.value(u"custom_metrics"_s).toArray();
    QCOMPARE(controller.metrics().size(), stored.size());
    QVERIFY(namesOf(stored, u"name"_s).contains(u"busy_us_east"_s));
    const auto *mine = &controller.metrics().constFirst();
    for (const MetricDefinition &m : controller.metrics())
        if (m.metric.id == created.metric.id)
            mine = &m;
    QVERIFY(mine->metric.aggregation == domain::Aggregation::Max);
    QCOMPARE(mine->metric.unit, u"count"_s);

    // Edit: a new description and one condition fewer.
    MetricDefinition edited = *mine;
    edited.metric.description = u"Edited"_s;
    edited.metric.filter.removeLast();
    controller.save(edited);
    QVERIFY(saved.wait(10000));
    QCOMPARE(saved.at(1).at(0).value<MetricDefinition>().metric.id, created.metric.id);
    QVERIFY(changed.wait(10000));
    const auto afterEdit =
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json();
    bool found = false;
    for (const QJsonValue &m : afterEdit.value(u"custom_metrics"_s).toArray()) {
        if (m[u"id"_s].toString() != created.metric.id)
            continue;
        found = true;
        QCOMPARE(m[u"description"_s].toString(), u"Edited"_s);
        QCOMPARE(m[u"filter"_s].toArray().size(), 1);
    }
    QVERIFY(found);

    controller.remove(created.metric.id);
    QVERIFY(removed.wait(10000));
    QCOMPARE(removed.at(0).at(0).toString(), created.metric.id);
    QVERIFY(changed.wait(10000));
    const auto afterDelete =
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json();
    QVERIFY(!namesOf(afterDelete.value(u"custom_metrics"_s).toArray(), u"id"_s)
                 .contains(created.metric.id));
    QCOMPARE(refused.size(), 0);
}

void TestAnalystControllers::metricRulesAreTheServers_data()
{
    QTest::addColumn<MetricDefinition>("definition");
    QTest::addColumn<QString>("field");

    MetricDefinition noName = sampleMetric({});
    QTest::newRow("empty name") << noName << u"name"_s;
    MetricDefinition orderedText = sampleMetric(u"m1"_s);
    orderedText.metric.filter = {{u"region"_s, domain::FilterOp::Gt, u"eu"_s}};
    QTest::newRow("text field ordered") << orderedText << u"filter[0].op"_s;
    MetricDefinition textForNumber = sampleMetric(u"m2"_s);
    textForNumber.metric.filter = {{u"participant_count"_s, domain::FilterOp::Eq, u"many"_s}};
    QTest::newRow("text for a number") << textForNumber << u"filter[0].value"_s;
    MetricDefinition unknownField = sampleMetric(u"m3"_s);
    unknownField.metric.filter = {{u"password"_s, domain::FilterOp::Eq, u"x"_s}};
    QTest::newRow("unknown field") << unknownField << u"filter[0].field"_s;
    MetricDefinition emptyIn = sampleMetric(u"m4"_s);
    emptyIn.metric.filter = {{u"region"_s, domain::FilterOp::In, QJsonArray()}};
    QTest::newRow("empty in") << emptyIn << u"filter[0].value"_s;
}

void TestAnalystControllers::metricRulesAreTheServers()
{
    QFETCH(MetricDefinition, definition);
    QFETCH(QString, field);
    definition.metric.projectId = u"fleet"_s;
    const auto problem = problemOf(definition);
    QVERIFY(problem.has_value());
    QCOMPARE(problem->field, field);

    // The server, sent the same body, names the same field with the same words.
    const auto answer = m_backend->send("POST", u"/api/v1/analytics/metrics/custom"_s,
                                        toRequestJson(definition), m_backend->adminKey());
    QCOMPARE(answer.status, 400);
    QCOMPARE(answer.errorField(), field);
    QCOMPARE(answer.json()[u"error"_s][u"message"_s].toString(), problem->message);

    // The controller does not send it, and says why the same way.
    CustomMetricsController controller(*m_api);
    QSignalSpy refused(&controller, &CustomMetricsController::refused);
    QSignalSpy saved(&controller, &CustomMetricsController::saved);
    const auto before =
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json();
    controller.save(definition);
    QCOMPARE(refused.size(), 1);
    const auto error = refused.at(0).at(0).value<ApiError>();
    QCOMPARE(error.field, field);
    QCOMPARE(error.message, problem->message);
    QTest::qWait(50);
    QCOMPARE(saved.size(), 0);
    QCOMPARE(
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json(),
        before);
}

void TestAnalystControllers::metricServerRefusalKeepsMessage()
{
    // Rules only the store knows (one name per project) come back as the
    // server said them, and nothing changes.
    CustomMetricsController controller(*m_api);
    QSignalSpy saved(&controller, &CustomMetricsController::saved);
    QSignalSpy refused(&controller, &CustomMetricsController::refused);
    controller.save(sampleMetric(u"twice"_s));
    QVERIFY(saved.wait(10000));
    const auto before =
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json();
    controller.save(sampleMetric(u"twice"_s));
    QVERIFY(refused.wait(10000));
    const auto error = refused.at(0).at(0).value<ApiError>();
    QVERIFY(error.kind == ApiError::Kind::Http);
    QVERIFY2(error.message.contains(u"already has a metric \"twice\""_s),
             qPrintable(error.message));
    QCOMPARE(saved.size(), 1);
    QCOMPARE(
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json(),
        before);

    // A project that does not exist: the server's 404, nothing stored.
    controller.setProject(u"no-such-waddle"_s);
    controller.save(sampleMetric(u"elsewhere"_s));
    QVERIFY(refused.wait(10000));
    QCOMPARE(refused.at(1).at(0).value<ApiError>().status, 404);
    controller.remove(saved.at(0).at(0).value<MetricDefinition>().metric.id);
    QVERIFY(refused.wait(10000)); // not in that project
}

void TestAnalystControllers::alertCreateFireAcknowledgeSwitchOffDelete()
{
    AlertRulesController controller(*m_api);
    QSignalSpy alerts(&controller, &AlertRulesController::alertsChanged);
    QSignalSpy triggers(&controller, &AlertRulesController::triggersChanged);
    QSignalSpy saved(&controller, &AlertRulesController::saved);
    QSignalSpy checked(&controller, &AlertRulesController::checked);
    QSignalSpy acknowledged(&controller, &AlertRulesController::acknowledged);
    QSignalSpy removed(&controller, &AlertRulesController::removed);
    QSignalSpy refused(&controller, &AlertRulesController::refused);

    AlertDefinition definition = sampleAlert(u"Any API use"_s);
    definition.alert.channels = {u"desktop"_s, u"webhook"_s};
    definition.targets.webhookUrl = u"http://127.0.0.1:9/hook"_s;
    definition.targets.webhookSecret = u"s3cret"_s;
    controller.save(definition);
    QVERIFY(saved.wait(10000));
    QCOMPARE(refused.size(), 0);
    const AlertDefinition created = saved.at(0).at(0).value<AlertDefinition>();
    QVERIFY(!created.alert.id.isEmpty());
    QCOMPARE(created.targets.webhookUrl, definition.targets.webhookUrl);
    QVERIFY(alerts.wait(10000));
    QCOMPARE(controller.alerts().size(), 1);
    QCOMPARE(controller.alerts().at(0).alert.name, u"Any API use"_s);

    controller.checkNow();
    QVERIFY(checked.wait(10000));
    const auto fired = checked.at(0).at(0).value<QList<domain::AlertTrigger>>();
    QCOMPARE(fired.size(), 1);
    QCOMPARE(fired.at(0).alertId, created.alert.id);
    QVERIFY(fired.at(0).status == domain::TriggerStatus::Triggered);
    QVERIFY(fired.at(0).severity == domain::Severity::High);
    QTRY_VERIFY_WITH_TIMEOUT(!controller.triggers().isEmpty(), 10000);
    QCOMPARE(controller.triggers().at(0).id, fired.at(0).id);

    controller.acknowledge(fired.at(0).id);
    QVERIFY(acknowledged.wait(10000));
    QVERIFY(acknowledged.at(0).at(0).value<domain::AlertTrigger>().status ==
            domain::TriggerStatus::Acknowledged);
    const auto serverTriggers =
        m_backend->get(u"/api/v1/analytics/triggers/fleet"_s, m_backend->adminKey()).json();
    QCOMPARE(serverTriggers[u"triggers"_s][0][u"status"_s].toString(), u"acknowledged"_s);
    QTRY_VERIFY_WITH_TIMEOUT(
        controller.triggers().at(0).status == domain::TriggerStatus::Acknowledged, 10000);

    // Off, then delete; the server agrees at each step.
    const qsizetype alertsBefore = alerts.size();
    controller.setEnabled(created.alert.id, false);
    QVERIFY(saved.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(alerts.size() > alertsBefore, 10000);
    const auto serverAlerts =
        m_backend->get(u"/api/v1/analytics/alerts/fleet"_s, m_backend->adminKey()).json();
    QCOMPARE(serverAlerts[u"alerts"_s][0][u"is_active"_s].toBool(), false);
    QCOMPARE(serverAlerts[u"alerts"_s][0][u"webhook_secret"_s].toString(), u"s3cret"_s);
    QCOMPARE(controller.alerts().at(0).alert.enabled, false);

    controller.remove(created.alert.id);
    QVERIFY(removed.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(controller.alerts().isEmpty(), 10000);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/alerts/fleet"_s, m_backend->adminKey())
                 .json()[u"count"_s]
                 .toInt(),
             0);
    QCOMPARE(refused.size(), 0);
}

void TestAnalystControllers::alertRulesAreTheServers_data()
{
    QTest::addColumn<AlertDefinition>("definition");
    QTest::addColumn<QString>("field");

    AlertDefinition info = sampleAlert(u"a1"_s);
    info.alert.severity = domain::Severity::Info;
    QTest::newRow("region severity") << info << u"severity"_s;
    AlertDefinition ftp = sampleAlert(u"a2"_s);
    ftp.alert.channels = {u"webhook"_s};
    ftp.targets.webhookUrl = u"ftp://example.org/hook"_s;
    QTest::newRow("ftp webhook") << ftp << u"webhook_url"_s;
    AlertDefinition noUrl = sampleAlert(u"a3"_s);
    noUrl.alert.channels = {u"webhook"_s};
    QTest::newRow("webhook without url") << noUrl << u"webhook_url"_s;
    AlertDefinition noMail = sampleAlert(u"a4"_s);
    noMail.alert.channels = {u"email"_s};
    QTest::newRow("email without address") << noMail << u"email_to"_s;
    AlertDefinition longWait = sampleAlert(u"a5"_s);
    longWait.alert.durationMinutes = domain::kMaxAlertDurationMinutes + 1;
    QTest::newRow("duration over a week") << longWait << u"duration"_s;
    AlertDefinition twice = sampleAlert(u"a6"_s);
    twice.alert.channels = {u"desktop"_s, u"desktop"_s};
    QTest::newRow("channel twice") << twice << u"channels[1]"_s;
}

void TestAnalystControllers::alertRulesAreTheServers()
{
    QFETCH(AlertDefinition, definition);
    QFETCH(QString, field);
    definition.alert.projectId = u"fleet"_s;
    const auto problem = problemOf(definition);
    QVERIFY(problem.has_value());
    QCOMPARE(problem->field, field);

    const auto answer = m_backend->send("POST", u"/api/v1/analytics/alerts"_s,
                                        toRequestJson(definition), m_backend->adminKey());
    QCOMPARE(answer.status, 400);
    // The server names channels by seed 001's name; the rest alike.
    const QString serverField = QString(field).replace(u"channels"_s, u"notification_channels"_s);
    QCOMPARE(answer.errorField(), serverField);
    QCOMPARE(answer.json()[u"error"_s][u"message"_s].toString(),
             QString(problem->message).replace(u"channels"_s, u"notification_channels"_s));

    AlertRulesController controller(*m_api);
    QSignalSpy refused(&controller, &AlertRulesController::refused);
    QSignalSpy saved(&controller, &AlertRulesController::saved);
    controller.save(definition);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.at(0).at(0).value<ApiError>().field, field);
    QTest::qWait(50);
    QCOMPARE(saved.size(), 0);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/alerts/fleet"_s, m_backend->adminKey())
                 .json()[u"count"_s]
                 .toInt(),
             0);
}

void TestAnalystControllers::silencesAddAndRemove()
{
    AlertRulesController controller(*m_api);
    QSignalSpy silences(&controller, &AlertRulesController::silencesChanged);
    QSignalSpy refused(&controller, &AlertRulesController::refused);
    domain::Silence silence;
    silence.severity = domain::Severity::High;
    silence.until = QDateTime::currentDateTimeUtc().addSecs(3600);
    silence.comment = u"Maintenance window"_s;
    controller.addSilence(silence);
    QVERIFY(silences.wait(10000));
    QCOMPARE(controller.silences().size(), 1);
    QCOMPARE(controller.silences().at(0).comment, u"Maintenance window"_s);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/silences/fleet"_s, m_backend->adminKey())
                 .json()[u"count"_s]
                 .toInt(),
             1);

    // Bad next to good: no comment is refused with the server's words.
    silence.comment.clear();
    controller.addSilence(silence);
    QVERIFY(refused.wait(10000));
    QCOMPARE(refused.at(0).at(0).value<ApiError>().field, u"comment"_s);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/silences/fleet"_s, m_backend->adminKey())
                 .json()[u"count"_s]
                 .toInt(),
             1);

    controller.removeSilence(controller.silences().at(0).id);
    QTRY_VERIFY_WITH_TIMEOUT(controller.silences().isEmpty(), 10000);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/silences/fleet"_s, m_backend->adminKey())
                 .json()[u"count"_s]
                 .toInt(),
             0);
}

void TestAnalystControllers::exportCompletesAndDownloadsByteEqual_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QStringList>("metrics");
    QTest::newRow("csv, two metrics")
        << u"csv"_s << QStringList{u"participant_minutes"_s, u"api_request"_s};
    QTest::newRow("json, all metrics") << u"json"_s << QStringList{};
}

void TestAnalystControllers::exportCompletesAndDownloadsByteEqual()
{
    QFETCH(QString, type);
    QFETCH(QStringList, metrics);
    ExportController controller(*m_api);
    controller.setPollInterval(std::chrono::milliseconds(50));
    QSignalSpy started(&controller, &ExportController::started);
    QSignalSpy status(&controller, &ExportController::statusChanged);
    QSignalSpy finished(&controller, &ExportController::finished);
    QSignalSpy progress(&controller, &ExportController::progress);
    QSignalSpy downloaded(&controller, &ExportController::downloaded);
    QSignalSpy failed(&controller, &ExportController::failed);

    const QDate today = QDate::currentDate();
    controller.start({u"fleet"_s, type, today.addDays(-30), today, metrics});
    QVERIFY(finished.wait(30000));
    QCOMPARE(started.size(), 1);
    QVERIFY(status.size() >= 1);
    const auto job = finished.at(0).at(0).value<ExportJobStatus>();
    QVERIFY2(job.isCompleted(), qPrintable(job.status + u' ' + job.error));
    QCOMPARE(job.id, started.at(0).at(0).toString());
    QVERIFY(job.rows > 0); // a month of demo history
    QCOMPARE(job.exportType, type);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"export."_s + type);
    controller.download(path);
    QVERIFY(downloaded.wait(30000));
    QCOMPARE(failed.size(), 0);
    QCOMPARE(downloaded.at(0).at(0).toString(), path);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray mine = file.readAll();
    QCOMPARE(downloaded.at(0).at(1).toLongLong(), mine.size());
    QCOMPARE(mine.size(), job.fileSize);
    QCOMPARE(
        QString::fromLatin1(QCryptographicHash::hash(mine, QCryptographicHash::Sha256).toHex()),
        job.sha256);
    const auto server = m_backend->get(u"/api/v1/analytics/export/"_s + job.id + u"/download"_s,
                                       m_backend->adminKey());
    QCOMPARE(server.status, 200);
    QVERIFY(mine == server.body);
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().at(0).toLongLong(), mine.size());
}

void TestAnalystControllers::exportBadInputRefused_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<int>("fromDaysAgo");
    QTest::addColumn<int>("toDaysAgo");
    QTest::addColumn<QStringList>("metrics");
    QTest::addColumn<QString>("field");
    QTest::newRow("xml") << u"xml"_s << 3 << 0 << QStringList{} << u"export_type"_s;
    QTest::newRow("from after to") << u"csv"_s << 0 << 3 << QStringList{} << u"date_from"_s;
    QTest::newRow("unknown metric")
        << u"csv"_s << 3 << 0 << QStringList{u"happiness"_s} << u"metrics[]"_s;
}

void TestAnalystControllers::exportBadInputRefused()
{
    QFETCH(QString, type);
    QFETCH(int, fromDaysAgo);
    QFETCH(int, toDaysAgo);
    QFETCH(QStringList, metrics);
    QFETCH(QString, field);
    ExportController controller(*m_api);
    QSignalSpy refused(&controller, &ExportController::refused);
    QSignalSpy started(&controller, &ExportController::started);
    const QDate today = QDate::currentDate();
    controller.start(
        {u"fleet"_s, type, today.addDays(-fromDaysAgo), today.addDays(-toDaysAgo), metrics});
    QVERIFY(refused.wait(10000));
    const auto error = refused.at(0).at(0).value<ApiError>();
    QCOMPARE(error.status, 400);
    QCOMPARE(error.field, field);
    QVERIFY(error.message.startsWith(field + u':'));
    QCOMPARE(started.size(), 0);
    QVERIFY(!controller.isBusy());

    // Nothing to download yet: said plainly, nothing written.
    QSignalSpy failed(&controller, &ExportController::failed);
    QTemporaryDir dir;
    controller.download(dir.filePath(u"x.csv"_s));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!QFile::exists(dir.filePath(u"x.csv"_s)));
}

void TestAnalystControllers::downloadToUnwritablePlaceLeavesNothing()
{
    ExportController controller(*m_api);
    controller.setPollInterval(std::chrono::milliseconds(50));
    QSignalSpy finished(&controller, &ExportController::finished);
    QSignalSpy failed(&controller, &ExportController::failed);
    QSignalSpy downloaded(&controller, &ExportController::downloaded);
    const QDate today = QDate::currentDate();
    controller.start({u"fleet"_s, u"csv"_s, today.addDays(-1), today, {u"api_request"_s}});
    QVERIFY(finished.wait(30000));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"missing-folder/export.csv"_s);
    controller.download(path);
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
    QVERIFY(failed.at(0).at(0).value<ApiError>().message.contains(path));
    QCOMPARE(downloaded.size(), 0);
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestAnalystControllers)
#include "tst_analystcontrollers.moc"
