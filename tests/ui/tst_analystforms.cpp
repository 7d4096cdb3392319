// CustomMetricsPanel, AlertsPanel and ExportPanel (ui/analytics/), offscreen,
// against a real control plane with the demo fleet: each form checks itself
// as one types (Save disabled and the rule broken named; fixed, Save on),
// driven by the keyboard; what it saves is on the server; an alert fired by
// "Check now" is acknowledged from the timeline; an export is run and its
// file downloaded byte for byte through the panel, with its progress bar.
#include "client/alertrulescontroller.h"
#include "client/apiclient.h"
#include "client/custommetricscontroller.h"
#include "client/exportcontroller.h"
#include "support/testbackend.h"
#include "ui/analytics/alertspanel.h"
#include "ui/analytics/custommetricspanel.h"
#include "ui/analytics/exportpanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace waddle;
using namespace waddle::ui;
using namespace Qt::StringLiterals;

class TestAnalystForms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void metricFormValidatesAsYouType_data();
    void metricFormValidatesAsYouType();
    void metricFormOffersOnlyMeaningfulComparisons();
    void metricSavedByKeyboardAndListed();
    void alertFormValidatesAsYouType_data();
    void alertFormValidatesAsYouType();
    void alertSavedFiredAndAcknowledged();
    void exportRangeChecked();
    void exportRunsAndDownloads();
    void exportOffersCustomMetrics();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<client::ApiClient> m_api;
};

void TestAnalystForms::initTestCase()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    client::ApiClient::Options options;
    options.baseUrl = m_backend->plane().baseUrl();
    options.apiKey = m_backend->adminKey();
    options.maxRetries = 0;
    m_api = std::make_unique<client::ApiClient>(options);
}

void TestAnalystForms::cleanupTestCase()
{
    m_api.reset();
    m_backend.reset();
}

void TestAnalystForms::metricFormValidatesAsYouType_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("op");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem"); // empty: valid
    QTest::newRow("no name") << QString() << QString() << QString() << QString() << u"name"_s;
    QTest::newRow("name, no filter")
        << u"all_events"_s << QString() << QString() << QString() << QString();
    QTest::newRow("number field, number")
        << u"big"_s << u"participant_count"_s << u"gte"_s << u"5"_s << QString();
    QTest::newRow("number field, text")
        << u"big"_s << u"participant_count"_s << u"gte"_s << u"five"_s << u"filter[0].value"_s;
    QTest::newRow("text field, list")
        << u"eu"_s << u"region"_s << u"in"_s << u"eu-central, eu-west"_s << QString();
    QTest::newRow("text field, empty list")
        << u"eu"_s << u"region"_s << u"in"_s << u" , "_s << u"filter[0].value"_s;
    QTest::newRow("number list with a word")
        << u"q"_s << u"latency_ms"_s << u"in"_s << u"10, x"_s << u"filter[0].value[1]"_s;
}

void TestAnalystForms::metricFormValidatesAsYouType()
{
    QFETCH(QString, name);
    QFETCH(QString, field);
    QFETCH(QString, op);
    QFETCH(QString, value);
    QFETCH(QString, problem);
    client::CustomMetricsController controller(*m_api);
    CustomMetricsPanel panel(controller);
    panel.show();
    QVERIFY(!panel.saveButton()->isEnabled()); // a new form has no name
    panel.nameEdit()->setFocus();
    QTest::keyClicks(panel.nameEdit(), name);
    if (!field.isEmpty()) {
        const int row = panel.addCondition();
        QComboBox *fieldBox = panel.conditionField(row);
        fieldBox->setCurrentIndex(fieldBox->findData(field));
        QComboBox *opBox = panel.conditionOp(row);
        opBox->setCurrentIndex(opBox->findData(op));
        QVERIFY(opBox->currentIndex() >= 0);
        QTest::keyClicks(panel.conditionValue(row), value);
    }
    QCOMPARE(panel.saveButton()->isEnabled(), problem.isEmpty());
    QCOMPARE(panel.problemLabel()->isVisible(), !problem.isEmpty());
    if (!problem.isEmpty()) {
        // The label says the domain's own words for the rule broken.
        const auto expected = client::problemOf(panel.definition());
        QVERIFY(expected.has_value());
        QCOMPARE(expected->field, problem);
        QVERIFY(panel.problemLabel()->text().contains(expected->message));
    }
}

