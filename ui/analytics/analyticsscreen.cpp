#include "analyticsscreen.h"

#include "client/analyticscontroller.h"
#include "client/apierror.h"
#include "client/regionsmodel.h"
#include "metriccard.h"
#include "ui/charts/chartview.h"
#include "ui/charts/pdfreport.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QVBoxLayout>

namespace waddle::ui {

using client::AnalyticsController;

namespace {

constexpr int kDefaultForecastDays = 14;

} // namespace

const QStringList &AnalyticsScreen::metricNames()
{
    static const QStringList names{
        QStringLiteral("participant_minutes"), QStringLiteral("egress_minutes"),
        QStringLiteral("storage_usage"), QStringLiteral("bandwidth_usage"),
        QStringLiteral("api_request")};
    return names;
}

QString AnalyticsScreen::displayName(const QString &metric)
{
    if (metric == QLatin1String("participant_minutes"))
        return tr("Participant minutes");
    if (metric == QLatin1String("egress_minutes"))
        return tr("Egress minutes");
    if (metric == QLatin1String("storage_usage"))
        return tr("Storage");
    if (metric == QLatin1String("bandwidth_usage"))
        return tr("Bandwidth");
    if (metric == QLatin1String("api_request"))
        return tr("API requests");
    return metric;
}

AnalyticsScreen::AnalyticsScreen(AnalyticsController &controller,
                                 const client::RegionsModel *regions, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_regions(regions)
{
    setAccessibleName(tr("Analytics"));
    auto *content = new QWidget;
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 10, 12, 10);
    layout->setSpacing(10);

    auto *header = new QHBoxLayout;
    auto *title = new QLabel(tr("Analytics — whole fleet"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_status = new QLabel(tr("Waiting for the first figures…"));
    m_status->setObjectName(QStringLiteral("analyticsStatus"));
    m_status->setWordWrap(true);
    m_refresh = new QPushButton(tr("&Refresh"));
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        m_controller.refresh();
        m_controller.loadUsage();
    });
    m_region = new QComboBox;
    m_region->setAccessibleName(tr("Region"));
    m_openDashboard = new QPushButton(tr("Region Da&shboard…"));
    connect(m_openDashboard, &QPushButton::clicked, this, [this] {
        if (m_region->currentIndex() >= 0)
            Q_EMIT dashboardRequested(m_region->currentData().toString());
    });
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(m_region);
    header->addWidget(m_openDashboard);
    m_export = new QPushButton(tr("E&xport Dashboard…"));
    connect(m_export, &QPushButton::clicked, this, &AnalyticsScreen::exportWithDialog);
    header->addWidget(m_export);
    header->addWidget(m_refresh);
    layout->addLayout(header);
    layout->addWidget(m_status); // on its own line: it reads whole at 1024 px

    m_cardsBox = new QWidget;
    auto *cards = new QGridLayout(m_cardsBox);
    cards->setContentsMargins(0, 0, 0, 0);
    cards->setSpacing(10);
    int slot = 0;
    for (const QString &metric : metricNames()) {
        auto *card = new MetricCard(displayName(metric), true);
        card->chart()->setTitle(tr("%1 per minute, last 30 minutes").arg(displayName(metric)));
        card->setCaption(tr("Per minute, last 30 minutes"));
        m_cardLines.insert(metric, card->chart()->addLine(displayName(metric), {}));
        m_cards.insert(metric, card);
        cards->addWidget(card, slot / 3, slot % 3);
        ++slot;
    }
    m_usageChart = new ChartView;
    m_usageChart->setTitle(tr("Sessions and participants, 24 h"));
    m_usageChart->setValueUnit(tr("per hour"));
    m_usageChart->setMinimumHeight(220);
    m_sessionsLine = m_usageChart->addLine(tr("Sessions"), {});
    m_participantsLine = m_usageChart->addLine(tr("Participants"), {});
    cards->addWidget(m_usageChart, slot / 3, slot % 3);
    for (int column = 0; column < 3; ++column)
        cards->setColumnStretch(column, 1);
    layout->addWidget(m_cardsBox);

    auto *forecast = new QGroupBox(tr("Forecast"));
    m_forecastBox = forecast;
    auto *forecastLayout = new QVBoxLayout(forecast);
    auto *controls = new QHBoxLayout;
    m_metric = new QComboBox;
    for (const QString &metric : metricNames())
        m_metric->addItem(displayName(metric), metric);
    auto *metricLabel = new QLabel(tr("&Metric:"));
    metricLabel->setBuddy(m_metric);
    m_days = new QSlider(Qt::Horizontal);
    m_days->setRange(1, 90);
    m_days->setValue(kDefaultForecastDays);
    m_days->setPageStep(7);
    m_days->setAccessibleName(tr("Days to forecast"));
    m_days->setMinimumWidth(160);
    m_daysLabel = new QLabel;
    m_daysLabel->setMinimumWidth(m_daysLabel->fontMetrics().horizontalAdvance(tr("90 days")) + 8);
    auto *daysLabel = new QLabel(tr("&Days:"));
    daysLabel->setBuddy(m_days);
    m_model = new QComboBox;
    m_model->addItem(tr("Linear regression"), QString(domain::kLinearRegressionModel));
    m_model->addItem(tr("Holt-Winters (weekly season)"), QString(domain::kHoltWintersModel));
    auto *modelLabel = new QLabel(tr("M&odel:"));
    modelLabel->setBuddy(m_model);
    controls->addWidget(metricLabel);
    controls->addWidget(m_metric);
    controls->addSpacing(12);
    controls->addWidget(daysLabel);
    controls->addWidget(m_days, 1);
    controls->addWidget(m_daysLabel);
    controls->addSpacing(12);
    controls->addWidget(modelLabel);
    controls->addWidget(m_model);
    forecastLayout->addLayout(controls);
    m_forecastInfo = new QLabel;
    m_forecastInfo->setObjectName(QStringLiteral("forecastInfo"));
    m_forecastInfo->setWordWrap(true);
    m_forecastInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    forecastLayout->addWidget(m_forecastInfo);
    m_forecastChart = new ChartView;
    m_forecastChart->setTitle(tr("Forecast"));
    m_forecastChart->setMinimumHeight(260);
    forecastLayout->addWidget(m_forecastChart, 1);
    layout->addWidget(forecast, 1);

    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    setTabOrder(m_region, m_openDashboard);
    setTabOrder(m_openDashboard, m_export);
    setTabOrder(m_export, m_refresh);
    setTabOrder(m_refresh, m_metric);
    setTabOrder(m_metric, m_days);
    setTabOrder(m_days, m_model);

    m_forecastDelay.setSingleShot(true);
    m_forecastDelay.setInterval(300);
    connect(&m_forecastDelay, &QTimer::timeout, this, &AnalyticsScreen::requestForecast);
    connect(m_days, &QSlider::valueChanged, this, [this] {
        updateDaysLabel();
        m_forecastDelay.start();
    });
    connect(m_metric, &QComboBox::currentIndexChanged, this, [this] { m_forecastDelay.start(); });
    connect(m_model, &QComboBox::currentIndexChanged, this, [this] { m_forecastDelay.start(); });
    updateDaysLabel();
    if (m_regions) {
        connect(m_regions, &QAbstractItemModel::modelReset, this, &AnalyticsScreen::fillRegions);
        connect(m_regions, &QAbstractItemModel::rowsInserted, this, &AnalyticsScreen::fillRegions);
        connect(m_regions, &QAbstractItemModel::rowsRemoved, this, &AnalyticsScreen::fillRegions);
    }
    fillRegions();

    connect(&m_controller, &AnalyticsController::realtimeLoaded, this,
            &AnalyticsScreen::onRealtime);
    connect(&m_controller, &AnalyticsController::usageLoaded, this, &AnalyticsScreen::onUsage);
    connect(&m_controller, &AnalyticsController::forecastLoaded, this,
            &AnalyticsScreen::onForecast);
    connect(&m_controller, &AnalyticsController::forecastUnavailable, this,
            &AnalyticsScreen::onForecastUnavailable);
    connect(&m_controller, &AnalyticsController::failed, this, &AnalyticsScreen::onFailed);
    connect(&m_controller, &AnalyticsController::forecastFailed, this,
            [this](const client::ApiError &error) {
                m_forecastChart->clear();
                m_forecastChart->hide();
                m_forecastInfo->setText(tr("Could not forecast: %1").arg(error.message));
            });
}

AnalyticsScreen::~AnalyticsScreen() = default;

QString AnalyticsScreen::exportDashboard(const QString &path)
{
    const QLocale locale;
    return writePdfReport(
        path, tr("Analytics — whole fleet"),
        {tr("Project: %1").arg(m_controller.project()),
         tr("Real-time: the last 15 minutes against the 15 before; usage: the last 24 hours"),
         tr("Forecast: %1, %2").arg(m_metric->currentText(), m_daysLabel->text()),
         tr("Exported %1").arg(locale.toString(QDateTime::currentDateTime(), QLocale::LongFormat))},
        {m_cardsBox, m_forecastBox});
}

void AnalyticsScreen::exportWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Dashboard"), tr("analytics.pdf"), tr("PDF document (*.pdf)"));
    if (path.isEmpty())
        return;
    if (const QString problem = exportDashboard(path); !problem.isEmpty())
        m_status->setText(problem);
    else
        m_status->setText(tr("Dashboard exported to %1").arg(QDir::toNativeSeparators(path)));
}

