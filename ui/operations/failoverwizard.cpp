#include "failoverwizard.h"

#include "capacitybars.h"
#include "client/failovercontroller.h"
#include "client/jobsmodel.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "movesmodel.h"
#include "problemlabel.h"
#include "ui/common/permissions.h"
#include "ui/common/statusstyle.h"

#include <QComboBox>
#include <QCoroTask>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace waddle::ui {

using namespace waddle::domain;

namespace {

QLabel *wrapped(const QString &text = {})
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QTableView *movesView(MovesModel *model)
{
    auto *view = new QTableView;
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    view->setAlternatingRowColors(false);
    view->setAccessibleName(FailoverWizard::tr("Waddles and their moves"));
    view->setColumnWidth(MovesModel::WaddleColumn, 110);
    view->setColumnWidth(MovesModel::FromColumn, 130);
    view->setColumnWidth(MovesModel::ToColumn, 130);
    view->setColumnWidth(MovesModel::OutcomeColumn, 130);
    view->setMinimumHeight(160);
    return view;
}

QString countsText(const FailoverTally &t)
{
    const QLocale l;
    return FailoverWizard::tr("%1 succeeded · %2 failed · %3 cannot be placed · %4 waiting "
                              "(of %5)")
        .arg(l.toString(t.succeeded), l.toString(t.failed), l.toString(t.unplaced),
             l.toString(t.pending), l.toString(t.affected));
}

QString stateText(FailoverState state)
{
    switch (state) {
    case FailoverState::Pending:
        return FailoverWizard::tr("Waiting for confirmation");
    case FailoverState::Running:
        return FailoverWizard::tr("Failing over");
    case FailoverState::Completed:
        return FailoverWizard::tr("Completed");
    case FailoverState::FailingBack:
        return FailoverWizard::tr("Failing back");
    case FailoverState::FailedBack:
        return FailoverWizard::tr("Failed back: the waddles are home");
    case FailoverState::Failed:
        return FailoverWizard::tr("Failed: no waddle could be moved");
    }
    return {};
}

// 1. Which region.
class ChooseRegionPage final : public QWizardPage
{
public:
    ChooseRegionPage(FailoverWizard &wizard, QComboBox *box)
        : m_wizard(wizard)
        , m_box(box)
    {
        setTitle(FailoverWizard::tr("Choose the region to fail over"));
        setSubTitle(FailoverWizard::tr("Its waddles move to the other regions until it is back. "
                                       "Nothing moves before you confirm."));
        auto *label = new QLabel(FailoverWizard::tr("&Region:"));
        label->setBuddy(m_box);
        m_status = wrapped();
        m_status->setObjectName(QStringLiteral("regionStatus"));
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(label);
        layout->addWidget(m_box);
        layout->addWidget(m_status);
        layout->addStretch();
        connect(m_box, &QComboBox::currentIndexChanged, this, [this] {
            refresh();
            Q_EMIT completeChanged();
        });
        refresh();
    }

    bool isComplete() const override { return !m_wizard.selectedRegion().isEmpty(); }

private:
    void refresh()
    {
        const client::RegionsModel *regions = m_wizard.services().regions;
        const QString code = m_wizard.selectedRegion();
        const Region *region = regions ? regions->region(regions->rowOf(code)) : nullptr;
        if (!region) {
            m_status->clear();
            return;
        }
        const StatusStyle style = styleFor(region->status);
        m_status->setText(
            region->status == RegionStatus::Offline
                ? FailoverWizard::tr("%1 is %2: its waddles should move.")
                      .arg(region->name, style.label.toLower())
                : FailoverWizard::tr("%1 is %2. Failing over a region that is not offline "
                                     "needs its code typed to confirm.")
                      .arg(region->name, style.label.toLower()));
    }

