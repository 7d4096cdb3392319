// Benchmark (issue 2, issue 8): the recommendation for a waddle of 1,000,000
// members placed in real cities (weighted by population) over 50 regions,
// the same for members already grouped, and a failover plan; each timed in a
// clean vector state and right after a QSet<QString> lookup (vectorstate.h).
// Then the real program: the kernels on the control plane's own thread, after
// it has served HTTP requests. Goal: whole under 50 ms on one core, after
// QSet / clean ≤ 1.2 (the regression guard: below 1.5). Prints, never asserts.
// Run: build/<preset>/bin/bench_recommendation
#include "controlplane/services/healthservice.h"
#include "domain/citytable.h"
#include "domain/cpustate.h"
#include "domain/placement/failover.h"
#include "domain/placement/recommendation.h"
#include "embedded/backend.h"
#include "vectorstate.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace waddle;
using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

constexpr int kMembers = 1'000'000;
constexpr int kRegions = 50;
constexpr int kWaddles = 5'000;
constexpr int kRuns = 9;

struct Workload
{
    std::vector<GeoPoint> members;
    QList<LocationGroup> groups;
    QList<Region> regions;
    QHash<QString, double> health;
    QList<FailoverWaddle> waddles;
};

Workload makeWorkload()
{
    const QList<City> &cities = defaultCityTable();
    Workload w;
    // Members: cities drawn by population (fixed seed, so every run and
    // every machine sees the same waddle).
    std::mt19937_64 random(20261124);
    std::vector<double> weights;
    weights.reserve(static_cast<size_t>(cities.size()));
    for (const City &city : cities)
        weights.push_back(static_cast<double>(std::max<qint64>(1, city.population)));
    std::discrete_distribution<qsizetype> pick(weights.begin(), weights.end());
    w.members.reserve(kMembers);
    for (int i = 0; i < kMembers; ++i)
        w.members.push_back(cities.at(pick(random)).point);
    w.groups = groupPoints(w.members);

    // Regions: the 50 most populous cities of distinct countries.
    QSet<QString> countries;
    for (const City &city : cities) {
        if (w.regions.size() == kRegions)
            break;
        if (countries.contains(city.iso2))
            continue;
        countries.insert(city.iso2);
        Region region;
        region.code = QStringLiteral("r%1").arg(w.regions.size());
        region.location =
            GeoLocation{city.name, city.country, {}, city.point.latitude, city.point.longitude};
        region.capacity = Capacity{static_cast<qint64>(random() % 9000), 10000};
        w.health.insert(region.code, 0.5 + 0.01 * static_cast<double>(w.regions.size()));
        w.regions.append(region);
    }
    // Failover: the first region fails; waddles of 1–4 members, from where
    // the members are.
    for (int i = 0; i < kWaddles; ++i) {
        w.waddles.append(FailoverWaddle{u"w%1"_s.arg(i), 1 + i % 4,
                                        w.members[static_cast<size_t>(i) * 37 % kMembers]});
    }
    return w;
}

// The kernels, each as one timed unit of work.
struct Kernels
{
    const Workload &w;
    QString winner;

    void whole()
    {
        const QList<LocationGroup> groups = groupPoints(w.members);
        winner = recommendRegion(w.regions, groups).value().regionCode;
    }
    void grouped() const { (void)recommendRegion(w.regions, w.groups); }
    void grouping() const { (void)groupPoints(w.members); }
    void failover() const { (void)planFailover(w.regions.front(), w.regions, w.health, w.waddles); }
};

// Times the kernels in the three states (in this thread) and prints them.
double printKernels(Kernels &k, const char *indent)
{
    const double ratio = bench::printStates(std::string(indent) + "group + score (whole)",
                                            bench::timeInStates(kRuns, [&] { k.whole(); }));
    bench::printStates(std::string(indent) + "grouping alone",
                       bench::timeInStates(kRuns, [&] { k.grouping(); }));
    bench::printStates(std::string(indent) + "score grouped members",
                       bench::timeInStates(kRuns, [&] { k.grouped(); }));
    bench::printStates(std::string(indent) + "failover plan, 5k waddles",
                       bench::timeInStates(kRuns, [&] { k.failover(); }));
    return ratio;
}

const char *stateText(std::optional<bool> inUse)
{
    return !inUse ? "unknown (the CPU cannot tell)" : *inUse ? "dirty" : "clean";
}

