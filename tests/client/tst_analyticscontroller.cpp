// AnalyticsController and RegionDashboardController (core/client/): the
// analytics screen's and the region dashboard's flows against a real control
// plane with the demo fleet (30 days of hourly usage), with no widgets —
// real-time cards and their samples, the 15 s refresh as a timer, usage,
// forecasts with their band compared with the raw HTTP answer, "not enough
// data" with its counts, bad input refused with nothing emitted, stale
// answers dropped. Plus the decoders of these answers, bad next to good.
#include "client/analyticscontroller.h"
#include "client/analyticstypes.h"
#include "client/apiclient.h"
#include "client/regiondashboardcontroller.h"
#include "support/testbackend.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
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

const QStringList kMetrics{u"participant_minutes"_s, u"egress_minutes"_s, u"storage_usage"_s,
                           u"bandwidth_usage"_s, u"api_request"_s};

} // namespace

class TestAnalyticsController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void realtimeCardsAndSamples();
    void refreshesOnTimerUntilStopped();
    void unknownProjectFails();
    void usageMatchesServer();
    void forecastWithBandMatchesServer_data();
    void forecastWithBandMatchesServer();
    void forecastWithoutHistorySaysHowMuch_data();
    void forecastWithoutHistorySaysHowMuch();
    void forecastBadDaysRefused();
    void olderForecastDropped();

    void dashboardLoads();
    void dashboardUnknownRegionFails();
    void dashboardSwitchDropsOldRegion();

    void shortfallParsed_data();
    void shortfallParsed();
    void decodersRejectBadInput_data();
    void decodersRejectBadInput();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
    QStringList m_regions;
};

void TestAnalyticsController::initTestCase()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(optionsFor(*m_backend));
    const auto regions = m_backend->get(u"/api/v1/regions"_s).json();
    for (const auto &r : regions.value(u"regions"_s).toArray())
        m_regions.append(r.toObject().value(u"code"_s).toString());
    QVERIFY(m_regions.size() >= 2);
}

void TestAnalyticsController::cleanupTestCase()
{
    m_api.reset();
    m_backend.reset();
}

