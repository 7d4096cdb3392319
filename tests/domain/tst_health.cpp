// SPEC §8: classification, health score, consecutive-failure and recovery
// rules, maintenance, and the RegionHealth wire shape.
#include "domain/health.h"

#include <QJsonDocument>
#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

HealthReading ok(double utilisation = 0.3)
{
    return HealthReading{true, 20.0, utilisation, 40.0, 0.0};
}

HealthReading down()
{
    return HealthReading{false, 0.0, 0.0, 0.0, 0.0};
}

HealthReading busy()
{
    return HealthReading{true, 20.0, 0.95, 40.0, 0.0};
}

QString statusName(RegionStatus status)
{
    return toString(status);
}

} // namespace

class TestHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data();
    void classify();
    void score_data();
    void score();
    void tracker_data();
    void tracker();
    void maintenanceHoldsUntilLifted();
    void transitionsReportChanges();
    void alerts_data();
    void alerts();
    void json();
    void jsonNeverChecked();
    void jsonSeedShape();
    void jsonRejects_data();
    void jsonRejects();
};

void TestHealth::classify_data()
{
    QTest::addColumn<HealthReading>("reading");
    QTest::addColumn<RegionStatus>("status");
    // {endpoint healthy, response ms, utilisation, p99 ms, error %}
    QTest::newRow("all well") << HealthReading{true, 20, 0.5, 80, 1} << RegionStatus::Online;
    QTest::newRow("endpoint down") << HealthReading{false, 0, 0, 0, 0} << RegionStatus::Offline;
    QTest::newRow("utilisation 90% is still online")
        << HealthReading{true, 20, 0.90, 80, 1} << RegionStatus::Online;
    QTest::newRow("utilisation over 90%")
        << HealthReading{true, 20, 0.9001, 80, 1} << RegionStatus::Degraded;
    QTest::newRow("p99 200 is still online")
        << HealthReading{true, 20, 0.5, 200, 1} << RegionStatus::Online;
    QTest::newRow("p99 over 200") << HealthReading{true, 20, 0.5, 200.5, 1}
                                  << RegionStatus::Degraded;
    QTest::newRow("errors 5% is still online")
        << HealthReading{true, 20, 0.5, 80, 5} << RegionStatus::Online;
    QTest::newRow("errors over 5%")
        << HealthReading{true, 20, 0.5, 80, 5.01} << RegionStatus::Degraded;
    QTest::newRow("down beats degraded figures")
        << HealthReading{false, 0, 0.99, 900, 50} << RegionStatus::Offline;
}

void TestHealth::classify()
{
    QFETCH(HealthReading, reading);
    QFETCH(RegionStatus, status);
    QCOMPARE(statusName(classifyReading(reading)), statusName(status));
}

void TestHealth::score_data()
{
    QTest::addColumn<HealthReading>("reading");
    QTest::addColumn<double>("score");
    // 100 − 0.2 s × 10 − 20 × 0.5 − 5 (p99 80 > 50) − 4 × 1 = 100 − 2 − 10 − 5 − 4 = 79
    QTest::newRow("typical") << HealthReading{true, 200, 0.5, 80, 1} << 79.0;
    // 100 − 40 (down) and nothing else reported = 60 (the seed's formula)
    QTest::newRow("down") << HealthReading{false, 0, 0, 0, 0} << 60.0;
    // 100 − 15 − 19 − 20 − min(40, 20) = 26
    QTest::newRow("struggling") << HealthReading{true, 1500, 0.95, 250, 10} << 26.0;
    // p99 exactly 200 is in the "> 100" band: 100 − 0 − 0 − 10 − 0 = 90
    QTest::newRow("p99 200") << HealthReading{true, 0, 0, 200, 0} << 90.0;
    // p99 exactly 100 is in the "> 50" band: 95
    QTest::newRow("p99 100") << HealthReading{true, 0, 0, 100, 0} << 95.0;
    // p99 exactly 50 costs nothing: 100
    QTest::newRow("p99 50") << HealthReading{true, 0, 0, 50, 0} << 100.0;
    // error 4 %: 4 × 4 = 16 → 84; error 7 %: min(28, 20) = 20 → 80
    QTest::newRow("errors 4%") << HealthReading{true, 0, 0, 0, 4} << 84.0;
    QTest::newRow("errors capped") << HealthReading{true, 0, 0, 0, 7} << 80.0;
    // 100 − 40 − 20 − 20 − 20 = 0
    QTest::newRow("everything wrong") << HealthReading{false, 0, 1.0, 300, 50} << 0.0;
    // 100 − 50 − 24 − 20 − 20 = −14 → clamped to 0
    QTest::newRow("clamped at zero") << HealthReading{true, 5000, 1.2, 300, 50} << 0.0;
}

void TestHealth::score()
{
    QFETCH(HealthReading, reading);
    QFETCH(double, score);
    QCOMPARE(healthScore(reading), score);
}

