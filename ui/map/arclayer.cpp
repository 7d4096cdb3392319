#include "arclayer.h"

#include "geopath.h"
#include "mapviewport.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace waddle::ui {

namespace {

// The point `fraction` of the way along a polyline, and the direction there.
std::optional<std::pair<QPointF, QPointF>> pointAlong(const QList<QPolygonF> &lines,
                                                      double fraction)
{
    double total = 0.0;
    for (const QPolygonF &line : lines)
        for (qsizetype i = 1; i < line.size(); ++i)
            total += QLineF(line[i - 1], line[i]).length();
    if (total <= 0.0)
        return std::nullopt;
    double remaining = total * fraction;
    for (const QPolygonF &line : lines) {
        for (qsizetype i = 1; i < line.size(); ++i) {
            const QLineF segment(line[i - 1], line[i]);
            const double length = segment.length();
            if (remaining <= length && length > 0.0) {
                const QPointF direction = (segment.p2() - segment.p1()) / length;
                return std::pair{segment.pointAt(remaining / length), direction};
            }
            remaining -= length;
        }
    }
    return std::nullopt;
}

} // namespace

ArcLayer::Arc ArcLayer::makeArc(const GeoArc &geo)
{
    return Arc{geo, splitAtAntimeridian(greatCirclePoints(geo.from, geo.to, 1.5)), {}};
}

void ArcLayer::setMemberArcs(const QList<domain::LocationGroup> &groups,
                             std::optional<domain::GeoPoint> target)
{
    m_memberArcs.clear();
    markChanged();
    if (!target || groups.isEmpty())
        return;

    struct Cell
    {
        double latitude = 0.0; // member-weighted sums
        double longitude = 0.0;
        qint64 members = 0;
    };
    QHash<qint64, Cell> cells;
    qint64 total = 0;
    for (const domain::LocationGroup &group : groups) {
        if (group.members <= 0)
            continue;
        const auto row = qint64(std::floor((group.point.latitude + 90.0) / kMemberCellDegrees));
        const auto column =
            qint64(std::floor((group.point.longitude + 180.0) / kMemberCellDegrees));
        Cell &cell = cells[row * 1000 + column];
        cell.latitude += group.point.latitude * double(group.members);
        cell.longitude += group.point.longitude * double(group.members);
        cell.members += group.members;
        total += group.members;
    }
    QList<Cell> ranked = cells.values();
    std::sort(ranked.begin(), ranked.end(),
              [](const Cell &a, const Cell &b) { return a.members > b.members; });
    // A city on a cell boundary would get two arcs side by side: fold each
    // cell into a larger one whose centre is within kMergeKm.
    QList<Cell> merged;
    for (const Cell &cell : std::as_const(ranked)) {
        const domain::GeoPoint centre{cell.latitude / double(cell.members),
                                      cell.longitude / double(cell.members)};
        Cell *into = nullptr;
        for (Cell &kept : merged) {
            const domain::GeoPoint keptCentre{kept.latitude / double(kept.members),
                                              kept.longitude / double(kept.members)};
            if (domain::greatCircleKm(centre, keptCentre) < kMergeKm) {
                into = &kept;
                break;
            }
        }
        if (into) {
            into->latitude += cell.latitude;
            into->longitude += cell.longitude;
            into->members += cell.members;
        } else {
            merged.append(cell);
        }
    }
    ranked = merged;
    std::sort(ranked.begin(), ranked.end(),
              [](const Cell &a, const Cell &b) { return a.members > b.members; });
    if (ranked.size() > kMaxMemberArcs)
        ranked.resize(kMaxMemberArcs);
    if (ranked.isEmpty() || total <= 0)
        return;
    const double largest = double(ranked.first().members);
    for (const Cell &cell : ranked) {
        const domain::GeoPoint from{cell.latitude / double(cell.members),
                                    cell.longitude / double(cell.members)};
        if (domain::greatCircleKm(from, *target) < 50.0)
            continue; // members in the region's own city need no arc
        m_memberArcs.append(makeArc(GeoArc{from, *target, MapArcKind::Migration,
                                           std::sqrt(double(cell.members) / largest)}));
    }
    m_projectedFor.reset();
}

void ArcLayer::setShowsMemberArcs(bool show)
{
    if (show == m_showsMemberArcs)
        return;
    m_showsMemberArcs = show;
    markChanged();
}

void ArcLayer::setPhase(double phase)
{
    // Drawn every frame while there are region arcs: nothing to invalidate.
    m_phase = std::clamp(phase - std::floor(phase), 0.0, 1.0);
}

