#include "domain/geo.h"

#include "domain/cpustate.h"

#include <cmath>
#include <numbers>

namespace waddle::domain {

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

double haversine(double lat1, double lon1, double cosLat1, double lat2, double lon2, double cosLat2)
{
    const double sinDLat = std::sin((lat2 - lat1) / 2.0);
    const double sinDLon = std::sin((lon2 - lon1) / 2.0);
    const double h = sinDLat * sinDLat + cosLat1 * cosLat2 * sinDLon * sinDLon;
    return 2.0 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

double sumOfSquares(const QList<RttObservation> &observations, const RttModel &model)
{
    double sse = 0.0;
    for (const RttObservation &o : observations) {
        const double residual = o.rttMs - model.estimateMs(o.distanceKm);
        sse += residual * residual;
    }
    return sse;
}

} // namespace

PreparedPoint prepare(GeoPoint point)
{
    const double lat = point.latitude * kDegToRad;
    return {lat, point.longitude * kDegToRad, std::cos(lat)};
}

double greatCircleKm(const PreparedPoint &a, const PreparedPoint &b)
{
    return haversine(a.latitudeRad, a.longitudeRad, a.cosLatitude, b.latitudeRad, b.longitudeRad,
                     b.cosLatitude);
}

double greatCircleKm(GeoPoint a, GeoPoint b)
{
    return greatCircleKm(prepare(a), prepare(b));
}

double RttModel::estimateMs(double distanceKm) const
{
    return baseMs + distanceKm * msPerKm;
}

double RttModel::estimateMs(GeoPoint from, GeoPoint to) const
{
    return estimateMs(greatCircleKm(from, to));
}

Result<RttModel> fitRttModel(const QList<RttObservation> &observations)
{
    for (qsizetype i = 0; i < observations.size(); ++i) {
        const RttObservation &o = observations.at(i);
        if (!std::isfinite(o.distanceKm) || !std::isfinite(o.rttMs) || o.distanceKm < 0.0 ||
            o.rttMs < 0.0) {
            const QString field = QStringLiteral("observations[%1]").arg(i);
            return Error{field, field + QStringLiteral(": distance and RTT must be finite and "
                                                       "not negative")};
        }
    }
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    const double n = static_cast<double>(observations.size());
    double sumD = 0.0, sumR = 0.0;
    for (const RttObservation &o : observations) {
        sumD += o.distanceKm;
        sumR += o.rttMs;
    }
    const double meanD = n > 0 ? sumD / n : 0.0;
    const double meanR = n > 0 ? sumR / n : 0.0;
    double sxx = 0.0, sxy = 0.0, sdd = 0.0, sdr = 0.0;
    for (const RttObservation &o : observations) {
        sxx += (o.distanceKm - meanD) * (o.distanceKm - meanD);
        sxy += (o.distanceKm - meanD) * (o.rttMs - meanR);
        sdd += o.distanceKm * o.distanceKm;
        sdr += o.distanceKm * o.rttMs;
    }
    // Relative test: distances equal up to rounding leave the slope undefined.
    if (observations.size() < 2 || sxx <= 1e-9 * std::max(1.0, sdd)) {
        return Error{QStringLiteral("observations"),
                     QStringLiteral("observations: fitting needs measurements at two or more "
                                    "different distances")};
    }

    const RttModel free{meanR - (sxy / sxx) * meanD, sxy / sxx};
    if (free.msPerKm >= RttModel::kMinMsPerKm && free.baseMs >= 0.0)
        return free;

    // The error is a convex quadratic in (base, k): with the free optimum
    // outside {k ≥ kMin, base ≥ 0}, the constrained optimum lies on one of the
    // two edges (or their corner). Take the best of the edge optima.
    const double kMin = RttModel::kMinMsPerKm;
    const RttModel onKFloor{std::max(0.0, meanR - kMin * meanD), kMin};
    const RttModel onBaseFloor{0.0, sdd > 0.0 ? std::max(kMin, sdr / sdd) : kMin};
    return sumOfSquares(observations, onKFloor) <= sumOfSquares(observations, onBaseFloor)
               ? onKFloor
               : onBaseFloor;
}

} // namespace waddle::domain