// The control plane with the demo fleet on a thread of its own, as the
// embedded backend runs it.
class PlaneThread
{
public:
    PlaneThread()
    {
        m_thread.setObjectName(u"control plane"_s);
        m_context.moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            &m_context,
            [this] {
                cp::ControlPlaneOptions options;
                options.port = 0;
                options.dataDir = m_dir.path();
                options.demo = true;
                options.demoSeed = 7;
                m_backend = new embedded::Backend(options);
                const Result<void> started = m_backend->start();
                m_error = started ? QString() : started.error().message;
            },
            Qt::BlockingQueuedConnection);
    }
    ~PlaneThread()
    {
        QMetaObject::invokeMethod(
            &m_context, [this] { delete m_backend; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    [[nodiscard]] const QString &error() const { return m_error; }
    cp::ControlPlane &plane() { return m_backend->plane(); }
    template <typename F>
    void run(F &&work)
    {
        QMetaObject::invokeMethod(&m_context, std::forward<F>(work), Qt::BlockingQueuedConnection);
    }

private:
    QTemporaryDir m_dir;
    QThread m_thread;
    QObject m_context;
    embedded::Backend *m_backend = nullptr;
    QString m_error;
};

// A real request through the control plane's HTTP API (routes, auth, SQL,
// JSON: QHash<QString> all along), answered on the plane's thread.
int get(QNetworkAccessManager &network, const QUrl &url, const QString &key)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

void realProgram(const Workload &w)
{
    PlaneThread host;
    if (!host.error().isEmpty()) {
        std::printf("control plane did not start: %s\n", qPrintable(host.error()));
        return;
    }
    QNetworkAccessManager network;
    const QUrl base = host.plane().baseUrl();
    const QString key = host.plane().adminKey();
    QElapsedTimer route;
    route.start();
    int ok = 0;
    for (int i = 1; i <= 4; ++i) {
        QUrl url = base;
        url.setPath(u"/api/v1/waddles/w-%1/recommendation"_s.arg(i, 4, 10, QLatin1Char('0')));
        ok += get(network, url, key) == 200;
        url.setPath(u"/api/v1/regions"_s);
        ok += get(network, url, key) == 200;
    }
    const double routeMs = static_cast<double>(route.nsecsElapsed()) / 1e6;

    std::printf("\nThe real program: control plane thread (demo fleet, after %d/8 real HTTP "
                "requests answered OK, %.1f ms)\n",
                ok, routeMs);
    host.run([&w, &host] {
        Kernels k{w, {}};
        const auto timed = [](auto &&work) {
            const double start = bench::threadCpuMs();
            work();
            return bench::threadCpuMs() - start;
        };
        // As the event loop left the thread, no state set by hand ...
        const std::optional<bool> found = upperVectorStateInUse();
        const double grouped = timed([&] { k.grouped(); });
        // ... and right after the plane's own QHash<QString> lookup.
        const bool known = host.plane().health().latest(u"eu-west"_s).has_value();
        const std::optional<bool> afterLookup = upperVectorStateInUse();
        const double groupedAfterLookup = timed([&] { k.grouped(); });
        const bool stillKnown = host.plane().health().latest(u"eu-west"_s).has_value();
        const double failoverAfterLookup = timed([&] { k.failover(); });
        std::printf("  as found (upper state %s): score grouped members %.2f ms\n"
                    "  right after HealthService::latest(), a QHash<QString> lookup (upper state "
                    "%s): score grouped members %.2f ms, failover plan %.2f ms\n",
                    stateText(found), grouped, stateText(afterLookup), groupedAfterLookup,
                    failoverAfterLookup);
        if (!known || !stillKnown)
            std::printf("  (no health for eu-west yet: the lookups still ran)\n");
        printKernels(k, "  ");
    });
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Workload w = makeWorkload();
    Kernels k{w, {}};

    std::printf("recommendation: %d members in %lld places over %lld regions, %d runs per state, "
                "one thread\n",
                kMembers, static_cast<long long>(w.groups.size()),
                static_cast<long long>(w.regions.size()), kRuns);
    bench::printTrapNote();
    const double ratio = printKernels(k, "  ");
    std::printf("  winner %s\n", qPrintable(k.winner));
    std::printf("  goal: whole under 50 ms; after QSet / clean <= 1.2 (regression guard: < 1.5), "
                "here %.2f: %s\n",
                ratio, ratio < 1.5 ? "within the guard" : "OVER THE GUARD");

    realProgram(w);
    return 0;
}
