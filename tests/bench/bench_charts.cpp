// The chart toolkit's frame budget (issue 14, ui/charts): a ChartView fed
// 1,000,000 points (one a second for 11.6 days, a noisy sine with a fixed
// seed) updates — axes fitted, LTTB to the budget of 2,000 points, only those
// turned into chart coordinates — lays out and paints (antialiased, as on
// screen) into a 1600×1000 QImage; then a zoom to one day (LTTB re-run over
// the shown range) and paint. Goal: update + paint under 16 ms. Next to it,
// in the same run, plain QtCharts fed the raw 1M points through
// QLineSeries::replace (the quick way; append() in a loop is quadratic,
// PERFORMANCE.md), updated and painted the same way: why the chart
// downsamples. Medians of this thread's CPU time (the wall clock too: on a
// shared machine it also counts other programs). Run offscreen, in Release:
//   cmake --preset bench && cmake --build --preset bench -j2 --target bench_charts
//   QT_QPA_PLATFORM=offscreen build/bench/bin/bench_charts

#include "domain/analytics/timeseries.h"
#include "ui/charts/chartview.h"
#include "vectorstate.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QElapsedTimer>
#include <QImage>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>
#include <vector>

using namespace waddle;

namespace {

constexpr qsizetype kPoints = 1'000'000;
constexpr QSize kSize(1600, 1000);
constexpr int kRuns = 15;
constexpr int kRawRuns = 3; // ~1 s each

QList<domain::MetricPoint> noisySine()
{
    std::mt19937_64 random(20130101); // fixed seed: every run sees the same series
    std::normal_distribution<double> noise(0.0, 5.0);
    const QDateTime start =
        QDateTime::fromMSecsSinceEpoch(1'735'689'600'000, Qt::UTC); // 2025-01-01
    QList<domain::MetricPoint> points;
    points.reserve(kPoints);
    for (qsizetype i = 0; i < kPoints; ++i) {
        const double phase = 2.0 * std::numbers::pi * static_cast<double>(i) / 86'400.0;
        points.append(domain::MetricPoint{start.addMSecs(i * 1000),
                                          100.0 + 50.0 * std::sin(phase) + noise(random)});
    }
    return points;
}

double elapsedMs(const QElapsedTimer &timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

// This thread's CPU time and the wall clock: on a shared machine the wall
// clock also counts the time other programs had the core.
struct Stopwatch
{
    QElapsedTimer wall;
    double cpuStart = bench::threadCpuMs();
    Stopwatch() { wall.start(); }
    [[nodiscard]] double cpuMs() const { return bench::threadCpuMs() - cpuStart; }
    [[nodiscard]] double wallMs() const { return elapsedMs(wall); }
};

struct Row
{
    std::vector<double> update; // CPU ms: the data handed over
    std::vector<double> layout; // CPU ms: the layout work QtCharts posted
    std::vector<double> paint;  // CPU ms: rendering into the image
    std::vector<double> total;  // CPU ms
    std::vector<double> wall;   // ms
    // Times `change`, the posted layout work and the paint of `view` into
    // `image`.
    template <typename Change>
    void time(QGraphicsView &view, QImage &image, Change change)
    {
        const Stopwatch all;
        change();
        const double updated = all.cpuMs();
        QCoreApplication::sendPostedEvents();
        const double laidOut = all.cpuMs();
        {
            QPainter painter(&image);
            painter.setRenderHints(view.renderHints()); // antialiased, as on screen
            view.render(&painter);
        }
        const double done = all.cpuMs();
        update.push_back(updated);
        layout.push_back(laidOut - updated);
        paint.push_back(done - laidOut);
        total.push_back(done);
        wall.push_back(all.wallMs());
    }
    void print(const char *what) const
    {
        std::printf("  %-46s update %6.2f + layout %6.2f + paint %6.2f = %7.2f ms CPU (wall "
                    "%7.2f)\n",
                    what, bench::median(update), bench::median(layout), bench::median(paint),
                    bench::median(total), bench::median(wall));
    }
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QList<domain::MetricPoint> points = noisySine();
    QImage image(kSize, QImage::Format_ARGB32_Premultiplied);
    std::printf("bench_charts (issue 14): %lld points into a %dx%d chart\n",
                static_cast<long long>(kPoints), kSize.width(), kSize.height());

    // The parts of an update, alone.
    {
        std::vector<double> convert;
        std::vector<double> lttb;
        for (int run = 0; run < kRuns; ++run) {
            Stopwatch watch;
            QList<QPointF> xy;
            xy.reserve(points.size());
            for (const domain::MetricPoint &p : points)
                xy.append(QPointF(static_cast<qreal>(p.time.toMSecsSinceEpoch()), p.value));
            convert.push_back(watch.cpuMs());
            const double before = watch.cpuMs();
            const auto kept = domain::downsampleLttb(xy, ui::ChartView::kDefaultMaxPoints);
            lttb.push_back(watch.cpuMs() - before);
            if (kept.size() != ui::ChartView::kDefaultMaxPoints)
                return 1;
        }
        std::printf("  parts: MetricPoint -> QPointF %.2f ms, LTTB 1M -> %lld %.2f ms (CPU)\n",
                    bench::median(convert),
                    static_cast<long long>(ui::ChartView::kDefaultMaxPoints), bench::median(lttb));
    }

    // Ours: ChartView.
    {
        ui::ChartView view;
        view.setTitle(QStringLiteral("1,000,000 points"));
        view.setValueUnit(QStringLiteral("ms"));
        const int line = view.addLine(QStringLiteral("latency"), {});
        view.resize(kSize);
        view.show();
        QCoreApplication::processEvents();
        // Painted once a frame, into the image, not also into the window.
        view.viewport()->setUpdatesEnabled(false);
        Row empty;
        for (int run = 0; run < kRuns; ++run)
            empty.time(view, image, [] {});
        Row full;
        Row zoomed;
        const QDateTime dayFrom = points.at(kPoints / 2).time;
        const QDateTime dayTo = dayFrom.addDays(1);
        for (int run = 0; run < kRuns; ++run) {
            full.time(view, image, [&] { view.setLinePoints(line, points); });
            if (view.shownPoints(line).size() != view.maxPoints())
                return 1;
            zoomed.time(view, image, [&] { view.zoomToTime(dayFrom, dayTo); });
            view.resetZoom();
        }
        empty.print("ChartView, no points (the floor)");
        full.print("ChartView, 1M points (LTTB to 2,000)");
        zoomed.print("ChartView, zoom to one day (LTTB of 86,400 again)");
    }

    // The naive way: QtCharts with every point.
    {
        QChartView view;
        auto *chart = new QChart;
        chart->setAnimationOptions(QChart::NoAnimation);
        view.setChart(chart);
        view.setRenderHint(QPainter::Antialiasing);
        auto *series = new QLineSeries;
        chart->addSeries(series);
        auto *timeAxis = new QDateTimeAxis;
        auto *valueAxis = new QValueAxis;
        chart->addAxis(timeAxis, Qt::AlignBottom);
        chart->addAxis(valueAxis, Qt::AlignLeft);
        series->attachAxis(timeAxis);
        series->attachAxis(valueAxis);
        view.resize(kSize);
        view.show();
        QCoreApplication::processEvents();
        // Painted once a frame, into the image, not also into the window.
        view.viewport()->setUpdatesEnabled(false);
        Row raw;
        for (int run = 0; run < kRawRuns; ++run) {
            raw.time(view, image, [&] {
                QList<QPointF> xy;
                xy.reserve(points.size());
                double low = points.constFirst().value;
                double high = low;
                for (const domain::MetricPoint &p : points) {
                    xy.append(QPointF(static_cast<qreal>(p.time.toMSecsSinceEpoch()), p.value));
                    low = std::min(low, p.value);
                    high = std::max(high, p.value);
                }
                series->replace(xy);
                timeAxis->setRange(points.constFirst().time, points.constLast().time);
                valueAxis->setRange(low, high);
            });
        }
        raw.print("plain QtCharts, 1M points via replace()");
    }
    std::printf("  goal: ChartView update + paint under 16 ms\n");
    return 0;
}
