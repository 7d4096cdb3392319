#include "migrationwizard.h"

#include "client/jobsmodel.h"
#include "client/migrationcontroller.h"
#include "client/regionsmodel.h"
#include "previewmap.h"
#include "previewtable.h"
#include "problemlabel.h"
#include "ui/common/permissions.h"

#include <QButtonGroup>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace waddle::ui {

using namespace waddle::domain;
using client::MigrationController;
using client::MigrationTally;
using client::MigrationTarget;

namespace {

QLabel *wrapped(const QString &text = {})
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *boldLabel(const QString &objectName)
{
    QLabel *label = wrapped();
    label->setObjectName(objectName);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

QString stepText(MigrationStepName step)
{
    switch (step) {
    case MigrationStepName::Prepare:
        return MigrationWizard::tr("Prepare a room in the target region");
    case MigrationStepName::Notify:
        return MigrationWizard::tr("Tell the members");
    case MigrationStepName::Move:
        return MigrationWizard::tr("Move the call");
    case MigrationStepName::Update:
        return MigrationWizard::tr("Update the waddle's region");
    case MigrationStepName::Cleanup:
        return MigrationWizard::tr("Remove the old room");
    case MigrationStepName::Record:
        return MigrationWizard::tr("Record the migration");
    }
    return {};
}

QString stepStateText(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return MigrationWizard::tr("Waiting");
    case StepState::Running:
        return MigrationWizard::tr("Running…");
    case StepState::Done:
        return MigrationWizard::tr("Done");
    case StepState::Failed:
        return MigrationWizard::tr("Failed");
    case StepState::Skipped:
        return MigrationWizard::tr("Skipped (rolled back)");
    }
    return {};
}

QString stateText(const Migration &m, const MigrationWizard &wizard)
{
    switch (m.state) {
    case MigrationState::Scheduled:
        return MigrationWizard::tr("Scheduled for %1")
            .arg(QLocale().toString(m.startAt.toLocalTime(), QLocale::ShortFormat));
    case MigrationState::Running:
        return MigrationWizard::tr("Running");
    case MigrationState::Completed:
        return MigrationWizard::tr("Completed: the waddle runs in %1").arg(wizard.regionName(m.to));
    case MigrationState::RolledBack:
        return MigrationWizard::tr("Rolled back: the waddle stayed in %1")
            .arg(wizard.regionName(m.from));
    case MigrationState::Cancelled:
        return MigrationWizard::tr("Cancelled: the waddle stayed in %1")
            .arg(wizard.regionName(m.from));
    case MigrationState::Failed:
        return MigrationWizard::tr("Failed");
    }
    return {};
}

QString timeText(const std::optional<QDateTime> &when)
{
    return when ? QLocale().toString(when->toLocalTime().time(), QLocale::LongFormat) : QString();
}

QString tallyText(const MigrationTally &t)
{
    const QLocale l;
    QStringList parts;
    if (t.completed > 0)
        parts << MigrationWizard::tr("%1 completed").arg(l.toString(t.completed));
    if (t.rolledBack > 0)
        parts << MigrationWizard::tr("%1 rolled back").arg(l.toString(t.rolledBack));
    if (t.cancelled > 0)
        parts << MigrationWizard::tr("%1 cancelled").arg(l.toString(t.cancelled));
    if (t.failed > 0)
        parts << MigrationWizard::tr("%1 failed").arg(l.toString(t.failed));
    if (t.running > 0)
        parts << MigrationWizard::tr("%1 running").arg(l.toString(t.running));
    if (t.scheduled > 0)
        parts << MigrationWizard::tr("%1 scheduled").arg(l.toString(t.scheduled));
    return MigrationWizard::tr("%1 (of %2)")
        .arg(parts.join(QStringLiteral(" · ")), l.toString(t.total));
}

// 1. Where to.
class TargetPage final : public QWizardPage
{
public:
    explicit TargetPage(MigrationWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(MigrationWizard::tr("Choose where to move"));
        m_status = wrapped();
        m_status->setObjectName(QStringLiteral("targetStatus"));
        m_problem = makeProblemLabel(QStringLiteral("targetProblem"));
        m_targets = makeTable(QStringLiteral("targets"),
                              {MigrationWizard::tr("Region"), MigrationWizard::tr("Score"),
                               MigrationWizard::tr("Mean RTT before → after"),
                               MigrationWizard::tr("Faster"), MigrationWizard::tr("Slower")});
        m_targets->setAccessibleName(MigrationWizard::tr("Target regions"));
        auto *targetsLabel = new QLabel(MigrationWizard::tr("&Target region (recommended first):"));
        targetsLabel->setBuddy(m_targets);
        m_groupsTitle = new QLabel;
        m_groups = makePreviewTable(QStringLiteral("previewGroups"));
        m_groupsTitle->setBuddy(m_groups);
        m_summary = wrapped();
        m_summary->setObjectName(QStringLiteral("previewSummary"));
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_status);
        layout->addWidget(m_problem);
        layout->addWidget(targetsLabel);
        layout->addWidget(m_targets, 2);
        layout->addWidget(m_groupsTitle);
        layout->addWidget(m_summary);
        // The places in words beside them on a map.
        m_map = new PreviewMap;
        if (const client::RegionsModel *regions = wizard.services().regions)
            m_map->setRegions(regions->regions());
        auto *preview = new QHBoxLayout;
        preview->addWidget(m_groups, 3);
        preview->addWidget(m_map, 2);
        layout->addLayout(preview, 3);
        connect(m_targets, &QTableWidget::currentCellChanged, this, [this](int row) {
            showTarget(row);
            Q_EMIT completeChanged();
        });
        connect(&wizard.controller(), &MigrationController::targetsReady, this,
                &TargetPage::showTargets);
        connect(&wizard.controller(), &MigrationController::failed, this,
                [this](const QString &message) {
                    if (m_wizard.currentId() != MigrationWizard::TargetPage)
                        return;
                    m_status->setText(MigrationWizard::tr("The regions could not be compared."));
                    m_problem->setText(message);
                    m_problem->show();
                });
    }

