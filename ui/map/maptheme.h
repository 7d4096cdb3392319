#pragma once

#include <QColor>
#include <QFont>

namespace waddle::ui {

// The map's colours for a light or a dark desktop. Status colours are not
// here: markers always use ui/common/statusstyle.h, so a status looks the
// same on the map, in tables and in the details panel.
struct MapTheme
{
    bool dark = false;
    QColor space;     // outside the world's outline
    QColor ocean;     // inside it
    QColor graticule; // parallels and meridians every 30°
    QColor outline;   // the world's edge
    QColor land;
    QColor coast;         // land outline
    QColor border;        // country borders
    QColor member;        // member dots and their arcs
    QColor memberOutline; // the ring around a member dot
    QColor arc;           // failover and migration arcs between regions
    QColor text;          // labels
    QColor halo;          // behind labels
    QColor selection;     // ring around the selected region
    QColor user;          // the user's location glyph
    QColor markerOutline;
    QFont font;

    static MapTheme light();
    static MapTheme darkTheme();
    static MapTheme forDark(bool dark);
};

} // namespace waddle::ui
