// How true the latency prober's figures are (SPEC §4): against the demo fleet
// (vantage Frankfurt, jitter 0, loss 0, so every reply is due at exactly the
// model RTT), each region's measured minus model RTT over 40 samples, median
// and p95, in HTTP and STUN mode; next to it the same warm /ping timed by
// curl (two URLs on one command line, so the second reuses the connection);
// and the wall time of a whole default test (6 regions × 5 samples, 100 ms
// apart). The fleet runs on its own thread, as the app's embedded backend
// does, so the agents' timers do not wait on the prober's event handling.
// Then the prober's statistics kernel (domain::computeLatencyStats) in each
// vector state (clean, right after a QSet<QString> lookup, ymm uppers set:
// tests/bench/vectorstate.h): over 200,000 samples, and the real run fed
// through the results screen's model (LatencyResultsModel, statistics at every
// sample) on the thread the prober ran on. Prints a table; not a test.

#include "client/latencyresultsmodel.h"
#include "client/probe/latencyprober.h"
#include "domain/catalogue.h"
#include "domain/cpustate.h"
#include "sim/demofleet.h"
#include "vectorstate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>
#include <qcorotask.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

constexpr int kSamples = 40;
constexpr int kGapMs = 20;
constexpr int kCurlRuns = 7;
constexpr int kWallRuns = 3;
constexpr int kStatsSamples = 200'000;
constexpr int kStatsRuns = 15;
constexpr int kRealRepeats = 100;
const domain::GeoPoint kFrankfurt{50.11, 8.68};

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return domain::percentileOfSorted(values, p);
}

