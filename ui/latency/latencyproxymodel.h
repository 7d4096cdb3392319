#pragma once

#include <QSortFilterProxyModel>

namespace waddle::ui {

// The latency table's proxy: sorts by LatencyResultsModel::SortRole (numbers
// as numbers, SPEC §14) and aligns each header like its column's cells, so
// "Average ms" sits over its right-aligned figures.
class LatencyProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyProxyModel)

public:
    explicit LatencyProxyModel(QObject *parent = nullptr);
    ~LatencyProxyModel() override;

    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;
};

} // namespace waddle::ui
