#include "worldgeometry.h"

#include "geopath.h"

#include <QFile>

#include <algorithm>

namespace waddle::ui {

namespace {

const QString kCoarsePath = QStringLiteral(":/waddle/map/world-110m.wmap");
const QString kFinePath = QStringLiteral(":/waddle/map/world-50m.wmap");

QPolygonF meridian(double longitude, double south, double north)
{
    QPolygonF line;
    for (double latitude = south; latitude <= north + 1e-9; latitude += 2.0)
        line.append(QPointF(longitude, latitude));
    return line;
}

QPolygonF parallel(double latitude)
{
    return QPolygonF{QPointF(-180.0, latitude), QPointF(180.0, latitude)};
}

} // namespace

WorldGeometry::WorldGeometry() = default;
WorldGeometry::~WorldGeometry() = default;

MapDetail WorldGeometry::detailForZoom(double zoom)
{
    return zoom >= kFineZoom ? MapDetail::Fine : MapDetail::Coarse;
}

int WorldGeometry::key(domain::Projection projection, MapDetail detail)
{
    return static_cast<int>(projection) * 2 + static_cast<int>(detail);
}

const domain::WorldMap &WorldGeometry::map(MapDetail detail)
{
    std::optional<domain::WorldMap> &slot = detail == MapDetail::Fine ? m_fine : m_coarse;
    if (!slot) {
        QFile file(detail == MapDetail::Fine ? kFinePath : kCoarsePath);
        domain::Result<domain::WorldMap> parsed =
            file.open(QIODevice::ReadOnly)
                ? domain::parseWorldMap(file.readAll())
                : domain::Result<domain::WorldMap>(domain::Error{
                      file.fileName(),
                      QStringLiteral("%1: %2").arg(file.fileName(), file.errorString())});
        if (parsed.ok()) {
            slot = std::move(parsed).value();
        } else {
            // A map without land still shows regions and members: say why in
            // error() and draw the ocean.
            m_error = parsed.error().message;
            slot = domain::WorldMap{};
        }
    }
    return *slot;
}

const QList<WorldGeometry::Ring> &WorldGeometry::landRings(domain::Projection projection,
                                                           MapDetail detail)
{
    const int k = key(projection, detail);
    auto it = m_land.find(k);
    if (it == m_land.end()) {
        QList<Ring> rings;
        for (const QList<domain::GeoPoint> &ring : map(detail).land) {
            const QPainterPath path = projectedPath(projection, landRingPolygons(ring), true);
            for (const QPolygonF &polygon : path.toSubpathPolygons()) {
                if (polygon.size() >= 3)
                    rings.append(Ring{polygon, polygon.boundingRect()});
            }
        }
        ++m_pathsProjected;
        it = m_land.insert(k, rings);
    }
    return *it;
}

QPainterPath WorldGeometry::land(domain::Projection projection, MapDetail detail,
                                 std::optional<QRectF> clip)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const Ring &ring : landRings(projection, detail)) {
        if (!clip || clip->contains(ring.bounds)) {
            path.addPolygon(ring.points);
            path.closeSubpath();
        } else if (clip->intersects(ring.bounds)) {
            const QPolygonF cut = clipPolygon(ring.points, *clip);
            if (cut.size() >= 3) {
                path.addPolygon(cut);
                path.closeSubpath();
            }
        }
    }
    return path;
}

const QPainterPath &WorldGeometry::borders(domain::Projection projection, MapDetail detail)
{
    const int k = key(projection, detail);
    auto it = m_borders.find(k);
    if (it == m_borders.end()) {
        QList<QPolygonF> lines;
        for (const QList<domain::GeoPoint> &line : map(detail).borders)
            lines.append(splitAtAntimeridian(line));
        ++m_pathsProjected;
        it = m_borders.insert(k, projectedPath(projection, lines, false));
    }
    return *it;
}

const QPainterPath &WorldGeometry::graticule(domain::Projection projection)
{
    const int k = key(projection, MapDetail::Coarse);
    auto it = m_graticule.find(k);
    if (it == m_graticule.end()) {
        QList<QPolygonF> lines;
        for (int longitude = -150; longitude <= 150; longitude += 30)
            lines.append(meridian(longitude, -90.0, 90.0));
        for (int latitude = -60; latitude <= 60; latitude += 30)
            lines.append(parallel(latitude));
        ++m_pathsProjected;
        it = m_graticule.insert(k, projectedPath(projection, lines, false));
    }
    return *it;
}

const QPainterPath &WorldGeometry::outline(domain::Projection projection)
{
    const int k = key(projection, MapDetail::Coarse);
    auto it = m_outline.find(k);
    if (it == m_outline.end()) {
        QPolygonF edge = meridian(-180.0, -90.0, 90.0);
        QPolygonF east = meridian(180.0, -90.0, 90.0);
        std::reverse(east.begin(), east.end());
        edge += east;
        QPainterPath path = projectedPath(projection, {edge}, true);
        path.setFillRule(Qt::WindingFill);
        ++m_pathsProjected;
        it = m_outline.insert(k, path);
    }
    return *it;
}

} // namespace waddle::ui
