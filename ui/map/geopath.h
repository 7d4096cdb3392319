#pragma once

#include "domain/geo.h"
#include "domain/projection.h"

#include <QList>
#include <QPainterPath>
#include <QPolygonF>

namespace waddle::ui {

// Geometry helpers for the map layers: Natural Earth outlines and
// great-circle arcs, turned into paths in projected units (y north) that the
// layers build once per projection and draw with the viewport's transform.
//
// Polygons here are in degrees with x = longitude, y = latitude.

// A land ring as drawable polygons: a ring that crosses the antimeridian is
// cut there into one piece per side, a ring around a pole (Antarctica) is
// closed along the pole, and a degenerate ring (no latitude extent) is
// dropped.
QList<QPolygonF> landRingPolygons(const QList<domain::GeoPoint> &ring);

// An open line cut where it jumps across the antimeridian.
QList<QPolygonF> splitAtAntimeridian(const QList<domain::GeoPoint> &line);

// Projects the polygons into one path; segments longer than `maxStepDegrees`
// are divided first so that edges along a meridian or the pole follow the
// projection's curve.
QPainterPath projectedPath(domain::Projection projection, const QList<QPolygonF> &polygons,
                           bool closed, double maxStepDegrees = 2.0);

// Points along the shorter great circle from `from` to `to`, about one every
// `stepDegrees` of arc (at least two).
QList<domain::GeoPoint> greatCirclePoints(domain::GeoPoint from, domain::GeoPoint to,
                                          double stepDegrees = 2.0);

// A polygon clipped to a rectangle (Sutherland–Hodgman): what the raster
// engine would otherwise walk edge by edge off screen. Edges along the
// rectangle appear where the polygon was cut; keep the rectangle a little
// larger than the view so they stay out of sight.
QPolygonF clipPolygon(const QPolygonF &polygon, const QRectF &rect);

// The parts of a polyline inside a rectangle (Liang–Barsky per segment).
QList<QPolygonF> clipPolyline(const QPolygonF &line, const QRectF &rect);

} // namespace waddle::ui
