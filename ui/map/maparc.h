#pragma once

#include <QString>

namespace waddle::ui {

// What an arc between two regions stands for (SPEC §9, §10, §13 "arcs for
// failover and migration").
enum class MapArcKind
{
    Failover,  // sessions moved (or would move) off a broken region
    Migration, // a waddle moving to another region
};

// An arc from one region to another, by region code. Regions the map does
// not know, or knows no location for, draw no arc.
struct MapArc
{
    QString from;
    QString to;
    MapArcKind kind = MapArcKind::Failover;
    // 0…1: how much moves along it (share of sessions or members); sets the
    // line's weight and opacity.
    double weight = 1.0;

    friend bool operator==(const MapArc &, const MapArc &) = default;
};

} // namespace waddle::ui
