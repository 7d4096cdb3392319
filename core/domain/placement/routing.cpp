#include "domain/placement/routing.h"

#include "domain/cpustate.h"
#include "domain/enumnames.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace waddle::domain {

namespace {

constexpr std::array<EnumName<RoutingStrategy>, 5> kStrategyNames{{
    {RoutingStrategy::Geographic, QLatin1String("geographic")},
    {RoutingStrategy::Latency, QLatin1String("latency")},
    {RoutingStrategy::Weighted, QLatin1String("weighted")},
    {RoutingStrategy::HealthBased, QLatin1String("health_based")},
    {RoutingStrategy::RoundRobin, QLatin1String("round_robin")},
}};

// The share of members a percentile must reach (SPEC §5 "p95").
constexpr double kPercentile = 0.95;
// Cumulative sums of fractional shares can fall a few ulps short of an exact
// threshold; this much of the total counts as reached.
constexpr double kCumulativeSlack = 1e-9;

// First routable region with the lowest `score` (strictly lower replaces).
template <typename Score>
QString lowest(const QList<RegionSignal> &regions, Score score)
{
    QString best;
    double bestScore = std::numeric_limits<double>::infinity();
    for (const RegionSignal &r : regions) {
        if (!isRoutable(r))
            continue;
        const double s = score(r);
        if (best.isEmpty() || s < bestScore) {
            best = r.code;
            bestScore = s;
        }
    }
    return best;
}

QList<std::pair<QString, double>> winnerTakesAll(const QList<RegionSignal> &routable,
                                                 const QString &winner)
{
    QList<std::pair<QString, double>> out;
    for (const RegionSignal &r : routable)
        out.append({r.code, r.code == winner ? 1.0 : 0.0});
    return out;
}

QList<std::pair<QString, double>> uniform(const QList<RegionSignal> &routable)
{
    QList<std::pair<QString, double>> out;
    for (const RegionSignal &r : routable)
        out.append({r.code, 1.0 / static_cast<double>(routable.size())});
    return out;
}

} // namespace

QString toString(RoutingStrategy strategy)
{
    return enumToName(kStrategyNames, strategy);
}

std::optional<RoutingStrategy> routingStrategyFromString(QStringView name)
{
    return enumFromName(kStrategyNames, name);
}

QList<RoutingStrategy> allRoutingStrategies()
{
    QList<RoutingStrategy> out;
    for (const auto &entry : kStrategyNames)
        out.append(entry.value);
    return out;
}

bool isRoutable(const RegionSignal &signal)
{
    return acceptsSessions(signal.status);
}

QList<RegionSignal> routableSignals(const QList<RegionSignal> &regions)
{
    QList<RegionSignal> out;
    std::copy_if(regions.cbegin(), regions.cend(), std::back_inserter(out), isRoutable);
    return out;
}

double latencyScore(const RegionSignal &signal, const RoutingDefaults &defaults)
{
    return signal.responseMs + defaults.latencyPenaltyMs * signal.utilisation;
}

double healthScore(const RegionSignal &signal, const RoutingDefaults &defaults)
{
    const double responseScore =
        std::max(0.0, defaults.healthCeilingMs - signal.responseMs) / defaults.healthCeilingMs;
    const double errorScore = 1.0 - signal.errorRate;
    const double capacityScore = 1.0 - signal.utilisation;
    return (responseScore + errorScore + capacityScore) / 3.0;
}

double weightSample(const RegionSignal &signal)
{
    const double performance = 1.0 / std::max(signal.responseMs, 1.0);
    const double capacity = std::max(0.0, 1.0 - signal.utilisation);
    const double health = signal.status == RegionStatus::Online ? 1.0 : 0.0;
    return performance * capacity * health;
}

double smoothWeight(double previous, double sample, double alpha)
{
    return alpha * sample + (1.0 - alpha) * previous;
}

QString selectGeographic(const QList<RegionSignal> &regions, std::optional<GeoPoint> client,
                         const RoutingDefaults &defaults)
{
    if (!client)
        return selectByLatency(regions, defaults);
    const PreparedPoint from = prepare(*client);
    return lowest(regions,
                  [&](const RegionSignal &r) { return greatCircleKm(from, prepare(r.location)); });
}

