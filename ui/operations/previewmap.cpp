#include "previewmap.h"

#include "previewtable.h"
#include "ui/map/arclayer.h"
#include "ui/map/legendlayer.h"
#include "ui/map/mapviewport.h"
#include "ui/map/regionlayer.h"
#include "ui/theme.h"

#include <QFontMetricsF>
#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace waddle::ui {

using namespace waddle::domain;

namespace {} // namespace

PreviewMap::PreviewMap(QWidget *parent)
    : QWidget(parent)
{
    // The status legend would cover the places; arcs and regions are drawn
    // by hand above the member dots (paintEvent).
    m_renderer.legendLayer().setVisible(false);
    m_renderer.arcLayer().setVisible(false);
    m_renderer.regionLayer().setVisible(false);
    setObjectName(QStringLiteral("previewMap"));
    setAccessibleName(tr("Map of who gets faster or slower"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

PreviewMap::~PreviewMap() = default;

void PreviewMap::setRegions(const QList<Region> &regions)
{
    m_renderer.setRegions(regions);
    m_fittedFor = {};
    update();
}

void PreviewMap::showPreview(const QStringList &sources, const QString &target,
                             const MigrationPreview &preview)
{
    m_sources = sources;
    m_target = target;
    m_places.clear();
    for (const PreviewGroup &group : preview.groups) {
        if (group.point && group.members > 0)
            m_places.append(group);
    }
    // Smallest last, so a small place stays visible over a big one.
    std::stable_sort(
        m_places.begin(), m_places.end(),
        [](const PreviewGroup &a, const PreviewGroup &b) { return a.members > b.members; });
    QList<MapArc> arcs;
    for (const QString &source : sources)
        arcs.append(MapArc{source, target, MapArcKind::Migration, 1.0});
    m_renderer.setArcs(arcs);
    m_renderer.setSelectedRegion(target);
    m_fittedFor = {};
    setToolTip(m_places.isEmpty()
                   ? tr("No member locations to show")
                   : tr("%n place(s): green dots get faster, orange slower, grey stay the same",
                        nullptr, static_cast<int>(m_places.size())));
    update();
}

void PreviewMap::clear()
{
    showPreview({}, {}, {});
}

void PreviewMap::fit()
{
    // The regions that take part and the places, with room for the dots.
    QList<GeoPoint> points;
    for (const QString &code : m_sources + QStringList{m_target}) {
        const Region *region = m_renderer.regionLayer().region(code);
        if (region && region->locationKnown)
            points.append(GeoPoint{region->location.latitude, region->location.longitude});
    }
    for (const PreviewGroup &group : std::as_const(m_places))
        points.append(*group.point);
    if (points.size() < 2)
        m_renderer.viewport().fitWorld();
    else
        m_renderer.viewport().fit(points, 28.0);
    m_fittedFor = size();
}

QColor PreviewMap::colourOf(const PreviewGroup &group) const
{
    const QColor change = changeColour(group.rttBeforeMs, group.rttAfterMs, isDark(palette()));
    return change.isValid() ? change : QColor(128, 128, 128);
}

QPointF PreviewMap::positionOf(GeoPoint point) const
{
    return m_renderer.viewport().toScreen(point);
}

void PreviewMap::paintEvent(QPaintEvent *)
{
    m_renderer.setDark(isDark(palette()));
    m_renderer.setSize(size(), devicePixelRatioF());
    if (m_fittedFor != QSizeF(size()))
        fit();
    QPainter painter(this);
    // Land, then the places, then the arcs and the regions above them.
    m_renderer.render(painter);
    painter.setRenderHint(QPainter::Antialiasing);
    qint64 most = 1;
    for (const PreviewGroup &group : std::as_const(m_places))
        most = std::max(most, group.members);
    const QColor ring = m_renderer.theme().halo;
    for (const PreviewGroup &group : std::as_const(m_places)) {
        // Area by members: 3 px for one, 9 px for the biggest place.
        const double radius =
            3.0 + 6.0 * std::sqrt(static_cast<double>(group.members) / static_cast<double>(most));
        painter.setPen(QPen(ring, 1.0));
        painter.setBrush(colourOf(group));
        painter.drawEllipse(positionOf(*group.point), radius, radius);
    }
    m_renderer.arcLayer().render(painter, m_renderer.viewport());
    m_renderer.regionLayer().render(painter, m_renderer.viewport());
    if (!m_places.isEmpty())
        paintLegend(painter);
}

void PreviewMap::paintLegend(QPainter &painter)
{
    // What the colours mean, in words (the table says it per place).
    const bool dark = isDark(palette());
    const QList<std::pair<QColor, QString>> keys{{changeColour(100.0, 0.0, dark), tr("faster")},
                                                 {changeColour(0.0, 100.0, dark), tr("slower")},
                                                 {QColor(128, 128, 128), tr("same")}};
    const QFontMetricsF metrics(font());
    const double dot = 8.0;
    const double gap = 6.0;
    double width = gap;
    for (const auto &[colour, text] : keys)
        width += dot + 4.0 + metrics.horizontalAdvance(text) + gap;
    const QRectF box(6.0, height() - metrics.height() - 14.0, width, metrics.height() + 8.0);
    painter.setPen(QPen(m_renderer.theme().outline, 1.0));
    QColor back = m_renderer.theme().halo;
    back.setAlphaF(0.9F);
    painter.setBrush(back);
    painter.drawRoundedRect(box, 4.0, 4.0);
    double x = box.left() + gap;
    const double middle = box.center().y();
    for (const auto &[colour, text] : keys) {
        painter.setPen(QPen(m_renderer.theme().halo, 1.0));
        painter.setBrush(colour);
        painter.drawEllipse(QPointF(x + dot / 2, middle), dot / 2, dot / 2);
        x += dot + 4.0;
        painter.setPen(m_renderer.theme().text);
        const double textWidth = metrics.horizontalAdvance(text);
        painter.drawText(QRectF(x, box.top(), textWidth + 1.0, box.height()), Qt::AlignVCenter,
                         text);
        x += textWidth + gap;
    }
}

} // namespace waddle::ui