// The demo fleet on a thread of its own.
class FleetThread
{
public:
    FleetThread()
    {
        m_thread.start();
        m_fleet = new sim::DemoFleet(domain::defaultCatalogue(), kFrankfurt, 42);
        m_fleet->setJitterFraction(0.0);
        m_fleet->setLossProbability(0.0);
        m_fleet->moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            m_fleet, [this] { m_started = m_fleet->start(); }, Qt::BlockingQueuedConnection);
    }

    ~FleetThread()
    {
        QMetaObject::invokeMethod(
            m_fleet, [this] { delete m_fleet; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    [[nodiscard]] bool started() const { return m_started; }
    sim::DemoFleet &fleet() { return *m_fleet; }

private:
    QThread m_thread;
    sim::DemoFleet *m_fleet = nullptr;
    bool m_started = false;
};

struct Figures
{
    double medianMs = 0.0;
    double p95Ms = 0.0;
    int lost = 0;
};

// Measured minus model, per region, for one mode.
std::map<QString, Figures> proberErrors(sim::DemoFleet &fleet, client::ProbeMode mode,
                                        QList<client::LatencyResult> *keep = nullptr)
{
    client::LatencyProber prober;
    client::LatencyProber::Settings settings;
    settings.mode = mode;
    settings.samples = kSamples;
    settings.gapMs = kGapMs;
    const QList<client::LatencyResult> results =
        QCoro::waitFor(prober.run(fleet.regions(), settings));
    if (keep)
        *keep = results;
    std::map<QString, Figures> out;
    for (const client::LatencyResult &r : results) {
        const double model = fleet.agent(r.regionCode)->modelRttMs();
        QList<double> errors;
        Figures f;
        for (const domain::LatencySample &s : r.samples) {
            if (s.outcome == domain::SampleOutcome::Received)
                errors.append(s.rttMs - model);
            else
                ++f.lost;
        }
        f.medianMs = percentile(errors, 0.5);
        f.p95Ms = percentile(errors, 0.95);
        out[r.regionCode] = f;
    }
    return out;
}

// curl's time_total for the second of two GETs on one command line (a warm,
// reused connection), minus the model; median of kCurlRuns runs. The event
// loop keeps running meanwhile (the fleet answers from its own thread anyway).
std::optional<double> curlWarmError(const QString &curl, const QString &url, double model)
{
    QList<double> errors;
    for (int run = 0; run < kCurlRuns; ++run) {
        QProcess p;
        p.start(curl, {u"-s"_s, u"--noproxy"_s, u"*"_s, u"-o"_s, u"/dev/null"_s, u"-o"_s,
                       u"/dev/null"_s, u"-w"_s, u"%{num_connects} %{time_total}\\n"_s, url, url});
        QEventLoop loop;
        QObject::connect(&p, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        if (p.state() != QProcess::NotRunning)
            loop.exec();
        const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
        if (lines.size() != 2)
            return std::nullopt;
        const QList<QByteArray> second = lines.at(1).split(' ');
        if (second.size() != 2 || second.at(0) != "0") // 0 new connections: reused
            return std::nullopt;
        errors.append(second.at(1).toDouble() * 1000.0 - model);
    }
    return percentile(errors, 0.5);
}

double wallTimeOfDefaultTestMs(sim::DemoFleet &fleet, client::ProbeMode mode)
{
    QList<double> walls;
    for (int run = 0; run < kWallRuns; ++run) {
        client::LatencyProber prober;
        client::LatencyProber::Settings settings; // 5 samples, 100 ms gap, 5 s timeout
        settings.mode = mode;
        QElapsedTimer timer;
        timer.start();
        const QList<client::LatencyResult> results =
            QCoro::waitFor(prober.run(fleet.regions(), settings));
        walls.append(timer.nsecsElapsed() / 1e6);
        if (results.size() != 6)
            return -1.0;
    }
    return percentile(walls, 0.5);
}

// Round trips as a prober sees them: log-normal around 40 ms, 2 % lost.
QList<domain::LatencySample> syntheticSamples()
{
    std::mt19937 random(20240917);
    std::lognormal_distribution<double> rtt(3.7, 0.35);
    std::bernoulli_distribution lost(0.02);
    QList<domain::LatencySample> samples;
    samples.reserve(kStatsSamples);
    for (int i = 0; i < kStatsSamples; ++i) {
        domain::LatencySample s;
        s.sequence = i;
        s.outcome = lost(random) ? domain::SampleOutcome::Lost : domain::SampleOutcome::Received;
        s.rttMs = rtt(random);
        samples.append(s);
    }
    return samples;
}

void statisticsKernel(const QList<client::LatencyResult> &realRun)
{
    std::printf("\nThe prober's statistics (domain::computeLatencyStats), %d runs per state\n",
                kStatsRuns);
    bench::printTrapNote();
    const QList<domain::LatencySample> samples = syntheticSamples();
    // An out-of-line call into another library: the compiler cannot drop it.
    bench::printStates("  200,000 samples", bench::timeInStates(kStatsRuns, [&] {
                           (void)domain::computeLatencyStats(samples);
                       }));

    // The real program: the results screen's model fed with the real run, as
    // LatencyResultsModel::follow() feeds it from the prober's signals on the
    // GUI thread (this thread, where the prober ran): a row lookup by region
    // code and the statistics recomputed at every sample.
    QStringList codes;
    qsizetype realSamples = 0;
    for (const client::LatencyResult &r : realRun) {
        codes.append(r.regionCode);
        realSamples += r.samples.size();
    }
    const auto feedModel = [&] {
        for (int i = 0; i < kRealRepeats; ++i) {
            client::LatencyResultsModel model;
            model.onStarted(codes);
            for (const client::LatencyResult &r : realRun) {
                for (const domain::LatencySample &sample : r.samples)
                    model.onSample(r.regionCode, sample);
                model.onRegionFinished(r);
            }
        }
    };
    // As the event loop left the thread, no state set by hand.
    const std::optional<bool> found = domain::upperVectorStateInUse();
    const double start = bench::threadCpuMs();
    feedModel();
    const double asFound = bench::threadCpuMs() - start;
    std::printf("  LatencyResultsModel fed the real run (%lld samples, %lld regions), %d times:\n"
                "    as found after the prober's event loop (upper state %s): %.2f ms\n",
                static_cast<long long>(realSamples), static_cast<long long>(realRun.size()),
                kRealRepeats,
                !found   ? "unknown"
                : *found ? "dirty"
                         : "clean",
                asFound);
    bench::printStates("    results model, real samples",
                       bench::timeInStates(kStatsRuns, feedModel));
    std::printf("  goal: after QSet / clean <= 1.2\n");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    FleetThread fleetThread;
    if (!fleetThread.started()) {
        std::fprintf(stderr, "bench_prober: the demo fleet did not start\n");
        return 1;
    }
    sim::DemoFleet &fleet = fleetThread.fleet();

    std::printf("Latency prober accuracy against the demo fleet (vantage Frankfurt, jitter 0, "
                "loss 0)\n%d samples per region, %d ms apart, all regions at once; error = "
                "measured − model RTT, ms\n\n",
                kSamples, kGapMs);

    QList<client::LatencyResult> realRun;
    const auto http = proberErrors(fleet, client::ProbeMode::Http, &realRun);
    const auto stun = proberErrors(fleet, client::ProbeMode::Stun);
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);

    std::printf("%-9s %8s | %8s %8s %4s | %8s %8s %4s | %12s\n", "region", "model", "HTTP med",
                "HTTP p95", "lost", "STUN med", "STUN p95", "lost", "curl warm med");
    for (const domain::Region &region : fleet.regions()) {
        const double model = fleet.agent(region.code)->modelRttMs();
        const Figures h = http.at(region.code);
        const Figures s = stun.at(region.code);
        QString curlText = u"(no curl)"_s;
        if (!curl.isEmpty()) {
            const std::optional<double> c = curlWarmError(curl, region.pingUrl, model);
            curlText = c ? QString::asprintf("%+.3f", *c) : u"(failed)"_s;
        }
        std::printf("%-9s %8.2f | %+8.3f %+8.3f %4d | %+8.3f %+8.3f %4d | %12s\n",
                    qPrintable(region.code), model, h.medianMs, h.p95Ms, h.lost, s.medianMs,
                    s.p95Ms, s.lost, qPrintable(curlText));
    }
    if (curl.isEmpty())
        std::printf("curl is not installed: its column is skipped\n");
    else
        std::printf("curl: median of %d runs of `curl URL URL`, time_total of the second "
                    "(reused connection) minus model\n",
                    kCurlRuns);

    std::printf("\nWall time of a whole default test (6 regions × 5 samples, 100 ms gap), "
                "median of %d:\n",
                kWallRuns);
    for (const auto mode :
         {client::ProbeMode::Http, client::ProbeMode::Stun, client::ProbeMode::Tcp}) {
        std::printf("  %-4s %8.1f ms\n", qPrintable(client::toString(mode)),
                    wallTimeOfDefaultTestMs(fleet, mode));
    }
    double slowest = 0.0;
    for (const sim::RegionAgent *agent : fleet.agents())
        slowest = std::max(slowest, agent->modelRttMs());
    std::printf("  floor: warm-up + 5 samples + 4 gaps of the slowest region = %.1f ms\n",
                6 * slowest + 4 * 100.0);

    statisticsKernel(realRun);
    return 0;
}
