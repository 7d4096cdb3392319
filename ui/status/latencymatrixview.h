#pragma once

#include "domain/regionstats.h"

#include <QWidget>

namespace waddle::ui {

// The cross-region latency matrix as a heatmap (issue 13, seed 002): one
// cell per pair of regions with its RTT in words on a colour from short
// (green) to long (vermillion), so the figure never rests on the colour.
// Every figure is the RTT model's estimate (SPEC §5): the control plane
// stores no region-to-region measurements, so the caption and every cell's
// tooltip say "estimated".
class LatencyMatrixView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyMatrixView)

public:
    explicit LatencyMatrixView(QWidget *parent = nullptr);
    ~LatencyMatrixView() override;

    void setStats(const domain::RegionStats &stats);
    [[nodiscard]] QStringList codes() const { return m_codes; }
    // The text of cell (row, column) in ms: "142", "—" for an unplaced pair
    // (the diagonal is the RTT within one region).
    [[nodiscard]] QString cellText(int row, int column) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;

private:
    [[nodiscard]] int labelWidth() const;
    [[nodiscard]] int cellSize() const;
    [[nodiscard]] QRect cellRect(int row, int column) const;

    domain::RegionStats m_stats;
    QStringList m_codes;
    double m_maxMs = 0.0;
};

} // namespace waddle::ui
