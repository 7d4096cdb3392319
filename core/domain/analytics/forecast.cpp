#include "domain/analytics/forecast.h"

#include "domain/cpustate.h"
#include "domain/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <vector>

namespace waddle::domain {

namespace {

using namespace ForecastDefaults;

// The daily totals once checked: values in day order and the last day.
struct History
{
    std::vector<double> values;
    QDate lastDay;
};

QString dayText(QDate day)
{
    return day.toString(Qt::ISODate);
}

// Checks the arguments every model shares (SPEC §11: 1–90 days, ≥ 7 days of
// data, and "say so otherwise"): each problem is an Error naming the field
// and, for a bad day, the day.
Result<History> checkInput(const QList<MetricPoint> &dailyTotals, int horizonDays, int minDays)
{
    if (horizonDays < kMinHorizonDays || horizonDays > kMaxHorizonDays) {
        return Error{QStringLiteral("days"),
                     QStringLiteral("days must be between %1 and %2, got %3")
                         .arg(kMinHorizonDays)
                         .arg(kMaxHorizonDays)
                         .arg(horizonDays)};
    }
    const QString history = QStringLiteral("history");
    if (dailyTotals.size() < minDays) {
        return Error{history, QStringLiteral("needs at least %1 days of data, got %2")
                                  .arg(minDays)
                                  .arg(dailyTotals.size())};
    }

    // Two passes so that a swapped pair reads as "out of order", not as the
    // gap it leaves where the scan first meets it: first every day on its
    // own and its order, then the gaps.
    History checked;
    checked.values.reserve(static_cast<std::size_t>(dailyTotals.size()));
    std::vector<QDate> days;
    days.reserve(static_cast<std::size_t>(dailyTotals.size()));
    for (qsizetype i = 0; i < dailyTotals.size(); ++i) {
        const MetricPoint &point = dailyTotals.at(i);
        if (!point.time.isValid()) {
            return Error{history,
                         QStringLiteral("daily total number %1 has no valid date").arg(i + 1)};
        }
        const QDate day = point.time.toUTC().date();
        if (!std::isfinite(point.value)) {
            return Error{history, QStringLiteral("the total for %1 is not a finite number (%2)")
                                      .arg(dayText(day))
                                      .arg(point.value)};
        }
        if (!days.empty() && day == days.back()) {
            return Error{history, QStringLiteral("%1 appears twice; expected one total per UTC day")
                                      .arg(dayText(day))};
        }
        if (!days.empty() && day < days.back()) {
            return Error{history, QStringLiteral("%1 comes after %2; days must be oldest first")
                                      .arg(dayText(day), dayText(days.back()))};
        }
        checked.values.push_back(point.value);
        days.push_back(day);
    }
    QDate previous = days.front();
    for (const QDate day : days) {
        const qint64 step = previous.daysTo(day);
        if (step == 2) {
            return Error{history,
                         QStringLiteral("%1 is missing (the totals jump from %2 to %3)")
                             .arg(dayText(previous.addDays(1)), dayText(previous), dayText(day))};
        }
        if (step > 2) {
            return Error{history,
                         QStringLiteral("%1 to %2 are missing (the totals jump from %3 to %4)")
                             .arg(dayText(previous.addDays(1)), dayText(day.addDays(-1)),
                                  dayText(previous), dayText(day))};
        }
        previous = day;
    }
    checked.lastDay = previous;
    return checked;
}

// SPEC §11 / seed 001: SE = sqrt(Σ(actual − predicted)² / n), n = the number
// of in-sample predictions.
double standardError(std::span<const double> actual, std::span<const double> predicted)
{
    double sumSquares = 0.0;
    for (std::size_t i = 0; i < actual.size(); ++i) {
        const double residual = actual[i] - predicted[i];
        sumSquares += residual * residual;
    }
    return std::sqrt(sumSquares / static_cast<double>(actual.size()));
}

// Seed 001 returns an "accuracy percentage" without defining it. Ours:
//   accuracy = max(0, 100 − MAPE),
//   MAPE = mean over the days with actual ≠ 0 of |actual − predicted| / |actual| × 100,
// over the in-sample predictions. Days whose actual is 0 have no relative
// error and are left out; if every actual is 0 the accuracy is 100 when every
// prediction is 0 as well and 0 otherwise.
double accuracyPercent(std::span<const double> actual, std::span<const double> predicted)
{
    double sumRelative = 0.0;
    std::size_t counted = 0;
    bool allPredictionsZero = true;
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (predicted[i] != 0.0)
            allPredictionsZero = false;
        if (actual[i] == 0.0)
            continue;
        sumRelative += std::abs(actual[i] - predicted[i]) / std::abs(actual[i]);
        ++counted;
    }
    if (counted == 0)
        return allPredictionsZero ? 100.0 : 0.0;
    const double mape = sumRelative / static_cast<double>(counted) * 100.0;
    return std::max(0.0, 100.0 - mape);
}

// One forecast day: the band is ± 1.96 SE (SPEC §11); with clampAtZero all
// three values are raised to 0 where below it, which keeps low ≤ predicted ≤ high.
ForecastPoint forecastPoint(QDate day, double predicted, double standardError, bool clampAtZero)
{
    const double margin = kConfidenceZ * standardError;
    ForecastPoint point{QDateTime(day, QTime(0, 0), Qt::UTC), predicted, predicted - margin,
                        predicted + margin};
    if (clampAtZero) {
        point.predicted = std::max(0.0, point.predicted);
        point.low = std::max(0.0, point.low);
        point.high = std::max(0.0, point.high);
    }
    return point;
}

} // namespace

