#include "chartview.h"

#include "domain/analytics/timeseries.h"
#include "ui/theme.h"

#include <QAction>
#include <QApplication>
#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QBuffer>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QImage>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMenu>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <array>
#include <cmath>

namespace waddle::ui {

namespace {

QPointF toPoint(const domain::MetricPoint &p)
{
    return QPointF(static_cast<qreal>(p.time.toMSecsSinceEpoch()), p.value);
}

QList<QPointF> toPoints(const QList<domain::MetricPoint> &points)
{
    QList<QPointF> out;
    out.reserve(points.size());
    for (const domain::MetricPoint &p : points)
        out.append(toPoint(p));
    return out;
}

QString exactNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString isoTime(qreal ms)
{
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(ms), Qt::UTC)
        .toString(Qt::ISODateWithMs);
}

// First index whose x is >= `x` (points ascending in x).
qsizetype lowerIndex(const QList<QPointF> &points, qreal x)
{
    return std::lower_bound(points.cbegin(), points.cend(), x,
                            [](const QPointF &p, qreal v) { return p.x() < v; }) -
           points.cbegin();
}

// First index whose time is at or after `ms` (points ascending in time).
qsizetype lowerIndex(const QList<domain::MetricPoint> &points, qreal ms)
{
    return std::lower_bound(points.cbegin(), points.cend(), ms,
                            [](const domain::MetricPoint &p, qreal v) {
                                return static_cast<qreal>(p.time.toMSecsSinceEpoch()) < v;
                            }) -
           points.cbegin();
}

// QValueAxis::applyNiceNumbers() from a fixed five ticks (Qt's starts from
// the axis' current count, so the answer would depend on the calls before):
// [min, max] widened to whole steps of 1, 2 or 5 × 10^n.
struct NiceRange
{
    double min = 0.0;
    double max = 1.0;
    int ticks = 2;
};

double niceNumber(double x, bool ceiling)
{
    const double z = std::pow(10.0, std::floor(std::log10(x)));
    const double q = x / z;
    if (ceiling)
        return z * (q <= 1.0 ? 1.0 : q <= 2.0 ? 2.0 : q <= 5.0 ? 5.0 : 10.0);
    return z * (q < 1.5 ? 1.0 : q < 3.0 ? 2.0 : q < 7.0 ? 5.0 : 10.0);
}

// `maxTicks` (2…5) is how many labels the axis has room for: a short chart
// gets fewer, wider steps (each label needs its line of text; QtCharts
// elides a label that gets less to "...").
NiceRange niceRange(double min, double max, int maxTicks = 5)
{
    maxTicks = std::clamp(maxTicks, 2, 5);
    double step = niceNumber(niceNumber(max - min, true) / (maxTicks - 1), false);
    for (;;) {
        const double low = std::floor(min / step);
        const double high = std::ceil(max / step);
        const int ticks = static_cast<int>(high - low) + 1;
        if (ticks <= maxTicks + 1 || ticks <= 2)
            return {low * step, high * step, ticks};
        step = niceNumber(step * 1.5, true); // the next nice step up
    }
}

} // namespace

ChartView::ChartView(QWidget *parent)
    : QChartView(new QChart, parent)
{
    chart()->setBackgroundRoundness(0);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setAnimationOptions(QChart::NoAnimation);
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(220, 140);
    ensureTimeAxes();
    applyTheme();
    describeToAccessibility();
}

ChartView::~ChartView() = default;

void ChartView::setTitle(const QString &title)
{
    m_title = title;
    chart()->setTitle(m_titleVisible ? title : QString());
    describeToAccessibility();
}

QString ChartView::title() const
{
    return m_title;
}

void ChartView::setTitleVisible(bool visible)
{
    m_titleVisible = visible;
    chart()->setTitle(visible ? m_title : QString());
}

void ChartView::setValueUnit(const QString &unit)
{
    m_unit = unit;
    if (m_valueAxis)
        m_valueAxis->setTitleText(unit);
    describeToAccessibility();
}

