#pragma once

#include "domain/analytics/usageevent.h"
#include "domain/citytable.h"
#include "domain/geo.h"
#include "domain/member.h"
#include "domain/region.h"
#include "domain/waddle.h"

#include <QDateTime>
#include <QList>

namespace waddle::sim {

// What to generate. Everything drawn follows from `seed`: the same settings
// give identical data on every platform (the draws avoid the standard
// library's distributions, whose results differ between implementations).
struct DemoSettings
{
    quint64 seed = 1;
    int waddleCount = 240;
    int days = 30; // usage history: every hour of the last `days` days
    // The end of the history (its last whole hour); invalid means now.
    QDateTime now;
    domain::RttModel model; // member latencies in the usage history (SPEC §5)
};

// The demo world the embedded control plane starts with (SPEC §2, §11):
// waddles with members in real cities and 30 days of hourly voice usage.
struct DemoData
{
    QList<domain::Waddle> waddles;
    QList<domain::Member> members;
    QList<domain::UsageEvent> usage;
};

// Waddles: readable unique names, ids "w-0001"…, owners "owner-001"…, about
// 70 % on "auto" and 30 % pinned (mostly to the region nearest their home),
// member counts log-uniform over 5…500, 0–4 active voice channels.
// Members: each waddle has a home city drawn by population; about 75 % of its
// members live in cities within 2,500 km of home (drawn by population among
// those), the rest anywhere (by population). currentRegion: the pinned code,
// or for "auto" the winner of domain::recommendRegion over the member groups.
// Usage: for every region and every hour of the window, 2–20 sessions
// following diurnalUtilisation at the region's local solar hour.
DemoData generateDemoData(const QList<domain::Region> &regions, const QList<domain::City> &cities,
                          const DemoSettings &settings);

} // namespace waddle::sim
