#pragma once

#include "domain/placement/locationgroup.h"
#include "domain/projection.h"
#include "maparc.h"
#include "maplayer.h"

#include <QList>
#include <QPolygonF>

#include <optional>

namespace waddle::ui {

// An arc between two places, with the region codes already looked up.
struct GeoArc
{
    domain::GeoPoint from;
    domain::GeoPoint to;
    MapArcKind kind = MapArcKind::Failover;
    double weight = 1.0; // 0…1

    friend bool operator==(const GeoArc &, const GeoArc &) = default;
};

// Great-circle arcs (SPEC §13): from where the selected waddle's members are
// to the region that serves them (opacity and weight by their share), and
// failover or migration arcs between regions (solid or dashed, with an
// arrow). Arcs are sampled along the great circle, cut at the antimeridian
// and projected once per projection.
class ArcLayer final : public MapLayer
{
public:
    // Members are pooled into cells of this many degrees, and only the
    // largest cells get an arc: thousands of hair-thin arcs say less than a
    // few dozen weighted ones.
    static constexpr double kMemberCellDegrees = 8.0;
    static constexpr double kMergeKm = 900.0;
    static constexpr int kMaxMemberArcs = 64;

    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 40.0; }

    // Arcs from `groups` to `target`; no target or no groups clear them.
    void setMemberArcs(const QList<domain::LocationGroup> &groups,
                       std::optional<domain::GeoPoint> target);
    [[nodiscard]] qsizetype memberArcCount() const { return m_memberArcs.size(); }
    // Hides the member arcs (with the member dots) but not the region arcs.
    void setShowsMemberArcs(bool show);

    void setRegionArcs(const QList<GeoArc> &arcs);
    [[nodiscard]] const QList<GeoArc> &regionArcs() const { return m_regionArcInput; }

    // Where along the region arcs their two arrows travel, 0…1 (a move in
    // progress flows from source to target). While there are region arcs
    // the layer is drawn every frame, not cached, so moving the arrows
    // repaints only the arcs.
    void setPhase(double phase);
    [[nodiscard]] double phase() const { return m_phase; }
    [[nodiscard]] bool isCacheable() const override { return m_regionArcs.isEmpty(); }

private:
    struct Arc
    {
        GeoArc geo;
        QList<QPolygonF> lonLat;    // degrees, cut at the antimeridian
        QList<QPolygonF> projected; // for m_projectedFor
    };

    static Arc makeArc(const GeoArc &geo);
    void ensureProjected(domain::Projection projection);
    void drawRegionArc(QPainter &painter, const Arc &arc, const QTransform &toScreen,
                       const QRectF &view) const;

    QList<Arc> m_memberArcs;
    QList<Arc> m_regionArcs;
    QList<GeoArc> m_regionArcInput;
    std::optional<domain::Projection> m_projectedFor;
    bool m_showsMemberArcs = true;
    // Arrows at 26 % and 66 % of the way when still (screenshots, tests).
    double m_phase = 0.7;
};

} // namespace waddle::ui