    FailoverWizard &m_wizard;
    QComboBox *m_box;
    QLabel *m_status;
};

// 2. The dry run.
class DryRunPage final : public QWizardPage
{
public:
    explicit DryRunPage(FailoverWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(FailoverWizard::tr("What would happen"));
        setSubTitle(FailoverWizard::tr("The plan as the control plane computes it now: nothing "
                                       "has moved yet."));
        m_summary = wrapped();
        m_summary->setObjectName(QStringLiteral("planSummary"));
        m_problem = makeProblemLabel(QStringLiteral("planProblem"));
        m_bars = new CapacityBars;
        auto *barsTitle = new QLabel(FailoverWizard::tr("Load per target region (members: now → "
                                                        "after / maximum)"));
        m_moves = new MovesModel(this);
        m_moves->setPlanned(true);
        m_view = movesView(m_moves);
        auto *movesLabel = new QLabel(FailoverWizard::tr("&Moves:"));
        movesLabel->setBuddy(m_view);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_summary);
        layout->addWidget(m_problem);
        layout->addWidget(barsTitle);
        layout->addWidget(m_bars);
        layout->addWidget(movesLabel);
        layout->addWidget(m_view, 1);
        connect(&wizard.controller(), &client::FailoverController::planReady, this,
                &DryRunPage::showPlan);
        connect(&wizard.controller(), &client::FailoverController::failed, this,
                [this](const QString &message) {
                    if (m_wizard.currentId() != FailoverWizard::DryRunPage)
                        return;
                    m_summary->setText(FailoverWizard::tr("The plan could not be made."));
                    m_problem->setText(message);
                    m_problem->show();
                });
    }

    void initializePage() override
    {
        m_ready = false;
        m_problem->hide();
        m_moves->setMoves({});
        m_bars->setChanges({}, {});
        const QHash<QString, QString> names = m_wizard.regionNames();
        m_moves->setRegionNames(names);
        const QString code = m_wizard.selectedRegion();
        m_summary->setText(
            FailoverWizard::tr("Planning the failover of %1…").arg(names.value(code, code)));
        Q_EMIT completeChanged();
        m_wizard.controller().dryRun(code);
    }

    bool isComplete() const override { return m_ready; }

private:
    void showPlan()
    {
        const auto &plan = m_wizard.controller().plan();
        if (!plan)
            return;
        const QHash<QString, QString> names = m_wizard.regionNames();
        m_bars->setChanges(plan->capacity, names);
        // The ones that cannot be placed first: they need a decision.
        QList<FailoverMove> moves = plan->moves;
        std::stable_partition(moves.begin(), moves.end(),
                              [](const FailoverMove &m) { return m.state == MoveState::Unplaced; });
        m_moves->setMoves(moves);
        const FailoverTally t = tally(plan->moves);
        const QLocale l;
        // Plural-free wording (no translation loaded for new strings yet).
        QString text = FailoverWizard::tr("Waddles on %1: %L2 · can move: %L3 · target "
                                          "regions: %L4")
                           .arg(names.value(plan->region, plan->region))
                           .arg(t.affected)
                           .arg(t.pending)
                           .arg(plan->capacity.size());
        if (t.unplaced > 0) {
            m_problem->setText(
                FailoverWizard::tr("Waddles that cannot be placed: %1 (listed first below, "
                                   "with why); they stay on %2.")
                    .arg(l.toString(t.unplaced), names.value(plan->region, plan->region)));
            m_problem->show();
        }
        if (t.affected == 0)
            text = FailoverWizard::tr("No waddle is on %1: there is nothing to fail over.")
                       .arg(names.value(plan->region, plan->region));
        m_summary->setText(text);
        m_ready = t.pending > 0;
        Q_EMIT completeChanged();
    }

    FailoverWizard &m_wizard;
    QLabel *m_summary;
    QLabel *m_problem;
    CapacityBars *m_bars;
    MovesModel *m_moves;
    QTableView *m_view;
    bool m_ready = false;
};

