#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

namespace waddle::ui {

// Greedy label placement for map markers: each label takes the first of
// eight positions around its marker that overlaps no marker, no label placed
// before it and stays inside the view; when none is free, the position that
// overlaps least. Place the most important labels first.
class LabelPlacer
{
public:
    explicit LabelPlacer(QRectF bounds);

    // Something labels should not cover (a marker's box).
    void addObstacle(QRectF rect);
    // A box of `size` beside a marker of `radius` at `anchor`, `gap` away.
    QRectF place(QPointF anchor, double radius, QSizeF size, double gap = 4.0);

    [[nodiscard]] const QList<QRectF> &placed() const { return m_placed; }

private:
    [[nodiscard]] double cost(const QRectF &rect) const;

    QRectF m_bounds;
    QList<QRectF> m_obstacles;
    QList<QRectF> m_placed;
};

} // namespace waddle::ui
