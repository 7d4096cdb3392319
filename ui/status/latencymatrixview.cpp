#include "latencymatrixview.h"

#include "client/units.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace waddle::ui {

namespace {

// Okabe–Ito bluish green → yellow → vermillion, as the status markers.
QColor heat(double fraction)
{
    const QColor low(0, 158, 115);
    const QColor mid(240, 228, 66);
    const QColor high(213, 94, 0);
    const auto mix = [](const QColor &a, const QColor &b, double t) {
        return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                                a.greenF() + (b.greenF() - a.greenF()) * t,
                                a.blueF() + (b.blueF() - a.blueF()) * t);
    };
    fraction = std::clamp(fraction, 0.0, 1.0);
    return fraction < 0.5 ? mix(low, mid, fraction * 2) : mix(mid, high, (fraction - 0.5) * 2);
}

} // namespace

LatencyMatrixView::LatencyMatrixView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("latencyMatrix"));
    setAccessibleName(tr("Cross-region latency matrix"));
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

LatencyMatrixView::~LatencyMatrixView() = default;

void LatencyMatrixView::setStats(const domain::RegionStats &stats)
{
    m_stats = stats;
    m_codes = stats.latencyMatrixMs.keys();
    m_maxMs = 0.0;
    for (const auto &row : std::as_const(stats.latencyMatrixMs)) {
        for (const double ms : row)
            m_maxMs = std::max(m_maxMs, ms);
    }
    QStringList description;
    for (int r = 0; r < m_codes.size(); ++r) {
        for (int c = r; c < m_codes.size(); ++c)
            description.append(
                tr("%1 to %2: %3 ms").arg(m_codes.at(r), m_codes.at(c), cellText(r, c)));
    }
    setAccessibleDescription(description.join(QStringLiteral("; ")));
    updateGeometry();
    update();
}

QString LatencyMatrixView::cellText(int row, int column) const
{
    if (row == column || row < 0 || column < 0 || row >= m_codes.size() || column >= m_codes.size())
        return QStringLiteral("—");
    const auto ms = m_stats.latencyMs(m_codes.at(row), m_codes.at(column));
    return ms ? client::millisecondsNumber(*ms) : QStringLiteral("—");
}

int LatencyMatrixView::labelWidth() const
{
    int width = 0;
    for (const QString &code : m_codes)
        width = std::max(width, fontMetrics().horizontalAdvance(code));
    return width + 12;
}

int LatencyMatrixView::cellSize() const
{
    // Wide enough for "8888" and for a region code in the column header.
    int widest = fontMetrics().horizontalAdvance(QStringLiteral("8888"));
    for (const QString &code : m_codes)
        widest = std::max(widest, fontMetrics().horizontalAdvance(code));
    return widest + 10;
}

QRect LatencyMatrixView::cellRect(int row, int column) const
{
    const int size = cellSize();
    const int top = fontMetrics().height() + 8;
    const int height = fontMetrics().height() + 12;
    return {labelWidth() + column * size, top + row * height, size, height};
}

QSize LatencyMatrixView::sizeHint() const
{
    const int n = static_cast<int>(m_codes.size());
    const QRect last = cellRect(std::max(n - 1, 0), std::max(n - 1, 0));
    return {last.right() + 2, last.bottom() + 2};
}

QSize LatencyMatrixView::minimumSizeHint() const
{
    return sizeHint();
}

void LatencyMatrixView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    if (m_codes.isEmpty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No latency figures yet."));
        return;
    }
    const int n = static_cast<int>(m_codes.size());
    p.setPen(pal.color(QPalette::WindowText));
    for (int c = 0; c < n; ++c) {
        const QRect cell = cellRect(0, c);
        p.drawText(QRect(cell.left(), 0, cell.width(), cell.top() - 2),
                   Qt::AlignHCenter | Qt::AlignBottom, m_codes.at(c));
    }
    for (int r = 0; r < n; ++r) {
        const QRect first = cellRect(r, 0);
        p.setPen(pal.color(QPalette::WindowText));
        p.drawText(QRect(0, first.top(), labelWidth() - 6, first.height()),
                   Qt::AlignRight | Qt::AlignVCenter, m_codes.at(r));
        for (int c = 0; c < n; ++c) {
            const QRect cell = cellRect(r, c).adjusted(1, 1, -1, -1);
            const auto ms = r == c ? std::nullopt : m_stats.latencyMs(m_codes.at(r), m_codes.at(c));
            const QColor fill =
                ms && m_maxMs > 0 ? heat(*ms / m_maxMs) : pal.color(QPalette::AlternateBase);
            p.fillRect(cell, fill);
            // Dark text on every heat colour (all are light enough).
            p.setPen(ms ? QColor(20, 20, 20) : pal.color(QPalette::PlaceholderText));
            p.drawText(cell, Qt::AlignCenter, cellText(r, c));
        }
    }
}

bool LatencyMatrixView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (int r = 0; r < m_codes.size(); ++r) {
            for (int c = 0; c < m_codes.size(); ++c) {
                if (cellRect(r, c).contains(help->pos())) {
                    QToolTip::showText(help->globalPos(),
                                       tr("%1 → %2: %3 ms, estimated from the RTT model")
                                           .arg(m_codes.at(r), m_codes.at(c), cellText(r, c)),
                                       this);
                    return true;
                }
            }
        }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

} // namespace waddle::ui
