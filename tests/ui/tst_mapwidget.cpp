// MapWidget, MapRenderer and RegionDetailsPanel (ui/map/): painting,
// marker placement, tooltips, clicks, keys, live health updates; and the
// screenshots a person looks at (map-light.png, map-dark.png,
// map-density.png, map-europe.png, region-details.png) in
// $WADDLE_SCREENSHOT_DIR, else <working dir>/screenshots.

#include "client/regionsmodel.h"
#include "domain/catalogue.h"
#include "ui/common/statusstyle.h"
#include "ui/map/arclayer.h"
#include "ui/map/geopath.h"
#include "ui/map/landlayer.h"
#include "ui/map/maptheme.h"
#include "ui/map/mapwidget.h"
#include "ui/map/memberlayer.h"
#include "ui/map/regiondetailspanel.h"
#include "ui/map/regionlayer.h"
#include "ui/map/sparkline.h"
#include "ui/map/userlayer.h"
#include "ui/map/worldgeometry.h"

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPointingDevice>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>

#include <cmath>
#include <random>

using namespace waddle;
using namespace Qt::StringLiterals;
using domain::GeoPoint;

namespace {

QStringList g_warnings;
QtMessageHandler g_previousHandler = nullptr;

void collectWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // The offscreen platform cannot raise windows or resize them to their
    // children ("This plugin does not support raise()"): nothing about the map.
    if ((type == QtWarningMsg || type == QtCriticalMsg) &&
        !message.startsWith(QLatin1String("This plugin does not support")))
        g_warnings.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

domain::RegionHealth health(const QString &code, domain::RegionStatus status, double utilisation,
                            double score, qint64 secondsAgo = 4)
{
    domain::RegionHealth h;
    h.code = code;
    h.status = status;
    h.score = score;
    h.reading.utilisation = utilisation;
    h.reading.responseMs = 18.0;
    h.reading.p99Ms = status == domain::RegionStatus::Degraded ? 240.0 : 42.0;
    h.reading.errorRatePercent = status == domain::RegionStatus::Degraded ? 1.5 : 0.2;
    h.reading.endpointHealthy = status != domain::RegionStatus::Offline;
    h.checkedAt = QDateTime::currentDateTimeUtc().addSecs(-secondsAgo);
    if (status == domain::RegionStatus::Offline)
        h.message = QStringLiteral("connection refused (2 checks)");
    return h;
}

// A waddle of many members, most of them in Europe, around real cities with
// a spread of a couple of degrees; a fixed seed so screenshots are stable.
QList<domain::LocationGroup> europeanMembers(int groups)
{
    struct City
    {
        double latitude;
        double longitude;
        double weight;
    };
    const City cities[] = {
        {51.51, -0.13, 9},
        {48.86, 2.35, 8},
        {52.52, 13.40, 8},
        {50.11, 8.68, 6},
        {48.14, 11.58, 5},
        {52.37, 4.90, 5},
        {50.85, 4.35, 4},
        {45.46, 9.19, 6},
        {41.90, 12.50, 5},
        {40.42, -3.70, 6},
        {41.39, 2.17, 5},
        {38.72, -9.14, 3},
        {53.35, -6.26, 3},
        {55.68, 12.57, 3},
        {59.33, 18.07, 3},
        {59.91, 10.75, 2},
        {60.17, 24.94, 2},
        {52.23, 21.01, 5},
        {50.08, 14.44, 3},
        {48.21, 16.37, 3},
        {47.50, 19.04, 3},
        {44.43, 26.10, 3},
        {37.98, 23.73, 2},
        {53.48, -2.24, 4},
        {55.95, -3.19, 2},
        {45.76, 4.84, 2},
        {43.30, 5.37, 2},
        {53.55, 9.99, 3},
        {50.94, 6.96, 3},
        {47.37, 8.54, 2},
        {54.69, 25.28, 1},
        {56.95, 24.11, 1},
        {50.45, 30.52, 3},
        {41.01, 28.98, 4},
        // The rest of the world, fewer.
        {40.71, -74.01, 3},
        {43.65, -79.38, 1},
        {37.77, -122.42, 1},
        {-23.55, -46.63, 1},
        {19.08, 72.88, 1},
        {35.68, 139.65, 1},
        {1.35, 103.82, 1},
        {-33.87, 151.21, 1},
        {30.04, 31.24, 1},
        {6.52, 3.38, 1},
    };
    double totalWeight = 0.0;
    for (const City &city : cities)
        totalWeight += city.weight;
    std::mt19937 random(5);
    std::uniform_real_distribution<double> pick(0.0, totalWeight);
    std::normal_distribution<double> spread(0.0, 1.0);
    std::exponential_distribution<double> size(0.9);
    QList<domain::LocationGroup> result;
    result.reserve(groups);
    for (int i = 0; i < groups; ++i) {
        double at = pick(random);
        const City *city = &cities[0];
        for (const City &c : cities) {
            city = &c;
            at -= c.weight;
            if (at <= 0)
                break;
        }
        const double sigma = 0.25 + 1.4 * std::fabs(spread(random)) / 2.0;
        const GeoPoint point{std::clamp(city->latitude + spread(random) * sigma, -85.0, 85.0),
                             city->longitude + spread(random) * sigma * 1.4};
        // 1 to 10,000 members a place, most of them small.
        const auto members = qint64(std::ceil(std::pow(10.0, std::min(4.0, size(random)))));
        result.append(domain::LocationGroup{point, QString(), members});
    }
    return result;
}

GeoPoint locationOf(const domain::Region &region)
{
    return {region.location.latitude, region.location.longitude};
}

int colourDistance(QColor a, QColor b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
           std::abs(a.blue() - b.blue());
}

QString screenshotDir()
{
    QString dir = qEnvironmentVariable("WADDLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = QDir::currentPath() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

} // namespace

class TestMapWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void paintsWithoutWarnings();
    void landIsProjectedOncePerDetail();
    void antimeridianRingsStayOnTheMap();
    void markerSitsAtTheViewportTransform();
    void toolTipOverAMarker();
    void toolTipOverTheUser();
    void clickOnAMarkerEmitsRegionClicked();
    void clickOnTheOceanEmitsMapClicked();
    void doubleClickZoomsWithoutMapClicked();
    void dragPans();
    void wheelZoomsAtTheCursor();
    void pinchZooms();
    void keysZoomPanAndFit();
    void keysSelectAndClear();
    void healthUpdateRecoloursTheMarker();
    void markerSizeFollowsLoad();
    void followsTheRegionsModel();
    void labelsDoNotOverlap_data();
    void labelsDoNotOverlap();
    void equirectangularPaints();
    void highDpiPaintsAtDevicePixels();
    void membersAndArcs();
    void moveArcsFlowWithoutRebuildingTheCache();
    void drainingRegionGreyed();
    void densityModePaints();
    void membersVisibleAtEveryZoom();
    void densityIsRound();
    void detailsPanel();
    void detailsSparklinesNewestOnTheRightAndLive();
    void detailsShowUnknownAsUnknown();
    void screenshots();

private:
    QList<domain::Region> m_catalogue;
};

void TestMapWidget::initTestCase()
{
    m_catalogue = domain::defaultCatalogue();
    QCOMPARE(m_catalogue.size(), 6);
    g_previousHandler = qInstallMessageHandler(collectWarnings);
}

void TestMapWidget::init()
{
    g_warnings.clear();
}

void TestMapWidget::cleanup()
{
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
}

void TestMapWidget::paintsWithoutWarnings()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.setUserLocation(GeoPoint{52.52, 13.40});
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    const QImage image = map.grab().toImage();
    QCOMPARE(image.size(), QSize(1000, 600));
    QVERIFY(map.renderer().geometry().error().isEmpty());
    QCOMPARE(map.accessibleName(), QStringLiteral("World map of voice regions"));
    QCOMPARE(map.focusPolicy(), Qt::StrongFocus);
    // Land is painted: the middle of Africa has the land colour, the middle
    // of the Pacific the ocean colour.
    const ui::MapViewport &viewport = map.renderer().viewport();
    const QColor africa = image.pixelColor(viewport.toScreen({5.0, 22.0}).toPoint());
    const QColor pacific = image.pixelColor(viewport.toScreen({-20.0, -140.0}).toPoint());
    QVERIFY2(colourDistance(africa, map.renderer().theme().land) < 12, qPrintable(africa.name()));
    QVERIFY2(colourDistance(pacific, map.renderer().theme().ocean) < 12,
             qPrintable(pacific.name()));
}