void TestAnalyticsController::realtimeCardsAndSamples()
{
    AnalyticsController controller(*m_api);
    QSignalSpy loaded(&controller, &AnalyticsController::realtimeLoaded);
    QSignalSpy failed(&controller, &AnalyticsController::failed);
    controller.refresh();
    QVERIFY(loaded.wait(10000));
    QCOMPARE(failed.size(), 0);
    const auto dashboard = loaded.at(0).at(0).value<RealtimeDashboard>();
    QCOMPARE(dashboard.projectId, u"fleet"_s);
    QStringList names;
    for (const RealtimeMetric &m : dashboard.metrics) {
        names.append(m.name);
        QVERIFY(std::isfinite(m.value));
        QVERIFY(m.timestamp.isValid());
    }
    QCOMPARE(names, kMetrics);
    QCOMPARE(dashboard.metrics.at(0).unit, u"minutes"_s);
    QCOMPARE(dashboard.metrics.at(2).unit, u"GB"_s);
    QCOMPARE(dashboard.metrics.at(4).unit, u"count"_s);
    QVERIFY(controller.latest().has_value());
    // A built-in card's line is its minutes as the server sent them: the
    // demo fleet's of the last half hour, the card's value their current
    // window's sum.
    for (const RealtimeMetric &m : dashboard.metrics) {
        QVERIFY2(m.perMinute, qPrintable(m.name));
        QCOMPARE(controller.history(m.name), m.points);
        QVERIFY(m.points.size() <= 31);
        for (const domain::MetricPoint &point : m.points) {
            QVERIFY(point.time <= m.timestamp);
            QVERIFY(point.time >= m.timestamp.addSecs(-31 * 60));
        }
    }
    QVERIFY2(!dashboard.metrics.at(0).points.isEmpty(), "the demo's participant minutes");

    // A custom metric has no minutes: its line is its value at each refresh
    // (another second on the server), while the built-in lines are replaced.
    const auto created = m_backend->send("POST", u"/api/v1/analytics/metrics/custom"_s,
                                         QJsonObject{{u"project_id"_s, u"fleet"_s},
                                                     {u"name"_s, u"long_calls"_s},
                                                     {u"metric_type"_s, u"counter"_s},
                                                     {u"value_field"_s, u"duration_seconds"_s},
                                                     {u"aggregation"_s, u"count"_s},
                                                     {u"unit"_s, u"calls"_s}},
                                         m_backend->adminKey());
    QCOMPARE(created.status, 201);
    const QString createdId = created.json().value(u"id"_s).toString();
    for (int refresh = 1; refresh <= 2; ++refresh) {
        QTest::qWait(1100);
        controller.refresh();
        QVERIFY(loaded.wait(10000));
        const auto later = loaded.last().at(0).value<RealtimeDashboard>();
        QCOMPARE(later.metrics.size(), 6);
        const RealtimeMetric &custom = later.metrics.last();
        QCOMPARE(custom.name, u"long_calls"_s);
        QVERIFY(!custom.perMinute);
        const auto samples = controller.history(custom.name);
        QCOMPARE(samples.size(), refresh);
        QCOMPARE(samples.last().time, custom.timestamp);
        QCOMPARE(samples.last().value, custom.value);
        for (qsizetype i = 0; i < 5; ++i)
            QCOMPARE(controller.history(later.metrics.at(i).name), later.metrics.at(i).points);
    }
    QCOMPARE(m_backend
                 ->send("DELETE", u"/api/v1/analytics/metrics/custom/fleet/"_s + createdId, {},
                        m_backend->adminKey())
                 .status,
             200);
    // Another project forgets the lines.
    controller.setProject(u"w-0001"_s);
    QVERIFY(controller.history(kMetrics.at(0)).isEmpty());
    QVERIFY(!controller.latest().has_value());
}

void TestAnalyticsController::refreshesOnTimerUntilStopped()
{
    AnalyticsController controller(*m_api);
    QCOMPARE(controller.refreshInterval(), std::chrono::milliseconds(15000));
    controller.setRefreshInterval(std::chrono::milliseconds(150));
    QSignalSpy loaded(&controller, &AnalyticsController::realtimeLoaded);
    controller.start();
    QVERIFY(controller.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 3, 10000);
    controller.stop();
    QVERIFY(!controller.isRunning());
    QTest::qWait(300); // an answer in flight may still land
    const auto settled = loaded.size();
    QTest::qWait(600);
    QCOMPARE(loaded.size(), settled);
}

void TestAnalyticsController::unknownProjectFails()
{
    AnalyticsController controller(*m_api);
    controller.setProject(u"w-does-not-exist"_s);
    QSignalSpy loaded(&controller, &AnalyticsController::realtimeLoaded);
    QSignalSpy failed(&controller, &AnalyticsController::failed);
    controller.refresh();
    QVERIFY(failed.wait(10000));
    const auto error = failed.at(0).at(0).value<ApiError>();
    QVERIFY(error.kind == ApiError::Kind::Http);
    QCOMPARE(error.status, 404);
    QCOMPARE(loaded.size(), 0);
    QVERIFY(!controller.latest().has_value());
}

