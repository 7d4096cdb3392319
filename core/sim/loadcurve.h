#pragma once

#include <QDateTime>

namespace waddle::sim {

// The daily rhythm of voice use (SPEC §2: the demo fleet's modelled load),
// shared by the region agents' /health figures and the demo usage history so
// that both tell the same story: quiet in the small hours, busiest in the
// evening.
//
// Formula: u(h) = 0.45 − 0.30 × cos(π × φ(h)), where φ is the phase of the
// day, piecewise linear in the local hour h:
//   t = (h − 4.5) wrapped to [0, 24)
//   φ = t / 15.5              for t ≤ 15.5   (trough 04:30 → peak 20:00)
//   φ = 1 + (t − 15.5) / 8.5  otherwise      (peak 20:00 → trough 04:30)
// so u is 0.15 at 04:30, 0.75 at 20:00, 0.45 halfway up (12:15) and halfway
// down (00:15). The cosine's slope is zero at both turning points, so the
// curve is smooth (continuously differentiable) though the rise is slower
// than the fall. Always within [0.15, 0.75] ⊂ [0, 1].
double diurnalUtilisation(double localHour);

// Local mean solar time in hours, [0, 24): the UTC hour of the day plus
// longitude / 15 (15° of longitude per hour), wrapped. Time zones follow
// politics; load follows the sun, and this needs no zone database.
double localSolarHour(const QDateTime &utc, double longitude);

// The curve's constants, for tests and documentation.
struct LoadCurve
{
    static constexpr double kTroughHour = 4.5;
    static constexpr double kPeakHour = 20.0;
    static constexpr double kTrough = 0.15;
    static constexpr double kPeak = 0.75;
};

} // namespace waddle::sim
