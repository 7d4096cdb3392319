#include "geopath.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace waddle::ui {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

// The longitude step from a to b the short way round, in −180…180.
double wrappedDelta(double from, double to)
{
    double delta = to - from;
    if (delta > 180.0)
        delta -= 360.0;
    else if (delta < -180.0)
        delta += 360.0;
    return delta;
}

// Sutherland–Hodgman against one axis-parallel line: keeps the points whose
// coordinate (x when `vertical`, else y) is on the kept side of `at`. Exact
// for any simple or self-touching polygon; cuts leave edges along the line,
// which fill correctly.
QPolygonF clipAxis(const QPolygonF &polygon, double at, bool vertical, bool keepBelow)
{
    QPolygonF out;
    if (polygon.isEmpty())
        return out;
    out.reserve(polygon.size() + 4);
    const auto coordinate = [vertical](QPointF p) { return vertical ? p.x() : p.y(); };
    const auto inside = [&](QPointF p) {
        return keepBelow ? coordinate(p) <= at : coordinate(p) >= at;
    };
    QPointF previous = polygon.last();
    bool previousIn = inside(previous);
    for (const QPointF &current : polygon) {
        const bool currentIn = inside(current);
        if (currentIn != previousIn) {
            const double t =
                (at - coordinate(previous)) / (coordinate(current) - coordinate(previous));
            const QPointF cut = previous + (current - previous) * t;
            out.append(vertical ? QPointF(at, cut.y()) : QPointF(cut.x(), at));
        }
        if (currentIn)
            out.append(current);
        previous = current;
        previousIn = currentIn;
    }
    return out;
}

QPolygonF clipVertical(const QPolygonF &polygon, double lineX, bool keepLeft)
{
    return clipAxis(polygon, lineX, true, keepLeft);
}

} // namespace

QList<QPolygonF> landRingPolygons(const QList<domain::GeoPoint> &ring)
{
    if (ring.size() < 3)
        return {};
    double south = 90.0;
    double north = -90.0;
    for (const domain::GeoPoint &p : ring) {
        south = std::min(south, p.latitude);
        north = std::max(north, p.latitude);
    }
    if (north - south < 1e-3 && std::fabs(south) > 89.0)
        return {}; // a line along the pole (Natural Earth 1:50m has one), not land

    // Unwrap longitudes so consecutive points never jump by more than 180°.
    QPolygonF unwrapped;
    unwrapped.reserve(ring.size() + 2);
    double longitude = ring.first().longitude;
    unwrapped.append(QPointF(longitude, ring.first().latitude));
    for (qsizetype i = 1; i < ring.size(); ++i) {
        longitude += wrappedDelta(ring[i - 1].longitude, ring[i].longitude);
        unwrapped.append(QPointF(longitude, ring[i].latitude));
    }
    // Around a pole the unwrapped ring ends a full turn away from where it
    // began: close it along the pole.
    const double turn = longitude + wrappedDelta(ring.last().longitude, ring.first().longitude) -
                        unwrapped.first().x();
    if (std::fabs(turn) > 180.0) {
        const double pole = (south + north) / 2.0 < 0.0 ? -90.0 : 90.0;
        unwrapped.append(QPointF(longitude, pole));
        unwrapped.append(QPointF(unwrapped.first().x(), pole));
    }

    double west = unwrapped.first().x();
    double east = west;
    for (const QPointF &p : unwrapped) {
        west = std::min(west, p.x());
        east = std::max(east, p.x());
    }
    constexpr double kEps = 1e-6;
    if (west >= -180.0 - kEps && east <= 180.0 + kEps)
        return {unwrapped};

    // Cut into the copies that fall on the map: the ring shifted by −360, 0
    // and +360 degrees, each clipped to −180…180.
    QList<QPolygonF> pieces;
    for (const double shift : {-360.0, 0.0, 360.0}) {
        if (east + shift <= -180.0 || west + shift >= 180.0)
            continue;
        QPolygonF moved = unwrapped.translated(shift, 0.0);
        moved = clipVertical(clipVertical(moved, -180.0, false), 180.0, true);
        if (moved.size() >= 3)
            pieces.append(moved);
    }
    return pieces;
}

QList<QPolygonF> splitAtAntimeridian(const QList<domain::GeoPoint> &line)
{
    QList<QPolygonF> pieces;
    QPolygonF current;
    for (qsizetype i = 0; i < line.size(); ++i) {
        if (i > 0 && std::fabs(line[i].longitude - line[i - 1].longitude) > 180.0) {
            if (current.size() >= 2)
                pieces.append(current);
            current.clear();
        }
        current.append(QPointF(line[i].longitude, line[i].latitude));
    }
    if (current.size() >= 2)
        pieces.append(current);
    return pieces;
}

