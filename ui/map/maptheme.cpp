#include "maptheme.h"

#include <QGuiApplication>

#include <algorithm>

namespace waddle::ui {

namespace {

QFont labelFont()
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(std::max(8.0, font.pointSizeF() * 0.95));
    return font;
}

} // namespace

// Quiet land and water so the status colours (Okabe–Ito, statusstyle.cpp)
// are the loudest thing on the map; members and arcs are blue and purple,
// hues no status uses.
MapTheme MapTheme::light()
{
    MapTheme theme;
    theme.dark = false;
    theme.space = QColor(0xf4, 0xf5, 0xf7);
    theme.ocean = QColor(0xdc, 0xe6, 0xee);
    theme.graticule = QColor(0x9a, 0xab, 0xba, 70);
    theme.outline = QColor(0xa7, 0xb4, 0xc0);
    theme.land = QColor(0xfb, 0xfa, 0xf7);
    theme.coast = QColor(0xa9, 0xb3, 0xbc);
    theme.border = QColor(0xc3, 0xc9, 0xcf);
    theme.member = QColor(0x1f, 0x5f, 0xbf);
    theme.memberOutline = QColor(0xff, 0xff, 0xff, 230);
    theme.arc = QColor(0xa8, 0x3e, 0x8c);
    theme.text = QColor(0x1d, 0x22, 0x29);
    theme.halo = QColor(0xff, 0xff, 0xff, 225);
    theme.selection = QColor(0x1d, 0x22, 0x29);
    theme.user = QColor(0x2b, 0x2f, 0x36);
    theme.markerOutline = QColor(0x20, 0x20, 0x20);
    theme.font = labelFont();
    return theme;
}

MapTheme MapTheme::darkTheme()
{
    MapTheme theme;
    theme.dark = true;
    theme.space = QColor(0x14, 0x17, 0x1c);
    theme.ocean = QColor(0x1a, 0x23, 0x2e);
    theme.graticule = QColor(0x6f, 0x85, 0x9b, 45);
    theme.outline = QColor(0x3a, 0x4a, 0x5b);
    theme.land = QColor(0x2c, 0x33, 0x3c);
    theme.coast = QColor(0x46, 0x52, 0x5f);
    theme.border = QColor(0x41, 0x4b, 0x57);
    theme.member = QColor(0x6c, 0xb6, 0xff);
    theme.memberOutline = QColor(0x0b, 0x12, 0x1c, 230);
    theme.arc = QColor(0xe0, 0x8c, 0xc8);
    theme.text = QColor(0xe8, 0xec, 0xf1);
    theme.halo = QColor(0x14, 0x17, 0x1c, 215);
    theme.selection = QColor(0xf2, 0xf4, 0xf7);
    theme.user = QColor(0xf2, 0xf4, 0xf7);
    theme.markerOutline = QColor(0xe8, 0xec, 0xf1);
    theme.font = labelFont();
    return theme;
}

MapTheme MapTheme::forDark(bool dark)
{
    return dark ? darkTheme() : light();
}

} // namespace waddle::ui
