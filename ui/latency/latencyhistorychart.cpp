#include "latencyhistorychart.h"

#include "ui/common/imageexport.h"
#include "ui/common/statusstyle.h"

#include <QLocale>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace waddle::ui {

using client::LatencyResult;

namespace {

constexpr double kMarkerRadius = 3.5;
constexpr double kWhiskerCap = 3.0;
// Inside the plot, so the first and last markers are not cut by its edges.
constexpr double kPlotPadding = 8.0;

bool answered(const LatencyResult &result)
{
    return result.stats.received > 0;
}

// 1, 2, 2.5 or 5 × 10^k: at least `raw`.
double niceStep(double raw)
{
    if (raw <= 0.0)
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10.0 * magnitude;
}

QString msLabel(double ms, int decimals)
{
    return LatencyHistoryChart::tr("%1 ms").arg(QLocale().toString(ms, 'f', decimals));
}

// Steps between time labels, in seconds: round to a person.
constexpr qint64 kTimeSteps[] = {1,     2,     5,     10,    15,     30,     60,
                                 120,   300,   600,   900,   1800,   3600,   7200,
                                 10800, 21600, 43200, 86400, 172800, 604800, 2592000};

// The locale's short time, with seconds only when labels are seconds apart;
// the date alone for labels days apart.
QString timeLabel(const QDateTime &at, qint64 stepSeconds, bool withDate)
{
    const QLocale locale;
    const QDateTime local = at.toLocalTime();
    if (stepSeconds >= 86400)
        return locale.toString(local.date(), u"d MMM");
    QString format = locale.timeFormat(QLocale::ShortFormat);
    if (stepSeconds >= 60)
        format.remove(QStringLiteral(":ss"));
    else if (!format.contains(u's'))
        format = locale.timeFormat(QLocale::LongFormat).remove(QStringLiteral(" t"));
    const QString time = locale.toString(local.time(), format);
    if (!withDate)
        return time;
    return LatencyHistoryChart::tr("%1 %2").arg(locale.toString(local.date(), u"d MMM"), time);
}

} // namespace

LatencyHistoryChart::LatencyHistoryChart(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Latency history"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // Reached by Tab, so the Menu key can open Copy Image / Save Image.
    setFocusPolicy(Qt::TabFocus);
    ImageExport::install(this, tr("latency-history"));
    setPlaceholder(tr("Select a region to see its earlier tests."));
}

LatencyHistoryChart::~LatencyHistoryChart() = default;

void LatencyHistoryChart::setHistory(const QList<LatencyResult> &history)
{
    m_history.clear();
    for (const LatencyResult &result : history) {
        if (result.measuredAt.isValid())
            m_history.append(result);
    }
    updateAccessibleText();
    update();
}

const QList<LatencyResult> &LatencyHistoryChart::history() const
{
    return m_history;
}

QString LatencyHistoryChart::placeholder() const
{
    return m_placeholder;
}

void LatencyHistoryChart::setPlaceholder(const QString &text)
{
    m_placeholder = text;
    updateAccessibleText();
    update();
}

QSize LatencyHistoryChart::sizeHint() const
{
    return {480, fontMetrics().height() * 9};
}

QSize LatencyHistoryChart::minimumSizeHint() const
{
    return {220, fontMetrics().height() * 6};
}

void LatencyHistoryChart::updateAccessibleText()
{
    if (m_history.isEmpty()) {
        setAccessibleDescription(m_placeholder);
        return;
    }
    double low = 0.0;
    double high = 0.0;
    int replies = 0;
    for (const LatencyResult &r : std::as_const(m_history)) {
        if (!answered(r))
            continue;
        low = replies == 0 ? r.stats.averageMs : std::min(low, r.stats.averageMs);
        high = replies == 0 ? r.stats.averageMs : std::max(high, r.stats.averageMs);
        ++replies;
    }
    const auto count = static_cast<int>(m_history.size());
    const QString span =
        (count == 1 ? tr("1 test from %1 to %2") : tr("%n tests from %1 to %2", nullptr, count))
            .arg(QLocale().toString(m_history.first().measuredAt.toLocalTime(),
                                    QLocale::ShortFormat),
                 QLocale().toString(m_history.last().measuredAt.toLocalTime(),
                                    QLocale::ShortFormat));
    QString text =
        replies > 0
            ? tr("%1; average between %2 and %3").arg(span, msLabel(low, 0), msLabel(high, 0))
            : span;
    if (replies < count)
        text = tr("%1; %2 without a reply").arg(text).arg(count - replies);
    setAccessibleDescription(text);
}

