// The analyst screens' repaint budgets (issue 14), printed (not a test).
// A control plane with the demo fleet runs in this process (embedded::Backend,
// as the app's embedded mode wires it); the answers are fetched through the
// real controllers first, and only then is anything timed, from the moment
// the data reaches the screen (the controller's signal) to the window
// repainted (offscreen), QtCharts' deferred layout included.
// - Region dashboard, data cached: the open RegionDashboardDialog is handed
//   another region's dashboard (what a switch with the data at hand does).
//   Goal < 100 ms. Next to it: the old way to see another region, a new
//   dialog built, shown and painted (grab: it is not exposed yet) with the
//   same cached data.
// - Analytics screen: the first paint after the real-time cards, the 24 h
//   usage and a 14-day forecast arrive at a screen just shown (its own
//   calls go to a closed port, so nothing else arrives; the cards' own
//   lines stay empty, as that controller saw no refresh). Goal < 200 ms.
//   Next to it: the same data again (the 15 s refresh) and the whole screen
//   painted into an image with nothing new (QWidget::grab).
// Medians of this thread's CPU time (and the wall clock); the frames painted
// are saved to /tmp/bench-*.png for a look when WADDLE_BENCH_SAVE is set.
// Run offscreen, in Release:
//   cmake --preset bench && cmake --build --preset bench -j2 --target bench_analystscreens
//   QT_QPA_PLATFORM=offscreen build/bench/bin/bench_analystscreens

#include "client/analyticscontroller.h"
#include "client/apiclient.h"
#include "client/regiondashboardcontroller.h"
#include "domain/catalogue.h"
#include "embedded/backend.h"
#include "ui/analytics/analyticsscreen.h"
#include "ui/analytics/regiondashboarddialog.h"
#include "vectorstate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <vector>

using namespace waddle;

namespace {

constexpr int kRuns = 15;
constexpr int kScreenRuns = 9;
constexpr int kRegions = 6;

// Counts the paint events of every widget: a frame that painted nothing
// would time nothing, so each line says how many widgets its frames painted.
class PaintCounter final : public QObject
{
public:
    int paints = 0;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        paints += event->type() == QEvent::Paint ? 1 : 0;
        return QObject::eventFilter(watched, event);
    }
};

PaintCounter *paintCounter = nullptr;

// This thread's CPU time and the wall clock: on a shared machine the wall
// clock also counts the time other programs had the core.
struct Stopwatch
{
    QElapsedTimer wall;
    double cpuStart = bench::threadCpuMs();
    int paintsStart = paintCounter ? paintCounter->paints : 0;
    Stopwatch() { wall.start(); }
    [[nodiscard]] double cpuMs() const { return bench::threadCpuMs() - cpuStart; }
    [[nodiscard]] int paints() const { return paintCounter->paints - paintsStart; }
    [[nodiscard]] double wallMs() const { return static_cast<double>(wall.nsecsElapsed()) / 1e6; }
};

struct Times
{
    std::vector<double> cpu;
    std::vector<double> wall;
    int paints = 0; // widget paint events in all runs
    void add(const Stopwatch &watch)
    {
        cpu.push_back(watch.cpuMs());
        wall.push_back(watch.wallMs());
        paints += watch.paints();
    }
};

// Spins the event loop until `signal` of `sender` fires (or `timeoutMs`);
// answers whether it fired.
template <typename Sender, typename Signal>
bool waitFor(Sender *sender, Signal signal, int timeoutMs = 10000)
{
    QEventLoop loop;
    bool fired = false;
    const auto connection = QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(connection);
    return fired;
}

// The frame the new data asks for: QtCharts' deferred layout and the scene's
// updates, then the window's repaint of what changed into its backing store,
// all of them posted events.
void frame()
{
    // Three passes: QGraphicsScene posts its changes on to the view, which posts
    // its repaint.
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::sendPostedEvents();
}

