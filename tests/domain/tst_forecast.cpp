#include "domain/analytics/forecast.h"
#include "domain/jsonreader.h"

#include <QJsonDocument>
#include <QTest>

#include <cmath>

using namespace waddle::domain;

Q_DECLARE_METATYPE(waddle::domain::MetricPoint)

namespace {

// Passes when |actual − expected| <= tolerance, and says both otherwise.
#define COMPARE_NEAR(actual, expected, tolerance)                                                  \
    do {                                                                                           \
        const double a_ = (actual);                                                                \
        const double e_ = (expected);                                                              \
        QVERIFY2(std::abs(a_ - e_) <= (tolerance),                                                 \
                 qPrintable(QStringLiteral("%1 is %2, expected %3 ± %4")                           \
                                .arg(QLatin1String(#actual))                                       \
                                .arg(a_, 0, 'g', 17)                                               \
                                .arg(e_, 0, 'g', 17)                                               \
                                .arg(tolerance)));                                                 \
    } while (false)

constexpr double kTight = 1e-9;

QDate day(int year, int month, int dayOfMonth)
{
    return QDate(year, month, dayOfMonth);
}

QDateTime midnight(QDate date)
{
    return QDateTime(date, QTime(0, 0), Qt::UTC);
}

// Daily totals on consecutive days from `first` (default 2025-01-01), at 00:00 UTC.
QList<MetricPoint> dailyTotals(const QList<double> &values, QDate first = day(2025, 1, 1))
{
    QList<MetricPoint> points;
    for (qsizetype i = 0; i < values.size(); ++i)
        points.append(MetricPoint{midnight(first.addDays(i)), values.at(i)});
    return points;
}

QList<double> repeated(const QList<double> &pattern, int times)
{
    QList<double> values;
    for (int i = 0; i < times; ++i)
        values.append(pattern);
    return values;
}

Result<Forecast> runModel(const QString &model, const QList<MetricPoint> &points, int days)
{
    return model == QLatin1String("linear") ? forecastLinear(points, days)
                                            : forecastHoltWinters(points, days);
}

} // namespace

class TestForecast : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void linearExact_data();
    void linearExact();
    void linearNoisy();
    void linearDates();
    void rejects_data();
    void rejects();
    void horizonBoundsAccepted_data();
    void horizonBoundsAccepted();
    void holtWintersHandWorked();
    void holtWintersWeeklyPattern();
    void holtWintersTrendAndSeason();
    void jsonFieldNames();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void jsonMalformed_data();
    void jsonMalformed();
};

void TestForecast::linearExact_data()
{
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<int>("days");
    QTest::addColumn<bool>("clamp");
    QTest::addColumn<double>("slope");
    QTest::addColumn<double>("intercept");
    QTest::addColumn<QList<double>>("predicted");

    // Points exactly on a line: every residual is 0, so SE = 0, the band has
    // width 0 (low = predicted = high) and accuracy is 100.
    //
    // y = 3x + 5, x = 0..6: [5, 8, 11, 14, 17, 20, 23].
    //   x̄ = 3, ȳ = 98/7 = 14, Σ(x − x̄)² = 9+4+1+0+1+4+9 = 28,
    //   Σ(x − x̄)(y − ȳ) = Σ 3(x − x̄)² = 84 → m = 84/28 = 3, b = 14 − 3·3 = 5.
    //   x = 7, 8, 9 → 26, 29, 32.
    QTest::newRow("y = 3x + 5") << QList<double>{5, 8, 11, 14, 17, 20, 23} << 3 << true << 3.0
                                << 5.0 << QList<double>{26, 29, 32};
    // Flat: m = 0, b = 4 → 4, 4.
    QTest::newRow("flat") << QList<double>{4, 4, 4, 4, 4, 4, 4} << 2 << true << 0.0 << 4.0
                          << QList<double>{4, 4};
    // y = −10x + 60: [60, 50, 40, 30, 20, 10, 0]; ȳ = 30, Σ(x − x̄)(y − ȳ) = −280
    //   → m = −10, b = 30 + 10·3 = 60. x = 7 → −10, x = 8 → −20.
    //   The last actual is 0: left out of MAPE; the rest fit exactly → 100.
    QTest::newRow("falling, clamped") << QList<double>{60, 50, 40, 30, 20, 10, 0} << 2 << true
                                      << -10.0 << 60.0 << QList<double>{0, 0};
    QTest::newRow("falling, unclamped") << QList<double>{60, 50, 40, 30, 20, 10, 0} << 2 << false
                                        << -10.0 << 60.0 << QList<double>{-10, -20};
    // All zero: m = b = 0, every actual and every prediction 0 → accuracy 100.
    QTest::newRow("all zero") << QList<double>{0, 0, 0, 0, 0, 0, 0} << 1 << true << 0.0 << 0.0
                              << QList<double>{0};
    // 30 days of y = 2x + 100 (SPEC §11's usual history):
    //   ȳ = (2·435 + 3000)/30 = 129, x̄ = 14.5, y − ȳ = 2(x − x̄) → m = 2,
    //   b = 129 − 2·14.5 = 100. x = 30, 31, 32 → 160, 162, 164.
    QList<double> month;
    for (int x = 0; x < 30; ++x)
        month.append(2.0 * x + 100.0);
    QTest::newRow("30 days") << month << 3 << true << 2.0 << 100.0 << QList<double>{160, 162, 164};
}

void TestForecast::linearExact()
{
    QFETCH(QList<double>, values);
    QFETCH(int, days);
    QFETCH(bool, clamp);
    QFETCH(double, slope);
    QFETCH(double, intercept);
    QFETCH(QList<double>, predicted);

    const Result<Forecast> forecast = forecastLinear(dailyTotals(values), days, clamp);
    QVERIFY2(forecast.ok(), qPrintable(forecast.ok() ? QString() : forecast.error().message));
    QCOMPARE(forecast->model, QStringLiteral("linear_regression"));
    QCOMPARE(forecast->slope, slope);
    QCOMPARE(forecast->intercept, intercept);
    QCOMPARE(forecast->standardError, 0.0);
    QCOMPARE(forecast->accuracyPercent, 100.0);
    QCOMPARE(forecast->alpha, 0.0);
    QCOMPARE(forecast->beta, 0.0);
    QCOMPARE(forecast->gamma, 0.0);
    QCOMPARE(forecast->points.size(), predicted.size());
    for (qsizetype i = 0; i < predicted.size(); ++i) {
        const ForecastPoint &point = forecast->points.at(i);
        QCOMPARE(point.predicted, predicted.at(i));
        QCOMPARE(point.low, predicted.at(i));
        QCOMPARE(point.high, predicted.at(i));
    }
}

void TestForecast::linearNoisy()
{
    // y = [2, 4, 3, 6, 5, 8, 7], x = 0..6, by hand:
    //   x̄ = 3, ȳ = 35/7 = 5
    //   x − x̄ = [−3, −2, −1, 0, 1, 2, 3]     Σ(x − x̄)² = 28
    //   y − ȳ = [−3, −1, −2, 1, 0, 3, 2]
    //   Σ(x − x̄)(y − ȳ) = 9 + 2 + 2 + 0 + 0 + 6 + 6 = 25
    //   m = 25/28, b = 5 − 3·25/28 = 65/28
    //   fitted ŷ_i = (65 + 25 i)/28 = [65, 90, 115, 140, 165, 190, 215]/28
    //   28·y = [56, 112, 84, 168, 140, 224, 196]
    //   28·(y − ŷ) = [−9, 22, −31, 28, −25, 34, −19]   (sum 0, as it must be)
    //   Σ(28 r)² = 81 + 484 + 961 + 784 + 625 + 1156 + 361 = 4452
    //   Σr² = 4452/784 = 159/28;  SE = sqrt(159/28 / 7) = sqrt(159/196) ≈ 0.90068
    //   |r|/y = 9/56, 22/112, 31/84, 28/168, 25/140, 34/224, 19/196
    //   MAPE = 100/7 · Σ|r|/y ≈ 18.859 %;  accuracy = 100 − MAPE ≈ 81.141 %
    //   x = 7 → (65 + 175)/28 = 240/28;  x = 8 → 265/28;  band ± 1.96 SE
    const Result<Forecast> forecast = forecastLinear(dailyTotals({2, 4, 3, 6, 5, 8, 7}), 2);
    QVERIFY(forecast.ok());
    COMPARE_NEAR(forecast->slope, 25.0 / 28.0, kTight);
    COMPARE_NEAR(forecast->intercept, 65.0 / 28.0, kTight);
    const double se = std::sqrt(159.0 / 196.0);
    COMPARE_NEAR(forecast->standardError, se, kTight);
    const double mape =
        100.0 / 7.0 *
        (9.0 / 56 + 22.0 / 112 + 31.0 / 84 + 28.0 / 168 + 25.0 / 140 + 34.0 / 224 + 19.0 / 196);
    COMPARE_NEAR(forecast->accuracyPercent, 100.0 - mape, kTight);
    COMPARE_NEAR(forecast->accuracyPercent, 81.1407, 1e-4); // the same, as a number to read

    QCOMPARE(forecast->points.size(), 2);
    const double expected[] = {240.0 / 28.0, 265.0 / 28.0};
    for (int i = 0; i < 2; ++i) {
        const ForecastPoint &point = forecast->points.at(i);
        COMPARE_NEAR(point.predicted, expected[i], kTight);
        COMPARE_NEAR(point.low, expected[i] - 1.96 * se, kTight);
        COMPARE_NEAR(point.high, expected[i] + 1.96 * se, kTight);
    }
}

void TestForecast::linearDates()
{
    // History 2025-01-01 .. 2025-01-30 (30 days); times inside the day are
    // fine. The forecast days follow the last one at 00:00 UTC, across the
    // month end.
    QList<MetricPoint> history = dailyTotals(QList<double>(30, 1.0));
    history[3].time = history[3].time.addSecs(13 * 3600 + 5);
    const Result<Forecast> forecast = forecastLinear(history, 3);
    QVERIFY(forecast.ok());
    QCOMPARE(forecast->points.size(), 3);
    QCOMPARE(forecast->points.at(0).date, midnight(day(2025, 1, 31)));
    QCOMPARE(forecast->points.at(1).date, midnight(day(2025, 2, 1)));
    QCOMPARE(forecast->points.at(2).date, midnight(day(2025, 2, 2)));
    QCOMPARE(forecast->points.at(0).date.timeSpec(), Qt::UTC);
}

void TestForecast::rejects_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QList<MetricPoint>>("points");
    QTest::addColumn<int>("days");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    const QList<MetricPoint> ten = dailyTotals({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});

