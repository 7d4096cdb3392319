#pragma once

#include <QSortFilterProxyModel>

namespace waddle::ui {

// The latency table's proxy: sorts by LatencyResultsModel::SortRole (numbers
// as numbers, SPEC §14) and aligns each header like its column's cells, so
// "Average ms" sits over its right-aligned figures. Titles with a unit put it
// on a second line, and every title explains itself in a tooltip. The
// Samples cell carries the mode too ("5/5 · HTTP").
class LatencyProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyProxyModel)

public:
    explicit LatencyProxyModel(QObject *parent = nullptr);
    ~LatencyProxyModel() override;

    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    // "Average ms" → "Average" / "ms"; a one-word title stays as it is.
    [[nodiscard]] static QString twoLineTitle(const QString &title);
    [[nodiscard]] static QString headerToolTip(int section);
};

} // namespace waddle::ui
