#include "mapviewport.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace waddle::ui {

bool GeoBounds::contains(domain::GeoPoint point) const
{
    return point.latitude >= south && point.latitude <= north && point.longitude >= west &&
           point.longitude <= east;
}

MapViewport::MapViewport(domain::Projection projection, QSizeF size)
    : m_projection(projection)
    , m_size(size)
{
    fitWorld();
}

void MapViewport::setProjection(domain::Projection projection)
{
    m_projection = projection;
    fitWorld();
}

void MapViewport::setSize(QSizeF size)
{
    if (size.width() < 1.0 || size.height() < 1.0)
        size = QSizeF(std::max(1.0, size.width()), std::max(1.0, size.height()));
    // Unchanged: keep the scale bit for bit (recomputing it from the zoom
    // could move it by an ulp, and a widget sets its size on every paint).
    if (size == m_size)
        return;
    const double zoomBefore = zoom();
    m_size = size;
    m_scale = minScale() * zoomBefore;
    clamp();
}

void MapViewport::setDevicePixelRatio(double ratio)
{
    m_devicePixelRatio = ratio > 0.0 ? ratio : 1.0;
}

void MapViewport::setCentre(QPointF projected)
{
    m_centre = projected;
    clamp();
}

void MapViewport::setScale(double scale)
{
    m_scale = scale;
    clamp();
}

double MapViewport::minScale() const
{
    const QRectF world = worldBounds();
    const double width = std::max(1.0, m_size.width() - 2.0 * kWorldMargin);
    const double height = std::max(1.0, m_size.height() - 2.0 * kWorldMargin);
    return std::min(width / world.width(), height / world.height());
}

double MapViewport::maxScale() const
{
    return minScale() * kMaxZoom;
}

double MapViewport::zoom() const
{
    return m_scale / minScale();
}

QRectF MapViewport::worldBounds() const
{
    return domain::worldBounds(m_projection);
}

QPointF MapViewport::projectedToScreen(QPointF p) const
{
    return {(p.x() - m_centre.x()) * m_scale + m_size.width() / 2.0,
            (m_centre.y() - p.y()) * m_scale + m_size.height() / 2.0};
}

QPointF MapViewport::screenToProjected(QPointF s) const
{
    return {m_centre.x() + (s.x() - m_size.width() / 2.0) / m_scale,
            m_centre.y() - (s.y() - m_size.height() / 2.0) / m_scale};
}

QTransform MapViewport::transform() const
{
    // x' = s·x + (w/2 − s·cx), y' = −s·y + (h/2 + s·cy)
    return QTransform(m_scale, 0.0, 0.0, -m_scale, m_size.width() / 2.0 - m_scale * m_centre.x(),
                      m_size.height() / 2.0 + m_scale * m_centre.y());
}

QPointF MapViewport::toScreen(domain::GeoPoint point) const
{
    return projectedToScreen(domain::project(m_projection, point));
}

std::optional<domain::GeoPoint> MapViewport::toGeo(QPointF screen) const
{
    return domain::unproject(m_projection, screenToProjected(screen));
}

void MapViewport::zoomAt(QPointF screen, double factor)
{
    if (!(factor > 0.0) || !std::isfinite(factor))
        return;
    const QPointF anchor = screenToProjected(screen);
    const double target = std::clamp(m_scale * factor, minScale(), maxScale());
    // Keep `anchor` under `screen`: solve projectedToScreen(anchor) = screen
    // for the centre at the new scale.
    m_scale = target;
    m_centre = QPointF(anchor.x() - (screen.x() - m_size.width() / 2.0) / m_scale,
                       anchor.y() + (screen.y() - m_size.height() / 2.0) / m_scale);
    clamp();
}

void MapViewport::pan(QPointF delta)
{
    m_centre -= QPointF(delta.x() / m_scale, -delta.y() / m_scale);
    clamp();
}

void MapViewport::fitWorld()
{
    m_scale = minScale();
    m_centre = worldBounds().center();
    clamp();
}

