#include "backgroundlayer.h"

#include "mapviewport.h"
#include "worldgeometry.h"

#include <QPainter>

namespace waddle::ui {

BackgroundLayer::BackgroundLayer(std::shared_ptr<WorldGeometry> geometry)
    : m_geometry(std::move(geometry))
{}

void BackgroundLayer::setShowsGraticule(bool show)
{
    if (show == m_graticule)
        return;
    m_graticule = show;
    markChanged();
}

void BackgroundLayer::render(QPainter &painter, const MapViewport &viewport)
{
    painter.fillRect(QRectF(QPointF(0, 0), viewport.size()), theme().space);

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setTransform(viewport.transform(), true);
    const QPainterPath &outline = m_geometry->outline(viewport.projection());
    painter.setPen(Qt::NoPen);
    painter.setBrush(theme().ocean);
    painter.drawPath(outline);
    if (m_graticule) {
        QPen pen(theme().graticule, 1.0);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(m_geometry->graticule(viewport.projection()));
    }
    QPen edge(theme().outline, 1.2);
    edge.setCosmetic(true);
    painter.setPen(edge);
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(outline);
    painter.restore();
}

} // namespace waddle::ui
