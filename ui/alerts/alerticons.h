#pragma once

#include "client/traystatus.h"
#include "domain/analytics/alert.h"

#include <QIcon>

namespace waddle::ui {

// The status markers of the map (statusstyle.h: colour AND shape) as icons:
// a critical alert wears the offline cross, a warning or high one the
// degraded triangle, the rest the online circle; the tray icon the marker of
// the fleet's worst status (a grey ring while nothing is known).
QIcon severityIcon(domain::Severity severity);
QIcon trayStatusIcon(client::TrayStatus::Level level);

} // namespace waddle::ui