void LatencyHistoryChart::focusInEvent(QFocusEvent *event)
{
    QWidget::focusInEvent(event);
    update();
}

void LatencyHistoryChart::focusOutEvent(QFocusEvent *event)
{
    QWidget::focusOutEvent(event);
    update();
}

void LatencyHistoryChart::paintEvent(QPaintEvent *event)
{
    Q_UNUSED(event)
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QColor ink = pal.color(QPalette::Text);
    QColor faint = ink;
    faint.setAlphaF(0.14f);
    QColor soft = ink;
    soft.setAlphaF(0.6f);

    // The frame, in the highlight while the chart has the keyboard focus
    // (Tab reaches it for its context menu).
    painter.setPen(
        QPen(pal.color(hasFocus() ? QPalette::Highlight : QPalette::Mid), hasFocus() ? 2.0 : 1.0));
    painter.setBrush(pal.color(QPalette::Base));
    painter.drawRect(QRectF(rect()).adjusted(1.0, 1.0, -1.0, -1.0));

    if (m_history.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                         m_placeholder);
        return;
    }

    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    painter.setFont(small);
    const QFontMetrics metrics(small);

    // y: 0 to a round figure above the slowest maximum.
    double slowest = 0.0;
    for (const LatencyResult &r : std::as_const(m_history)) {
        if (answered(r))
            slowest = std::max(slowest, r.stats.maximumMs);
    }
    const double step = niceStep(std::max(slowest, 1.0) / 4.0);
    const double top = std::max(step, std::ceil(slowest / step) * step);
    int decimals = 0; // as many as the step needs: 2.5 ms, 0.25 ms
    while (decimals < 3 && std::fabs(step * std::pow(10.0, decimals) -
                                     std::round(step * std::pow(10.0, decimals))) > 1e-9) {
        ++decimals;
    }

    const int left = metrics.horizontalAdvance(msLabel(top, decimals)) + 14;
    const QRectF plot =
        QRectF(rect()).adjusted(left, metrics.height() / 2.0 + 8, -14, -(metrics.height() + 10));
    if (plot.width() < 20 || plot.height() < 20)
        return;
    const auto yOf = [&plot, top](double ms) {
        return plot.bottom() - std::clamp(ms / top, 0.0, 1.0) * plot.height();
    };

    for (double v = 0.0; v <= top + step / 2; v += step) {
        const double y = std::round(yOf(v)) + 0.5;
        painter.setPen(QPen(v == 0.0 ? soft : faint, 1.0));
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        painter.setPen(soft);
        painter.drawText(QRectF(0, y - metrics.height() / 2.0, left - 6, metrics.height()),
                         Qt::AlignRight | Qt::AlignVCenter, msLabel(v, decimals));
    }

    // x: time of each test.
    const QDateTime first = m_history.first().measuredAt;
    const QDateTime last = m_history.last().measuredAt;
    const double span = static_cast<double>(first.msecsTo(last));
    const double inner = plot.width() - 2 * kPlotPadding;
    const auto xOf = [&](const QDateTime &at) {
        if (span <= 0.0)
            return plot.center().x();
        return plot.left() + kPlotPadding + first.msecsTo(at) / span * inner;
    };

    // Labels at round local times (every 5 min, every hour, …), as many as fit.
    const bool withDate = first.toLocalTime().date() != last.toLocalTime().date();
    const int labelWidth = metrics.horizontalAdvance(timeLabel(last, 60, withDate)) + 24;
    const int fitting = std::max(2, static_cast<int>(inner / labelWidth));
    QList<QDateTime> ticks;
    if (span > 0.0) {
        qint64 stepSeconds = kTimeSteps[std::size(kTimeSteps) - 1];
        for (const qint64 candidate : kTimeSteps) {
            if (static_cast<double>(candidate) * 1000.0 * fitting >= span) {
                stepSeconds = candidate;
                break;
            }
        }
        const qint64 stepMs = stepSeconds * 1000;
        const qint64 offsetMs = qint64(first.toLocalTime().offsetFromUtc()) * 1000;
        const qint64 start = first.toMSecsSinceEpoch() + offsetMs;
        for (qint64 t = (start + stepMs - 1) / stepMs * stepMs;
             t - offsetMs <= last.toMSecsSinceEpoch(); t += stepMs) {
            ticks.append(QDateTime::fromMSecsSinceEpoch(t - offsetMs, Qt::UTC));
        }
        painter.setPen(soft);
        double freeFrom = 0.0;
        for (const QDateTime &at : std::as_const(ticks)) {
            const QString text = timeLabel(at, stepSeconds, withDate && stepSeconds >= 21600);
            const double width = metrics.horizontalAdvance(text);
            const double x = std::clamp(xOf(at) - width / 2, 2.0, this->width() - width - 2.0);
            if (x < freeFrom)
                continue;
            freeFrom = x + width + 12;
            painter.drawText(QRectF(x, plot.bottom() + 4, width + 1, metrics.height()),
                             Qt::AlignCenter, text);
            painter.setPen(QPen(faint, 1.0));
            painter.drawLine(QPointF(xOf(at), plot.top()), QPointF(xOf(at), plot.bottom() + 3));
            painter.setPen(soft);
        }
    }
    if (ticks.isEmpty()) {
        // One test, or tests too close together for a round label.
        painter.setPen(soft);
        painter.drawText(QRectF(plot.left(), plot.bottom() + 4, plot.width(), metrics.height()),
                         Qt::AlignCenter, timeLabel(first, 1, withDate));
    }

    // Whiskers: each test's minimum to maximum.
    painter.setPen(QPen(soft, 1.2));
    for (const LatencyResult &r : std::as_const(m_history)) {
        if (!answered(r))
            continue;
        const double x = xOf(r.measuredAt);
        const double y1 = yOf(r.stats.minimumMs);
        const double y2 = yOf(r.stats.maximumMs);
        painter.drawLine(QPointF(x, y1), QPointF(x, y2));
        painter.drawLine(QPointF(x - kWhiskerCap, y1), QPointF(x + kWhiskerCap, y1));
        painter.drawLine(QPointF(x - kWhiskerCap, y2), QPointF(x + kWhiskerCap, y2));
    }

    // The averages, broken where a test had no reply.
    QPainterPath line;
    bool open = false;
    for (const LatencyResult &r : std::as_const(m_history)) {
        if (!answered(r)) {
            open = false;
            continue;
        }
        const QPointF point(xOf(r.measuredAt), yOf(r.stats.averageMs));
        if (open)
            line.lineTo(point);
        else
            line.moveTo(point);
        open = true;
    }
    painter.setPen(
        QPen(pal.color(QPalette::Highlight), 1.8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    painter.drawPath(line);

    for (const LatencyResult &r : std::as_const(m_history)) {
        if (answered(r)) {
            drawMarker(painter, QPointF(xOf(r.measuredAt), yOf(r.stats.averageMs)), kMarkerRadius,
                       styleFor(r.stats.quality, pal));
        } else {
            drawMarker(painter, QPointF(xOf(r.measuredAt), plot.bottom()), kMarkerRadius + 0.5,
                       styleFor(domain::LatencyQuality::Unreachable, pal));
        }
    }
}

} // namespace waddle::ui