    QList<MetricPoint> gap = ten; // 2025-01-04 removed
    gap.removeAt(3);
    QList<MetricPoint> longGap = ten; // 2025-01-04 .. 2025-01-06 removed
    longGap.remove(3, 3);
    longGap.append(dailyTotals({11, 12, 13}, day(2025, 1, 11)));
    QList<MetricPoint> duplicate = ten; // 2025-01-03 twice
    duplicate.insert(3, MetricPoint{midnight(day(2025, 1, 3)).addSecs(3600), 4});
    QList<MetricPoint> unsorted = ten; // 01-01, 01-03, 01-02, …
    unsorted.swapItemsAt(1, 2);
    QList<MetricPoint> notANumber = ten;
    notANumber[4].value = qQNaN(); // 2025-01-05
    QList<MetricPoint> infinite = ten;
    infinite[9].value = -qInf(); // 2025-01-10
    QList<MetricPoint> noTime = ten;
    noTime[2].time = QDateTime();

    for (const QString &model : {QStringLiteral("linear"), QStringLiteral("holt_winters")}) {
        const auto row = [&model](const char *name) {
            return &QTest::newRow(qPrintable(model + QLatin1String(": ") + QLatin1String(name)));
        };
        *row("0 days") << model << ten << 0 << QStringLiteral("days")
                       << QStringLiteral("days must be between 1 and 90, got 0");
        *row("91 days") << model << ten << 91 << QStringLiteral("days")
                        << QStringLiteral("days must be between 1 and 90, got 91");
        *row("-1 days") << model << ten << -1 << QStringLiteral("days")
                        << QStringLiteral("days must be between 1 and 90, got -1");
        *row("gap") << model << gap << 7 << QStringLiteral("history")
                    << QStringLiteral(
                           "2025-01-04 is missing (the totals jump from 2025-01-03 to 2025-01-05)");
        *row("long gap") << model << longGap << 7 << QStringLiteral("history")
                         << QStringLiteral("2025-01-04 to 2025-01-06 are missing (the totals "
                                           "jump from 2025-01-03 to 2025-01-07)");
        *row("duplicate") << model << duplicate << 7 << QStringLiteral("history")
                          << QStringLiteral("2025-01-03 appears twice; expected one total per "
                                            "UTC day");
        *row("unsorted") << model << unsorted << 7 << QStringLiteral("history")
                         << QStringLiteral("2025-01-02 comes after 2025-01-03; days must be "
                                           "oldest first");
        *row("NaN") << model << notANumber << 7 << QStringLiteral("history")
                    << QStringLiteral("the total for 2025-01-05 is not a finite number (nan)");
        *row("-inf") << model << infinite << 7 << QStringLiteral("history")
                     << QStringLiteral("the total for 2025-01-10 is not a finite number (-inf)");
        *row("no time") << model << noTime << 7 << QStringLiteral("history")
                        << QStringLiteral("daily total number 3 has no valid date");
        *row("empty") << model << QList<MetricPoint>{} << 7 << QStringLiteral("history")
                      << (model == QLatin1String("linear")
                              ? QStringLiteral("needs at least 7 days of data, got 0")
                              : QStringLiteral("needs at least 8 days of data, got 0"));
    }
    // SPEC §11: the linear model needs 7 days; Holt-Winters needs one more to
    // measure its error (7 to learn the week from).
    QTest::newRow("linear: 6 days")
        << QStringLiteral("linear") << dailyTotals({1, 2, 3, 4, 5, 6}) << 7
        << QStringLiteral("history") << QStringLiteral("needs at least 7 days of data, got 6");
    QTest::newRow("holt_winters: 4 days")
        << QStringLiteral("holt_winters") << dailyTotals({1, 2, 3, 4}) << 7
        << QStringLiteral("history") << QStringLiteral("needs at least 8 days of data, got 4");
    QTest::newRow("holt_winters: 6 days")
        << QStringLiteral("holt_winters") << dailyTotals({1, 2, 3, 4, 5, 6}) << 7
        << QStringLiteral("history") << QStringLiteral("needs at least 8 days of data, got 6");
    QTest::newRow("holt_winters: 7 days")
        << QStringLiteral("holt_winters") << dailyTotals({1, 2, 3, 4, 5, 6, 7}) << 7
        << QStringLiteral("history") << QStringLiteral("needs at least 8 days of data, got 7");
}