// 3. Confirm (a commit page: the job starts here).
class ConfirmPage final : public QWizardPage
{
public:
    explicit ConfirmPage(FailoverWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(FailoverWizard::tr("Confirm the failover"));
        setCommitPage(true);
        setButtonText(QWizard::CommitButton, FailoverWizard::tr("&Fail Over"));
        m_text = wrapped();
        m_text->setObjectName(QStringLiteral("confirmText"));
        m_forceText = makeProblemLabel(QStringLiteral("forceWarning"));
        m_code = new QLineEdit;
        m_code->setObjectName(QStringLiteral("forceCode"));
        m_codeLabel = new QLabel(FailoverWizard::tr("&Type the region's code to force:"));
        m_codeLabel->setBuddy(m_code);
        m_error = makeProblemLabel(QStringLiteral("startError"));
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_text);
        layout->addWidget(m_forceText);
        layout->addWidget(m_codeLabel);
        layout->addWidget(m_code);
        layout->addWidget(m_error);
        layout->addStretch();
        connect(m_code, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
    }

    void initializePage() override
    {
        m_started = false;
        m_error->hide();
        m_code->clear();
        const QHash<QString, QString> names = m_wizard.regionNames();
        const QString code = m_wizard.selectedRegion();
        const auto &plan = m_wizard.controller().plan();
        const FailoverTally t = plan ? tally(plan->moves) : FailoverTally{};
        m_text->setText(FailoverWizard::tr("Waddles that move off %1 now: %L2, in batches; "
                                           "their members are told. They come back when you "
                                           "fail back (or on their own once %1 has been online "
                                           "a while).")
                            .arg(names.value(code, code))
                            .arg(t.pending));
        const bool force = !m_wizard.regionIsOffline();
        m_forceText->setText(FailoverWizard::tr("%1 is not offline. Failing it over anyway "
                                                "interrupts calls that work. Type %2 to confirm.")
                                 .arg(names.value(code, code), code));
        m_forceText->setVisible(force);
        m_codeLabel->setVisible(force);
        m_code->setVisible(force);
        if (force)
            m_code->setFocus();
    }

    bool isComplete() const override
    {
        return !m_starting && (m_wizard.regionIsOffline() ||
                               m_code->text().trimmed() == m_wizard.selectedRegion());
    }

    bool validatePage() override
    {
        if (m_started)
            return true;
        if (!m_starting)
            start();
        return false;
    }

private:
    QCoro::Task<> start()
    {
        const QPointer<ConfirmPage> self(this);
        m_starting = true;
        m_error->hide();
        Q_EMIT completeChanged();
        const bool ok = co_await m_wizard.controller().start(!m_wizard.regionIsOffline());
        if (!self)
            co_return;
        m_starting = false;
        Q_EMIT completeChanged();
        if (!ok) {
            m_error->setText(FailoverWizard::tr("The failover did not start: %1")
                                 .arg(m_wizard.controller().lastError()));
            m_error->show();
            co_return;
        }
        m_started = true;
        m_wizard.next();
    }

    FailoverWizard &m_wizard;
    QLabel *m_text;
    QLabel *m_forceText;
    QLabel *m_codeLabel;
    QLineEdit *m_code;
    QLabel *m_error;
    bool m_starting = false;
    bool m_started = false;
};

// 4. Live progress.
class ProgressPage final : public QWizardPage
{
public:
    explicit ProgressPage(FailoverWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(FailoverWizard::tr("Progress"));
        m_state = wrapped();
        m_state->setObjectName(QStringLiteral("jobState"));
        QFont bold = m_state->font();
        bold.setBold(true);
        m_state->setFont(bold);
        m_bar = new QProgressBar;
        m_bar->setAccessibleName(FailoverWizard::tr("Waddles handled"));
        m_batches = wrapped();
        m_batches->setObjectName(QStringLiteral("batches"));
        m_counts = wrapped();
        m_counts->setObjectName(QStringLiteral("counts"));
        m_moves = new MovesModel(this);
        auto *view = movesView(m_moves);
        auto *movesLabel = new QLabel(FailoverWizard::tr("&Waddles:"));
        movesLabel->setBuddy(view);
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_state);
        layout->addWidget(m_bar);
        layout->addWidget(m_batches);
        layout->addWidget(m_counts);
        layout->addWidget(movesLabel);
        layout->addWidget(view, 1);
        connect(&wizard.controller(), &client::FailoverController::jobChanged, this,
                &ProgressPage::refresh);
        connect(&wizard.controller(), &client::FailoverController::finished, this,
                &QWizardPage::completeChanged);
    }

    void initializePage() override
    {
        m_moves->setRegionNames(m_wizard.regionNames());
        refresh();
    }

    bool isComplete() const override { return m_wizard.controller().isFinished(); }

