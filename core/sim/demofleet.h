#pragma once

#include "domain/geo.h"
#include "domain/region.h"
#include "regionagent.h"

#include <QDateTime>
#include <QList>
#include <QObject>

#include <functional>

namespace waddle::sim {

// The demo fleet (SPEC §2): one RegionAgent per catalogue region on loopback
// ephemeral ports, so the embedded control plane and the tests probe real
// sockets with modelled delay, load and faults, exactly as they would probe
// production media servers.
class DemoFleet final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoFleet)

public:
    // A rare lost /ping, so loss statistics (SPEC §4) have something to show.
    static constexpr double kDefaultLossProbability = 0.002;
    static constexpr double kDefaultJitterFraction = 0.03;

    // `vantage` is where the user sits: every agent's delay is the model RTT
    // from there to its region (SPEC §5). Each agent's random stream is
    // derived from `seed` and the region's position in the catalogue.
    DemoFleet(QList<domain::Region> catalogue, domain::GeoPoint vantage, quint64 seed,
              QObject *parent = nullptr);
    ~DemoFleet() override;

    // Settings for the agents start() makes; changing them later has no
    // effect on running agents.
    void setRttModel(const domain::RttModel &model);
    void setJitterFraction(double fraction);
    void setLossProbability(double probability);
    void setClock(std::function<QDateTime()> clock);

    // Starts one agent per region on 127.0.0.1, port chosen by the system.
    // False (and nothing left running) when any agent cannot listen.
    bool start();
    void stop();
    [[nodiscard]] bool isRunning() const;

    // The catalogue as the fleet serves it: ping_url, health_url and stun
    // ("127.0.0.1:<port>") point at the agents (all empty before start()).
    [[nodiscard]] QList<domain::Region> regions() const;
    [[nodiscard]] domain::GeoPoint vantage() const;

    // The agent for a region code, or nullptr (unknown code, not started).
    RegionAgent *agent(const QString &code) const;
    [[nodiscard]] QList<RegionAgent *> agents() const;

    // False for an unknown code or a fleet that is not running.
    bool setFault(const QString &code, RegionAgent::Fault fault);
    bool clearFault(const QString &code);

private:
    QList<domain::Region> m_catalogue;
    domain::GeoPoint m_vantage;
    quint64 m_seed = 1;
    AgentSettings m_defaults;
    QList<RegionAgent *> m_agents; // children, in catalogue order
};

} // namespace waddle::sim
