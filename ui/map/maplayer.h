#pragma once

#include "maptheme.h"

#include <QtGlobal>

class QPainter;

namespace waddle::ui {

class MapViewport;

// One independent layer of the map (after KDE Marble's LayerInterface): the
// renderer paints its layers in zValue() order, each with the same painter
// (logical pixels) and viewport. A layer keeps whatever it can reuse between
// frames (projected paths, sprites) and says when its picture changed, so
// the renderer can keep the layers below the live ones as one cached image.
class MapLayer
{
public:
    MapLayer() = default;
    virtual ~MapLayer();
    Q_DISABLE_COPY_MOVE(MapLayer)

    virtual void render(QPainter &painter, const MapViewport &viewport) = 0;
    [[nodiscard]] virtual double zValue() const = 0;
    // True when the picture depends only on the viewport, the theme and
    // revision(): such layers may be cached as one image.
    [[nodiscard]] virtual bool isCacheable() const { return true; }

    [[nodiscard]] bool isVisible() const { return m_visible; }
    void setVisible(bool visible);

    [[nodiscard]] const MapTheme &theme() const { return m_theme; }
    void setTheme(const MapTheme &theme);

    // Grows whenever what the layer draws changes for the same viewport.
    [[nodiscard]] quint64 revision() const { return m_revision; }

protected:
    void markChanged() { ++m_revision; }
    virtual void themeChanged() {}

private:
    MapTheme m_theme = MapTheme::light();
    quint64 m_revision = 0;
    bool m_visible = true;
};

} // namespace waddle::ui