Result<Forecast> forecastLinear(const QList<MetricPoint> &dailyTotals, int horizonDays,
                                bool clampAtZero)
{
    const Result<History> input = checkInput(dailyTotals, horizonDays, kMinHistoryDays);
    if (!input)
        return input.error();
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    const std::vector<double> &y = input->values;
    const auto n = static_cast<qsizetype>(y.size());

    // Least squares through (x, y), x = day index 0..n−1 (SPEC §11 y = m x + b):
    //   m = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²,  b = ȳ − m x̄.
    // Centred sums: exact for whole-number data of any size we meet.
    const double xMean = static_cast<double>(n - 1) / 2.0;
    double yMean = 0.0;
    for (const double value : y)
        yMean += value;
    yMean /= static_cast<double>(n);
    double sxx = 0.0;
    double sxy = 0.0;
    for (qsizetype i = 0; i < n; ++i) {
        const double dx = static_cast<double>(i) - xMean;
        sxx += dx * dx;
        sxy += dx * (y[static_cast<std::size_t>(i)] - yMean);
    }

    Forecast forecast;
    forecast.model = kLinearRegressionModel;
    forecast.slope = sxy / sxx; // sxx > 0: n ≥ 7
    forecast.intercept = yMean - forecast.slope * xMean;

    std::vector<double> fitted(y.size());
    for (qsizetype i = 0; i < n; ++i)
        fitted[static_cast<std::size_t>(i)] =
            forecast.slope * static_cast<double>(i) + forecast.intercept;
    forecast.standardError = standardError(y, fitted);
    forecast.accuracyPercent = accuracyPercent(y, fitted);

    forecast.points.reserve(horizonDays);
    for (int h = 1; h <= horizonDays; ++h) {
        const double x = static_cast<double>(n - 1 + h);
        forecast.points.append(forecastPoint(input->lastDay.addDays(h),
                                             forecast.slope * x + forecast.intercept,
                                             forecast.standardError, clampAtZero));
    }
    return forecast;
}

