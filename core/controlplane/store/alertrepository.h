#pragma once

#include "domain/analytics/alert.h"
#include "domain/analytics/alertevaluation.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace waddle::cp {

class Database;

// Where an alert's notifications go besides its channel names (issue 12);
// the domain's, so the alert form checks them by the same rules.
using AlertTargets = domain::AlertTargets;

// A stored analytics alert: the rule, its targets, its firing history and
// its evaluation state (so a restart neither forgets nor fires twice).
struct StoredAlert
{
    domain::Alert alert;
    AlertTargets targets;
    std::optional<QDateTime> lastTriggered;
    int triggerCount = 0;
    domain::AlertWatch watch;

    friend bool operator==(const StoredAlert &, const StoredAlert &) = default;
};

// Analytics alerts and their triggers (SPEC §11, seed 001 MetricAlert and
// AlertTrigger). No repository knows another; each runs its own statements
// on the Database.
class AlertRepository
{
public:
    explicit AlertRepository(const Database &database);

    [[nodiscard]] StoreResult<StoredAlert> createAlert(StoredAlert alert, const QDateTime &now);
    // One project's alerts (every project's when `projectId` is empty), oldest first.
    [[nodiscard]] StoreResult<QList<StoredAlert>> alerts(const QString &projectId) const;
    [[nodiscard]] StoreResult<StoredAlert> alert(const QString &projectId, const QString &id) const;
    // Replaces the rule and targets (not the history nor the state).
    [[nodiscard]] StoreResult<StoredAlert> updateAlert(const StoredAlert &alert);
    // Deletes the alert and its triggers.
    [[nodiscard]] StoreResult<void> removeAlert(const QString &projectId, const QString &id);

    // Stores the evaluation state.
    [[nodiscard]] StoreResult<void> saveWatch(const QString &alertId,
                                              const domain::AlertWatch &watch);
    // Opens a trigger for `alert` with `value` at `now` and counts it on the
    // alert, in one transaction.
    [[nodiscard]] StoreResult<domain::AlertTrigger>
    fire(const StoredAlert &alert, double value, const QString &message, const QDateTime &now);
    // Resolves the alert's open trigger, if any.
    [[nodiscard]] StoreResult<std::optional<domain::AlertTrigger>>
    resolveOpen(const QString &alertId, const QDateTime &now);
    // Acknowledges an open trigger of the project (NotFound otherwise;
    // Conflict when resolved).
    [[nodiscard]] StoreResult<domain::AlertTrigger>
    acknowledge(const QString &projectId, const QString &triggerId, const QDateTime &now);
    // The project's triggers, newest first, at most `limit`.
    [[nodiscard]] StoreResult<QList<domain::AlertTrigger>> triggers(const QString &projectId,
                                                                    qint64 limit) const;
    // Triggers of the project not resolved.
    [[nodiscard]] StoreResult<qint64> openTriggerCount(const QString &projectId) const;

private:
    [[nodiscard]] QSqlDatabase db() const;
    [[nodiscard]] StoreResult<domain::AlertTrigger> trigger(const QString &id) const;

    const Database &m_database;
};

} // namespace waddle::cp
