#pragma once

#include "domain/placement/nearestanswer.h"
#include "domain/placement/recommendationanswer.h"
#include "domain/waddle.h"

#include <QString>

// What the client adds to the control plane's answers (SPEC §12): every
// JSON shape is a domain type (core/domain, the wire format server and client
// share); a waddle read comes with the ETag header to send back.
namespace waddle::client {

// One stored version of a waddle and the ETag to send back as If-Match when
// changing it (SPEC §6 optimistic concurrency).
struct VersionedWaddle
{
    domain::Waddle waddle;
    QString etag; // quoted, as the header carries it: "\"w-w-0001-3\""

    friend bool operator==(const VersionedWaddle &, const VersionedWaddle &) = default;
};

// The endpoints' answers are domain types (the wire format). These two
// names stay as aliases so code written against them keeps building.
using domain::NearestAnswer;
using domain::RecommendationAnswer;

} // namespace waddle::client
