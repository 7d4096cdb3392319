#pragma once

#include "domain/placement/nearest.h"
#include "domain/placement/recommendation.h"
#include "domain/region.h"
#include "domain/result.h"
#include "domain/waddle.h"

#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

// The answers of the control plane's endpoints that are not yet one domain
// value (SPEC §12), with their decoders; region stats, health details and
// lists, alerts, faults and paged envelopes are domain types (the wire
// format, core/domain). Each decoder reads what the control plane writes
// and, where SPEC §3 asks for it, a stock seed-001 server's shape too.
namespace waddle::client {

// One stored version of a waddle and the ETag to send back as If-Match when
// changing it (SPEC §6 optimistic concurrency).
struct VersionedWaddle
{
    domain::Waddle waddle;
    QString etag; // quoted, as the header carries it: "\"w-w-0001-3\""

    friend bool operator==(const VersionedWaddle &, const VersionedWaddle &) = default;
};

// POST /regions/nearest (seed 001 plus our `preferred_honoured` and
// `candidates`, which a stock seed-001 server leaves out).
struct NearestAnswer
{
    domain::Region primary;
    QList<domain::Region> fallbacks;
    QString recommendedUrl;
    bool preferredHonoured = false;
    QList<domain::NearestCandidate> candidates; // every eligible region, by score

    friend bool operator==(const NearestAnswer &, const NearestAnswer &) = default;
};

domain::Result<NearestAnswer> nearestAnswerFromJson(const QJsonValue &json,
                                                    const QString &path = {});

// GET /waddles/{id}/recommendation. A waddle with no placed member (or no
// region to choose) has no recommendation: that is an answer, with the
// server's reason, not an error.
struct RecommendationAnswer
{
    QString waddleId;
    QString voiceRegion;
    QString currentRegion;
    std::optional<domain::Recommendation> recommendation;
    QString reason; // why there is none; empty when there is one

    friend bool operator==(const RecommendationAnswer &, const RecommendationAnswer &) = default;
};

domain::Result<RecommendationAnswer> recommendationAnswerFromJson(const QJsonValue &json,
                                                                  const QString &path = {});

} // namespace waddle::client