void TestMapWidget::landIsProjectedOncePerDetail()
{
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(800, 450));
    renderer.setRegions(m_catalogue);
    QVERIFY(!renderer.renderImage().isNull());
    const int afterFirst = renderer.geometry().pathsProjected();
    QVERIFY(afterFirst >= 3); // outline, graticule, land, borders
    renderer.setCachingEnabled(false);
    renderer.viewport().pan(QPointF(30, 10));
    QVERIFY(!renderer.renderImage().isNull());
    renderer.viewport().zoomAt(QPointF(400, 200), 1.5);
    QVERIFY(!renderer.renderImage().isNull());
    QCOMPARE(renderer.geometry().pathsProjected(), afterFirst);
    // Zooming in past the threshold loads the finer map once.
    renderer.viewport().zoomAt(QPointF(400, 200), 4.0);
    QVERIFY(!renderer.renderImage().isNull());
    const int withFine = renderer.geometry().pathsProjected();
    QCOMPARE(withFine, afterFirst + 2);
    renderer.viewport().pan(QPointF(-50, 0));
    QVERIFY(!renderer.renderImage().isNull());
    QCOMPARE(renderer.geometry().pathsProjected(), withFine);
}

void TestMapWidget::antimeridianRingsStayOnTheMap()
{
    // Every land path lies inside the world's outline (a ring across the
    // antimeridian drawn naively would cross the whole map).
    ui::WorldGeometry geometry;
    for (const domain::Projection projection :
         {domain::Projection::EqualEarth, domain::Projection::Equirectangular}) {
        const QRectF world = domain::worldBounds(projection).adjusted(-1e-6, -1e-6, 1e-6, 1e-6);
        for (const ui::MapDetail detail : {ui::MapDetail::Coarse, ui::MapDetail::Fine}) {
            const QPainterPath &land = geometry.land(projection, detail);
            QVERIFY(!land.isEmpty());
            QVERIFY(world.contains(land.boundingRect()));
            QVERIFY(world.contains(geometry.borders(projection, detail).boundingRect()));
        }
    }
    // Fiji's ring crosses the antimeridian: two pieces, each on one side.
    const QList<QPolygonF> fiji = ui::landRingPolygons(
        {{-16.0, 179.0}, {-16.0, -179.5}, {-17.0, -179.5}, {-17.0, 179.0}, {-16.0, 179.0}});
    QCOMPARE(fiji.size(), 2);
    for (const QPolygonF &piece : fiji) {
        const QRectF box = piece.boundingRect();
        QVERIFY(box.left() >= -180.0 && box.right() <= 180.0);
        QVERIFY(box.width() < 2.0);
    }
    // Antarctica-like ring around the pole: closed along the pole.
    QList<GeoPoint> aroundPole;
    for (int lon = -180; lon < 180; lon += 10)
        aroundPole.append({-70.0, double(lon)});
    aroundPole.append(aroundPole.first());
    const QList<QPolygonF> closed = ui::landRingPolygons(aroundPole);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.first().boundingRect().top(), -90.0);
}

void TestMapWidget::markerSitsAtTheViewportTransform()
{
    ui::MapWidget map;
    map.resize(1200, 700);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.renderer().setSize(QSizeF(1200, 700));
    map.renderer().viewport().zoomAt(QPointF(640, 250), 2.0);
    const QImage image = map.renderer().renderImage();
    const QColor online = ui::styleFor(domain::RegionStatus::Online).fill;
    for (const domain::Region &region : std::as_const(m_catalogue)) {
        const std::optional<QPointF> at = map.renderer().regionPosition(region.code);
        QVERIFY(at.has_value());
        const QPointF expected = map.renderer().viewport().toScreen(locationOf(region));
        QCOMPARE(*at, expected);
        const QRectF view(0, 0, 1200, 700);
        if (!view.contains(*at))
            continue;
        const QColor pixel = image.pixelColor(at->toPoint());
        QVERIFY2(colourDistance(pixel, online) < 40, qPrintable(region.code + u' ' + pixel.name()));
    }
}

