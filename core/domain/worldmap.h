#pragma once

#include "domain/geo.h"
#include "domain/result.h"

#include <QByteArray>
#include <QList>

namespace waddle::domain {

// Natural Earth land and borders in the compact form made by
// resources/map/convert-topojson.py: land outlines as closed rings, and the
// borders two countries share as open lines, in degrees.
struct WorldMap
{
    QList<QList<GeoPoint>> land;
    QList<QList<GeoPoint>> borders;
};

// Reads "WMAP" version 1. A truncated or foreign file is an error that says
// where it went wrong, never a partial map.
Result<WorldMap> parseWorldMap(const QByteArray &data);

} // namespace waddle::domain
