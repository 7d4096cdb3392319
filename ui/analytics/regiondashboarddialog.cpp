#include "regiondashboarddialog.h"

#include "client/apierror.h"
#include "client/regiondashboardcontroller.h"
#include "metriccard.h"
#include "ui/charts/chartview.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace waddle::ui {

using client::RegionDashboardController;

RegionDashboardDialog::RegionDashboardDialog(client::ApiClient &api, const QString &code,
                                             const QString &name, QWidget *parent)
    : QDialog(parent)
    , m_controller(new RegionDashboardController(api, this))
    , m_code(code)
{
    setWindowTitle(tr("Dashboard — %1").arg(name.isEmpty() ? code : name));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(name.isEmpty() ? code : tr("%1 (%2)").arg(name, code));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_status = new QLabel(tr("Loading…"));
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(title);
    layout->addWidget(m_status);

    auto *cards = new QHBoxLayout;
    m_sessions = new MetricCard(tr("Active sessions (this hour)"));
    m_participants = new MetricCard(tr("Participants (this hour)"));
    m_latency = new MetricCard(tr("Average latency"));
    m_capacity = new MetricCard(tr("Capacity used"));
    for (MetricCard *card : {m_sessions, m_participants, m_latency, m_capacity}) {
        card->setFocusPolicy(Qt::TabFocus);
        cards->addWidget(card, 1);
    }
    layout->addLayout(cards);

    auto *grid = new QGridLayout;
    m_usageChart = new ChartView;
    m_usageChart->setTitle(tr("Usage, last 24 hours"));
    m_usageChart->setValueUnit(tr("per hour"));
    m_sessionsLine = m_usageChart->addLine(tr("Sessions"), {});
    m_participantsLine = m_usageChart->addLine(tr("Participants"), {});
    m_histogram = new ChartView;
    m_histogram->setTitle(tr("Latency distribution, last 24 hours"));
    m_histogram->setValueUnit(tr("sessions"));
    m_histogram->setLegendVisible(false);
    m_qualityChart = new ChartView;
    m_qualityChart->setTitle(tr("Call quality, last 24 hours"));
    m_qualityChart->setValueUnit(tr("MOS (0–5)"));
    m_qualityChart->setLegendVisible(false);
    m_qualityLine = m_qualityChart->addLine(tr("Average quality"), {});
    auto *alertsBox = new QWidget;
    auto *alertsLayout = new QVBoxLayout(alertsBox);
    alertsLayout->setContentsMargins(0, 0, 0, 0);
    auto *alertsTitle = new QLabel(tr("&Open alerts"));
    QFont bold = alertsTitle->font();
    bold.setBold(true);
    alertsTitle->setFont(bold);
    m_alerts = new QListWidget;
    m_alerts->setAccessibleName(tr("Open alerts"));
    m_alerts->setWordWrap(true);
    alertsTitle->setBuddy(m_alerts);
    alertsLayout->addWidget(alertsTitle);
    alertsLayout->addWidget(m_alerts, 1);
    grid->addWidget(m_usageChart, 0, 0);
    grid->addWidget(m_histogram, 0, 1);
    grid->addWidget(m_qualityChart, 1, 0);
    grid->addWidget(alertsBox, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    layout->addLayout(grid, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    QPushButton *refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    connect(refresh, &QPushButton::clicked, m_controller, &RegionDashboardController::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_controller, &RegionDashboardController::loaded, this,
            &RegionDashboardDialog::onLoaded);
    connect(m_controller, &RegionDashboardController::failed, this,
            &RegionDashboardDialog::onFailed);
    resize(1000, 680);
}

RegionDashboardDialog::~RegionDashboardDialog() = default;

void RegionDashboardDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (!m_controller->isRunning())
        m_controller->show(m_code);
}

void RegionDashboardDialog::hideEvent(QHideEvent *event)
{
    QDialog::hideEvent(event);
    m_controller->stop();
}

QString RegionDashboardDialog::bucketLabel(const client::LatencyBucket &bucket)
{
    const QLocale locale;
    if (!bucket.toMs)
        return tr("≥ %1").arg(locale.toString(bucket.fromMs));
    return tr("%1–%2").arg(locale.toString(bucket.fromMs), locale.toString(*bucket.toMs));
}

void RegionDashboardDialog::onLoaded(const client::RegionDashboard &d)
{
    const auto set = [](MetricCard *card, const client::DashboardCard &c, const QString &unit) {
        card->setValue(c.value, unit, c.trend, c.changePercent);
    };
    set(m_sessions, d.activeSessions, QString());
    set(m_participants, d.totalParticipants, QString());
    set(m_latency, d.averageLatencyMs, tr("ms"));
    set(m_capacity, d.capacityUsedPercent, tr("%"));
    m_usageChart->setLinePoints(m_sessionsLine, d.sessions);
    m_usageChart->setLinePoints(m_participantsLine, d.participants);
    // An hour without calls has no quality (the server says 0): left out.
    QList<domain::MetricPoint> quality;
    for (const domain::MetricPoint &point : d.quality) {
        const auto hour = std::find_if(d.sessions.cbegin(), d.sessions.cend(),
                                       [&point](const auto &s) { return s.time == point.time; });
        if (hour == d.sessions.cend() || hour->value > 0)
            quality.append(point);
    }
    m_qualityChart->setLinePoints(m_qualityLine, quality);
    QStringList categories;
    QList<double> counts;
    for (const client::LatencyBucket &bucket : d.latencyDistribution) {
        categories.append(bucketLabel(bucket));
        counts.append(static_cast<double>(bucket.count));
    }
    m_histogram->setBars(tr("Sessions"), categories, counts);
    m_histogram->setCategoryTitle(tr("latency (ms)"));
    m_alerts->clear();
    for (const domain::RegionAlert &alert : d.alerts) {
        const QString when =
            QLocale().toString(alert.createdAt.toLocalTime(), QLocale::ShortFormat);
        auto *item = new QListWidgetItem(
            tr("%1 · %2 · %3").arg(domain::toString(alert.severity).toUpper(), alert.title, when),
            m_alerts);
        item->setToolTip(alert.description);
    }
    if (d.alerts.isEmpty())
        new QListWidgetItem(tr("No open alerts for this region."), m_alerts);
    m_status->setText(
        tr("Cards compare this hour with the one before · updated %1 · "
           "refreshed every 30 s")
            .arg(QLocale().toString(d.timestamp.toLocalTime().time(), QLocale::ShortFormat)));
}

void RegionDashboardDialog::onFailed(const client::ApiError &error)
{
    m_status->setText(tr("Could not load the dashboard: %1").arg(error.message));
}

} // namespace waddle::ui
