#include "domain/regionalert.h"

#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

class TestRegionAlert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void wireNames();
    void refusesBadStatus();
};

void TestRegionAlert::roundTrip_data()
{
    QTest::addColumn<bool>("acknowledged");
    QTest::newRow("open") << false;
    QTest::newRow("acknowledged") << true;
}

void TestRegionAlert::roundTrip()
{
    QFETCH(bool, acknowledged);
    RegionAlert alert;
    alert.id = u"a-1"_s;
    alert.regionCode = u"eu-west"_s;
    alert.severity = Severity::Critical;
    alert.title = u"Voice region eu-west is offline"_s;
    alert.description = u"two failed checks"_s;
    alert.from = RegionStatus::Online;
    alert.to = RegionStatus::Offline;
    alert.createdAt = QDateTime(QDate(2026, 11, 24), QTime(12, 0, 5, 250), Qt::UTC);
    if (acknowledged)
        alert.acknowledgedAt = alert.createdAt.addSecs(60);
    const Result<RegionAlert> back = regionAlertFromJson(toJson(alert));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), alert);
    QCOMPARE(toJson(alert).contains(u"acknowledged_at"_s), acknowledged);
}

void TestRegionAlert::wireNames()
{
    RegionAlert alert;
    alert.id = u"a-2"_s;
    alert.regionCode = u"us-east"_s;
    alert.severity = Severity::Warning;
    alert.title = u"degraded"_s;
    alert.from = RegionStatus::Online;
    alert.to = RegionStatus::Degraded;
    alert.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    const QJsonObject json = toJson(alert);
    QCOMPARE(json.value(u"region"_s).toString(), u"us-east"_s);
    QCOMPARE(json.value(u"severity"_s).toString(), u"warning"_s);
    QCOMPARE(json.value(u"from"_s).toString(), u"online"_s);
    QCOMPARE(json.value(u"to"_s).toString(), u"degraded"_s);
    QCOMPARE(json.value(u"created_at"_s).toString(), u"2026-01-02T03:04:05.000Z"_s);
    QCOMPARE(json.size(), 8);
}

void TestRegionAlert::refusesBadStatus()
{
    RegionAlert alert;
    alert.id = u"a-3"_s;
    alert.regionCode = u"us-east"_s;
    alert.title = u"t"_s;
    alert.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
    QJsonObject json = toJson(alert);
    json.insert(u"to"_s, u"sideways"_s);
    const Result<RegionAlert> back = regionAlertFromJson(json);
    QVERIFY(!back.ok());
    QCOMPARE(back.error().field, u"to"_s);
}

QTEST_GUILESS_MAIN(TestRegionAlert)
#include "tst_regionalert.moc"
