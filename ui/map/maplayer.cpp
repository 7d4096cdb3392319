#include "maplayer.h"

namespace waddle::ui {

MapLayer::~MapLayer() = default;

void MapLayer::setVisible(bool visible)
{
    if (visible == m_visible)
        return;
    m_visible = visible;
    markChanged();
}

void MapLayer::setTheme(const MapTheme &theme)
{
    m_theme = theme;
    themeChanged();
    markChanged();
}

} // namespace waddle::ui
