#include "legendlayer.h"

#include "mapviewport.h"
#include "ui/common/statusstyle.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

#include <array>

namespace waddle::ui {

void LegendLayer::setMemberCaption(const QString &caption)
{
    if (caption == m_memberCaption)
        return;
    m_memberCaption = caption;
    markChanged();
}

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("waddle::ui::LegendLayer", text);
}

} // namespace

void LegendLayer::setStale(bool stale)
{
    m_stale = stale;
}

void LegendLayer::render(QPainter &painter, const MapViewport &viewport)
{
    constexpr std::array kStatuses{domain::RegionStatus::Online, domain::RegionStatus::Degraded,
                                   domain::RegionStatus::Offline,
                                   domain::RegionStatus::Maintenance};
    constexpr double kPad = 8.0;
    constexpr double kMarker = 5.0;
    constexpr double kGap = 14.0;

    QFont font = theme().font;
    font.setPointSizeF(font.pointSizeF() * 0.92);
    const QFontMetricsF metrics(font);
    const double rowHeight = std::max(metrics.height(), 2 * kMarker + 4);

    double width = 0.0;
    for (const domain::RegionStatus status : kStatuses)
        width += 2 * kMarker + 5.0 + metrics.horizontalAdvance(styleFor(status).label) + kGap;
    width -= kGap;
    const bool members = !m_memberCaption.isEmpty();
    const double memberWidth =
        members ? 2 * kMarker + 5.0 + metrics.horizontalAdvance(m_memberCaption) : 0.0;
    width = std::max(width, memberWidth);
    const QString staleText = tr("Grey, dashed: last known, not live");
    const double staleWidth =
        m_stale ? 2 * kMarker + 9.0 + metrics.horizontalAdvance(staleText) : 0.0;
    width = std::max(width, staleWidth);
    const int extraRows = (members ? 1 : 0) + (m_stale ? 1 : 0);
    const double height = rowHeight * (1 + extraRows) + 4.0 * extraRows;

    const QRectF box(kPad, viewport.size().height() - kPad - height - 2 * 6.0, width + 2 * 8.0,
                     height + 2 * 6.0);
    if (box.top() < 0 || box.right() > viewport.size().width())
        return; // too small a view for a key

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QColor back = theme().halo;
    painter.setBrush(back);
    QColor edge = theme().outline;
    edge.setAlphaF(0.6F);
    painter.setPen(QPen(edge, 1.0));
    painter.drawRoundedRect(box, 5.0, 5.0);
    painter.setFont(font);

    double x = box.left() + 8.0;
    const double y = box.top() + 6.0 + rowHeight / 2.0;
    for (const domain::RegionStatus status : kStatuses) {
        StatusStyle style = styleFor(status);
        style.outline = theme().markerOutline;
        drawMarker(painter, QPointF(x + kMarker, y), kMarker, style);
        x += 2 * kMarker + 5.0;
        const double textWidth = metrics.horizontalAdvance(style.label);
        painter.setPen(theme().text);
        painter.drawText(QRectF(x, y - rowHeight / 2.0, textWidth + 1.0, rowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, style.label);
        x += textWidth + kGap;
    }
    double nextY = y + rowHeight + 4.0;
    if (members) {
        const double y2 = nextY;
        nextY += rowHeight + 4.0;
        QColor dot = theme().member;
        dot.setAlphaF(0.75F);
        painter.setPen(Qt::NoPen);
        painter.setBrush(dot);
        painter.drawEllipse(QPointF(box.left() + 8.0 + kMarker, y2), 3.5, 3.5);
        painter.setPen(theme().text);
        painter.drawText(QRectF(box.left() + 8.0 + 2 * kMarker + 5.0, y2 - rowHeight / 2.0,
                                memberWidth, rowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, m_memberCaption);
    }
    if (m_stale) {
        const QPointF centre(box.left() + 8.0 + kMarker + 2.0, nextY);
        painter.setBrush(QColor(128, 128, 128, 110));
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(centre, kMarker, kMarker);
        painter.setPen(QPen(theme().text, 1.0, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(centre, kMarker + 2.0, kMarker + 2.0);
        painter.setPen(theme().text);
        painter.drawText(QRectF(box.left() + 8.0 + 2 * kMarker + 9.0, nextY - rowHeight / 2.0,
                                staleWidth, rowHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, staleText);
    }
    painter.restore();
}

} // namespace waddle::ui
