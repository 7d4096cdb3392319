#pragma once

#include "domain/health.h"
#include "domain/region.h"
#include "maplayer.h"
#include "mapviewport.h"

#include <QHash>
#include <QList>
#include <QRectF>
#include <QSet>
#include <QString>

#include <optional>

namespace waddle::ui {

// The voice regions (SPEC §13): a marker per region whose colour AND shape
// say its status (ui/common/statusstyle.h), whose size says its load, with a
// label (code and load, plus the status word when not online) placed to
// avoid other labels and markers, and a ring around the selected region.
// Live: health updates change only this layer, which is drawn every frame
// over the cached layers below it.
class RegionLayer final : public MapLayer
{
public:
    // Marker radius in logical pixels from idle to full.
    static constexpr double kMinRadius = 6.0;
    static constexpr double kMaxRadius = 11.0;
    // A region in trouble is never drawn smaller than this, whatever its
    // load: an offline region has none, and is the one to see first.
    static constexpr double kTroubleRadius = 8.5;

    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 50.0; }
    [[nodiscard]] bool isCacheable() const override { return false; }

    void setRegions(const QList<domain::Region> &regions);
    [[nodiscard]] const QList<domain::Region> &regions() const { return m_regions; }
    [[nodiscard]] const domain::Region *region(QStringView code) const;

    // The latest health of one region; it overrides the region's own status
    // and load figures.
    void setHealth(const domain::RegionHealth &health);
    [[nodiscard]] std::optional<domain::RegionHealth> health(const QString &code) const;

    void setSelected(const QString &code);
    [[nodiscard]] const QString &selected() const { return m_selected; }

    // The data is stale (the server is not answering): markers are drawn
    // greyed and hollow with a dashed edge, and labels say "last known" —
    // by shape and words as well as colour (issue 10).
    void setStale(bool stale);
    [[nodiscard]] bool isStale() const { return m_stale; }

    // The regions being drained (a failover moving their waddles away):
    // greyed inside a dashed ring, labelled "draining" (issue 13).
    void setDraining(const QSet<QString> &codes);
    [[nodiscard]] const QSet<QString> &draining() const { return m_draining; }

    // What the marker shows: health when there is some, else the region's.
    [[nodiscard]] domain::RegionStatus statusOf(const domain::Region &region) const;
    [[nodiscard]] double utilisationOf(const domain::Region &region) const;
    static double markerRadius(double utilisation);
    [[nodiscard]] double radiusOf(const domain::Region &region) const;

    // Where a region's marker is; empty for an unknown code or a region
    // without a location.
    [[nodiscard]] std::optional<QPointF> markerPosition(const MapViewport &viewport,
                                                        const QString &code) const;
    // The region whose marker (or label, as last drawn) is at `point`;
    // empty when none. The nearest marker wins where they overlap.
    [[nodiscard]] QString regionAt(const MapViewport &viewport, QPointF point) const;

    [[nodiscard]] QString labelText(const domain::Region &region) const;

    // Places labels must keep clear of this frame (the user's pin).
    void setExtraObstacles(const QList<QRectF> &rects);
    // Each region's label box as last drawn.
    [[nodiscard]] const QHash<QString, QRectF> &labelRects() const { return m_labelRects; }
    // Markers and labels as last drawn, for layers above to avoid.
    [[nodiscard]] QList<QRectF> occupiedRects() const;

private:
    QList<domain::Region> m_regions;
    QHash<QString, domain::RegionHealth> m_health;
    QString m_selected;
    bool m_stale = false;
    QSet<QString> m_draining;
    // The labels as last laid out, for hit tests, and the view they were for.
    QHash<QString, QRectF> m_labelRects;
    QList<QRectF> m_markerRects;
    QList<QRectF> m_extraObstacles;
    std::optional<MapViewport> m_labelViewport;
};

} // namespace waddle::ui