void AnalyticsScreen::fillRegions()
{
    const QString current = m_region->currentData().toString();
    m_region->clear();
    for (int row = 0; m_regions && row < m_regions->rowCount(); ++row) {
        const domain::Region *region = m_regions->region(row);
        m_region->addItem(tr("%1 (%2)").arg(region->name, region->code), region->code);
    }
    if (const int keep = m_region->findData(current); keep >= 0)
        m_region->setCurrentIndex(keep);
    m_region->setEnabled(m_region->count() > 0);
    m_openDashboard->setEnabled(m_region->count() > 0);
}

void AnalyticsScreen::updateDaysLabel()
{
    m_daysLabel->setText(tr("%n day(s)", nullptr, m_days->value()));
    m_days->setAccessibleDescription(m_daysLabel->text());
}

void AnalyticsScreen::requestForecast()
{
    m_forecastDelay.stop();
    m_forecastAsked = true;
    m_forecastInfo->setText(tr("Forecasting…"));
    m_controller.loadForecast(m_metric->currentData().toString(), m_days->value(),
                              m_model->currentData().toString());
}

void AnalyticsScreen::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_controller.start();
    m_controller.loadUsage();
    if (!m_forecastAsked)
        requestForecast();
}

void AnalyticsScreen::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_controller.stop();
}