void TestAnalystForms::metricFormOffersOnlyMeaningfulComparisons()
{
    client::CustomMetricsController controller(*m_api);
    CustomMetricsPanel panel(controller);
    const int row = panel.addCondition(u"region"_s);
    QCOMPARE(panel.conditionOp(row)->count(), 3); // =, ≠, is one of
    QCOMPARE(panel.conditionOp(row)->findData(u"gt"_s), -1);
    panel.conditionField(row)->setCurrentIndex(
        panel.conditionField(row)->findData(u"latency_ms"_s));
    QCOMPARE(panel.conditionOp(row)->count(), 7); // and the orderings
    QVERIFY(panel.conditionOp(row)->findData(u"lte"_s) >= 0);
}

void TestAnalystForms::metricSavedByKeyboardAndListed()
{
    client::CustomMetricsController controller(*m_api);
    CustomMetricsPanel panel(controller);
    QAbstractItemModelTester tester(panel.list()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.show();
    QApplication::setActiveWindow(&panel);
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    QSignalSpy changed(&controller, &client::CustomMetricsController::metricsChanged);
    panel.nameEdit()->setFocus();
    QTest::keyClicks(panel.nameEdit(), u"slow_calls"_s);
    QTest::keyClick(panel.nameEdit(), Qt::Key_Tab);
    QVERIFY(panel.descriptionEdit()->hasFocus());
    QTest::keyClicks(panel.descriptionEdit(), u"Calls over 150 ms"_s);
    const int row = panel.addCondition(u"latency_ms"_s, domain::FilterOp::Gt, u"150"_s);
    QCOMPARE(row, 0);
    // A count needs no value; an average of latency does.
    panel.aggregationBox()->setCurrentIndex(panel.aggregationBox()->findData(u"count"_s));
    QVERIFY(!panel.valueFieldBox()->isEnabled());
    panel.aggregationBox()->setCurrentIndex(panel.aggregationBox()->findData(u"avg"_s));
    QVERIFY(panel.valueFieldBox()->isEnabled());
    panel.valueFieldBox()->setCurrentIndex(panel.valueFieldBox()->findData(u"latency_ms"_s));
    QVERIFY(panel.saveButton()->isEnabled());
    panel.saveButton()->setFocus();
    QTest::keyClick(panel.saveButton(), Qt::Key_Space);
    QVERIFY(changed.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(panel.list()->topLevelItemCount(), 1, 10000);
    QCOMPARE(panel.list()->topLevelItem(0)->text(0), u"slow_calls"_s);
    QCOMPARE(panel.list()->topLevelItem(0)->text(2), u"Average of latency (ms)"_s);
    QCOMPARE(panel.list()->topLevelItem(0)->text(4), u"latency_ms > 150"_s);
    // The form is cleared for the next one; the server has the metric.
    QVERIFY(panel.nameEdit()->text().isEmpty());
    const auto server =
        m_backend->get(u"/api/v1/analytics/metrics/custom/fleet"_s, m_backend->adminKey()).json();
    QCOMPARE(server[u"custom_metrics"_s][0][u"name"_s].toString(), u"slow_calls"_s);
    QCOMPARE(server[u"custom_metrics"_s][0][u"filter"_s][0][u"value"_s].toDouble(), 150.0);
    QCOMPARE(server[u"custom_metrics"_s][0][u"value_field"_s].toString(), u"latency_ms"_s);
    QCOMPARE(server[u"custom_metrics"_s][0][u"aggregation"_s].toString(), u"avg"_s);

    // Edit from the list: the form holds it again; a duplicate name is
    // refused by the server and said so, the list unchanged.
    panel.list()->setCurrentItem(panel.list()->topLevelItem(0));
    QTest::keyClick(panel.list(), Qt::Key_Return);
    QCOMPARE(panel.nameEdit()->text(), u"slow_calls"_s);
    QCOMPARE(panel.conditionCount(), 1);
    QCOMPARE(panel.valueFieldBox()->currentData().toString(), u"latency_ms"_s);
    panel.edit({});
    QTest::keyClicks(panel.nameEdit(), u"slow_calls"_s);
    QSignalSpy refused(&controller, &client::CustomMetricsController::refused);
    panel.save();
    QVERIFY(refused.wait(10000));
    QVERIFY(panel.problemLabel()->text().contains(u"already has a metric"_s));
    QCOMPARE(panel.list()->topLevelItemCount(), 1);
}

void TestAnalystForms::alertFormValidatesAsYouType_data()
{
    QTest::addColumn<QStringList>("channels");
    QTest::addColumn<QString>("webhookUrl");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("problem");
    QTest::newRow("desktop only") << QStringList{u"desktop"_s} << QString() << QString()
                                  << QString();
    QTest::newRow("webhook, no URL")
        << QStringList{u"webhook"_s} << QString() << QString() << u"webhook_url"_s;
    QTest::newRow("webhook, ftp URL")
        << QStringList{u"webhook"_s} << u"ftp://example.org/x"_s << QString() << u"webhook_url"_s;
    QTest::newRow("webhook, https URL")
        << QStringList{u"webhook"_s} << u"https://example.org/x"_s << QString() << QString();
    QTest::newRow("email, no address")
        << QStringList{u"email"_s} << QString() << QString() << u"email_to"_s;
    QTest::newRow("email with address")
        << QStringList{u"email"_s} << QString() << u"ops@example.org"_s << QString();
}

void TestAnalystForms::alertFormValidatesAsYouType()
{
    QFETCH(QStringList, channels);
    QFETCH(QString, webhookUrl);
    QFETCH(QString, email);
    QFETCH(QString, problem);
    client::AlertRulesController controller(*m_api);
    AlertsPanel panel(controller, nullptr);
    panel.show();
    QVERIFY(!panel.saveButton()->isEnabled()); // no name yet
    QTest::keyClicks(panel.nameEdit(), u"Busy"_s);
    QVERIFY(panel.saveButton()->isEnabled());
    for (const QString &channel : channels)
        panel.channelBox(channel)->setChecked(true);
    QCOMPARE(panel.webhookUrlEdit()->isEnabled(), channels.contains(u"webhook"_s));
    QTest::keyClicks(panel.webhookUrlEdit(), webhookUrl);
    QTest::keyClicks(panel.emailEdit(), email);
    QCOMPARE(panel.saveButton()->isEnabled(), problem.isEmpty());
    QCOMPARE(panel.problemLabel()->isVisible(), !problem.isEmpty());
    if (!problem.isEmpty())
        QVERIFY2(panel.problemLabel()->text().contains(problem),
                 qPrintable(panel.problemLabel()->text()));
}

void TestAnalystForms::alertSavedFiredAndAcknowledged()
{
    client::AlertRulesController controller(*m_api);
    AlertsPanel panel(controller, nullptr);
    QAbstractItemModelTester rulesTester(panel.rules()->model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester timelineTester(panel.timeline()->model(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.show();
    QTest::keyClicks(panel.nameEdit(), u"Any API use"_s);
    panel.metricBox()->setCurrentIndex(panel.metricBox()->findData(u"api_request"_s));
    panel.conditionBox()->setCurrentIndex(panel.conditionBox()->findData(u"gte"_s));
    QCOMPARE(panel.conditionBox()->currentText(), u"≥"_s);
    panel.thresholdBox()->setValue(0);
    panel.severityBox()->setCurrentIndex(panel.severityBox()->findData(u"critical"_s));
    panel.channelBox(u"desktop"_s)->setChecked(true);
    QSignalSpy alerts(&controller, &client::AlertRulesController::alertsChanged);
    panel.save();
    QVERIFY(alerts.wait(10000));
    QCOMPARE(panel.rules()->topLevelItemCount(), 1);
    QCOMPARE(panel.rules()->topLevelItem(0)->text(1), u"Any API use"_s);
    QCOMPARE(panel.rules()->topLevelItem(0)->checkState(0), Qt::Checked);

    QSignalSpy triggers(&controller, &client::AlertRulesController::triggersChanged);
    controller.checkNow();
    QTRY_COMPARE_WITH_TIMEOUT(panel.timeline()->topLevelItemCount(), 1, 10000);
    panel.tabs()->setCurrentIndex(1);
    QVERIFY(panel.acknowledgeButton()->isEnabled());
    QCOMPARE(panel.timeline()->topLevelItem(0)->text(1), u"Any API use"_s);
    QTest::keyClick(panel.acknowledgeButton(), Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(!panel.acknowledgeButton()->isEnabled(), 10000);
    QCOMPARE(panel.timeline()->topLevelItem(0)->text(5), u"Acknowledged"_s);
    const auto server =
        m_backend->get(u"/api/v1/analytics/triggers/fleet"_s, m_backend->adminKey()).json();
    QCOMPARE(server[u"triggers"_s][0][u"status"_s].toString(), u"acknowledged"_s);

    // Off from the list's box: the server has it off.
    panel.rules()->topLevelItem(0)->setCheckState(0, Qt::Unchecked);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_backend->get(u"/api/v1/analytics/alerts/fleet"_s, m_backend->adminKey())
            .json()[u"alerts"_s][0][u"is_active"_s]
            .toBool(),
        false, 10000);

    // A silence needs its comment: refused here, then added.
    panel.tabs()->setCurrentIndex(2);
    panel.addSilence();
    QCOMPARE(panel.silenceList()->topLevelItemCount(), 0);
    QTest::keyClicks(panel.silenceCommentEdit(), u"Release night"_s);
    panel.addSilence();
    QTRY_COMPARE_WITH_TIMEOUT(panel.silenceList()->topLevelItemCount(), 1, 10000);
    QCOMPARE(panel.silenceList()->topLevelItem(0)->text(3), u"Release night"_s);
}

void TestAnalystForms::exportRangeChecked()
{
    client::ExportController controller(*m_api);
    ExportPanel panel(controller);
    QVERIFY(panel.startButton()->isEnabled());
    const QDate today = QDate::currentDate();
    panel.fromEdit()->setDate(today.addDays(-2));
    panel.toEdit()->setDate(today.addDays(-3));
    QVERIFY(!panel.startButton()->isEnabled());
    QVERIFY(panel.statusLabel()->text().contains(u"starts after it ends"_s));
    panel.toEdit()->setDate(today);
    QVERIFY(panel.startButton()->isEnabled());
    QVERIFY(panel.statusLabel()->text().startsWith(u"3 day"_s)); // today and the two before
    for (int row = 0; row < panel.metricList()->count(); ++row)
        panel.metricList()->item(row)->setCheckState(Qt::Unchecked);
    QVERIFY(!panel.startButton()->isEnabled());
    QVERIFY(panel.statusLabel()->text().contains(u"at least one metric"_s));
}

void TestAnalystForms::exportRunsAndDownloads()
{
    client::ExportController controller(*m_api);
    controller.setPollInterval(std::chrono::milliseconds(50));
    ExportPanel panel(controller);
    panel.show();
    panel.formatBox()->setCurrentIndex(panel.formatBox()->findData(u"json"_s));
    for (int row = 1; row < panel.metricList()->count(); ++row)
        panel.metricList()->item(row)->setCheckState(Qt::Unchecked);
    QCOMPARE(panel.selectedMetrics(), QStringList{u"participant_minutes"_s});
    QSignalSpy finished(&controller, &client::ExportController::finished);
    QTest::keyClick(panel.startButton(), Qt::Key_Space);
    QVERIFY(!panel.startButton()->isEnabled());
    QVERIFY(finished.wait(30000));
    const auto job = finished.at(0).at(0).value<client::ExportJobStatus>();
    QVERIFY(job.isCompleted());
    QCOMPARE(job.metrics, QStringList{u"participant_minutes"_s});
    QVERIFY(panel.downloadButton()->isEnabled());
    QVERIFY(panel.statusLabel()->text().startsWith(u"Export ready"_s));

    QTemporaryDir dir;
    const QString path = dir.filePath(u"usage.json"_s);
    QSignalSpy downloaded(&controller, &client::ExportController::downloaded);
    panel.downloadTo(path);
    QVERIFY(panel.progressBar()->isVisible());
    QVERIFY(downloaded.wait(30000));
    QCOMPARE(panel.progressBar()->value(), 100);
    QVERIFY(panel.statusLabel()->text().startsWith(u"Saved "_s));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto server = m_backend->get(u"/api/v1/analytics/export/"_s + job.id + u"/download"_s,
                                       m_backend->adminKey());
    QCOMPARE(server.status, 200);
    QVERIFY(file.readAll() == server.body);
}

void TestAnalystForms::exportOffersCustomMetrics()
{
    client::CustomMetricsController metrics(*m_api);
    client::ExportController controller(*m_api);
    controller.setPollInterval(std::chrono::milliseconds(50));
    ExportPanel panel(controller, &metrics);
    // Until the project's list is read: the five built-in metrics, checked.
    QCOMPARE(panel.metricList()->count(), 5);
    QCOMPARE(panel.selectedMetrics().size(), 5);

    client::MetricDefinition big;
    big.metric.projectId = u"fleet"_s;
    big.metric.name = u"big_calls"_s;
    big.metric.description = u"Calls of more than 4 people"_s;
    big.metric.filter = {{u"participant_count"_s, domain::FilterOp::Gt, QJsonValue(4)}};
    QSignalSpy changed(&metrics, &client::CustomMetricsController::metricsChanged);
    metrics.save(big);
    QVERIFY(changed.wait(10000));
    // The custom metric follows the built-in ones, unchecked, named as such;
    // the choices made so far stay.
    QListWidgetItem *custom = nullptr;
    for (int row = 0; row < panel.metricList()->count(); ++row) {
        if (panel.metricList()->item(row)->data(Qt::UserRole).toString() == u"big_calls"_s)
            custom = panel.metricList()->item(row);
    }
    QVERIFY(custom);
    QCOMPARE(panel.metricList()->row(custom), panel.metricList()->count() - 1);
    QCOMPARE(custom->text(), u"big_calls (custom)"_s);
    QCOMPARE(custom->toolTip(), u"Calls of more than 4 people"_s);
    QCOMPARE(custom->checkState(), Qt::Unchecked);
    QCOMPARE(panel.selectedMetrics().size(), 5);
    panel.metricList()->item(0)->setCheckState(Qt::Unchecked);
    custom->setCheckState(Qt::Checked);
    metrics.reload();
    QVERIFY(changed.wait(10000));
    QCOMPARE(panel.metricList()->item(0)->checkState(), Qt::Unchecked);
    QCOMPARE(panel.selectedMetrics().size(), 5);
    QVERIFY(panel.selectedMetrics().contains(u"big_calls"_s));

    // Asked for by name: the server exports it, or says plainly why not.
    QSignalSpy finished(&controller, &client::ExportController::finished);
    QSignalSpy refused(&controller, &client::ExportController::refused);
    panel.startExport();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !refused.isEmpty(), 30000);
    if (!finished.isEmpty()) {
        const auto job = finished.at(0).at(0).value<client::ExportJobStatus>();
        QVERIFY(job.metrics.contains(u"big_calls"_s));
    } else {
        QVERIFY2(panel.statusLabel()->text().startsWith(u"The export was refused: "_s) &&
                     panel.statusLabel()->text().contains(u"big_calls"_s),
                 qPrintable(panel.statusLabel()->text()));
        QVERIFY(panel.startButton()->isEnabled());
    }
}

QTEST_MAIN(TestAnalystForms)
#include "tst_analystforms.moc"