void TestAnalyticsController::usageMatchesServer()
{
    AnalyticsController controller(*m_api);
    QSignalSpy loaded(&controller, &AnalyticsController::usageLoaded);
    controller.loadUsage(48);
    QVERIFY(loaded.wait(10000));
    const auto points = loaded.at(0).at(0).value<QList<UsagePoint>>();
    // The demo fleet has usage every hour: 48 or 49 hours touched.
    QVERIFY2(points.size() >= 47 && points.size() <= 49,
             qPrintable(QString::number(points.size())));
    const QString from = points.first().time.toString(Qt::ISODateWithMs);
    const QString to = points.last().time.addSecs(1).toString(Qt::ISODateWithMs);
    const auto raw = m_backend->get(
        u"/api/v1/analytics/usage/fleet?from="_s + from + u"&to="_s + to, m_backend->adminKey());
    QCOMPARE(raw.status, 200);
    const QJsonArray rawPoints = raw.json().value(u"points"_s).toArray();
    QVERIFY(rawPoints.size() >= 2);
    // Past hours do not change: the first hour is the server's first hour.
    const QJsonObject first = rawPoints.at(0).toObject();
    QCOMPARE(points.first().sessions, first.value(u"sessions"_s).toInteger());
    QCOMPARE(points.first().participants, first.value(u"participants"_s).toInteger());
    QCOMPARE(points.first().averageLatencyMs, first.value(u"average_latency_ms"_s).toDouble());
}

void TestAnalyticsController::forecastWithBandMatchesServer_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("days");
    QTest::newRow("linear, 14 days") << u"linear_regression"_s << 14;
    QTest::newRow("holt-winters, 1 day") << u"holt_winters"_s << 1;
    QTest::newRow("linear, 90 days") << u"linear_regression"_s << 90;
}

void TestAnalyticsController::forecastWithBandMatchesServer()
{
    QFETCH(QString, model);
    QFETCH(int, days);
    AnalyticsController controller(*m_api);
    QSignalSpy loaded(&controller, &AnalyticsController::forecastLoaded);
    controller.loadForecast(u"participant_minutes"_s, days, model);
    QVERIFY(loaded.wait(10000));
    const auto forecast = loaded.at(0).at(0).value<ForecastAnswer>();
    QCOMPARE(forecast.model, model);
    QCOMPARE(forecast.days, days);
    QCOMPARE(forecast.points.size(), days);
    QVERIFY(forecast.historyDays >= 7);
    bool bandHasWidth = false;
    for (qsizetype i = 0; i < forecast.points.size(); ++i) {
        const auto &p = forecast.points.at(i);
        QVERIFY(p.low <= p.predicted && p.predicted <= p.high);
        bandHasWidth = bandHasWidth || p.high > p.low;
        if (i > 0)
            QCOMPARE(forecast.points.at(i - 1).date.daysTo(p.date), 1);
    }
    QVERIFY(bandHasWidth);
    // The history it was made from: one total a day, up to the day before the first forecast.
    QCOMPARE(forecast.history.size(), forecast.historyDays);
    QCOMPARE(forecast.history.last().time.daysTo(forecast.points.first().date), 1);
    const auto raw = m_backend->get(u"/api/v1/analytics/forecast/fleet?metric_type="
                                    "participant_minutes&days=%1&model=%2"_s.arg(days)
                                        .arg(model),
                                    m_backend->adminKey());
    QCOMPARE(raw.status, 200);
    const QJsonArray rawPoints = raw.json().value(u"forecasts"_s).toArray();
    QCOMPARE(rawPoints.size(), days);
    const QJsonObject last = rawPoints.last().toObject();
    QCOMPARE(forecast.points.last().predicted, last.value(u"predicted_value"_s).toDouble());
    QCOMPARE(forecast.points.last().low, last.value(u"confidence_low"_s).toDouble());
    QCOMPARE(forecast.points.last().high, last.value(u"confidence_high"_s).toDouble());
    QCOMPARE(forecast.accuracyPercent, last.value(u"accuracy"_s).toDouble());
    QCOMPARE(forecast.standardError, raw.json().value(u"standard_error"_s).toDouble());
}

void TestAnalyticsController::forecastWithoutHistorySaysHowMuch_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("need");
    QTest::newRow("linear needs 7") << u"linear_regression"_s << 7;
    QTest::newRow("holt-winters needs 8") << u"holt_winters"_s << 8;
}