void TestMapWidget::toolTipOverAMarker()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    regions.applyHealth(
        health(QStringLiteral("eu-west"), domain::RegionStatus::Degraded, 0.93, 61.0));
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    const QPointF at = *map.renderer().regionPosition(QStringLiteral("eu-west"));
    const QString text = map.toolTipAt(at + QPointF(2, -1));
    QVERIFY2(text.contains(QStringLiteral("Europe West")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("eu-west")));
    QVERIFY(text.contains(QStringLiteral("Frankfurt")));
    QVERIFY(text.contains(QStringLiteral("Germany")));
    QVERIFY(text.contains(QStringLiteral("Degraded")));
    QVERIFY(text.contains(QStringLiteral("93%")));
    QVERIFY(text.contains(QStringLiteral("Health score: 61")));
    QVERIFY(text.contains(QStringLiteral("Last check:")));
    QVERIFY(text.contains(QStringLiteral("s ago")));

    QHelpEvent help(QEvent::ToolTip, at.toPoint(), map.mapToGlobal(at.toPoint()));
    QApplication::sendEvent(&map, &help);
    QTRY_COMPARE(QToolTip::text(), text);
    QToolTip::hideText();

    // Over plain ocean there is none.
    const QPointF ocean = map.renderer().viewport().toScreen({-30.0, -120.0});
    QVERIFY(map.toolTipAt(ocean).isEmpty());
}

void TestMapWidget::toolTipOverTheUser()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.setUserLocation(GeoPoint{-33.87, 151.21});
    const QPointF tip = map.renderer().viewport().toScreen({-33.87, 151.21});
    const QString text = map.toolTipAt(tip - QPointF(0, 12)); // the pin's head
    QVERIFY2(text.contains(QStringLiteral("Your location")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("33.87° S")));
    QVERIFY(text.contains(QStringLiteral("151.21° E")));
}

void TestMapWidget::clickOnAMarkerEmitsRegionClicked()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    QSignalSpy clicked(&map, &ui::MapWidget::regionClicked);
    QSignalSpy selected(&map, &ui::MapWidget::selectedRegionChanged);
    QSignalSpy placed(&map, &ui::MapWidget::mapClicked);
    for (const QString &code : {QStringLiteral("asia-ne"), QStringLiteral("us-west")}) {
        const QPointF at = *map.renderer().regionPosition(code);
        QTest::mouseClick(&map, Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(clicked.takeLast().at(0).toString(), code);
        QCOMPARE(selected.takeLast().at(0).toString(), code);
        QCOMPARE(map.selectedRegion(), code);
    }
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    QCOMPARE(placed.count(), 0);
}

void TestMapWidget::clickOnTheOceanEmitsMapClicked()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    QSignalSpy placed(&map, &ui::MapWidget::mapClicked);
    QSignalSpy clicked(&map, &ui::MapWidget::regionClicked);
    const GeoPoint atlantic{-5.0, -25.0};
    const QPointF at = map.renderer().viewport().toScreen(atlantic);
    QTest::mouseClick(&map, Qt::LeftButton, {}, at.toPoint());
    QTRY_COMPARE(placed.count(), 1);
    const auto point = qvariant_cast<GeoPoint>(placed.first().at(0));
    // One logical pixel is about a third of a degree at this zoom.
    QVERIFY2(std::fabs(point.latitude - atlantic.latitude) < 0.5,
             qPrintable(QString::number(point.latitude)));
    QVERIFY2(std::fabs(point.longitude - atlantic.longitude) < 0.5,
             qPrintable(QString::number(point.longitude)));
    QCOMPARE(clicked.count(), 0);

    // Off the world (a corner of an Equal Earth map) nothing is reported.
    QTest::mouseClick(&map, Qt::LeftButton, {}, QPoint(3, 3));
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    QCOMPARE(placed.count(), 1);
}

void TestMapWidget::doubleClickZoomsWithoutMapClicked()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    QSignalSpy placed(&map, &ui::MapWidget::mapClicked);
    const QPoint at(500, 300);
    const std::optional<GeoPoint> under = map.renderer().viewport().toGeo(at);
    QVERIFY(under.has_value());
    QTest::mouseDClick(&map, Qt::LeftButton, {}, at);
    QTest::qWait(QApplication::doubleClickInterval() + 100);
    QCOMPARE(placed.count(), 0);
    QVERIFY(std::fabs(map.renderer().viewport().zoom() - 2.0) < 1e-9);
    const QPointF after = map.renderer().viewport().toScreen(*under);
    QVERIFY(QLineF(after, at).length() < 1e-6);
}

void TestMapWidget::dragPans()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    map.renderer().viewport().zoomAt(QPointF(500, 300), 4.0);
    QSignalSpy placed(&map, &ui::MapWidget::mapClicked);
    const GeoPoint frankfurt{50.11, 8.68};
    const QPointF before = map.renderer().viewport().toScreen(frankfurt);
    const QPointF from(500, 300);
    const QPointF to(560, 270);
    QMouseEvent press(QEvent::MouseButtonPress, from, map.mapToGlobal(from), Qt::LeftButton,
                      Qt::LeftButton, {});
    QApplication::sendEvent(&map, &press);
    for (int step = 1; step <= 6; ++step) {
        const QPointF p = from + (to - from) * (step / 6.0);
        QMouseEvent move(QEvent::MouseMove, p, map.mapToGlobal(p), Qt::NoButton, Qt::LeftButton,
                         {});
        QApplication::sendEvent(&map, &move);
    }
    QMouseEvent release(QEvent::MouseButtonRelease, to, map.mapToGlobal(to), Qt::LeftButton,
                        Qt::NoButton, {});
    QApplication::sendEvent(&map, &release);
    const QPointF after = map.renderer().viewport().toScreen(frankfurt);
    QVERIFY2(QLineF(after, before + (to - from)).length() < 1e-6,
             qPrintable(QStringLiteral("%1,%2").arg(after.x()).arg(after.y())));
    QTest::qWait(QApplication::doubleClickInterval() + 50);
    QCOMPARE(placed.count(), 0); // a drag is not a click
}

void TestMapWidget::wheelZoomsAtTheCursor()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    const QPointF at(620, 210);
    const std::optional<GeoPoint> under = map.renderer().viewport().toGeo(at);
    QVERIFY(under.has_value());
    QWheelEvent wheel(at, map.mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton, {},
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&map, &wheel);
    QVERIFY(std::fabs(map.renderer().viewport().zoom() - 1.25 * 1.25) < 1e-9);
    QVERIFY(QLineF(map.renderer().viewport().toScreen(*under), at).length() < 1e-6);
}

void TestMapWidget::pinchZooms()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    const QPointF at(400, 300);
    QNativeGestureEvent pinch(Qt::ZoomNativeGesture, QPointingDevice::primaryPointingDevice(), 2,
                              at, at, map.mapToGlobal(at), 0.5, QPointF());
    QApplication::sendEvent(&map, &pinch);
    QVERIFY(std::fabs(map.renderer().viewport().zoom() - 1.5) < 1e-9);
}

