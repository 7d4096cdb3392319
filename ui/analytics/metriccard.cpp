#include "metriccard.h"

#include "ui/charts/chartview.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace waddle::ui {

MetricCard::MetricCard(const QString &title, bool withChart, QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("metricCard"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    m_title = new QLabel(title);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_value = new QLabel;
    m_value->setObjectName(QStringLiteral("metricValue"));
    QFont valueFont = m_value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.6);
    m_value->setFont(valueFont);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_trend = new QLabel;
    m_trend->setObjectName(QStringLiteral("metricTrend"));
    layout->addWidget(m_title);
    layout->addWidget(m_value);
    layout->addWidget(m_trend);
    if (withChart) {
        m_chart = new ChartView;
        m_chart->setLegendVisible(false);
        m_chart->setTitle(title);
        m_chart->setTitleVisible(false); // the card says it
        m_chart->setMinimumHeight(140);
        layout->addWidget(m_chart, 1);
        m_caption = new QLabel;
        m_caption->setObjectName(QStringLiteral("metricCaption"));
        m_caption->setForegroundRole(QPalette::PlaceholderText);
        m_caption->setWordWrap(true);
        m_caption->hide();
        layout->addWidget(m_caption);
    } else {
        layout->addStretch(1);
    }
    setUnknown();
}

MetricCard::~MetricCard() = default;

void MetricCard::setCaption(const QString &caption)
{
    if (!m_caption)
        return;
    m_caption->setText(caption);
    m_caption->setVisible(!caption.isEmpty());
}

QString MetricCard::caption() const
{
    return m_caption ? m_caption->text() : QString();
}

QString MetricCard::formatValue(double value)
{
    const double magnitude = std::abs(value);
    // Three significant figures below 1 (0.004 GB is not "0 GB"), at most six
    // decimals.
    const int decimals = magnitude >= 100  ? 0
                         : magnitude >= 10 ? 1
                         : magnitude >= 1 || magnitude == 0.0
                             ? 2
                             : std::min(6, 2 - static_cast<int>(std::floor(std::log10(magnitude))));
    QString text = QLocale().toString(value, 'f', decimals);
    // 12.50 → 12.5, 3.00 → 3
    if (decimals > 0) {
        const QChar point = QLocale().decimalPoint().at(0);
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(1);
    }
    return text;
}

QString MetricCard::describeTrend(domain::Trend trend, double changePercent)
{
    const QString change = formatValue(std::abs(changePercent));
    switch (trend) {
    case domain::Trend::Up:
        return tr("▲ up %1 %").arg(change);
    case domain::Trend::Down:
        return tr("▼ down %1 %").arg(change);
    case domain::Trend::Stable:
        break;
    }
    return tr("● stable (%1%2 %)")
        .arg(changePercent < 0 ? QStringLiteral("−") : QStringLiteral("+"), change);
}

void MetricCard::setValue(double value, const QString &unit, domain::Trend trend,
                          double changePercent)
{
    m_value->setText(unit.isEmpty() ? formatValue(value)
                                    : tr("%1 %2").arg(formatValue(value), unit));
    m_trend->setText(describeTrend(trend, changePercent));
    setAccessibleName(tr("%1: %2, %3").arg(m_title->text(), m_value->text(), m_trend->text()));
}

void MetricCard::setUnknown()
{
    m_value->setText(tr("No data yet"));
    m_trend->setText(QString());
    setAccessibleName(tr("%1: no data yet").arg(m_title->text()));
}

QString MetricCard::valueText() const
{
    return m_value->text();
}

QString MetricCard::trendText() const
{
    return m_trend->text();
}

} // namespace waddle::ui