namespace {

// Additive Holt-Winters (Winters 1960; Chatfield 1978), season m = 7:
//   one-step forecast  ŷ_t = L + T + S[t mod m]
//   level              L' = α (y_t − S[t mod m]) + (1 − α)(L + T)
//   trend              T' = β (L' − L) + (1 − β) T
//   season             S[t mod m] ← γ (y_t − L') + (1 − γ) S[t mod m]
//   h days ahead       ŷ_{n−1+h} = L + h T + S[(n − 1 + h) mod m]
// Initialisation from the first season(s):
//   L = mean(y_0..y_6); T = (mean(y_7..y_13) − L) / 7 if n ≥ 14, else 0;
//   S[i] = y_i − L for i = 0..6.
// One-step forecasts run over t = 7..n−1.
struct HoltWintersState
{
    double level = 0.0;
    double trend = 0.0;
    std::array<double, kSeasonDays> season{};
    double sumSquares = 0.0;          // Σ (y_t − ŷ_t)² over t = 7..n−1
    std::vector<double> oneStep = {}; // ŷ_t, only when asked for
};

HoltWintersState runHoltWinters(const std::vector<double> &y, double alpha, double beta,
                                double gamma, bool keepForecasts)
{
    constexpr std::size_t m = kSeasonDays;
    const std::size_t n = y.size();
    HoltWintersState s;

    for (std::size_t i = 0; i < m; ++i)
        s.level += y[i];
    s.level /= static_cast<double>(m);
    if (n >= 2 * m) {
        double secondMean = 0.0;
        for (std::size_t i = m; i < 2 * m; ++i)
            secondMean += y[i];
        secondMean /= static_cast<double>(m);
        s.trend = (secondMean - s.level) / static_cast<double>(m);
    }
    for (std::size_t i = 0; i < m; ++i)
        s.season[i] = y[i] - s.level;

    if (keepForecasts)
        s.oneStep.reserve(n - m);
    for (std::size_t t = m; t < n; ++t) {
        double &seasonal = s.season[t % m];
        const double forecast = s.level + s.trend + seasonal;
        const double residual = y[t] - forecast;
        s.sumSquares += residual * residual;
        if (keepForecasts)
            s.oneStep.push_back(forecast);

        const double level = alpha * (y[t] - seasonal) + (1.0 - alpha) * (s.level + s.trend);
        s.trend = beta * (level - s.level) + (1.0 - beta) * s.trend;
        seasonal = gamma * (y[t] - level) + (1.0 - gamma) * seasonal;
        s.level = level;
    }
    return s;
}

// The smoothing grid: 0.05, 0.10, …, 0.95 for each of α, β, γ (19³ = 6859
// runs, each O(n): a month of history takes about a millisecond).
constexpr int kGridSteps = 19;
constexpr double gridValue(int step)
{
    return step / 20.0;
}

} // namespace

Result<Forecast> forecastHoltWinters(const QList<MetricPoint> &dailyTotals, int horizonDays,
                                     bool clampAtZero)
{
    const Result<History> input = checkInput(dailyTotals, horizonDays, kMinHoltWintersHistoryDays);
    if (!input)
        return input.error();
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    const std::vector<double> &y = input->values;

    // α, β, γ minimise the SSE of the in-sample one-step forecasts. The grid
    // is walked α, then β, then γ, ascending, and only a strictly smaller SSE
    // replaces the best so far: ties go to the smallest parameters (the
    // smoothest model), so the choice is deterministic.
    double bestSse = std::numeric_limits<double>::infinity();
    int bestA = 1;
    int bestB = 1;
    int bestG = 1;
    for (int a = 1; a <= kGridSteps; ++a) {
        for (int b = 1; b <= kGridSteps; ++b) {
            for (int g = 1; g <= kGridSteps; ++g) {
                const double sse =
                    runHoltWinters(y, gridValue(a), gridValue(b), gridValue(g), false).sumSquares;
                if (sse < bestSse) {
                    bestSse = sse;
                    bestA = a;
                    bestB = b;
                    bestG = g;
                }
            }
        }
    }

    Forecast forecast;
    forecast.model = kHoltWintersModel;
    forecast.alpha = gridValue(bestA);
    forecast.beta = gridValue(bestB);
    forecast.gamma = gridValue(bestG);
    const HoltWintersState fit =
        runHoltWinters(y, forecast.alpha, forecast.beta, forecast.gamma, true);
    const std::span<const double> actual(y.data() + kSeasonDays, y.size() - kSeasonDays);
    forecast.standardError = standardError(actual, fit.oneStep);
    forecast.accuracyPercent = accuracyPercent(actual, fit.oneStep);

    const std::size_t n = y.size();
    forecast.points.reserve(horizonDays);
    for (int h = 1; h <= horizonDays; ++h) {
        const std::size_t day = n - 1 + static_cast<std::size_t>(h);
        const double predicted =
            fit.level + static_cast<double>(h) * fit.trend + fit.season[day % kSeasonDays];
        forecast.points.append(forecastPoint(input->lastDay.addDays(h), predicted,
                                             forecast.standardError, clampAtZero));
    }
    return forecast;
}

