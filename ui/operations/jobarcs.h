#pragma once

#include "ui/map/maparc.h"

#include <QList>
#include <QSet>
#include <QString>

namespace waddle::client {
class JobsModel;
} // namespace waddle::client

namespace waddle::ui {

// The moves in progress as map arcs (issue 13): a running migration from
// its region to the target; a running failover from the failed region to
// each target region it fills, weighted by that region's share of the
// moves (failing back: the other way). Arcs between the same two regions
// are drawn once, weighted by how many moves they carry. Scheduled,
// pending and finished jobs draw nothing.
QList<MapArc> arcsOfJobs(const client::JobsModel &jobs);

// The regions being drained: those of running failovers (their waddles are
// leaving). Failing back fills the region again, so it is not draining.
QSet<QString> drainingRegionsOfJobs(const client::JobsModel &jobs);

} // namespace waddle::ui