void ArcLayer::setRegionArcs(const QList<GeoArc> &arcs)
{
    if (arcs == m_regionArcInput)
        return;
    m_regionArcInput = arcs;
    m_regionArcs.clear();
    for (const GeoArc &arc : arcs)
        m_regionArcs.append(makeArc(arc));
    m_projectedFor.reset();
    markChanged();
}

void ArcLayer::ensureProjected(domain::Projection projection)
{
    if (m_projectedFor == projection)
        return;
    for (QList<Arc> *arcs : {&m_memberArcs, &m_regionArcs}) {
        for (Arc &arc : *arcs) {
            arc.projected.clear();
            for (const QPolygonF &line : arc.lonLat) {
                QPolygonF projected;
                projected.reserve(line.size());
                for (const QPointF &p : line)
                    projected.append(domain::project(projection, domain::GeoPoint{p.y(), p.x()}));
                arc.projected.append(projected);
            }
        }
    }
    m_projectedFor = projection;
}

void ArcLayer::render(QPainter &painter, const MapViewport &viewport)
{
    if (m_memberArcs.isEmpty() && m_regionArcs.isEmpty())
        return;
    ensureProjected(viewport.projection());
    const QTransform toScreen = viewport.transform();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(Qt::NoBrush);
    // Member arcs are hairlines whose opacity says their share: one-pixel
    // cosmetic lines take the raster engine's fast stroker, where wider
    // translucent ones cost ten times as much (bench_mappaint).
    const QRectF view = QRectF(QPointF(0, 0), viewport.size()).adjusted(-20, -20, 20, 20);
    if (m_showsMemberArcs) {
        QPen pen(theme().member, 1.0);
        pen.setCosmetic(true);
        for (const Arc &arc : std::as_const(m_memberArcs)) {
            QColor colour = theme().member;
            colour.setAlphaF(float(0.3 + 0.55 * arc.geo.weight));
            pen.setColor(colour);
            painter.setPen(pen);
            for (const QPolygonF &line : arc.projected) {
                for (const QPolygonF &piece : clipPolyline(toScreen.map(line), view))
                    painter.drawPolyline(piece);
            }
        }
    }
    for (const Arc &arc : m_regionArcs)
        drawRegionArc(painter, arc, toScreen, view);
    painter.restore();
}

void ArcLayer::drawRegionArc(QPainter &painter, const Arc &arc, const QTransform &toScreen,
                             const QRectF &view) const
{
    // Cut to the view first: a wide pen over a long arc is costly to stroke
    // where no one sees it.
    QList<QPolygonF> lines;
    for (const QPolygonF &line : arc.projected)
        lines.append(clipPolyline(toScreen.map(line), view));
    const double weight = std::clamp(arc.geo.weight, 0.0, 1.0);
    const double width = 1.6 + 1.6 * weight;

    // A halo in the map's background colour keeps the arc readable over
    // dots and borders.
    QColor halo = theme().halo;
    halo.setAlphaF(0.7F);
    QPen haloPen(halo, width + 3.0);
    haloPen.setCapStyle(Qt::RoundCap);
    painter.setPen(haloPen);
    for (const QPolygonF &line : lines)
        painter.drawPolyline(line);

    QColor colour = theme().arc;
    colour.setAlphaF(float(0.6 + 0.4 * weight));
    QPen pen(colour, width);
    pen.setCapStyle(Qt::RoundCap);
    if (arc.geo.kind == MapArcKind::Migration)
        pen.setDashPattern({3.0, 2.0});
    painter.setPen(pen);
    for (const QPolygonF &line : lines)
        painter.drawPolyline(line);

    // Two arrows half a trip apart, pointing at the destination, travelling
    // with the phase between 10 % and 90 % of the way (clear of the markers).
    painter.setPen(QPen(halo, 1.5));
    colour.setAlphaF(1.0F);
    painter.setBrush(colour);
    for (const double offset : {0.0, 0.5}) {
        const double along = 0.1 + 0.8 * std::fmod(m_phase + offset, 1.0);
        const auto at = pointAlong(lines, along);
        if (!at)
            continue;
        const auto [tip, direction] = *at;
        const QPointF normal(-direction.y(), direction.x());
        const double size = 5.0 + 2.0 * weight;
        QPolygonF head{tip + direction * size, tip - direction * size + normal * size * 0.8,
                       tip - direction * size * 0.4, tip - direction * size - normal * size * 0.8};
        painter.drawPolygon(head);
    }
    painter.setBrush(Qt::NoBrush);
}

} // namespace waddle::ui
