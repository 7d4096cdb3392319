#include "regionmanagementdialog.h"

#include "client/regionadmincontroller.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "client/units.h"
#include "problemlabel.h"
#include "ui/common/permissions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace waddle::ui {

using namespace waddle::domain;
using client::RegionAdminController;
using client::RegionsModel;

namespace {

constexpr int kCodeRole = Qt::UserRole + 1;

// "us-east → eu-west", or "no region".
QString failoverText(const Region &region)
{
    return region.failoverRegions.isEmpty() ? RegionManagementDialog::tr("no region")
                                            : region.failoverRegions.join(QStringLiteral(" → "));
}

} // namespace

RegionManagementDialog::RegionManagementDialog(const Services &services, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
{
    setObjectName(QStringLiteral("regionManagementDialog"));
    setWindowTitle(tr("Manage Regions"));
    m_controller = new RegionAdminController(*services.api, this);
    if (services.session) {
        connect(services.session, &client::Session::permissionsChanged, this,
                &RegionManagementDialog::updateButtons);
    }

    // Left: every region, live.
    m_regions = new QTableView;
    m_regions->setObjectName(QStringLiteral("managedRegions"));
    m_regions->setAccessibleName(tr("Regions"));
    m_regions->setModel(services.regions);
    m_regions->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_regions->setSelectionMode(QAbstractItemView::SingleSelection);
    m_regions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_regions->verticalHeader()->hide();
    for (int c = 0; c < RegionsModel::ColumnCount; ++c) {
        m_regions->setColumnHidden(c, c != RegionsModel::NameColumn &&
                                          c != RegionsModel::StatusColumn &&
                                          c != RegionsModel::LoadColumn);
    }
    m_regions->horizontalHeader()->setSectionResizeMode(RegionsModel::NameColumn,
                                                        QHeaderView::Stretch);
    m_regions->horizontalHeader()->setSectionResizeMode(RegionsModel::StatusColumn,
                                                        QHeaderView::ResizeToContents);
    m_regions->horizontalHeader()->setSectionResizeMode(RegionsModel::LoadColumn,
                                                        QHeaderView::ResizeToContents);
    auto *regionsLabel = new QLabel(tr("&Regions:"));
    regionsLabel->setBuddy(m_regions);
    connect(m_regions->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (const Region *r = m_services.regions->region(current.row());
                    r && r->code != m_code)
                    openRegion(r->code);
            });

    // Right: the chosen region.
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("managedRegionTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_state = new QLabel;
    m_state->setObjectName(QStringLiteral("managedRegionState"));
    m_state->setWordWrap(true);
    m_problem = makeProblemLabel(QStringLiteral("regionProblem"));
    m_conflict = makeProblemLabel(QStringLiteral("regionConflict"));
    m_reload = new QPushButton(tr("Re&load Theirs"));
    m_reload->setObjectName(QStringLiteral("reloadRegion"));
    m_saveOver = new QPushButton(tr("Save &Mine over Theirs"));
    m_saveOver->setObjectName(QStringLiteral("saveRegionOver"));
    auto *conflictButtons = new QHBoxLayout;
    conflictButtons->addWidget(m_reload);
    conflictButtons->addWidget(m_saveOver);
    conflictButtons->addStretch();

    auto *healthBox = new QGroupBox(tr("Health"));
    m_health = new QLabel(tr("Not checked from here yet."));
    m_health->setObjectName(QStringLiteral("checkResult"));
    m_health->setWordWrap(true);
    m_check = new QPushButton(tr("&Check Now"));
    m_check->setObjectName(QStringLiteral("checkRegionNow"));
    m_check->setToolTip(tr("Ask the control plane to check this region's health at once"));
    auto *healthLayout = new QHBoxLayout(healthBox);
    healthLayout->addWidget(m_health, 1);
    healthLayout->addWidget(m_check);

    auto *maintenanceBox = new QGroupBox(tr("Maintenance"));
    m_drain = new QCheckBox(tr("&Drain: migrate its waddles to other regions"));
    m_drain->setObjectName(QStringLiteral("drainOnMaintenance"));
    m_drain->setToolTip(tr("Every waddle of the region migrates away (followed in the jobs "
                           "dock); without it, waddles stay and only new sessions go elsewhere"));
    m_maintenance = new QPushButton;
    m_maintenance->setObjectName(QStringLiteral("toggleMaintenance"));
    auto *maintenanceLayout = new QHBoxLayout(maintenanceBox);
    maintenanceLayout->addWidget(m_drain, 1);
    maintenanceLayout->addWidget(m_maintenance);

    auto *settingsBox = new QGroupBox(tr("Placement settings"));
    m_priority = new QSpinBox;
    m_priority->setObjectName(QStringLiteral("regionPriority"));
    m_priority->setRange(0, 1000);
    m_priority->setToolTip(tr("Lower is preferred: the nearest-region score adds 10 × priority"));
    m_failover = new QListWidget;
    m_failover->setObjectName(QStringLiteral("failoverList"));
    m_failover->setAccessibleName(tr("Failover regions, in order"));
    m_addChoice = new QComboBox;
    m_addChoice->setObjectName(QStringLiteral("failoverChoice"));
    m_addChoice->setAccessibleName(tr("Region to add to the failover list"));
    m_add = new QPushButton(tr("&Add"));
    m_add->setObjectName(QStringLiteral("addFailover"));
    m_remove = new QPushButton(tr("R&emove"));
    m_remove->setObjectName(QStringLiteral("removeFailover"));
    m_up = new QPushButton(tr("Move &Up"));
    m_up->setObjectName(QStringLiteral("failoverUp"));
    m_down = new QPushButton(tr("Move Do&wn"));
    m_down->setObjectName(QStringLiteral("failoverDown"));
    auto *listButtons = new QVBoxLayout;
    listButtons->addWidget(m_up);
    listButtons->addWidget(m_down);
    listButtons->addWidget(m_remove);
    listButtons->addStretch();
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_failover, 1);
    listRow->addLayout(listButtons);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addChoice, 1);
    addRow->addWidget(m_add);
    auto *form = new QFormLayout(settingsBox);
    form->addRow(tr("&Priority:"), m_priority);
    auto *failoverLabel = new QLabel(tr("&Failover regions (tried in order):"));
    failoverLabel->setBuddy(m_failover);
    form->addRow(failoverLabel);
    form->addRow(listRow);
    form->addRow(addRow);
    m_save = new QPushButton(tr("&Save Settings"));
    m_save->setObjectName(QStringLiteral("saveRegionSettings"));
    m_save->setDefault(true);
    m_revert = new QPushButton(tr("Re&vert"));
    m_revert->setObjectName(QStringLiteral("revertRegionSettings"));
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_revert);
    saveRow->addWidget(m_save);
    form->addRow(saveRow);

    auto *right = new QVBoxLayout;
    right->addWidget(m_title);
    right->addWidget(m_state);
    right->addWidget(m_problem);
    right->addWidget(m_conflict);
    right->addLayout(conflictButtons);
    right->addWidget(healthBox);
    right->addWidget(maintenanceBox);
    right->addWidget(settingsBox, 1);

    auto *left = new QVBoxLayout;
    left->addWidget(regionsLabel);
    left->addWidget(m_regions, 1);
    auto *body = new QHBoxLayout;
    body->addLayout(left, 2);
    body->addLayout(right, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);

    // Actions.
    connect(m_check, &QPushButton::clicked, this, [this] { m_controller->checkNow(); });
    connect(m_maintenance, &QPushButton::clicked, this, [this] {
        const auto region = m_controller->region();
        if (!region)
            return;
        const bool on = region->status != RegionStatus::Maintenance;
        m_controller->setMaintenance(on, on && m_drain->isChecked());
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        const QString code = m_addChoice->currentData().toString();
        if (code.isEmpty())
            return;
        auto *item = new QListWidgetItem(nameOf(code), m_failover);
        item->setData(kCodeRole, code);
        m_failover->setCurrentItem(item);
        refreshFailoverChoices();
        updateButtons();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        delete m_failover->takeItem(m_failover->currentRow());
        refreshFailoverChoices();
        updateButtons();
    });
    connect(m_up, &QPushButton::clicked, this, [this] { moveFailover(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveFailover(+1); });
    connect(m_failover, &QListWidget::currentRowChanged, this, [this] { updateButtons(); });
    connect(m_priority, &QSpinBox::valueChanged, this, [this] { updateButtons(); });
    connect(m_save, &QPushButton::clicked, this, [this] { m_controller->save(formSettings()); });
    connect(m_revert, &QPushButton::clicked, this, [this] {
        if (const auto region = m_controller->region())
            showRegion(*region);
    });
    connect(m_reload, &QPushButton::clicked, this, [this] { m_controller->open(m_code); });
    connect(m_saveOver, &QPushButton::clicked, this,
            [this] { m_controller->saveOver(formSettings()); });

    // What the controller says.
    connect(m_controller, &RegionAdminController::loaded, this, [this](const Region &region) {
        m_problem->hide();
        showRegion(region);
    });
    connect(m_controller, &RegionAdminController::saved, this, [this](const Region &region) {
        m_problem->hide();
        showRegion(region);
        m_state->setText(tr("Saved: priority %1, failover to %2 (version %3).")
                             .arg(region.priority)
                             .arg(failoverText(region))
                             .arg(region.version));
    });
    connect(m_controller, &RegionAdminController::conflicted, this,
            &RegionManagementDialog::showConflict);
    connect(m_controller, &RegionAdminController::maintenanceSet, this,
            [this](const Region &region) {
                m_problem->hide();
                const bool drained = m_drain->isChecked();
                showRegion(region);
                const bool on = region.status == RegionStatus::Maintenance;
                m_state->setText(
                    on ? (drained ? tr("In maintenance; its waddles are migrating away (see Jobs).")
                                  : tr("In maintenance: it takes no new sessions."))
                       : tr("Out of maintenance: its status follows the next health checks."));
            });
    connect(
        m_controller, &RegionAdminController::checked, this, [this](const RegionHealth &health) {
            m_problem->hide();
            m_health->setText(tr("%1 — score %2, p99 %3, errors %4, checked %5")
                                  .arg(RegionsModel::statusText(health.status),
                                       QString::number(health.score, 'f', 0),
                                       client::formatMilliseconds(health.reading.p99Ms),
                                       client::formatPercentValue(health.reading.errorRatePercent),
                                       QLocale().toString(health.checkedAt.toLocalTime().time(),
                                                          QLocale::ShortFormat)));
        });
    connect(m_controller, &RegionAdminController::failed, this,
            &RegionManagementDialog::showProblem);
    connect(m_controller, &RegionAdminController::busyChanged, this, [this] { updateButtons(); });

    resize(900, 640);
    updateButtons();
    if (services.regions && services.regions->rowCount() > 0)
        m_regions->selectRow(0);
}