private:
    void refresh()
    {
        const auto &job = m_wizard.controller().job();
        if (!job) {
            m_state->setText(FailoverWizard::tr("Loading…"));
            return;
        }
        const QHash<QString, QString> names = m_wizard.regionNames();
        setSubTitle(
            FailoverWizard::tr("Failover of %1, started %2 (%3)")
                .arg(names.value(job->region, job->region),
                     QLocale().toString(job->startedAt.value_or(job->createdAt).toLocalTime(),
                                        QLocale::ShortFormat),
                     job->trigger == FailoverTrigger::Automatic
                         ? FailoverWizard::tr("automatic")
                         : FailoverWizard::tr("by an operator")));
        m_state->setText(stateText(job->state));
        const FailoverTally t = tally(job->moves);
        m_bar->setRange(0, static_cast<int>(std::max<qint64>(1, t.affected)));
        m_bar->setValue(static_cast<int>(t.affected - t.pending));
        const client::FailoverController &c = m_wizard.controller();
        m_batches->setText(
            c.batches() > 0
                ? FailoverWizard::tr("Batch %1 of %2 done").arg(c.batch()).arg(c.batches())
                : QString());
        m_batches->setVisible(c.batches() > 0);
        m_counts->setText(countsText(t));
        m_moves->setMoves(job->moves);
        Q_EMIT completeChanged();
    }

    FailoverWizard &m_wizard;
    QLabel *m_state;
    QProgressBar *m_bar;
    QLabel *m_batches;
    QLabel *m_counts;
    MovesModel *m_moves;
};

// 5. Summary, and fail-back.
class SummaryPage final : public QWizardPage
{
public:
    explicit SummaryPage(FailoverWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(FailoverWizard::tr("Summary"));
        setFinalPage(true);
        m_state = wrapped();
        m_state->setObjectName(QStringLiteral("summaryState"));
        QFont bold = m_state->font();
        bold.setBold(true);
        m_state->setFont(bold);
        m_counts = wrapped();
        m_counts->setObjectName(QStringLiteral("summaryCounts"));
        m_failBack = new QPushButton(FailoverWizard::tr("Fail &Back Now"));
        m_failBack->setObjectName(QStringLiteral("failBack"));
        m_hint = wrapped();
        m_hint->setObjectName(QStringLiteral("failBackHint"));
        m_error = makeProblemLabel(QStringLiteral("failBackError"));
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_state);
        layout->addWidget(m_counts);
        layout->addSpacing(12);
        layout->addWidget(m_hint);
        layout->addWidget(m_failBack, 0, Qt::AlignLeft);
        layout->addWidget(m_error);
        layout->addStretch();
        connect(m_failBack, &QPushButton::clicked, this, [this] { failBack(); });
        connect(&wizard.controller(), &client::FailoverController::jobChanged, this,
                &SummaryPage::refresh);
        if (wizard.services().regions) {
            connect(wizard.services().regions, &QAbstractItemModel::dataChanged, this,
                    &SummaryPage::refresh);
        }
        if (wizard.services().session) {
            connect(wizard.services().session, &client::Session::permissionsChanged, this,
                    &SummaryPage::refresh);
        }
    }

    void initializePage() override { refresh(); }

