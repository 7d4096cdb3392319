#pragma once

#include "maplayer.h"

#include <memory>

namespace waddle::ui {

class WorldGeometry;

// Land, filled, with a fine coastline: Natural Earth 1:110m for the whole
// world and 1:50m when zoomed in (WorldGeometry::kFineZoom).
class LandLayer final : public MapLayer
{
public:
    explicit LandLayer(std::shared_ptr<WorldGeometry> geometry);

    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 10.0; }

private:
    std::shared_ptr<WorldGeometry> m_geometry;
};

} // namespace waddle::ui
