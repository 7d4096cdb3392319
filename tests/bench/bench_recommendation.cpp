// Benchmark (issue 2): the recommendation for a waddle of 1,000,000 members
// placed in real cities (weighted by population) over 50 regions, and the
// same for members already grouped. Prints the median of several runs; the
// goal is under 50 ms on one core. Run: build/<preset>/bin/bench_recommendation
#include "domain/citytable.h"
#include "domain/placement/recommendation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSet>

#include <algorithm>
#include <cstdio>
#include <random>

using namespace waddle::domain;

namespace {

constexpr int kMembers = 1'000'000;
constexpr int kRegions = 50;
constexpr int kRuns = 9;

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

template <typename F>
QList<double> timeRuns(F &&work)
{
    QList<double> ms;
    for (int run = 0; run < kRuns; ++run) {
        QElapsedTimer timer;
        timer.start();
        work();
        ms.append(static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QList<City> &cities = defaultCityTable();

    // Members: cities drawn by population (fixed seed, so every run and
    // every machine sees the same waddle).
    std::mt19937_64 random(20261124);
    std::vector<double> weights;
    weights.reserve(static_cast<size_t>(cities.size()));
    for (const City &city : cities)
        weights.push_back(static_cast<double>(std::max<qint64>(1, city.population)));
    std::discrete_distribution<qsizetype> pick(weights.begin(), weights.end());
    std::vector<GeoPoint> members;
    members.reserve(kMembers);
    for (int i = 0; i < kMembers; ++i)
        members.push_back(cities.at(pick(random)).point);

    // Regions: the 50 most populous cities of distinct countries.
    QList<Region> regions;
    QSet<QString> countries;
    for (const City &city : cities) {
        if (regions.size() == kRegions)
            break;
        if (countries.contains(city.iso2))
            continue;
        countries.insert(city.iso2);
        Region region;
        region.code = QStringLiteral("r%1").arg(regions.size());
        region.location =
            GeoLocation{city.name, city.country, {}, city.point.latitude, city.point.longitude};
        region.capacity = Capacity{static_cast<qint64>(random() % 9000), 10000};
        regions.append(region);
    }

    QString winner;
    const QList<double> whole = timeRuns([&] {
        const QList<LocationGroup> groups = groupPoints(members);
        winner = recommendRegion(regions, groups).value().regionCode;
    });
    const QList<LocationGroup> groups = groupPoints(members);
    const QList<double> grouped = timeRuns([&] { (void)recommendRegion(regions, groups); });
    const QList<double> grouping = timeRuns([&] { (void)groupPoints(members); });

    std::printf("recommendation: %d members in %lld places over %lld regions, %d runs, one "
                "thread\n",
                kMembers, static_cast<long long>(groups.size()),
                static_cast<long long>(regions.size()), kRuns);
    std::printf("  group + score (whole): median %8.2f ms  min %8.2f ms  winner %s\n",
                median(whole), *std::min_element(whole.cbegin(), whole.cend()), qPrintable(winner));
    std::printf("  grouping alone:        median %8.2f ms  min %8.2f ms\n", median(grouping),
                *std::min_element(grouping.cbegin(), grouping.cend()));
    std::printf("  score grouped members: median %8.2f ms  min %8.2f ms\n", median(grouped),
                *std::min_element(grouped.cbegin(), grouped.cend()));
    std::printf("  goal: whole under 50 ms\n");
    return 0;
}
