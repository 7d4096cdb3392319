#pragma once

#include "domain/geo.h"

#include <QPointF>
#include <QRectF>

#include <optional>

namespace waddle::domain {

// World map projections (issue 5: a good world projection, equirectangular
// only as an option). Coordinates are on the unit sphere with x east and y
// NORTH (the renderer flips y for the screen). Pure functions, so the map's
// geometry is tested without a display (STYLE.md, after KDE Marble).
enum class Projection
{
    // Šavrič, Patterson & Jenny (2018): equal-area, pleasing shapes, used by
    // NASA and the US Geological Survey for world maps.
    EqualEarth,
    // Plate carrée: x = λ, y = φ (radians).
    Equirectangular,
};

QString toString(Projection projection);
std::optional<Projection> projectionFromString(QStringView name);

// Per point, so no vector-state guard inside (issue 8, domain/cpustate.h): a
// `vzeroupper` per call cost 3–10 % of a million projections here. A caller
// projecting many points calls clearUpperVectorState() once before its loop;
// the map does it at paint entry, which covers its projections.
QPointF project(Projection projection, GeoPoint point);
// The point shown at `xy`, or nothing outside the map.
std::optional<GeoPoint> unproject(Projection projection, QPointF xy);
// The whole world's extent in projected units.
QRectF worldBounds(Projection projection);

} // namespace waddle::domain
