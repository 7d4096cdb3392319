#pragma once

#include "domain/latency.h"
#include "domain/region.h"

#include <QColor>
#include <QPointF>
#include <QString>

class QPainter;
class QPalette;

namespace waddle::ui {

// How a status is shown: colour AND shape AND words (SPEC §4, §13; Grafana
// #124055: outlines for colour-blind users). Colours are from the Okabe–Ito
// palette, which stays distinct under the common colour-vision deficiencies.
enum class MarkerShape
{
    Circle,
    Diamond,
    Triangle,
    Square,
    Cross,
    Ring
};

struct StatusStyle
{
    QColor fill;
    QColor outline;
    MarkerShape shape = MarkerShape::Circle;
    QString label; // translated word: "Online", "Degraded", "Excellent", ...
};

StatusStyle styleFor(domain::RegionStatus status);
StatusStyle styleFor(domain::LatencyQuality quality);
// The same, readable on `palette`'s background: on a dark one the outline
// turns light, so the shape still reads there (Grafana #124055).
StatusStyle styleFor(domain::RegionStatus status, const QPalette &palette);
StatusStyle styleFor(domain::LatencyQuality quality, const QPalette &palette);

// Draws the marker centred on `centre`, `radius` in device-independent
// pixels, antialiased, with a contrasting outline.
void drawMarker(QPainter &painter, QPointF centre, double radius, const StatusStyle &style);

} // namespace waddle::ui