void MapViewport::fit(const QList<domain::GeoPoint> &points, double margin)
{
    if (points.isEmpty()) {
        fitWorld();
        return;
    }
    double left = std::numeric_limits<double>::max();
    double right = std::numeric_limits<double>::lowest();
    double bottom = left;
    double top = right;
    for (const domain::GeoPoint &point : points) {
        const QPointF p = domain::project(m_projection, point);
        left = std::min(left, p.x());
        right = std::max(right, p.x());
        bottom = std::min(bottom, p.y());
        top = std::max(top, p.y());
    }
    const double width = std::max(1.0, m_size.width() - 2.0 * margin);
    const double height = std::max(1.0, m_size.height() - 2.0 * margin);
    const double spanX = right - left;
    const double spanY = top - bottom;
    double scale = minScale() * kMaxFitZoom;
    if (spanX > 0.0)
        scale = std::min(scale, width / spanX);
    if (spanY > 0.0)
        scale = std::min(scale, height / spanY);
    m_scale = scale;
    m_centre = QPointF((left + right) / 2.0, (bottom + top) / 2.0);
    clamp();
}

QRectF MapViewport::visibleProjectedRect() const
{
    const double halfWidth = m_size.width() / 2.0 / m_scale;
    const double halfHeight = m_size.height() / 2.0 / m_scale;
    return QRectF(m_centre.x() - halfWidth, m_centre.y() - halfHeight, 2.0 * halfWidth,
                  2.0 * halfHeight);
}

GeoBounds MapViewport::visibleGeoBounds() const
{
    // Projections bend parallels and meridians, so the extremes of a
    // rectangle's image are not at its corners: sample a grid over the view
    // (clamped to the world) and take the extremes of what unprojects.
    const QRectF world = worldBounds();
    const QRectF view = visibleProjectedRect().intersected(world);
    if (view.isEmpty())
        return GeoBounds{0.0, 0.0, 0.0, 0.0};
    constexpr int kSteps = 24;
    GeoBounds bounds{90.0, 180.0, -90.0, -180.0};
    bool any = false;
    for (int i = 0; i <= kSteps; ++i) {
        for (int j = 0; j <= kSteps; ++j) {
            const QPointF p(view.left() + view.width() * i / kSteps,
                            view.top() + view.height() * j / kSteps);
            const std::optional<domain::GeoPoint> geo = domain::unproject(m_projection, p);
            if (!geo)
                continue;
            any = true;
            bounds.south = std::min(bounds.south, geo->latitude);
            bounds.north = std::max(bounds.north, geo->latitude);
            bounds.west = std::min(bounds.west, geo->longitude);
            bounds.east = std::max(bounds.east, geo->longitude);
        }
    }
    return any ? bounds : GeoBounds{0.0, 0.0, 0.0, 0.0};
}

void MapViewport::clamp()
{
    const double lo = minScale();
    const double hi = maxScale();
    if (!std::isfinite(m_scale) || m_scale < lo)
        m_scale = lo;
    if (m_scale > hi)
        m_scale = hi;

    // Per axis: a world smaller than the view stays wholly inside it; a
    // larger one may leave at most half a view (less near the fit) empty.
    const QRectF world = worldBounds();
    const auto clampAxis = [](double centre, double worldMid, double worldHalf, double viewHalf) {
        const double room =
            worldHalf <= viewHalf
                ? viewHalf - worldHalf
                : (worldHalf - viewHalf) + std::min(viewHalf / 2.0, worldHalf - viewHalf);
        return std::clamp(centre, worldMid - room, worldMid + room);
    };
    m_centre.setX(clampAxis(m_centre.x(), world.center().x(), world.width() / 2.0,
                            m_size.width() / 2.0 / m_scale));
    m_centre.setY(clampAxis(m_centre.y(), world.center().y(), world.height() / 2.0,
                            m_size.height() / 2.0 / m_scale));
}

} // namespace waddle::ui