void TestAnalyticsController::forecastWithoutHistorySaysHowMuch()
{
    QFETCH(QString, model);
    QFETCH(int, need);
    AnalyticsController controller(*m_api);
    QSignalSpy loaded(&controller, &AnalyticsController::forecastLoaded);
    QSignalSpy unavailable(&controller, &AnalyticsController::forecastUnavailable);
    QSignalSpy failed(&controller, &AnalyticsController::forecastFailed);
    // API requests are counted live only: no day of history.
    controller.loadForecast(u"api_request"_s, 7, model);
    QVERIFY(unavailable.wait(10000));
    QCOMPARE(unavailable.at(0).at(0).toInt(), 0);
    QCOMPARE(unavailable.at(0).at(1).toInt(), need);
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(failed.size(), 0);
}

void TestAnalyticsController::forecastBadDaysRefused()
{
    AnalyticsController controller(*m_api);
    QSignalSpy loaded(&controller, &AnalyticsController::forecastLoaded);
    QSignalSpy unavailable(&controller, &AnalyticsController::forecastUnavailable);
    QSignalSpy failed(&controller, &AnalyticsController::forecastFailed);
    controller.loadForecast(u"participant_minutes"_s, 91, u"linear_regression"_s);
    QVERIFY(failed.wait(10000));
    const auto error = failed.at(0).at(0).value<ApiError>();
    QCOMPARE(error.status, 400);
    QCOMPARE(error.field, u"days"_s);
    QCOMPARE(loaded.size(), 0);
    QCOMPARE(unavailable.size(), 0);
    // The good request right after it answers.
    controller.loadForecast(u"participant_minutes"_s, 90, u"linear_regression"_s);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(loaded.at(0).at(0).value<ForecastAnswer>().points.size(), 90);
}

void TestAnalyticsController::olderForecastDropped()
{
    AnalyticsController controller(*m_api);
    QSignalSpy loaded(&controller, &AnalyticsController::forecastLoaded);
    controller.loadForecast(u"participant_minutes"_s, 30, u"holt_winters"_s);
    controller.loadForecast(u"participant_minutes"_s, 3, u"linear_regression"_s);
    QVERIFY(loaded.wait(10000));
    QTest::qWait(500); // the first answer has come by now, and was dropped
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.at(0).at(0).value<ForecastAnswer>().days, 3);
}

void TestAnalyticsController::dashboardLoads()
{
    RegionDashboardController controller(*m_api);
    QSignalSpy loaded(&controller, &RegionDashboardController::loaded);
    const QString code = m_regions.at(0);
    controller.show(code);
    QVERIFY(controller.isRunning());
    QVERIFY(loaded.wait(10000));
    const auto d = loaded.at(0).at(0).value<RegionDashboard>();
    QCOMPARE(d.region, code);
    QCOMPARE(d.sessions.size(), 24);
    QCOMPARE(d.participants.size(), 24);
    QCOMPARE(d.quality.size(), 24);
    QCOMPARE(d.latencyDistribution.size(), 6);
    QCOMPARE(d.latencyDistribution.first().fromMs, 0.0);
    QVERIFY(!d.latencyDistribution.last().toMs.has_value());
    QVERIFY(d.capacityUsedPercent.value >= 0.0 && d.capacityUsedPercent.value <= 100.0);
    // Hours in order, one apart.
    for (qsizetype i = 1; i < d.sessions.size(); ++i)
        QCOMPARE(d.sessions.at(i - 1).time.secsTo(d.sessions.at(i).time), 3600);
    controller.stop();
    QVERIFY(!controller.isRunning());
}

void TestAnalyticsController::dashboardUnknownRegionFails()
{
    RegionDashboardController controller(*m_api);
    QSignalSpy loaded(&controller, &RegionDashboardController::loaded);
    QSignalSpy failed(&controller, &RegionDashboardController::failed);
    controller.show(u"xx-nowhere"_s);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(0).value<ApiError>().status, 404);
    QCOMPARE(loaded.size(), 0);
}

