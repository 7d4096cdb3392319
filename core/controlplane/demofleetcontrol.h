#pragma once

#include "domain/analytics/projectmetricpoint.h"
#include "domain/analytics/usageevent.h"
#include "domain/faultrequest.h"
#include "domain/faultstate.h"
#include "domain/member.h"
#include "domain/region.h"
#include "domain/result.h"
#include "domain/waddle.h"

#include <QDateTime>
#include <QList>

#include <functional>

namespace waddle::cp {

// The demo world to seed into an empty store: waddles with members and a
// usage history.
struct DemoSeed
{
    QList<domain::Waddle> waddles;
    QList<domain::Member> members;
    QList<domain::UsageEvent> usage; // ids empty: the store numbers them
    // The other meters of the history (egress, storage, bandwidth), derived
    // from `usage`.
    QList<domain::ProjectMetricPoint> metrics;
};

// What the demo fleet ran in a stretch of time (live usage, SPEC §11).
struct DemoUsage
{
    QList<domain::UsageEvent> events; // ids empty
    QList<domain::ProjectMetricPoint> metrics;
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

    // The sessions that started in [from, to) on the running fleet, for the
    // waddles as they are placed now (`members` gives a waddle's members),
    // and the meters derived from them.
    [[nodiscard]] virtual DemoUsage
    liveUsage(const QList<domain::Region> &regions, const QList<domain::Waddle> &waddles,
              const std::function<QList<domain::Member>(const QString &waddleId)> &members,
              const QDateTime &from, const QDateTime &to) = 0;

    // False for an unknown region or a fleet that is not running.
    [[nodiscard]] virtual bool setFault(const QString &code, const domain::FaultRequest &fault) = 0;
    [[nodiscard]] virtual bool clearFault(const QString &code) = 0;
    // Every agent's fault (kind none when it has none), in catalogue order.
    [[nodiscard]] virtual QList<domain::FaultState> faults() const = 0;
};

} // namespace waddle::cp
