#pragma once

#include "controlplane/demofleetcontrol.h"
#include "demofleet.h"
#include "domain/geo.h"
#include "seededrandom.h"

#include <memory>

namespace waddle::sim {

// The demo fleet behind the control plane's DemoFleetControl interface: a
// DemoFleet of region agents for the catalogue, the demo data generator and
// fault injection. Wired in by app/ and the embedded backend; the control
// plane itself never sees this class.
class DemoControl final : public cp::DemoFleetControl
{
public:
    // `vantage` is where the user sits; `seed` drives the agents' noise and
    // the demo data.
    // `waddles`: how many demo waddles an empty store is seeded with.
    DemoControl(domain::GeoPoint vantage, quint64 seed, int waddles = 240);
    ~DemoControl() override;
    DemoControl(const DemoControl &) = delete;
    DemoControl &operator=(const DemoControl &) = delete;
    DemoControl(DemoControl &&) = delete;
    DemoControl &operator=(DemoControl &&) = delete;

    [[nodiscard]] domain::Result<QList<domain::Region>>
    start(const QList<domain::Region> &catalogue) override;
    void stop() override;
    [[nodiscard]] cp::DemoSeed demoData(const QList<domain::Region> &regions,
                                        const QDateTime &now) const override;
    [[nodiscard]] cp::DemoUsage
    liveUsage(const QList<domain::Region> &regions, const QList<domain::Waddle> &waddles,
              const std::function<QList<domain::Member>(const QString &waddleId)> &members,
              const QDateTime &from, const QDateTime &to) override;
    [[nodiscard]] bool setFault(const QString &code, const domain::FaultRequest &fault) override;
    [[nodiscard]] bool clearFault(const QString &code) override;
    [[nodiscard]] QList<domain::FaultState> faults() const override;

    // The running fleet (tests reach its agents), or nullptr.
    [[nodiscard]] DemoFleet *fleet() const { return m_fleet.get(); }

    // The agent's fault spelt the wire's way, and back.
    static domain::FaultKind toDomain(RegionAgent::Fault::Kind kind);
    static RegionAgent::Fault::Kind fromDomain(domain::FaultKind kind);

private:
    domain::GeoPoint m_vantage;
    quint64 m_seed;
    int m_waddles;
    std::unique_ptr<DemoFleet> m_fleet;
    std::unique_ptr<SeededRandom> m_liveRandom; // the live sessions' own stream
};

} // namespace waddle::sim
