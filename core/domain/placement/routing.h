#pragma once

#include "domain/geo.h"
#include "domain/placement/locationgroup.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

#include <optional>
#include <utility>

namespace waddle::domain {

// SPEC §5 "Routing strategies", seed 002 GlobalLoadBalancer.
enum class RoutingStrategy
{
    Geographic,
    Latency,
    Weighted,
    HealthBased,
    RoundRobin
};

QString toString(RoutingStrategy strategy);
std::optional<RoutingStrategy> routingStrategyFromString(QStringView name);
// All five, in the order above (for lists and comparisons).
QList<RoutingStrategy> allRoutingStrategies();

// What the balancer knows of one region (seed 002 RegionHealth + location).
struct RegionSignal
{
    QString code;
    GeoPoint location;
    RegionStatus status = RegionStatus::Online;
    double responseMs = 0.0;
    double utilisation = 0.0; // 0–1
    double errorRate = 0.0;   // 0–1

    friend bool operator==(const RegionSignal &, const RegionSignal &) = default;
};

// Seed 002's constants, overridable (STYLE.md: one place per area).
struct RoutingDefaults
{
    double latencyPenaltyMs = 50.0;  // _select_by_latency: + utilisation × 50 ms
    double healthCeilingMs = 1000.0; // _select_by_health: max(0, 1000 − ms) / 1000
    double alpha = 0.3;              // optimize_weights smoothing
    double initialWeight = 1.0;      // _initialize_load_balancer: weight=1.0

    friend bool operator==(const RoutingDefaults &, const RoutingDefaults &) = default;
};

// Seed 002 _get_healthy_regions: online and degraded regions take traffic.
bool isRoutable(const RegionSignal &signal);
QList<RegionSignal> routableSignals(const QList<RegionSignal> &regions);

// _select_by_latency: response time + 50 ms × utilisation, lowest wins.
double latencyScore(const RegionSignal &signal, const RoutingDefaults &defaults = {});
// _select_by_health: mean of max(0, 1000 − response ms)/1000, 1 − error rate
// and 1 − utilisation; highest wins.
double healthScore(const RegionSignal &signal, const RoutingDefaults &defaults = {});
// optimize_weights: new = 1/max(response ms, 1) × (1 − utilisation) × (1 if
// online else 0). Ours: 1 − utilisation is floored at 0 so an overloaded
// region gets weight 0, never a negative probability.
double weightSample(const RegionSignal &signal);
// optimize_weights: w ← α · new + (1 − α) · w.
double smoothWeight(double previous, double sample, double alpha);

// Each picks among routable regions and returns the code, or an empty string
// when none is routable. Ties go to the first in the given order (the seed
// replaces its best only on a strictly better score).
QString selectGeographic(const QList<RegionSignal> &regions, std::optional<GeoPoint> client,
                         const RoutingDefaults &defaults = {});
QString selectByLatency(const QList<RegionSignal> &regions, const RoutingDefaults &defaults = {});
QString selectByHealth(const QList<RegionSignal> &regions, const RoutingDefaults &defaults = {});
// _select_by_weight with the uniform draw given: region i owns
// [C(i−1), C(i)) of [0, total) where C is the cumulative weight, so u·total
// falls in exactly one; total ≤ 0 → uniform, region floor(u · n).
QString selectWeighted(const QList<std::pair<QString, double>> &weights, double u);

// The control plane's routing policy: seed 002's strategy, round-robin
// cursor and smoothed weights. Plain value type, so a copy can answer
// "what if" questions without touching the live one.
class Router
{
public:
    explicit Router(RoutingStrategy strategy = RoutingStrategy::Latency,
                    const RoutingDefaults &defaults = {});

    [[nodiscard]] RoutingStrategy strategy() const;
    void setStrategy(RoutingStrategy strategy);
    [[nodiscard]] const RoutingDefaults &defaults() const;

    // One routing decision. `client` feeds the geographic strategy (none →
    // latency, as the seed does); `u` ∈ [0, 1) is the weighted strategy's
    // uniform draw. Round-robin advances its cursor only when it picks.
    // Empty when no region is routable.
    [[nodiscard]] QString select(const QList<RegionSignal> &regions, std::optional<GeoPoint> client,
                                 double u = 0.0);

    // optimize_weights over every signal given (routable or not).
    void updateWeights(const QList<RegionSignal> &regions);
    // The smoothed weight; initialWeight for a region never updated.
    [[nodiscard]] double weight(const QString &code) const;
    [[nodiscard]] qint64 roundRobinIndex() const;

    // The probability of each routable region (in the given order) being
    // chosen for one client: 1 for the deterministic winner and 0 for the
    // rest; normalised weights for Weighted; 1/n each for RoundRobin. Sums
    // to 1; empty when none is routable.
    [[nodiscard]] QList<std::pair<QString, double>> shares(const QList<RegionSignal> &regions,
                                                           std::optional<GeoPoint> client) const;

private:
    [[nodiscard]] QList<std::pair<QString, double>>
    weightsOf(const QList<RegionSignal> &routable) const;

    RoutingStrategy m_strategy;
    RoutingDefaults m_defaults;
    qint64 m_roundRobinIndex = 0;
    QHash<QString, double> m_weights;
};

// What one strategy would do for a waddle's members.
struct StrategyOutcome
{
    RoutingStrategy strategy = RoutingStrategy::Latency;
    double meanRttMs = 0.0;
    double p95RttMs = 0.0;
    // Expected fraction of members sent to each routable region, in the
    // regions' order; sums to 1.
    QList<std::pair<QString, double>> memberShare;

    friend bool operator==(const StrategyOutcome &, const StrategyOutcome &) = default;
};

QJsonObject toJson(const StrategyOutcome &outcome);

// SPEC §5: each strategy applied to every location group (client = the
// group's point, weights and defaults from `weightsFrom`), its members split
// over regions by Router::shares, each member's RTT the model's estimate
// from the group to the region. Mean is member-weighted; p95 is the smallest
// RTT whose cumulative member weight reaches 95% of all members. Errors when
// no group has members ("members") or no region is routable ("regions").
Result<QList<StrategyOutcome>> compareStrategies(const QList<RegionSignal> &regions,
                                                 const QList<LocationGroup> &members,
                                                 const RttModel &model, const Router &weightsFrom);

} // namespace waddle::domain
