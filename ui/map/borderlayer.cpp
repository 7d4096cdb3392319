#include "borderlayer.h"

#include "mapviewport.h"
#include "worldgeometry.h"

#include <QPainter>

namespace waddle::ui {

BorderLayer::BorderLayer(std::shared_ptr<WorldGeometry> geometry)
    : m_geometry(std::move(geometry))
{}

void BorderLayer::render(QPainter &painter, const MapViewport &viewport)
{
    const QPainterPath &borders =
        m_geometry->borders(viewport.projection(), WorldGeometry::detailForZoom(viewport.zoom()));
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setTransform(viewport.transform(), true);
    QPen pen(theme().border, 0.7);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(borders);
    painter.restore();
}

} // namespace waddle::ui
