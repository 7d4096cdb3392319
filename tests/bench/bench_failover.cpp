// Issue 11 failover at scale: 10,000 waddles on one region of the demo fleet
// (one member each, so the other regions have room for all), the region
// forced offline, timed from the health monitor's detection to the last
// waddle moved, with the agents' room calls answered at once and taking
// 20 ms each. Same run, the pre-batch way (room calls and a transaction per
// waddle, batches of 10 one after another) against the batch way (one room
// call per target region and step, one transaction per batch, several
// batches in flight). Also the detection time with --health-interval 1 and
// whether any other region changed status (the demo fleet's 3 % jitter):
// "other moves" counts them, each listed below its row with the figures of
// the check that made it; "probes (failed)" are the other regions' health
// checks during the run and how many failed, with the slowest answer (a
// prober starved by a busy event loop would show there). Prints a table;
// not a test.
//
// Seen on the shared 2-core machine (2026-12-03): old way 60 s (0 ms) and
// 149 s (20 ms room calls); batch way 20 ms: 10 x 1 49 s, 10 x 16 12.4 s,
// 100 x 1 7.3 s, 100 x 4 (the default) 3.4 s, 250 x 4 2.6 s; none lost.
// 0 failed probes in every run; the only other status changes are the
// first backup (eu-north) going degraded as the failover fills it past
// 90 % of its maximum, back and forth with the load noise when it fills
// slowly (the old way), once when it fills in seconds.
//
// Issue 16: with WADDLE_TEST_POSTGRESQL naming a server (as for the tests;
// packaging/pg-cluster.sh starts one), every case runs a second time with
// its store on PostgreSQL (a fresh schema) next to the SQLite row. Seen
// (2026-12-03, the server on the same 2 cores): 100 x 4, 20 ms rooms:
// SQLite 3.0 s, PostgreSQL 24.7 s; 0 ms rooms: 2.6 s and 27.8 s; none lost
// on either (each batch's transaction is round trips to the server, on the
// instance's one connection).
//
// bench_failover [ROOM_MS:BATCH:IN_FLIGHT:old|batch ...] runs only those.

#include "controlplane/controlplane.h"
#include "controlplane/services/failoverservice.h"
#include "controlplane/services/healthservice.h"
#include "controlplane/store/waddlerepository.h"
#include "embedded/backend.h"
#include "sim/demofleet.h"
#include "sim/regionagent.h"
#include "support/testdatabase.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaddles = 10'000;
const QString kFailed = u"eu-west"_s;

struct Figures
{
    double detectionMs = -1; // fault → offline
    double failoverMs = -1;  // offline → last waddle moved
    qint64 moved = 0;
    qint64 unplaced = 0;
    qint64 failed = 0;
    qint64 lost = 0;          // waddles with no region afterwards
    int otherTransitions = 0; // status changes of the healthy regions
    QStringList transitions;  // "eu-north online→degraded at +812 ms (why)"
    int otherChecks = 0;      // health checks of the other regions meanwhile
    int otherProbeFailures = 0;
    double slowestProbeMs = 0; // the other regions' slowest /health answer
};

struct Case
{
    double roomMs = 0;
    int batch = 10;
    int inFlight = 1;
    bool perWaddle = false; // the pre-batch way
};