void ChartView::setLegendVisible(bool visible)
{
    chart()->legend()->setVisible(visible);
}

void ChartView::ensureTimeAxes()
{
    if (m_timeAxis)
        return;
    if (m_categoryAxis) {
        chart()->removeAxis(m_categoryAxis);
        delete m_categoryAxis;
        m_categoryAxis = nullptr;
    }
    m_timeAxis = new QDateTimeAxis;
    chart()->addAxis(m_timeAxis, Qt::AlignBottom);
    if (!m_valueAxis) {
        m_valueAxis = new QValueAxis;
        m_valueAxis->setTitleText(m_unit);
        m_valueAxis->setLabelFormat(QStringLiteral("%.4g"));
        chart()->addAxis(m_valueAxis, Qt::AlignLeft);
    }
    connect(m_timeAxis, &QDateTimeAxis::rangeChanged, this, [this] {
        updateTicks();
        if (!m_fitting) // fitAxes() resamples once it is done
            resample();
    });
    applyTheme();
}

int ChartView::nextColour() const
{
    int lines = 0;
    for (const Series &s : m_series)
        lines += s.kind == Kind::Band ? 0 : 1;
    return lines;
}

void ChartView::attach(QAbstractSeries *series)
{
    const auto add = [this](QAbstractSeries *one) {
        chart()->addSeries(one);
        if (m_categoryAxis)
            one->attachAxis(m_categoryAxis);
        if (m_timeAxis)
            one->attachAxis(m_timeAxis);
        one->attachAxis(m_valueAxis);
    };
    add(series);
    // A band goes under the lines: those added before it go back on top.
    if (qobject_cast<QAreaSeries *>(series)) {
        for (const Series &s : std::as_const(m_series)) {
            if (s.kind != Kind::Line)
                continue;
            chart()->removeSeries(s.series);
            add(s.series);
        }
    }
    hookLegend();
    applyTheme();
    describeToAccessibility();
}

int ChartView::addLine(const QString &name, const QList<domain::MetricPoint> &points)
{
    ensureTimeAxes();
    Series s;
    s.kind = Kind::Line;
    s.name = name;
    s.data = points;
    s.colour = nextColour();
    auto *line = new QLineSeries;
    line->setName(name);
    s.series = line;
    const int index = static_cast<int>(m_series.size());
    connect(line, &QLineSeries::hovered, this, [this, index](const QPointF &at, bool on) {
        if (on && index < m_series.size())
            showTooltip(m_series.at(index), at);
        else
            QToolTip::hideText();
    });
    m_series.append(s);
    attach(line);
    fitAxes();
    return index;
}

void ChartView::setLinePoints(int index, const QList<domain::MetricPoint> &points)
{
    if (index < 0 || index >= m_series.size() || m_series.at(index).kind != Kind::Line)
        return;
    m_series[index].data = points;
    if (chart()->isZoomed())
        resample();
    else
        fitAxes();
}

int ChartView::addBand(const QString &name, const QList<domain::MetricPoint> &low,
                       const QList<domain::MetricPoint> &high, int colourOf)
{
    ensureTimeAxes();
    Series s;
    s.kind = Kind::Band;
    s.name = name;
    s.points = toPoints(high);
    s.low = toPoints(low);
    s.colour =
        colourOf >= 0 && colourOf < m_series.size() ? m_series.at(colourOf).colour : nextColour();
    auto *upper = new QLineSeries;
    auto *lower = new QLineSeries;
    upper->replace(s.points);
    lower->replace(s.low);
    auto *area = new QAreaSeries(upper, lower);
    upper->setParent(area);
    lower->setParent(area);
    area->setName(name);
    s.series = area;
    const int index = static_cast<int>(m_series.size());
    connect(area, &QAreaSeries::hovered, this, [this, index](const QPointF &at, bool on) {
        if (on && index < m_series.size())
            showTooltip(m_series.at(index), at);
        else
            QToolTip::hideText();
    });
    m_series.append(s);
    attach(area);
    fitAxes();
    return index;
}