void TestMapWidget::keysZoomPanAndFit()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    const ui::MapViewport &viewport = map.renderer().viewport();
    QTest::keyClick(&map, Qt::Key_Plus);
    QVERIFY(std::fabs(viewport.zoom() - 1.5) < 1e-9);
    QTest::keyClick(&map, Qt::Key_Plus);
    QVERIFY(std::fabs(viewport.zoom() - 2.25) < 1e-9);
    QTest::keyClick(&map, Qt::Key_Minus);
    QVERIFY(std::fabs(viewport.zoom() - 1.5) < 1e-9);

    QTest::keyClick(&map, Qt::Key_Plus);
    QTest::keyClick(&map, Qt::Key_Plus);
    const QPointF centre = viewport.centre();
    QTest::keyClick(&map, Qt::Key_Right);
    QVERIFY(viewport.centre().x() > centre.x()); // the view moved east
    QTest::keyClick(&map, Qt::Key_Up);
    QVERIFY(viewport.centre().y() > centre.y()); // and north (y is north)
    QTest::keyClick(&map, Qt::Key_Left);
    QTest::keyClick(&map, Qt::Key_Down);
    QVERIFY(QLineF(viewport.centre(), centre).length() < 1e-9);

    // Home and F fit every region (and the user) in view.
    map.setUserLocation(GeoPoint{-33.87, 151.21});
    for (const Qt::Key key : {Qt::Key_Home, Qt::Key_F}) {
        map.renderer().viewport().zoomAt(QPointF(100, 100), 8.0);
        QTest::keyClick(&map, key);
        const QRectF view(QPointF(0, 0), viewport.size());
        for (const domain::Region &region : std::as_const(m_catalogue))
            QVERIFY(view.contains(viewport.toScreen(locationOf(region))));
        QVERIFY(view.contains(viewport.toScreen({-33.87, 151.21})));
    }
}

void TestMapWidget::keysSelectAndClear()
{
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    QSignalSpy selected(&map, &ui::MapWidget::selectedRegionChanged);
    QSignalSpy clicked(&map, &ui::MapWidget::regionClicked);
    QTest::keyClick(&map, Qt::Key_PageDown);
    QCOMPARE(map.selectedRegion(), m_catalogue.first().code);
    QTest::keyClick(&map, Qt::Key_PageDown);
    QCOMPARE(map.selectedRegion(), m_catalogue.at(1).code);
    QTest::keyClick(&map, Qt::Key_PageUp);
    QTest::keyClick(&map, Qt::Key_PageUp);
    QCOMPARE(map.selectedRegion(), m_catalogue.last().code); // wraps round
    QCOMPARE(clicked.count(), 4);
    QTest::keyClick(&map, Qt::Key_Return);
    QCOMPARE(clicked.last().at(0).toString(), m_catalogue.last().code);
    QTest::keyClick(&map, Qt::Key_Escape);
    QVERIFY(map.selectedRegion().isEmpty());
    QCOMPARE(selected.last().at(0).toString(), QString());
    QCOMPARE(selected.count(), 5);

    QVERIFY(map.renderer().memberDisplay() == ui::MemberDisplay::Dots);
    QTest::keyClick(&map, Qt::Key_M);
    QVERIFY(map.renderer().memberDisplay() == ui::MemberDisplay::Density);
}

void TestMapWidget::healthUpdateRecoloursTheMarker()
{
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(1000, 600));
    renderer.setRegions(m_catalogue);
    const QString code = QStringLiteral("asia-se");
    const QPoint at = renderer.regionPosition(code)->toPoint();

    const QColor online = ui::styleFor(domain::RegionStatus::Online).fill;
    const QColor offline = ui::styleFor(domain::RegionStatus::Offline).fill;
    QImage image = renderer.renderImage();
    QVERIFY2(colourDistance(image.pixelColor(at), online) < 40,
             qPrintable(image.pixelColor(at).name()));

    const int projected = renderer.geometry().pathsProjected();
    const quint64 landRevision = renderer.landLayer().revision();
    const int rebuilds = renderer.cacheRebuilds();
    renderer.setRegionHealth(health(code, domain::RegionStatus::Offline, 0.0, 20.0));
    image = renderer.renderImage();
    // Only the markers were painted again, over the cached layers.
    QCOMPARE(renderer.cacheRebuilds(), rebuilds);
    QVERIFY2(colourDistance(image.pixelColor(at), offline) < 40,
             qPrintable(image.pixelColor(at).name()));
    // Nothing below the markers had to change.
    QCOMPARE(renderer.geometry().pathsProjected(), projected);
    QCOMPARE(renderer.landLayer().revision(), landRevision);
    QVERIFY(renderer.regionLayer().statusOf(*renderer.regionLayer().region(code)) ==
            domain::RegionStatus::Offline);

    // And back.
    renderer.setRegionHealth(health(code, domain::RegionStatus::Online, 0.0, 98.0));
    image = renderer.renderImage();
    QVERIFY(colourDistance(image.pixelColor(at), online) < 40);

    // The widget repaints on a live update.
    ui::MapWidget map;
    map.resize(1000, 600);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    regions.applyHealth(health(code, domain::RegionStatus::Offline, 0.0, 20.0));
    const QImage grabbed = map.grab().toImage();
    const QPoint there = map.renderer().regionPosition(code)->toPoint();
    QVERIFY(colourDistance(grabbed.pixelColor(there), offline) < 40);
}

void TestMapWidget::followsTheRegionsModel()
{
    // The map reads the model it is given, and keeps following it.
    ui::MapWidget map;
    map.resize(800, 450);
    QVERIFY(!map.model());
    {
        client::RegionsModel regions;
        regions.setRegions(m_catalogue);
        regions.applyHealth(
            health(QStringLiteral("eu-west"), domain::RegionStatus::Degraded, 0.9, 55.0));
        map.setModel(&regions);
        QVERIFY(map.model() == &regions);
        QVERIFY(map.renderer().regions() == regions.regions());
        const auto euWest = map.renderer().regionHealth(QStringLiteral("eu-west"));
        QVERIFY(euWest.has_value());
        QCOMPARE(euWest->score, 55.0);

        // A live check.
        regions.applyHealth(
            health(QStringLiteral("us-east"), domain::RegionStatus::Offline, 0.0, 20.0));
        const auto usEast = map.renderer().regionHealth(QStringLiteral("us-east"));
        QVERIFY(usEast.has_value());
        QVERIFY(usEast->status == domain::RegionStatus::Offline);
        // Another catalogue (another server): the markers follow.
        regions.setRegions(m_catalogue.mid(0, 2));
        QCOMPARE(map.renderer().regions().size(), qsizetype(2));
        QVERIFY(map.renderer().regions() == regions.regions());
    }
    // The model is gone: the map does not follow a dangling pointer.
    QVERIFY(!map.model());
    map.setModel(nullptr);
    QVERIFY(map.renderer().regions().isEmpty());
}

