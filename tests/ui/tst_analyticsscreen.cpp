// AnalyticsScreen, MetricCard and RegionDashboardDialog (ui/analytics/)
// offscreen against a real control plane with the demo fleet: the five cards
// filled with value, unit and trend in words, each with its line; the 24 h
// usage chart; the forecast drawn with its band, model and accuracy, and "not
// enough data (N of 7 days)" said plainly; keyboard reach of the forecast
// controls; the region dashboard's cards, charts, histogram and alerts.
#include "client/analyticscontroller.h"
#include "client/apiclient.h"
#include "client/regiondashboardcontroller.h"
#include "client/regionsmodel.h"
#include "domain/catalogue.h"
#include "support/await.h"
#include "support/testbackend.h"
#include "ui/analytics/analyticsscreen.h"
#include "ui/analytics/metriccard.h"
#include "ui/analytics/regiondashboarddialog.h"
#include "ui/charts/chartview.h"
#include "ui/charts/pdfreport.h"
#include "ui/map/regiondetailspanel.h"

#include <QComboBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::ui;
using namespace Qt::StringLiterals;

class TestAnalyticsScreen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cardValues_data();
    void cardValues();
    void initTestCase();
    void cleanupTestCase();

    void trendInWords_data();
    void trendInWords();
    void cardsFilled();
    void forecastDrawnWithBand();
    void forecastNotEnoughData();
    void forecastControlsByKeyboard();
    void regionDashboard();
    void dashboardAskedFromDetails();
    void dashboardAskedFromAnalytics();
    void dashboardExportedAsPdf();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<client::ApiClient> m_api;
};

void TestAnalyticsScreen::initTestCase()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    client::ApiClient::Options options;
    options.baseUrl = m_backend->plane().baseUrl();
    options.apiKey = m_backend->adminKey();
    options.maxRetries = 0;
    m_api = std::make_unique<client::ApiClient>(options);
}

void TestAnalyticsScreen::cleanupTestCase()
{
    m_api.reset();
    m_backend.reset();
}

void TestAnalyticsScreen::trendInWords_data()
{
    QTest::addColumn<domain::Trend>("trend");
    QTest::addColumn<double>("change");
    QTest::addColumn<QString>("expected");
    QTest::newRow("up") << domain::Trend::Up << 12.5 << u"▲ up 12.5 %"_s;
    QTest::newRow("down") << domain::Trend::Down << -3.0 << u"▼ down 3 %"_s;
    QTest::newRow("stable, small rise") << domain::Trend::Stable << 0.4 << u"● stable (+0.4 %)"_s;
    QTest::newRow("stable, small fall")
        << domain::Trend::Stable << -4.25 << u"● stable (−4.25 %)"_s;
    QTest::newRow("all new") << domain::Trend::Up << 100.0 << u"▲ up 100 %"_s;
}

void TestAnalyticsScreen::trendInWords()
{
    QFETCH(domain::Trend, trend);
    QFETCH(double, change);
    QFETCH(QString, expected);
    QCOMPARE(MetricCard::describeTrend(trend, change), expected);
    MetricCard card(u"Sessions"_s);
    QCOMPARE(card.valueText(), u"No data yet"_s);
    card.setValue(1234.5, u"ms"_s, trend, change);
    QCOMPARE(card.valueText(), QLocale().toString(1234.5, 'f', 0) + u" ms"_s);
    QCOMPARE(card.trendText(), expected);
    QVERIFY(card.accessibleName().contains(expected));
}

