#pragma once

#include "domain/geo.h"
#include "maplayer.h"

#include <QList>
#include <QRectF>

#include <optional>

namespace waddle::ui {

class MapViewport;

// Where the user is (SPEC §13 "location of the user"): a pin in the theme's
// foreground colour, a shape and hue no region status uses, labelled "You".
class UserLayer final : public MapLayer
{
public:
    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 60.0; }
    [[nodiscard]] bool isCacheable() const override { return false; }

    void setLocation(std::optional<domain::GeoPoint> location);
    [[nodiscard]] std::optional<domain::GeoPoint> location() const { return m_location; }

    // The pin's box on screen (empty without a location).
    [[nodiscard]] QRectF pinRect(const MapViewport &viewport) const;
    [[nodiscard]] bool contains(const MapViewport &viewport, QPointF point) const;
    // The pin and its label where they prefer to go, for labels below to
    // keep clear of.
    [[nodiscard]] QRectF footprint(const MapViewport &viewport) const;
    // Where the label must not go this frame (region markers and labels).
    void setObstacles(const QList<QRectF> &rects);

private:
    [[nodiscard]] QRectF labelBox(QPointF head) const;

    std::optional<domain::GeoPoint> m_location;
    QList<QRectF> m_obstacles;
};

} // namespace waddle::ui
