#include "loadcurve.h"

#include <cmath>
#include <numbers>

namespace waddle::sim {

namespace {

double wrapHours(double hours)
{
    double h = std::fmod(hours, 24.0);
    if (h < 0.0)
        h += 24.0;
    // fmod of a tiny negative value plus 24 can round to exactly 24.
    return h >= 24.0 ? 0.0 : h;
}

} // namespace

double diurnalUtilisation(double localHour)
{
    // See the header for the formula.
    constexpr double rise = LoadCurve::kPeakHour - LoadCurve::kTroughHour;      // 15.5 h
    constexpr double fall = 24.0 - rise;                                        // 8.5 h
    constexpr double mid = (LoadCurve::kPeak + LoadCurve::kTrough) / 2.0;       // 0.45
    constexpr double amplitude = (LoadCurve::kPeak - LoadCurve::kTrough) / 2.0; // 0.30

    if (!std::isfinite(localHour))
        return mid;
    const double t = wrapHours(localHour - LoadCurve::kTroughHour);
    const double phase = t <= rise ? t / rise : 1.0 + (t - rise) / fall;
    return mid - amplitude * std::cos(std::numbers::pi * phase);
}

double localSolarHour(const QDateTime &utc, double longitude)
{
    const QTime time = utc.toUTC().time();
    const double hour =
        time.hour() + time.minute() / 60.0 + time.second() / 3600.0 + time.msec() / 3'600'000.0;
    return wrapHours(hour + longitude / 15.0);
}

} // namespace waddle::sim
