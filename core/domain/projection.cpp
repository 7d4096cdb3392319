#include "domain/projection.h"

#include "domain/enumnames.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace waddle::domain {

namespace {

constexpr std::array<EnumName<Projection>, 2> kProjectionNames{{
    {Projection::EqualEarth, QLatin1String("equal-earth")},
    {Projection::Equirectangular, QLatin1String("equirectangular")},
}};

// Equal Earth's polynomial coefficients and M = √3 / 2.
constexpr double kA1 = 1.340264;
constexpr double kA2 = -0.081106;
constexpr double kA3 = 0.000893;
constexpr double kA4 = 0.003796;
const double kM = std::sqrt(3.0) / 2.0;
constexpr double kDegToRad = std::numbers::pi / 180.0;

// y(θ) and its derivative dy/dθ.
double equalEarthY(double theta)
{
    const double t2 = theta * theta;
    const double t6 = t2 * t2 * t2;
    return theta * (kA1 + kA2 * t2 + t6 * (kA3 + kA4 * t2));
}

double equalEarthDy(double theta)
{
    const double t2 = theta * theta;
    const double t6 = t2 * t2 * t2;
    return kA1 + 3.0 * kA2 * t2 + t6 * (7.0 * kA3 + 9.0 * kA4 * t2);
}

} // namespace

QString toString(Projection projection)
{
    return enumToName(kProjectionNames, projection);
}

std::optional<Projection> projectionFromString(QStringView name)
{
    return enumFromName(kProjectionNames, name);
}

QPointF project(Projection projection, GeoPoint point)
{
    const double lambda = point.longitude * kDegToRad;
    const double phi = point.latitude * kDegToRad;
    if (projection == Projection::Equirectangular)
        return {lambda, phi};
    const double theta = std::asin(kM * std::sin(phi));
    const double x = 2.0 * std::sqrt(3.0) * lambda * std::cos(theta) / (3.0 * equalEarthDy(theta));
    return {x, equalEarthY(theta)};
}

std::optional<GeoPoint> unproject(Projection projection, QPointF xy)
{
    const QRectF bounds = worldBounds(projection);
    if (std::fabs(xy.y()) > bounds.bottom() + 1e-12)
        return std::nullopt;
    if (projection == Projection::Equirectangular) {
        if (std::fabs(xy.x()) > bounds.right() + 1e-12)
            return std::nullopt;
        return GeoPoint{xy.y() / kDegToRad, xy.x() / kDegToRad};
    }
    // θ from y by Newton's method (y(θ) is monotonic on [−π/3, π/3]).
    double theta = xy.y() / kA1;
    for (int i = 0; i < 12; ++i) {
        const double step = (equalEarthY(theta) - xy.y()) / equalEarthDy(theta);
        theta -= step;
        if (std::fabs(step) < 1e-12)
            break;
    }
    const double lambda =
        3.0 * xy.x() * equalEarthDy(theta) / (2.0 * std::sqrt(3.0) * std::cos(theta));
    if (std::fabs(lambda) > std::numbers::pi + 1e-9)
        return std::nullopt;
    const double phi = std::asin(std::clamp(std::sin(theta) / kM, -1.0, 1.0));
    return GeoPoint{phi / kDegToRad, lambda / kDegToRad};
}

QRectF worldBounds(Projection projection)
{
    // Extremes: x at the equator's ends, y at the poles. QRectF's "bottom" is
    // the larger y, here the north pole.
    const QPointF east = project(projection, {0.0, 180.0});
    const QPointF north = project(projection, {90.0, 0.0});
    return QRectF(QPointF(-east.x(), -north.y()), QPointF(east.x(), north.y()));
}

} // namespace waddle::domain