private:
    void refresh()
    {
        const auto &job = m_wizard.controller().job();
        if (!job)
            return;
        const QHash<QString, QString> names = m_wizard.regionNames();
        const QString name = names.value(job->region, job->region);
        m_state->setText(stateText(job->state));
        m_counts->setText(countsText(tally(job->moves)));
        const client::RegionsModel *regions = m_wizard.services().regions;
        const Region *region = regions ? regions->region(regions->rowOf(job->region)) : nullptr;
        const bool online = region && region->status == RegionStatus::Online;
        const bool can = m_wizard.controller().canFailBack();
        m_failBack->setVisible(can || job->state == FailoverState::FailingBack);
        applyPermission(m_failBack, m_wizard.services().session, Action::FailBack,
                        can && online && !m_busy);
        if (job->state == FailoverState::FailingBack)
            m_hint->setText(FailoverWizard::tr("Returning the waddles to %1…").arg(name));
        else if (!can)
            m_hint->setText(job->state == FailoverState::FailedBack
                                ? FailoverWizard::tr("Every moved waddle is back on %1.").arg(name)
                                : FailoverWizard::tr("No waddle was moved: nothing to bring "
                                                     "back."));
        else if (online)
            m_hint->setText(FailoverWizard::tr("%1 is online again: its waddles can go back "
                                               "now (they also go back on their own after a "
                                               "while).")
                                .arg(name));
        else
            m_hint->setText(FailoverWizard::tr("Fail-back is possible once %1 is online again "
                                               "(now %2).")
                                .arg(name, region ? styleFor(region->status).label.toLower()
                                                  : FailoverWizard::tr("unknown")));
        m_failBack->setToolTip(online ? QString() : m_hint->text());
    }

    QCoro::Task<> failBack()
    {
        const QPointer<SummaryPage> self(this);
        m_busy = true;
        m_error->hide();
        refresh();
        const bool ok = co_await m_wizard.controller().failBack();
        if (!self)
            co_return;
        m_busy = false;
        if (!ok) {
            m_error->setText(FailoverWizard::tr("Fail-back did not start: %1")
                                 .arg(m_wizard.controller().lastError()));
            m_error->show();
        }
        refresh();
    }

    FailoverWizard &m_wizard;
    QLabel *m_state;
    QLabel *m_counts;
    QPushButton *m_failBack;
    QLabel *m_hint;
    QLabel *m_error;
    bool m_busy = false;
};

} // namespace

FailoverWizard::FailoverWizard(const Services &services, const QString &region, QWidget *parent)
    : QWizard(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("failoverWizard"));
    setWindowTitle(tr("Fail Over Region"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    client::JobsModel *jobs = services.jobs;
    if (!jobs) {
        m_ownJobs = std::make_unique<client::JobsModel>(*services.api);
        m_ownJobs->setLiveEvents(services.events);
        jobs = m_ownJobs.get();
    }
    m_controller = new client::FailoverController(*services.api, *jobs, services.events, this);

    m_regionBox = new QComboBox;
    m_regionBox->setObjectName(QStringLiteral("regionBox"));
    if (services.regions) {
        for (const Region &r : services.regions->regions()) {
            m_regionBox->addItem(tr("%1 (%2) — %3").arg(r.name, r.code, styleFor(r.status).label),
                                 r.code);
        }
    }
    const int preset = m_regionBox->findData(region);
    m_regionBox->setCurrentIndex(preset >= 0 ? preset : 0);

    setPage(ChoosePage, new ChooseRegionPage(*this, m_regionBox));
    setPage(DryRunPage, new class DryRunPage(*this));
    setPage(ConfirmPage, new class ConfirmPage(*this));
    setPage(ProgressPage, new class ProgressPage(*this));
    setPage(SummaryPage, new class SummaryPage(*this));
    resize(900, 680);
}

FailoverWizard::~FailoverWizard() = default;

void FailoverWizard::openJob(const QString &id)
{
    setStartId(ProgressPage);
    m_controller->open(id);
}

QString FailoverWizard::selectedRegion() const
{
    if (m_controller->job())
        return m_controller->job()->region;
    return m_regionBox->currentData().toString();
}

bool FailoverWizard::regionIsOffline() const
{
    const client::RegionsModel *regions = m_services.regions;
    const Region *region = regions ? regions->region(regions->rowOf(selectedRegion())) : nullptr;
    return region && region->status == RegionStatus::Offline;
}

QHash<QString, QString> FailoverWizard::regionNames() const
{
    QHash<QString, QString> names;
    if (m_services.regions) {
        for (const Region &r : m_services.regions->regions())
            names.insert(r.code, r.name);
    }
    return names;
}

} // namespace waddle::ui
