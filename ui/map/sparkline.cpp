#include "sparkline.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace waddle::ui {

Sparkline::Sparkline(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    updateAccessibleText();
}

Sparkline::~Sparkline() = default;

void Sparkline::setValues(const QList<double> &values)
{
    m_values = values;
    updateAccessibleText();
    update();
}

void Sparkline::setRange(std::optional<double> minimum, std::optional<double> maximum)
{
    m_minimum = minimum;
    m_maximum = maximum;
    update();
}

void Sparkline::setUnit(const QString &unit)
{
    m_unit = unit;
    updateAccessibleText();
    update();
}

void Sparkline::setDecimals(int decimals)
{
    m_decimals = std::max(0, decimals);
    updateAccessibleText();
    update();
}

void Sparkline::setLineColor(const QColor &color)
{
    m_lineColor = color;
    update();
}

QSize Sparkline::sizeHint() const
{
    return {220, std::max(40, fontMetrics().height() * 2 + 8)};
}

QSize Sparkline::minimumSizeHint() const
{
    return {100, std::max(32, fontMetrics().height() * 2 + 4)};
}

QString Sparkline::formatValue(double value) const
{
    return QLocale().toString(value, 'f', m_decimals) + m_unit;
}

void Sparkline::updateAccessibleText()
{
    if (m_values.isEmpty()) {
        setAccessibleDescription(tr("No history yet"));
        return;
    }
    const auto [low, high] = std::minmax_element(m_values.cbegin(), m_values.cend());
    setAccessibleDescription(
        tr("%1 values, lowest %2, highest %3, latest %4")
            .arg(m_values.size())
            .arg(formatValue(*low), formatValue(*high), formatValue(m_values.last())));
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    QColor muted = pal.color(QPalette::WindowText);
    muted.setAlphaF(0.6F);

    if (m_values.isEmpty()) {
        painter.setPen(muted);
        painter.drawText(rect(), Qt::AlignLeft | Qt::AlignVCenter, tr("No history yet"));
        return;
    }

    const auto [lowIt, highIt] = std::minmax_element(m_values.cbegin(), m_values.cend());
    const double low = *lowIt;
    const double high = *highIt;
    double bottom = m_minimum.value_or(low);
    double top = m_maximum.value_or(high);
    if (top - bottom < 1e-9) {
        bottom -= 1.0;
        top += 1.0;
    }

    // Labels on the right: max at the top, min at the bottom.
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    painter.setFont(small);
    const QFontMetricsF metrics(small);
    const QString maxText = tr("max %1").arg(formatValue(high));
    const QString minText = tr("min %1").arg(formatValue(low));
    const double labelWidth =
        std::max(metrics.horizontalAdvance(maxText), metrics.horizontalAdvance(minText)) + 6.0;
    const QRectF plot = QRectF(rect()).adjusted(2, 3, -labelWidth - 2, -3);
    painter.setPen(muted);
    painter.drawText(QRectF(plot.right() + 6, rect().top(), labelWidth, rect().height() / 2.0),
                     Qt::AlignLeft | Qt::AlignTop, maxText);
    painter.drawText(
        QRectF(plot.right() + 6, rect().center().y(), labelWidth, rect().height() / 2.0),
        Qt::AlignLeft | Qt::AlignBottom, minText);
    if (plot.width() < 4)
        return;

    const auto pointAt = [&](qsizetype i) {
        const double x = m_values.size() == 1
                             ? plot.right()
                             : plot.left() + plot.width() * double(i) / double(m_values.size() - 1);
        const double t = (std::clamp(m_values[i], bottom, top) - bottom) / (top - bottom);
        return QPointF(x, plot.bottom() - t * plot.height());
    };
    QPainterPath line;
    line.moveTo(pointAt(0));
    for (qsizetype i = 1; i < m_values.size(); ++i)
        line.lineTo(pointAt(i));

    const QColor colour = m_lineColor.isValid() ? m_lineColor : pal.color(QPalette::Highlight);
    QPainterPath area = line;
    area.lineTo(QPointF(pointAt(m_values.size() - 1).x(), plot.bottom()));
    area.lineTo(QPointF(pointAt(0).x(), plot.bottom()));
    area.closeSubpath();
    QColor fill = colour;
    fill.setAlphaF(0.15F);
    painter.fillPath(area, fill);

    QPen faint(muted, 1.0, Qt::DotLine);
    painter.setPen(faint);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());

    painter.setPen(QPen(colour, 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.drawPath(line);
    painter.setBrush(colour);
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(pointAt(m_values.size() - 1), 2.5, 2.5);
}

} // namespace waddle::ui