QString selectByLatency(const QList<RegionSignal> &regions, const RoutingDefaults &defaults)
{
    return lowest(regions, [&](const RegionSignal &r) { return latencyScore(r, defaults); });
}

QString selectByHealth(const QList<RegionSignal> &regions, const RoutingDefaults &defaults)
{
    // Highest health wins: the lowest negated score.
    return lowest(regions, [&](const RegionSignal &r) { return -healthScore(r, defaults); });
}

QString selectWeighted(const QList<std::pair<QString, double>> &weights, double u)
{
    if (weights.isEmpty())
        return {};
    u = std::clamp(u, 0.0, std::nextafter(1.0, 0.0));
    double total = 0.0;
    for (const auto &[code, w] : weights)
        total += std::max(0.0, w);
    if (!(total > 0.0) || !std::isfinite(total)) {
        const auto n = weights.size();
        const auto index = std::min<qsizetype>(n - 1, static_cast<qsizetype>(u * n));
        return weights.at(index).first;
    }
    const double target = u * total;
    double cumulative = 0.0;
    QString lastPositive;
    for (const auto &[code, w] : weights) {
        if (w <= 0.0)
            continue;
        cumulative += w;
        lastPositive = code;
        if (target < cumulative)
            return code;
    }
    return lastPositive; // rounding left target at the very top
}

Router::Router(RoutingStrategy strategy, const RoutingDefaults &defaults)
    : m_strategy(strategy)
    , m_defaults(defaults)
{}

RoutingStrategy Router::strategy() const
{
    return m_strategy;
}

void Router::setStrategy(RoutingStrategy strategy)
{
    m_strategy = strategy;
}

const RoutingDefaults &Router::defaults() const
{
    return m_defaults;
}

QString Router::select(const QList<RegionSignal> &regions, std::optional<GeoPoint> client, double u)
{
    switch (m_strategy) {
    case RoutingStrategy::Geographic:
        return selectGeographic(regions, client, m_defaults);
    case RoutingStrategy::Latency:
        return selectByLatency(regions, m_defaults);
    case RoutingStrategy::Weighted:
        return selectWeighted(weightsOf(routableSignals(regions)), u);
    case RoutingStrategy::HealthBased:
        return selectByHealth(regions, m_defaults);
    case RoutingStrategy::RoundRobin:
        break;
    }
    const QList<RegionSignal> routable = routableSignals(regions);
    if (routable.isEmpty())
        return {};
    const QString picked = routable.at(m_roundRobinIndex % routable.size()).code;
    ++m_roundRobinIndex;
    return picked;
}

void Router::updateWeights(const QList<RegionSignal> &regions)
{
    for (const RegionSignal &r : regions)
        m_weights.insert(r.code, smoothWeight(weight(r.code), weightSample(r), m_defaults.alpha));
}

double Router::weight(const QString &code) const
{
    return m_weights.value(code, m_defaults.initialWeight);
}

qint64 Router::roundRobinIndex() const
{
    return m_roundRobinIndex;
}

QList<std::pair<QString, double>> Router::weightsOf(const QList<RegionSignal> &routable) const
{
    QList<std::pair<QString, double>> out;
    for (const RegionSignal &r : routable)
        out.append({r.code, weight(r.code)});
    return out;
}

QList<std::pair<QString, double>> Router::shares(const QList<RegionSignal> &regions,
                                                 std::optional<GeoPoint> client) const
{
    const QList<RegionSignal> routable = routableSignals(regions);
    if (routable.isEmpty())
        return {};
    switch (m_strategy) {
    case RoutingStrategy::Geographic:
        return winnerTakesAll(routable, selectGeographic(routable, client, m_defaults));
    case RoutingStrategy::Latency:
        return winnerTakesAll(routable, selectByLatency(routable, m_defaults));
    case RoutingStrategy::HealthBased:
        return winnerTakesAll(routable, selectByHealth(routable, m_defaults));
    case RoutingStrategy::Weighted: {
        QList<std::pair<QString, double>> out = weightsOf(routable);
        double total = 0.0;
        for (auto &[code, w] : out) {
            w = std::max(0.0, w);
            total += w;
        }
        if (!(total > 0.0) || !std::isfinite(total))
            return uniform(routable);
        for (auto &[code, w] : out)
            w /= total;
        return out;
    }
    case RoutingStrategy::RoundRobin:
        break;
    }
    return uniform(routable);
}

