// MapViewport (ui/map/mapviewport.h): the map's geometry without a display,
// after KDE Marble's projection tests: round trips, zoom about an anchor,
// zoom and pan limits, fitting points, and device pixel ratio independence.

#include "ui/map/mapviewport.h"

#include <QTest>

#include <cmath>
#include <functional>

using waddle::domain::GeoPoint;
using waddle::domain::Projection;
using waddle::ui::MapViewport;

namespace {

Projection projectionNamed(const QString &name)
{
    return waddle::domain::projectionFromString(name).value_or(Projection::EqualEarth);
}

void addProjectionRows(const std::function<void(const QString &)> &rows)
{
    for (const Projection projection : {Projection::EqualEarth, Projection::Equirectangular})
        rows(waddle::domain::toString(projection));
}

bool near(QPointF a, QPointF b, double tolerance)
{
    return std::fabs(a.x() - b.x()) <= tolerance && std::fabs(a.y() - b.y()) <= tolerance;
}

QString describe(QPointF p)
{
    return QStringLiteral("(%1, %2)").arg(p.x()).arg(p.y());
}

// A view zoomed `zoom` times at the projected point of `centre`.
MapViewport viewAt(Projection projection, QSizeF size, double zoom, GeoPoint centre)
{
    MapViewport viewport(projection, size);
    viewport.setScale(viewport.minScale() * zoom);
    viewport.setCentre(waddle::domain::project(projection, centre));
    return viewport;
}

} // namespace

class TestMapViewport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsWithTheWholeWorld_data();
    void startsWithTheWholeWorld();
    void roundTrip_data();
    void roundTrip();
    void transformMatchesToScreen();
    void zoomAtKeepsTheAnchor_data();
    void zoomAtKeepsTheAnchor();
    void zoomLimits_data();
    void zoomLimits();
    void panIsClamped_data();
    void panIsClamped();
    void panMovesTheMapWithTheDrag();
    void fitShowsEveryPointWithTheMargin_data();
    void fitShowsEveryPointWithTheMargin();
    void fitOfNothingShowsTheWorld();
    void devicePixelRatioKeepsLogicalCoordinates_data();
    void devicePixelRatioKeepsLogicalCoordinates();
    void resizeKeepsZoomAndCentre();
    void visibleGeoBounds();
    void toGeoOffTheWorldIsEmpty();
};

void TestMapViewport::startsWithTheWholeWorld_data()
{
    QTest::addColumn<QString>("projection");
    QTest::addColumn<QSizeF>("size");
    addProjectionRows([](const QString &p) {
        for (const QSizeF size : {QSizeF(1400, 800), QSizeF(800, 800), QSizeF(320, 200)})
            QTest::addRow("%s %gx%g", qPrintable(p), size.width(), size.height()) << p << size;
    });
}

void TestMapViewport::startsWithTheWholeWorld()
{
    QFETCH(QString, projection);
    QFETCH(QSizeF, size);
    const MapViewport viewport(projectionNamed(projection), size);
    QCOMPARE(viewport.zoom(), 1.0);
    const QRectF view(QPointF(0, 0), size);
    const QRectF world = viewport.worldBounds();
    for (const QPointF corner :
         {world.topLeft(), world.topRight(), world.bottomLeft(), world.bottomRight()}) {
        const QPointF screen = viewport.projectedToScreen(corner);
        QVERIFY2(view.adjusted(-1e-9, -1e-9, 1e-9, 1e-9).contains(screen),
                 qPrintable(describe(screen)));
    }
    // And it fills the view in one direction (up to the margin).
    const QPointF a = viewport.projectedToScreen(world.topLeft());
    const QPointF b = viewport.projectedToScreen(world.bottomRight());
    const double usedWidth = std::fabs(b.x() - a.x());
    const double usedHeight = std::fabs(b.y() - a.y());
    const double margin = 2 * MapViewport::kWorldMargin;
    QVERIFY(std::fabs(usedWidth - (size.width() - margin)) < 1e-6 ||
            std::fabs(usedHeight - (size.height() - margin)) < 1e-6);
}

