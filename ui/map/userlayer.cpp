#include "userlayer.h"

#include "labelplacer.h"
#include "mapviewport.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

namespace waddle::ui {

namespace {

// The pin: a round head of this radius whose tip is this far below it.
constexpr double kHead = 7.0;
constexpr double kTip = 19.0;

QPainterPath pinPath(QPointF tip)
{
    const QPointF centre(tip.x(), tip.y() - kTip + kHead);
    QPainterPath path;
    path.moveTo(tip);
    path.cubicTo(QPointF(tip.x() - kHead * 0.35, tip.y() - kTip * 0.35),
                 QPointF(centre.x() - kHead, centre.y() + kHead * 0.9),
                 QPointF(centre.x() - kHead, centre.y()));
    path.arcTo(QRectF(centre.x() - kHead, centre.y() - kHead, 2 * kHead, 2 * kHead), 180.0, -180.0);
    path.cubicTo(QPointF(centre.x() + kHead, centre.y() + kHead * 0.9),
                 QPointF(tip.x() + kHead * 0.35, tip.y() - kTip * 0.35), tip);
    path.closeSubpath();
    return path;
}

} // namespace

void UserLayer::setLocation(std::optional<domain::GeoPoint> location)
{
    if (location == m_location)
        return;
    m_location = location;
    markChanged();
}

QRectF UserLayer::pinRect(const MapViewport &viewport) const
{
    if (!m_location)
        return {};
    const QPointF tip = viewport.toScreen(*m_location);
    return QRectF(tip.x() - kHead - 1.0, tip.y() - kTip - 1.0, 2 * kHead + 2.0, kTip + 2.0);
}

void UserLayer::setObstacles(const QList<QRectF> &rects)
{
    m_obstacles = rects;
}

QRectF UserLayer::labelBox(QPointF head) const
{
    QFont font = theme().font;
    font.setBold(true);
    const QFontMetricsF metrics(font);
    const QString text = QCoreApplication::translate("waddle::ui::UserLayer", "You");
    return QRectF(head.x() + kHead + 3.0, head.y() - metrics.height() / 2.0 - 1.0,
                  metrics.horizontalAdvance(text) + 8.0, metrics.height() + 2.0);
}

QRectF UserLayer::footprint(const MapViewport &viewport) const
{
    if (!m_location)
        return {};
    const QPointF tip = viewport.toScreen(*m_location);
    const QPointF head(tip.x(), tip.y() - kTip + kHead);
    return pinRect(viewport).united(labelBox(head));
}

bool UserLayer::contains(const MapViewport &viewport, QPointF point) const
{
    return m_location && pinRect(viewport).adjusted(-2, -2, 2, 2).contains(point);
}

void UserLayer::render(QPainter &painter, const MapViewport &viewport)
{
    if (!m_location)
        return;
    const QPointF tip = viewport.toScreen(*m_location);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);

    // A small shadow on the ground where the tip points.
    QColor shadow(0, 0, 0, theme().dark ? 120 : 60);
    painter.setPen(Qt::NoPen);
    painter.setBrush(shadow);
    painter.drawEllipse(tip, 3.5, 1.5);

    QColor halo = theme().halo;
    halo.setAlphaF(1.0F);
    painter.setPen(QPen(halo, 1.5));
    painter.setBrush(theme().user);
    painter.drawPath(pinPath(tip));
    const QPointF head(tip.x(), tip.y() - kTip + kHead);
    painter.setPen(Qt::NoPen);
    painter.setBrush(halo);
    painter.drawEllipse(head, kHead * 0.42, kHead * 0.42);

    // The label "You" beside the head, on a halo, clear of region labels.
    QFont font = theme().font;
    font.setBold(true);
    painter.setFont(font);
    const QString text = QCoreApplication::translate("waddle::ui::UserLayer", "You");
    LabelPlacer placer(QRectF(QPointF(0, 0), viewport.size()).adjusted(2, 2, -2, -2));
    for (const QRectF &rect : std::as_const(m_obstacles))
        placer.addObstacle(rect);
    placer.addObstacle(pinRect(viewport));
    const QRectF box = placer.place(head, kHead, labelBox(head).size(), 3.0);
    QColor back = theme().halo;
    painter.setBrush(back);
    painter.drawRoundedRect(box, 4.0, 4.0);
    painter.setPen(theme().text);
    painter.drawText(box, Qt::AlignCenter, text);
    painter.restore();
}

} // namespace waddle::ui