void TestMapWidget::markerSizeFollowsLoad()
{
    using ui::RegionLayer;
    QCOMPARE(RegionLayer::markerRadius(0.0), RegionLayer::kMinRadius);
    QCOMPARE(RegionLayer::markerRadius(1.0), RegionLayer::kMaxRadius);
    QCOMPARE(RegionLayer::markerRadius(3.0), RegionLayer::kMaxRadius);
    QVERIFY(RegionLayer::markerRadius(0.5) > RegionLayer::markerRadius(0.2));

    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(1000, 600));
    renderer.setRegions(m_catalogue);
    renderer.setRegionHealth(
        health(QStringLiteral("us-east"), domain::RegionStatus::Online, 0.97, 70));
    const QPointF at = *renderer.regionPosition(QStringLiteral("us-east"));
    // 13 px away hits a full region's marker but not an idle one's (before
    // any frame is drawn, so no label is there to hit either).
    QCOMPARE(renderer.regionAt(at + QPointF(13, 0)), QStringLiteral("us-east"));
    renderer.setRegionHealth(
        health(QStringLiteral("us-east"), domain::RegionStatus::Online, 0.0, 95));
    QCOMPARE(renderer.regionAt(at + QPointF(13, 0)), QString());
    QVERIFY(renderer.regionLayer()
                .labelText(*renderer.regionLayer().region(u"us-east"))
                .startsWith(QStringLiteral("0%")));
}

void TestMapWidget::labelsDoNotOverlap_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("withUser");
    QTest::newRow("1400x800") << QSize(1400, 800) << false;
    QTest::newRow("1400x800, user in Vienna") << QSize(1400, 800) << true;
    QTest::newRow("800x450, user in Vienna") << QSize(800, 450) << true;
    QTest::newRow("640x360") << QSize(640, 360) << false;
}

void TestMapWidget::labelsDoNotOverlap()
{
    QFETCH(QSize, size);
    QFETCH(bool, withUser);
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(size));
    renderer.setRegions(m_catalogue);
    renderer.setRegionHealth(
        health(QStringLiteral("eu-north"), domain::RegionStatus::Degraded, 0.95, 50));
    if (withUser)
        renderer.setUserLocation(GeoPoint{48.2082, 16.3738});
    QVERIFY(!renderer.renderImage().isNull());
    const QHash<QString, QRectF> labels = renderer.regionLayer().labelRects();
    QCOMPARE(labels.size(), m_catalogue.size());
    const QRectF view(QPointF(0, 0), QSizeF(size));
    for (auto a = labels.cbegin(); a != labels.cend(); ++a) {
        QVERIFY2(view.contains(a.value()), qPrintable(a.key()));
        for (auto b = labels.cbegin(); b != labels.cend(); ++b) {
            if (a.key() != b.key())
                QVERIFY2(!a.value().intersects(b.value()), qPrintable(a.key() + u' ' + b.key()));
        }
        for (const domain::Region &region : std::as_const(m_catalogue)) {
            const QPointF centre = *renderer.regionPosition(region.code);
            const double r = renderer.regionLayer().radiusOf(region);
            QVERIFY2(!a.value().intersects(QRectF(centre - QPointF(r, r), QSizeF(2 * r, 2 * r))),
                     qPrintable(a.key() + u' ' + region.code));
        }
        if (withUser)
            QVERIFY2(!a.value().intersects(renderer.userLayer().pinRect(renderer.viewport())),
                     qPrintable(a.key()));
    }
}

void TestMapWidget::equirectangularPaints()
{
    ui::MapWidget map;
    map.resize(1000, 520);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map.setModel(&regions);
    map.setProjection(domain::Projection::Equirectangular);
    const QImage image = map.grab().toImage();
    const ui::MapViewport &viewport = map.renderer().viewport();
    QVERIFY(viewport.projection() == domain::Projection::Equirectangular);
    QCOMPARE(viewport.zoom(), 1.0);
    const QColor africa = image.pixelColor(viewport.toScreen({5.0, 22.0}).toPoint());
    const QColor pacific = image.pixelColor(viewport.toScreen({-20.0, -140.0}).toPoint());
    QVERIFY(colourDistance(africa, map.renderer().theme().land) < 12);
    QVERIFY(colourDistance(pacific, map.renderer().theme().ocean) < 12);
    // Antarctica reaches the bottom edge all the way across.
    const QPointF southPole = viewport.toScreen({-89.0, 100.0});
    QVERIFY(colourDistance(image.pixelColor(southPole.toPoint()), map.renderer().theme().land) <
            12);
    QVERIFY(image.save(screenshotDir() + QStringLiteral("/map-equirectangular.png")));
}

void TestMapWidget::highDpiPaintsAtDevicePixels()
{
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(700, 400), 2.0);
    renderer.setRegions(m_catalogue);
    renderer.setMembers(europeanMembers(500), QStringLiteral("eu-west"));
    renderer.setRegionHealth(
        health(QStringLiteral("eu-north"), domain::RegionStatus::Degraded, 0.5, 60));
    const QImage image = renderer.renderImage();
    QCOMPARE(image.size(), QSize(1400, 800));
    QCOMPARE(image.devicePixelRatio(), 2.0);
    // Logical positions are those of a ratio-1 view; the pixels are twice as
    // many.
    ui::MapViewport plain = renderer.viewport();
    plain.setDevicePixelRatio(1.0);
    const GeoPoint tokyo = locationOf(*domain::findRegion(m_catalogue, u"asia-ne"));
    QCOMPARE(renderer.viewport().toScreen(tokyo), plain.toScreen(tokyo));
    const QPointF device = renderer.viewport().toScreen(tokyo) * 2.0;
    QVERIFY(colourDistance(image.pixelColor(device.toPoint()),
                           ui::styleFor(domain::RegionStatus::Online).fill) < 40);
    QVERIFY(image.save(screenshotDir() + QStringLiteral("/map-light@2x.png")));
}

