#pragma once

#include "maplayer.h"

#include <memory>

namespace waddle::ui {

class WorldGeometry;

// Country borders as thin lines (the borders two countries share), at the
// same detail as the land.
class BorderLayer final : public MapLayer
{
public:
    explicit BorderLayer(std::shared_ptr<WorldGeometry> geometry);

    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 20.0; }

private:
    std::shared_ptr<WorldGeometry> m_geometry;
};

} // namespace waddle::ui