// `database`: empty for waddle.db in a temporary folder (SQLite).
Figures run(const Case &c, const QString &database)
{
    Figures f;
    QTemporaryDir dir;
    cp::ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    options.database = database;
    options.demo = true;
    options.demoWaddles = 0;
    options.healthIntervalMs = 1000;
    options.failoverBatchSize = c.batch;
    options.failoverBatchesInFlight = c.inFlight;
    options.failoverRoomCallsPerWaddle = c.perWaddle;
    options.failbackAfterSeconds = 3600;
    options.optimiseIntervalSeconds = 0;
    embedded::Backend backend(options);
    if (!backend.start()) {
        std::fprintf(stderr, "backend did not start\n");
        return f;
    }
    cp::ControlPlane &plane = backend.plane();
    QList<domain::Waddle> waddles;
    for (int i = 0; i < kWaddles; ++i) {
        domain::Waddle w;
        w.id = u"b-%1"_s.arg(i, 5, 10, QLatin1Char('0'));
        w.name = w.id;
        w.ownerId = u"bench"_s;
        w.currentRegion = kFailed;
        w.memberCount = 1;
        waddles.append(w);
    }
    if (!plane.waddles().insertWaddles(waddles, {})) {
        std::fprintf(stderr, "seeding failed\n");
        return f;
    }
    if (c.roomMs > 0) {
        for (sim::RegionAgent *agent : backend.fleet()->agents()) {
            if (agent->region().code != kFailed)
                agent->setFault({sim::RegionAgent::Fault::Kind::SlowRooms, c.roomMs});
        }
    }
    // Let the monitor see every region online first.
    QEventLoop settle;
    QTimer::singleShot(2500, &settle, &QEventLoop::quit);
    settle.exec();

    QElapsedTimer sinceFault;
    QElapsedTimer sinceDetection;
    QEventLoop done;
    QObject::connect(&plane, &cp::ControlPlane::regionStatusChanged, &done,
                     [&](const QString &code, domain::RegionStatus from, domain::RegionStatus to) {
                         if (code != kFailed) {
                             ++f.otherTransitions;
                             const auto health = plane.health().latest(code);
                             f.transitions.append(
                                 u"%1 %2→%3 at %4 ms after the fault: utilisation %5, "
                                 u"p99 %6 ms, answer in %7 ms %8"_s
                                     .arg(code, domain::toString(from), domain::toString(to))
                                     .arg(sinceFault.elapsed())
                                     .arg(health ? health->reading.utilisation : -1)
                                     .arg(health ? health->reading.p99Ms : -1)
                                     .arg(health ? health->reading.responseMs : -1)
                                     .arg(health ? health->message : QString()));
                             return;
                         }
                         if (to == domain::RegionStatus::Offline && f.detectionMs < 0) {
                             f.detectionMs = sinceFault.nsecsElapsed() / 1e6;
                             sinceDetection.start();
                         }
                     });
    QObject::connect(&plane.failovers(), &cp::FailoverService::jobSettled, &done,
                     [&](const QString &id, domain::FailoverState) {
                         f.failoverMs = sinceDetection.nsecsElapsed() / 1e6;
                         const auto job = plane.failovers().job(id);
                         if (job) {
                             const domain::FailoverTally t = domain::tally(job->moves);
                             f.moved = t.succeeded;
                             f.unplaced = t.unplaced;
                             f.failed = t.failed;
                         }
                         done.quit();
                     });
    // Every check of the other regions while the failover runs: did the
    // prober fail or wait behind a busy event loop?
    QHash<QString, QDateTime> seen;
    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, &done, [&] {
        for (const domain::Region &r : plane.regions()) {
            const auto health = plane.health().latest(r.code);
            if (r.code == kFailed || !health || seen.value(r.code) == health->checkedAt)
                continue;
            seen.insert(r.code, health->checkedAt);
            ++f.otherChecks;
            f.otherProbeFailures += health->reading.endpointHealthy ? 0 : 1;
            f.slowestProbeMs = std::max(f.slowestProbeMs, health->reading.responseMs);
        }
    });
    watch.start(20);
    QTimer::singleShot(600'000, &done, &QEventLoop::quit);
    sinceFault.start();
    backend.fleet()->setFault(kFailed, {sim::RegionAgent::Fault::Kind::Offline, 0.0});
    done.exec();
    const auto after = plane.waddles().waddles(0, kWaddles);
    if (after) {
        for (const domain::Waddle &w : after.value())
            f.lost += w.currentRegion.isEmpty() ? 1 : 0;
    }
    return f;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QList<Case> cases;
    for (const QString &arg : app.arguments().mid(1)) {
        const QStringList parts = arg.split(u':');
        if (parts.size() != 4) {
            std::fprintf(stderr, "usage: bench_failover [ROOM_MS:BATCH:IN_FLIGHT:old|batch ...]\n");
            return 2;
        }
        cases.append(
            {parts[0].toDouble(), parts[1].toInt(), parts[2].toInt(), parts[3] == u"old"_s});
    }
    if (cases.isEmpty()) {
        // The pre-batch way as it was (batches of 10, one at a time), then
        // the batch way with the defaults and a few other settings.
        cases = {{0.0, 10, 1, true},    {20.0, 10, 1, true},   {20.0, 10, 1, false},
                 {20.0, 10, 16, false}, {20.0, 100, 1, false}, {0.0, 100, 4, false},
                 {20.0, 100, 4, false}, {20.0, 250, 4, false}};
    }
    std::printf("bench_failover: %d waddles on %s, forced offline, --health-interval 1\n", kWaddles,
                qPrintable(kFailed));
    const bool postgreSql = !qEnvironmentVariableIsEmpty("WADDLE_TEST_POSTGRESQL");
    std::printf("engines: SQLite%s\n", postgreSql
                                           ? ", then PostgreSQL (WADDLE_TEST_POSTGRESQL)"
                                           : " (WADDLE_TEST_POSTGRESQL unset: no PostgreSQL rows)");
    std::printf("%-11s %-28s %9s %14s %6s %8s %6s %4s %11s %15s %13s\n", "engine",
                "way, room ms, batch x flight", "detect ms", "detect→last ms", "moved", "unplaced",
                "failed", "lost", "other moves", "probes (failed)", "slowest probe");
    for (const Case &c : std::as_const(cases)) {
        for (const bool onPostgreSql : {false, true}) {
            if (onPostgreSql && !postgreSql)
                continue;
            const Figures f = run(c, onPostgreSql ? test::freshPostgreSqlSchema() : QString());
            const QString label = u"%1, %2 ms, %3 x %4"_s.arg(c.perWaddle ? u"old"_s : u"batch"_s)
                                      .arg(c.roomMs)
                                      .arg(c.batch)
                                      .arg(c.inFlight);
            std::printf(
                "%-11s %-28s %9.0f %14.0f %6lld %8lld %6lld %4lld %11d %9d (%3d) %10.1f ms\n",
                onPostgreSql ? "PostgreSQL" : "SQLite", qPrintable(label), f.detectionMs,
                f.failoverMs, f.moved, f.unplaced, f.failed, f.lost, f.otherTransitions,
                f.otherChecks, f.otherProbeFailures, f.slowestProbeMs);
            for (const QString &t : std::as_const(f.transitions))
                std::printf("    %s\n", qPrintable(t));
            std::fflush(stdout);
        }
    }
    return 0;
}
