#include "landlayer.h"

#include "mapviewport.h"
#include "worldgeometry.h"

#include <QPainter>

namespace waddle::ui {

LandLayer::LandLayer(std::shared_ptr<WorldGeometry> geometry)
    : m_geometry(std::move(geometry))
{}

void LandLayer::render(QPainter &painter, const MapViewport &viewport)
{
    // Only the land in view (and a few pixels around it, so the cuts stay out
    // of sight): zoomed in, the raster engine would otherwise walk all of the
    // 1:50m coast for every band of the screen.
    const double margin = 4.0 / viewport.scale();
    const QRectF visible =
        viewport.visibleProjectedRect().adjusted(-margin, -margin, margin, margin);
    const QPainterPath land = m_geometry->land(
        viewport.projection(), WorldGeometry::detailForZoom(viewport.zoom()), visible);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setTransform(viewport.transform(), true);
    QPen coast(theme().coast, 0.8);
    coast.setCosmetic(true);
    painter.setPen(coast);
    painter.setBrush(theme().land);
    painter.drawPath(land);
    painter.restore();
}

} // namespace waddle::ui