void TestMapWidget::membersAndArcs()
{
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(1000, 600));
    renderer.setRegions(m_catalogue);
    const QList<domain::LocationGroup> members = europeanMembers(2000);
    renderer.setMembers(members, QStringLiteral("eu-west"));
    QVERIFY(renderer.arcLayer().memberArcCount() > 5);
    QVERIFY(renderer.arcLayer().memberArcCount() <= ui::ArcLayer::kMaxMemberArcs);
    renderer.setArcs({ui::MapArc{QStringLiteral("asia-se"), QStringLiteral("asia-ne"),
                                 ui::MapArcKind::Failover, 1.0},
                      ui::MapArc{QStringLiteral("us-west"), QStringLiteral("nowhere"),
                                 ui::MapArcKind::Migration, 1.0}});
    QCOMPARE(renderer.arcLayer().regionArcs().size(), 1); // unknown codes draw nothing
    const QImage image = renderer.renderImage();
    // Member dots around London: the member colour shows there.
    const QPointF london = renderer.viewport().toScreen({51.51, -0.13});
    bool sawMember = false;
    for (int dx = -6; dx <= 6 && !sawMember; ++dx) {
        for (int dy = -6; dy <= 6 && !sawMember; ++dy) {
            const QColor c = image.pixelColor((london + QPointF(dx, dy)).toPoint());
            sawMember = c.blue() > c.red() + 40;
        }
    }
    QVERIFY(sawMember);
    // "Fit all" includes the members.
    QCOMPARE(renderer.fitPoints().size(), m_catalogue.size() + members.size());

    // Clearing.
    renderer.setMembers({}, QStringLiteral("eu-west"));
    QCOMPARE(renderer.arcLayer().memberArcCount(), 0);
    QVERIFY(renderer.memberLayer().groups().isEmpty());
}

void TestMapWidget::moveArcsFlowWithoutRebuildingTheCache()
{
    ui::MapWidget map;
    map.resize(900, 500);
    client::RegionsModel model;
    model.setRegions(m_catalogue);
    map.setModel(&model);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    QVERIFY(!map.isAnimatingArcs());
    QVERIFY(map.renderer().arcLayer().isCacheable());
    map.setArcs({ui::MapArc{u"eu-west"_s, u"us-east"_s, ui::MapArcKind::Failover, 1.0}});
    QVERIFY(map.isAnimatingArcs());
    // Drawn live above the cached land: the arrows move, the cache stays.
    QVERIFY(!map.renderer().arcLayer().isCacheable());
    map.grab();
    const int rebuilds = map.renderer().cacheRebuilds();
    const double phase = map.renderer().arcLayer().phase();
    const QImage before = map.grab().toImage();
    QTRY_VERIFY_WITH_TIMEOUT(map.renderer().arcLayer().phase() != phase, 2000);
    const QImage after = map.grab().toImage();
    QVERIFY(before != after); // the arrows moved
    QCOMPARE(map.renderer().cacheRebuilds(), rebuilds);
    // No moves left: still again.
    map.setArcs({});
    QVERIFY(!map.isAnimatingArcs());
    QVERIFY(map.renderer().arcLayer().isCacheable());
    // A hidden map does not move its arrows.
    map.setArcs({ui::MapArc{u"eu-west"_s, u"us-east"_s, ui::MapArcKind::Failover, 1.0}});
    map.hide();
    const double hiddenPhase = map.renderer().arcLayer().phase();
    QTest::qWait(3 * ui::MapWidget::kArcFrameMs);
    QCOMPARE(map.renderer().arcLayer().phase(), hiddenPhase);
    map.setModel(nullptr);
}

void TestMapWidget::drainingRegionGreyed()
{
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(1000, 600));
    renderer.setRegions(m_catalogue);
    const domain::Region *west = renderer.regionLayer().region(u"eu-west"_s);
    QVERIFY(west);
    const QString live = renderer.regionLayer().labelText(*west);
    const QPointF centre =
        *renderer.regionLayer().markerPosition(renderer.viewport(), u"eu-west"_s);
    const QColor colour = renderer.renderImage().pixelColor(centre.toPoint());
    renderer.regionLayer().setDraining({u"eu-west"_s});
    // Said in words and shown grey (by more than colour alone).
    QCOMPARE(renderer.regionLayer().labelText(*west), live + u" · draining"_s);
    const QColor grey = renderer.renderImage().pixelColor(centre.toPoint());
    QVERIFY2(colour.hsvSaturation() > 60 && grey.hsvSaturation() < 30,
             qPrintable(u"%1 → %2"_s.arg(colour.name(), grey.name())));
    const domain::Region *north = renderer.regionLayer().region(u"eu-north"_s);
    QVERIFY(!renderer.regionLayer().labelText(*north).contains(u"draining"_s));
}

void TestMapWidget::densityModePaints()
{
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(800, 450));
    renderer.setRegions(m_catalogue);
    renderer.setMembers(europeanMembers(3000), QStringLiteral("eu-west"));
    const QImage dots = renderer.renderImage();
    renderer.setMemberDisplay(ui::MemberDisplay::Density);
    const QImage density = renderer.renderImage();
    QVERIFY(dots != density);
    const QPointF paris = renderer.viewport().toScreen({48.86, 2.35});
    const QColor c = density.pixelColor(paris.toPoint());
    QVERIFY2(c.blue() > c.red(), qPrintable(c.name()));
}

namespace {

// Pixels within `radius` of `centre` that differ clearly from the same
// pixels in `without` (the map with no members).
int changedPixels(const QImage &with, const QImage &without, QPointF centre, int radius)
{
    int changed = 0;
    for (int dy = -radius; dy <= radius; ++dy) {
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint p = (centre + QPointF(dx, dy)).toPoint();
            if (!with.rect().contains(p))
                continue;
            const QColor a = with.pixelColor(p);
            const QColor b = without.pixelColor(p);
            if (std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                    std::abs(a.blue() - b.blue()) >
                90)
                ++changed;
        }
    }
    return changed;
}

} // namespace

void TestMapWidget::membersVisibleAtEveryZoom()
{
    // Issue 10: one member was a faint dot of a pixel or two. Now a dot of
    // at least ~5 px across with an outline, at the whole-world zoom and
    // closer in, in both themes.
    const domain::GeoPoint lisbon{38.72, -9.14};
    for (const bool dark : {false, true}) {
        for (const double zoom : {1.0, 4.0, 32.0}) {
            ui::MapRenderer renderer;
            renderer.setDark(dark);
            renderer.setSize(QSizeF(1000, 600));
            renderer.setRegions(m_catalogue);
            renderer.viewport().fitWorld();
            renderer.viewport().zoomAt(renderer.viewport().toScreen(lisbon), zoom);
            QCOMPARE(renderer.viewport().zoom(), zoom);
            const QImage without = renderer.renderImage();
            renderer.setMembers({domain::LocationGroup{lisbon, QString(), 1}},
                                QStringLiteral("eu-west"));
            const QImage with = renderer.renderImage();
            const QPointF at = renderer.viewport().toScreen(lisbon);
            const int changed = changedPixels(with, without, at, 8);
            QVERIFY2(changed >= 16,
                     qPrintable(u"dark %1, zoom %2: %3 px"_s.arg(dark).arg(zoom).arg(changed)));
            // The dot grows as one zooms in.
            QVERIFY(ui::MemberLayer::zoomScale(zoom) >= ui::MemberLayer::zoomScale(1.0));
        }
    }
    QVERIFY(ui::MemberLayer::zoomScale(32.0) > ui::MemberLayer::zoomScale(1.0));
}

