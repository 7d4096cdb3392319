// SPEC §5: seed 000's recommendation score with its per-region breakdown.
#include "domain/placement/recommendation.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QTest>

#include <cmath>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

namespace {

bool near(double a, double b, double tolerance = 1e-3)
{
    return std::fabs(a - b) < tolerance;
}

const RegionScore *scoreOf(const Recommendation &r, const QString &code)
{
    for (const RegionScore &s : r.scores) {
        if (s.code == code)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestRecommendation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void breakdown();
    void geoScoreThreshold();
    void winner_data();
    void winner();
    void ineligibleRegionsAreListedWithReasons();
    void errors();
    void json();
};

void TestRecommendation::breakdown()
{
    // 10 members at (0, 0), 10 at (0, 10): 10° of equator = 1111.9508 km
    // → RTT 5 + 0.02 × 1111.9508 = 27.239016 ms.
    // A at (0, 0), empty: RTTs 5 and 27.239016 → mean (50 + 272.39016)/20 =
    // 16.119508; both < 100 ms → geo 100 %.
    // score A = 100 − 0.5 × 16.119508 − 0 + 0.3 × 100 = 121.940246.
    // B at (0, 10), half full: same mean by symmetry, capacity 20 × 0.5 = 10
    // → score B = 111.940246.
    const QList<Region> regions{makeRegion(u"a"_s, 0, 0),
                                makeRegion(u"b"_s, 0, 10, RegionStatus::Online, 5000, 10000)};
    const QList<LocationGroup> members{{{0, 0}, u"here"_s, 10}, {{0, 10}, u"there"_s, 10}};
    const Result<Recommendation> r = recommendRegion(regions, members);
    QVERIFY(r.ok());
    QCOMPARE(r->regionCode, u"a"_s);
    QCOMPARE(r->memberCount, 20);
    QCOMPARE(r->groupCount, 2);
    QCOMPARE(r->scores.size(), 2);

    const RegionScore *a = scoreOf(*r, u"a"_s);
    QVERIFY(a && a->eligible);
    QVERIFY(near(a->averageRttMs, 16.119508));
    QVERIFY(near(a->latencyPenalty, 8.059754));
    QCOMPARE(a->capacityPenalty, 0.0);
    QCOMPARE(a->geoScore, 100.0);
    QCOMPARE(a->geoBonus, 30.0);
    QCOMPARE(a->membersUnderGoodRtt, 20);
    QVERIFY(near(a->score, 121.940246));

    const RegionScore *b = scoreOf(*r, u"b"_s);
    QVERIFY(b && b->eligible);
    QCOMPARE(b->loadRatio, 0.5);
    QCOMPARE(b->capacityPenalty, 10.0);
    QVERIFY(near(b->score, 111.940246));
    QCOMPARE(r->scores.front().code, u"a"_s); // best first
}

void TestRecommendation::geoScoreThreshold()
{
    // One member at (0, 0); region at (0, 45): 45 × 111.19508 = 5003.7786 km
    // → RTT 5 + 100.0756 = 105.0756 ms ≥ 100 → geo 0.
    // score = 100 − 52.5378 − 0 + 0 = 47.4622.
    // Three more members at (0, 44), 1° = 111.19508 km from the region →
    // 7.2239 ms < 100: geo = 3 of 4 members = 75 %.
    const QList<Region> regions{makeRegion(u"far"_s, 0, 45)};
    Result<Recommendation> r = recommendRegion(regions, {{{0, 0}, u"x"_s, 1}});
    QVERIFY(r.ok());
    QCOMPARE(r->scores.front().geoScore, 0.0);
    QVERIFY(near(r->scores.front().score, 47.4622));

    r = recommendRegion(regions, {{{0, 0}, u"x"_s, 1}, {{0, 44}, u"y"_s, 3}});
    QVERIFY(r.ok());
    QCOMPARE(r->scores.front().geoScore, 75.0);
    QCOMPARE(r->scores.front().membersUnderGoodRtt, 3);
}

void TestRecommendation::winner_data()
{
    QTest::addColumn<QList<Region>>("regions");
    QTest::addColumn<QString>("winner");

    // Identical places and loads: the lower priority value wins…
    QTest::newRow("tie broken by priority")
        << QList<Region>{makeRegion(u"p2"_s, 0, 0, RegionStatus::Online, 0, 10000, 2),
                         makeRegion(u"p1"_s, 0, 0, RegionStatus::Online, 0, 10000, 1)}
        << u"p1"_s;
    // …then the code, so the answer never depends on list order.
    QTest::newRow("tie broken by code")
        << QList<Region>{makeRegion(u"zz"_s, 0, 0), makeRegion(u"aa"_s, 0, 0)} << u"aa"_s;
    // A nearer but full region loses to a slightly farther empty one:
    // near (0, 1): RTT 5 + 2.2239 = 7.2239 → 100 − 3.61195 − 20 + 30 = 106.388;
    // empty (0, 2): RTT 5 + 4.4478 = 9.4478 → 100 − 4.7239 − 0 + 30 = 125.276.
    QTest::newRow("capacity outweighs a little distance")
        << QList<Region>{makeRegion(u"near"_s, 0, 1, RegionStatus::Online, 10000, 10000),
                         makeRegion(u"empty"_s, 0, 2)}
        << u"empty"_s;
    // Degraded regions are not recommended even when nearest (seed 000:
    // status must be online).
    QTest::newRow("degraded skipped")
        << QList<Region>{makeRegion(u"near"_s, 0, 0, RegionStatus::Degraded),
                         makeRegion(u"far"_s, 0, 30)}
        << u"far"_s;
}

void TestRecommendation::winner()
{
    QFETCH(QList<Region>, regions);
    QFETCH(QString, winner);
    const Result<Recommendation> r = recommendRegion(regions, {{{0, 0}, u"x"_s, 5}});
    QVERIFY(r.ok());
    QCOMPARE(r->regionCode, winner);
}

void TestRecommendation::ineligibleRegionsAreListedWithReasons()
{
    Region inactive = makeRegion(u"inactive"_s, 0, 0);
    inactive.isActive = false;
    Region unplaced = makeRegion(u"unplaced"_s, 0, 0);
    unplaced.locationKnown = false;
    const QList<Region> regions{makeRegion(u"down"_s, 0, 0, RegionStatus::Offline),
                                makeRegion(u"busy"_s, 0, 0, RegionStatus::Degraded),
                                makeRegion(u"service"_s, 0, 0, RegionStatus::Maintenance),
                                makeRegion(u"empty"_s, 0, 0, RegionStatus::Online, 0, 0),
                                inactive,
                                unplaced,
                                makeRegion(u"ok"_s, 0, 50)};
    const Result<Recommendation> r = recommendRegion(regions, {{{0, 0}, u"x"_s, 1}});
    QVERIFY(r.ok());
    QCOMPARE(r->regionCode, u"ok"_s);
    QCOMPARE(r->scores.size(), 7);
    QCOMPARE(r->scores.front().code, u"ok"_s);
    QCOMPARE(scoreOf(*r, u"down"_s)->reason, u"status is offline"_s);
    QCOMPARE(scoreOf(*r, u"busy"_s)->reason, u"status is degraded"_s);
    QCOMPARE(scoreOf(*r, u"service"_s)->reason, u"status is maintenance"_s);
    QCOMPARE(scoreOf(*r, u"empty"_s)->reason, u"no capacity"_s);
    QCOMPARE(scoreOf(*r, u"inactive"_s)->reason, u"inactive"_s);
    QCOMPARE(scoreOf(*r, u"unplaced"_s)->reason, u"location unknown"_s);
    for (qsizetype i = 1; i < r->scores.size(); ++i)
        QVERIFY(!r->scores.at(i).eligible);
}

void TestRecommendation::errors()
{
    const QList<Region> regions{makeRegion(u"a"_s, 0, 0)};
    Result<Recommendation> r = recommendRegion(regions, {});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, u"members"_s);
    r = recommendRegion(regions, {{{0, 0}, u"x"_s, 0}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, u"members"_s);
    r = recommendRegion({makeRegion(u"a"_s, 0, 0, RegionStatus::Offline)}, {{{0, 0}, u"x"_s, 3}});
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field, u"regions"_s);
    r = recommendRegion({}, {{{0, 0}, u"x"_s, 3}});
    QVERIFY(!r.ok());
}

void TestRecommendation::json()
{
    const QList<Region> regions{makeRegion(u"a"_s, 0, 0),
                                makeRegion(u"b"_s, 0, 10, RegionStatus::Offline)};
    const Result<Recommendation> r = recommendRegion(regions, {{{0, 5}, u"x"_s, 4}});
    QVERIFY(r.ok());
    const Result<Recommendation> back = recommendationFromJson(toJson(*r));
    QVERIFY(back.ok());
    QCOMPARE(*back, *r);

    QJsonObject broken = toJson(*r);
    broken.insert(u"scores"_s, QJsonArray{QJsonObject{{u"code"_s, u"a"_s}}});
    const Result<Recommendation> bad = recommendationFromJson(broken);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, u"scores[0].eligible"_s);
}

QTEST_GUILESS_MAIN(TestRecommendation)
#include "tst_recommendation.moc"
