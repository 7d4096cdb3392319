#pragma once

#include "domain/analytics/alert.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace waddle::domain {

// How one analytics alert is watched between evaluations (issue 12, after
// Prometheus/Alertmanager): the condition must hold continuously for the
// alert's duration before it fires; an open trigger is never opened twice
// (dedup); it resolves only after kResolveAfterClearEvaluations evaluations
// in a row find the condition gone, so a value hovering at the threshold does
// not flap. The alert service stores this state with the alert, so a restart
// neither forgets a pending condition nor fires again.
struct AlertWatch
{
    std::optional<QDateTime> holdingSince; // the condition has held since then
    bool open = false;                     // a trigger is open (triggered or acknowledged)
    int clearStreak = 0;                   // evaluations in a row without the condition, while open
    std::optional<QDateTime> lastEvaluated;

    friend bool operator==(const AlertWatch &, const AlertWatch &) = default;
};

inline constexpr int kResolveAfterClearEvaluations = 2;

enum class AlertAction
{
    None,
    Fire,   // open a trigger with the value
    Resolve // resolve the open trigger
};

struct AlertStep
{
    AlertWatch watch;
    AlertAction action = AlertAction::None;

    friend bool operator==(const AlertStep &, const AlertStep &) = default;
};

// One evaluation of `alert` at `now` with the metric's current `value`
// (nullopt: no data in the window, which never fires and counts as clear). A
// disabled alert does nothing and forgets a pending condition.
AlertStep evaluateAlert(const Alert &alert, AlertWatch watch, std::optional<double> value,
                        const QDateTime &now);

} // namespace waddle::domain
