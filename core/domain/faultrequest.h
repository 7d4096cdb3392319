#pragma once

#include "domain/result.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace waddle::domain {

// A demo region agent's injected fault (SPEC §2 demo fleet): none, nothing
// listening, degraded figures, extra latency, or (issue 11) a voice-room API
// that refuses every call or answers each extra_ms late.
enum class FaultKind
{
    None,
    Offline,
    Degraded,
    Latency,
    RejectRooms,
    SlowRooms
};

QString toString(FaultKind kind);
std::optional<FaultKind> faultKindFromString(QStringView name);

// POST /sim/regions/{code}/fault: {"kind": "offline" | "degraded" |
// "latency" | "reject_rooms" | "slow_rooms", "extra_ms": 0…60000 (latency
// and slow_rooms: above 0)}.
struct FaultRequest
{
    FaultKind kind = FaultKind::Offline;
    double extraMs = 0.0;

    friend bool operator==(const FaultRequest &, const FaultRequest &) = default;
};

// extra_ms only when set.
QJsonObject toJson(const FaultRequest &request);
// Refuses "none" (clearing is DELETE) and a latency fault without extra_ms.
Result<FaultRequest> faultRequestFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