void TestForecast::rejects()
{
    QFETCH(QString, model);
    QFETCH(QList<MetricPoint>, points);
    QFETCH(int, days);
    QFETCH(QString, field);
    QFETCH(QString, message);

    const Result<Forecast> forecast = runModel(model, points, days);
    QVERIFY(!forecast.ok());
    QCOMPARE(forecast.error().field, field);
    QCOMPARE(forecast.error().message, message);
}

void TestForecast::horizonBoundsAccepted_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("days");

    QTest::newRow("linear 1") << QStringLiteral("linear") << 1;
    QTest::newRow("linear 90") << QStringLiteral("linear") << 90;
    QTest::newRow("holt_winters 1") << QStringLiteral("holt_winters") << 1;
    QTest::newRow("holt_winters 90") << QStringLiteral("holt_winters") << 90;
}

void TestForecast::horizonBoundsAccepted()
{
    QFETCH(QString, model);
    QFETCH(int, days);

    // 7 days are enough for linear; 8 the least for Holt-Winters.
    const int historyDays = model == QLatin1String("linear") ? 7 : 8;
    const Result<Forecast> forecast =
        runModel(model, dailyTotals(QList<double>(historyDays, 5.0)), days);
    QVERIFY2(forecast.ok(), qPrintable(forecast.ok() ? QString() : forecast.error().message));
    QCOMPARE(forecast->points.size(), qsizetype(days));
    QCOMPARE(forecast->points.constLast().date,
             midnight(day(2025, 1, 1).addDays(historyDays - 1 + days)));
}

