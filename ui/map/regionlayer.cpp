#include "regionlayer.h"

#include "labelplacer.h"
#include "mapformat.h"
#include "ui/common/statusstyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace waddle::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("waddle::ui::RegionLayer", text);
}

// Worst first: labels of broken regions get the best places.
int severityRank(domain::RegionStatus status)
{
    switch (status) {
    case domain::RegionStatus::Offline:
        return 0;
    case domain::RegionStatus::Degraded:
        return 1;
    case domain::RegionStatus::Maintenance:
        return 2;
    case domain::RegionStatus::Online:
        break;
    }
    return 3;
}

constexpr double kLabelPadX = 5.0;
constexpr double kLabelPadY = 2.0;

} // namespace

void RegionLayer::setRegions(const QList<domain::Region> &regions)
{
    m_regions = regions;
    m_labelViewport.reset();
    markChanged();
}

const domain::Region *RegionLayer::region(QStringView code) const
{
    return domain::findRegion(m_regions, code);
}

void RegionLayer::setHealth(const domain::RegionHealth &health)
{
    m_health.insert(health.code, health);
    markChanged();
}

std::optional<domain::RegionHealth> RegionLayer::health(const QString &code) const
{
    const auto it = m_health.constFind(code);
    if (it == m_health.constEnd())
        return std::nullopt;
    return *it;
}

void RegionLayer::setSelected(const QString &code)
{
    if (code == m_selected)
        return;
    m_selected = code;
    markChanged();
}

domain::RegionStatus RegionLayer::statusOf(const domain::Region &region) const
{
    const auto it = m_health.constFind(region.code);
    return it != m_health.constEnd() ? it->status : region.status;
}

double RegionLayer::utilisationOf(const domain::Region &region) const
{
    const auto it = m_health.constFind(region.code);
    return it != m_health.constEnd() ? it->reading.utilisation : region.capacity.utilisation();
}

double RegionLayer::markerRadius(double utilisation)
{
    // Area, not radius, grows with load, so a full region does not look four
    // times as busy as a half-full one.
    const double load = std::clamp(utilisation, 0.0, 1.0);
    return std::sqrt(kMinRadius * kMinRadius +
                     (kMaxRadius * kMaxRadius - kMinRadius * kMinRadius) * load);
}

double RegionLayer::radiusOf(const domain::Region &region) const
{
    const double radius = markerRadius(utilisationOf(region));
    return statusOf(region) == domain::RegionStatus::Online ? radius
                                                            : std::max(radius, kTroubleRadius);
}

void RegionLayer::setExtraObstacles(const QList<QRectF> &rects)
{
    m_extraObstacles = rects;
}

QList<QRectF> RegionLayer::occupiedRects() const
{
    return m_markerRects + m_labelRects.values();
}

std::optional<QPointF> RegionLayer::markerPosition(const MapViewport &viewport,
                                                   const QString &code) const
{
    const domain::Region *found = region(code);
    if (!found || !found->locationKnown)
        return std::nullopt;
    return viewport.toScreen({found->location.latitude, found->location.longitude});
}

QString RegionLayer::regionAt(const MapViewport &viewport, QPointF point) const
{
    QString best;
    double bestDistance = std::numeric_limits<double>::max();
    for (const domain::Region &r : m_regions) {
        if (!r.locationKnown)
            continue;
        const QPointF centre = viewport.toScreen({r.location.latitude, r.location.longitude});
        const double distance = QLineF(centre, point).length();
        // A few pixels of slack: markers are small targets.
        if (distance <= radiusOf(r) + 4.0 && distance < bestDistance) {
            best = r.code;
            bestDistance = distance;
        }
    }
    if (!best.isEmpty() || m_labelViewport != viewport)
        return best;
    for (auto it = m_labelRects.constBegin(); it != m_labelRects.constEnd(); ++it) {
        if (it.value().contains(point))
            return it.key();
    }
    return {};
}

void RegionLayer::setStale(bool stale)
{
    m_stale = stale;
}

QString RegionLayer::labelText(const domain::Region &region) const
{
    // A region that takes no sessions has no load worth showing.
    const domain::RegionStatus status = statusOf(region);
    QString text;
    if (!domain::acceptsSessions(status))
        text = styleFor(status).label;
    else if (status == domain::RegionStatus::Online)
        text = formatPercent(utilisationOf(region));
    else
        text = tr("%1 · %2").arg(formatPercent(utilisationOf(region)), styleFor(status).label);
    if (m_draining.contains(region.code))
        text = tr("%1 · draining").arg(text);
    return m_stale ? tr("%1 · last known").arg(text) : text;
}

void RegionLayer::setDraining(const QSet<QString> &codes)
{
    if (codes == m_draining)
        return;
    m_draining = codes;
    markChanged();
}

