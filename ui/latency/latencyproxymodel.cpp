#include "latencyproxymodel.h"

#include "client/latencyresultsmodel.h"

namespace waddle::ui {

using client::LatencyResultsModel;

LatencyProxyModel::LatencyProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LatencyResultsModel::SortRole);
    setDynamicSortFilter(true);
}

LatencyProxyModel::~LatencyProxyModel() = default;

QVariant LatencyProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::TextAlignmentRole)
        return QSortFilterProxyModel::headerData(section, orientation, role);
    // An int, as QHeaderView reads it.
    switch (section) {
    case LatencyResultsModel::RegionColumn:
    case LatencyResultsModel::QualityColumn:
    case LatencyResultsModel::AgeColumn:
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case LatencyResultsModel::RangeColumn:
        return int(Qt::AlignCenter);
    default:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
}

} // namespace waddle::ui
