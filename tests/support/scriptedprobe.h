#pragma once

#include "controlplane/services/healthprobe.h"

#include <QHash>

namespace waddle::test {

// A health probe that answers at once with what the test says each region
// is doing (healthy unless told otherwise).
class ScriptedProbe final : public cp::HealthProbe
{
public:
    QHash<QString, cp::ProbeOutcome> outcomes;
    int calls = 0;

    void probe(const domain::Region &region,
               std::function<void(const cp::ProbeOutcome &)> done) override;

    // 12 ms, status healthy, p99 40 ms, 0.5 % errors.
    static cp::ProbeOutcome healthy(double utilisation = 0.4);
    static cp::ProbeOutcome refused();
};

} // namespace waddle::test
