#include "regiondetailspanel.h"

#include "client/regionsmodel.h"
#include "client/units.h"
#include "mapformat.h"
#include "sparkline.h"
#include "ui/common/statusstyle.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace waddle::ui {

namespace {

QPixmap statusGlyph(domain::RegionStatus status, double ratio, int side)
{
    QPixmap pixmap(QSize(side, side) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    drawMarker(painter, QPointF(side / 2.0, side / 2.0), side * 0.34, styleFor(status));
    return pixmap;
}

} // namespace

RegionDetailsPanel::RegionDetailsPanel(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Region details"));

    m_stack = new QStackedWidget(this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    m_placeholder = new QLabel(tr("Select a region on the map"), m_stack);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_stack->addWidget(m_placeholder);

    auto *page = new QWidget(m_stack);
    auto *layout = new QVBoxLayout(page);
    m_title = new QLabel(page);
    m_title->setObjectName(QStringLiteral("title"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(page);
    m_subtitle->setObjectName(QStringLiteral("subtitle"));
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);

    auto *statusRow = new QWidget(page);
    auto *statusLayout = new QHBoxLayout(statusRow);
    statusLayout->setContentsMargins(0, 0, 0, 0);
    statusLayout->setSpacing(6);
    m_statusGlyph = new QLabel(statusRow);
    m_status = new QLabel(statusRow);
    m_status->setObjectName(QStringLiteral("status"));
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    statusLayout->addWidget(m_statusGlyph);
    statusLayout->addWidget(m_status, 1);
    form->addRow(tr("Status:"), statusRow);

    m_coordinates = addRow(form, tr("Coordinates:"), QStringLiteral("coordinates"));
    m_load = addRow(form, tr("Load:"), QStringLiteral("load"));
    m_score = addRow(form, tr("Health score:"), QStringLiteral("score"));
    m_response = addRow(form, tr("Response time:"), QStringLiteral("response"));
    m_p99 = addRow(form, tr("p99 latency:"), QStringLiteral("p99"));
    m_errors = addRow(form, tr("Error rate:"), QStringLiteral("errors"));
    m_lastCheck = addRow(form, tr("Last check:"), QStringLiteral("lastCheck"));
    m_problem = addRow(form, tr("Problem:"), QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problemLabel = qobject_cast<QLabel *>(form->labelForField(m_problem));
    m_failover = addRow(form, tr("Failover to:"), QStringLiteral("failover"));
    m_failover->setWordWrap(true);
    layout->addLayout(form);
    m_failoverButton = new QPushButton(tr("Fai&l Over…"), page);
    m_failoverButton->setObjectName(QStringLiteral("failoverButton"));
    m_failoverButton->setToolTip(tr("Move this region's waddles to other regions (a dry run "
                                    "first)"));
    connect(m_failoverButton, &QPushButton::clicked, this, [this] {
        if (m_region)
            Q_EMIT failoverRequested(m_region->code);
    });
    m_drainButton = new QPushButton(tr("Dra&in…"), page);
    m_drainButton->setObjectName(QStringLiteral("drainButton"));
    m_drainButton->setToolTip(tr("Migrate every waddle of this region to another region, with "
                                 "a preview of who gets faster or slower"));
    connect(m_drainButton, &QPushButton::clicked, this, [this] {
        if (m_region)
            Q_EMIT drainRequested(m_region->code);
    });
    m_manageButton = new QPushButton(tr("&Manage…"), page);
    m_manageButton->setObjectName(QStringLiteral("manageButton"));
    m_manageButton->setToolTip(tr("Maintenance, a health check now, priority and failover list"));
    connect(m_manageButton, &QPushButton::clicked, this, [this] {
        if (m_region)
            Q_EMIT manageRequested(m_region->code);
    });
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_failoverButton);
    actions->addWidget(m_drainButton);
    actions->addWidget(m_manageButton);
    actions->addStretch();
    layout->addLayout(actions);

    auto *historyTitle = new QLabel(tr("Health score, recent checks"), page);
    historyTitle->setFont(bold);
    m_scoreLine = new Sparkline(page);
    m_scoreLine->setObjectName(QStringLiteral("scoreHistory"));
    m_scoreLine->setAccessibleName(tr("Health score history"));
    m_scoreLine->setRange(0.0, 100.0);
    historyTitle->setBuddy(m_scoreLine);
    auto *p99Title = new QLabel(tr("p99 latency, recent checks"), page);
    p99Title->setFont(bold);
    m_p99Line = new Sparkline(page);
    m_p99Line->setObjectName(QStringLiteral("p99History"));
    m_p99Line->setAccessibleName(tr("p99 latency history"));
    m_p99Line->setUnit(tr(" ms"));
    m_p99Line->setRange(0.0, std::nullopt);
    layout->addSpacing(6);
    layout->addWidget(historyTitle);
    layout->addWidget(m_scoreLine);
    layout->addWidget(p99Title);
    layout->addWidget(m_p99Line);
    layout->addSpacing(6);
    m_dashboard = new QPushButton(tr("Open &Dashboard…"), page);
    m_dashboard->setObjectName(QStringLiteral("openDashboard"));
    connect(m_dashboard, &QPushButton::clicked, this, [this] {
        if (m_region)
            Q_EMIT dashboardRequested(m_region->code);
    });
    layout->addWidget(m_dashboard);
    layout->addStretch(1);
    m_stack->addWidget(page);

    // "5 s ago" must not go stale while the panel is open.
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &RegionDetailsPanel::refreshAge);

    clear();
}

RegionDetailsPanel::~RegionDetailsPanel() = default;

QLabel *RegionDetailsPanel::addRow(QFormLayout *form, const QString &label,
                                   const QString &objectName)
{
    auto *value = new QLabel(this);
    value->setObjectName(objectName);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(label, value);
    return value;
}

QString RegionDetailsPanel::regionCode() const
{
    return m_region ? m_region->code : QString();
}

void RegionDetailsPanel::setRegion(const domain::Region &region)
{
    if (!m_region || m_region->code != region.code) {
        m_health.reset();
        m_history.clear();
        refreshSparklines();
    }
    m_region = region;
    refresh();
}

void RegionDetailsPanel::setHealth(const domain::RegionHealth &health)
{
    if (!m_region || health.code != m_region->code)
        return;
    m_health = health;
    appendToHistory(health);
    refresh();
}

void RegionDetailsPanel::setHistory(const QList<domain::RegionHealth> &history)
{
    m_history.clear();
    for (const domain::RegionHealth &health : history) {
        if (!m_region || health.code == m_region->code)
            m_history.append(health);
    }
    std::stable_sort(m_history.begin(), m_history.end(),
                     [](const domain::RegionHealth &a, const domain::RegionHealth &b) {
                         return a.checkedAt < b.checkedAt;
                     });
    if (m_history.size() > kHistoryLength)
        m_history.remove(0, m_history.size() - kHistoryLength);
    // A live check that came before the history answered stays the newest.
    if (m_health)
        appendToHistory(*m_health);
    refreshSparklines();
}

void RegionDetailsPanel::appendToHistory(const domain::RegionHealth &health)
{
    if (!health.checkedAt.isValid())
        return;
    if (!m_history.isEmpty() && health.checkedAt <= m_history.constLast().checkedAt)
        return; // already there, or older than what is drawn
    m_history.append(health);
    if (m_history.size() > kHistoryLength)
        m_history.removeFirst();
    refreshSparklines();
}

void RegionDetailsPanel::refreshSparklines()
{
    QList<double> scores;
    QList<double> p99;
    for (const domain::RegionHealth &health : std::as_const(m_history)) {
        scores.append(health.score);
        // A failed check measured nothing: no p99 rather than a false 0.
        if (health.reading.endpointHealthy)
            p99.append(health.reading.p99Ms);
    }
    m_scoreLine->setValues(scores);
    m_p99Line->setValues(p99);
}

void RegionDetailsPanel::setRegionNames(const QHash<QString, QString> &names)
{
    m_names = names;
    if (m_region)
        refresh();
}

void RegionDetailsPanel::clear()
{
    m_region.reset();
    m_health.reset();
    m_history.clear();
    refreshSparklines();
    m_ageTimer.stop();
    m_stack->setCurrentWidget(m_placeholder);
}

void RegionDetailsPanel::refresh()
{
    if (!m_region) {
        clear();
        return;
    }
    const domain::Region &region = *m_region;
    m_stack->setCurrentIndex(1);
    m_title->setText(client::RegionsModel::nameOf(region));
    m_subtitle->setText(
        region.locationKnown
            ? tr("%1 · %2, %3").arg(region.code, region.location.city, region.location.country)
            : tr("%1 · location unknown").arg(region.code));

    const domain::RegionStatus status = m_health ? m_health->status : region.status;
    // Checks failing, but not yet enough of them for "offline": say so
    // beside the problem, never "Online" (issue 10).
    const int failures = m_health ? m_health->consecutiveFailures : 0;
    const bool failing = failures > 0 && (status == domain::RegionStatus::Online ||
                                          status == domain::RegionStatus::Degraded);
    const domain::RegionStatus shown = failing ? domain::RegionStatus::Degraded : status;
    m_statusGlyph->setPixmap(statusGlyph(shown, devicePixelRatioF(), 18));
    m_status->setText(
        failing ? tr("Failing checks (%1 of %2 before offline)")
                      .arg(failures)
                      .arg(std::max(failures, domain::HealthThresholds{}.failuresBeforeOffline))
                : styleFor(status).label);

    m_coordinates->setText(region.locationKnown ? formatCoordinates({region.location.latitude,
                                                                     region.location.longitude})
                                                : tr("unknown"));
    const QLocale locale;
    if (m_health && !m_health->reading.endpointHealthy) {
        // The check got no answer: nothing was measured, so nothing is shown
        // as a number (never a false 0).
        const QString unknown = unknownValue();
        m_load->setText(unknown);
        m_score->setText(unknown);
        m_response->setText(tr("no answer"));
        m_p99->setText(unknown);
        m_errors->setText(unknown);
    } else if (m_health) {
        const domain::HealthReading &reading = m_health->reading;
        m_load->setText(formatPercent(reading.utilisation));
        m_score->setText(tr("%1 of 100").arg(std::lround(m_health->score)));
        m_response->setText(client::formatMilliseconds(reading.responseMs));
        m_p99->setText(client::formatMilliseconds(reading.p99Ms));
        m_errors->setText(client::formatPercentValue(reading.errorRatePercent));
    } else {
        m_load->setText(tr("%1 (%2 of %3 sessions)")
                            .arg(formatPercent(region.capacity.utilisation()),
                                 locale.toString(region.capacity.current),
                                 locale.toString(region.capacity.maximum)));
        const QString none = tr("not checked yet");
        m_score->setText(none);
        m_response->setText(none);
        m_p99->setText(none);
        m_errors->setText(none);
    }
    const bool problem = m_health && !m_health->message.isEmpty();
    m_problem->setText(problem ? m_health->message : QString());
    m_problem->setVisible(problem);
    if (m_problemLabel)
        m_problemLabel->setVisible(problem);
    // Names, each kept on one line: the list breaks only between regions.
    QStringList failover;
    for (const QString &code : region.failoverRegions) {
        QString name = m_names.value(code, code);
        name.replace(u' ', QChar(0x00A0));
        name.replace(u'-', QChar(0x2011));
        failover.append(name);
    }
    m_failover->setText(failover.isEmpty() ? tr("none configured")
                                           : failover.join(QStringLiteral(" → ")));
    m_failover->setToolTip(region.failoverRegions.join(QStringLiteral(" → ")));
    refreshAge();
    m_ageTimer.start();
}

void RegionDetailsPanel::refreshAge()
{
    m_lastCheck->setText(m_health
                             ? formatLastCheck(m_health->checkedAt, QDateTime::currentDateTimeUtc())
                             : tr("never"));
}

} // namespace waddle::ui
