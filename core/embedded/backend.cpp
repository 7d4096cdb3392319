#include "backend.h"

#include "sim/democontrol.h"

namespace waddle::embedded {

Backend::Backend(cp::ControlPlaneOptions options)
{
    if (options.demo)
        m_demo = std::make_unique<sim::DemoControl>(options.vantage, options.demoSeed,
                                                    options.demoWaddles);
    m_plane = std::make_unique<cp::ControlPlane>(std::move(options), m_demo.get());
}

Backend::~Backend()
{
    m_plane.reset();
}

domain::Result<void> Backend::start()
{
    return m_plane->start();
}

void Backend::stop()
{
    m_plane->stop();
}

sim::DemoFleet *Backend::fleet() const
{
    return m_demo ? m_demo->fleet() : nullptr;
}

} // namespace waddle::embedded
