#pragma once

#include <QProxyStyle>

namespace waddle::ui {

// Fusion with check boxes and radio buttons that stay visible on a dark
// palette (issue 10): Fusion outlines them in a shade darker than the
// window, which on a dark window almost vanishes. This draws Fusion's
// indicator, then a ring or frame in the palette's placeholder colour (and
// the highlight while focused), so the control reads by its shape.
class ThemeStyle final : public QProxyStyle
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThemeStyle)

public:
    ThemeStyle();
    ~ThemeStyle() override;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
};

} // namespace waddle::ui
