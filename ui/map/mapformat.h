#pragma once

#include "domain/geo.h"

#include <QDateTime>
#include <QString>

namespace waddle::ui {

// Wording shared by the map's tooltips and the region details panel, so a
// figure reads the same in both.

// "50.11° N, 8.68° E"
QString formatCoordinates(domain::GeoPoint point);
// "14:03:22 (5 s ago)"; "never" for an invalid time.
QString formatLastCheck(const QDateTime &checkedAt, const QDateTime &now);
// A fraction 0…1 as "73%".
QString formatPercent(double fraction);
// Milliseconds and rates: client/units.h, the one format per unit.
// What is shown where a value is not known (no data is never a 0): "—".
QString unknownValue();

} // namespace waddle::ui
