#pragma once

#include "domain/analytics/metricpoint.h"

#include <QChartView>
#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

class QAreaSeries;
class QBarSeries;
class QBarCategoryAxis;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace waddle::ui {

// The one chart of the app (ARCHITECTURE.md `ui/charts`): QtCharts wrapped
// once. Either a time chart (lines and shaded bands over a time axis shown in
// local time, ticks and format chosen from the shown span and the width) or a
// bar chart over categories (a histogram). Values carry their unit on the
// axis; hovering shows the exact value of the nearest point; a rubber band
// zooms in (Home or "Reset zoom" goes back); legend entries toggle their
// series (by click, or from the context menu by keyboard); colours are the
// Okabe-Ito palette (colour-blind safe) in an order that reads on light and
// dark backgrounds. A line keeps all its points but draws at most
// maxPoints(), chosen by LTTB (domain::downsampleLttb) over the shown range,
// again after each zoom. The context menu (mouse, Menu key, Shift+F10) has
// "Export chart…" (PNG, SVG, PDF), "Copy data as CSV", "Reset zoom" and the
// legend toggles.
class ChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartView)

public:
    static constexpr qsizetype kDefaultMaxPoints = 2000;

    explicit ChartView(QWidget *parent = nullptr);
    ~ChartView() override;

    void setTitle(const QString &title);
    [[nodiscard]] QString title() const;
    // Whether the title is drawn (it always names the chart to assistive
    // technology and in exports' metadata); off where a card already says it.
    void setTitleVisible(bool visible);
    // The value axis' unit, shown as its title ("ms", "sessions", "%").
    void setValueUnit(const QString &unit);
    [[nodiscard]] const QString &valueUnit() const { return m_unit; }
    void setLegendVisible(bool visible);

    // Time chart. Adds a line (time ascending) and answers its index.
    int addLine(const QString &name, const QList<domain::MetricPoint> &points);
    // Replaces a line's points (same index as addLine answered).
    void setLinePoints(int index, const QList<domain::MetricPoint> &points);
    // A shaded band between `low` and `high` (same times), drawn under the
    // lines, in the colour of line `colourOf` (or its own when -1).
    int addBand(const QString &name, const QList<domain::MetricPoint> &low,
                const QList<domain::MetricPoint> &high, int colourOf = -1);
    // Bar chart: one bar per category. Replaces whatever the chart showed.
    void setBars(const QString &name, const QStringList &categories, const QList<double> &values);
    // The category axis' title of a bar chart ("latency (ms)").
    void setCategoryTitle(const QString &title);
    // Removes every series (a time chart again).
    void clear();

    void setMaxPoints(qsizetype maxPoints);
    [[nodiscard]] qsizetype maxPoints() const { return m_maxPoints; }
    [[nodiscard]] int seriesCount() const { return static_cast<int>(m_series.size()); }
    // The points line `index` draws now (after LTTB), x in ms since the epoch.
    [[nodiscard]] QList<QPointF> shownPoints(int index) const;
    [[nodiscard]] bool isSeriesVisible(int index) const;
    void setSeriesVisible(int index, bool visible);

    // Shows only [from, to] of the time axis (what a rubber band does).
    void zoomToTime(const QDateTime &from, const QDateTime &to);
    void resetZoom();
    [[nodiscard]] std::pair<QDateTime, QDateTime> timeRange() const;

    // Every point of every series (not the downsampled ones) as CSV:
    // "series,x,value", x an ISO 8601 UTC time or the category, values in
    // their shortest exact form; RFC 4180 quoting.
    [[nodiscard]] QString csv() const;
    void copyCsv() const;
    // Writes the chart to `path` as PNG, SVG or PDF by its suffix, through
    // QSaveFile. Answers an empty string or what went wrong.
    [[nodiscard]] QString exportTo(const QString &path);
    // Asks for a file and exports to it (the "Export chart…" action).
    void exportWithDialog();

    // Okabe-Ito colour number `index` (cycling), ordered for the background.
    [[nodiscard]] static QColor seriesColour(int index, bool dark);
    // The chart's own accessible text: its title, unit and series.
    [[nodiscard]] QString describe() const;

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    enum class Kind
    {
        Line,
        Band,
        Bars
    };
    struct Series
    {
        Kind kind = Kind::Line;
        QString name;
        QList<domain::MetricPoint> data; // lines: all of them, time ascending
        QList<QPointF> points;           // bands: the high edge; bars: (index, value)
        QList<QPointF> low;              // bands: the low edge
        QStringList categories;
        QAbstractSeries *series = nullptr;
        int colour = 0;
    };

    void ensureTimeAxes();
    void attach(QAbstractSeries *series);
    void fitAxes();
    // The pen width of a line showing that many points: 2 px, or 1 px when
    // the points are denser than the plot's pixels can show apart.
    [[nodiscard]] qreal lineWidth(qsizetype shownPoints) const;
    // The plot area's size, from the view's (valid before the first layout).
    [[nodiscard]] QSizeF plotEstimate() const;
    void resample();
    void applyTheme();
    void updateTicks();
    // [fromMs, toMs] widened to whole round steps (1 s … 14 days) of the
    // local clock, with no more ticks than the width has room for; 0 ticks
    // when the range is too long for round steps.
    struct RoundRange
    {
        qint64 from = 0;
        qint64 to = 0;
        int ticks = 0;
    };
    [[nodiscard]] RoundRange roundRange(qint64 fromMs, qint64 toMs) const;
    [[nodiscard]] static QString timeFormat(qint64 spanSeconds);
    [[nodiscard]] int timeLabelWidth(const QString &format) const;
    void hookLegend();
    void showTooltip(const Series &series, const QPointF &at);
    void describeToAccessibility();
    [[nodiscard]] bool isDark() const;
    [[nodiscard]] int nextColour() const;

    QList<Series> m_series;
    QString m_title;
    bool m_titleVisible = true;
    QString m_unit;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QBarCategoryAxis *m_categoryAxis = nullptr;
    qsizetype m_maxPoints = kDefaultMaxPoints;
    bool m_resampling = false;
    bool m_fitting = false;
};

} // namespace waddle::ui