void TestHealth::tracker_data()
{
    QTest::addColumn<QList<HealthReading>>("readings");
    QTest::addColumn<QStringList>("statuses"); // after each reading
    QTest::addColumn<int>("failuresBeforeOffline");

    QTest::newRow("one failure is noise")
        << QList<HealthReading>{ok(), down(), ok(), down(), ok()}
        << QStringList{u"online"_s, u"online"_s, u"online"_s, u"online"_s, u"online"_s} << 2;
    QTest::newRow("two failures in a row")
        << QList<HealthReading>{ok(), down(), down(), down()}
        << QStringList{u"online"_s, u"online"_s, u"offline"_s, u"offline"_s} << 2;
    QTest::newRow("threshold of one")
        << QList<HealthReading>{down()} << QStringList{u"offline"_s} << 1;
    QTest::newRow("threshold of three") << QList<HealthReading>{down(), down(), down()}
                                        << QStringList{u"online"_s, u"online"_s, u"offline"_s} << 3;
    // Back from offline takes two good checks in a row (no flapping).
    QTest::newRow("recovery needs two good checks")
        << QList<HealthReading>{down(), down(), ok(), down(), ok(), ok()}
        << QStringList{u"online"_s,  u"offline"_s, u"offline"_s,
                       u"offline"_s, u"offline"_s, u"online"_s}
        << 2;
    QTest::newRow("recovers to degraded when busy")
        << QList<HealthReading>{down(), down(), busy(), busy(), ok()}
        << QStringList{u"online"_s, u"offline"_s, u"offline"_s, u"degraded"_s, u"online"_s} << 2;
    // Degraded follows each reading at once; one failure keeps it degraded.
    QTest::newRow("degraded and back")
        << QList<HealthReading>{busy(), down(), ok()}
        << QStringList{u"degraded"_s, u"degraded"_s, u"online"_s} << 2;
}

void TestHealth::tracker()
{
    QFETCH(QList<HealthReading>, readings);
    QFETCH(QStringList, statuses);
    QFETCH(int, failuresBeforeOffline);
    HealthThresholds thresholds;
    thresholds.failuresBeforeOffline = failuresBeforeOffline;
    HealthTracker tracker(RegionStatus::Online, thresholds);
    QStringList seen;
    for (const HealthReading &reading : readings)
        seen.append(statusName(tracker.apply(reading).to));
    QCOMPARE(seen, statuses);
}

void TestHealth::maintenanceHoldsUntilLifted()
{
    HealthTracker tracker;
    auto t = tracker.setMaintenance(true);
    QVERIFY(t.changed());
    QCOMPARE(statusName(t.to), QStringLiteral("maintenance"));
    // Readings during maintenance change nothing visible…
    QVERIFY(!tracker.apply(down()).changed());
    QVERIFY(!tracker.apply(down()).changed());
    QCOMPARE(statusName(tracker.status()), QStringLiteral("maintenance"));
    // …but are remembered: lifting it shows what the checks found.
    t = tracker.setMaintenance(false);
    QCOMPARE(statusName(t.from), QStringLiteral("maintenance"));
    QCOMPARE(statusName(t.to), QStringLiteral("offline"));
    QVERIFY(!tracker.setMaintenance(false).changed());
}

void TestHealth::transitionsReportChanges()
{
    HealthTracker tracker;
    QVERIFY(!tracker.apply(ok()).changed());
    QVERIFY(!tracker.apply(down()).changed());
    QCOMPARE(tracker.consecutiveFailures(), 1);
    const auto t = tracker.apply(down());
    QVERIFY(t.changed());
    QCOMPARE(statusName(t.from), QStringLiteral("online"));
    QCOMPARE(statusName(t.to), QStringLiteral("offline"));
    QCOMPARE(tracker.consecutiveFailures(), 2);
    tracker.apply(ok());
    QCOMPARE(tracker.consecutiveFailures(), 0);
    QCOMPARE(tracker.consecutiveSuccesses(), 1);
}

void TestHealth::alerts_data()
{
    QTest::addColumn<RegionStatus>("from");
    QTest::addColumn<RegionStatus>("to");
    QTest::addColumn<QString>("severity"); // empty: no alert
    QTest::addColumn<QString>("title");
    QTest::newRow("goes offline") << RegionStatus::Online << RegionStatus::Offline << u"critical"_s
                                  << u"Voice region eu-west is offline"_s;
    QTest::newRow("degraded to offline") << RegionStatus::Degraded << RegionStatus::Offline
                                         << u"critical"_s << u"Voice region eu-west is offline"_s;
    QTest::newRow("degrades") << RegionStatus::Online << RegionStatus::Degraded << u"warning"_s
                              << u"Voice region eu-west is degraded"_s;
    QTest::newRow("recovers from offline") << RegionStatus::Offline << RegionStatus::Online
                                           << u"info"_s << u"Voice region eu-west recovered"_s;
    QTest::newRow("recovers from degraded") << RegionStatus::Degraded << RegionStatus::Online
                                            << u"info"_s << u"Voice region eu-west recovered"_s;
    QTest::newRow("maintenance") << RegionStatus::Online << RegionStatus::Maintenance << u"info"_s
                                 << u"Voice region eu-west is in maintenance"_s;
    QTest::newRow("maintenance ends") << RegionStatus::Maintenance << RegionStatus::Online
                                      << u"info"_s << u"Voice region eu-west left maintenance"_s;
    QTest::newRow("no change") << RegionStatus::Offline << RegionStatus::Offline << QString()
                               << QString();
}

