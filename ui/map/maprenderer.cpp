#include "maprenderer.h"

#include "arclayer.h"
#include "backgroundlayer.h"
#include "borderlayer.h"
#include "domain/cpustate.h"
#include "landlayer.h"
#include "legendlayer.h"
#include "regionlayer.h"
#include "userlayer.h"
#include "worldgeometry.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>

namespace waddle::ui {

MapRenderer::MapRenderer()
    : m_theme(MapTheme::light())
    , m_geometry(std::make_shared<WorldGeometry>())
    , m_background(std::make_unique<BackgroundLayer>(m_geometry))
    , m_land(std::make_unique<LandLayer>(m_geometry))
    , m_borders(std::make_unique<BorderLayer>(m_geometry))
    , m_members(std::make_unique<MemberLayer>())
    , m_arcLayer(std::make_unique<ArcLayer>())
    , m_regions(std::make_unique<RegionLayer>())
    , m_user(std::make_unique<UserLayer>())
    , m_legend(std::make_unique<LegendLayer>())
{
    m_ordered = {m_background.get(), m_land.get(),    m_borders.get(), m_members.get(),
                 m_arcLayer.get(),   m_regions.get(), m_user.get(),    m_legend.get()};
    std::stable_sort(m_ordered.begin(), m_ordered.end(), [](const MapLayer *a, const MapLayer *b) {
        return a->zValue() < b->zValue();
    });
    setTheme(m_theme);
}

MapRenderer::~MapRenderer() = default;

void MapRenderer::setViewport(const MapViewport &viewport)
{
    m_viewport = viewport;
}

void MapRenderer::setSize(QSizeF size, double devicePixelRatio)
{
    m_viewport.setSize(size);
    m_viewport.setDevicePixelRatio(devicePixelRatio);
}

void MapRenderer::setProjection(domain::Projection projection)
{
    if (projection != m_viewport.projection())
        m_viewport.setProjection(projection);
}

void MapRenderer::setDark(bool dark)
{
    if (dark != m_theme.dark)
        setTheme(MapTheme::forDark(dark));
}

void MapRenderer::setTheme(const MapTheme &theme)
{
    m_theme = theme;
    for (MapLayer *layer : std::as_const(m_ordered))
        layer->setTheme(theme);
}

void MapRenderer::setCachingEnabled(bool enabled)
{
    m_caching = enabled;
    if (!enabled) {
        m_cache = QImage();
        m_cacheKey.reset();
    }
}

void MapRenderer::render(QPainter &painter)
{
    domain::clearUpperVectorState(); // the frame's float math at full speed (issue 8)
    // The cacheable layers below the first live one.
    qsizetype split = 0;
    while (split < m_ordered.size() && m_ordered[split]->isCacheable())
        ++split;

    painter.save();
    painter.setClipRect(QRectF(QPointF(0, 0), m_viewport.size()));
    if (m_caching && split > 0) {
        CacheKey key{m_viewport, {}, {}};
        for (qsizetype i = 0; i < split; ++i) {
            key.revisions.push_back(m_ordered[i]->revision());
            key.visible.push_back(m_ordered[i]->isVisible());
        }
        if (!m_cacheKey || !(*m_cacheKey == key) || m_cache.isNull()) {
            const double ratio = m_viewport.devicePixelRatio();
            const QSize pixels = (m_viewport.size() * ratio).toSize().expandedTo(QSize(1, 1));
            if (m_cache.size() != pixels)
                m_cache = QImage(pixels, QImage::Format_ARGB32_Premultiplied);
            m_cache.setDevicePixelRatio(ratio);
            m_cache.fill(Qt::transparent);
            QPainter cachePainter(&m_cache);
            for (qsizetype i = 0; i < split; ++i) {
                if (m_ordered[i]->isVisible())
                    m_ordered[i]->render(cachePainter, m_viewport);
            }
            cachePainter.end();
            m_cacheKey = key;
            ++m_cacheRebuilds;
        }
        painter.drawImage(QPointF(0, 0), m_cache);
    } else {
        for (qsizetype i = 0; i < split; ++i) {
            if (m_ordered[i]->isVisible())
                m_ordered[i]->render(painter, m_viewport);
        }
    }
    // The two label-carrying layers keep out of each other's way: region
    // labels avoid the user's pin, and the pin's label avoids them.
    m_regions->setExtraObstacles({m_user->footprint(m_viewport)});
    for (qsizetype i = split; i < m_ordered.size(); ++i) {
        if (m_ordered[i] == m_user.get())
            m_user->setObstacles(m_regions->occupiedRects());
        if (m_ordered[i]->isVisible())
            m_ordered[i]->render(painter, m_viewport);
    }
    painter.restore();
}

QImage MapRenderer::renderImage()
{
    const double ratio = m_viewport.devicePixelRatio();
    QImage image((m_viewport.size() * ratio).toSize().expandedTo(QSize(1, 1)),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(m_theme.space);
    QPainter painter(&image);
    render(painter);
    painter.end();
    return image;
}

void MapRenderer::setRegions(const QList<domain::Region> &regions)
{
    if (regions == m_regions->regions())
        return;
    m_regions->setRegions(regions);
    updateRegionArcs();
    updateMemberArcs();
}

const QList<domain::Region> &MapRenderer::regions() const
{
    return m_regions->regions();
}

void MapRenderer::setRegionHealth(const domain::RegionHealth &health)
{
    m_regions->setHealth(health);
}

std::optional<domain::RegionHealth> MapRenderer::regionHealth(const QString &code) const
{
    return m_regions->health(code);
}

void MapRenderer::setSelectedRegion(const QString &code)
{
    m_regions->setSelected(code);
}

QString MapRenderer::selectedRegion() const
{
    return m_regions->selected();
}

void MapRenderer::setMembers(const QList<domain::LocationGroup> &groups,
                             const QString &currentRegion)
{
    m_memberGroups = groups;
    m_memberRegion = groups.isEmpty() ? QString() : currentRegion;
    m_members->setGroups(groups);
    // Plural-free wording: without a loaded translation "%n member(s)"
    // would show as written.
    const qint64 members = domain::totalMembers(groups);
    QString caption;
    if (!groups.isEmpty()) {
        caption = m_memberRegion.isEmpty()
                      ? QCoreApplication::translate("waddle::ui::MapRenderer", "Members: %L1")
                            .arg(members)
                      : QCoreApplication::translate("waddle::ui::MapRenderer",
                                                    "Members: %L1, lines to %2")
                            .arg(members)
                            .arg(m_memberRegion);
    }
    m_legend->setMemberCaption(caption);
    m_memberArcTarget.reset();
    m_memberArcsDone = false;
    updateMemberArcs();
}

void MapRenderer::setMemberDisplay(MemberDisplay display)
{
    m_members->setDisplay(display);
}

MemberDisplay MapRenderer::memberDisplay() const
{
    return m_members->display();
}

void MapRenderer::setMembersVisible(bool visible)
{
    m_members->setVisible(visible);
    m_arcLayer->setShowsMemberArcs(visible);
}

void MapRenderer::setArcs(const QList<MapArc> &arcs)
{
    m_arcs = arcs;
    updateRegionArcs();
}

void MapRenderer::setUserLocation(std::optional<domain::GeoPoint> location)
{
    m_user->setLocation(location);
}

std::optional<domain::GeoPoint> MapRenderer::userLocation() const
{
    return m_user->location();
}

QString MapRenderer::regionAt(QPointF point) const
{
    return m_regions->regionAt(m_viewport, point);
}

bool MapRenderer::isUserLocationAt(QPointF point) const
{
    return m_user->contains(m_viewport, point);
}

std::optional<QPointF> MapRenderer::regionPosition(const QString &code) const
{
    return m_regions->markerPosition(m_viewport, code);
}

QList<domain::GeoPoint> MapRenderer::fitPoints() const
{
    QList<domain::GeoPoint> points;
    for (const domain::Region &region : m_regions->regions()) {
        if (region.locationKnown)
            points.append({region.location.latitude, region.location.longitude});
    }
    if (const std::optional<domain::GeoPoint> user = m_user->location())
        points.append(*user);
    if (m_members->isVisible()) {
        for (const domain::LocationGroup &group : m_memberGroups)
            points.append(group.point);
    }
    return points;
}

void MapRenderer::fitAll(double margin)
{
    m_viewport.fit(fitPoints(), margin);
}

QList<MapLayer *> MapRenderer::layers() const
{
    return m_ordered;
}

std::optional<domain::GeoPoint> MapRenderer::regionPoint(const QString &code) const
{
    const domain::Region *region = m_regions->region(code);
    if (!region || !region->locationKnown)
        return std::nullopt;
    return domain::GeoPoint{region->location.latitude, region->location.longitude};
}

void MapRenderer::updateRegionArcs()
{
    QList<GeoArc> resolved;
    for (const MapArc &arc : std::as_const(m_arcs)) {
        const std::optional<domain::GeoPoint> from = regionPoint(arc.from);
        const std::optional<domain::GeoPoint> to = regionPoint(arc.to);
        if (from && to && arc.from != arc.to)
            resolved.append(GeoArc{*from, *to, arc.kind, arc.weight});
    }
    m_arcLayer->setRegionArcs(resolved);
}

void MapRenderer::updateMemberArcs()
{
    // Pooling the members into arcs is only redone when they or the place
    // of their region changed, not on every region update.
    const std::optional<domain::GeoPoint> target =
        m_memberRegion.isEmpty() ? std::nullopt : regionPoint(m_memberRegion);
    if (m_memberArcsDone && target == m_memberArcTarget)
        return;
    m_arcLayer->setMemberArcs(m_memberGroups, target);
    m_memberArcTarget = target;
    m_memberArcsDone = true;
}

} // namespace waddle::ui
