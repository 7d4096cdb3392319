#pragma once

#include "domain/analytics/usageevent.h"
#include "domain/faultrequest.h"
#include "domain/faultstate.h"
#include "domain/member.h"
#include "domain/region.h"
#include "domain/result.h"
#include "domain/waddle.h"

#include <QDateTime>
#include <QList>

namespace waddle::cp {

// The demo world to seed into an empty store: waddles with members and a
// usage history.
struct DemoSeed
{
    QList<domain::Waddle> waddles;
    QList<domain::Member> members;
    QList<domain::UsageEvent> usage; // ids empty: the store numbers them
};

// The demo fleet as the control plane sees it (SPEC §2 --demo). The control
// plane declares it and never includes the simulator: core/sim implements
// it, and app/ or the embedded backend's wiring hands one to ControlPlane.
// With one, the catalogue is served by simulated region agents, an empty
// store is seeded, and the demo fault routes exist (DemoRoutes).
class DemoFleetControl
{
public:
    virtual ~DemoFleetControl() = default;

    // Starts one agent per catalogue region; returns the catalogue as the
    // agents serve it (ping, health and STUN addresses pointing at them).
    [[nodiscard]] virtual domain::Result<QList<domain::Region>>
    start(const QList<domain::Region> &catalogue) = 0;
    virtual void stop() = 0;

    // The demo data for these regions, its history ending at `now`.
    [[nodiscard]] virtual DemoSeed demoData(const QList<domain::Region> &regions,
                                            const QDateTime &now) const = 0;

    // False for an unknown region or a fleet that is not running.
    [[nodiscard]] virtual bool setFault(const QString &code, const domain::FaultRequest &fault) = 0;
    [[nodiscard]] virtual bool clearFault(const QString &code) = 0;
    // Every agent's fault (kind none when it has none), in catalogue order.
    [[nodiscard]] virtual QList<domain::FaultState> faults() const = 0;
};

} // namespace waddle::cp
