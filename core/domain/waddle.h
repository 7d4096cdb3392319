#pragma once

#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace waddle::domain {

// A waddle (a community with voice channels) as far as its voice region is
// concerned (SPEC §6, §9): the owner's choice, the region it actually runs
// in, and the failover bookkeeping that fail-back needs. `version` grows by
// one with every stored change and is what the ETag / If-Match optimistic
// concurrency of SPEC §6 compares.
struct Waddle
{
    QString id;
    QString name;
    QString ownerId;
    QString voiceRegion = QStringLiteral("auto"); // "auto" or a region code
    QString currentRegion;  // effective region; empty while none is assigned yet
    bool temporary = false; // moved by failover (SPEC §9), to be restored
    QString originalRegion; // where fail-back returns to; set when temporary
    qint64 memberCount = 0;
    int activeVoiceChannels = 0;
    qint64 version = 1;
    QDateTime updatedAt; // UTC; invalid when unknown

    // True when the owner left the choice to the app ("Automatic", SPEC §6).
    [[nodiscard]] bool isAutomatic() const;

    friend bool operator==(const Waddle &, const Waddle &) = default;
};

// The value of voice_region that means "let the app choose".
QString automaticVoiceRegion();

// True for "auto" and for every valid region code.
bool isValidVoiceRegion(QStringView value);

// snake_case JSON: id, name, owner_id, voice_region, current_region (null
// when empty), temporary, original_region (only when set), member_count,
// active_voice_channels, version, updated_at (only when valid).
QJsonObject toJson(const Waddle &waddle);

// Requires id (non-empty), name and voice_region; the rest defaults as in the
// struct. voice_region is "auto" or a region code, current_region and
// original_region are region codes, temporary: true needs original_region,
// counts are non-negative and version is at least 1.
Result<Waddle> waddleFromJson(const QJsonValue &json, const QString &path = {});

// The body of "save region" (SPEC §6): {"region": "auto" | code}.
struct VoiceRegionUpdate
{
    QString region;

    friend bool operator==(const VoiceRegionUpdate &, const VoiceRegionUpdate &) = default;
};

QJsonObject toJson(const VoiceRegionUpdate &update);
Result<VoiceRegionUpdate> voiceRegionUpdateFromJson(const QJsonValue &json,
                                                    const QString &path = {});

// A strong HTTP entity tag for one stored version of a waddle, quoted as the
// ETag and If-Match headers carry it: "w-<id>-<version>" (RFC 9110 §8.8.3).
// Characters of the id that an entity tag may not hold are percent-encoded.
QString waddleETag(const Waddle &waddle);

} // namespace waddle::domain