void ChartView::setBars(const QString &name, const QStringList &categories,
                        const QList<double> &values)
{
    if (m_categoryAxis && m_series.size() == 1 && m_series.constFirst().kind == Kind::Bars) {
        // A bar chart already: new figures go into the same set and axis.
        // (Building a new axis each refresh cost a layout, and QtCharts left
        // the old one's labels and lines drawn under the new.)
        Series &s = m_series.first();
        auto *bars = static_cast<QBarSeries *>(s.series);
        QBarSet *set = bars->barSets().constFirst();
        if (s.categories != categories) {
            m_categoryAxis->setCategories(categories);
            s.categories = categories;
        }
        s.name = name;
        set->setLabel(name);
        s.points.clear();
        for (qsizetype i = 0; i < values.size(); ++i)
            s.points.append(QPointF(static_cast<qreal>(i), values.at(i)));
        const auto count = static_cast<int>(values.size());
        if (set->count() > count)
            set->remove(count, set->count() - count);
        for (int i = 0; i < count; ++i) {
            if (i < set->count())
                set->replace(i, values.at(i));
            else
                set->append(values.at(i));
        }
        fitAxes();
        describeToAccessibility();
        return;
    }
    clear();
    if (m_timeAxis) {
        chart()->removeAxis(m_timeAxis);
        delete m_timeAxis;
        m_timeAxis = nullptr;
    }
    m_categoryAxis = new QBarCategoryAxis;
    m_categoryAxis->append(categories);
    chart()->addAxis(m_categoryAxis, Qt::AlignBottom);
    Series s;
    s.kind = Kind::Bars;
    s.name = name;
    s.categories = categories;
    for (qsizetype i = 0; i < values.size(); ++i)
        s.points.append(QPointF(static_cast<qreal>(i), values.at(i)));
    auto *set = new QBarSet(name);
    for (double v : values)
        set->append(v);
    auto *bars = new QBarSeries;
    bars->append(set);
    bars->setBarWidth(0.8);
    s.series = bars;
    connect(set, &QBarSet::hovered, this, [this](bool on, int i) {
        if (!on || m_series.isEmpty() || i < 0 || i >= m_series.constFirst().points.size()) {
            QToolTip::hideText();
            return;
        }
        const Series &bar = m_series.constFirst();
        QToolTip::showText(
            QCursor::pos(),
            tr("%1\n%2: %3 %4")
                .arg(bar.name, bar.categories.value(i),
                     QLocale().toString(bar.points.at(i).y(), 'g', QLocale::FloatingPointShortest),
                     m_unit),
            this);
    });
    m_series.append(s);
    attach(bars);
    fitAxes();
}

void ChartView::setCategoryTitle(const QString &title)
{
    if (m_categoryAxis)
        m_categoryAxis->setTitleText(title);
}

void ChartView::clear()
{
    chart()->removeAllSeries();
    m_series.clear();
    ensureTimeAxes();
    fitAxes();
    describeToAccessibility();
}

void ChartView::setMaxPoints(qsizetype maxPoints)
{
    m_maxPoints = std::max<qsizetype>(3, maxPoints);
    resample();
}

QList<QPointF> ChartView::shownPoints(int index) const
{
    if (index < 0 || index >= m_series.size())
        return {};
    if (auto *xy = qobject_cast<QXYSeries *>(m_series.at(index).series))
        return xy->points();
    return {};
}

bool ChartView::isSeriesVisible(int index) const
{
    return index >= 0 && index < m_series.size() && m_series.at(index).series->isVisible();
}

void ChartView::setSeriesVisible(int index, bool visible)
{
    if (index < 0 || index >= m_series.size())
        return;
    m_series.at(index).series->setVisible(visible);
    // Qt hides a hidden series' legend entry; it stays, dimmed, to be
    // clicked back on.
    const auto markers = chart()->legend()->markers(m_series.at(index).series);
    for (QLegendMarker *marker : markers) {
        marker->setVisible(true);
        QColor label = palette().color(QPalette::Text);
        if (!visible)
            label.setAlphaF(0.4);
        marker->setLabelBrush(label);
    }
}