void TestForecast::holtWintersHandWorked()
{
    // 8 days: [10, 20, 30, 40, 50, 60, 70, 14]. Fewer than 14 → trend starts at 0.
    //   L = (10+20+…+70)/7 = 40, T = 0, S = y_i − 40 = [−30, −20, −10, 0, 10, 20, 30]
    //   The only one-step forecast, t = 7: ŷ = L + T + S[0] = 40 + 0 − 30 = 10,
    //   whatever α, β, γ are → r = 14 − 10 = 4 and the SSE is 16 for every grid
    //   point; ties go to the first: α = β = γ = 0.05.
    //   SE = sqrt(16/1) = 4; accuracy = 100 − |4|/14·100 = 100 − 200/7 ≈ 71.43.
    //   Update with α = β = γ = 0.05:
    //     L' = 0.05·(14 − (−30)) + 0.95·(40 + 0) = 2.2 + 38 = 40.2
    //     T' = 0.05·(40.2 − 40) + 0.95·0 = 0.01
    //     S[0] = 0.05·(14 − 40.2) + 0.95·(−30) = −1.31 − 28.5 = −29.81
    //   Day index 8 + k uses S[(8 + k) mod 7]:
    //     h=1 (S[1] = −20): 40.2 + 0.01 − 20 = 20.21
    //     h=2 (S[2] = −10): 40.2 + 0.02 − 10 = 30.22
    //     h=3 (S[3] =   0): 40.23;   h=4: 50.24;   h=5: 60.25;   h=6: 70.26
    //     h=7 (S[0] = −29.81): 40.2 + 0.07 − 29.81 = 10.46
    //   Band ± 1.96·4 = ± 7.84 (h=7: low 2.62, high 18.30).
    const Result<Forecast> forecast =
        forecastHoltWinters(dailyTotals({10, 20, 30, 40, 50, 60, 70, 14}), 7);
    QVERIFY2(forecast.ok(), qPrintable(forecast.ok() ? QString() : forecast.error().message));
    QCOMPARE(forecast->model, QStringLiteral("holt_winters"));
    QCOMPARE(forecast->alpha, 0.05);
    QCOMPARE(forecast->beta, 0.05);
    QCOMPARE(forecast->gamma, 0.05);
    QCOMPARE(forecast->slope, 0.0);
    QCOMPARE(forecast->intercept, 0.0);
    QCOMPARE(forecast->standardError, 4.0);
    COMPARE_NEAR(forecast->accuracyPercent, 100.0 - 200.0 / 7.0, kTight);

    const double expected[] = {20.21, 30.22, 40.23, 50.24, 60.25, 70.26, 10.46};
    QCOMPARE(forecast->points.size(), 7);
    for (int i = 0; i < 7; ++i) {
        const ForecastPoint &point = forecast->points.at(i);
        QCOMPARE(point.date, midnight(day(2025, 1, 9 + i)));
        COMPARE_NEAR(point.predicted, expected[i], kTight);
        COMPARE_NEAR(point.low, expected[i] - 7.84, kTight);
        COMPARE_NEAR(point.high, expected[i] + 7.84, kTight);
    }
}