    void initializePage() override
    {
        setSubTitle(MigrationWizard::tr("Moving %1. Each region's estimate comes from the "
                                        "control plane's dry run: nothing moves yet.")
                        .arg(m_wizard.subject()));
        m_problem->hide();
        m_targets->setRowCount(0);
        m_groups->setRowCount(0);
        m_map->clear();
        m_groupsTitle->clear();
        m_summary->clear();
        m_status->setText(MigrationWizard::tr("Comparing the regions…"));
        m_wizard.setSelectedTarget({});
        Q_EMIT completeChanged();
        m_wizard.controller().loadTargets();
    }

    bool isComplete() const override
    {
        const MigrationTarget *t = m_wizard.controller().target(m_wizard.selectedTarget());
        return t && t->possible();
    }

private:
    void showTargets()
    {
        const QList<MigrationTarget> &targets = m_wizard.controller().targets();
        const QLocale l;
        m_targets->setRowCount(static_cast<int>(targets.size()));
        for (int row = 0; row < m_targets->rowCount(); ++row) {
            const MigrationTarget &t = targets.at(row);
            QString name = MigrationWizard::tr("%1 (%2)").arg(t.name, t.code);
            if (t.recommended)
                name = MigrationWizard::tr("★ %1 — recommended").arg(name);
            QStringList cells{name, t.score ? l.toString(*t.score, 'f', 1) : QStringLiteral("—"),
                              QString(), QString(), QString()};
            if (t.possible()) {
                cells[2] = MigrationWizard::tr("%1 → %2 ms (%3)")
                               .arg(l.toString(t.preview.meanBeforeMs, 'f', 0),
                                    l.toString(t.preview.meanAfterMs, 'f', 0),
                                    changeText(t.preview.meanBeforeMs, t.preview.meanAfterMs));
                cells[3] = l.toString(t.preview.faster);
                cells[4] = l.toString(t.preview.slower);
            } else {
                cells[2] = MigrationWizard::tr("Not possible: %1").arg(t.problem);
            }
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                if (c > 0)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (t.recommended) {
                    QFont bold = item->font();
                    bold.setBold(true);
                    item->setFont(bold);
                }
                if (!t.possible()) {
                    item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
                    item->setToolTip(t.problem);
                }
                if (c == 2 && t.possible())
                    colourChange(*item, t.preview.meanBeforeMs, t.preview.meanAfterMs);
                m_targets->setItem(row, c, item);
            }
        }
        const bool any = !targets.isEmpty() && targets.constFirst().possible();
        m_status->setText(any ? MigrationWizard::tr("Regions it could move to: %1. Choose one; "
                                                    "who gets faster or slower shows below.")
                                    .arg(l.toString(std::count_if(
                                        targets.cbegin(), targets.cend(),
                                        [](const MigrationTarget &t) { return t.possible(); })))
                              : MigrationWizard::tr("No region can take it now."));
        // Said plainly when it already runs where it is best served.
        const QString best = m_wizard.controller().serverRecommendation();
        const MigrationTarget *home = m_wizard.controller().target(best);
        if (home && !home->possible())
            m_status->setText(m_status->text() + u' ' +
                              MigrationWizard::tr("It already runs in %1, the recommended region "
                                                  "for its members: the others are listed best "
                                                  "first.")
                                  .arg(home->name));
        if (!targets.isEmpty()) {
            m_targets->setCurrentCell(0, 0);
            showTarget(0);
        }
        m_targets->setFocus();
        Q_EMIT completeChanged();
    }

    void showTarget(int row)
    {
        const QList<MigrationTarget> &targets = m_wizard.controller().targets();
        if (row < 0 || row >= targets.size())
            return;
        const MigrationTarget &t = targets.at(row);
        m_wizard.setSelectedTarget(t.code);
        if (!t.possible()) {
            m_groupsTitle->setText(
                MigrationWizard::tr("%1 cannot be chosen: %2").arg(t.name, t.problem));
            m_summary->clear();
            m_groups->setRowCount(0);
            m_map->clear();
            return;
        }
        m_groupsTitle->setText(
            MigrationWizard::tr("&Who gets faster or slower in %1 (members by place):")
                .arg(t.name));
        m_summary->setText(previewSummary(t.preview));
        showPreview(*m_groups, t.preview);
        m_map->showPreview(t.sources, t.code, t.preview);
    }

    MigrationWizard &m_wizard;
    QLabel *m_status;
    QLabel *m_problem;
    QTableWidget *m_targets;
    QLabel *m_groupsTitle;
    QLabel *m_summary;
    QTableWidget *m_groups;
    PreviewMap *m_map;
};

