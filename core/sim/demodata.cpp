#include "demodata.h"

#include "domain/placement/locationgroup.h"
#include "domain/placement/recommendation.h"
#include "domain/stablehash.h"
#include "loadcurve.h"
#include "seededrandom.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <span>
#include <unordered_map>

using namespace Qt::StringLiterals;

namespace waddle::sim {

namespace {

// Demo-world shape (SPEC §2 demo fleet; the figures of the brief).
constexpr double kAutomaticShare = 0.70;   // waddles on "auto"
constexpr double kPinNearestShare = 0.70;  // pinned waddles on their nearest region
constexpr double kLocalMemberShare = 0.75; // members near the waddle's home
constexpr double kLocalRadiusKm = 2500.0;  // "near"
constexpr double kMinMembers = 5.0;
constexpr double kMaxMembers = 500.0;
constexpr double kNoVoiceShare = 0.25; // waddles with no active channel
constexpr int kMinSessionsPerHour = 2;
constexpr int kMaxSessionsPerHour = 20;
constexpr int kMaxParticipants = 25;
constexpr double kMinDurationMin = 5.0;
constexpr double kMaxDurationMin = 120.0;
constexpr double kMinQuality = 3.2;
constexpr double kMaxQuality = 4.8;

// Sub-streams of the seed, so each part of the world has its own sequence.
enum Stream : quint64
{
    WaddleStream = 1,
    MemberStream = 2,
    UsageStream = 3,
};

const QStringList &adjectives()
{
    static const QStringList words{
        u"Night"_s,  u"Midnight"_s, u"Cosy"_s,     u"Crimson"_s,  u"Silver"_s,   u"Lazy"_s,
        u"Rapid"_s,  u"Quiet"_s,    u"Loud"_s,     u"Northern"_s, u"Southern"_s, u"Electric"_s,
        u"Golden"_s, u"Velvet"_s,   u"Pixel"_s,    u"Cosmic"_s,   u"Frozen"_s,   u"Sunny"_s,
        u"Wild"_s,   u"Hidden"_s,   u"Retro"_s,    u"Lunar"_s,    u"Solar"_s,    u"Misty"_s,
        u"Brave"_s,  u"Curious"_s,  u"Friendly"_s, u"Sleepy"_s,   u"Happy"_s,    u"Iron"_s,
    };
    return words;
}

const QStringList &nouns()
{
    static const QStringList words{
        u"Owls"_s,      u"Penguins"_s, u"Foxes"_s,    u"Otters"_s,      u"Ravens"_s,
        u"Wolves"_s,    u"Gamers"_s,   u"Coders"_s,   u"Painters"_s,    u"Readers"_s,
        u"Runners"_s,   u"Climbers"_s, u"Chefs"_s,    u"Pilots"_s,      u"Sailors"_s,
        u"Knights"_s,   u"Wizards"_s,  u"Bards"_s,    u"Astronomers"_s, u"Gardeners"_s,
        u"Drummers"_s,  u"Singers"_s,  u"Builders"_s, u"Explorers"_s,   u"Dreamers"_s,
        u"Tinkerers"_s, u"Cyclists"_s, u"Hikers"_s,
    };
    return words;
}

const QStringList &groupWords()
{
    static const QStringList words{
        u"Guild"_s,  u"Club"_s,   u"Crew"_s, u"Collective"_s, u"Society"_s, u"Squad"_s,
        u"Circle"_s, u"Lounge"_s, u"Den"_s,  u"Hangout"_s,    u"League"_s,  u"Union"_s,
    };
    return words;
}

const QStringList &firstNames()
{
    static const QStringList words{
        u"Ada"_s,    u"Ben"_s,   u"Chen"_s,   u"Dara"_s,  u"Emil"_s,   u"Fatima"_s, u"Goran"_s,
        u"Hana"_s,   u"Ines"_s,  u"Jon"_s,    u"Kenji"_s, u"Lena"_s,   u"Mateo"_s,  u"Nia"_s,
        u"Omar"_s,   u"Priya"_s, u"Quinn"_s,  u"Rosa"_s,  u"Sven"_s,   u"Tariq"_s,  u"Uma"_s,
        u"Viktor"_s, u"Wei"_s,   u"Ximena"_s, u"Yara"_s,  u"Zoltan"_s, u"Aiko"_s,   u"Bruno"_s,
        u"Chloe"_s,  u"Diego"_s, u"Elif"_s,   u"Femi"_s,  u"Greta"_s,  u"Hugo"_s,   u"Ivy"_s,
    };
    return words;
}

template <typename T>
const T &pick(SeededRandom &random, const QList<T> &list)
{
    return list.at(random.uniformInt(0, list.size() - 1));
}

QString uniqueName(SeededRandom &random, QSet<QString> &taken)
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QString name = pick(random, adjectives()) + u' ' + pick(random, nouns()) + u' ' +
                       pick(random, groupWords());
        if (!taken.contains(name)) {
            taken.insert(name);
            return name;
        }
    }
    // Very many waddles: number the repeats.
    const QString base = pick(random, adjectives()) + u' ' + pick(random, nouns());
    for (int n = 2;; ++n) {
        QString name = base + u' ' + QString::number(n);
        if (!taken.contains(name)) {
            taken.insert(name);
            return name;
        }
    }
}