RegionManagementDialog::~RegionManagementDialog() = default;

void RegionManagementDialog::openRegion(const QString &code)
{
    m_code = code;
    for (int row = 0; row < m_services.regions->rowCount(); ++row) {
        const Region *r = m_services.regions->region(row);
        if (r && r->code == code && m_regions->currentIndex().row() != row) {
            m_regions->selectRow(row);
            break;
        }
    }
    m_health->setText(tr("Not checked from here yet."));
    m_state->clear();
    m_controller->open(code);
    updateButtons();
}

QString RegionManagementDialog::nameOf(const QString &code) const
{
    const QString name = m_services.regions->regionName(code);
    return name == code ? code : tr("%1 (%2)").arg(name, code);
}

void RegionManagementDialog::showRegion(const Region &region)
{
    m_loading = true;
    m_code = region.code;
    m_conflict->hide();
    m_title->setText(
        tr("<b>%1</b> (%2)").arg(region.name.toHtmlEscaped(), region.code.toHtmlEscaped()));
    m_state->setText(tr("Status: %1 · capacity %2 of %3 · settings version %4")
                         .arg(RegionsModel::statusText(region.status))
                         .arg(QLocale().toString(region.capacity.current),
                              QLocale().toString(region.capacity.maximum))
                         .arg(region.version));
    m_priority->setValue(region.priority);
    m_failover->clear();
    for (const QString &code : region.failoverRegions) {
        auto *item = new QListWidgetItem(nameOf(code), m_failover);
        item->setData(kCodeRole, code);
    }
    const bool maintenance = region.status == RegionStatus::Maintenance;
    m_maintenance->setText(maintenance ? tr("&End Maintenance") : tr("Start &Maintenance"));
    m_drain->setChecked(false);
    refreshFailoverChoices();
    m_loading = false;
    updateButtons();
}

