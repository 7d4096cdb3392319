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

QVariant LatencyProxyModel::data(const QModelIndex &index, int role) const
{
    // The Samples cell also says the mode ("5/5 · STUN"): the view hides the
    // Mode column to fit a small window, and every row still says how it
    // was measured (issue 10).
    if (index.column() == LatencyResultsModel::SamplesColumn &&
        (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
        const QVariant samples = QSortFilterProxyModel::data(index, role);
        const QString mode =
            index.siblingAtColumn(LatencyResultsModel::ModeColumn).data().toString();
        if (mode.isEmpty() || samples.toString().isEmpty())
            return samples;
        return role == Qt::DisplayRole ? tr("%1 · %2").arg(samples.toString(), mode)
                                       : tr("%1, by %2").arg(samples.toString(), mode);
    }
    return QSortFilterProxyModel::data(index, role);
}

QString LatencyProxyModel::twoLineTitle(const QString &title)
{
    const qsizetype space = title.lastIndexOf(u' ');
    if (space < 0)
        return title;
    QString broken = title;
    broken[space] = u'\n';
    return broken;
}

QString LatencyProxyModel::headerToolTip(int section)
{
    switch (section) {
    case LatencyResultsModel::RegionColumn:
        return tr("The region tested");
    case LatencyResultsModel::QualityColumn:
        return tr("Voice quality to expect from the average round trip and the loss");
    case LatencyResultsModel::AverageColumn:
        return tr("Average round trip, milliseconds");
    case LatencyResultsModel::MedianColumn:
        return tr("Median round trip, milliseconds: half the samples were faster");
    case LatencyResultsModel::P95Column:
        return tr("95th percentile round trip, milliseconds: 19 samples in 20 were faster");
    case LatencyResultsModel::JitterColumn:
        return tr("Jitter, milliseconds: the mean change between consecutive round trips");
    case LatencyResultsModel::LossColumn:
        return tr("Samples lost, percent");
    case LatencyResultsModel::ConnectColumn:
        return tr("Connection set-up time, milliseconds, timed apart from the round trips; "
                  "\"—\" where the mode has no connection (STUN)");
    case LatencyResultsModel::RangeColumn:
        return tr("Fastest–slowest round trip, milliseconds; the bar shows the range, the tick "
                  "the average");
    case LatencyResultsModel::SamplesColumn:
        return tr("Samples answered of samples sent, and how they were measured: HTTP, TCP or "
                  "STUN");
    case LatencyResultsModel::ModeColumn:
        return tr("How the row was measured: HTTP, TCP or STUN");
    case LatencyResultsModel::RankColumn:
        return tr("Rank by average; \"=\" where ranges overlap and the regions tie");
    case LatencyResultsModel::AgeColumn:
        return tr("When the row was measured");
    default:
        return {};
    }
}

QVariant LatencyProxyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QSortFilterProxyModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        // Units on a second line ("Average" over "ms"): narrow columns of
        // figures keep their whole title at 1024×700 (issue 10).
        return twoLineTitle(
            QSortFilterProxyModel::headerData(section, orientation, role).toString());
    }
    if (role == Qt::ToolTipRole)
        return headerToolTip(section);
    if (role != Qt::TextAlignmentRole)
        return QSortFilterProxyModel::headerData(section, orientation, role);
    // An int, as QHeaderView reads it.
    switch (section) {
    case LatencyResultsModel::RegionColumn:
    case LatencyResultsModel::QualityColumn:
    case LatencyResultsModel::ModeColumn:
    case LatencyResultsModel::AgeColumn:
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case LatencyResultsModel::RangeColumn:
        return int(Qt::AlignCenter);
    default:
        return int(Qt::AlignRight | Qt::AlignVCenter);
    }
}

} // namespace waddle::ui