// Cities within the local radius of a home city, with running population
// sums for weighted draws.
struct Neighbourhood
{
    QList<qsizetype> cities;
    QList<double> cumulative;
};

Neighbourhood neighbourhood(qsizetype home, const QList<domain::City> &cities,
                            const QList<domain::PreparedPoint> &prepared)
{
    Neighbourhood n;
    double sum = 0.0;
    // A great circle is never shorter than its latitude difference along a
    // meridian: cities farther north or south than the radius (with a hair
    // for rounding) are out without the trigonometry.
    const double band = kLocalRadiusKm / domain::kEarthRadiusKm * (1.0 + 1e-9);
    const double latitude = prepared.at(home).latitudeRad;
    for (qsizetype i = 0; i < cities.size(); ++i) {
        if (std::abs(prepared.at(i).latitudeRad - latitude) > band)
            continue;
        if (domain::greatCircleKm(prepared.at(home), prepared.at(i)) <= kLocalRadiusKm) {
            sum += static_cast<double>(std::max<qint64>(1, cities.at(i).population));
            n.cities.append(i);
            n.cumulative.append(sum);
        }
    }
    return n;
}

QString nearestRegion(const QList<domain::Region> &regions, domain::GeoPoint point)
{
    QString best;
    double bestKm = 0.0;
    for (const domain::Region &r : regions) {
        const double km = domain::greatCircleKm(
            point, domain::GeoPoint{r.location.latitude, r.location.longitude});
        if (best.isEmpty() || km < bestKm) {
            best = r.code;
            bestKm = km;
        }
    }
    return best;
}

QDateTime startOfHour(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), 0), Qt::UTC);
}

// How busy a region is in the hour from `hourStart`: 0 at the trough of
// its diurnal curve, 1 at its peak (at the middle of the hour, local solar
// time).
double regionBusy(const domain::Region &region, const QDateTime &hourStart)
{
    const double load =
        diurnalUtilisation(localSolarHour(hourStart.addSecs(1800), region.location.longitude));
    return (load - LoadCurve::kTrough) / (LoadCurve::kPeak - LoadCurve::kTrough);
}

// The mean sessions an hour of a region that busy (before noise).
double sessionsPerHour(double busy)
{
    return kMinSessionsPerHour + (kMaxSessionsPerHour - kMinSessionsPerHour - 2) * busy;
}

// One session of `waddle` in `region`, starting in the `seconds` after
// `from`; its latency is that of a random member. The draws come in one fixed
// order, so the same random state gives the same session.
domain::UsageEvent drawSession(SeededRandom &random, const domain::Region &region, double busy,
                               const domain::Waddle &waddle,
                               std::span<const domain::Member> members,
                               const domain::RttModel &model, const QDateTime &from, qint64 seconds)
{
    const domain::GeoPoint regionPoint{region.location.latitude, region.location.longitude};
    domain::UsageEvent event;
    event.regionCode = region.code;
    event.waddleId = waddle.id;
    event.channelId = u"c-%1"_s.arg(random.uniformInt(1, std::max(1, waddle.activeVoiceChannels)));
    // Mostly small calls, a few big ones.
    const double p = random.uniform();
    event.participants = static_cast<int>(
        std::min<qint64>(2 + static_cast<qint64>(std::floor((kMaxParticipants - 1) * p * p)),
                         std::max<qint64>(2, waddle.memberCount)));
    event.participants = std::min(event.participants, kMaxParticipants);
    event.durationSeconds = std::round(random.logUniform(kMinDurationMin, kMaxDurationMin) * 60.0);
    // Latency of a random member of the waddle to this region.
    double km = 0.0;
    if (!members.empty()) {
        const domain::Member &member =
            members[static_cast<std::size_t>(random.uniformInt(0, qint64(members.size()) - 1))];
        if (member.location)
            km = domain::greatCircleKm(member.location->point, regionPoint);
    }
    const double latency =
        std::max({km / 100.0, 1.0, model.estimateMs(km) * (1.0 + random.normal(0.0, 0.05))});
    event.latencyMs = std::round(latency * 10.0) / 10.0;
    // MOS-like: best when quiet and near, lower when busy or far.
    const double quality =
        4.6 - 0.8 * busy - 0.002 * std::max(0.0, latency - 150.0) + random.normal(0.0, 0.12);
    event.quality = std::round(std::clamp(quality, kMinQuality, kMaxQuality) * 100.0) / 100.0;
    event.startedAt = from.addSecs(random.uniformInt(0, seconds - 1));
    return event;
}

} // namespace