void TestAnalyticsController::dashboardSwitchDropsOldRegion()
{
    RegionDashboardController controller(*m_api);
    controller.setRefreshInterval(std::chrono::milliseconds(200));
    QSignalSpy loaded(&controller, &RegionDashboardController::loaded);
    controller.show(m_regions.at(0));
    controller.show(m_regions.at(1));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 2, 10000); // refreshed on the timer too
    controller.stop();
    for (const auto &args : std::as_const(loaded))
        QCOMPARE(args.at(0).value<RegionDashboard>().region, m_regions.at(1));
}

void TestAnalyticsController::shortfallParsed_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("have");
    QTest::addColumn<int>("need");
    QTest::newRow("server's words") << u"history"_s
                                    << u"a forecast needs at least 7 days of data; project "
                                       "\"fleet\" has 3 of participant_minutes"_s
                                    << 3 << 7;
    QTest::newRow("holt-winters") << u"history"_s
                                  << u"a forecast needs at least 8 days of data; project "
                                     "\"w-1\" has 0 of egress_minutes"_s
                                  << 0 << 8;
    QTest::newRow("other field") << u"days"_s << u"needs at least 7 days, has 3"_s << -1 << -1;
    QTest::newRow("no counts") << u"history"_s << u"not enough history"_s << -1 << -1;
}

void TestAnalyticsController::shortfallParsed()
{
    QFETCH(QString, field);
    QFETCH(QString, message);
    QFETCH(int, have);
    QFETCH(int, need);
    const auto shortfall = forecastShortfall(field, message);
    QCOMPARE(shortfall.has_value(), have >= 0);
    if (shortfall) {
        QCOMPARE(shortfall->haveDays, have);
        QCOMPARE(shortfall->needDays, need);
    }
}

void TestAnalyticsController::decodersRejectBadInput_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("badField"); // empty: decodes
    const QByteArray point =
        R"({"forecast_date":"2026-01-02T00:00:00Z","predicted_value":5,)"
        R"("confidence_low":4,"confidence_high":6,"model":"linear_regression",)"
        R"("accuracy":90})";
    QTest::newRow("forecast good")
        << u"forecast"_s
        << QByteArray(R"({"metric":"participant_minutes","days":1,"history_days":9,)"
                      R"("standard_error":0.5,"forecasts":[)" +
                      point + "]}")
        << QString();
    QTest::newRow("forecast band inverted")
        << u"forecast"_s
        << QByteArray(R"({"metric":"m","days":1,"history_days":9,"standard_error":0.5,)"
                      R"("forecasts":[{"forecast_date":"2026-01-02T00:00:00Z","predicted_value":5,)"
                      R"("confidence_low":6,"confidence_high":7,"model":"linear_regression",)"
                      R"("accuracy":90}]})")
        << u"forecasts[0].confidence_low"_s;
    QTest::newRow("forecast days 0")
        << u"forecast"_s
        << QByteArray(R"({"metric":"m","days":0,"history_days":9,"standard_error":0.5,)"
                      R"("forecasts":[]})")
        << u"days"_s;
    QTest::newRow("realtime good")
        << u"realtime"_s
        << QByteArray(R"({"project_id":"fleet","timestamp":"2026-01-01T00:00:00Z","metrics":[)"
                      R"({"metric_name":"api_request","value":3,"unit":"count",)"
                      R"("timestamp":"2026-01-01T00:00:00Z","trend":"up","change_rate":50}]})")
        << QString();
    // One api_request card of 00:02 with `points` (its minutes).
    const auto withMinutes = [](const QByteArray &points) -> QByteArray {
        return QByteArray(R"({"project_id":"fleet","timestamp":"2026-01-01T00:02:00Z","metrics":[)"
                          R"({"metric_name":"api_request","value":3,"unit":"count",)"
                          R"("timestamp":"2026-01-01T00:02:00Z","trend":"up","change_rate":50,)"
                          R"("points":[)") +
               points + "]}]}";
    };
    QTest::newRow("realtime with its minutes")
        << u"realtime"_s
        << withMinutes(R"({"timestamp":"2026-01-01T00:00:00.000Z","value":1},)"
                       R"({"timestamp":"2026-01-01T00:01:00.000Z","value":2})")
        << QString();
    QTest::newRow("realtime minutes out of order")
        << u"realtime"_s
        << withMinutes(R"({"timestamp":"2026-01-01T00:01:00.000Z","value":1},)"
                       R"({"timestamp":"2026-01-01T00:01:00.000Z","value":2})")
        << u"metrics[0].points[1]"_s;
    QTest::newRow("realtime minute without a value")
        << u"realtime"_s << withMinutes(R"({"timestamp":"2026-01-01T00:01:00.000Z"})")
        << u"metrics[0].points[0].value"_s;
    QTest::newRow("realtime bad trend")
        << u"realtime"_s
        << QByteArray(R"({"project_id":"fleet","timestamp":"2026-01-01T00:00:00Z","metrics":[)"
                      R"({"metric_name":"api_request","value":3,"unit":"count",)"
                      R"("timestamp":"2026-01-01T00:00:00Z","trend":"sideways","change_rate":0}]})")
        << u"metrics[0].trend"_s;
    QTest::newRow("realtime no metrics")
        << u"realtime"_s
        << QByteArray(R"({"project_id":"fleet","timestamp":"2026-01-01T00:00:00Z"})")
        << u"metrics"_s;
    QTest::newRow("bucket negative count")
        << u"bucket"_s << QByteArray(R"({"from_ms":0,"to_ms":50,"count":-1})") << u"count"_s;
    QTest::newRow("bucket open-ended")
        << u"bucket"_s << QByteArray(R"({"from_ms":300,"to_ms":null,"count":2})") << QString();
}

