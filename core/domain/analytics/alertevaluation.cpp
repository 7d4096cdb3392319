#include "domain/analytics/alertevaluation.h"

namespace waddle::domain {

AlertStep evaluateAlert(const Alert &alert, AlertWatch watch, std::optional<double> value,
                        const QDateTime &now)
{
    watch.lastEvaluated = now;
    if (!alert.enabled) {
        watch.holdingSince.reset();
        return {watch, AlertAction::None};
    }

    const bool holds = value && conditionHolds(alert.condition, *value, alert.threshold);
    if (holds) {
        watch.clearStreak = 0;
        if (!watch.holdingSince)
            watch.holdingSince = now;
        if (watch.open)
            return {watch, AlertAction::None}; // dedup: one open trigger per alert
        const qint64 heldSecs = watch.holdingSince->secsTo(now);
        if (heldSecs >= qint64(alert.durationMinutes) * 60) {
            watch.open = true;
            return {watch, AlertAction::Fire};
        }
        return {watch, AlertAction::None};
    }

    watch.holdingSince.reset();
    if (!watch.open)
        return {watch, AlertAction::None};
    ++watch.clearStreak;
    if (watch.clearStreak >= kResolveAfterClearEvaluations) {
        watch.open = false;
        watch.clearStreak = 0;
        return {watch, AlertAction::Resolve};
    }
    return {watch, AlertAction::None};
}

} // namespace waddle::domain
