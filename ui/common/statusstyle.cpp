#include "statusstyle.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>

#include <cmath>

namespace waddle::ui {

namespace {

// Okabe & Ito (2008).
const QColor kGreen(0x00, 0x9E, 0x73);
const QColor kSky(0x56, 0xB4, 0xE9);
const QColor kOrange(0xE6, 0x9F, 0x00);
const QColor kVermillion(0xD5, 0x5E, 0x00);
const QColor kBlue(0x00, 0x72, 0xB2);
const QColor kGrey(0x80, 0x80, 0x80);
const QColor kOutline(0x20, 0x20, 0x20);

QString tr(const char *text)
{
    return QCoreApplication::translate("waddle::ui::StatusStyle", text);
}

} // namespace

StatusStyle styleFor(domain::RegionStatus status)
{
    switch (status) {
    case domain::RegionStatus::Online:
        return {kGreen, kOutline, MarkerShape::Circle, tr("Online")};
    case domain::RegionStatus::Degraded:
        return {kOrange, kOutline, MarkerShape::Triangle, tr("Degraded")};
    case domain::RegionStatus::Offline:
        return {kVermillion, kOutline, MarkerShape::Cross, tr("Offline")};
    case domain::RegionStatus::Maintenance:
        return {kBlue, kOutline, MarkerShape::Square, tr("Maintenance")};
    }
    return {kGrey, kOutline, MarkerShape::Ring, tr("Unknown")};
}

StatusStyle styleFor(domain::LatencyQuality quality)
{
    switch (quality) {
    case domain::LatencyQuality::Excellent:
        return {kGreen, kOutline, MarkerShape::Circle, tr("Excellent")};
    case domain::LatencyQuality::Good:
        return {kSky, kOutline, MarkerShape::Diamond, tr("Good")};
    case domain::LatencyQuality::Fair:
        return {kOrange, kOutline, MarkerShape::Triangle, tr("Fair")};
    case domain::LatencyQuality::Poor:
        return {kVermillion, kOutline, MarkerShape::Square, tr("Poor")};
    case domain::LatencyQuality::Unreachable:
        return {kGrey, kOutline, MarkerShape::Cross, tr("Unreachable")};
    case domain::LatencyQuality::Unknown:
        break;
    }
    return {kGrey, kOutline, MarkerShape::Ring, tr("Not tested")};
}

namespace {

StatusStyle onBackground(StatusStyle style, const QPalette &palette)
{
    if (palette.color(QPalette::Base).lightnessF() < 0.5)
        style.outline = QColor(0xd8, 0xd8, 0xd8);
    return style;
}

} // namespace

StatusStyle styleFor(domain::RegionStatus status, const QPalette &palette)
{
    return onBackground(styleFor(status), palette);
}

StatusStyle styleFor(domain::LatencyQuality quality, const QPalette &palette)
{
    return onBackground(styleFor(quality), palette);
}

void drawMarker(QPainter &painter, QPointF c, double r, const StatusStyle &style)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QPen outline(style.outline, std::max(1.0, r / 5.0));
    outline.setJoinStyle(Qt::RoundJoin);
    painter.setPen(outline);
    painter.setBrush(style.fill);
    QPainterPath path;
    switch (style.shape) {
    case MarkerShape::Circle:
        path.addEllipse(c, r, r);
        break;
    case MarkerShape::Ring:
        painter.setBrush(Qt::NoBrush);
        path.addEllipse(c, r * 0.85, r * 0.85);
        break;
    case MarkerShape::Diamond:
        path.moveTo(c.x(), c.y() - r * 1.15);
        path.lineTo(c.x() + r * 1.15, c.y());
        path.lineTo(c.x(), c.y() + r * 1.15);
        path.lineTo(c.x() - r * 1.15, c.y());
        path.closeSubpath();
        break;
    case MarkerShape::Triangle: {
        const double h = r * 1.25;
        path.moveTo(c.x(), c.y() - h);
        path.lineTo(c.x() + h * 0.95, c.y() + h * 0.7);
        path.lineTo(c.x() - h * 0.95, c.y() + h * 0.7);
        path.closeSubpath();
        break;
    }
    case MarkerShape::Square:
        path.addRect(QRectF(c.x() - r * 0.9, c.y() - r * 0.9, r * 1.8, r * 1.8));
        break;
    case MarkerShape::Cross: {
        // A filled X: two bars at ±45°.
        const double w = r * 0.45;
        for (const double angle : {45.0, -45.0}) {
            QTransform t;
            t.translate(c.x(), c.y());
            t.rotate(angle);
            path.addPolygon(t.map(QPolygonF(QRectF(-r * 1.1, -w / 2, r * 2.2, w))));
        }
        path.setFillRule(Qt::WindingFill);
        path = path.simplified();
        break;
    }
    }
    painter.drawPath(path);
    painter.restore();
}

} // namespace waddle::ui
