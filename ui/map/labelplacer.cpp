#include "labelplacer.h"

#include <array>
#include <limits>

namespace waddle::ui {

namespace {

double overlap(const QRectF &a, const QRectF &b)
{
    const QRectF common = a.intersected(b);
    return common.isEmpty() ? 0.0 : common.width() * common.height();
}

} // namespace

LabelPlacer::LabelPlacer(QRectF bounds)
    : m_bounds(bounds)
{}

void LabelPlacer::addObstacle(QRectF rect)
{
    m_obstacles.append(rect);
}

double LabelPlacer::cost(const QRectF &rect) const
{
    double cost = 0.0;
    for (const QRectF &other : m_placed)
        cost += overlap(rect, other) * 2.0; // text over text is worst
    for (const QRectF &other : m_obstacles)
        cost += overlap(rect, other);
    const double area = rect.width() * rect.height();
    cost += (area - overlap(rect, m_bounds)) * 3.0; // cut off by the edge
    return cost;
}

QRectF LabelPlacer::place(QPointF anchor, double radius, QSizeF size, double gap)
{
    const double w = size.width();
    const double h = size.height();
    const double d = radius + gap;
    const double diagonal = d * 0.72;
    // Right, left, above-right, below-right, above-left, below-left, above,
    // below: the order map readers expect.
    const std::array<QPointF, 8> topLefts{
        QPointF(anchor.x() + d, anchor.y() - h / 2.0),
        QPointF(anchor.x() - d - w, anchor.y() - h / 2.0),
        QPointF(anchor.x() + diagonal, anchor.y() - diagonal - h),
        QPointF(anchor.x() + diagonal, anchor.y() + diagonal),
        QPointF(anchor.x() - diagonal - w, anchor.y() - diagonal - h),
        QPointF(anchor.x() - diagonal - w, anchor.y() + diagonal),
        QPointF(anchor.x() - w / 2.0, anchor.y() - d - h),
        QPointF(anchor.x() - w / 2.0, anchor.y() + d),
    };
    QRectF best;
    double bestCost = std::numeric_limits<double>::max();
    for (const QPointF &topLeft : topLefts) {
        const QRectF rect(topLeft, size);
        const double c = cost(rect);
        if (c < bestCost) {
            best = rect;
            bestCost = c;
            if (c <= 0.0)
                break;
        }
    }
    m_placed.append(best);
    return best;
}

} // namespace waddle::ui