void ChartView::hookLegend()
{
    const auto markers = chart()->legend()->markers();
    for (QLegendMarker *marker : markers) {
        marker->disconnect(this);
        connect(marker, &QLegendMarker::clicked, this, [this, marker] {
            for (qsizetype i = 0; i < m_series.size(); ++i) {
                if (m_series.at(i).series == marker->series()) {
                    setSeriesVisible(static_cast<int>(i), !marker->series()->isVisible());
                    return;
                }
            }
        });
    }
}

void ChartView::fitAxes()
{
    if (!m_valueAxis)
        return;
    double yMin = 0.0;
    double yMax = 0.0;
    qreal xMin = 0.0;
    qreal xMax = 0.0;
    bool any = false;
    const auto take = [&](const QPointF &p) {
        if (!std::isfinite(p.y()))
            return;
        if (!any) {
            xMin = xMax = p.x();
            yMin = yMax = p.y();
            any = true;
            return;
        }
        xMin = std::min(xMin, p.x());
        xMax = std::max(xMax, p.x());
        yMin = std::min(yMin, p.y());
        yMax = std::max(yMax, p.y());
    };
    for (const Series &s : m_series) {
        if (s.kind == Kind::Line && !s.data.isEmpty()) {
            // Time ascending: the ends are the first and the last.
            take(toPoint(s.data.constFirst()));
            take(toPoint(s.data.constLast()));
            for (const domain::MetricPoint &p : s.data) {
                if (std::isfinite(p.value)) {
                    yMin = std::min(yMin, p.value);
                    yMax = std::max(yMax, p.value);
                }
            }
        }
        for (const QPointF &p : s.points)
            take(p);
        for (const QPointF &p : s.low)
            take(p);
    }
    // The lines go empty while the axes change (QtCharts lays out a line,
    // stroking its hover shape, at each axis change); resample() below
    // gives them their points back, laid out once.
    for (const Series &s : std::as_const(m_series)) {
        if (s.kind == Kind::Line)
            static_cast<QLineSeries *>(s.series)->clear();
    }
    // Counts and durations start at zero; a value axis that starts at the
    // smallest value exaggerates every wiggle.
    yMin = std::min(0.0, yMin);
    if (yMax <= yMin)
        yMax = yMin + 1.0;
    // Room for a label every ~1.8 lines of text on the plot's height.
    const qreal plotHeight = plotEstimate().height();
    const int room = static_cast<int>(plotHeight / (QFontMetricsF(font()).height() * 1.8));
    const NiceRange nice = niceRange(yMin, yMax * 1.05, room);
    m_valueAxis->setRange(nice.min, nice.max); // no-op when unchanged
    m_valueAxis->setTickCount(nice.ticks);
    // Whole numbers once the ticks are; never "1e+06".
    const double valueStep =
        (m_valueAxis->max() - m_valueAxis->min()) / std::max(1, m_valueAxis->tickCount() - 1);
    m_valueAxis->setLabelFormat(valueStep >= 1.0    ? QStringLiteral("%.0f")
                                : valueStep >= 0.1  ? QStringLiteral("%.1f")
                                : valueStep >= 0.01 ? QStringLiteral("%.2f")
                                                    : QStringLiteral("%.4g"));
    if (m_timeAxis) {
        if (!any) {
            const QDateTime now = QDateTime::currentDateTime();
            xMin = static_cast<qreal>(now.addSecs(-3600).toMSecsSinceEpoch());
            xMax = static_cast<qreal>(now.toMSecsSinceEpoch());
        } else if (xMax <= xMin) {
            xMin -= 60000.0;
            xMax += 60000.0;
        }
        // Ticks on round times of the local clock (every 5 minutes, 3 hours,
        // 1 day …): the range grows to whole steps.
        const RoundRange round = roundRange(static_cast<qint64>(xMin), static_cast<qint64>(xMax));
        const qint64 from = round.ticks > 0 ? round.from : static_cast<qint64>(xMin);
        const qint64 to = round.ticks > 0 ? round.to : static_cast<qint64>(xMax);
        m_fitting = true;
        m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(from),
                             QDateTime::fromMSecsSinceEpoch(to));
        m_fitting = false;
        updateTicks();
        if (round.ticks > 0)
            m_timeAxis->setTickCount(round.ticks);
    }
    resample();
}