void drain(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void print(const char *what, const Times &times)
{
    std::printf("  %-62s %7.2f ms CPU (wall %7.2f), worst %7.2f CPU, median of %zu, %d widget "
                "paints per run\n",
                what, bench::median(times.cpu), bench::median(times.wall),
                *std::max_element(times.cpu.cbegin(), times.cpu.cend()), times.cpu.size(),
                times.paints / static_cast<int>(times.cpu.size()));
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    PaintCounter paints;
    paintCounter = &paints;
    app.installEventFilter(&paints);
    QTemporaryDir dir;
    cp::ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    options.demo = true;
    options.demoSeed = 7;
    embedded::Backend backend(options);
    if (const auto started = backend.start(); !started) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(started.error().message));
        return 1;
    }
    client::ApiClient::Options apiOptions;
    apiOptions.baseUrl = backend.plane().baseUrl();
    apiOptions.apiKey = backend.plane().adminKey();
    apiOptions.maxRetries = 0;
    client::ApiClient api(apiOptions);
    std::printf("bench_analystscreens (issue 14), embedded demo backend\n");

    // --- Region dashboard -------------------------------------------------
    // The first regions of the catalogue the demo serves a dashboard for.
    QList<domain::Region> regions;
    QList<client::RegionDashboard> cached;
    {
        client::RegionDashboardController fetcher(api);
        std::optional<client::RegionDashboard> last;
        QObject::connect(&fetcher, &client::RegionDashboardController::loaded, &fetcher,
                         [&last](const client::RegionDashboard &d) { last = d; });
        const QList<domain::Region> catalogue = domain::defaultCatalogue();
        for (const domain::Region &region : catalogue) {
            last.reset();
            QEventLoop loop;
            QObject::connect(&fetcher, &client::RegionDashboardController::loaded, &loop,
                             &QEventLoop::quit);
            QObject::connect(&fetcher, &client::RegionDashboardController::failed, &loop,
                             &QEventLoop::quit);
            QTimer::singleShot(10000, &loop, &QEventLoop::quit);
            fetcher.show(region.code);
            loop.exec();
            if (last) {
                regions.append(region);
                cached.append(*last);
            }
            if (cached.size() == kRegions)
                break;
        }
        fetcher.stop();
    }
    if (cached.size() < 2) {
        std::fprintf(stderr, "fewer than two region dashboards\n");
        return 1;
    }
    {
        ui::RegionDashboardDialog dialog(api, regions.at(0).code, regions.at(0).name);
        dialog.show();
        if (!waitFor(&dialog.controller(), &client::RegionDashboardController::loaded))
            return 1;
        dialog.controller().stop();
        drain(50);
        Times switched;
        for (int run = 0; run < kRuns; ++run) {
            const client::RegionDashboard &next = cached.at((run + 1) % cached.size());
            const Stopwatch watch;
            Q_EMIT dialog.controller().loaded(next);
            frame();
            switched.add(watch);
        }
        if (qEnvironmentVariableIsSet("WADDLE_BENCH_SAVE"))
            dialog.grab().save(QStringLiteral("/tmp/bench-dashboard.png"));
        Times opened;
        for (int run = 0; run < kRuns; ++run) {
            const qsizetype i = (run + 1) % cached.size();
            const Stopwatch watch;
            auto fresh = std::make_unique<ui::RegionDashboardDialog>(api, regions.at(i).code,
                                                                     regions.at(i).name);
            fresh->show(); // asks the server too; that answer is not waited for
            Q_EMIT fresh->controller().loaded(cached.at(i));
            frame();
            // A new window is exposed later; its first paint, now, into an image.
            fresh->grab();
            opened.add(watch);
            fresh.reset();
            drain(20); // its own call comes back to nobody
        }
        char what[96];
        std::snprintf(what, sizeof what, "dashboard: switch region, data cached (%dx%d)",
                      dialog.width(), dialog.height());
        print(what, switched);
        print("dashboard, old way: a new dialog per region, same cached data", opened);
        std::printf("  goal: switch under 100 ms\n");
    }

    // --- Analytics screen -------------------------------------------------
    client::AnalyticsController live(api);
    std::optional<client::RealtimeDashboard> realtime;
    std::optional<QList<client::UsagePoint>> usage;
    std::optional<client::ForecastAnswer> forecast;
    QObject::connect(&live, &client::AnalyticsController::realtimeLoaded, &live,
                     [&](const client::RealtimeDashboard &d) { realtime = d; });
    QObject::connect(&live, &client::AnalyticsController::usageLoaded, &live,
                     [&](const QList<client::UsagePoint> &u) { usage = u; });
    QObject::connect(&live, &client::AnalyticsController::forecastLoaded, &live,
                     [&](const client::ForecastAnswer &f) { forecast = f; });
    live.refresh();
    live.loadUsage();
    live.loadForecast(QStringLiteral("participant_minutes"), 14,
                      QString(domain::kLinearRegressionModel));
    for (int i = 0; i < 100 && !(realtime && usage && forecast); ++i)
        drain(100);
    if (!realtime || !usage || !forecast) {
        std::fprintf(stderr, "the analytics answers did not come\n");
        return 1;
    }
    client::ApiClient::Options deadOptions = apiOptions;
    deadOptions.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // discard: refused
    client::ApiClient dead(deadOptions);
    Times first;
    Times again;
    Times unchanged;
    QSize screenSize;
    for (int run = 0; run < kScreenRuns; ++run) {
        client::AnalyticsController controller(dead);
        auto screen = std::make_unique<ui::AnalyticsScreen>(controller);
        screen->resize(1024, 700);
        screen->show();
        drain(300); // its own calls fail: "could not load", no forecast
        screenSize = screen->size();
        const auto arrive = [&] {
            Q_EMIT controller.realtimeLoaded(*realtime);
            Q_EMIT controller.usageLoaded(*usage);
            Q_EMIT controller.forecastLoaded(*forecast);
        };
        Stopwatch watch;
        arrive();
        frame();
        first.add(watch);
        if (run == 0 && qEnvironmentVariableIsSet("WADDLE_BENCH_SAVE"))
            screen->grab().save(QStringLiteral("/tmp/bench-analytics.png"));
        watch = Stopwatch();
        arrive();
        frame();
        again.add(watch);
        watch = Stopwatch();
        screen->grab(); // all of it, nothing new, into an image
        unchanged.add(watch);
        screen.reset();
    }
    char what[96];
    std::snprintf(what, sizeof what, "analytics screen: first paint after data arrives (%dx%d)",
                  screenSize.width(), screenSize.height());
    print(what, first);
    print("analytics screen: the same data again (the 15 s refresh)", again);
    print("analytics screen: all of it painted, nothing new (grab)", unchanged);
    std::printf("  goal: first paint under 200 ms\n");
    backend.stop();
    return 0;
}