void RegionLayer::render(QPainter &painter, const MapViewport &viewport)
{
    struct Item
    {
        const domain::Region *region;
        QPointF centre;
        double radius;
        domain::RegionStatus status;
    };
    QList<Item> items;
    for (const domain::Region &r : m_regions) {
        if (!r.locationKnown)
            continue;
        items.append(Item{&r, viewport.toScreen({r.location.latitude, r.location.longitude}),
                          radiusOf(r), statusOf(r)});
    }
    // Drawing order: quiet ones first so broken and selected ones sit on
    // top; labels are laid out in the opposite order.
    std::stable_sort(items.begin(), items.end(), [this](const Item &a, const Item &b) {
        const bool aSelected = a.region->code == m_selected;
        const bool bSelected = b.region->code == m_selected;
        if (aSelected != bSelected)
            return bSelected;
        return severityRank(a.status) > severityRank(b.status);
    });

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);

    const QRectF view(QPointF(0, 0), viewport.size());
    LabelPlacer placer(view.adjusted(2, 2, -2, -2));
    m_markerRects.clear();
    for (const Item &item : items) {
        const QRectF box(item.centre - QPointF(item.radius + 2, item.radius + 2),
                         QSizeF(2 * item.radius + 4, 2 * item.radius + 4));
        placer.addObstacle(box);
        m_markerRects.append(box);
    }
    for (const QRectF &rect : std::as_const(m_extraObstacles))
        placer.addObstacle(rect);

    // Markers.
    for (const Item &item : items) {
        const bool selected = item.region->code == m_selected;
        if (!view.adjusted(-30, -30, 30, 30).contains(item.centre))
            continue;
        QColor halo = theme().halo;
        halo.setAlphaF(0.85F);
        painter.setPen(Qt::NoPen);
        painter.setBrush(halo);
        painter.drawEllipse(item.centre, item.radius + 3.0, item.radius + 3.0);
        if (selected) {
            QPen ring(theme().selection, 2.0);
            painter.setPen(ring);
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(item.centre, item.radius + 5.5, item.radius + 5.5);
        }
        StatusStyle style = styleFor(item.status);
        style.outline = theme().markerOutline;
        if (m_stale || m_draining.contains(item.region->code)) {
            // Last known, not live (or its waddles leaving): grey,
            // see-through, inside a dashed ring.
            const int grey = qGray(style.fill.rgb());
            style.fill = QColor(grey, grey, grey, 110);
            drawMarker(painter, item.centre, item.radius, style);
            painter.setPen(QPen(theme().text, 1.2, Qt::DashLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(item.centre, item.radius + 2.5, item.radius + 2.5);
        } else {
            drawMarker(painter, item.centre, item.radius, style);
        }
    }

    // Labels: bold code, then load (and status word) in a lighter weight.
    QFont codeFont = theme().font;
    codeFont.setBold(true);
    const QFont detailFont = theme().font;
    const QFontMetricsF codeMetrics(codeFont);
    const QFontMetricsF detailMetrics(detailFont);
    const double height = std::max(codeMetrics.height(), detailMetrics.height()) + 2 * kLabelPadY;
    m_labelRects.clear();
    for (auto it = items.crbegin(); it != items.crend(); ++it) {
        const Item &item = *it;
        const bool selected = item.region->code == m_selected;
        const QString code = item.region->code;
        const QString detail = labelText(*item.region);
        const double gap = detailMetrics.horizontalAdvance(QStringLiteral(" "));
        const double width = codeMetrics.horizontalAdvance(code) + gap +
                             detailMetrics.horizontalAdvance(detail) + 2 * kLabelPadX;
        const QRectF rect =
            placer.place(item.centre, item.radius + (selected ? 5.5 : 3.0), QSizeF(width, height));
        m_labelRects.insert(code, rect);

        QColor back = theme().halo;
        painter.setBrush(back);
        QColor edge = selected ? theme().selection : theme().outline;
        if (!selected)
            edge.setAlphaF(0.6F);
        painter.setPen(QPen(edge, selected ? 1.5 : 1.0));
        painter.drawRoundedRect(rect, 4.0, 4.0);

        const double baseline = rect.top() + kLabelPadY +
                                (height - 2 * kLabelPadY - codeMetrics.height()) / 2.0 +
                                codeMetrics.ascent();
        painter.setPen(theme().text);
        painter.setFont(codeFont);
        painter.drawText(QPointF(rect.left() + kLabelPadX, baseline), code);
        QColor secondary = theme().text;
        secondary.setAlphaF(0.78F);
        painter.setPen(secondary);
        painter.setFont(detailFont);
        painter.drawText(
            QPointF(rect.left() + kLabelPadX + codeMetrics.horizontalAdvance(code) + gap, baseline),
            detail);
    }
    m_labelViewport = viewport;
    painter.restore();
}

} // namespace waddle::ui