void TestAnalyticsController::decodersRejectBadInput()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, json);
    QFETCH(QString, badField);
    const QJsonObject body = QJsonDocument::fromJson(json).object();
    QVERIFY(!body.isEmpty());
    domain::Error error;
    bool ok = false;
    if (kind == u"forecast"_s) {
        const auto r = forecastAnswerFromJson(body);
        ok = r.ok();
        if (ok) {
            QCOMPARE(r->points.size(), 1);
            QCOMPARE(r->model, u"linear_regression"_s);
            QCOMPARE(r->accuracyPercent, 90.0);
        } else {
            error = r.error();
        }
    } else if (kind == u"realtime"_s) {
        const auto r = realtimeDashboardFromJson(body);
        ok = r.ok();
        if (ok) {
            QCOMPARE(r->metrics.size(), 1);
            QVERIFY(r->metrics.at(0).trend == domain::Trend::Up);
            QCOMPARE(r->metrics.at(0).changePercent, 50.0);
            // Its minutes when the card has them, as they came.
            QCOMPARE(r->metrics.at(0).perMinute, json.contains("points"));
            if (r->metrics.at(0).perMinute) {
                QCOMPARE(r->metrics.at(0).points.size(), 2);
                QCOMPARE(r->metrics.at(0).points.at(1).value, 2.0);
                QCOMPARE(r->metrics.at(0).points.at(1).time,
                         QDateTime(QDate(2026, 1, 1), QTime(0, 1), Qt::UTC));
            }
        } else {
            error = r.error();
        }
    } else {
        const auto r = latencyBucketFromJson(body);
        ok = r.ok();
        if (ok) {
            QCOMPARE(r->fromMs, 300.0);
            QVERIFY(!r->toMs.has_value());
        } else {
            error = r.error();
        }
    }
    QCOMPARE(ok, badField.isEmpty());
    if (!ok)
        QCOMPARE(error.field, badField);
}

QTEST_GUILESS_MAIN(TestAnalyticsController)
#include "tst_analyticscontroller.moc"
