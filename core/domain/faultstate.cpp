#include "faultstate.h"

#include "domain/jsonreader.h"

namespace waddle::domain {

QJsonObject toJson(const FaultState &state)
{
    QJsonObject json{{QStringLiteral("region"), state.regionCode},
                     {QStringLiteral("kind"), toString(state.kind)}};
    if (state.kind != FaultKind::None)
        json.insert(QStringLiteral("extra_ms"), state.extraMs);
    return json;
}

Result<FaultState> faultStateFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    FaultState state;
    state.regionCode = r.string(QLatin1String("region"));
    const QString kindName = r.string(QLatin1String("kind"));
    state.extraMs = r.optionalNumber(QLatin1String("extra_ms"), 0.0).value_or(0.0);
    if (r.failed())
        return r.error();
    const std::optional<FaultKind> kind = faultKindFromString(kindName);
    if (!kind) {
        return Error{r.pathOf(QLatin1String("kind")),
                     QStringLiteral("kind: must be none, offline, degraded or latency, not \"%1\"")
                         .arg(kindName)};
    }
    state.kind = *kind;
    return state;
}

} // namespace waddle::domain
