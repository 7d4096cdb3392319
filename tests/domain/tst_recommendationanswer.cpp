// GET /waddles/{id}/recommendation's answer, with and without a winner.
#include "domain/placement/recommendationanswer.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

class TestRecommendationAnswer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
};

void TestRecommendationAnswer::roundTrip_data()
{
    QTest::addColumn<bool>("withMembers");
    QTest::addColumn<bool>("hasWinner");
    QTest::newRow("members placed") << true << true;
    // No placed member: an answer with the reason, region null, no scores.
    QTest::newRow("no members") << false << false;
}

void TestRecommendationAnswer::roundTrip()
{
    QFETCH(bool, withMembers);
    QFETCH(bool, hasWinner);
    const QList<Region> regions{makeRegion(u"west"_s, 0.0, 0.0), makeRegion(u"east"_s, 0.0, 10.0)};
    QList<LocationGroup> members;
    if (withMembers)
        members.append(LocationGroup{GeoPoint{0.0, 9.0}, u"East"_s, 12});
    const Result<Recommendation> recommended = recommendRegion(regions, members);
    QCOMPARE(recommended.ok(), hasWinner);

    RecommendationAnswer answer{u"w-0001"_s, u"auto"_s, u"west"_s, {}, {}};
    if (recommended)
        answer.recommendation = recommended.value();
    else
        answer.reason = recommended.error().message;
    const QJsonObject json = toJson(answer);
    QCOMPARE(json.value(u"region"_s).isNull(), !hasWinner);
    if (!hasWinner)
        QCOMPARE(json.value(u"scores"_s).toArray().size(), 0);
    else
        QCOMPARE(json.value(u"region"_s).toString(), u"east"_s);
    const Result<RecommendationAnswer> back = recommendationAnswerFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), answer);
}

QTEST_GUILESS_MAIN(TestRecommendationAnswer)
#include "tst_recommendationanswer.moc"
