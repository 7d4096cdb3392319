#pragma once

#include "domain/analytics/projectmetricpoint.h"
#include "domain/analytics/usageevent.h"
#include "domain/citytable.h"
#include "domain/geo.h"
#include "domain/member.h"
#include "domain/region.h"
#include "domain/waddle.h"

#include <QDateTime>
#include <QList>

#include <functional>

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

class SeededRandom;

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

// The sessions of the running demo fleet that start in [from, to) (SPEC §11:
// the demo produces usage live, as its history): per region the history's
// rate for the hour they fall in (2–20 an hour, following the region's local
// time), drawn the history's way for the waddles the region serves now (any
// waddle when it serves none); each latency from a random member of the
// session's waddle (`members`).
QList<domain::UsageEvent>
generateLiveUsage(const QList<domain::Region> &regions, const QList<domain::Waddle> &waddles,
                  const std::function<QList<domain::Member>(const QString &waddleId)> &members,
                  const QDateTime &from, const QDateTime &to, const domain::RttModel &model,
                  SeededRandom &random);

// The demo platform's meters besides participant minutes (seed 001's
// real-time metrics), derived from its sessions, for the fleet and for each
// session's waddle, at the session's start: its minute (live), or for a
// history its hour (fleet) and its UTC day (waddles), which keeps 30 days of
// history for hundreds of waddles to thousands of rows, not a million:
// - bandwidth_usage (GB): each of n participants sends one 48 kbit/s Opus
//   stream and receives the other n − 1: n² streams × 6,000 B/s × duration.
// - egress_minutes: one channel in kRecordedChannelOneIn is recorded
//   (isRecordedChannel); its sessions egress their duration once.
// - storage_usage (GB): a recording is 32 kbit/s: 4,000 B/s × duration.
inline constexpr int kRecordedChannelOneIn = 4;
bool isRecordedChannel(const QString &waddleId, const QString &channelId);
enum class MeterGrain
{
    Live,
    History
};
QList<domain::ProjectMetricPoint> demoMetricPoints(const QList<domain::UsageEvent> &events,
                                                   MeterGrain grain);

} // namespace waddle::sim