QJsonObject toJson(const StrategyOutcome &outcome)
{
    QJsonArray share;
    for (const auto &[code, fraction] : outcome.memberShare) {
        share.append(
            QJsonObject{{QStringLiteral("region"), code}, {QStringLiteral("share"), fraction}});
    }
    return QJsonObject{
        {QStringLiteral("strategy"), toString(outcome.strategy)},
        {QStringLiteral("mean_rtt_ms"), outcome.meanRttMs},
        {QStringLiteral("p95_rtt_ms"), outcome.p95RttMs},
        {QStringLiteral("member_share"), share},
    };
}

Result<QList<StrategyOutcome>> compareStrategies(const QList<RegionSignal> &regions,
                                                 const QList<LocationGroup> &members,
                                                 const RttModel &model, const Router &weightsFrom)
{
    double totalMembers = 0.0;
    for (const LocationGroup &g : members)
        totalMembers += static_cast<double>(std::max<qint64>(0, g.members));
    if (!(totalMembers > 0.0))
        return Error{QStringLiteral("members"), QStringLiteral("no member with a location")};
    const QList<RegionSignal> routable = routableSignals(regions);
    if (routable.isEmpty())
        return Error{QStringLiteral("regions"), QStringLiteral("no region accepts sessions")};

    QList<PreparedPoint> regionPoints;
    for (const RegionSignal &r : routable)
        regionPoints.append(prepare(r.location));

    QList<StrategyOutcome> outcomes;
    for (RoutingStrategy strategy : allRoutingStrategies()) {
        Router router = weightsFrom;
        router.setStrategy(strategy);

        StrategyOutcome outcome;
        outcome.strategy = strategy;
        QList<double> perRegion(routable.size(), 0.0);
        std::vector<std::pair<double, double>> rttMass; // (RTT, members)
        double weightedSum = 0.0;
        // Only the geographic shares depend on where a group is; the others
        // are worked out once, out of the loop, with their QHash<QString>
        // weight lookups, which would leave the vector state dirty for every
        // group's distances (issue 8). shares() lists the routable regions in
        // order, so index i is routable[i].
        const bool sharesPerGroup = strategy == RoutingStrategy::Geographic;
        QList<std::pair<QString, double>> share;
        if (!sharesPerGroup)
            share = router.shares(routable, std::nullopt);
        clearUpperVectorState();
        for (const LocationGroup &g : members) {
            if (g.members <= 0)
                continue;
            const PreparedPoint from = prepare(g.point);
            if (sharesPerGroup)
                share = router.shares(routable, g.point);
            for (qsizetype i = 0; i < share.size(); ++i) {
                const double mass = static_cast<double>(g.members) * share.at(i).second;
                if (mass <= 0.0)
                    continue;
                const double rtt = model.estimateMs(greatCircleKm(from, regionPoints.at(i)));
                perRegion[i] += mass;
                weightedSum += mass * rtt;
                rttMass.emplace_back(rtt, mass);
            }
        }
        outcome.meanRttMs = weightedSum / totalMembers;

        std::sort(rttMass.begin(), rttMass.end());
        const double threshold = kPercentile * totalMembers - kCumulativeSlack * totalMembers;
        double cumulative = 0.0;
        for (const auto &[rtt, mass] : rttMass) {
            cumulative += mass;
            outcome.p95RttMs = rtt;
            if (cumulative >= threshold)
                break;
        }
        for (qsizetype i = 0; i < routable.size(); ++i)
            outcome.memberShare.append({routable.at(i).code, perRegion.at(i) / totalMembers});
        outcomes.append(outcome);
    }
    return outcomes;
}

} // namespace waddle::domain
