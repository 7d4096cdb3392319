#include "domain/analytics/hourlyusage.h"

#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

class TestHourlyUsage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void averages_data();
    void averages();
    void roundTrip();
    void refusesNegativeSessions();
};

void TestHourlyUsage::averages_data()
{
    QTest::addColumn<qint64>("sessions");
    QTest::addColumn<double>("qualitySum");
    QTest::addColumn<double>("latencySum");
    QTest::addColumn<double>("quality");
    QTest::addColumn<double>("latency");
    QTest::newRow("none") << qint64(0) << 0.0 << 0.0 << 0.0 << 0.0;
    // 8.5 / 2 = 4.25; 90 / 2 = 45
    QTest::newRow("two") << qint64(2) << 8.5 << 90.0 << 4.25 << 45.0;
    // 12 / 4 = 3; 100 / 4 = 25
    QTest::newRow("four") << qint64(4) << 12.0 << 100.0 << 3.0 << 25.0;
}

void TestHourlyUsage::averages()
{
    QFETCH(qint64, sessions);
    QFETCH(double, qualitySum);
    QFETCH(double, latencySum);
    QFETCH(double, quality);
    QFETCH(double, latency);
    HourlyUsage usage;
    usage.sessions = sessions;
    usage.qualitySum = qualitySum;
    usage.latencySum = latencySum;
    QCOMPARE(usage.averageQuality(), quality);
    QCOMPARE(usage.averageLatencyMs(), latency);
}

void TestHourlyUsage::roundTrip()
{
    const HourlyUsage usage{
        u"eu-west"_s, QDateTime(QDate(2025, 3, 2), QTime(10, 0), Qt::UTC), 3, 11, 1800.5, 12.5,
        96.0};
    const Result<HourlyUsage> back = hourlyUsageFromJson(toJson(usage));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), usage);
    QCOMPARE(toJson(usage).value(u"hour"_s).toString(), u"2025-03-02T10:00:00.000Z"_s);
}

void TestHourlyUsage::refusesNegativeSessions()
{
    HourlyUsage usage{u"eu-west"_s, QDateTime(QDate(2025, 3, 2), QTime(10, 0), Qt::UTC)};
    QJsonObject json = toJson(usage);
    json.insert(u"sessions"_s, -1);
    const Result<HourlyUsage> back = hourlyUsageFromJson(json);
    QVERIFY(!back.ok());
    QCOMPARE(back.error().field, u"sessions"_s);
}

QTEST_GUILESS_MAIN(TestHourlyUsage)
#include "tst_hourlyusage.moc"
