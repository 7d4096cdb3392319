#pragma once

#include "controlplane/controlplane.h"

#include <memory>

namespace waddle::sim {
class DemoControl;
class DemoFleet;
} // namespace waddle::sim

namespace waddle::embedded {

// The one place the control plane and the demo fleet meet (ARCHITECTURE.md:
// the demo is wired where both are visible): a ControlPlane and, when its
// options ask for the demo, the simulated fleet handed to it. The headless
// daemon, the embedded backend's thread and the integration tests all wire
// the demo through here, the same way.
class Backend
{
public:
    explicit Backend(cp::ControlPlaneOptions options);
    ~Backend();
    Backend(const Backend &) = delete;
    Backend &operator=(const Backend &) = delete;
    Backend(Backend &&) = delete;
    Backend &operator=(Backend &&) = delete;

    [[nodiscard]] domain::Result<void> start();
    void stop();

    cp::ControlPlane &plane() { return *m_plane; }
    [[nodiscard]] const cp::ControlPlane &plane() const { return *m_plane; }
    // The running demo fleet, or nullptr (no demo, not started).
    [[nodiscard]] sim::DemoFleet *fleet() const;

private:
    std::unique_ptr<sim::DemoControl> m_demo; // outlives m_plane
    std::unique_ptr<cp::ControlPlane> m_plane;
};

} // namespace waddle::embedded