void TestHealth::alerts()
{
    QFETCH(RegionStatus, from);
    QFETCH(RegionStatus, to);
    QFETCH(QString, severity);
    QFETCH(QString, title);
    const std::optional<StatusChangeAlert> alert = statusChangeAlert(u"eu-west"_s, from, to);
    QCOMPARE(alert.has_value(), !severity.isEmpty());
    if (alert) {
        QCOMPARE(toString(alert->severity), severity);
        QCOMPARE(alert->title, title);
        QVERIFY(alert->description.contains(u"eu-west"_s));
    }
}

void TestHealth::json()
{
    RegionHealth health;
    health.code = QStringLiteral("eu-west");
    health.status = RegionStatus::Degraded;
    health.reading = HealthReading{true, 120.0, 0.93, 80.0, 1.5};
    health.score = healthScore(health.reading);
    health.consecutiveFailures = 0;
    health.checkedAt = QDateTime(QDate(2026, 11, 24), QTime(10, 30), Qt::UTC);
    const QJsonObject json = toJson(health);
    QCOMPARE(json.value(QStringLiteral("health_status")).toString(), QStringLiteral("degraded"));
    QCOMPARE(json.value(QStringLiteral("load_percentage")).toDouble(), 93.0);
    QCOMPARE(json.value(QStringLiteral("last_check")).toString(),
             QStringLiteral("2026-11-24T10:30:00.000Z"));
    const Result<RegionHealth> back = regionHealthFromJson(json);
    QVERIFY(back.ok());
    QCOMPARE(*back, health);
}

// Found by fuzz_domain: a health never checked encoded "last_check": "",
// which the decoder (rightly) refuses. It is null now, and reads back.
void TestHealth::jsonNeverChecked()
{
    RegionHealth health;
    health.code = u"eu-west"_s;
    const QJsonObject json = toJson(health);
    QCOMPARE(json.value(u"last_check"_s), QJsonValue(QJsonValue::Null));
    const Result<RegionHealth> back = regionHealthFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(*back, health);
}

void TestHealth::jsonSeedShape()
{
    // A seed-001 server's health entry: region_code, health_status,
    // latency_ms, load_percentage.
    const QJsonObject seed{{QStringLiteral("region_code"), QStringLiteral("us-east")},
                           {QStringLiteral("health_status"), QStringLiteral("down")},
                           {QStringLiteral("latency_ms"), 0},
                           {QStringLiteral("load_percentage"), 25.0}};
    const Result<RegionHealth> health = regionHealthFromJson(seed);
    QVERIFY(health.ok());
    QCOMPARE(health->code, QStringLiteral("us-east"));
    QCOMPARE(statusName(health->status), QStringLiteral("offline"));
    QCOMPARE(health->reading.utilisation, 0.25);
    QVERIFY(!health->reading.endpointHealthy);
}

void TestHealth::jsonRejects_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("field");
    const QJsonObject base{{QStringLiteral("code"), QStringLiteral("eu-west")},
                           {QStringLiteral("status"), QStringLiteral("online")}};
    auto with = [&base](const char *key, const QJsonValue &value) {
        QJsonObject o = base;
        o.insert(QLatin1String(key), value);
        return o;
    };
    QTest::newRow("unknown status")
        << with("status", QStringLiteral("sideways")) << QStringLiteral("status");
    QTest::newRow("bad code") << with("code", QStringLiteral("EU West")) << QStringLiteral("code");
    QTest::newRow("error rate over 100") << with("error_rate", 101) << QStringLiteral("error_rate");
    QTest::newRow("score over 100") << with("score", 120) << QStringLiteral("score");
    QTest::newRow("negative p99") << with("p99_ms", -1) << QStringLiteral("p99_ms");
    QTest::newRow("no code") << QJsonObject{{QStringLiteral("status"), QStringLiteral("online")}}
                             << QStringLiteral("region_code");
    QTest::newRow("seed status unknown")
        << QJsonObject{{QStringLiteral("code"), QStringLiteral("eu-west")},
                       {QStringLiteral("health_status"), QStringLiteral("fine")}}
        << QStringLiteral("health_status");
}

void TestHealth::jsonRejects()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, field);
    const Result<RegionHealth> health = regionHealthFromJson(json);
    QVERIFY(!health.ok());
    QCOMPARE(health.error().field, field);
}

QTEST_GUILESS_MAIN(TestHealth)
#include "tst_health.moc"
