#pragma once

#include "domain/analytics/alert.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace waddle::client {

// The alerts dock's view of an AlertsModel (issue 13): filtered by least
// severity, region and state, and grouped as the server groups alerts (rows
// of one group together, groups by key, newest first within a group).
class AlertsFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsFilterModel)

public:
    enum class State
    {
        Any,
        Open,
        Acknowledged // acknowledged or resolved: nothing left to do
    };

    explicit AlertsFilterModel(QObject *parent = nullptr);
    ~AlertsFilterModel() override;

    // Rows at least this severe; nullopt: all.
    void setMinimumSeverity(std::optional<domain::Severity> severity);
    // Rows of this region only (status alerts); empty: all.
    void setRegion(const QString &code);
    void setState(State state);

    [[nodiscard]] std::optional<domain::Severity> minimumSeverity() const { return m_severity; }
    [[nodiscard]] const QString &region() const { return m_region; }
    [[nodiscard]] State state() const { return m_state; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    std::optional<domain::Severity> m_severity;
    QString m_region;
    State m_state = State::Any;
};

} // namespace waddle::client