// 2. When (a commit page: the migrations start or are scheduled here).
class WhenPage final : public QWizardPage
{
public:
    explicit WhenPage(MigrationWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(MigrationWizard::tr("When"));
        setCommitPage(true);
        m_text = wrapped();
        m_text->setObjectName(QStringLiteral("whenText"));
        m_now = new QRadioButton(MigrationWizard::tr("&Now"));
        m_now->setObjectName(QStringLiteral("startNow"));
        m_later = new QRadioButton(MigrationWizard::tr("&At a time:"));
        m_later->setObjectName(QStringLiteral("startLater"));
        auto *group = new QButtonGroup(this);
        group->addButton(m_now);
        group->addButton(m_later);
        m_at = new QDateTimeEdit;
        m_at->setObjectName(QStringLiteral("startAt"));
        m_at->setAccessibleName(MigrationWizard::tr("Start at"));
        m_at->setCalendarPopup(true);
        m_at->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat));
        m_error = makeProblemLabel(QStringLiteral("startError"));
        auto *row = new QHBoxLayout;
        row->addWidget(m_later);
        row->addWidget(m_at);
        row->addStretch();
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_text);
        layout->addSpacing(8);
        layout->addWidget(m_now);
        layout->addLayout(row);
        layout->addWidget(m_error);
        layout->addStretch();
        connect(m_later, &QRadioButton::toggled, this, [this](bool on) {
            m_at->setEnabled(on);
            updateButton();
        });
    }

    void initializePage() override
    {
        m_started = false;
        m_error->hide();
        m_now->setChecked(true);
        m_at->setEnabled(false);
        const QDateTime now = QDateTime::currentDateTime();
        m_at->setMinimumDateTime(now.addSecs(60));
        m_at->setDateTime(now.addSecs(3600));
        const QString to = m_wizard.selectedTarget();
        const MigrationTarget *t = m_wizard.controller().target(to);
        setSubTitle(MigrationWizard::tr("Now, or at a time you choose (the control plane "
                                        "starts it then; you can cancel until it does)."));
        m_text->setText(MigrationWizard::tr("Moving %1 to %2 (waddles: %L3). Members are told "
                                            "before their call moves; a step that fails before "
                                            "the waddle's region changes rolls back and nothing "
                                            "is lost. You can cancel until the call starts "
                                            "moving.")
                            .arg(m_wizard.subject(), m_wizard.regionName(to))
                            .arg(t ? t->waddles : 0));
        updateButton();
        m_now->setFocus();
    }

    bool isComplete() const override { return !m_starting; }

    bool validatePage() override
    {
        if (m_started)
            return true;
        if (!m_starting)
            start();
        return false;
    }