void TestForecast::holtWintersWeeklyPattern()
{
    // Four weeks of [10, 20, …, 70]:
    //   L = 40; second week's mean 40 → T = 0; S = [−30, −20, −10, 0, 10, 20, 30].
    //   Every one-step forecast is 40 + 0 + S = the actual; updates keep L = 40,
    //   T = 0 and S (up to rounding), so next week is [10, …, 70] again, SE ≈ 0,
    //   accuracy ≈ 100, whichever α, β, γ the grid picks.
    const QList<double> week{10, 20, 30, 40, 50, 60, 70};
    const QList<MetricPoint> history = dailyTotals(repeated(week, 4));
    const Result<Forecast> hw = forecastHoltWinters(history, 7);
    QVERIFY(hw.ok());
    QCOMPARE(hw->points.size(), 7);
    for (int i = 0; i < 7; ++i)
        COMPARE_NEAR(hw->points.at(i).predicted, week.at(i), 1e-6);
    COMPARE_NEAR(hw->standardError, 0.0, 1e-9);
    COMPARE_NEAR(hw->accuracyPercent, 100.0, 1e-6);
    for (const double parameter : {hw->alpha, hw->beta, hw->gamma}) {
        QVERIFY(parameter >= 0.05 - kTight && parameter <= 0.95 + kTight);
        COMPARE_NEAR(parameter * 20.0, std::round(parameter * 20.0), kTight); // on the grid
    }

    // A straight line cannot follow the week. With x = 7w + d (w = 0..3,
    // d = 0..6), y − ȳ = 10(d − 3), ȳ = 40:
    //   Σ(x − x̄)(y − ȳ) = 10 Σ_w Σ_d (7w − 13.5)(d − 3) + 10 Σ_w Σ_d d(d − 3)
    //                   = 0 + 10·4·(91 − 63) = 1120
    //   Σ(x − x̄)² = n(n² − 1)/12 = 28·783/12 = 1827 → m = 1120/1827.
    const Result<Forecast> linear = forecastLinear(history, 7);
    QVERIFY(linear.ok());
    COMPARE_NEAR(linear->slope, 1120.0 / 1827.0, kTight);
    QVERIFY(hw->standardError < linear->standardError);
    QVERIFY(hw->accuracyPercent > linear->accuracyPercent);
    double hwError = 0.0;
    double linearError = 0.0;
    for (int i = 0; i < 7; ++i) {
        hwError += std::abs(hw->points.at(i).predicted - week.at(i));
        linearError += std::abs(linear->points.at(i).predicted - week.at(i));
    }
    QVERIFY(hwError < linearError);
}

