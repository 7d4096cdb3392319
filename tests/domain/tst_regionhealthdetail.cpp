#include "domain/regionhealthdetail.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

namespace {

RegionHealth checkAt(int minute, double score)
{
    RegionHealth h;
    h.code = u"eu-west"_s;
    h.status = RegionStatus::Online;
    h.score = score;
    h.reading = HealthReading{true, 12.5, 0.42, 80.0, 0.5};
    h.checkedAt = QDateTime(QDate(2026, 11, 24), QTime(12, minute, 0, 500), Qt::UTC);
    return h;
}

} // namespace

class TestRegionHealthDetail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void notCheckedYet();
};

void TestRegionHealthDetail::roundTrip()
{
    const RegionHealthDetail detail{checkAt(2, 91.0), {checkAt(2, 91.0), checkAt(1, 88.5)}};
    const QJsonObject json = toJson(detail);
    QCOMPARE(json.value(u"code"_s).toString(), u"eu-west"_s);
    QCOMPARE(json.value(u"history"_s).toArray().size(), 2);
    const Result<RegionHealthDetail> back = regionHealthDetailFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), detail);
}

void TestRegionHealthDetail::notCheckedYet()
{
    const Region region = makeRegion(u"eu-west"_s, 50.0, 8.0, RegionStatus::Maintenance);
    const RegionHealthDetail detail{waddle::domain::notCheckedYet(region), {}};
    const QJsonObject json = toJson(detail);
    // Says so instead of inventing a time.
    QVERIFY(!json.contains(u"last_check"_s));
    QCOMPARE(json.value(u"message"_s).toString(), u"not checked yet"_s);
    QCOMPARE(json.value(u"status"_s).toString(), u"maintenance"_s);
    const Result<RegionHealthDetail> back = regionHealthDetailFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), detail);
}

QTEST_GUILESS_MAIN(TestRegionHealthDetail)
#include "tst_regionhealthdetail.moc"