void AnalyticsScreen::onRealtime(const client::RealtimeDashboard &dashboard)
{
    for (const client::RealtimeMetric &metric : dashboard.metrics) {
        MetricCard *card = m_cards.value(metric.name);
        if (!card)
            continue;
        // "11 count" reads oddly: a count goes without a unit.
        const QString unit = metric.unit == QLatin1String("count") ? QString() : metric.unit;
        card->setValue(metric.value, unit, metric.trend, metric.changePercent);
        card->chart()->setValueUnit(unit);
        card->chart()->setLinePoints(m_cardLines.value(metric.name),
                                     m_controller.history(metric.name));
    }
    const QString time =
        QLocale().toString(dashboard.timestamp.toLocalTime().time(), QLocale::ShortFormat);
    m_status->setText(tr("Last 15 minutes against the 15 before · updated %1 · %n open alert(s)",
                         nullptr, static_cast<int>(dashboard.activeAlerts))
                          .arg(time));
}

void AnalyticsScreen::onUsage(const QList<client::UsagePoint> &points)
{
    QList<domain::MetricPoint> sessions;
    QList<domain::MetricPoint> participants;
    for (const client::UsagePoint &p : points) {
        sessions.append({p.time, static_cast<double>(p.sessions)});
        participants.append({p.time, static_cast<double>(p.participants)});
    }
    m_usageChart->setLinePoints(m_sessionsLine, sessions);
    m_usageChart->setLinePoints(m_participantsLine, participants);
}

void AnalyticsScreen::onForecast(const client::ForecastAnswer &forecast)
{
    QList<domain::MetricPoint> predicted;
    QList<domain::MetricPoint> low;
    QList<domain::MetricPoint> high;
    for (const domain::ForecastPoint &p : forecast.points) {
        predicted.append({p.date, p.predicted});
        low.append({p.date, p.low});
        high.append({p.date, p.high});
    }
    m_forecastChart->clear();
    m_forecastChart->show(); // hidden while a metric had too little data
    m_forecastChart->setTitle(
        tr("%1: the next %n day(s)", nullptr, forecast.days).arg(displayName(forecast.metric)));
    if (!forecast.history.isEmpty())
        m_forecastChart->addLine(tr("History (daily totals)"), forecast.history);
    const int line = m_forecastChart->addLine(tr("Prediction"), predicted);
    m_forecastChart->addBand(tr("95 % band"), low, high, line);
    const QString model = forecast.model == domain::kHoltWintersModel
                              ? tr("Holt-Winters (weekly season)")
                              : tr("linear regression");
    m_forecastInfo->setText(
        tr("Model: %1 · accuracy %2 % · standard error %3 · from %n day(s) of history", nullptr,
           forecast.historyDays)
            .arg(model, MetricCard::formatValue(forecast.accuracyPercent),
                 MetricCard::formatValue(forecast.standardError)));
}

void AnalyticsScreen::onForecastUnavailable(int haveDays, int needDays)
{
    m_forecastChart->clear();
    m_forecastChart->hide(); // empty axes would look like a forecast of nothing
    m_forecastInfo->setText(tr("Not enough data for a forecast (%1 of %2 days). It needs at "
                               "least %2 days of daily totals; come back when more have been "
                               "recorded.")
                                .arg(haveDays)
                                .arg(needDays));
}

void AnalyticsScreen::onFailed(const client::ApiError &error)
{
    m_status->setText(error.isUnauthorised()
                          ? tr("Analytics need an analyst key: %1").arg(error.message)
                          : tr("Could not load analytics: %1").arg(error.message));
}

} // namespace waddle::ui