QSizeF ChartView::plotEstimate() const
{
    // The view less the value axis, the time axis and the margins: QtCharts
    // lays the plot area out only after a resize has been handled.
    return {std::max(80.0, width() - 80.0), std::max(40.0, height() - 60.0)};
}

qreal ChartView::lineWidth(qsizetype shownPoints) const
{
    // More than one point every 3 px of plot is dense.
    return static_cast<qreal>(shownPoints) * 3 > plotEstimate().width() ? 1.0 : 2.0;
}

void ChartView::resample()
{
    if (m_resampling || !m_timeAxis)
        return;
    m_resampling = true;
    const qreal from = static_cast<qreal>(m_timeAxis->min().toMSecsSinceEpoch());
    const qreal to = static_cast<qreal>(m_timeAxis->max().toMSecsSinceEpoch());
    for (Series &s : m_series) {
        if (s.kind != Kind::Line)
            continue;
        // The shown range and one point either side, so the line runs on
        // to the edges.
        // Only the kept points become chart coordinates (the whole line
        // stays shared with the caller's list, unconverted).
        const qsizetype first = std::max<qsizetype>(0, lowerIndex(s.data, from) - 1);
        const qsizetype last = std::min<qsizetype>(s.data.size(), lowerIndex(s.data, to) + 1 + 1);
        const QList<domain::MetricPoint> shown =
            s.data.mid(first, std::max<qsizetype>(0, last - first));
        auto *line = static_cast<QLineSeries *>(s.series);
        line->replace(toPoints(domain::downsampleLttb(shown, m_maxPoints)));
        // A dense line is drawn 1 px wide: 2 px would only fill in its
        // zig-zag, and costs 3–4× the paint (bench_charts).
        const qreal width = lineWidth(line->count());
        if (line->pen().widthF() != width) {
            QPen pen = line->pen();
            pen.setWidthF(width);
            line->setPen(pen);
        }
    }
    m_resampling = false;
}

ChartView::RoundRange ChartView::roundRange(qint64 fromMs, qint64 toMs) const
{
    constexpr qint64 second = 1000;
    constexpr qint64 minute = 60 * second;
    constexpr qint64 hour = 60 * minute;
    constexpr qint64 day = 24 * hour;
    static constexpr std::array<qint64, 21> steps{
        second,     5 * second,  10 * second, 15 * second, 30 * second, minute,   2 * minute,
        5 * minute, 10 * minute, 15 * minute, 30 * minute, hour,        2 * hour, 3 * hour,
        4 * hour,   6 * hour,    12 * hour,   day,         2 * day,     7 * day,  14 * day};
    const int plotWidth = static_cast<int>(plotEstimate().width());
    const int labelWidth = timeLabelWidth(timeFormat((toMs - fromMs) / 1000));
    const qint64 maxTicks = std::clamp(plotWidth / labelWidth, 2, 10);
    // Steps start on the local clock's round times (local midnight for days).
    const qint64 offset = QDateTime::currentDateTime().offsetFromUtc() * 1000LL;
    for (const qint64 step : steps) {
        const auto floorTo = [step](qint64 v) {
            return v >= 0 ? v / step * step : -((-v + step - 1) / step) * step;
        };
        const qint64 from = floorTo(fromMs + offset) - offset;
        const qint64 to = floorTo(toMs + offset + step - 1) - offset;
        const qint64 ticks = (to - from) / step + 1;
        if (ticks <= maxTicks)
            return {from, to, static_cast<int>(ticks)};
    }
    return {fromMs, toMs, 0}; // longer than that: even ticks
}