void TestMapViewport::roundTrip_data()
{
    QTest::addColumn<QString>("projection");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<double>("latitude");
    QTest::addColumn<double>("longitude");
    const struct
    {
        const char *name;
        double latitude;
        double longitude;
    } places[] = {
        {"Frankfurt", 50.1109, 8.6821},          {"Tokyo", 35.6762, 139.6503},
        {"San Francisco", 37.7749, -122.4194},   {"Sydney", -33.8688, 151.2093},
        {"Svalbard", 78.2232, 15.6267},          {"McMurdo", -77.846, 166.676},
        {"near the antimeridian", -17.7, 179.9}, {"null island", 0.0, 0.0},
    };
    addProjectionRows([&](const QString &p) {
        for (const double zoom : {1.0, 3.0, 17.5, 64.0}) {
            for (const auto &place : places) {
                QTest::addRow("%s zoom %g %s", qPrintable(p), zoom, place.name)
                    << p << zoom << place.latitude << place.longitude;
            }
        }
    });
}

void TestMapViewport::roundTrip()
{
    QFETCH(QString, projection);
    QFETCH(double, zoom);
    QFETCH(double, latitude);
    QFETCH(double, longitude);
    const GeoPoint place{latitude, longitude};
    // Centred a little away from the place, so it is not the trivial middle.
    const MapViewport viewport = viewAt(projectionNamed(projection), QSizeF(1200, 700), zoom,
                                        GeoPoint{latitude * 0.98, longitude * 0.98});
    const QPointF screen = viewport.toScreen(place);
    const std::optional<GeoPoint> back = viewport.toGeo(screen);
    QVERIFY(back.has_value());
    QVERIFY2(std::fabs(back->latitude - latitude) < 1e-6, qPrintable(describe(screen)));
    QVERIFY2(std::fabs(back->longitude - longitude) < 1e-6, qPrintable(describe(screen)));
    // The other way: a screen point maps back to itself.
    const QPointF mid(600, 350);
    if (const std::optional<GeoPoint> geo = viewport.toGeo(mid))
        QVERIFY2(near(viewport.toScreen(*geo), mid, 1e-6),
                 qPrintable(describe(viewport.toScreen(*geo))));
}

void TestMapViewport::transformMatchesToScreen()
{
    MapViewport viewport = viewAt(Projection::EqualEarth, QSizeF(900, 600), 5.0, {48.0, 11.0});
    viewport.pan(QPointF(13, -7));
    for (const GeoPoint place :
         {GeoPoint{48.0, 11.0}, GeoPoint{-33.9, 18.4}, GeoPoint{64.1, -21.9}}) {
        const QPointF projected = waddle::domain::project(Projection::EqualEarth, place);
        QVERIFY(near(viewport.transform().map(projected), viewport.toScreen(place), 1e-9));
        QVERIFY(near(viewport.screenToProjected(viewport.toScreen(place)), projected, 1e-12));
    }
}

void TestMapViewport::zoomAtKeepsTheAnchor_data()
{
    QTest::addColumn<QString>("projection");
    QTest::addColumn<double>("startZoom");
    QTest::addColumn<double>("factor");
    QTest::addColumn<QPointF>("anchor");
    addProjectionRows([](const QString &p) {
        const QList<std::pair<const char *, QPointF>> anchors{
            {"middle", QPointF(600, 350)},
            {"upper left", QPointF(250, 180)},
            {"lower right", QPointF(1000, 560)},
        };
        for (const auto &[name, anchor] : anchors) {
            QTest::addRow("%s in x2 at %s from 1", qPrintable(p), name)
                << p << 1.0 << 2.0 << anchor;
            QTest::addRow("%s in x1.25 at %s from 4", qPrintable(p), name)
                << p << 4.0 << 1.25 << anchor;
            QTest::addRow("%s out /2 at %s from 8", qPrintable(p), name)
                << p << 8.0 << 0.5 << anchor;
            QTest::addRow("%s in x3 at %s from 16", qPrintable(p), name)
                << p << 16.0 << 3.0 << anchor;
        }
    });
}