private:
    void updateButton()
    {
        setButtonText(QWizard::CommitButton, m_later->isChecked()
                                                 ? MigrationWizard::tr("&Schedule")
                                                 : MigrationWizard::tr("&Migrate"));
    }

    QCoro::Task<> start()
    {
        const QPointer<WhenPage> self(this);
        m_starting = true;
        m_error->hide();
        Q_EMIT completeChanged();
        std::optional<QDateTime> at;
        if (m_later->isChecked())
            at = m_at->dateTime().toUTC();
        const bool ok = co_await m_wizard.controller().start(m_wizard.selectedTarget(), at);
        if (!self)
            co_return;
        m_starting = false;
        Q_EMIT completeChanged();
        if (!ok) {
            m_error->setText(MigrationWizard::tr("The migration did not start: %1")
                                 .arg(m_wizard.controller().lastError()));
            m_error->show();
            co_return;
        }
        m_started = true;
        m_wizard.next();
    }

    MigrationWizard &m_wizard;
    QLabel *m_text;
    QRadioButton *m_now;
    QRadioButton *m_later;
    QDateTimeEdit *m_at;
    QLabel *m_error;
    bool m_starting = false;
    bool m_started = false;
};

// 3. The live steps.
class StepsPage final : public QWizardPage
{
public:
    explicit StepsPage(MigrationWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(MigrationWizard::tr("Progress"));
        m_state = boldLabel(QStringLiteral("migrationState"));
        m_bar = new QProgressBar;
        m_bar->setAccessibleName(MigrationWizard::tr("Migrations finished"));
        m_counts = wrapped();
        m_counts->setObjectName(QStringLiteral("migrationCounts"));
        m_problem = makeProblemLabel(QStringLiteral("migrationProblem"));
        m_list = makeTable(QStringLiteral("migrations"),
                           {MigrationWizard::tr("Waddle"), MigrationWizard::tr("From → to"),
                            MigrationWizard::tr("State")});
        m_list->setAccessibleName(MigrationWizard::tr("Migrations"));
        m_listLabel = new QLabel(MigrationWizard::tr("&Migrations:"));
        m_listLabel->setBuddy(m_list);
        m_steps = makeTable(QStringLiteral("steps"),
                            {MigrationWizard::tr("Step"), MigrationWizard::tr("State"),
                             MigrationWizard::tr("Started"), MigrationWizard::tr("Finished")});
        m_steps->setAccessibleName(MigrationWizard::tr("Steps"));
        m_steps->setRowCount(6);
        m_stepsLabel = new QLabel(MigrationWizard::tr("S&teps:"));
        m_stepsLabel->setBuddy(m_steps);
        m_cancel = new QPushButton(MigrationWizard::tr("&Cancel Migration"));
        m_cancel->setObjectName(QStringLiteral("cancelMigration"));
        m_cancel->setToolTip(MigrationWizard::tr("Possible until the call starts moving"));
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_state);
        layout->addWidget(m_bar);
        layout->addWidget(m_counts);
        layout->addWidget(m_problem);
        layout->addWidget(m_listLabel);
        layout->addWidget(m_list, 1);
        layout->addWidget(m_stepsLabel);
        layout->addWidget(m_steps, 2);
        layout->addWidget(m_cancel, 0, Qt::AlignLeft);
        connect(m_cancel, &QPushButton::clicked, this, [this] { cancel(); });
        connect(m_list, &QTableWidget::currentCellChanged, this, [this](int row) {
            if (row >= 0)
                m_shown = row;
            showSteps();
        });
        connect(&wizard.controller(), &MigrationController::migrationsChanged, this,
                &StepsPage::refresh);
        connect(&wizard.controller(), &MigrationController::failed, this,
                [this](const QString &message) {
                    if (m_wizard.currentId() != MigrationWizard::StepsPage)
                        return;
                    m_problem->setText(message);
                    m_problem->show();
                });
    }

    void initializePage() override { refresh(); }

    bool isComplete() const override
    {
        const MigrationTally t = m_wizard.controller().tally();
        // Scheduled ones are followed from the jobs dock.
        return t.total > 0 && t.finished() + t.scheduled == t.total && !m_busy;
    }