void RegionManagementDialog::showConflict(const Region &theirs)
{
    m_conflict->setText(
        tr("Someone else saved this region first (now version %1: priority %2, failover to "
           "%3). Reload theirs, or save yours over it.")
            .arg(theirs.version)
            .arg(theirs.priority)
            .arg(failoverText(theirs)));
    m_conflict->show();
    updateButtons();
}

void RegionManagementDialog::showProblem(const QString &message)
{
    m_problem->setText(message);
    m_problem->show();
    updateButtons();
}

RegionSettings RegionManagementDialog::formSettings() const
{
    RegionSettings settings;
    settings.priority = m_priority->value();
    QStringList codes;
    for (int i = 0; i < m_failover->count(); ++i)
        codes.append(m_failover->item(i)->data(kCodeRole).toString());
    settings.failoverRegions = codes;
    return settings;
}

bool RegionManagementDialog::formDiffers() const
{
    const auto region = m_controller->region();
    if (!region)
        return false;
    const RegionSettings form = formSettings();
    return form.priority != region->priority || form.failoverRegions != region->failoverRegions;
}

void RegionManagementDialog::refreshFailoverChoices()
{
    QStringList listed;
    for (int i = 0; i < m_failover->count(); ++i)
        listed.append(m_failover->item(i)->data(kCodeRole).toString());
    m_addChoice->clear();
    for (const Region &r : m_services.regions->regions()) {
        if (r.code != m_code && !listed.contains(r.code))
            m_addChoice->addItem(nameOf(r.code), r.code);
    }
}