void TestMapViewport::zoomAtKeepsTheAnchor()
{
    QFETCH(QString, projection);
    QFETCH(double, startZoom);
    QFETCH(double, factor);
    QFETCH(QPointF, anchor);
    MapViewport viewport =
        viewAt(projectionNamed(projection), QSizeF(1200, 700), startZoom, GeoPoint{30.0, 10.0});
    const std::optional<GeoPoint> before = viewport.toGeo(anchor);
    QVERIFY(before.has_value());
    const double zoomBefore = viewport.zoom();
    viewport.zoomAt(anchor, factor);
    QVERIFY(std::fabs(viewport.zoom() - zoomBefore * factor) < 1e-9);
    const QPointF after = viewport.toScreen(*before);
    QVERIFY2(near(after, anchor, 1e-6), qPrintable(describe(after)));
}

void TestMapViewport::zoomLimits_data()
{
    QTest::addColumn<QString>("projection");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("expectedZoom");
    addProjectionRows([](const QString &p) {
        QTest::addRow("%s far in", qPrintable(p)) << p << 1e6 << MapViewport::kMaxZoom;
        QTest::addRow("%s far out", qPrintable(p)) << p << 1e-6 << 1.0;
        QTest::addRow("%s exactly max", qPrintable(p))
            << p << MapViewport::kMaxZoom << MapViewport::kMaxZoom;
        QTest::addRow("%s zero is ignored", qPrintable(p)) << p << 0.0 << 1.0;
        QTest::addRow("%s NaN is ignored", qPrintable(p)) << p << std::nan("") << 1.0;
    });
}

void TestMapViewport::zoomLimits()
{
    QFETCH(QString, projection);
    QFETCH(double, factor);
    QFETCH(double, expectedZoom);
    MapViewport viewport(projectionNamed(projection), QSizeF(1000, 600));
    viewport.zoomAt(QPointF(480, 290), factor);
    QVERIFY2(std::fabs(viewport.zoom() - expectedZoom) < 1e-9,
             qPrintable(QString::number(viewport.zoom())));
    QVERIFY(viewport.scale() >= viewport.minScale() - 1e-12);
    QVERIFY(viewport.scale() <= viewport.maxScale() + 1e-12);
    viewport.setScale(-5.0);
    QCOMPARE(viewport.zoom(), 1.0);
}

void TestMapViewport::panIsClamped_data()
{
    QTest::addColumn<QString>("projection");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<QPointF>("delta");
    addProjectionRows([](const QString &p) {
        const QList<std::pair<const char *, QPointF>> deltas{
            {"east", QPointF(-1e6, 0)},         {"west", QPointF(1e6, 0)},
            {"north", QPointF(0, 1e6)},         {"south", QPointF(0, -1e6)},
            {"north-east", QPointF(-1e5, 1e5)}, {"south-west", QPointF(1e5, -1e5)},
        };
        for (const double zoom : {1.0, 1.5, 4.0, 64.0}) {
            for (const auto &[name, delta] : deltas)
                QTest::addRow("%s zoom %g %s", qPrintable(p), zoom, name) << p << zoom << delta;
        }
    });
}

void TestMapViewport::panIsClamped()
{
    QFETCH(QString, projection);
    QFETCH(double, zoom);
    QFETCH(QPointF, delta);
    MapViewport viewport = viewAt(projectionNamed(projection), QSizeF(1200, 700), zoom, {});
    viewport.pan(delta);
    const QRectF world = viewport.worldBounds();
    const QRectF visible = viewport.visibleProjectedRect();
    const QRectF shared = world.intersected(visible);
    QVERIFY2(!shared.isEmpty(), "the world left the view");
    // Per axis: a world narrower than the view stays wholly in it; a wider
    // one covers at least half the view.
    if (world.width() <= visible.width())
        QVERIFY(shared.width() >= world.width() - 1e-9);
    else
        QVERIFY2(shared.width() >= visible.width() / 2.0 - 1e-9,
                 qPrintable(QString::number(shared.width() / visible.width())));
    if (world.height() <= visible.height())
        QVERIFY(shared.height() >= world.height() - 1e-9);
    else
        QVERIFY(shared.height() >= visible.height() / 2.0 - 1e-9);
    // Panning back by the same amount from the clamped place is clamped too:
    // still a valid view.
    viewport.pan(-delta);
    QVERIFY(!world.intersected(viewport.visibleProjectedRect()).isEmpty());
}