void TestForecast::holtWintersTrendAndSeason()
{
    // Five weeks of y_t = 100 + 2t + c[t mod 7], c = [−30, −20, −10, 0, 10, 20, 30].
    // The truth for the next week (t = 35..41) is known by the same formula; the
    // seasonal model must land closer to it than the line does. (A property,
    // not a hand-computed value: the chosen α, β, γ come from the grid.)
    const double c[] = {-30, -20, -10, 0, 10, 20, 30};
    QList<double> values;
    for (int t = 0; t < 35; ++t)
        values.append(100.0 + 2.0 * t + c[t % 7]);
    const QList<MetricPoint> history = dailyTotals(values);
    const Result<Forecast> hw = forecastHoltWinters(history, 7);
    const Result<Forecast> linear = forecastLinear(history, 7);
    QVERIFY(hw.ok());
    QVERIFY(linear.ok());
    double hwError = 0.0;
    double linearError = 0.0;
    for (int h = 0; h < 7; ++h) {
        const int t = 35 + h;
        const double truth = 100.0 + 2.0 * t + c[t % 7];
        hwError += std::abs(hw->points.at(h).predicted - truth);
        linearError += std::abs(linear->points.at(h).predicted - truth);
    }
    QVERIFY2(hwError < linearError,
             qPrintable(QStringLiteral("HW %1 vs linear %2").arg(hwError).arg(linearError)));
    // By hand, the line's slope is the trend, 2/day, plus what the season adds:
    // with x = 7w + d (w = 0..4), x̄ = 17, Σ(x − x̄)² = 35(35² − 1)/12 = 3570 and
    // Σ(x − x̄)c[d] = Σ_w Σ_d (7w − 17)c[d] + 5 Σ_d d·c[d] = 0 + 5·10·28 = 1400,
    // so m = 2 + 1400/3570 ≈ 2.39.
    COMPARE_NEAR(linear->slope, 2.0 + 1400.0 / 3570.0, kTight);
}

