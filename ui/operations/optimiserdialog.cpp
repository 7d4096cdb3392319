#include "optimiserdialog.h"

#include "client/jobsmodel.h"
#include "client/optimisercontroller.h"
#include "client/session.h"
#include "previewtable.h"
#include "problemlabel.h"
#include "ui/common/permissions.h"

#include <QCoroTask>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace waddle::ui {

using namespace waddle::domain;
using client::OptimiserProposal;

OptimiserDialog::OptimiserDialog(const Services &services, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("optimiserDialog"));
    setWindowTitle(tr("Optimise Fleet"));
    client::JobsModel *jobs = services.jobs;
    if (!jobs) {
        m_ownJobs = std::make_unique<client::JobsModel>(*services.api);
        m_ownJobs->setLiveEvents(services.events);
        jobs = m_ownJobs.get();
    }
    m_controller = new client::OptimiserController(*services.api, *jobs, this);

    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("optimiserStatus"));
    m_status->setWordWrap(true);
    m_problem = makeProblemLabel(QStringLiteral("optimiserProblem"));
    m_proposals = makeTable(QStringLiteral("proposals"), {tr("Waddle"), tr("From → to"),
                                                          tr("Improvement"), tr("Affected users")});
    m_proposals->setAccessibleName(tr("Proposals"));
    auto *proposalsLabel =
        new QLabel(tr("&Proposals (tick the ones to apply; Space ticks the current one):"));
    proposalsLabel->setBuddy(m_proposals);
    m_previewTitle = new QLabel;
    m_previewSummary = new QLabel;
    m_previewSummary->setObjectName(QStringLiteral("proposalPreviewSummary"));
    m_preview = makePreviewTable(QStringLiteral("proposalPreview"));
    m_previewTitle->setBuddy(m_preview);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    m_run = buttons->addButton(tr("&Run Again"), QDialogButtonBox::ActionRole);
    m_run->setObjectName(QStringLiteral("runOptimiser"));
    m_apply = buttons->addButton(tr("&Apply Selected"), QDialogButtonBox::ActionRole);
    m_apply->setObjectName(QStringLiteral("applyProposals"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_run, &QPushButton::clicked, this, &OptimiserDialog::runDryRun);
    connect(m_apply, &QPushButton::clicked, this, [this] { applySelected(); });
    connect(m_proposals, &QTableWidget::currentCellChanged, this,
            [this](int row) { showPreview(row); });
    connect(m_proposals, &QTableWidget::itemChanged, this, [this] { updateButtons(); });
    if (services.session) {
        connect(services.session, &client::Session::permissionsChanged, this,
                &OptimiserDialog::updateButtons);
    }
    connect(m_controller, &client::OptimiserController::proposalsReady, this,
            &OptimiserDialog::showProposals);
    connect(m_controller, &client::OptimiserController::failed, this,
            [this](const QString &message) {
                m_problem->setText(message);
                m_problem->show();
            });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_problem);
    layout->addWidget(proposalsLabel);
    layout->addWidget(m_proposals, 2);
    layout->addWidget(m_previewTitle);
    layout->addWidget(m_previewSummary);
    layout->addWidget(m_preview, 3);
    layout->addWidget(buttons);
    resize(820, 620);
    runDryRun();
}

OptimiserDialog::~OptimiserDialog() = default;

void OptimiserDialog::runDryRun()
{
    m_problem->hide();
    m_status->setText(tr("Running the optimiser's dry run over the fleet…"));
    m_proposals->setRowCount(0);
    m_preview->setRowCount(0);
    m_previewTitle->clear();
    m_previewSummary->clear();
    m_busy = true;
    updateButtons();
    m_controller->run().then([self = QPointer<OptimiserDialog>(this)](bool) {
        if (!self)
            return;
        self->m_busy = false;
        self->updateButtons();
    });
}