void TestMapViewport::panMovesTheMapWithTheDrag()
{
    MapViewport viewport = viewAt(Projection::EqualEarth, QSizeF(1200, 700), 4.0, {50.0, 8.0});
    const GeoPoint frankfurt{50.1109, 8.6821};
    const QPointF before = viewport.toScreen(frankfurt);
    viewport.pan(QPointF(40, -25));
    QVERIFY(near(viewport.toScreen(frankfurt), before + QPointF(40, -25), 1e-9));
}

void TestMapViewport::fitShowsEveryPointWithTheMargin_data()
{
    QTest::addColumn<QString>("projection");
    QTest::addColumn<QList<QPointF>>("latLons");
    QTest::addColumn<double>("margin");
    const QList<QPointF> sixRegions{{37.7749, -122.4194}, {40.7128, -74.0060}, {50.1109, 8.6821},
                                    {59.3293, 18.0686},   {1.3521, 103.8198},  {35.6762, 139.6503}};
    const QList<QPointF> europe{{50.1109, 8.6821},
                                {59.3293, 18.0686},
                                {51.5074, -0.1278},
                                {41.9028, 12.4964},
                                {38.7223, -9.1393}};
    const QList<QPointF> pacific{{35.6762, 139.6503}, {37.7749, -122.4194}};
    const QList<QPointF> one{{50.1109, 8.6821}};
    const QList<QPointF> southern{{-33.8688, 151.2093}, {-34.6037, -58.3816}, {-33.9249, 18.4241}};
    addProjectionRows([&](const QString &p) {
        for (const double margin : {20.0, 60.0}) {
            QTest::addRow("%s six regions, margin %g", qPrintable(p), margin)
                << p << sixRegions << margin;
            QTest::addRow("%s Europe, margin %g", qPrintable(p), margin) << p << europe << margin;
            QTest::addRow("%s across the Pacific, margin %g", qPrintable(p), margin)
                << p << pacific << margin;
            QTest::addRow("%s one city, margin %g", qPrintable(p), margin) << p << one << margin;
            QTest::addRow("%s southern cities, margin %g", qPrintable(p), margin)
                << p << southern << margin;
        }
    });
}

void TestMapViewport::fitShowsEveryPointWithTheMargin()
{
    QFETCH(QString, projection);
    QFETCH(QList<QPointF>, latLons);
    QFETCH(double, margin);
    MapViewport viewport(projectionNamed(projection), QSizeF(1400, 800));
    viewport.zoomAt(QPointF(100, 100), 20.0); // start somewhere else
    QList<GeoPoint> points;
    for (const QPointF &p : latLons)
        points.append(GeoPoint{p.x(), p.y()});
    viewport.fit(points, margin);
    const QRectF inner =
        QRectF(QPointF(0, 0), viewport.size()).adjusted(margin, margin, -margin, -margin);
    for (const GeoPoint &point : points) {
        const QPointF screen = viewport.toScreen(point);
        QVERIFY2(inner.adjusted(-1e-6, -1e-6, 1e-6, 1e-6).contains(screen),
                 qPrintable(describe(screen)));
    }
    QVERIFY(viewport.zoom() >= 1.0);
    QVERIFY(viewport.zoom() <= MapViewport::kMaxFitZoom + 1e-9);
    // Several points: the fit is tight in at least one direction unless the
    // zoom hit a limit.
    if (points.size() > 1 && viewport.zoom() > 1.0 + 1e-9 &&
        viewport.zoom() < MapViewport::kMaxFitZoom - 1e-9) {
        double left = 1e9, right = -1e9, top = 1e9, bottom = -1e9;
        for (const GeoPoint &point : points) {
            const QPointF s = viewport.toScreen(point);
            left = std::min(left, s.x());
            right = std::max(right, s.x());
            top = std::min(top, s.y());
            bottom = std::max(bottom, s.y());
        }
        QVERIFY(std::fabs((right - left) - inner.width()) < 1e-6 ||
                std::fabs((bottom - top) - inner.height()) < 1e-6);
    }
}