void TestForecast::jsonFieldNames()
{
    const ForecastPoint point{midnight(day(2025, 1, 21)), 13200.0, 11500.0, 14900.0};
    const QJsonObject expected{
        {QStringLiteral("forecast_date"), QStringLiteral("2025-01-21T00:00:00.000Z")},
        {QStringLiteral("predicted_value"), 13200.0},
        {QStringLiteral("confidence_low"), 11500.0},
        {QStringLiteral("confidence_high"), 14900.0},
    };
    QCOMPARE(toJson(point).toObject(), expected);

    Forecast forecast;
    forecast.model = kLinearRegressionModel;
    forecast.accuracyPercent = 92.5;
    forecast.standardError = 867.0;
    forecast.slope = 12.5;
    forecast.intercept = 11000.0;
    forecast.points = {point};
    const QJsonObject object = toJson(forecast).toObject();
    QCOMPARE(object.value(QLatin1String("model")).toString(), QStringLiteral("linear_regression"));
    QCOMPARE(object.value(QLatin1String("accuracy")).toDouble(), 92.5);
    QCOMPARE(object.value(QLatin1String("standard_error")).toDouble(), 867.0);
    QCOMPARE(object.value(QLatin1String("slope")).toDouble(), 12.5);
    QCOMPARE(object.value(QLatin1String("intercept")).toDouble(), 11000.0);
    QVERIFY(!object.contains(QLatin1String("alpha")));
    QCOMPARE(object.value(QLatin1String("points")).toArray(), QJsonArray{expected});
}

void TestForecast::jsonRoundTrip_data()
{
    QTest::addColumn<QString>("model");

    QTest::newRow("linear") << QStringLiteral("linear");
    QTest::newRow("holt_winters") << QStringLiteral("holt_winters");
}

void TestForecast::jsonRoundTrip()
{
    QFETCH(QString, model);

    // Values with long binary fractions (25/28, √(159/196), …) must survive
    // the text form bit for bit.
    const Result<Forecast> forecast =
        runModel(model, dailyTotals({2, 4, 3, 6, 5, 8, 7, 9, 8, 12, 10}), 14);
    QVERIFY(forecast.ok());
    const QByteArray text = QJsonDocument(toJson(*forecast).toObject()).toJson();
    const Result<QJsonObject> parsed = JsonReader::parseObject(text);
    QVERIFY(parsed.ok());
    const Result<Forecast> decoded = forecastFromJson(*parsed);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QVERIFY(*decoded == *forecast);
}