DemoData generateDemoData(const QList<domain::Region> &regions, const QList<domain::City> &cities,
                          const DemoSettings &settings)
{
    DemoData data;
    const QDateTime now =
        settings.now.isValid() ? settings.now.toUTC() : QDateTime::currentDateTimeUtc();
    const int waddleCount = std::max(0, settings.waddleCount);
    const int days = std::max(0, settings.days);

    QList<domain::PreparedPoint> prepared;
    QList<double> populationSums;
    prepared.reserve(cities.size());
    populationSums.reserve(cities.size());
    double populationSum = 0.0;
    for (const domain::City &city : cities) {
        prepared.append(domain::prepare(city.point));
        populationSum += static_cast<double>(std::max<qint64>(1, city.population));
        populationSums.append(populationSum);
    }
    QHash<qsizetype, Neighbourhood> neighbourhoods;

    SeededRandom waddleRandom(SeededRandom::derive(settings.seed, WaddleStream));
    SeededRandom memberRandom(SeededRandom::derive(settings.seed, MemberStream));
    QSet<QString> names;
    // Index range of each waddle's members in data.members.
    QList<std::pair<qsizetype, qsizetype>> memberRanges;
    const int ownerCount = std::max(1, waddleCount * 3 / 4);

    for (int w = 0; w < waddleCount; ++w) {
        domain::Waddle waddle;
        waddle.id = u"w-%1"_s.arg(w + 1, 4, 10, QLatin1Char('0'));
        waddle.name = uniqueName(waddleRandom, names);
        waddle.ownerId =
            u"owner-%1"_s.arg(waddleRandom.uniformInt(1, ownerCount), 3, 10, QLatin1Char('0'));
        waddle.memberCount = std::clamp<qint64>(
            static_cast<qint64>(waddleRandom.logUniform(kMinMembers, kMaxMembers + 1.0)),
            static_cast<qint64>(kMinMembers), static_cast<qint64>(kMaxMembers));
        waddle.activeVoiceChannels =
            waddleRandom.chance(kNoVoiceShare)
                ? 0
                : static_cast<int>(
                      waddleRandom.uniformInt(1, std::min<qint64>(4, 1 + waddle.memberCount / 60)));
        waddle.updatedAt = now.addSecs(-waddleRandom.uniformInt(0, qint64(days) * 86'400));

        // Members, clustered around a home city.
        const qsizetype first = data.members.size();
        std::optional<qsizetype> home;
        if (!cities.isEmpty()) {
            home = waddleRandom.weightedIndex(populationSums);
            if (!neighbourhoods.contains(*home))
                neighbourhoods.insert(*home, neighbourhood(*home, cities, prepared));
        }
        for (qint64 m = 0; m < waddle.memberCount; ++m) {
            domain::Member member;
            member.id = u"m-%1"_s.arg(data.members.size() + 1, 6, 10, QLatin1Char('0'));
            member.waddleId = waddle.id;
            member.displayName =
                pick(memberRandom, firstNames()) + u' ' +
                QChar(static_cast<char16_t>(u'A' + memberRandom.uniformInt(0, 25))) + u'.';
            if (home) {
                const Neighbourhood &near = neighbourhoods[*home];
                const bool local = memberRandom.chance(kLocalMemberShare);
                const qsizetype city =
                    local ? near.cities.at(memberRandom.weightedIndex(near.cumulative))
                          : memberRandom.weightedIndex(populationSums);
                const domain::City &c = cities.at(city);
                member.location = domain::MemberLocation{c.name, c.country, c.point};
            }
            data.members.append(std::move(member));
        }
        memberRanges.append({first, data.members.size()});

        // The owner's choice and the region it runs in (SPEC §5, §6).
        if (!regions.isEmpty() && !waddleRandom.chance(kAutomaticShare)) {
            waddle.voiceRegion =
                home && waddleRandom.chance(kPinNearestShare)
                    ? nearestRegion(regions, cities.at(*home).point)
                    : regions.at(waddleRandom.uniformInt(0, regions.size() - 1)).code;
            waddle.currentRegion = waddle.voiceRegion;
        } else {
            waddle.voiceRegion = domain::automaticVoiceRegion();
            const QList<domain::Member> members = data.members.mid(first);
            const domain::Result<domain::Recommendation> recommendation =
                domain::recommendRegion(regions, domain::groupByLocation(members), settings.model);
            // No region to choose (or no located member): none assigned yet.
            if (recommendation.ok())
                waddle.currentRegion = recommendation->regionCode;
        }
        data.waddles.append(std::move(waddle));
    }

    // Usage history (SPEC §11): every region, every hour of the window.
    if (regions.isEmpty() || data.waddles.isEmpty() || days == 0)
        return data;
    QHash<QString, QList<qsizetype>> waddlesOnRegion;
    for (qsizetype i = 0; i < data.waddles.size(); ++i)
        waddlesOnRegion[data.waddles.at(i).currentRegion].append(i);

    SeededRandom usageRandom(SeededRandom::derive(settings.seed, UsageStream));
    const QDateTime end = startOfHour(now);
    const int hours = days * 24;
    const QDateTime start = end.addSecs(-qint64(hours) * 3600);
    data.usage.reserve(qsizetype(hours) * regions.size() * 11);
    qint64 nextId = 1;

    for (int h = 0; h < hours; ++h) {
        const QDateTime hourStart = start.addSecs(qint64(h) * 3600);
        for (const domain::Region &region : regions) {
            const double busy = regionBusy(region, hourStart);
            const int sessions = static_cast<int>(
                std::clamp<long>(std::lround(sessionsPerHour(busy) + usageRandom.normal(0.0, 1.0)),
                                 kMinSessionsPerHour, kMaxSessionsPerHour));
            const QList<qsizetype> &here = waddlesOnRegion[region.code];
            for (int s = 0; s < sessions; ++s) {
                const qsizetype w = here.isEmpty()
                                        ? usageRandom.uniformInt(0, data.waddles.size() - 1)
                                        : pick(usageRandom, here);
                const auto [first, last] = memberRanges.at(w);
                domain::UsageEvent event = drawSession(
                    usageRandom, region, busy, data.waddles.at(w),
                    std::span(data.members.constData() + first, std::size_t(last - first)),
                    settings.model, hourStart, 3600);
                event.id = u"u-%1"_s.arg(nextId++, 7, 10, QLatin1Char('0'));
                data.usage.append(std::move(event));
            }
        }
    }
    return data;
}

QList<domain::UsageEvent>
generateLiveUsage(const QList<domain::Region> &regions, const QList<domain::Waddle> &waddles,
                  const std::function<QList<domain::Member>(const QString &waddleId)> &members,
                  const QDateTime &from, const QDateTime &to, const domain::RttModel &model,
                  SeededRandom &random)
{
    QList<domain::UsageEvent> out;
    if (regions.isEmpty() || waddles.isEmpty() || !from.isValid() || !(from < to))
        return out;
    QHash<QString, QList<qsizetype>> waddlesOnRegion;
    for (qsizetype i = 0; i < waddles.size(); ++i)
        waddlesOnRegion[waddles.at(i).currentRegion].append(i);
    // Hour by hour, as each hour has its own rate.
    for (QDateTime pieceStart = from.toUTC(); pieceStart < to;) {
        const QDateTime hourStart = startOfHour(pieceStart);
        const QDateTime pieceEnd = std::min(to.toUTC(), hourStart.addSecs(3600));
        const qint64 seconds = pieceStart.secsTo(pieceEnd);
        for (const domain::Region &region : regions) {
            if (seconds <= 0)
                break;
            const double busy = regionBusy(region, hourStart);
            // The expected count of the piece, its fraction drawn.
            const double expected = sessionsPerHour(busy) * static_cast<double>(seconds) / 3600.0;
            const double whole = std::floor(expected);
            const int sessions =
                static_cast<int>(whole) + (random.uniform() < expected - whole ? 1 : 0);
            const QList<qsizetype> &here = waddlesOnRegion[region.code];
            for (int s = 0; s < sessions; ++s) {
                const qsizetype w =
                    here.isEmpty() ? random.uniformInt(0, waddles.size() - 1) : pick(random, here);
                const domain::Waddle &waddle = waddles.at(w);
                const QList<domain::Member> ofWaddle =
                    members ? members(waddle.id) : QList<domain::Member>();
                out.append(drawSession(
                    random, region, busy, waddle,
                    std::span(ofWaddle.constData(), static_cast<std::size_t>(ofWaddle.size())),
                    model, pieceStart, seconds));
            }
        }
        pieceStart = pieceEnd;
    }
    return out;
}

bool isRecordedChannel(const QString &waddleId, const QString &channelId)
{
    // A channel is recorded or not, the same for all its sessions.
    return domain::stableHash(QString(waddleId + u'/' + channelId)) % kRecordedChannelOneIn == 0;
}

QList<domain::ProjectMetricPoint> demoMetricPoints(const QList<domain::UsageEvent> &events,
                                                   MeterGrain grain)
{
    constexpr double kStreamBytesPerSecond = 48'000.0 / 8.0;
    constexpr double kRecordingBytesPerSecond = 32'000.0 / 8.0;
    constexpr double kBytesPerGb = 1e9;
    // Folded per (project, metric, time) as the store keeps them: in a hash
    // (a sorted map of string keys took a third of a demo start under the
    // sanitizers), then sorted once by key, in the order the map kept.
    enum Metric
    {
        Bandwidth, // the metrics' names in their sort order
        Egress,
        Storage
    };
    static const std::array<QString, 3> kMetricNames{u"bandwidth_usage"_s, u"egress_minutes"_s,
                                                     u"storage_usage"_s};
    struct Key
    {
        qsizetype project = 0; // into projects
        int metric = Bandwidth;
        qint64 ms = 0;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        std::size_t operator()(const Key &k) const noexcept
        {
            return qHashMulti(0, k.project, k.metric, k.ms);
        }
    };
    QStringList projects;
    QHash<QString, qsizetype> projectIndex;
    const auto projectOf = [&](const QString &id) {
        const auto found = projectIndex.constFind(id);
        if (found != projectIndex.cend())
            return *found;
        projects.append(id);
        return projectIndex.insert(id, projects.size() - 1).value();
    };
    std::unordered_map<Key, double, KeyHash> sums;
    const auto add = [&sums](qsizetype project, Metric metric, const QDateTime &at, double value) {
        sums[Key{project, metric, at.toMSecsSinceEpoch()}] += value;
    };
    const qsizetype fleet = projectOf(u"fleet"_s);
    for (const domain::UsageEvent &event : events) {
        const QDateTime utc = event.startedAt.toUTC();
        const QDateTime minute(utc.date(), QTime(utc.time().hour(), utc.time().minute()), Qt::UTC);
        const bool history = grain == MeterGrain::History;
        const QDateTime fleetAt = history ? startOfHour(utc) : minute;
        const QDateTime waddleAt = history ? QDateTime(utc.date(), QTime(0, 0), Qt::UTC) : minute;
        const double n = event.participants;
        const double bandwidth =
            n * n * kStreamBytesPerSecond * event.durationSeconds / kBytesPerGb;
        const bool recorded = isRecordedChannel(event.waddleId, event.channelId);
        for (const auto &[project, at] :
             {std::pair(fleet, fleetAt), std::pair(projectOf(event.waddleId), waddleAt)}) {
            add(project, Bandwidth, at, bandwidth);
            if (recorded) {
                add(project, Egress, at, event.durationSeconds / 60.0);
                add(project, Storage, at,
                    kRecordingBytesPerSecond * event.durationSeconds / kBytesPerGb);
            }
        }
    }
    std::vector<std::pair<Key, double>> sorted(sums.cbegin(), sums.cend());
    std::sort(sorted.begin(), sorted.end(), [&projects](const auto &a, const auto &b) {
        const QString &pa = projects.at(a.first.project);
        const QString &pb = projects.at(b.first.project);
        if (pa != pb)
            return pa < pb;
        return std::pair(a.first.metric, a.first.ms) < std::pair(b.first.metric, b.first.ms);
    });
    QList<domain::ProjectMetricPoint> out;
    out.reserve(static_cast<qsizetype>(sorted.size()));
    for (const auto &[key, value] : sorted) {
        out.append(domain::ProjectMetricPoint{
            projects.at(key.project), kMetricNames.at(static_cast<std::size_t>(key.metric)),
            domain::MetricPoint{QDateTime::fromMSecsSinceEpoch(key.ms, Qt::UTC), value}});
    }
    return out;
}

} // namespace waddle::sim
