#pragma once

#include "domain/analytics/timeseries.h"

#include <QFrame>

class QLabel;

namespace waddle::ui {

class ChartView;

// One metric card of the analytics screen and the region dashboard (SPEC
// §11): its name, the value with its unit, and the trend as an arrow AND in
// words with the change ("▲ up 12.5 %"), so it never rests on colour or shape
// alone. With `withChart` a line chart of the metric sits under it.
class MetricCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricCard)

public:
    explicit MetricCard(const QString &title, bool withChart = false, QWidget *parent = nullptr);
    ~MetricCard() override;

    void setValue(double value, const QString &unit, domain::Trend trend, double changePercent);
    // "No data yet" in place of the value.
    void setUnknown();
    [[nodiscard]] QString valueText() const;
    [[nodiscard]] QString trendText() const;
    [[nodiscard]] ChartView *chart() const { return m_chart; }
    // A line under the chart in muted text saying what it plots ("Per
    // minute, last 30 minutes"); empty hides it.
    void setCaption(const QString &caption);
    [[nodiscard]] QString caption() const;

    // "▲ up 12.5 %", "▼ down 3 %", "● stable 0.4 %".
    [[nodiscard]] static QString describeTrend(domain::Trend trend, double changePercent);
    // 1234.5 → "1,234.5" (the locale's), at most 3 significant decimals.
    [[nodiscard]] static QString formatValue(double value);

private:
    QLabel *m_title = nullptr;
    QLabel *m_value = nullptr;
    QLabel *m_trend = nullptr;
    ChartView *m_chart = nullptr;
    QLabel *m_caption = nullptr;
};

} // namespace waddle::ui
