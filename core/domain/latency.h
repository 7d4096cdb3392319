#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

#include <optional>

namespace waddle::domain {

// What became of one probe: a reply (with its round trip), a loss (timeout or
// error: seed 000 counts both as lost), or still waiting.
enum class SampleOutcome
{
    Received,
    Lost,
    InFlight
};

struct LatencySample
{
    int sequence = 0;
    SampleOutcome outcome = SampleOutcome::InFlight;
    double rttMs = 0.0; // meaningful when Received
    QDateTime sentAt;   // UTC
    QString error;      // why it was lost, for the person reading the table

    friend bool operator==(const LatencySample &, const LatencySample &) = default;
};

// SPEC §4 quality classes; Unknown before any sample has come back,
// Unreachable when every finished sample was lost.
enum class LatencyQuality
{
    Unknown,
    Excellent,
    Good,
    Fair,
    Poor,
    Unreachable
};

QString toString(LatencyQuality quality);
std::optional<LatencyQuality> latencyQualityFromString(QStringView name);

// Excellent < 50 ms, good < 100, fair < 150, poor ≥ 150 (SPEC §4).
LatencyQuality qualityForAverage(double averageMs);

struct LatencyStats
{
    int sent = 0;     // samples started
    int received = 0; // replies
    int lost = 0;     // timeouts and errors
    int inFlight = 0; // neither yet
    double averageMs = 0.0;
    double minimumMs = 0.0;
    double maximumMs = 0.0;
    double medianMs = 0.0;
    double p95Ms = 0.0;
    // Seed 000: mean |difference| of consecutive valid samples.
    double jitterMs = 0.0;
    // RFC 3550 §6.4.1 interarrival estimate, J += (|D| − J) / 16 (as mtr).
    double jitterRfc3550Ms = 0.0;
    // lost / (sent − in flight) × 100 (mtr): a probe still waiting is not lost.
    double lossPercent = 0.0;
    bool unreachable = false;
    LatencyQuality quality = LatencyQuality::Unknown;

    friend bool operator==(const LatencyStats &, const LatencyStats &) = default;
};

// SPEC §4 statistics over the samples in sequence order. No division by zero:
// with no reply every figure is 0 and `unreachable` tells why.
LatencyStats computeLatencyStats(const QList<LatencySample> &samples);

// Percentile of sorted values by linear interpolation between closest ranks
// (rank = p × (n − 1), the spreadsheet/NumPy default). p in 0…1.
double percentileOfSorted(const QList<double> &sorted, double p);

// Ranks results so that regions whose [min, max] ranges overlap the one ahead
// of them share its rank instead of being falsely ordered (SPEC §14). Input:
// stats in any order; output: the rank (1-based) of each input, in input
// order. Unreachable or unmeasured results rank last, together.
QList<int> rankWithTies(const QList<LatencyStats> &results);

QJsonObject toJson(const LatencySample &sample);
Result<LatencySample> latencySampleFromJson(const QJsonValue &json, const QString &path = {});
QJsonObject toJson(const LatencyStats &stats);
Result<LatencyStats> latencyStatsFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