private:
    void refresh()
    {
        const QList<Migration> &migrations = m_wizard.controller().migrations();
        if (migrations.isEmpty()) {
            m_state->setText(MigrationWizard::tr("Loading…"));
            m_cancel->setEnabled(false);
            return;
        }
        const MigrationTally t = m_wizard.controller().tally();
        setSubTitle(MigrationWizard::tr("Moving %1").arg(m_wizard.subject()));
        const bool one = migrations.size() == 1;
        m_state->setText(one                       ? stateText(migrations.constFirst(), m_wizard)
                         : t.finished() == t.total ? MigrationWizard::tr("Finished")
                         : t.scheduled == t.total  ? MigrationWizard::tr("Scheduled")
                                                   : MigrationWizard::tr("Running"));
        m_bar->setRange(0, static_cast<int>(t.total));
        m_bar->setValue(static_cast<int>(t.finished()));
        m_counts->setText(tallyText(t));
        m_counts->setVisible(!one);
        m_list->setVisible(!one);
        m_listLabel->setVisible(!one);
        m_list->setRowCount(static_cast<int>(migrations.size()));
        for (int row = 0; row < m_list->rowCount(); ++row) {
            const Migration &m = migrations.at(row);
            const QStringList cells{m.waddleId, MigrationWizard::tr("%1 → %2").arg(m.from, m.to),
                                    stateText(m, m_wizard)};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                if (m.state == MigrationState::RolledBack || m.state == MigrationState::Failed)
                    item->setBackground(QColor(213, 94, 0, 60));
                m_list->setItem(row, c, item);
            }
        }
        // The reasons of rollbacks, plainly.
        QStringList problems;
        for (const Migration &m : migrations) {
            if (m.error.isEmpty())
                continue;
            const QString reason = m.state == MigrationState::RolledBack
                                       ? MigrationWizard::tr("Rolled back because: %1")
                                       : MigrationWizard::tr("Problem: %1");
            problems << (one ? reason.arg(m.error)
                             : MigrationWizard::tr("%1: %2").arg(m.waddleId, reason.arg(m.error)));
        }
        m_problem->setText(problems.join(u'\n'));
        m_problem->setVisible(!problems.isEmpty());
        showSteps();
        applyPermission(m_cancel, m_wizard.services().session, Action::CancelMigration,
                        !m_busy && m_wizard.controller().canCancel());
        Q_EMIT completeChanged();
    }

    void showSteps()
    {
        const QList<Migration> &migrations = m_wizard.controller().migrations();
        if (migrations.isEmpty())
            return;
        const Migration &m =
            migrations.at(std::clamp<qsizetype>(m_shown, 0, migrations.size() - 1));
        m_stepsLabel->setText(migrations.size() == 1
                                  ? MigrationWizard::tr("S&teps:")
                                  : MigrationWizard::tr("S&teps of %1:").arg(m.waddleId));
        for (int row = 0; row < m.steps.size() && row < m_steps->rowCount(); ++row) {
            const MigrationStep &step = m.steps.at(row);
            const QStringList cells{stepText(step.name), stepStateText(step.state),
                                    timeText(step.startedAt), timeText(step.finishedAt)};
            for (int c = 0; c < cells.size(); ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                if (step.state == StepState::Failed)
                    item->setBackground(QColor(213, 94, 0, 60));
                item->setToolTip(step.error.isEmpty() ? cells.at(c) : step.error);
                m_steps->setItem(row, c, item);
            }
        }
    }

    QCoro::Task<> cancel()
    {
        const QPointer<StepsPage> self(this);
        m_busy = true;
        m_cancel->setEnabled(false);
        m_problem->hide();
        Q_EMIT completeChanged();
        const bool ok = co_await m_wizard.controller().cancel();
        if (!self)
            co_return;
        m_busy = false;
        refresh();
        if (!ok) {
            m_problem->setText(
                MigrationWizard::tr("Not cancelled: %1").arg(m_wizard.controller().lastError()));
            m_problem->show();
        }
    }

    MigrationWizard &m_wizard;
    QLabel *m_state;
    QProgressBar *m_bar;
    QLabel *m_counts;
    QLabel *m_problem;
    QLabel *m_listLabel;
    QTableWidget *m_list;
    QLabel *m_stepsLabel;
    QTableWidget *m_steps;
    QPushButton *m_cancel;
    qsizetype m_shown = 0;
    bool m_busy = false;
};

