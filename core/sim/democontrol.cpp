#include "democontrol.h"

#include "demodata.h"
#include "domain/citytable.h"

namespace waddle::sim {

using namespace waddle::domain;

DemoControl::DemoControl(GeoPoint vantage, quint64 seed, int waddles)
    : m_vantage(vantage)
    , m_seed(seed)
    , m_waddles(waddles)
    // Stream 4 of the seed: the history's draws use 1–3 (demodata.cpp).
    , m_liveRandom(std::make_unique<SeededRandom>(SeededRandom::derive(seed, 4)))
{}

DemoControl::~DemoControl() = default;

Result<QList<Region>> DemoControl::start(const QList<Region> &catalogue)
{
    m_fleet = std::make_unique<DemoFleet>(catalogue, m_vantage, m_seed);
    if (!m_fleet->start()) {
        m_fleet.reset();
        return Error{{}, QStringLiteral("cannot start the region agents on loopback")};
    }
    return m_fleet->regions();
}

void DemoControl::stop()
{
    m_fleet.reset();
}

cp::DemoSeed DemoControl::demoData(const QList<Region> &regions, const QDateTime &now) const
{
    DemoSettings settings;
    settings.seed = m_seed;
    settings.waddleCount = m_waddles;
    settings.now = now;
    DemoData data = generateDemoData(regions, defaultCityTable(), settings);
    // The store numbers usage events itself.
    for (UsageEvent &event : data.usage)
        event.id.clear();
    QList<ProjectMetricPoint> metrics = demoMetricPoints(data.usage, MeterGrain::History);
    return cp::DemoSeed{std::move(data.waddles), std::move(data.members), std::move(data.usage),
                        std::move(metrics)};
}

cp::DemoUsage
DemoControl::liveUsage(const QList<Region> &regions, const QList<Waddle> &waddles,
                       const std::function<QList<Member>(const QString &waddleId)> &members,
                       const QDateTime &from, const QDateTime &to)
{
    cp::DemoUsage usage;
    usage.events =
        generateLiveUsage(regions, waddles, members, from, to, RttModel{}, *m_liveRandom);
    usage.metrics = demoMetricPoints(usage.events, MeterGrain::Live);
    return usage;
}

bool DemoControl::setFault(const QString &code, const FaultRequest &fault)
{
    return m_fleet &&
           m_fleet->setFault(code, RegionAgent::Fault{fromDomain(fault.kind), fault.extraMs});
}

bool DemoControl::clearFault(const QString &code)
{
    return m_fleet && m_fleet->clearFault(code);
}

QList<FaultState> DemoControl::faults() const
{
    QList<FaultState> out;
    if (!m_fleet)
        return out;
    for (const RegionAgent *agent : m_fleet->agents()) {
        const RegionAgent::Fault fault = agent->fault();
        out.append(FaultState{agent->region().code, toDomain(fault.kind), fault.extraMs});
    }
    return out;
}

FaultKind DemoControl::toDomain(RegionAgent::Fault::Kind kind)
{
    switch (kind) {
    case RegionAgent::Fault::Kind::None:
        return FaultKind::None;
    case RegionAgent::Fault::Kind::Offline:
        return FaultKind::Offline;
    case RegionAgent::Fault::Kind::Degraded:
        return FaultKind::Degraded;
    case RegionAgent::Fault::Kind::Latency:
        return FaultKind::Latency;
    case RegionAgent::Fault::Kind::RejectRooms:
        return FaultKind::RejectRooms;
    case RegionAgent::Fault::Kind::SlowRooms:
        return FaultKind::SlowRooms;
    }
    return FaultKind::None;
}

RegionAgent::Fault::Kind DemoControl::fromDomain(FaultKind kind)
{
    switch (kind) {
    case FaultKind::None:
        return RegionAgent::Fault::Kind::None;
    case FaultKind::Offline:
        return RegionAgent::Fault::Kind::Offline;
    case FaultKind::Degraded:
        return RegionAgent::Fault::Kind::Degraded;
    case FaultKind::Latency:
        return RegionAgent::Fault::Kind::Latency;
    case FaultKind::RejectRooms:
        return RegionAgent::Fault::Kind::RejectRooms;
    case FaultKind::SlowRooms:
        return RegionAgent::Fault::Kind::SlowRooms;
    }
    return RegionAgent::Fault::Kind::None;
}

} // namespace waddle::sim
