// The envelope of the unpaged lists, here the health list of GET
// /regions/health.
#include "domain/countedlist.h"
#include "domain/health.h"
#include "fixtures.h"

#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

class TestCountedList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void healthListRoundTrip();
    void keyIsRequired();
};

void TestCountedList::healthListRoundTrip()
{
    RegionHealth checked;
    checked.code = u"eu-west"_s;
    checked.status = RegionStatus::Degraded;
    checked.score = 61.5;
    checked.reading = HealthReading{true, 180.0, 0.9, 260.0, 4.0};
    checked.consecutiveFailures = 0;
    checked.checkedAt = QDateTime(QDate(2026, 11, 24), QTime(12, 0, 5, 5), Qt::UTC);
    const QList<RegionHealth> list{
        checked, notCheckedYet(makeRegion(u"us-east"_s, 40.0, -74.0, RegionStatus::Online))};
    const QJsonObject json = countedListToJson(
        QLatin1String("regions"), list, [](const RegionHealth &h) { return toReportJson(h); });
    QCOMPARE(json.value(u"count"_s).toInt(), 2);
    QVERIFY(!json.value(u"regions"_s).toArray().at(1).toObject().contains(u"last_check"_s));
    const Result<QList<RegionHealth>> back =
        countedListFromJson<RegionHealth>(json, QLatin1String("regions"), regionHealthFromJson);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), list);
}

void TestCountedList::keyIsRequired()
{
    const Result<QList<RegionHealth>> back = countedListFromJson<RegionHealth>(
        QJsonObject{{u"count"_s, 0}}, QLatin1String("regions"), regionHealthFromJson);
    QVERIFY(!back.ok());
    QCOMPARE(back.error().field, u"regions"_s);
}

QTEST_GUILESS_MAIN(TestCountedList)
#include "tst_countedlist.moc"
