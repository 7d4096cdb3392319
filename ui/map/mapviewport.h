#pragma once

#include "domain/geo.h"
#include "domain/projection.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QTransform>

#include <optional>

namespace waddle::ui {

// The part of the world a view shows, in degrees. west > east when the view
// straddles the antimeridian never happens here: the map does not wrap.
struct GeoBounds
{
    double south = -90.0;
    double west = -180.0;
    double north = 90.0;
    double east = 180.0;

    [[nodiscard]] bool contains(domain::GeoPoint point) const;

    friend bool operator==(const GeoBounds &, const GeoBounds &) = default;
};

// Where the map looks and how close (after KDE Marble's ViewportParams): a
// value type that converts between geographic, projected (unit sphere, y
// north, see domain/projection.h) and screen coordinates (logical pixels,
// y down). It holds no GUI state, so every rule below is tested headless.
//
// Rules: at the minimum zoom the whole world fits the view with a small
// margin; the maximum zoom is kMaxZoom times that; panning is clamped so the
// world never leaves the view (when the world is larger than the view, at
// most half a view of empty space shows beside it).
class MapViewport
{
public:
    static constexpr double kMaxZoom = 64.0;
    // "Fit" never zooms closer than this, so fitting one city still shows
    // the country around it.
    static constexpr double kMaxFitZoom = 12.0;
    // Logical pixels kept free around the world at the minimum zoom.
    static constexpr double kWorldMargin = 12.0;

    explicit MapViewport(domain::Projection projection = domain::Projection::EqualEarth,
                         QSizeF size = QSizeF(800.0, 450.0));

    [[nodiscard]] domain::Projection projection() const { return m_projection; }
    // Changes the projection and shows the whole world again.
    void setProjection(domain::Projection projection);

    [[nodiscard]] QSizeF size() const { return m_size; }
    // Keeps the centre and the zoom factor (relative to the fitted world).
    void setSize(QSizeF size);

    [[nodiscard]] double devicePixelRatio() const { return m_devicePixelRatio; }
    // Only the backing images depend on it; logical coordinates do not.
    void setDevicePixelRatio(double ratio);

    // The projected point shown at the middle of the view.
    [[nodiscard]] QPointF centre() const { return m_centre; }
    void setCentre(QPointF projected);

    // Logical pixels per projected unit.
    [[nodiscard]] double scale() const { return m_scale; }
    void setScale(double scale);
    [[nodiscard]] double minScale() const;
    [[nodiscard]] double maxScale() const;
    // scale() / minScale(): 1 shows the whole world.
    [[nodiscard]] double zoom() const;

    [[nodiscard]] QRectF worldBounds() const; // projected units, y north

    // Projected ↔ screen.
    [[nodiscard]] QPointF projectedToScreen(QPointF projected) const;
    [[nodiscard]] QPointF screenToProjected(QPointF screen) const;
    // The painter transform from projected units to logical pixels.
    [[nodiscard]] QTransform transform() const;

    // Geographic ↔ screen; toGeo() is empty off the world.
    [[nodiscard]] QPointF toScreen(domain::GeoPoint point) const;
    [[nodiscard]] std::optional<domain::GeoPoint> toGeo(QPointF screen) const;

    // Multiplies the zoom by `factor` (clamped to the limits), keeping the
    // point under `screen` where it is.
    void zoomAt(QPointF screen, double factor);
    // Moves the map by `delta` logical pixels (a drag to the right moves the
    // map to the right).
    void pan(QPointF delta);
    // Shows the whole world.
    void fitWorld();
    // Shows every point with at least `margin` logical pixels to the edges
    // (the world when `points` is empty).
    void fit(const QList<domain::GeoPoint> &points, double margin = 40.0);

    // The visible rectangle in projected units (y north).
    [[nodiscard]] QRectF visibleProjectedRect() const;
    // The latitudes and longitudes the view shows (sampled along the view,
    // clamped to the world).
    [[nodiscard]] GeoBounds visibleGeoBounds() const;

    friend bool operator==(const MapViewport &, const MapViewport &) = default;

private:
    void clamp();

    domain::Projection m_projection;
    QSizeF m_size;
    double m_devicePixelRatio = 1.0;
    QPointF m_centre;
    double m_scale = 1.0;
};

} // namespace waddle::ui
