#include "exportpanel.h"

#include "analyticsscreen.h"
#include "client/apierror.h"
#include "client/custommetricscontroller.h"
#include "client/exportcontroller.h"
#include "client/session.h"
#include "ui/common/permissions.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHash>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace waddle::ui {

using client::ExportController;
using client::ExportJobStatus;

ExportPanel::ExportPanel(ExportController &controller,
                         const client::CustomMetricsController *metrics, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_customMetrics(metrics)
{
    setAccessibleName(tr("Export"));
    auto *box = new QGroupBox(tr("Export usage metrics"));
    auto *form = new QFormLayout(box);
    const QDate today = QDate::currentDate();
    m_from = new QDateEdit(today.addMonths(-1));
    m_to = new QDateEdit(today);
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setMaximumDate(today);
    }
    auto *range = new QHBoxLayout;
    auto *toLabel = new QLabel(tr("to"));
    range->addWidget(m_from);
    range->addWidget(toLabel);
    range->addWidget(m_to);
    range->addStretch(1);
    auto *rangeLabel = new QLabel(tr("Ra&nge:"));
    rangeLabel->setBuddy(m_from);
    form->addRow(rangeLabel, range);
    m_format = new QComboBox;
    m_format->addItem(tr("CSV (spreadsheets)"), QStringLiteral("csv"));
    m_format->addItem(tr("JSON"), QStringLiteral("json"));
    form->addRow(tr("For&mat:"), m_format);
    m_metrics = new QListWidget;
    m_metrics->setAccessibleName(tr("Metrics to export"));
    fillMetrics();
    m_metrics->setMaximumHeight(m_metrics->sizeHintForRow(0) * 6 + 8);
    form->addRow(tr("Metr&ics:"), m_metrics);

    auto *buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start e&xport"));
    m_start->setObjectName(QStringLiteral("startExport"));
    m_start->setDefault(true);
    m_download = new QPushButton(tr("&Download…"));
    m_download->setEnabled(false);
    buttons->addWidget(m_start);
    buttons->addWidget(m_download);
    buttons->addStretch(1);
    form->addRow(buttons);
    m_progress = new QProgressBar;
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    m_progress->setAccessibleName(tr("Download progress"));
    m_progress->setFormat(tr("%p % downloaded"));
    m_progress->hide();
    form->addRow(m_progress);
    m_status = new QLabel(tr("Choose a range and the metrics, then start the export."));
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(m_status);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 10, 12, 10);
    box->setMaximumWidth(720);
    outer->addWidget(box);
    outer->addStretch(1);

    connect(m_start, &QPushButton::clicked, this, &ExportPanel::startExport);
    connect(m_download, &QPushButton::clicked, this, &ExportPanel::downloadWithDialog);
    connect(m_from, &QDateEdit::dateChanged, this, &ExportPanel::checkRange);
    connect(m_to, &QDateEdit::dateChanged, this, &ExportPanel::checkRange);
    connect(m_metrics, &QListWidget::itemChanged, this, &ExportPanel::checkRange);
    if (m_customMetrics) {
        connect(m_customMetrics, &client::CustomMetricsController::metricsChanged, this,
                &ExportPanel::fillMetrics);
    }
    connect(&m_controller, &ExportController::started, this,
            [this](const QString &id) { m_status->setText(tr("Export %1 queued…").arg(id)); });
    connect(&m_controller, &ExportController::statusChanged, this, &ExportPanel::onStatus);
    connect(&m_controller, &ExportController::finished, this, &ExportPanel::onFinished);
    connect(&m_controller, &ExportController::refused, this, [this](const client::ApiError &error) {
        applyPermission(m_start, m_session, domain::Action::ExportAnalytics, true);
        m_status->setText(tr("The export was refused: %1").arg(error.message));
    });
    connect(&m_controller, &ExportController::progress, this,
            [this](qint64 received, qint64 total) {
                if (total > 0) {
                    m_progress->setRange(0, 100);
                    m_progress->setValue(static_cast<int>(received * 100 / total));
                } else {
                    m_progress->setRange(0, 0); // size unknown: busy
                }
            });
    connect(&m_controller, &ExportController::downloaded, this,
            [this](const QString &path, qint64 bytes) {
                m_progress->setRange(0, 100);
                m_progress->setValue(100);
                m_download->setEnabled(true);
                applyPermission(m_start, m_session, domain::Action::ExportAnalytics, true);
                m_status->setText(
                    tr("Saved %1 (%2).")
                        .arg(QDir::toNativeSeparators(path), QLocale().formattedDataSize(bytes)));
            });
    connect(&m_controller, &ExportController::failed, this, [this](const client::ApiError &error) {
        m_progress->hide();
        applyPermission(m_start, m_session, domain::Action::ExportAnalytics, true);
        m_download->setEnabled(m_controller.status() && m_controller.status()->isCompleted());
        m_status->setText(tr("Failed: %1").arg(error.message));
    });
    checkRange();
}

