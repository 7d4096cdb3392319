#pragma once

#include "domain/analytics/metricpoint.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonValue>
#include <QLatin1String>
#include <QList>
#include <QString>

namespace waddle::domain {

// Usage forecasts for the analytics screen (SPEC §11 "Forecast", seed 001
// "Forecasting Model"): a straight line through the daily totals, as the seed
// specifies, and an additive Holt-Winters model with a weekly season, which the
// seed lists as missing ("no seasonality") and which voice usage, busy at the
// weekend and quiet on Monday morning, needs.

// Limits and constants of SPEC §11 / seed 001.
namespace ForecastDefaults {
inline constexpr int kDefaultHorizonDays = 7; // seed 001: `days` default 7
inline constexpr int kMinHorizonDays = 1;     // seed 001: `days` 1–90
inline constexpr int kMaxHorizonDays = 90;
inline constexpr int kHistoryDays = 30; // SPEC §11: the last 30 days of daily totals
// SPEC §11: "needs ≥ 7 days of data".
inline constexpr int kMinHistoryDays = 7;
// Holt-Winters learns the weekly pattern from the first 7 days and needs at
// least one day after them to measure its one-step error (and to choose α, β,
// γ); with exactly 7 days its error would be unknown, not zero.
inline constexpr int kMinHoltWintersHistoryDays = 8;
inline constexpr int kSeasonDays = 7; // SPEC §11: weekly season
// SPEC §11 / seed 001: 95 % band = ± 1.96 × SE.
inline constexpr double kConfidenceZ = 1.96;
} // namespace ForecastDefaults

// The wire names of Forecast::model (seed 001 `model`).
inline constexpr QLatin1String kLinearRegressionModel{"linear_regression"};
inline constexpr QLatin1String kHoltWintersModel{"holt_winters"};

// One forecast day (seed 001: forecast_date, predicted_value, confidence_low,
// confidence_high).
struct ForecastPoint
{
    QDateTime date; // 00:00 UTC of the forecast day
    double predicted = 0.0;
    double low = 0.0;  // predicted − 1.96 SE (clamped at 0 when asked)
    double high = 0.0; // predicted + 1.96 SE (clamped at 0 when asked)

    friend bool operator==(const ForecastPoint &, const ForecastPoint &) = default;
};

struct Forecast
{
    QString model; // kLinearRegressionModel or kHoltWintersModel
    // Linear regression only: y = slope·x + intercept, x = day index from 0.
    double slope = 0.0;
    double intercept = 0.0;
    // sqrt(Σ(actual − predicted)² / n) over the in-sample predictions
    // (linear: the fitted line; Holt-Winters: one-step-ahead forecasts).
    double standardError = 0.0;
    // max(0, 100 − MAPE) over the same in-sample predictions; see forecast.cpp.
    double accuracyPercent = 0.0;
    // Holt-Winters only: the smoothing parameters the grid search chose.
    double alpha = 0.0;
    double beta = 0.0;
    double gamma = 0.0;
    QList<ForecastPoint> points; // one per day after the history, oldest first

    friend bool operator==(const Forecast &, const Forecast &) = default;
};

// `dailyTotals`: one point per UTC day (its time anywhere in that day), on
// consecutive days, oldest first, every value finite; at least 7 of them.
// `horizonDays`: 1–90. Anything else is an Error naming the field ("days" or
// "history") and, for a bad day, the day. With `clampAtZero` (usage cannot be
// negative) predicted, low and high are raised to 0 where they fall below it;
// the fit itself, SE and accuracy are computed unclamped.

// SPEC §11 / seed 001: least squares y = m x + b over x = 0..n−1, band ± 1.96 SE.
[[nodiscard]] Result<Forecast> forecastLinear(const QList<MetricPoint> &dailyTotals,
                                              int horizonDays, bool clampAtZero = true);

// Additive Holt-Winters, season 7 days, α/β/γ by a deterministic grid search
// (see forecast.cpp); needs at least 8 days (kMinHoltWintersHistoryDays).
[[nodiscard]] Result<Forecast> forecastHoltWinters(const QList<MetricPoint> &dailyTotals,
                                                   int horizonDays, bool clampAtZero = true);

QJsonValue toJson(const ForecastPoint &point);
Result<ForecastPoint> forecastPointFromJson(const QJsonValue &json, const QString &path = {});
QJsonValue toJson(const Forecast &forecast);
Result<Forecast> forecastFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
