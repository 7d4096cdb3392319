#pragma once

#include "domain/placement/locationgroup.h"
#include "domain/projection.h"
#include "maplayer.h"

#include <QImage>
#include <QList>

#include <array>
#include <optional>
#include <vector>

namespace waddle::ui {

// How the members of the selected waddle show.
enum class MemberDisplay
{
    Dots,    // a dot per location group, sized by its member count
    Density, // a blurred heat grid of member counts
};

// The members of the selected waddle (SPEC §13 "member locations"), one
// entry per location group (domain::LocationGroup), weighted by its count.
// Up to hundreds of thousands of dots: positions are projected once per
// projection, and each dot is a pre-rendered sprite blended at a whole
// device pixel into one layer image drawn once (PERFORMANCE.md: stamping
// sprites ~10 ms for 100k against 130 ms for drawEllipse per dot; blending
// rows ourselves instead of a drawPixmap per dot, a few ms).
class MemberLayer final : public MapLayer
{
public:
    static constexpr int kSizeClasses = 5;

    MemberLayer();

    void render(QPainter &painter, const MapViewport &viewport) override;
    [[nodiscard]] double zValue() const override { return 30.0; }

    void setGroups(const QList<domain::LocationGroup> &groups);
    [[nodiscard]] const QList<domain::LocationGroup> &groups() const { return m_groups; }

    [[nodiscard]] MemberDisplay display() const { return m_display; }
    void setDisplay(MemberDisplay display);

    // The dot class for a group of `members`: 0 for one member, up to
    // kSizeClasses − 1 for a thousand or more.
    static int sizeClass(qint64 members);
    // The dot radius of a class, logical pixels.
    static double radius(int sizeClass);
    // The dots' size factor at a zoom (1 = the whole world).
    static double zoomScale(double zoom);

protected:
    void themeChanged() override;

private:
    void ensureProjected(domain::Projection projection);
    void ensureSprites(double devicePixelRatio, double scale);
    void renderDots(QPainter &painter, const MapViewport &viewport);
    void renderDensity(QPainter &painter, const MapViewport &viewport);

    struct Dot
    {
        QPointF projected;
        float weight = 0.0F;
        int sizeClass = 0;
    };

    QList<domain::LocationGroup> m_groups;
    std::vector<Dot> m_dots; // larger dots first, so small ones stay visible
    std::optional<domain::Projection> m_projectedFor;
    MemberDisplay m_display = MemberDisplay::Dots;

    std::array<QImage, kSizeClasses> m_sprites; // premultiplied ARGB, device pixels
    double m_spriteRatio = 0.0;                 // 0: not built
    double m_spriteScale = 0.0;
    std::array<QRgb, 256> m_ramp{};
    std::vector<quint8> m_stamped; // per cell of device pixels: a bit per class stamped
    QImage m_canvas;               // the dots of the last frame, device pixels
};

} // namespace waddle::ui