void TestAnalyticsScreen::cardsFilled()
{
    client::AnalyticsController controller(*m_api);
    AnalyticsScreen screen(controller);
    QSignalSpy realtime(&controller, &client::AnalyticsController::realtimeLoaded);
    QSignalSpy usage(&controller, &client::AnalyticsController::usageLoaded);
    screen.resize(1200, 900);
    screen.show();
    QVERIFY(controller.isRunning()); // shown: refreshing
    QVERIFY(realtime.size() == 1 || realtime.wait(10000));
    QVERIFY(usage.size() == 1 || usage.wait(10000));
    const auto dashboard = realtime.at(0).at(0).value<client::RealtimeDashboard>();
    for (const client::RealtimeMetric &metric : dashboard.metrics) {
        MetricCard *card = screen.card(metric.name);
        QVERIFY(card);
        QCOMPARE(card->valueText(),
                 metric.unit == u"count"_s
                     ? MetricCard::formatValue(metric.value)
                     : MetricCard::formatValue(metric.value) + u' ' + metric.unit);
        QCOMPARE(card->trendText(), MetricCard::describeTrend(metric.trend, metric.changePercent));
        // The line: the metric's minutes of the last half hour, at once.
        QVERIFY(metric.perMinute);
        const QList<QPointF> shown = card->chart()->shownPoints(0);
        QCOMPARE(shown.size(), metric.points.size());
        for (qsizetype i = 0; i < shown.size(); ++i)
            QCOMPARE(shown.at(i).y(), metric.points.at(i).value);
        QCOMPARE(card->caption(), u"Per minute, last 30 minutes"_s);
        QCOMPARE(card->chart()->valueUnit(), metric.unit == u"count"_s ? QString() : metric.unit);
    }
    QVERIFY2(screen.card(u"participant_minutes"_s)->chart()->shownPoints(0).size() > 1,
             "the demo's minutes, not one sample");
    const auto points = usage.at(0).at(0).value<QList<client::UsagePoint>>();
    QVERIFY(!points.isEmpty());
    QCOMPARE(screen.usageChart()->shownPoints(0).size(), points.size());
    QCOMPARE(screen.usageChart()->shownPoints(1).last().y(),
             static_cast<double>(points.last().participants));
    QVERIFY(screen.statusLabel()->text().contains(u"updated"_s));
    screen.hide();
    QVERIFY(!controller.isRunning()); // hidden: no more refreshes
}

void TestAnalyticsScreen::forecastDrawnWithBand()
{
    client::AnalyticsController controller(*m_api);
    AnalyticsScreen screen(controller);
    QSignalSpy forecast(&controller, &client::AnalyticsController::forecastLoaded);
    screen.show();
    QVERIFY(forecast.wait(10000)); // asked for when first shown
    auto answer = forecast.at(0).at(0).value<client::ForecastAnswer>();
    QCOMPARE(answer.days, 14);
    QCOMPARE(answer.model, u"linear_regression"_s);
    // The prediction and its band (and the history, when the server sends it).
    ChartView *chart = screen.forecastChart();
    QCOMPARE(chart->seriesCount(), answer.history.isEmpty() ? 2 : 3);
    const QString csv = chart->csv();
    QCOMPARE(csv.count(u"Prediction,"_s), 14);
    QCOMPARE(csv.count(u"95 % band (low),"_s), 14);
    QCOMPARE(csv.count(u"95 % band (high),"_s), 14);
    QVERIFY(screen.forecastInfo()->text().startsWith(u"Model: linear regression · accuracy "_s));
    // Holt-Winters, 30 days.
    screen.forecastModel()->setCurrentIndex(1);
    screen.forecastDays()->setValue(30);
    QVERIFY(forecast.wait(10000));
    answer = forecast.last().at(0).value<client::ForecastAnswer>();
    QCOMPARE(answer.model, u"holt_winters"_s);
    QCOMPARE(answer.points.size(), 30);
    QVERIFY(screen.forecastInfo()->text().startsWith(u"Model: Holt-Winters (weekly season)"_s));
    QCOMPARE(chart->csv().count(u"Prediction,"_s), 30);
}

void TestAnalyticsScreen::forecastNotEnoughData()
{
    client::AnalyticsController controller(*m_api);
    AnalyticsScreen screen(controller);
    QSignalSpy forecast(&controller, &client::AnalyticsController::forecastLoaded);
    QSignalSpy unavailable(&controller, &client::AnalyticsController::forecastUnavailable);
    screen.show();
    QVERIFY(forecast.wait(10000));
    QVERIFY(screen.forecastChart()->seriesCount() >= 2);
    // API requests are counted live only: no day of history.
    screen.forecastMetric()->setCurrentIndex(screen.forecastMetric()->findData(u"api_request"_s));
    QVERIFY(unavailable.wait(10000));
    QVERIFY2(screen.forecastInfo()->text().startsWith(
                 u"Not enough data for a forecast (0 of 7 days)."_s),
             qPrintable(screen.forecastInfo()->text()));
    QCOMPARE(screen.forecastChart()->seriesCount(), 0);
    QVERIFY(screen.forecastChart()->isHidden());
    // Back to a metric with history: the chart is there again.
    screen.forecastMetric()->setCurrentIndex(
        screen.forecastMetric()->findData(u"participant_minutes"_s));
    QVERIFY(forecast.wait(10000));
    QVERIFY(screen.forecastChart()->seriesCount() >= 2);
    QVERIFY(!screen.forecastChart()->isHidden());
}