void TestMapWidget::densityIsRound()
{
    // Issue 10: the density view drew square blobs: the box blurs had a
    // square footprint, and the glow ended at its border with a step of
    // ~45 % alpha. One place, the member layer alone: its glow must fade
    // alike along an axis and a diagonal, with no step on the way out.
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(800, 500));
    const domain::GeoPoint place{0.0, 20.0};
    ui::MemberLayer layer;
    layer.setTheme(ui::MapTheme::light());
    layer.setGroups({domain::LocationGroup{place, QString(), 500}});
    layer.setDisplay(ui::MemberDisplay::Density);
    QImage image(800, 500, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        layer.render(painter, renderer.viewport());
    }
    const QPointF centre = renderer.viewport().toScreen(place);
    const auto alpha = [&](QPointF offset) {
        return qAlpha(image.pixel((centre + offset).toPoint()));
    };
    QVERIFY(alpha({0, 0}) > 150);
    for (const double r : {8.0, 14.0, 20.0}) {
        const int axis = alpha({r, 0});
        const double d = r / std::sqrt(2.0);
        const int diagonal = alpha({d, d});
        QVERIFY2(std::abs(axis - diagonal) <= 6 + axis / 10,
                 qPrintable(u"r %1: axis %2, diagonal %3"_s.arg(r).arg(axis).arg(diagonal)));
    }
    int steepest = 0;
    for (const QPointF direction : {QPointF(1, 0), QPointF(0, 1), QPointF(0.7071, 0.7071)}) {
        for (int r = 0; r < 70; ++r)
            steepest =
                std::max(steepest, std::abs(alpha(direction * r) - alpha(direction * (r + 1))));
    }
    QVERIFY2(steepest <= 20, qPrintable(QString::number(steepest)));
    // Far out, nothing.
    QCOMPARE(alpha({70, 0}), 0);
    QCOMPARE(alpha({50, 50}), 0);
}

void TestMapWidget::detailsPanel()
{
    ui::RegionDetailsPanel panel;
    panel.resize(320, 520);
    QVERIFY(!panel.hasRegion());
    const auto *placeholder = panel.findChild<QLabel *>(QStringLiteral("placeholder"));
    QVERIFY(placeholder && placeholder->isVisibleTo(&panel));
    QCOMPARE(placeholder->text(), QStringLiteral("Select a region on the map"));

    const domain::Region euWest = *domain::findRegion(m_catalogue, u"eu-west");
    panel.setRegion(euWest);
    QVERIFY(panel.hasRegion());
    QVERIFY(!placeholder->isVisibleTo(&panel));
    const auto text = [&](const char *name) {
        return panel.findChild<QLabel *>(QString::fromLatin1(name))->text();
    };
    QCOMPARE(text("title"), QStringLiteral("Europe West"));
    QVERIFY(text("subtitle").contains(QStringLiteral("Frankfurt")));
    QCOMPARE(text("status"), QStringLiteral("Online"));
    QVERIFY(text("coordinates").contains(QStringLiteral("° N")));
    // Names, not codes (issue 10), each kept whole on its line.
    panel.setRegionNames({{u"eu-north"_s, u"Europe North"_s}, {u"us-east"_s, u"US East"_s}});
    QVERIFY(text("failover").contains(u"Europe\u00A0North"_s));
    QVERIFY(!text("failover").contains(u"eu-north"_s));

    domain::RegionHealth h =
        health(QStringLiteral("eu-west"), domain::RegionStatus::Degraded, 0.92, 58.0);
    panel.setHealth(h);
    QCOMPARE(text("status"), QStringLiteral("Degraded"));
    QCOMPARE(text("load"), QStringLiteral("92%"));
    QCOMPARE(text("score"), QStringLiteral("58 of 100"));
    QCOMPARE(text("p99"), QStringLiteral("240 ms"));
    QVERIFY(text("lastCheck").contains(QStringLiteral("s ago")));
    // Another region's health is ignored.
    panel.setHealth(health(QStringLiteral("us-east"), domain::RegionStatus::Offline, 0, 0));
    QCOMPARE(text("status"), QStringLiteral("Degraded"));

    QList<domain::RegionHealth> history;
    for (int i = 0; i < 30; ++i) {
        domain::RegionHealth past = h;
        past.score = 80.0 - i * 0.8 + (i % 3);
        past.reading.p99Ms = 60.0 + i * 6.0;
        history.append(past);
    }
    panel.setHistory(history);
    QCOMPARE(panel.scoreSparkline()->values().size(), 30);
    QCOMPARE(panel.p99Sparkline()->values().last(), 60.0 + 29 * 6.0);
    QVERIFY(panel.scoreSparkline()->accessibleDescription().contains(QStringLiteral("lowest")));

    panel.clear();
    QVERIFY(placeholder->isVisibleTo(&panel));
}

// Issue 10 item 3: the server sends the history newest first; the lines
// run oldest → newest left to right, and each new check joins at the right.
void TestMapWidget::detailsSparklinesNewestOnTheRightAndLive()
{
    ui::RegionDetailsPanel panel;
    panel.setRegion(*domain::findRegion(m_catalogue, u"asia-se"));
    QList<domain::RegionHealth> newestFirst;
    for (int i = 0; i < 10; ++i) {
        // i = 0 is the newest check, with the lowest score (the degradation).
        domain::RegionHealth past =
            health(u"asia-se"_s, domain::RegionStatus::Online, 0.5, 50.0 + i * 5.0, 10 + i * 10);
        past.reading.p99Ms = 300.0 - i * 20.0;
        newestFirst.append(past);
    }
    panel.setHistory(newestFirst);
    const QList<double> scores = panel.scoreSparkline()->values();
    QCOMPARE(scores.size(), 10);
    QCOMPARE(scores.constFirst(), 95.0); // the oldest, on the left
    QCOMPARE(scores.constLast(), 50.0);  // the newest, on the right
    QCOMPARE(panel.p99Sparkline()->values().constLast(), 300.0);
    QVERIFY(panel.scoreSparkline()->accessibleDescription().contains(u"latest 50"_s));

    // A live check joins on the right at once.
    panel.setHealth(health(u"asia-se"_s, domain::RegionStatus::Degraded, 0.5, 31.0, 0));
    QCOMPARE(panel.scoreSparkline()->values().size(), 11);
    QCOMPARE(panel.scoreSparkline()->values().constLast(), 31.0);
    // An offline check's score joins too (the drop shows); its p99, which
    // nothing measured, does not.
    const qsizetype p99Before = panel.p99Sparkline()->values().size();
    domain::RegionHealth down = health(u"asia-se"_s, domain::RegionStatus::Offline, 0.0, 8.0, 0);
    down.checkedAt = QDateTime::currentDateTimeUtc().addSecs(1);
    panel.setHealth(down);
    QCOMPARE(panel.scoreSparkline()->values().constLast(), 8.0);
    QCOMPARE(panel.p99Sparkline()->values().size(), p99Before);
    // An older check (a late answer) does not jump in at the right.
    panel.setHealth(health(u"asia-se"_s, domain::RegionStatus::Online, 0.5, 77.0, 500));
    QCOMPARE(panel.scoreSparkline()->values().constLast(), 8.0);
}