void RegionManagementDialog::moveFailover(int by)
{
    const int row = m_failover->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_failover->count())
        return;
    QListWidgetItem *item = m_failover->takeItem(row);
    m_failover->insertItem(to, item);
    m_failover->setCurrentRow(to);
    updateButtons();
}

void RegionManagementDialog::updateButtons()
{
    if (m_loading)
        return;
    const bool ready = m_controller->region().has_value() && !m_controller->isBusy();
    const bool conflict = m_controller->conflict().has_value();
    const int row = m_failover->currentRow();
    // Every change here is an operator's (the server's Access::Operator);
    // a read-only key sees the region with the controls disabled.
    const client::Session *session = m_services.session;
    const auto gate = [session](QWidget *w, bool wanted, Action action = Action::ManageRegions) {
        applyPermission(w, session, action, wanted);
    };
    gate(m_check, ready);
    gate(m_maintenance, ready);
    const auto region = m_controller->region();
    gate(m_drain, ready && region && region->status != RegionStatus::Maintenance,
         Action::DrainRegion);
    gate(m_priority, ready);
    gate(m_failover, ready);
    gate(m_addChoice, ready && m_addChoice->count() > 0);
    gate(m_add, ready && m_addChoice->count() > 0);
    gate(m_remove, ready && row >= 0);
    gate(m_up, ready && row > 0);
    gate(m_down, ready && row >= 0 && row + 1 < m_failover->count());
    gate(m_save, ready && !conflict && formDiffers());
    m_revert->setEnabled(ready && formDiffers());
    m_reload->setVisible(conflict);
    m_saveOver->setVisible(conflict);
    m_reload->setEnabled(ready);
    gate(m_saveOver, ready);
}

} // namespace waddle::ui
