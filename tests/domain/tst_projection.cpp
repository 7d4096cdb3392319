// Equal Earth and equirectangular projections, forwards and back.
#include "domain/projection.h"

#include <QTest>

#include <cmath>

using namespace waddle::domain;

class TestProjection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void equalEarth_data();
    void equalEarth();
    void roundTrip_data();
    void roundTrip();
    void outsideTheMap();
    void bounds();
};

void TestProjection::equalEarth_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("y");
    // θ = asin(√3/2 · sin φ); x = 2√3 λ cos θ / (3 (9A4θ⁸ + 7A3θ⁶ + 3A2θ² + A1));
    // y = A4θ⁹ + A3θ⁷ + A2θ³ + A1θ.
    QTest::newRow("origin") << 0.0 << 0.0 << 0.0 << 0.0;
    // Equator's east end: θ = 0 → x = 2√3 π / (3 A1) = 10.882796 / 4.020792
    // = 2.706630, y = 0.
    QTest::newRow("equator, 180E") << 0.0 << 180.0 << 2.706629984 << 0.0;
    // North pole: θ = asin(√3/2) = π/3 → y = 1.317362759 (x = 0).
    QTest::newRow("north pole") << 90.0 << 0.0 << 0.0 << 1.317362759;
    // Off-axis points, the formula evaluated independently of this code.
    QTest::newRow("45N 90E") << 45.0 << 90.0 << 1.159854499 << 0.860231086;
    QTest::newRow("30S 60W") << -30.0 << -60.0 << -0.843900559 << -0.592935120;
    QTest::newRow("Frankfurt") << 50.1109 << 8.6821 << 0.107591260 << 0.943289694;
}

void TestProjection::equalEarth()
{
    QFETCH(double, lat);
    QFETCH(double, lon);
    QFETCH(double, x);
    QFETCH(double, y);
    const QPointF p = project(Projection::EqualEarth, {lat, lon});
    QVERIFY2(std::fabs(p.x() - x) < 1e-8 && std::fabs(p.y() - y) < 1e-8,
             qPrintable(QStringLiteral("%1, %2").arg(p.x(), 0, 'f', 9).arg(p.y(), 0, 'f', 9)));
}

void TestProjection::roundTrip_data()
{
    QTest::addColumn<Projection>("projection");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    for (const Projection projection : {Projection::EqualEarth, Projection::Equirectangular}) {
        const QByteArray name = toString(projection).toLatin1();
        for (const auto &[lat, lon] :
             {std::pair{0.0, 0.0}, std::pair{59.3293, 18.0686}, std::pair{-33.8688, 151.2093},
              std::pair{89.9, -179.9}, std::pair{-89.9, 179.9}, std::pair{1.3521, 103.8198}}) {
            QTest::addRow("%s %.1f,%.1f", name.constData(), lat, lon) << projection << lat << lon;
        }
    }
}

void TestProjection::roundTrip()
{
    QFETCH(Projection, projection);
    QFETCH(double, lat);
    QFETCH(double, lon);
    const std::optional<GeoPoint> back = unproject(projection, project(projection, {lat, lon}));
    QVERIFY(back);
    QVERIFY2(std::fabs(back->latitude - lat) < 1e-7 && std::fabs(back->longitude - lon) < 1e-7,
             qPrintable(QStringLiteral("%1, %2").arg(back->latitude).arg(back->longitude)));
}

void TestProjection::outsideTheMap()
{
    // Beyond the east edge at the equator, above the pole, and in the empty
    // corner outside Equal Earth's rounded outline.
    QVERIFY(!unproject(Projection::EqualEarth, {2.8, 0.0}));
    QVERIFY(!unproject(Projection::EqualEarth, {0.0, 1.4}));
    QVERIFY(!unproject(Projection::EqualEarth, {2.6, 1.25}));
    QVERIFY(!unproject(Projection::Equirectangular, {3.2, 0.0}));
    QVERIFY(unproject(Projection::EqualEarth, {2.6, 0.1}));
}

void TestProjection::bounds()
{
    const QRectF ee = worldBounds(Projection::EqualEarth);
    QVERIFY(std::fabs(ee.width() - 2 * 2.706629984) < 1e-8);
    QVERIFY(std::fabs(ee.height() - 2 * 1.317362759) < 1e-8);
    // Equal Earth's width:height is about 2.05:1.
    QVERIFY(std::fabs(ee.width() / ee.height() - 2.0546) < 1e-3);
    const QRectF eq = worldBounds(Projection::Equirectangular);
    QVERIFY(std::fabs(eq.width() / eq.height() - 2.0) < 1e-12);
    QVERIFY(projectionFromString(u"equal-earth") == Projection::EqualEarth);
    QVERIFY(!projectionFromString(u"mercator"));
}

QTEST_GUILESS_MAIN(TestProjection)
#include "tst_projection.moc"