QString ChartView::timeFormat(qint64 spanSeconds)
{
    if (spanSeconds <= 20 * 60)
        return QStringLiteral("HH:mm:ss");
    if (spanSeconds <= 36 * 3600)
        return QStringLiteral("HH:mm");
    if (spanSeconds <= 4 * 86400)
        return QStringLiteral("ddd HH:mm");
    if (spanSeconds <= 180 * 86400)
        return QStringLiteral("d MMM");
    return QStringLiteral("MMM yyyy");
}

int ChartView::timeLabelWidth(const QString &format) const
{
    const QDateTime sample(QDate(2026, 12, 30), QTime(23, 58, 58));
    return fontMetrics().horizontalAdvance(QLocale().toString(sample, format)) + 24;
}

void ChartView::updateTicks()
{
    if (!m_timeAxis)
        return;
    const QString format = timeFormat(m_timeAxis->min().secsTo(m_timeAxis->max()));
    m_timeAxis->setFormat(format);
    if (m_fitting)
        return; // fitAxes() sets the ticks on round times
    const int labelWidth = timeLabelWidth(format);
    const int plotWidth = static_cast<int>(plotEstimate().width());
    m_timeAxis->setTickCount(std::clamp(plotWidth / labelWidth + 1, 2, 9));
}

void ChartView::zoomToTime(const QDateTime &from, const QDateTime &to)
{
    if (!m_timeAxis || from >= to)
        return;
    chart()->zoomIn(QRectF(chart()->plotArea())); // marks the chart zoomed for zoomReset
    m_timeAxis->setRange(from, to);
}

void ChartView::resetZoom()
{
    chart()->zoomReset();
    fitAxes();
}

std::pair<QDateTime, QDateTime> ChartView::timeRange() const
{
    if (!m_timeAxis)
        return {};
    return {m_timeAxis->min(), m_timeAxis->max()};
}

QString ChartView::csv() const
{
    QString out = QStringLiteral("series,x,value\n");
    for (const Series &s : m_series) {
        const QString name = csvField(s.name);
        switch (s.kind) {
        case Kind::Line:
            for (const domain::MetricPoint &p : s.data)
                out += name + QLatin1Char(',') +
                       isoTime(static_cast<qreal>(p.time.toMSecsSinceEpoch())) + QLatin1Char(',') +
                       exactNumber(p.value) + QLatin1Char('\n');
            break;
        case Kind::Band: {
            const QString low = csvField(s.name + tr(" (low)"));
            const QString high = csvField(s.name + tr(" (high)"));
            for (const QPointF &p : s.low)
                out += low + QLatin1Char(',') + isoTime(p.x()) + QLatin1Char(',') +
                       exactNumber(p.y()) + QLatin1Char('\n');
            for (const QPointF &p : s.points)
                out += high + QLatin1Char(',') + isoTime(p.x()) + QLatin1Char(',') +
                       exactNumber(p.y()) + QLatin1Char('\n');
            break;
        }
        case Kind::Bars:
            for (qsizetype i = 0; i < s.points.size(); ++i)
                out += name + QLatin1Char(',') + csvField(s.categories.value(i)) +
                       QLatin1Char(',') + exactNumber(s.points.at(i).y()) + QLatin1Char('\n');
            break;
        }
    }
    return out;
}

void ChartView::copyCsv() const
{
    QApplication::clipboard()->setText(csv());
}

