#pragma once

#include "domain/result.h"
#include "domain/waddle.h"
#include "router.h"

namespace waddle::cp {

class ControlPlane;

// Waddle endpoints (SPEC §6, §12): list, one (with an ETag), members, the
// recommendation with every region's score, and the voice-region update with
// optimistic concurrency (If-Match; a stale or missing one is a 409 that
// carries the current version, so nothing is overwritten silently).
class WaddleRoutes
{
public:
    explicit WaddleRoutes(ControlPlane &plane);
    void registerOn(Router &router);

private:
    void list(const ApiRequest &request, const Reply &reply);
    void one(const ApiRequest &request, const Reply &reply);
    void members(const ApiRequest &request, const Reply &reply);
    void recommendation(const ApiRequest &request, const Reply &reply);
    void setVoiceRegion(const ApiRequest &request, const Reply &reply);

    // The effective region for a waddle set to `voiceRegion`: the code itself
    // when pinned; on auto, the recommendation for its members, else what it
    // has, else the preferred online region.
    QString effectiveRegion(const domain::Waddle &waddle, const QString &voiceRegion) const;

    ControlPlane &m_plane;
};

} // namespace waddle::cp
