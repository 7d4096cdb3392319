#pragma once

#include "maplayer.h"

#include <memory>

namespace waddle::ui {

class WorldGeometry;

// The bottom of the map: the space around the world, the ocean inside the
// projection's outline, and a graticule every 30°.
class BackgroundLayer final : public MapLayer
{
public:
    explicit BackgroundLayer(std::shared_ptr<WorldGeometry> geometry);

    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 0.0; }

    [[nodiscard]] bool showsGraticule() const { return m_graticule; }
    void setShowsGraticule(bool show);

private:
    std::shared_ptr<WorldGeometry> m_geometry;
    bool m_graticule = true;
};

} // namespace waddle::ui