void TestAnalyticsScreen::forecastControlsByKeyboard()
{
    client::AnalyticsController controller(*m_api);
    AnalyticsScreen screen(controller);
    screen.show();
    QVERIFY(QTest::qWaitForWindowExposed(&screen));
    screen.forecastDays()->setFocus();
    QCOMPARE(screen.forecastDays()->value(), 14);
    QTest::keyClick(screen.forecastDays(), Qt::Key_Right);
    QCOMPARE(screen.forecastDays()->value(), 15);
    QTest::keyClick(screen.forecastDays(), Qt::Key_PageUp);
    QCOMPARE(screen.forecastDays()->value(), 22);
    QTest::keyClick(screen.forecastDays(), Qt::Key_End);
    QCOMPARE(screen.forecastDays()->value(), 90);
    QTest::keyClick(screen.forecastDays(), Qt::Key_Home);
    QCOMPARE(screen.forecastDays()->value(), 1);
    // Tab order: metric → days → model.
    QCOMPARE(screen.forecastMetric()->nextInFocusChain(), screen.forecastDays());
    QCOMPARE(screen.forecastDays()->nextInFocusChain(), screen.forecastModel());
}

void TestAnalyticsScreen::regionDashboard()
{
    const auto regions = m_backend->get(u"/api/v1/regions"_s).json().value(u"regions"_s).toArray();
    QVERIFY(!regions.isEmpty());
    const QString code = regions.at(0).toObject().value(u"code"_s).toString();
    RegionDashboardDialog dialog(*m_api, code, u"First"_s);
    QSignalSpy loaded(&dialog.controller(), &client::RegionDashboardController::loaded);
    dialog.show();
    QVERIFY(dialog.controller().isRunning());
    QVERIFY(loaded.wait(10000));
    const auto d = loaded.at(0).at(0).value<client::RegionDashboard>();
    QCOMPARE(dialog.sessionsCard()->valueText(), MetricCard::formatValue(d.activeSessions.value));
    QCOMPARE(dialog.capacityCard()->trendText(),
             MetricCard::describeTrend(d.capacityUsedPercent.trend,
                                       d.capacityUsedPercent.changePercent));
    QVERIFY(dialog.latencyCard()->valueText().endsWith(u" ms"_s));
    QCOMPARE(dialog.usageChart()->shownPoints(0).size(), 24);
    // Quality only for the hours with calls.
    qsizetype hoursWithCalls = 0;
    for (const auto &hour : d.sessions)
        hoursWithCalls += hour.value > 0 ? 1 : 0;
    QCOMPARE(dialog.qualityChart()->shownPoints(0).size(), hoursWithCalls);
    // The histogram: one bar per bucket, labelled in ms.
    const QString bars = dialog.latencyHistogram()->csv();
    QCOMPARE(bars.count(u'\n'), 1 + 6);
    QVERIFY(bars.contains(u"Sessions,0–50,"_s));
    QVERIFY(bars.contains(u"Sessions,≥ 300,"_s));
    QCOMPARE(dialog.alertList()->count(), std::max<qsizetype>(1, d.alerts.size()));
    dialog.hide();
    QVERIFY(!dialog.controller().isRunning());
}

void TestAnalyticsScreen::dashboardAskedFromDetails()
{
    RegionDetailsPanel panel;
    QSignalSpy asked(&panel, &RegionDetailsPanel::dashboardRequested);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(!panel.dashboardButton()->isVisible()); // no region yet
    const auto catalogue = domain::defaultCatalogue();
    panel.setRegion(*domain::findRegion(catalogue, u"eu-west"));
    QVERIFY(panel.dashboardButton()->isVisible());
    QTest::mouseClick(panel.dashboardButton(), Qt::LeftButton);
    // And by keyboard: it takes focus and Space presses it; Alt+D is its mnemonic.
    QVERIFY(panel.dashboardButton()->text().contains(u"&D"_s));
    QVERIFY(panel.dashboardButton()->focusPolicy() & Qt::TabFocus);
    panel.dashboardButton()->setFocus();
    QTest::keyClick(panel.dashboardButton(), Qt::Key_Space);
    QCOMPARE(asked.size(), 2);
    QCOMPARE(asked.at(0).at(0).toString(), u"eu-west"_s);
    QCOMPARE(asked.at(1).at(0).toString(), u"eu-west"_s);
}