QString ChartView::exportTo(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("pdf"))
        return tr("Cannot export to \"%1\": choose a .png, .svg or .pdf file.").arg(path);
    QToolTip::hideText();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    const QRect source = viewport()->rect();
    if (suffix == QLatin1String("png")) {
        const qreal scale = std::max<qreal>(2.0, devicePixelRatioF());
        QImage image(source.size() * scale, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(chart()->backgroundBrush().color());
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        }
        if (!image.save(&file, "PNG"))
            return tr("Cannot write %1: the PNG encoder failed").arg(path);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(source.size());
        svg.setViewBox(QRect(QPoint(0, 0), source.size()));
        svg.setTitle(title());
        svg.setDescription(describe());
        QPainter painter(&svg);
        render(&painter, QRectF(QPointF(0, 0), source.size()), source);
    } else {
        QPdfWriter pdf(&file);
        pdf.setTitle(title());
        pdf.setCreator(QStringLiteral("Waddle Region Console"));
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                      QMarginsF(12, 12, 12, 12), QPageLayout::Millimeter));
        QPainter painter(&pdf);
        painter.setRenderHint(QPainter::Antialiasing);
        render(&painter, QRectF(painter.viewport()), source, Qt::KeepAspectRatio);
    }
    if (!file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

void ChartView::exportWithDialog()
{
    QString selected;
    QString base = title().isEmpty() ? tr("chart") : title();
    base.replace(QLatin1Char('/'), QLatin1Char('-'));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Chart"), base + QStringLiteral(".png"),
        tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)"), &selected);
    if (path.isEmpty())
        return;
    if (const QString problem = exportTo(path); !problem.isEmpty())
        QToolTip::showText(mapToGlobal(rect().center()), problem, this);
}

QColor ChartView::seriesColour(int index, bool dark)
{
    // Okabe & Ito (2008). On white the pale yellow and sky blue go last; on a
    // dark background the deep blue does.
    static constexpr std::array<QRgb, 7> light{0x0072B2, 0xE69F00, 0x009E73, 0xD55E00,
                                               0xCC79A7, 0x56B4E9, 0xF0E442};
    static constexpr std::array<QRgb, 7> darkOrder{0x56B4E9, 0xE69F00, 0x009E73, 0xF0E442,
                                                   0xCC79A7, 0xD55E00, 0x0072B2};
    const auto &table = dark ? darkOrder : light;
    const auto n = static_cast<int>(table.size());
    return QColor(table.at(static_cast<std::size_t>(((index % n) + n) % n)));
}

QString ChartView::describe() const
{
    QStringList names;
    for (const Series &s : m_series)
        names.append(s.name);
    QString text = title();
    if (!m_unit.isEmpty())
        text += tr(", in %1").arg(m_unit);
    if (!names.isEmpty())
        text += tr(": %1").arg(names.join(QStringLiteral(", ")));
    return text;
}

void ChartView::describeToAccessibility()
{
    setAccessibleName(title().isEmpty() ? tr("Chart") : title());
    setAccessibleDescription(describe());
}

bool ChartView::isDark() const
{
    return ui::isDark(palette());
}

void ChartView::applyTheme()
{
    const bool dark = isDark();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    QColor grid = text;
    grid.setAlphaF(0.15);
    chart()->setBackgroundBrush(base);
    chart()->setBackgroundPen(Qt::NoPen);
    chart()->setTitleBrush(text);
    QFont titleFont = font();
    titleFont.setBold(true);
    chart()->setTitleFont(titleFont);
    chart()->legend()->setLabelColor(text);
    const auto axes = chart()->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
        QFont labels = font();
        if (axis == m_categoryAxis) // category names are longer than numbers
            labels.setPointSizeF(labels.pointSizeF() * 0.85);
        axis->setLabelsFont(labels);
    }
    for (const Series &s : std::as_const(m_series)) {
        const QColor colour = seriesColour(s.colour, dark);
        if (auto *line = qobject_cast<QLineSeries *>(s.series)) {
            QPen pen(colour, lineWidth(line->count()));
            line->setPen(pen);
        } else if (auto *area = qobject_cast<QAreaSeries *>(s.series)) {
            QColor fill = colour;
            fill.setAlphaF(dark ? 0.30 : 0.22);
            area->setBrush(fill);
            area->setPen(Qt::NoPen);
        } else if (auto *bars = qobject_cast<QBarSeries *>(s.series)) {
            const auto sets = bars->barSets();
            for (QBarSet *set : sets) {
                set->setColor(colour);
                set->setBorderColor(colour);
                set->setLabelColor(text);
            }
        }
    }
    for (qsizetype i = 0; i < m_series.size(); ++i)
        setSeriesVisible(static_cast<int>(i), m_series.at(i).series->isVisible());
}

