// SPEC §6: the region a waddle runs on once its voice region is set.
#include "domain/placement/effectiveregion.h"
#include "fixtures.h"

#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(QList<LocationGroup>)

class TestEffectiveRegion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rule_data();
    void rule();
};

void TestEffectiveRegion::rule_data()
{
    QTest::addColumn<QString>("voiceRegion");
    QTest::addColumn<QString>("current");
    QTest::addColumn<QList<LocationGroup>>("members");
    QTest::addColumn<bool>("allOffline");
    QTest::addColumn<QString>("expected");
    const QList<LocationGroup> none;
    const QList<LocationGroup> nearEast{LocationGroup{GeoPoint{0.0, 10.0}, u"East"_s, 5}};
    // Pinned: the code itself, whatever the members or the current region.
    QTest::newRow("pinned") << u"west"_s << u"east"_s << nearEast << false << u"west"_s;
    // Auto: the recommendation for the members (they sit on east).
    QTest::newRow("auto, members") << u"auto"_s << u"west"_s << nearEast << false << u"east"_s;
    // Auto without placed members: keep what it has.
    QTest::newRow("auto, keeps current") << u"auto"_s << u"west"_s << none << false << u"west"_s;
    // Nothing to go on: the online active region with the lowest priority
    // value (east, 1; west is 2; down, 0, is offline).
    QTest::newRow("auto, preferred") << u"auto"_s << QString() << none << false << u"east"_s;
    QTest::newRow("auto, nothing online") << u"auto"_s << QString() << none << true << QString();
}

void TestEffectiveRegion::rule()
{
    QFETCH(QString, voiceRegion);
    QFETCH(QString, current);
    QFETCH(QList<LocationGroup>, members);
    QFETCH(bool, allOffline);
    QFETCH(QString, expected);
    const RegionStatus up = allOffline ? RegionStatus::Offline : RegionStatus::Online;
    const QList<Region> regions{
        makeRegion(u"west"_s, 0.0, 0.0, up, 0, 10000, 2),
        makeRegion(u"east"_s, 0.0, 10.0, up, 0, 10000, 1),
        makeRegion(u"down"_s, 0.0, 5.0, RegionStatus::Offline, 0, 10000, 0),
    };
    Waddle waddle;
    waddle.id = u"w-1"_s;
    waddle.currentRegion = current;
    QCOMPARE(effectiveRegion(waddle, voiceRegion, regions, members), expected);
}

QTEST_GUILESS_MAIN(TestEffectiveRegion)
#include "tst_effectiveregion.moc"
