#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace waddle::domain {

// One finished voice session in one channel (SPEC §11, seed 000
// trackRegionUsage): the raw fact every per-region usage figure, trend and
// custom metric is computed from.
struct UsageEvent
{
    QString id; // empty until the store assigns one
    QString regionCode;
    QString waddleId;
    QString channelId;
    int participants = 0;
    double durationSeconds = 0.0;
    double quality = 0.0; // 0–5, MOS-like
    double latencyMs = 0.0;
    QDateTime startedAt; // UTC

    friend bool operator==(const UsageEvent &, const UsageEvent &) = default;
};

// JSON: id (only when set), region, waddle_id, channel_id, participant_count,
// duration_seconds, quality, latency_ms, started_at.
QJsonObject toJson(const UsageEvent &event);

// All fields but id are required: region a region code, waddle_id and
// channel_id non-empty, participant_count a whole number ≥ 0,
// duration_seconds ≥ 0, quality 0…5, latency_ms ≥ 0, started_at ISO 8601.
Result<UsageEvent> usageEventFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
