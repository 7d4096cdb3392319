#include "demofleet.h"

#include "seededrandom.h"

namespace waddle::sim {

DemoFleet::DemoFleet(QList<domain::Region> catalogue, domain::GeoPoint vantage, quint64 seed,
                     QObject *parent)
    : QObject(parent)
    , m_catalogue(std::move(catalogue))
    , m_vantage(vantage)
    , m_seed(seed)
{
    m_defaults.jitterFraction = kDefaultJitterFraction;
    m_defaults.lossProbability = kDefaultLossProbability;
}

DemoFleet::~DemoFleet()
{
    stop();
}

void DemoFleet::setRttModel(const domain::RttModel &model)
{
    m_defaults.model = model;
}

void DemoFleet::setJitterFraction(double fraction)
{
    m_defaults.jitterFraction = fraction;
}

void DemoFleet::setLossProbability(double probability)
{
    m_defaults.lossProbability = probability;
}

void DemoFleet::setClock(std::function<QDateTime()> clock)
{
    m_defaults.clock = std::move(clock);
}

bool DemoFleet::start()
{
    if (isRunning())
        return true;
    for (qsizetype i = 0; i < m_catalogue.size(); ++i) {
        AgentSettings settings = m_defaults;
        settings.seed = SeededRandom::derive(m_seed, static_cast<quint64>(i));
        auto *agent = new RegionAgent(m_catalogue.at(i), m_vantage, std::move(settings), this);
        m_agents.append(agent);
        if (!agent->start()) {
            stop();
            return false;
        }
    }
    return true;
}

void DemoFleet::stop()
{
    const QList<RegionAgent *> agents = std::exchange(m_agents, {});
    for (RegionAgent *agent : agents) {
        agent->stop();
        delete agent;
    }
}

bool DemoFleet::isRunning() const
{
    return !m_agents.isEmpty();
}

QList<domain::Region> DemoFleet::regions() const
{
    QList<domain::Region> out = m_catalogue;
    for (qsizetype i = 0; i < out.size(); ++i) {
        domain::Region &region = out[i];
        const RegionAgent *agent = i < m_agents.size() ? m_agents.at(i) : nullptr;
        region.pingUrl = agent ? agent->pingUrl().toString() : QString();
        region.healthUrl = agent ? agent->healthUrl().toString() : QString();
        region.stun = agent ? agent->stunEndpoint() : QString();
    }
    return out;
}

domain::GeoPoint DemoFleet::vantage() const
{
    return m_vantage;
}

RegionAgent *DemoFleet::agent(const QString &code) const
{
    for (RegionAgent *agent : m_agents) {
        if (agent->region().code == code)
            return agent;
    }
    return nullptr;
}

QList<RegionAgent *> DemoFleet::agents() const
{
    return m_agents;
}

bool DemoFleet::setFault(const QString &code, RegionAgent::Fault fault)
{
    RegionAgent *target = agent(code);
    if (!target)
        return false;
    target->setFault(fault);
    return true;
}

bool DemoFleet::clearFault(const QString &code)
{
    return setFault(code, RegionAgent::Fault{});
}

} // namespace waddle::sim
