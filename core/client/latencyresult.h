#pragma once

#include "domain/latency.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace waddle::client {

// How a region's latency is measured (SPEC §4).
enum class ProbeMode
{
    Http, // GET ping_url on a warm keep-alive connection (default)
    Tcp,  // TCP connect time to the ping endpoint
    Stun, // UDP STUN binding request (RFC 5389) to the region's stun host:port
};

QString toString(ProbeMode mode);
std::optional<ProbeMode> probeModeFromString(QStringView name);

// One region's latency test: every sample, the statistics over them, the
// connection set-up time (reported apart, never in the RTT) and when.
struct LatencyResult
{
    QString regionCode;
    ProbeMode mode = ProbeMode::Http;
    QList<domain::LatencySample> samples;
    domain::LatencyStats stats;
    std::optional<double> connectMs; // the warm-up's set-up time
    QDateTime measuredAt;            // UTC, when the test finished
    QString error;                   // why the region could not be tested at all

    friend bool operator==(const LatencyResult &, const LatencyResult &) = default;
};

// {code, mode, average, min, max, median, p95, jitter, loss, connect,
//  quality, ..., samples: [ms or null for a lost one], measured_at}
QJsonObject toJson(const LatencyResult &result);
domain::Result<LatencyResult> latencyResultFromJson(const QJsonValue &json,
                                                    const QString &path = {});

} // namespace waddle::client
