#include "alertsfiltermodel.h"

#include "alertsmodel.h"

#include <QDateTime>

namespace waddle::client {

AlertsFilterModel::AlertsFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    sort(0);
}

AlertsFilterModel::~AlertsFilterModel() = default;

void AlertsFilterModel::setMinimumSeverity(std::optional<domain::Severity> severity)
{
    if (severity == m_severity)
        return;
    m_severity = severity;
    invalidateFilter();
}

void AlertsFilterModel::setRegion(const QString &code)
{
    if (code == m_region)
        return;
    m_region = code;
    invalidateFilter();
}

void AlertsFilterModel::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

bool AlertsFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_severity) {
        const auto severity =
            static_cast<domain::Severity>(index.data(AlertsModel::SeverityRole).toInt());
        if (severity < *m_severity)
            return false;
    }
    if (!m_region.isEmpty() && index.data(AlertsModel::RegionRole).toString() != m_region)
        return false;
    const bool open = index.data(AlertsModel::OpenRole).toBool();
    switch (m_state) {
    case State::Any:
        return true;
    case State::Open:
        return open;
    case State::Acknowledged:
        return !open;
    }
    return true;
}

bool AlertsFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QString leftGroup = left.data(AlertsModel::GroupRole).toString();
    const QString rightGroup = right.data(AlertsModel::GroupRole).toString();
    if (leftGroup != rightGroup)
        return leftGroup < rightGroup;
    // Newest first within a group; the source's row (newest first too) breaks ties.
    const QDateTime leftTime = left.data(AlertsModel::TimeRole).toDateTime();
    const QDateTime rightTime = right.data(AlertsModel::TimeRole).toDateTime();
    if (leftTime != rightTime)
        return leftTime > rightTime;
    return left.row() < right.row();
}

} // namespace waddle::client