void TestMapViewport::fitOfNothingShowsTheWorld()
{
    MapViewport viewport(Projection::EqualEarth, QSizeF(1000, 500));
    viewport.zoomAt(QPointF(700, 100), 9.0);
    viewport.fit({}, 40);
    QCOMPARE(viewport.zoom(), 1.0);
    QCOMPARE(viewport.centre(), viewport.worldBounds().center());
}

void TestMapViewport::devicePixelRatioKeepsLogicalCoordinates_data()
{
    QTest::addColumn<double>("ratio");
    QTest::newRow("1.25") << 1.25;
    QTest::newRow("1.5") << 1.5;
    QTest::newRow("2") << 2.0;
    QTest::newRow("3") << 3.0;
}

void TestMapViewport::devicePixelRatioKeepsLogicalCoordinates()
{
    QFETCH(double, ratio);
    MapViewport plain(Projection::EqualEarth, QSizeF(1400, 800));
    MapViewport sharp(Projection::EqualEarth, QSizeF(1400, 800));
    sharp.setDevicePixelRatio(ratio);
    QCOMPARE(sharp.devicePixelRatio(), ratio);
    for (MapViewport *v : {&plain, &sharp}) {
        v->zoomAt(QPointF(700, 300), 3.0);
        v->pan(QPointF(-120, 45));
        v->fit({{50.1, 8.7}, {59.3, 18.1}}, 30);
        v->zoomAt(QPointF(200, 600), 0.8);
    }
    QCOMPARE(sharp.scale(), plain.scale());
    QCOMPARE(sharp.centre(), plain.centre());
    const GeoPoint stockholm{59.3293, 18.0686};
    QCOMPARE(sharp.toScreen(stockholm), plain.toScreen(stockholm));
    QCOMPARE(sharp.visibleProjectedRect(), plain.visibleProjectedRect());
}

void TestMapViewport::resizeKeepsZoomAndCentre()
{
    MapViewport viewport = viewAt(Projection::EqualEarth, QSizeF(1200, 700), 6.0, {48.0, 2.0});
    const QPointF centre = viewport.centre();
    viewport.setSize(QSizeF(1300, 760));
    QVERIFY(std::fabs(viewport.zoom() - 6.0) < 1e-9);
    QVERIFY(near(viewport.centre(), centre, 1e-12));
    // The same size again changes nothing, not even by an ulp (a widget
    // sets it on every paint, and the renderer's cache keys on it).
    const MapViewport before = viewport;
    viewport.setSize(viewport.size());
    QVERIFY(viewport == before);
}

void TestMapViewport::visibleGeoBounds()
{
    const MapViewport world(Projection::EqualEarth, QSizeF(1400, 800));
    const waddle::ui::GeoBounds all = world.visibleGeoBounds();
    QVERIFY(all.south < -89.0 && all.north > 89.0);
    QVERIFY(all.west < -179.0 && all.east > 179.0);

    const GeoPoint frankfurt{50.1109, 8.6821};
    const MapViewport europe = viewAt(Projection::EqualEarth, QSizeF(1400, 800), 8.0, frankfurt);
    const waddle::ui::GeoBounds near = europe.visibleGeoBounds();
    QVERIFY(near.contains(frankfurt));
    QVERIFY(!near.contains(GeoPoint{35.6762, 139.6503}));  // Tokyo
    QVERIFY(!near.contains(GeoPoint{37.7749, -122.4194})); // San Francisco
    QVERIFY(near.north - near.south < 30.0);
    // Everything the bounds call visible and inside the view is on screen.
    const QRectF view(QPointF(0, 0), europe.size());
    QVERIFY(view.contains(europe.toScreen(frankfurt)));
}

void TestMapViewport::toGeoOffTheWorldIsEmpty()
{
    const MapViewport viewport(Projection::EqualEarth, QSizeF(1400, 800));
    // The corners of an Equal Earth view at the minimum zoom are space.
    QVERIFY(!viewport.toGeo(QPointF(2, 2)).has_value());
    QVERIFY(!viewport.toGeo(QPointF(1398, 798)).has_value());
    QVERIFY(viewport.toGeo(QPointF(700, 400)).has_value());
}

QTEST_GUILESS_MAIN(TestMapViewport)
#include "tst_mapviewport.moc"
