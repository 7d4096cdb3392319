#pragma once

#include "domain/faultrequest.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QString>

namespace waddle::domain {

// A demo region agent's fault as the fault routes answer it:
// {"region", "kind", "extra_ms"} after setting one, {"region", "kind":
// "none"} after clearing it.
struct FaultState
{
    QString regionCode;
    FaultKind kind = FaultKind::None;
    double extraMs = 0.0;

    friend bool operator==(const FaultState &, const FaultState &) = default;
};

// extra_ms unless the kind is none.
QJsonObject toJson(const FaultState &state);
Result<FaultState> faultStateFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