// Wire format: seed 001's forecast fields (forecast_date, predicted_value,
// confidence_low, confidence_high, model, accuracy); the rest are ours.
QJsonValue toJson(const ForecastPoint &point)
{
    return QJsonObject{
        {QStringLiteral("forecast_date"), toIsoString(point.date)},
        {QStringLiteral("predicted_value"), point.predicted},
        {QStringLiteral("confidence_low"), point.low},
        {QStringLiteral("confidence_high"), point.high},
    };
}

Result<ForecastPoint> forecastPointFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    ForecastPoint point;
    point.date = r.dateTime(QLatin1String("forecast_date"));
    point.predicted = r.number(QLatin1String("predicted_value"));
    point.low = r.number(QLatin1String("confidence_low"));
    point.high = r.number(QLatin1String("confidence_high"));
    if (!r.failed() && !(point.low <= point.predicted && point.predicted <= point.high)) {
        r.fail(path, QStringLiteral("confidence_low (%1) ≤ predicted_value (%2) ≤ "
                                    "confidence_high (%3) does not hold")
                         .arg(point.low)
                         .arg(point.predicted)
                         .arg(point.high));
    }
    return r.finish(point);
}

// The model's own parameters travel only for that model: slope and intercept
// for linear_regression, alpha, beta and gamma for holt_winters.
QJsonValue toJson(const Forecast &forecast)
{
    QJsonObject object{
        {QStringLiteral("model"), forecast.model},
        {QStringLiteral("accuracy"), forecast.accuracyPercent},
        {QStringLiteral("standard_error"), forecast.standardError},
    };
    if (forecast.model == kLinearRegressionModel) {
        object.insert(QStringLiteral("slope"), forecast.slope);
        object.insert(QStringLiteral("intercept"), forecast.intercept);
    } else if (forecast.model == kHoltWintersModel) {
        object.insert(QStringLiteral("alpha"), forecast.alpha);
        object.insert(QStringLiteral("beta"), forecast.beta);
        object.insert(QStringLiteral("gamma"), forecast.gamma);
    }
    QJsonArray points;
    for (const ForecastPoint &point : forecast.points)
        points.append(toJson(point));
    object.insert(QStringLiteral("points"), points);
    return object;
}

Result<Forecast> forecastFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Forecast forecast;
    forecast.model = r.string(QLatin1String("model"));
    const bool linear = forecast.model == kLinearRegressionModel;
    const bool holtWinters = forecast.model == kHoltWintersModel;
    if (!r.failed() && !linear && !holtWinters) {
        r.failField(QLatin1String("model"),
                    QStringLiteral("must be one of %1, %2, not \"%3\"")
                        .arg(kLinearRegressionModel, kHoltWintersModel, forecast.model));
    }
    forecast.accuracyPercent = r.number(QLatin1String("accuracy"), 0.0, 100.0);
    forecast.standardError = r.number(QLatin1String("standard_error"), 0.0);
    if (linear) {
        forecast.slope = r.number(QLatin1String("slope"));
        forecast.intercept = r.number(QLatin1String("intercept"));
    } else if (holtWinters) {
        forecast.alpha = r.number(QLatin1String("alpha"), 0.0, 1.0);
        forecast.beta = r.number(QLatin1String("beta"), 0.0, 1.0);
        forecast.gamma = r.number(QLatin1String("gamma"), 0.0, 1.0);
    }
    forecast.points = r.list<ForecastPoint>(QLatin1String("points"), forecastPointFromJson);
    return r.finish(forecast);
}

} // namespace waddle::domain
