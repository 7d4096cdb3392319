#pragma once

#include "domain/health.h"
#include "domain/placement/locationgroup.h"
#include "domain/region.h"
#include "maparc.h"
#include "maptheme.h"
#include "mapviewport.h"
#include "memberlayer.h"

#include <QImage>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QPainter;

namespace waddle::ui {

class ArcLayer;
class BackgroundLayer;
class BorderLayer;
class LandLayer;
class LegendLayer;
class MapLayer;
class RegionLayer;
class UserLayer;
class WorldGeometry;

// Paints the world map of voice regions into any QPainter (after KDE
// Marble's MarbleMap): a widget, a QImage for a screenshot or a benchmark.
// It owns the viewport and the layers, in zValue() order:
//   background (ocean, graticule, outline) 0, land 10, borders 20,
//   members 30, arcs 40, regions 50, user 60, legend 70.
// The layers below the first live one (regions) are kept as one image for
// the current viewport and theme, so a health update repaints a few markers
// over a cached picture instead of the whole world.
class MapRenderer final
{
public:
    MapRenderer();
    ~MapRenderer();
    Q_DISABLE_COPY_MOVE(MapRenderer)

    [[nodiscard]] const MapViewport &viewport() const { return m_viewport; }
    MapViewport &viewport() { return m_viewport; }
    void setViewport(const MapViewport &viewport);
    // Logical size and device pixel ratio of what is painted on.
    void setSize(QSizeF size, double devicePixelRatio = 1.0);
    void setProjection(domain::Projection projection);

    [[nodiscard]] bool isDark() const { return m_theme.dark; }
    void setDark(bool dark);
    [[nodiscard]] const MapTheme &theme() const { return m_theme; }
    void setTheme(const MapTheme &theme);

    // Paints a whole frame of viewport().size() logical pixels from (0, 0).
    void render(QPainter &painter);
    // The same into a new image (ARGB32_Premultiplied, size × ratio).
    [[nodiscard]] QImage renderImage();

    // Off: every frame paints every layer (benchmarks of full frames).
    void setCachingEnabled(bool enabled);
    [[nodiscard]] bool isCachingEnabled() const { return m_caching; }
    // How often the cached layers were painted again (tests: a health update
    // must not repaint land, members or arcs).
    [[nodiscard]] int cacheRebuilds() const { return m_cacheRebuilds; }

    // Data.
    void setRegions(const QList<domain::Region> &regions);
    [[nodiscard]] const QList<domain::Region> &regions() const;
    void setRegionHealth(const domain::RegionHealth &health);
    [[nodiscard]] std::optional<domain::RegionHealth> regionHealth(const QString &code) const;
    void setSelectedRegion(const QString &code);
    [[nodiscard]] QString selectedRegion() const;
    // Members of the selected waddle and the region serving them (arcs to
    // it); an empty list clears both.
    void setMembers(const QList<domain::LocationGroup> &groups, const QString &currentRegion);
    void setMemberDisplay(MemberDisplay display);
    [[nodiscard]] MemberDisplay memberDisplay() const;
    void setMembersVisible(bool visible);
    void setArcs(const QList<MapArc> &arcs);
    [[nodiscard]] const QList<MapArc> &arcs() const { return m_arcs; }
    void setUserLocation(std::optional<domain::GeoPoint> location);
    [[nodiscard]] std::optional<domain::GeoPoint> userLocation() const;

    // Hit tests, in logical pixels of the current viewport.
    [[nodiscard]] QString regionAt(QPointF point) const;
    [[nodiscard]] bool isUserLocationAt(QPointF point) const;
    [[nodiscard]] std::optional<QPointF> regionPosition(const QString &code) const;

    // What "fit all" shows: every placed region, the user and the members.
    [[nodiscard]] QList<domain::GeoPoint> fitPoints() const;
    void fitAll(double margin = 48.0);

    // The layers, bottom first.
    [[nodiscard]] QList<MapLayer *> layers() const;
    BackgroundLayer &backgroundLayer() { return *m_background; }
    LandLayer &landLayer() { return *m_land; }
    BorderLayer &borderLayer() { return *m_borders; }
    MemberLayer &memberLayer() { return *m_members; }
    ArcLayer &arcLayer() { return *m_arcLayer; }
    RegionLayer &regionLayer() { return *m_regions; }
    [[nodiscard]] const RegionLayer &regionLayer() const { return *m_regions; }
    UserLayer &userLayer() { return *m_user; }
    LegendLayer &legendLayer() { return *m_legend; }
    [[nodiscard]] WorldGeometry &geometry() { return *m_geometry; }

private:
    void updateRegionArcs();
    void updateMemberArcs();
    [[nodiscard]] std::optional<domain::GeoPoint> regionPoint(const QString &code) const;

    struct CacheKey
    {
        MapViewport viewport;
        std::vector<quint64> revisions;
        std::vector<bool> visible;
        friend bool operator==(const CacheKey &, const CacheKey &) = default;
    };

    MapViewport m_viewport;
    MapTheme m_theme;
    std::shared_ptr<WorldGeometry> m_geometry;
    std::unique_ptr<BackgroundLayer> m_background;
    std::unique_ptr<LandLayer> m_land;
    std::unique_ptr<BorderLayer> m_borders;
    std::unique_ptr<MemberLayer> m_members;
    std::unique_ptr<ArcLayer> m_arcLayer;
    std::unique_ptr<RegionLayer> m_regions;
    std::unique_ptr<UserLayer> m_user;
    std::unique_ptr<LegendLayer> m_legend;
    QList<MapLayer *> m_ordered;

    QList<MapArc> m_arcs;
    QList<domain::LocationGroup> m_memberGroups;
    QString m_memberRegion;
    std::optional<domain::GeoPoint> m_memberArcTarget;
    bool m_memberArcsDone = false;

    bool m_caching = true;
    QImage m_cache;
    std::optional<CacheKey> m_cacheKey;
    int m_cacheRebuilds = 0;
};

} // namespace waddle::ui