void TestAnalyticsScreen::dashboardAskedFromAnalytics()
{
    client::RegionsModel regions;
    client::AnalyticsController controller(*m_api);
    AnalyticsScreen screen(controller, &regions);
    QSignalSpy asked(&screen, &AnalyticsScreen::dashboardRequested);
    QVERIFY(!screen.dashboardButton()->isEnabled()); // no regions yet
    const auto answer = test::await(m_api->regions());
    QVERIFY(answer.ok());
    regions.setRegions(answer.value());
    QCOMPARE(screen.dashboardRegion()->count(), answer->size());
    QVERIFY(screen.dashboardButton()->isEnabled());
    screen.dashboardRegion()->setCurrentIndex(1);
    screen.dashboardButton()->setFocus();
    QTest::keyClick(screen.dashboardButton(), Qt::Key_Space);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).toString(), answer->at(1).code);
    // The choice survives a reload of the regions.
    regions.setRegions(answer.value());
    QCOMPARE(screen.dashboardRegion()->currentData().toString(), answer->at(1).code);
}

void TestAnalyticsScreen::dashboardExportedAsPdf()
{
    client::AnalyticsController controller(*m_api);
    AnalyticsScreen screen(controller);
    QSignalSpy forecast(&controller, &client::AnalyticsController::forecastLoaded);
    screen.resize(1200, 900);
    screen.show();
    QVERIFY(forecast.wait(10000));
    QTemporaryDir dir;
    const QString path = dir.filePath(u"dashboard.pdf"_s);
    QCOMPARE(screen.exportDashboard(path), QString());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    // Title page, cards and charts, forecast.
    const auto pages =
        pdf.count("/Type /Page\n") + pdf.count("/Type /Page\r") + pdf.count("/Type /Page ");
    QCOMPARE(pages, 3);
    // The pages after the title hold drawings: far more than a title page alone.
    const QString titleOnly = dir.filePath(u"title.pdf"_s);
    QCOMPARE(writePdfReport(titleOnly, u"Analytics"_s, {u"Project: fleet"_s}, {}), QString());
    QVERIFY2(pdf.size() > QFileInfo(titleOnly).size() + 20000,
             qPrintable(u"%1 against %2"_s.arg(pdf.size()).arg(QFileInfo(titleOnly).size())));
    // Nowhere to write: said, nothing left behind.
    const QString nowhere = dir.filePath(u"no/such/folder/dashboard.pdf"_s);
    QVERIFY(screen.exportDashboard(nowhere).startsWith(u"Cannot write"_s));
    QVERIFY(!QFile::exists(nowhere));
}

void TestAnalyticsScreen::cardValues_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("250") << 250.0 << u"250"_s;
    QTest::newRow("12.5") << 12.5 << u"12.5"_s;
    QTest::newRow("3.00 → 3") << 3.0 << u"3"_s;
    QTest::newRow("0") << 0.0 << u"0"_s;
    QTest::newRow("0.05") << 0.05 << u"0.05"_s;
    QTest::newRow("0.004 GB is not 0") << 0.004 << u"0.004"_s;
    QTest::newRow("0.0432: three figures") << 0.0432 << u"0.0432"_s;
    QTest::newRow("0.00012345 → 0.000123") << 0.00012345 << u"0.000123"_s;
    QTest::newRow("tiny: six decimals at most") << 0.0000004 << u"0"_s;
    QTest::newRow("-0.004") << -0.004 << u"-0.004"_s;
}

void TestAnalyticsScreen::cardValues()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    const QLocale before;
    QLocale::setDefault(QLocale::c());
    const QString formatted = MetricCard::formatValue(value);
    QLocale::setDefault(before);
    QCOMPARE(formatted, text);
}

QTEST_MAIN(TestAnalyticsScreen)
#include "tst_analyticsscreen.moc"