void OptimiserDialog::showProposals()
{
    const client::OptimiserRun &run = m_controller->result();
    const QLocale l;
    const QSignalBlocker blocker(m_proposals);
    m_proposals->setRowCount(static_cast<int>(run.proposals.size()));
    for (int row = 0; row < m_proposals->rowCount(); ++row) {
        const OptimiserProposal &p = run.proposals.at(row);
        auto *waddle = new QTableWidgetItem(p.waddleId);
        waddle->setFlags(waddle->flags() | Qt::ItemIsUserCheckable);
        waddle->setCheckState(Qt::Unchecked);
        auto *move = new QTableWidgetItem(tr("%1 → %2").arg(p.from, p.to));
        auto *improvement =
            new QTableWidgetItem(tr("%1 %").arg(l.toString(p.improvementPercent, 'f', 1)));
        improvement->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *users = new QTableWidgetItem(l.toString(p.affectedUsers));
        users->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_proposals->setItem(row, 0, waddle);
        m_proposals->setItem(row, 1, move);
        m_proposals->setItem(row, 2, improvement);
        m_proposals->setItem(row, 3, users);
    }
    m_status->setText(
        run.proposals.isEmpty()
            ? tr("Waddles weighed: %1, skipped: %2. No region is clearly better for any of them "
                 "now: nothing to do.")
                  .arg(l.toString(run.considered), l.toString(run.skipped))
            : tr("Waddles weighed: %1, skipped: %2. Proposals (over %3 % better by the SPEC §7 "
                 "score): %4. Nothing has moved yet.")
                  .arg(l.toString(run.considered), l.toString(run.skipped), l.toString(20),
                       l.toString(run.proposals.size())));
    if (!run.proposals.isEmpty()) {
        m_proposals->setCurrentCell(0, 0);
        showPreview(0);
        m_proposals->setFocus();
    }
    updateButtons();
}

void OptimiserDialog::showPreview(int row)
{
    const client::OptimiserRun &run = m_controller->result();
    if (row < 0 || row >= run.proposals.size())
        return;
    const OptimiserProposal &p = run.proposals.at(row);
    m_previewTitle->setText(
        tr("&Who gets faster or slower if %1 moves to %2:").arg(p.waddleId, p.to));
    m_previewSummary->setText(previewSummary(p.preview));
    ui::showPreview(*m_preview, p.preview);
}

QList<int> OptimiserDialog::checkedRows() const
{
    QList<int> rows;
    for (int row = 0; row < m_proposals->rowCount(); ++row) {
        const QTableWidgetItem *item = m_proposals->item(row, 0);
        if (item && item->checkState() == Qt::Checked)
            rows.append(row);
    }
    return rows;
}

void OptimiserDialog::updateButtons()
{
    const qsizetype ticked = checkedRows().size();
    m_apply->setToolTip(tr("Start a migration for each ticked proposal (%1 ticked); follow "
                           "them in the Jobs dock")
                            .arg(ticked));
    // The dry run is the fleet optimiser's route too: an operator's.
    applyPermission(m_apply, m_services.session, domain::Action::OptimiseFleet,
                    !m_busy && ticked > 0);
    applyPermission(m_run, m_services.session, domain::Action::OptimiseFleet, !m_busy);
}

QCoro::Task<> OptimiserDialog::applySelected()
{
    const QPointer<OptimiserDialog> self(this);
    const QList<int> rows = checkedRows();
    m_busy = true;
    m_problem->hide();
    updateButtons();
    const qsizetype before = m_controller->started().size();
    const bool ok = co_await m_controller->apply(rows);
    if (!self)
        co_return;
    m_busy = false;
    const qsizetype started = m_controller->started().size() - before;
    // The started ones leave the list: they are migrations now.
    const QSignalBlocker blocker(m_proposals);
    for (int row = m_proposals->rowCount() - 1; row >= 0; --row) {
        const QString waddle = m_proposals->item(row, 0)->text();
        const bool began =
            std::any_of(m_controller->started().cbegin(), m_controller->started().cend(),
                        [&](const Migration &m) { return m.waddleId == waddle; });
        if (began) {
            m_proposals->item(row, 0)->setCheckState(Qt::Unchecked);
            m_proposals->item(row, 0)->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_proposals->item(row, 1)->setText(
                tr("%1 (migrating)").arg(m_proposals->item(row, 1)->text()));
        }
    }
    m_status->setText(tr("Migrations started: %1. Follow them in the Jobs dock.")
                          .arg(QLocale().toString(started)));
    if (!ok) {
        m_problem->setText(tr("Not started:\n%1").arg(m_controller->problems().join(u'\n')));
        m_problem->show();
    }
    updateButtons();
}

} // namespace waddle::ui
