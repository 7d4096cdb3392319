// POST /regions/nearest's answer, written by the server, read by the client.
#include "domain/placement/nearestanswer.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

class TestNearestAnswer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void seed001Shape();
};

void TestNearestAnswer::roundTrip()
{
    NearestAnswer answer;
    answer.primary = makeRegion(u"eu-west"_s, 50.11, 8.68, RegionStatus::Online, 1200);
    answer.fallbacks = {makeRegion(u"eu-north"_s, 59.33, 18.06, RegionStatus::Degraded, 300)};
    answer.recommendedUrl = u"wss://eu-west.example"_s;
    answer.preferredHonoured = true;
    answer.candidates = {
        NearestCandidate{u"eu-west"_s, 12.5, LatencySource::Measured, 12.0, 1, 60.5},
        NearestCandidate{u"eu-north"_s, 30.0, LatencySource::Measured, 3.0, 1, 46.0}};
    const QJsonObject json = toJson(answer);
    QCOMPARE(json.value(u"fallback_regions"_s).toArray().size(), 1);
    const Result<NearestAnswer> back = nearestAnswerFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), answer);
}

void TestNearestAnswer::seed001Shape()
{
    // A stock seed-001 server sends neither our flag nor the candidates, and
    // may leave out the URL: it is the primary's endpoint then.
    const Region primary = makeRegion(u"us-east"_s, 40.7, -74.0);
    const QJsonObject json{{u"primary_region"_s, toJson(primary)},
                           {u"fallback_regions"_s, QJsonArray{}}};
    const Result<NearestAnswer> back = nearestAnswerFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back->recommendedUrl, primary.endpoint);
    QVERIFY(!back->preferredHonoured);
    QVERIFY(back->candidates.isEmpty());
}

QTEST_GUILESS_MAIN(TestNearestAnswer)
#include "tst_nearestanswer.moc"
