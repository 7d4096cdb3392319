#include "faultrequest.h"

#include "domain/enumnames.h"
#include "domain/jsonreader.h"

namespace waddle::domain {

namespace {

constexpr std::array<EnumName<FaultKind>, 6> kFaultKindNames{{
    {FaultKind::None, QLatin1String("none")},
    {FaultKind::Offline, QLatin1String("offline")},
    {FaultKind::Degraded, QLatin1String("degraded")},
    {FaultKind::Latency, QLatin1String("latency")},
    {FaultKind::RejectRooms, QLatin1String("reject_rooms")},
    {FaultKind::SlowRooms, QLatin1String("slow_rooms")},
}};

} // namespace

QString toString(FaultKind kind)
{
    return enumToName(kFaultKindNames, kind);
}

std::optional<FaultKind> faultKindFromString(QStringView name)
{
    return enumFromName(kFaultKindNames, name);
}

QJsonObject toJson(const FaultRequest &request)
{
    QJsonObject json{{QStringLiteral("kind"), toString(request.kind)}};
    if (request.extraMs != 0.0)
        json.insert(QStringLiteral("extra_ms"), request.extraMs);
    return json;
}

Result<FaultRequest> faultRequestFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    const QString kindName = r.string(QLatin1String("kind"));
    const double extraMs = r.optionalNumber(QLatin1String("extra_ms"), 0.0, 60000.0).value_or(0.0);
    if (r.failed())
        return r.error();
    const std::optional<FaultKind> kind = faultKindFromString(kindName);
    if (!kind || *kind == FaultKind::None) {
        return Error{r.pathOf(QLatin1String("kind")),
                     QStringLiteral("kind: must be offline, degraded, latency, reject_rooms or "
                                    "slow_rooms, not \"%1\"")
                         .arg(kindName)};
    }
    if ((*kind == FaultKind::Latency || *kind == FaultKind::SlowRooms) && extraMs <= 0.0) {
        return Error{r.pathOf(QLatin1String("extra_ms")),
                     QStringLiteral("extra_ms: a %1 fault needs extra_ms above 0").arg(kindName)};
    }
    return FaultRequest{*kind, extraMs};
}

} // namespace waddle::domain
