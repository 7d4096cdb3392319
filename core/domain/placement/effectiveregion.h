#pragma once

#include "domain/geo.h"
#include "domain/placement/locationgroup.h"
#include "domain/region.h"
#include "domain/waddle.h"

#include <QList>
#include <QString>

namespace waddle::domain {

// The region a waddle runs on once its voice region is set to
// `voiceRegion` (SPEC §6): the code itself when pinned; on "auto", the
// recommendation for its members (`members`, grouped by place), else the
// region it has now, else the online active region with the lowest priority
// value; empty when there is none.
QString effectiveRegion(const Waddle &waddle, const QString &voiceRegion,
                        const QList<Region> &regions, const QList<LocationGroup> &members,
                        const RttModel &model = {});

} // namespace waddle::domain