// 4. Summary.
class SummaryPage final : public QWizardPage
{
public:
    explicit SummaryPage(MigrationWizard &wizard)
        : m_wizard(wizard)
    {
        setTitle(MigrationWizard::tr("Summary"));
        setFinalPage(true);
        m_state = boldLabel(QStringLiteral("summaryState"));
        m_details = wrapped();
        m_details->setObjectName(QStringLiteral("summaryDetails"));
        auto *layout = new QVBoxLayout(this);
        layout->addWidget(m_state);
        layout->addWidget(m_details);
        layout->addStretch();
    }

    void initializePage() override
    {
        const MigrationController &c = m_wizard.controller();
        const MigrationTally t = c.tally();
        const QList<Migration> &migrations = c.migrations();
        m_state->setText(migrations.size() == 1 ? stateText(migrations.constFirst(), m_wizard)
                                                : tallyText(t));
        QStringList lines;
        for (const Migration &m : migrations) {
            if (m.state == MigrationState::RolledBack || m.state == MigrationState::Failed)
                lines << MigrationWizard::tr("%1 stayed in %2: %3")
                             .arg(m.waddleId, m_wizard.regionName(m.from), m.error);
        }
        if (t.scheduled > 0)
            lines << MigrationWizard::tr("Scheduled migrations run at their time; follow them "
                                         "in the Jobs dock.");
        if (t.completed > 0)
            lines << MigrationWizard::tr("Members of the moved waddles were told; their next "
                                         "call connects to the new region.");
        m_details->setText(lines.join(u'\n'));
    }

private:
    MigrationWizard &m_wizard;
    QLabel *m_state;
    QLabel *m_details;
};

} // namespace

MigrationWizard::MigrationWizard(const Services &services, QWidget *parent)
    : QWizard(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("migrationWizard"));
    setWindowTitle(tr("Migrate"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    // Leaving the wizard never cancels a started migration: "Close".
    setButtonText(QWizard::CancelButton, tr("Close"));
    client::JobsModel *jobs = services.jobs;
    if (!jobs) {
        m_ownJobs = std::make_unique<client::JobsModel>(*services.api);
        m_ownJobs->setLiveEvents(services.events);
        jobs = m_ownJobs.get();
    }
    m_controller = new MigrationController(*services.api, *jobs, this);
    setPage(TargetPage, new class TargetPage(*this));
    setPage(WhenPage, new class WhenPage(*this));
    setPage(StepsPage, new class StepsPage(*this));
    setPage(SummaryPage, new class SummaryPage(*this));
    resize(860, 680);
}

MigrationWizard::~MigrationWizard() = default;

void MigrationWizard::setWaddles(const QStringList &ids)
{
    m_controller->setWaddles(ids);
    setWindowTitle(ids.size() == 1 ? tr("Migrate %1").arg(ids.constFirst())
                                   : tr("Migrate Waddles"));
}

void MigrationWizard::setDrain(const QString &region)
{
    m_controller->setDrain(region);
    setWindowTitle(tr("Drain %1").arg(regionName(region)));
}

void MigrationWizard::openJob(const QString &id)
{
    setStartId(StepsPage);
    setWindowTitle(tr("Migration"));
    m_controller->open(id);
}

QString MigrationWizard::regionName(const QString &code) const
{
    const client::RegionsModel *regions = m_services.regions;
    const Region *region = regions ? regions->region(regions->rowOf(code)) : nullptr;
    return region ? region->name : m_controller->regionName(code);
}

QString MigrationWizard::subject() const
{
    if (!m_controller->drainRegion().isEmpty())
        return tr("every waddle on %1").arg(regionName(m_controller->drainRegion()));
    const QStringList ids = m_controller->waddleIds();
    if (ids.size() == 1)
        return tr("waddle %1").arg(ids.constFirst());
    return tr("%L1 waddles").arg(ids.size());
}

} // namespace waddle::ui
