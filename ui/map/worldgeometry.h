#pragma once

#include "domain/projection.h"
#include "domain/worldmap.h"

#include <QHash>
#include <QList>
#include <QPainterPath>
#include <QPolygonF>
#include <QString>

#include <optional>

namespace waddle::ui {

// Natural Earth at two scales (SPEC §13): 1:110m while the whole world shows,
// 1:50m from kFineZoom on.
enum class MapDetail
{
    Coarse,
    Fine,
};

// The world's static geometry in projected units: land, country borders,
// graticule and the world's outline. Each path is projected once per
// projection and detail, on first use, and then only drawn with the
// viewport's transform; nothing re-projects 60,000 points a frame. Shared by
// the background, land and border layers of one renderer.
class WorldGeometry
{
public:
    // From this zoom on (relative to the whole world) the finer map shows.
    static constexpr double kFineZoom = 2.5;

    WorldGeometry();
    ~WorldGeometry();
    Q_DISABLE_COPY_MOVE(WorldGeometry)

    static MapDetail detailForZoom(double zoom);

    // Land rings in projected units, each with its bounding box, so a frame
    // can skip what is off screen.
    struct Ring
    {
        QPolygonF points;
        QRectF bounds;
    };
    const QList<Ring> &landRings(domain::Projection projection, MapDetail detail);
    // The land as one path (odd-even fill: lakes are holes); with `clip`,
    // only what lies in that rectangle of projected units, rings cut at its
    // edges.
    QPainterPath land(domain::Projection projection, MapDetail detail,
                      std::optional<QRectF> clip = std::nullopt);
    const QPainterPath &borders(domain::Projection projection, MapDetail detail);
    // Parallels and meridians every 30°, inside the outline.
    const QPainterPath &graticule(domain::Projection projection);
    // The world's edge: the meridians ±180° and the pole lines.
    const QPainterPath &outline(domain::Projection projection);

    // How many paths were projected so far (tests: a live update must not
    // project anything).
    [[nodiscard]] int pathsProjected() const { return m_pathsProjected; }

    // Why the map data could not be read (empty when it could).
    [[nodiscard]] QString error() const { return m_error; }

private:
    const domain::WorldMap &map(MapDetail detail);
    static int key(domain::Projection projection, MapDetail detail);

    std::optional<domain::WorldMap> m_coarse;
    std::optional<domain::WorldMap> m_fine;
    QHash<int, QList<Ring>> m_land;
    QHash<int, QPainterPath> m_borders;
    QHash<int, QPainterPath> m_graticule;
    QHash<int, QPainterPath> m_outline;
    QString m_error;
    int m_pathsProjected = 0;
};

} // namespace waddle::ui
