#include "alerticons.h"

#include "ui/common/statusstyle.h"

#include <QPainter>
#include <QPixmap>

namespace waddle::ui {

using namespace waddle::domain;

namespace {

QIcon markerIcon(const StatusStyle &style)
{
    QIcon icon;
    for (const int size : {16, 22, 32, 64}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        drawMarker(painter, QPointF(size / 2.0, size / 2.0), size * 0.38, style);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

} // namespace

QIcon severityIcon(Severity severity)
{
    switch (severity) {
    case Severity::Critical:
        return markerIcon(styleFor(RegionStatus::Offline));
    case Severity::High:
    case Severity::Warning:
        return markerIcon(styleFor(RegionStatus::Degraded));
    case Severity::Medium:
    case Severity::Low:
    case Severity::Info:
        break;
    }
    return markerIcon(styleFor(RegionStatus::Online));
}

QIcon trayStatusIcon(client::TrayStatus::Level level)
{
    using Level = client::TrayStatus::Level;
    switch (level) {
    case Level::Offline:
        return markerIcon(styleFor(RegionStatus::Offline));
    case Level::Degraded:
        return markerIcon(styleFor(RegionStatus::Degraded));
    case Level::Healthy:
        return markerIcon(styleFor(RegionStatus::Online));
    case Level::Unknown:
        break;
    }
    StatusStyle unknown = styleFor(RegionStatus::Maintenance);
    unknown.fill = QColor(150, 150, 150);
    unknown.shape = MarkerShape::Ring;
    return markerIcon(unknown);
}

} // namespace waddle::ui