QPainterPath projectedPath(domain::Projection projection, const QList<QPolygonF> &polygons,
                           bool closed, double maxStepDegrees)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    const auto projectDegrees = [projection](QPointF p) {
        return domain::project(projection, domain::GeoPoint{p.y(), p.x()});
    };
    for (const QPolygonF &polygon : polygons) {
        if (polygon.size() < 2)
            continue;
        QPolygonF projected;
        projected.reserve(polygon.size());
        const qsizetype count = closed ? polygon.size() + 1 : polygon.size();
        projected.append(projectDegrees(polygon.first()));
        for (qsizetype i = 1; i < count; ++i) {
            const QPointF from = polygon[i - 1];
            const QPointF to = polygon[i % polygon.size()];
            const double span =
                std::max(std::fabs(to.x() - from.x()), std::fabs(to.y() - from.y()));
            const int steps =
                span > maxStepDegrees ? static_cast<int>(std::ceil(span / maxStepDegrees)) : 1;
            for (int s = 1; s <= steps; ++s)
                projected.append(projectDegrees(from + (to - from) * (double(s) / steps)));
        }
        path.addPolygon(projected);
        if (closed)
            path.closeSubpath();
    }
    return path;
}

QPolygonF clipPolygon(const QPolygonF &polygon, const QRectF &rect)
{
    QPolygonF out = clipAxis(polygon, rect.left(), true, false);
    out = clipAxis(out, rect.right(), true, true);
    out = clipAxis(out, rect.top(), false, false);
    return clipAxis(out, rect.bottom(), false, true);
}

QList<QPolygonF> clipPolyline(const QPolygonF &line, const QRectF &rect)
{
    QList<QPolygonF> pieces;
    QPolygonF current;
    for (qsizetype i = 1; i < line.size(); ++i) {
        // Liang–Barsky: the part t0…t1 of the segment inside the rectangle.
        const QPointF a = line[i - 1];
        const QPointF d = line[i] - a;
        double t0 = 0.0;
        double t1 = 1.0;
        const auto edge = [&](double p, double q) {
            if (p == 0.0)
                return q >= 0.0;
            const double r = q / p;
            if (p < 0.0) {
                if (r > t1)
                    return false;
                t0 = std::max(t0, r);
            } else {
                if (r < t0)
                    return false;
                t1 = std::min(t1, r);
            }
            return true;
        };
        const bool visible = edge(-d.x(), a.x() - rect.left()) &&
                             edge(d.x(), rect.right() - a.x()) &&
                             edge(-d.y(), a.y() - rect.top()) && edge(d.y(), rect.bottom() - a.y());
        if (!visible) {
            if (current.size() >= 2)
                pieces.append(current);
            current.clear();
            continue;
        }
        const QPointF from = a + d * t0;
        const QPointF to = a + d * t1;
        if (current.isEmpty() || current.last() != from) {
            if (current.size() >= 2)
                pieces.append(current);
            current = QPolygonF{from};
        }
        current.append(to);
    }
    if (current.size() >= 2)
        pieces.append(current);
    return pieces;
}

QList<domain::GeoPoint> greatCirclePoints(domain::GeoPoint from, domain::GeoPoint to,
                                          double stepDegrees)
{
    const auto toVector = [](domain::GeoPoint p) {
        const double lat = p.latitude * kDegToRad;
        const double lon = p.longitude * kDegToRad;
        return std::array<double, 3>{std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon),
                                     std::sin(lat)};
    };
    const std::array<double, 3> a = toVector(from);
    const std::array<double, 3> b = toVector(to);
    const double dot = std::clamp(a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1.0, 1.0);
    const double omega = std::acos(dot);
    if (omega < 1e-9)
        return {from, to};
    const int steps = std::max(1, static_cast<int>(std::ceil(omega / kDegToRad / stepDegrees)));
    const double sinOmega = std::sin(omega);
    QList<domain::GeoPoint> points;
    points.reserve(steps + 1);
    for (int i = 0; i <= steps; ++i) {
        const double t = double(i) / steps;
        // Spherical linear interpolation; antipodes (sin ω = 0) have no
        // single great circle and fall back to the straight blend.
        const double wa = sinOmega > 1e-9 ? std::sin((1.0 - t) * omega) / sinOmega : 1.0 - t;
        const double wb = sinOmega > 1e-9 ? std::sin(t * omega) / sinOmega : t;
        const double x = wa * a[0] + wb * b[0];
        const double y = wa * a[1] + wb * b[1];
        const double z = wa * a[2] + wb * b[2];
        points.append(domain::GeoPoint{std::atan2(z, std::hypot(x, y)) / kDegToRad,
                                       std::atan2(y, x) / kDegToRad});
    }
    points.first() = from;
    points.last() = to;
    return points;
}

} // namespace waddle::ui
