// Seed 000 groupParticipantsByLocation: members grouped by place.
#include "domain/placement/locationgroup.h"

#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

Member at(const QString &id, const QString &city, const QString &country, double lat, double lon)
{
    return Member{id, u"w"_s, id, MemberLocation{city, country, {lat, lon}}};
}

} // namespace

class TestLocationGroup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void byCityAndCountry();
    void byCoordinates();
    void points();
};

void TestLocationGroup::byCityAndCountry()
{
    const QList<Member> members{at(u"1"_s, u"Paris"_s, u"France"_s, 48.8566, 2.3522),
                                at(u"2"_s, u"Berlin"_s, u"Germany"_s, 52.52, 13.405),
                                at(u"3"_s, u"Paris"_s, u"France"_s, 48.86, 2.35),
                                // Paris, Texas is not Paris, France.
                                at(u"4"_s, u"Paris"_s, u"United States"_s, 33.66, -95.55),
                                Member{u"5"_s, u"w"_s, u"no location"_s, std::nullopt}};
    const QList<LocationGroup> groups = groupByLocation(members);
    QCOMPARE(groups.size(), 3);
    QCOMPARE(groups.at(0).label, u"Paris, France"_s);
    QCOMPARE(groups.at(0).members, 2);
    QCOMPARE(groups.at(0).point, (GeoPoint{48.8566, 2.3522})); // the first seen
    QCOMPARE(groups.at(1).label, u"Berlin, Germany"_s);
    QCOMPARE(groups.at(2).label, u"Paris, United States"_s);
    QCOMPARE(totalMembers(groups), 4); // the member without a location is left out
    QCOMPARE(groupByLocation({}).size(), 0);
}

void TestLocationGroup::byCoordinates()
{
    // 0.01° cells: 10.001 and 10.004 both round to 10.00; 10.006 to 10.01.
    const QList<Member> members{at(u"1"_s, {}, {}, 10.001, 20.0), at(u"2"_s, {}, {}, 10.004, 20.0),
                                at(u"3"_s, {}, {}, 10.006, 20.0)};
    const QList<LocationGroup> groups = groupByLocation(members);
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups.at(0).members, 2);
    QCOMPARE(groups.at(0).label, u"10.00, 20.00"_s);
    QCOMPARE(groups.at(1).members, 1);
}

void TestLocationGroup::points()
{
    const QList<GeoPoint> points{{1, 1}, {-33.8688, 151.2093}, {1.001, 1.002}, {1, 1}};
    const QList<LocationGroup> groups = groupPoints(points);
    QCOMPARE(groups.size(), 2);
    QCOMPARE(groups.at(0).members, 3);
    QCOMPARE(groups.at(1).members, 1);
    QCOMPARE(groups.at(1).label, u"-33.87, 151.21"_s);
    QCOMPARE(totalMembers(groups), 4);
}

QTEST_GUILESS_MAIN(TestLocationGroup)
#include "tst_locationgroup.moc"
