// Full frames of the world map (ui/map/maprenderer.h) at 1600×900, device
// pixel ratio 1, into a QImage (ARGB32_Premultiplied): land, borders, the
// six regions with live health, and 100,000 member location groups
// (PERFORMANCE.md: stamp a cached sprite per dot). Prints the median of 20
// frames in each vector state (clean, right after a QSet<QString> lookup,
// ymm uppers set: tests/bench/vectorstate.h) and the ratios, for: the whole
// world with dots, without dots, with the density grid; Europe zoomed in
// (1:50m land); a live health update over the cached layers; each layer on
// its own; and the real widget painting on the GUI thread. Goal: a full
// frame under 16 ms, after QSet / clean ≤ 1.2. Build in Release for figures
// worth quoting.

#include "client/regionsmodel.h"
#include "domain/catalogue.h"
#include "domain/cpustate.h"
#include "ui/map/maplayer.h"
#include "ui/map/maprenderer.h"
#include "ui/map/mapwidget.h"
#include "vectorstate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

using namespace waddle;

namespace {

constexpr int kFrames = 20;
constexpr int kGroups = 100'000;
const QSize kSize(1600, 900);

// Members around 60 cities worldwide, most in Europe and North America,
// spread by a couple of degrees; a fixed seed.
QList<domain::LocationGroup> members()
{
    std::mt19937 random(20240501);
    std::uniform_real_distribution<double> latitude(-45.0, 65.0);
    std::uniform_real_distribution<double> longitude(-125.0, 150.0);
    std::normal_distribution<double> spread(0.0, 2.0);
    std::exponential_distribution<double> size(1.0);
    QList<domain::GeoPoint> centres;
    for (int i = 0; i < 40; ++i)
        centres.append({latitude(random), longitude(random)});
    for (int i = 0; i < 20; ++i) // Europe
        centres.append({45.0 + spread(random) * 3.0, 10.0 + spread(random) * 5.0});
    std::uniform_int_distribution<qsizetype> pick(0, centres.size() - 1);
    QList<domain::LocationGroup> groups;
    groups.reserve(kGroups);
    for (int i = 0; i < kGroups; ++i) {
        const domain::GeoPoint &c = centres[pick(random)];
        groups.append(domain::LocationGroup{
            {std::clamp(c.latitude + spread(random), -85.0, 85.0), c.longitude + spread(random)},
            QString(),
            qint64(std::ceil(std::pow(10.0, std::min(4.0, size(random)))))});
    }
    return groups;
}

void measure(const char *what, const std::function<void()> &frame)
{
    frame(); // warm: projections, sprites, glyph caches
    bench::printStates(what, bench::timeInStates(kFrames, frame), 44);
}

// The renderer's layers by zValue (maprenderer.h).
const char *layerName(double z)
{
    switch (int(z)) {
    case 0:
        return "background";
    case 10:
        return "land";
    case 20:
        return "borders";
    case 30:
        return "members";
    case 40:
        return "arcs";
    case 50:
        return "regions";
    case 60:
        return "user";
    case 70:
        return "legend";
    }
    return "?";
}

domain::RegionHealth healthOf(const QString &code, domain::RegionStatus status, double load)
{
    domain::RegionHealth health;
    health.code = code;
    health.status = status;
    health.score = 90.0 - 30.0 * load;
    health.reading.utilisation = load;
    health.checkedAt = QDateTime::currentDateTimeUtc();
    return health;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    const QList<domain::Region> catalogue = domain::defaultCatalogue();
    ui::MapRenderer renderer;
    renderer.setSize(QSizeF(kSize), 1.0);
    renderer.setRegions(catalogue);
    for (const domain::Region &region : catalogue)
        renderer.setRegionHealth(healthOf(region.code, domain::RegionStatus::Online, 0.4));
    renderer.setRegionHealth(healthOf(QStringLiteral("asia-se"), domain::RegionStatus::Offline, 0));
    renderer.setRegionHealth(
        healthOf(QStringLiteral("us-east"), domain::RegionStatus::Degraded, 0.93));
    renderer.setArcs({ui::MapArc{QStringLiteral("asia-se"), QStringLiteral("asia-ne"),
                                 ui::MapArcKind::Failover, 1.0}});
    renderer.setUserLocation(domain::GeoPoint{48.2, 16.4});
    const QList<domain::LocationGroup> groups = members();
    renderer.setMembers(groups, QStringLiteral("eu-west"));
    renderer.setCachingEnabled(false);

    QImage image(kSize, QImage::Format_ARGB32_Premultiplied);
    const auto frame = [&] {
        QPainter painter(&image);
        renderer.render(painter);
    };
    std::printf("Map frames %dx%d, DPR 1, %d member groups, %d frames per state\n", kSize.width(),
                kSize.height(), kGroups, kFrames);
    bench::printTrapNote();

    measure("world, land + borders + 100k dots", frame);
    renderer.setMembersVisible(false);
    measure("world, dots off", frame);
    renderer.setMembersVisible(true);
    renderer.setMemberDisplay(ui::MemberDisplay::Density);
    measure("world, density grid", frame);
    renderer.setMemberDisplay(ui::MemberDisplay::Dots);

    const ui::MapViewport world = renderer.viewport();
    renderer.viewport().fit({{36.0, -10.0}, {62.0, 30.0}}, 20.0);
    char zoomed[64];
    std::snprintf(zoomed, sizeof zoomed, "Europe (zoom %.1f, 1:50m), 100k dots",
                  renderer.viewport().zoom());
    measure(zoomed, frame);
    renderer.setViewport(world);

    // Live: a health update repaints the markers over the cached layers.
    renderer.setCachingEnabled(true);
    int tick = 0;
    measure("live health update (cached base)", [&] {
        renderer.setRegionHealth(healthOf(QStringLiteral("eu-west"), domain::RegionStatus::Online,
                                          0.3 + 0.01 * (tick++ % 50)));
        frame();
    });
    renderer.setCachingEnabled(false);

    // Each layer alone, to see where the time goes.
    const ui::MapViewport europe = [&] {
        ui::MapViewport v = world;
        v.fit({{36.0, -10.0}, {62.0, 30.0}}, 20.0);
        return v;
    }();
    for (const auto &[where, viewport] : {std::pair{"world", world}, std::pair{"Europe", europe}}) {
        renderer.setViewport(viewport);
        for (ui::MapLayer *layer : renderer.layers()) {
            char name[80];
            std::snprintf(name, sizeof name, "  %s, layer z=%2.0f %s", where, layer->zValue(),
                          layerName(layer->zValue()));
            measure(name, [&] {
                QPainter painter(&image);
                layer->render(painter, renderer.viewport());
            });
        }
    }

    // The real program: the map widget painting itself on the GUI thread
    // (widget, style, fonts, event loop before it), full frames.
    client::RegionsModel regionsModel;
    regionsModel.setRegions(catalogue);
    for (const domain::Region &region : catalogue)
        regionsModel.applyHealth(healthOf(region.code, domain::RegionStatus::Online, 0.4));
    ui::MapWidget widget;
    widget.resize(kSize);
    widget.setModel(&regionsModel);
    widget.setMembers(groups, QStringLiteral("eu-west"));
    widget.setUserLocation(domain::GeoPoint{48.2, 16.4});
    widget.renderer().setCachingEnabled(false);
    widget.show();
    QApplication::processEvents();
    widget.repaint(); // warm
    QApplication::processEvents();
    const auto stateText = [](std::optional<bool> inUse) {
        return !inUse ? "unknown" : *inUse ? "dirty" : "clean";
    };
    const auto timedRepaint = [&] {
        const double start = bench::threadCpuMs();
        widget.repaint();
        return bench::threadCpuMs() - start;
    };
    // As the event loop left the thread, no state set by hand ...
    const std::optional<bool> found = domain::upperVectorStateInUse();
    const double asFound = timedRepaint();
    // ... and right after the map's own QHash<QString> lookup.
    if (!widget.renderer().regionHealth(QStringLiteral("eu-west")))
        std::printf("(the map has no health for eu-west: the lookup still ran)\n");
    const std::optional<bool> afterLookup = domain::upperVectorStateInUse();
    const double afterLookupMs = timedRepaint();
    std::printf("\nThe real program: MapWidget::repaint() on the GUI thread, %dx%d, 100k dots\n",
                widget.width(), widget.height());
    std::printf("  as found after the event loop (upper state %s): %.2f ms\n"
                "  right after MapRenderer::regionHealth(), a QHash<QString> lookup (upper state "
                "%s): %.2f ms\n",
                stateText(found), asFound, stateText(afterLookup), afterLookupMs);
    measure("  MapWidget full repaint", [&] { widget.repaint(); });
    std::printf("goal: a full frame (world, 100k dots) under 16 ms, after QSet / clean <= 1.2\n");
    return 0;
}