ExportPanel::~ExportPanel() = default;

QStringList ExportPanel::selectedMetrics() const
{
    QStringList metrics;
    for (int row = 0; row < m_metrics->count(); ++row) {
        if (m_metrics->item(row)->checkState() == Qt::Checked)
            metrics.append(m_metrics->item(row)->data(Qt::UserRole).toString());
    }
    return metrics;
}

void ExportPanel::fillMetrics()
{
    // Choices survive a new list; a metric seen for the first time starts
    // checked when built in, unchecked when custom (asked for by name).
    QHash<QString, Qt::CheckState> checked;
    for (int row = 0; row < m_metrics->count(); ++row) {
        const QListWidgetItem *item = m_metrics->item(row);
        checked.insert(item->data(Qt::UserRole).toString(), item->checkState());
    }
    const QSignalBlocker blocker(m_metrics);
    m_metrics->clear();
    const auto add = [this, &checked](const QString &metric, const QString &text,
                                      Qt::CheckState initially) {
        auto *item = new QListWidgetItem(text, m_metrics);
        item->setData(Qt::UserRole, metric);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.value(metric, initially));
        return item;
    };
    for (const QString &metric : AnalyticsScreen::metricNames())
        add(metric, AnalyticsScreen::displayName(metric), Qt::Checked);
    if (m_customMetrics) {
        for (const client::MetricDefinition &d : m_customMetrics->metrics()) {
            QListWidgetItem *item =
                add(d.metric.name, tr("%1 (custom)").arg(d.metric.name), Qt::Unchecked);
            item->setToolTip(d.metric.description);
        }
    }
    if (m_start) // built
        checkRange();
}

void ExportPanel::checkRange()
{
    QString problem;
    if (m_from->date() > m_to->date())
        problem = tr("The range starts after it ends.");
    else if (selectedMetrics().isEmpty())
        problem = tr("Choose at least one metric.");
    applyPermission(m_start, m_session, domain::Action::ExportAnalytics,
                    problem.isEmpty() && !m_controller.isBusy());
    if (!problem.isEmpty())
        m_status->setText(problem);
    else if (!m_controller.isBusy() && !m_controller.status())
        m_status->setText(tr("%n day(s) of usage will be exported.", nullptr,
                             static_cast<int>(m_from->date().daysTo(m_to->date()) + 1)));
}

void ExportPanel::startExport()
{
    if (!m_start->isEnabled())
        return;
    applyPermission(m_start, m_session, domain::Action::ExportAnalytics, false);
    m_download->setEnabled(false);
    m_progress->hide();
    m_status->setText(tr("Starting the export…"));
    m_controller.start(
        {m_controller.status() ? m_controller.status()->projectId : QStringLiteral("fleet"),
         m_format->currentData().toString(), m_from->date(), m_to->date(), selectedMetrics()});
}

void ExportPanel::onStatus(const ExportJobStatus &status)
{
    if (status.isFinished())
        return;
    m_status->setText(
        status.status == QLatin1String("processing")
            ? tr("Export %1 running: %n row(s) so far…", nullptr, static_cast<int>(status.rows))
                  .arg(status.id)
            : tr("Export %1 is %2…").arg(status.id, status.status));
}

void ExportPanel::onFinished(const ExportJobStatus &status)
{
    applyPermission(m_start, m_session, domain::Action::ExportAnalytics, true);
    if (status.isFailed()) {
        m_status->setText(tr("The export failed: %1").arg(status.error));
        return;
    }
    m_download->setEnabled(true);
    m_status->setText(tr("Export ready: %n row(s), %1. Download it to keep it.", nullptr,
                         static_cast<int>(status.rows))
                          .arg(QLocale().formattedDataSize(status.fileSize)));
    m_download->setFocus();
}

void ExportPanel::downloadWithDialog()
{
    const auto &status = m_controller.status();
    if (!status)
        return;
    const QString type = status->exportType.isEmpty() ? QStringLiteral("csv") : status->exportType;
    const QString filter = type == QLatin1String("json") ? tr("JSON (*.json)") : tr("CSV (*.csv)");
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Export"),
                                     QStringLiteral("usage-%1-%2.%3")
                                         .arg(status->dateFrom.toString(Qt::ISODate),
                                              status->dateTo.toString(Qt::ISODate), type),
                                     filter);
    if (!path.isEmpty())
        downloadTo(path);
}

void ExportPanel::downloadTo(const QString &path)
{
    m_download->setEnabled(false);
    applyPermission(m_start, m_session, domain::Action::ExportAnalytics, false);
    m_progress->setValue(0);
    m_progress->show();
    m_status->setText(tr("Downloading to %1…").arg(QDir::toNativeSeparators(path)));
    m_controller.download(path);
}

void ExportPanel::setSession(const client::Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &client::Session::permissionsChanged, this,
                &ExportPanel::refreshPermissions);
    }
    refreshPermissions();
}

void ExportPanel::refreshPermissions()
{
    checkRange();
}

} // namespace waddle::ui
