#pragma once

#include <QStyledItemDelegate>

namespace waddle::ui {

// Paints the latency table (SPEC §4, seed 000 LatencyTestResults and
// QualityIndicator) from the model's roles; the model decides what the
// figures are, this only draws them:
//  - Quality: the marker of ui/common/statusstyle (colour AND shape) and the
//    word, so the quality never rests on colour alone (Grafana #124055);
//  - Range: a min–max bar with a tick at the average, on a track scaled to
//    the slowest maximum in the table, beside the "min–max" figures (seed 000
//    LatencyGraph); in a narrow column the bar stays and the figures go;
//  - rows from the cache are dimmed and their age reads "cached, 3 min ago".
class LatencyDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyDelegate)

public:
    explicit LatencyDelegate(QObject *parent = nullptr);
    ~LatencyDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    [[nodiscard]] QSize sizeHint(const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const override;

    // The word in the Quality column: "Excellent" … "Unreachable", or the
    // model's own text while there is no figure yet ("testing…").
    [[nodiscard]] static QString qualityLabel(const QModelIndex &index);
    // The Age column's text: the model's age, "cached, " before it for a
    // result from the cache.
    [[nodiscard]] static QString ageLabel(const QModelIndex &index);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    void paintQuality(QPainter *painter, const QStyleOptionViewItem &option,
                      const QModelIndex &index) const;
    void paintRange(QPainter *painter, const QStyleOptionViewItem &option,
                    const QModelIndex &index) const;
};

} // namespace waddle::ui
