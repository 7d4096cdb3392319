// Issue 11 failover at scale: 10,000 waddles on one region of the demo fleet
// (one member each, so the other regions have room for all), the region
// forced offline, timed from the health monitor's detection to the last
// waddle moved, with the agents' room calls answered at once and taking
// 20 ms each (batches of 10 and of 100). Also the detection time with
// --health-interval 1 and whether any other region flapped (the demo fleet's
// 3 % jitter). Prints a table; not a test.

#include "controlplane/controlplane.h"
#include "controlplane/services/failoverservice.h"
#include "controlplane/services/healthservice.h"
#include "controlplane/store/waddlerepository.h"
#include "embedded/backend.h"
#include "sim/demofleet.h"
#include "sim/regionagent.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

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
};

Figures run(double roomMs, int batch)
{
    Figures f;
    QTemporaryDir dir;
    cp::ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    options.demo = true;
    options.demoWaddles = 0;
    options.healthIntervalMs = 1000;
    options.failoverBatchSize = batch;
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
    if (roomMs > 0) {
        for (sim::RegionAgent *agent : backend.fleet()->agents()) {
            if (agent->region().code != kFailed)
                agent->setFault({sim::RegionAgent::Fault::Kind::SlowRooms, roomMs});
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
                     [&](const QString &code, domain::RegionStatus, domain::RegionStatus to) {
                         if (code != kFailed) {
                             ++f.otherTransitions;
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
    std::printf("bench_failover: %d waddles on %s, forced offline, --health-interval 1\n", kWaddles,
                qPrintable(kFailed));
    std::printf("%-22s %12s %14s %8s %9s %7s %5s %12s\n", "room calls / batch", "detection ms",
                "detect→last ms", "moved", "unplaced", "failed", "lost", "other flaps");
    const struct
    {
        double roomMs;
        int batch;
    } cases[] = {{0.0, 10}, {20.0, 10}, {20.0, 100}};
    for (const auto &c : cases) {
        const Figures f = run(c.roomMs, c.batch);
        std::printf("%-22s %12.0f %14.0f %8lld %9lld %7lld %5lld %12d\n",
                    qPrintable(u"%1 ms / %2"_s.arg(c.roomMs).arg(c.batch)), f.detectionMs,
                    f.failoverMs, f.moved, f.unplaced, f.failed, f.lost, f.otherTransitions);
        std::fflush(stdout);
    }
    return 0;
}