void TestForecast::jsonMalformed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("field");

    const QByteArray point = R"({"forecast_date":"2025-01-21T00:00:00Z","predicted_value":5,)"
                             R"("confidence_low":4,"confidence_high":6})";
    const auto linear = [&point](const QByteArray &points) -> QByteArray {
        return R"({"model":"linear_regression","accuracy":90,"standard_error":1,)"
               R"("slope":1,"intercept":2,"points":[)" +
               (points.isEmpty() ? point : points) + "]}";
    };

    QTest::newRow("valid") << linear({}) << QString() << QString();
    QTest::newRow("model missing")
        << QByteArray(R"({"accuracy":90,"standard_error":1,"points":[]})") << QString()
        << QStringLiteral("model");
    QTest::newRow("model unknown")
        << QByteArray(R"({"model":"exponential","accuracy":90,"standard_error":1,"points":[]})")
        << QString() << QStringLiteral("model");
    QTest::newRow("accuracy above 100")
        << QByteArray(R"({"model":"linear_regression","accuracy":120,"standard_error":1,)"
                      R"("slope":1,"intercept":2,"points":[]})")
        << QString() << QStringLiteral("accuracy");
    QTest::newRow("negative standard error")
        << QByteArray(R"({"model":"linear_regression","accuracy":90,"standard_error":-1,)"
                      R"("slope":1,"intercept":2,"points":[]})")
        << QString() << QStringLiteral("standard_error");
    QTest::newRow("linear without slope")
        << QByteArray(R"({"model":"linear_regression","accuracy":90,"standard_error":1,)"
                      R"("intercept":2,"points":[]})")
        << QString() << QStringLiteral("slope");
    QTest::newRow("holt_winters alpha above 1")
        << QByteArray(R"({"model":"holt_winters","accuracy":90,"standard_error":1,)"
                      R"("alpha":1.5,"beta":0.1,"gamma":0.1,"points":[]})")
        << QString() << QStringLiteral("alpha");
    QTest::newRow("points not an array")
        << QByteArray(R"({"model":"linear_regression","accuracy":90,"standard_error":1,)"
                      R"("slope":1,"intercept":2,"points":{}})")
        << QString() << QStringLiteral("points");
    QTest::newRow("predicted_value a string")
        << linear(point + R"(,{"forecast_date":"2025-01-22T00:00:00Z","predicted_value":"5",)"
                          R"("confidence_low":4,"confidence_high":6})")
        << QString() << QStringLiteral("points[1].predicted_value");
    QTest::newRow("bad forecast_date")
        << linear(R"({"forecast_date":"tomorrow","predicted_value":5,)"
                  R"("confidence_low":4,"confidence_high":6})")
        << QString() << QStringLiteral("points[0].forecast_date");
    QTest::newRow("confidence_high missing")
        << linear(R"({"forecast_date":"2025-01-21T00:00:00Z","predicted_value":5,)"
                  R"("confidence_low":4})")
        << QString() << QStringLiteral("points[0].confidence_high");
    QTest::newRow("low above predicted")
        << linear(R"({"forecast_date":"2025-01-21T00:00:00Z","predicted_value":5,)"
                  R"("confidence_low":7,"confidence_high":8})")
        << QString() << QStringLiteral("points[0]");
    QTest::newRow("nested path")
        << linear(point + R"(,{"forecast_date":"2025-01-22T00:00:00Z","predicted_value":null,)"
                          R"("confidence_low":4,"confidence_high":6})")
        << QStringLiteral("forecasts[2]")
        << QStringLiteral("forecasts[2].points[1].predicted_value");
}

void TestForecast::jsonMalformed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, field);

    const Result<QJsonObject> parsed = JsonReader::parseObject(json);
    QVERIFY2(parsed.ok(), json.constData());
    const Result<Forecast> decoded = forecastFromJson(*parsed, path);
    if (field.isEmpty()) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        return;
    }
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().field, field);
    QVERIFY2(decoded.error().message.startsWith(field + QLatin1String(": ")),
             qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
