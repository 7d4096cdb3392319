#include "themestyle.h"

#include <QPainter>
#include <QStyleFactory>
#include <QStyleOption>

namespace waddle::ui {

ThemeStyle::ThemeStyle()
    : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
{}

ThemeStyle::~ThemeStyle() = default;

void ThemeStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option,
                               QPainter *painter, const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    if (element != PE_IndicatorRadioButton && element != PE_IndicatorCheckBox)
        return;
    // Only where the window is dark: the light theme keeps Fusion's look.
    if (option->palette.color(QPalette::Window).lightnessF() >= 0.5)
        return;
    const bool focused = option->state & State_HasFocus;
    const bool enabled = option->state & State_Enabled;
    QColor ring = focused ? option->palette.color(QPalette::Highlight)
                          : option->palette.color(QPalette::PlaceholderText);
    if (!enabled)
        ring.setAlphaF(0.55F);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(ring, 1.2));
    painter->setBrush(Qt::NoBrush);
    const QRectF box = QRectF(option->rect).adjusted(1.0, 1.0, -1.0, -1.0);
    if (element == PE_IndicatorRadioButton)
        painter->drawEllipse(box);
    else
        painter->drawRoundedRect(box, 2.0, 2.0);
    painter->restore();
}

} // namespace waddle::ui