// Issue 10 item 5: no data is not a zero, and a failing check is not "Online".
void TestMapWidget::detailsShowUnknownAsUnknown()
{
    ui::RegionDetailsPanel panel;
    panel.setRegion(*domain::findRegion(m_catalogue, u"eu-west"));
    const auto text = [&](const char *name) {
        return panel.findChild<QLabel *>(QString::fromLatin1(name))->text();
    };
    domain::RegionHealth failing = health(u"eu-west"_s, domain::RegionStatus::Online, 0.0, 60.0);
    failing.reading = domain::HealthReading{};
    failing.reading.endpointHealthy = false;
    failing.consecutiveFailures = 1;
    failing.message = u"Connection refused"_s;
    panel.setHealth(failing);
    QCOMPARE(text("status"), u"Failing checks (1 of 2 before offline)"_s);
    QCOMPARE(text("p99"), u"—"_s);
    QCOMPARE(text("errors"), u"—"_s);
    QCOMPARE(text("score"), u"—"_s);
    QCOMPARE(text("response"), u"no answer"_s);
    QCOMPARE(text("problem"), u"Connection refused"_s);

    failing.status = domain::RegionStatus::Offline;
    failing.consecutiveFailures = 2;
    panel.setHealth(failing);
    QCOMPARE(text("status"), u"Offline"_s);
    QCOMPARE(text("p99"), u"—"_s);
}

void TestMapWidget::screenshots()
{
    const QString dir = screenshotDir();
    const QList<domain::LocationGroup> members = europeanMembers(20000);
    const QList<ui::MapArc> arcs{
        {QStringLiteral("asia-se"), QStringLiteral("asia-ne"), ui::MapArcKind::Failover, 0.9},
        {QStringLiteral("us-east"), QStringLiteral("eu-west"), ui::MapArcKind::Migration, 0.5},
    };
    const auto healthFor = [](const domain::Region &region) {
        if (region.code == u"asia-se")
            return health(region.code, domain::RegionStatus::Offline, 0.0, 22.0, 3);
        if (region.code == u"us-east")
            return health(region.code, domain::RegionStatus::Degraded, 0.94, 57.0, 2);
        const double load = region.code == u"eu-west"    ? 0.71
                            : region.code == u"us-west"  ? 0.38
                            : region.code == u"eu-north" ? 0.22
                                                         : 0.55;
        return health(region.code, domain::RegionStatus::Online, load, 96.0 - 20 * load, 4);
    };

    for (const bool dark : {false, true}) {
        ui::MapWidget map;
        map.resize(1400, 800);
        map.setDark(dark);
        client::RegionsModel regions;
        regions.setRegions(m_catalogue);
        map.setModel(&regions);
        for (const domain::Region &region : std::as_const(m_catalogue))
            regions.applyHealth(healthFor(region));
        map.setMembers(members, QStringLiteral("eu-west"));
        map.setArcs(arcs);
        map.setUserLocation(GeoPoint{48.2082, 16.3738}); // Vienna
        map.setSelectedRegion(QStringLiteral("eu-west"));
        const QImage image = map.grab().toImage();
        QCOMPARE(image.size(), QSize(1400, 800));
        const QString name =
            dark ? QStringLiteral("map-dark.png") : QStringLiteral("map-light.png");
        QVERIFY(image.save(dir + u'/' + name));

        if (!dark) {
            map.setMemberDisplay(ui::MemberDisplay::Density);
            QVERIFY(map.grab().toImage().save(dir + QStringLiteral("/map-density.png")));
            map.setMemberDisplay(ui::MemberDisplay::Dots);
            map.renderer().viewport().fit({GeoPoint{36.0, -10.0}, GeoPoint{62.0, 30.0}}, 30.0);
            QVERIFY(map.grab().toImage().save(dir + QStringLiteral("/map-europe.png")));
        }
    }

    // The map with its details panel, as the app lays them out.
    QWidget window;
    window.resize(1400, 800);
    auto *layout = new QHBoxLayout(&window);
    auto *map = new ui::MapWidget(&window);
    auto *panel = new ui::RegionDetailsPanel(&window);
    panel->setFixedWidth(330);
    layout->addWidget(map, 1);
    layout->addWidget(panel);
    client::RegionsModel regions;
    regions.setRegions(m_catalogue);
    map->setModel(&regions);
    for (const domain::Region &region : std::as_const(m_catalogue))
        regions.applyHealth(healthFor(region));
    map->setSelectedRegion(QStringLiteral("us-east"));
    map->setUserLocation(GeoPoint{48.2082, 16.3738});
    panel->setRegion(*domain::findRegion(m_catalogue, u"us-east"));
    domain::RegionHealth usEast = healthFor(*domain::findRegion(m_catalogue, u"us-east"));
    panel->setHealth(usEast);
    QList<domain::RegionHealth> history;
    for (int i = 0; i < 60; ++i) {
        domain::RegionHealth past = usEast;
        const double t = i / 59.0;
        past.score = 92.0 - 35.0 * t * t + 3.0 * std::sin(i * 0.9);
        past.reading.p99Ms = 45.0 + 195.0 * t * t + 8.0 * std::sin(i * 1.3);
        history.append(past);
    }
    panel->setHistory(history);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.grab().toImage().save(dir + QStringLiteral("/map-with-details.png")));
    QVERIFY(panel->grab().toImage().save(dir + QStringLiteral("/region-details.png")));
    qInfo("screenshots in %s", qPrintable(dir));
}

QTEST_MAIN(TestMapWidget)
#include "tst_mapwidget.moc"