void ChartView::showTooltip(const Series &series, const QPointF &at)
{
    const bool line = series.kind == Kind::Line;
    const qsizetype count = line ? series.data.size() : series.points.size();
    if (count == 0)
        return;
    const auto pointAt = [&series, line](qsizetype i) {
        return line ? toPoint(series.data.at(i)) : series.points.at(i);
    };
    // The nearest stored point: its exact time and value, not the
    // interpolated spot under the mouse.
    qsizetype i = line ? lowerIndex(series.data, at.x()) : lowerIndex(series.points, at.x());
    if (i >= count)
        i = count - 1;
    if (i > 0 && std::abs(pointAt(i - 1).x() - at.x()) < std::abs(pointAt(i).x() - at.x()))
        --i;
    const QPointF p = pointAt(i);
    const QString when =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(p.x())).toLocalTime(),
                           QLocale::ShortFormat);
    QString value = QLocale().toString(p.y(), 'g', QLocale::FloatingPointShortest);
    if (series.kind == Kind::Band && i < series.low.size())
        value = tr("%1 – %2").arg(
            QLocale().toString(series.low.at(i).y(), 'g', QLocale::FloatingPointShortest), value);
    QToolTip::showText(QCursor::pos(),
                       tr("%1\n%2\n%3 %4").arg(series.name, when, value, m_unit).trimmed(), this);
}

void ChartView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(tr("&Export Chart…"), this, &ChartView::exportWithDialog);
    menu.addAction(tr("&Copy Data as CSV"), this, &ChartView::copyCsv);
    if (m_timeAxis) {
        QAction *reset = menu.addAction(tr("&Reset Zoom"), this, &ChartView::resetZoom);
        reset->setEnabled(chart()->isZoomed());
    }
    if (m_series.size() > 1) {
        menu.addSeparator();
        for (qsizetype i = 0; i < m_series.size(); ++i) {
            QAction *toggle = menu.addAction(tr("Show %1").arg(m_series.at(i).name));
            toggle->setCheckable(true);
            toggle->setChecked(isSeriesVisible(static_cast<int>(i)));
            connect(toggle, &QAction::toggled, this,
                    [this, i](bool on) { setSeriesVisible(static_cast<int>(i), on); });
        }
    }
    const QPoint at = event->reason() == QContextMenuEvent::Mouse ? event->globalPos()
                                                                  : mapToGlobal(rect().center());
    menu.exec(at);
}

void ChartView::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier) {
        QContextMenuEvent menu(QContextMenuEvent::Keyboard, rect().center(),
                               mapToGlobal(rect().center()));
        contextMenuEvent(&menu);
        return;
    }
    if (m_timeAxis) {
        switch (event->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            chart()->zoomIn();
            return;
        case Qt::Key_Minus:
            chart()->zoomOut();
            return;
        case Qt::Key_Left:
            chart()->scroll(-chart()->plotArea().width() / 10, 0);
            return;
        case Qt::Key_Right:
            chart()->scroll(chart()->plotArea().width() / 10, 0);
            return;
        case Qt::Key_Home:
        case Qt::Key_0:
            resetZoom();
            return;
        default:
            break;
        }
    }
    if (event->matches(QKeySequence::Copy)) {
        copyCsv();
        return;
    }
    QChartView::keyPressEvent(event);
}

void ChartView::mouseReleaseEvent(QMouseEvent *event)
{
    // QChartView zooms out on a right click; here the right button opens the
    // context menu, and Reset Zoom is in it.
    if (event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void ChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    if (chart()->isZoomed())
        updateTicks();
    else
        fitAxes();
}

void ChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        applyTheme();
}

} // namespace waddle::ui
