#include "alertspanel.h"

#include "analyticsscreen.h"
#include "client/alertrulescontroller.h"
#include "client/apierror.h"
#include "client/custommetricscontroller.h"
#include "client/session.h"
#include "ui/common/permissions.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace waddle::ui {

using client::AlertDefinition;
using domain::AlertCondition;
using domain::Severity;

namespace {

const QStringList kAlertSeverities{QStringLiteral("low"), QStringLiteral("medium"),
                                   QStringLiteral("high"), QStringLiteral("critical")};

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return AlertsPanel::tr("Info");
    case Severity::Low:
        return AlertsPanel::tr("Low");
    case Severity::Medium:
        return AlertsPanel::tr("Medium");
    case Severity::Warning:
        return AlertsPanel::tr("Warning");
    case Severity::High:
        return AlertsPanel::tr("High");
    case Severity::Critical:
        return AlertsPanel::tr("Critical");
    }
    return {};
}

QString statusText(domain::TriggerStatus status)
{
    switch (status) {
    case domain::TriggerStatus::Triggered:
        return AlertsPanel::tr("Firing");
    case domain::TriggerStatus::Resolved:
        return AlertsPanel::tr("Resolved");
    case domain::TriggerStatus::Acknowledged:
        return AlertsPanel::tr("Acknowledged");
    }
    return {};
}

QString localTime(const QDateTime &time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QTreeWidget *makeList(const QStringList &headers, const QString &name)
{
    auto *list = new QTreeWidget;
    list->setAccessibleName(name);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setAllColumnsShowFocus(true);
    list->header()->setStretchLastSection(true);
    return list;
}

} // namespace

QString conditionSymbol(AlertCondition condition)
{
    switch (condition) {
    case AlertCondition::Gt:
        return QStringLiteral(">");
    case AlertCondition::Gte:
        return QStringLiteral("≥");
    case AlertCondition::Lt:
        return QStringLiteral("<");
    case AlertCondition::Lte:
        return QStringLiteral("≤");
    case AlertCondition::Eq:
        return QStringLiteral("=");
    }
    return {};
}

AlertsPanel::AlertsPanel(client::AlertRulesController &controller,
                         const client::CustomMetricsController *metrics, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_metrics(metrics)
{
    setAccessibleName(tr("Alerts"));
    m_tabs = new QTabWidget;

    // --- Rules: the list and the form ----------------------------------
    auto *rulesPage = new QSplitter(Qt::Horizontal);
    rulesPage->setChildrenCollapsible(false);
    auto *listBox = new QWidget;
    auto *listLayout = new QVBoxLayout(listBox);
    m_rules =
        makeList({tr("On"), tr("Name"), tr("Rule"), tr("Severity"), tr("Fired"), tr("Last fired")},
                 tr("Alert rules"));
    listLayout->addWidget(m_rules, 1);
    auto *listButtons = new QHBoxLayout;
    m_new = new QPushButton(tr("&New alert"));
    m_new->setObjectName(QStringLiteral("newAlert"));
    m_edit = new QPushButton(tr("&Edit"));
    m_delete = new QPushButton(tr("De&lete…"));
    m_check = new QPushButton(tr("Chec&k now"));
    m_check->setToolTip(tr("Evaluate every alert of the project at once"));
    for (QPushButton *button : {m_new, m_edit, m_delete, m_check})
        listButtons->addWidget(button);
    listButtons->addStretch(1);
    listLayout->addLayout(listButtons);
    rulesPage->addWidget(listBox);

    auto *formBox = new QGroupBox;
    auto *formOuter = new QVBoxLayout(formBox);
    m_formTitle = new QLabel;
    QFont bold = m_formTitle->font();
    bold.setBold(true);
    m_formTitle->setFont(bold);
    formOuter->addWidget(m_formTitle);
    auto *form = new QFormLayout;
    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("e.g. Egress over budget"));
    m_metric = new QComboBox;
    m_condition = new QComboBox;
    for (const auto &[condition, name] : domain::kAlertConditionNames)
        m_condition->addItem(conditionSymbol(condition), QString(name));
    m_condition->setAccessibleName(tr("Condition"));
    m_threshold = new QDoubleSpinBox;
    m_threshold->setRange(-1e12, 1e12);
    m_threshold->setDecimals(3);
    m_threshold->setAccessibleName(tr("Threshold"));
    auto *rule = new QHBoxLayout;
    rule->addWidget(m_condition);
    rule->addWidget(m_threshold, 1);
    m_duration = new QSpinBox;
    m_duration->setRange(0, domain::kMaxAlertDurationMinutes);
    m_duration->setSuffix(tr(" min"));
    m_duration->setSpecialValueText(tr("at once"));
    m_severity = new QComboBox;
    for (const QString &name : kAlertSeverities)
        m_severity->addItem(severityText(*domain::severityFromString(name)), name);
    m_severity->setCurrentIndex(1);
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("&Based on metric:"), m_metric);
    auto *ruleLabel = new QLabel(tr("When the val&ue is:"));
    ruleLabel->setBuddy(m_condition);
    form->addRow(ruleLabel, rule);
    form->addRow(tr("Lasting at least:"), m_duration);
    form->addRow(tr("Severit&y:"), m_severity);
    auto *channels = new QHBoxLayout;
    for (const QString &channel : domain::alertChannelNames()) {
        auto *box = new QCheckBox(channel == QLatin1String("email")     ? tr("E-mail")
                                  : channel == QLatin1String("webhook") ? tr("Webhook")
                                  : channel == QLatin1String("slack")   ? tr("Slack")
                                                                        : tr("Desktop"));
        box->setProperty("channel", channel);
        m_channels.append(box);
        channels->addWidget(box);
    }
    channels->addStretch(1);
    form->addRow(tr("Notify by:"), channels);
    m_webhookUrl = new QLineEdit;
    m_webhookUrl->setPlaceholderText(QStringLiteral("https://example.org/hooks/waddle"));
    m_webhookSecret = new QLineEdit;
    m_webhookSecret->setEchoMode(QLineEdit::Password);
    m_webhookSecret->setPlaceholderText(tr("signs each delivery (HMAC-SHA256)"));
    m_slackUrl = new QLineEdit;
    m_slackUrl->setPlaceholderText(QStringLiteral("https://hooks.slack.com/services/…"));
    m_email = new QLineEdit;
    m_email->setPlaceholderText(tr("ops@example.org"));
    form->addRow(tr("Webhook URL:"), m_webhookUrl);
    form->addRow(tr("Webhook secret:"), m_webhookSecret);
    form->addRow(tr("Slack URL:"), m_slackUrl);
    form->addRow(tr("E-mail to:"), m_email);
    formOuter->addLayout(form);
    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("formProblem"));
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Form problem"));
    formOuter->addWidget(m_problem);
    auto *formButtons = new QHBoxLayout;
    formButtons->addStretch(1);
    m_save = new QPushButton(tr("&Save alert"));
    m_save->setDefault(true);
    formButtons->addWidget(m_save);
    formOuter->addLayout(formButtons);
    formOuter->addStretch(1);
    rulesPage->addWidget(formBox);
    rulesPage->setStretchFactor(0, 3);
    rulesPage->setStretchFactor(1, 2);
    m_tabs->addTab(rulesPage, tr("&Rules"));

    // --- Triggers timeline ---------------------------------------------
    auto *triggersPage = new QWidget;
    auto *triggersLayout = new QVBoxLayout(triggersPage);
    m_timeline = makeList({tr("Fired"), tr("Alert"), tr("Value"), tr("Threshold"), tr("Severity"),
                           tr("Status"), tr("Message")},
                          tr("Triggers, newest first"));
    triggersLayout->addWidget(m_timeline, 1);
    auto *triggerButtons = new QHBoxLayout;
    m_acknowledge = new QPushButton(tr("Ac&knowledge"));
    triggerButtons->addWidget(m_acknowledge);
    triggerButtons->addStretch(1);
    triggersLayout->addLayout(triggerButtons);
    m_tabs->addTab(triggersPage, tr("Tri&ggers"));

    // --- Silences ------------------------------------------------------
    auto *silencesPage = new QWidget;
    auto *silencesLayout = new QVBoxLayout(silencesPage);
    m_silences =
        makeList({tr("Until"), tr("Alert"), tr("Severity"), tr("Comment")}, tr("Silences"));
    silencesLayout->addWidget(m_silences, 1);
    auto *silenceForm = new QHBoxLayout;
    m_silenceSeverity = new QComboBox;
    m_silenceSeverity->setAccessibleName(tr("Silence severity"));
    m_silenceSeverity->addItem(tr("Any severity"), QString());
    for (const QString &name : kAlertSeverities)
        m_silenceSeverity->addItem(severityText(*domain::severityFromString(name)), name);
    m_silenceUntil = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600));
    m_silenceUntil->setCalendarPopup(true);
    m_silenceUntil->setAccessibleName(tr("Silence until"));
    m_silenceComment = new QLineEdit;
    m_silenceComment->setPlaceholderText(tr("why (required)"));
    m_silenceComment->setAccessibleName(tr("Silence comment"));
    m_addSilence = new QPushButton(tr("&Silence"));
    m_addSilence->setObjectName(QStringLiteral("addSilence"));
    m_removeSilence = new QPushButton(tr("&End silence"));
    auto *untilLabel = new QLabel(tr("&until"));
    untilLabel->setBuddy(m_silenceUntil);
    silenceForm->addWidget(m_silenceSeverity);
    silenceForm->addWidget(untilLabel);
    silenceForm->addWidget(m_silenceUntil);
    silenceForm->addWidget(m_silenceComment, 1);
    silenceForm->addWidget(m_addSilence);
    silenceForm->addWidget(m_removeSilence);
    silencesLayout->addLayout(silenceForm);
    m_tabs->addTab(silencesPage, tr("S&ilences"));

    m_status = new QLabel;
    m_status->setWordWrap(true);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 10, 12, 10);
    outer->addWidget(m_tabs, 1);
    outer->addWidget(m_status);

    // --- Wiring ----------------------------------------------------------
    connect(m_new, &QPushButton::clicked, this, [this] {
        edit({});
        m_name->setFocus();
    });
    connect(m_edit, &QPushButton::clicked, this, &AlertsPanel::editSelected);
    connect(m_rules, &QTreeWidget::itemActivated, this, &AlertsPanel::editSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem *item = m_rules->currentItem();
        if (!item)
            return;
        if (QMessageBox::question(this, tr("Delete alert"),
                                  tr("Delete the alert \"%1\"?").arg(item->text(1))) ==
            QMessageBox::Yes)
            m_controller.remove(item->data(0, Qt::UserRole).toString());
    });
    connect(m_check, &QPushButton::clicked, this, [this] {
        m_status->setText(tr("Checking…"));
        m_controller.checkNow();
    });
    connect(m_rules, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item, int column) {
        if (m_filling || column != 0)
            return;
        if (!allows(m_session, domain::Action::EditAlertRules)) {
            // A read-only key cannot switch a rule on or off: put it back.
            m_filling = true;
            item->setCheckState(0,
                                item->checkState(0) == Qt::Checked ? Qt::Unchecked : Qt::Checked);
            m_filling = false;
            m_status->setText(m_session->whyNot(domain::Action::EditAlertRules));
            return;
        }
        m_controller.setEnabled(item->data(0, Qt::UserRole).toString(),
                                item->checkState(0) == Qt::Checked);
    });
    connect(m_save, &QPushButton::clicked, this, &AlertsPanel::save);
    for (QLineEdit *edit : {m_name, m_webhookUrl, m_webhookSecret, m_slackUrl, m_email})
        connect(edit, &QLineEdit::textChanged, this, &AlertsPanel::validate);
    for (QComboBox *box : {m_metric, m_condition, m_severity})
        connect(box, &QComboBox::currentIndexChanged, this, &AlertsPanel::validate);
    connect(m_metric, &QComboBox::editTextChanged, this, &AlertsPanel::validate);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &AlertsPanel::validate);
    connect(m_duration, &QSpinBox::valueChanged, this, &AlertsPanel::validate);
    for (QCheckBox *box : std::as_const(m_channels))
        connect(box, &QCheckBox::toggled, this, &AlertsPanel::validate);
    connect(m_acknowledge, &QPushButton::clicked, this, &AlertsPanel::acknowledgeSelected);
    connect(m_timeline, &QTreeWidget::currentItemChanged, this, [this] {
        const QTreeWidgetItem *item = m_timeline->currentItem();
        applyPermission(m_acknowledge, m_session, domain::Action::AcknowledgeTrigger,
                        item && item->data(5, Qt::UserRole).toBool());
    });
    connect(m_addSilence, &QPushButton::clicked, this, &AlertsPanel::addSilence);
    connect(m_removeSilence, &QPushButton::clicked, this, [this] {
        if (const QTreeWidgetItem *item = m_silences->currentItem())
            m_controller.removeSilence(item->data(0, Qt::UserRole).toString());
    });

    using client::AlertRulesController;
    connect(&m_controller, &AlertRulesController::alertsChanged, this, &AlertsPanel::fillRules);
    connect(&m_controller, &AlertRulesController::triggersChanged, this,
            &AlertsPanel::fillTimeline);
    connect(&m_controller, &AlertRulesController::silencesChanged, this,
            &AlertsPanel::fillSilences);
    connect(&m_controller, &AlertRulesController::saved, this,
            [this](const AlertDefinition &saved) {
                m_status->setText(tr("Saved \"%1\".").arg(saved.alert.name));
                if (saved.alert.id == m_editingId || m_editingId.isEmpty())
                    edit({});
            });
    connect(&m_controller, &AlertRulesController::removed, this,
            [this] { m_status->setText(tr("Alert deleted.")); });
    connect(&m_controller, &AlertRulesController::checked, this,
            [this](const QList<domain::AlertTrigger> &fired) {
                m_status->setText(
                    tr("Checked: %n alert(s) fired.", nullptr, static_cast<int>(fired.size())));
            });
    connect(&m_controller, &AlertRulesController::acknowledged, this,
            [this] { m_status->setText(tr("Trigger acknowledged.")); });
    connect(&m_controller, &AlertRulesController::refused, this, &AlertsPanel::onRefused);
    connect(&m_controller, &AlertRulesController::failed, this,
            [this](const client::ApiError &error) {
                m_status->setText(tr("Could not load the alerts: %1").arg(error.message));
            });
    if (m_metrics) {
        connect(m_metrics, &client::CustomMetricsController::metricsChanged, this,
                &AlertsPanel::fillMetrics);
    }

    fillMetrics();
    fillRules(m_controller.alerts());
    fillTimeline(m_controller.triggers());
    fillSilences(m_controller.silences());
    edit({});
}

AlertsPanel::~AlertsPanel() = default;

QCheckBox *AlertsPanel::channelBox(const QString &channel) const
{
    for (QCheckBox *box : m_channels) {
        if (box->property("channel").toString() == channel)
            return box;
    }
    return nullptr;
}

AlertDefinition AlertsPanel::definition() const
{
    AlertDefinition d;
    d.alert.id = m_editingId;
    d.alert.projectId = m_controller.project();
    d.alert.name = m_name->text().trimmed();
    const int index = m_metric->findText(m_metric->currentText());
    d.alert.metric =
        index >= 0 ? m_metric->itemData(index).toString() : m_metric->currentText().trimmed();
    d.alert.condition = domain::alertConditionFromString(m_condition->currentData().toString())
                            .value_or(AlertCondition::Gt);
    d.alert.threshold = m_threshold->value();
    d.alert.durationMinutes = m_duration->value();
    d.alert.severity =
        domain::severityFromString(m_severity->currentData().toString()).value_or(Severity::Medium);
    for (const QCheckBox *box : m_channels) {
        if (box->isChecked())
            d.alert.channels.append(box->property("channel").toString());
    }
    d.alert.enabled = m_editingEnabled;
    d.targets.webhookUrl = m_webhookUrl->text().trimmed();
    d.targets.webhookSecret = m_webhookSecret->text();
    d.targets.slackWebhookUrl = m_slackUrl->text().trimmed();
    d.targets.emailTo = m_email->text().trimmed();
    return d;
}

void AlertsPanel::edit(const AlertDefinition &definition)
{
    m_editingId = definition.alert.id;
    m_editingEnabled = definition.alert.enabled;
    m_formTitle->setText(m_editingId.isEmpty() ? tr("New alert")
                                               : tr("Editing \"%1\"").arg(definition.alert.name));
    m_name->setText(definition.alert.name);
    if (!definition.alert.metric.isEmpty()) {
        const int index = m_metric->findData(definition.alert.metric);
        if (index >= 0)
            m_metric->setCurrentIndex(index);
        else
            m_metric->setEditText(definition.alert.metric);
    }
    m_condition->setCurrentIndex(
        std::max(0, m_condition->findData(domain::toString(definition.alert.condition))));
    m_threshold->setValue(definition.alert.threshold);
    m_duration->setValue(definition.alert.durationMinutes);
    m_severity->setCurrentIndex(
        std::max(0, m_severity->findData(domain::toString(definition.alert.severity))));
    for (QCheckBox *box : std::as_const(m_channels))
        box->setChecked(definition.alert.channels.contains(box->property("channel").toString()));
    m_webhookUrl->setText(definition.targets.webhookUrl);
    m_webhookSecret->setText(definition.targets.webhookSecret);
    m_slackUrl->setText(definition.targets.slackWebhookUrl);
    m_email->setText(definition.targets.emailTo);
    validate();
}

void AlertsPanel::validate()
{
    const AlertDefinition d = definition();
    // The channel's target is asked for only when the channel is on.
    m_webhookUrl->setEnabled(d.alert.channels.contains(QStringLiteral("webhook")));
    m_webhookSecret->setEnabled(m_webhookUrl->isEnabled());
    m_slackUrl->setEnabled(d.alert.channels.contains(QStringLiteral("slack")));
    m_email->setEnabled(d.alert.channels.contains(QStringLiteral("email")));
    const auto problem = client::problemOf(d);
    m_problem->setText(problem ? tr("Cannot save yet — %1").arg(problem->message) : QString());
    m_problem->setVisible(problem.has_value());
    applyPermission(m_save, m_session, domain::Action::EditAlertRules, !problem);
}

void AlertsPanel::save()
{
    validate();
    if (!m_save->isEnabled())
        return;
    m_status->setText(tr("Saving…"));
    m_controller.save(definition());
}

void AlertsPanel::acknowledgeSelected()
{
    const QTreeWidgetItem *item = m_timeline->currentItem();
    if (!item || !item->data(5, Qt::UserRole).toBool())
        return;
    m_controller.acknowledge(item->data(0, Qt::UserRole).toString());
}

void AlertsPanel::addSilence()
{
    domain::Silence silence;
    if (const QString severity = m_silenceSeverity->currentData().toString(); !severity.isEmpty())
        silence.severity = domain::severityFromString(severity);
    silence.until = m_silenceUntil->dateTime().toUTC();
    silence.comment = m_silenceComment->text().trimmed();
    if (silence.comment.isEmpty()) {
        m_status->setText(tr("A silence needs a comment saying why."));
        m_silenceComment->setFocus();
        return;
    }
    m_controller.addSilence(silence);
    m_silenceComment->clear();
}

void AlertsPanel::onRefused(const client::ApiError &error)
{
    m_status->setText(tr("Not done: %1").arg(error.message));
    if (m_tabs->currentIndex() == 0) {
        m_problem->setText(tr("The server refused it — %1").arg(error.message));
        m_problem->setVisible(true);
    }
}

void AlertsPanel::editSelected()
{
    const QTreeWidgetItem *item = m_rules->currentItem();
    if (!item)
        return;
    const QString id = item->data(0, Qt::UserRole).toString();
    for (const AlertDefinition &d : m_controller.alerts()) {
        if (d.alert.id == id) {
            edit(d);
            m_name->setFocus();
            return;
        }
    }
}

QString AlertsPanel::alertName(const QString &id) const
{
    for (const AlertDefinition &d : m_controller.alerts()) {
        if (d.alert.id == id)
            return d.alert.name;
    }
    return id;
}

void AlertsPanel::fillMetrics()
{
    const QString current = definition().alert.metric;
    const QSignalBlocker blocker(m_metric);
    m_metric->clear();
    for (const QString &name : AnalyticsScreen::metricNames())
        m_metric->addItem(AnalyticsScreen::displayName(name), name);
    if (m_metrics) {
        for (const client::MetricDefinition &d : m_metrics->metrics())
            m_metric->addItem(tr("%1 (custom)").arg(d.metric.name), d.metric.name);
    }
    m_metric->setCurrentIndex(std::max(0, m_metric->findData(current)));
}

void AlertsPanel::fillRules(const QList<AlertDefinition> &alerts)
{
    if (alerts.isEmpty())
        m_status->setText(tr("No alerts yet: describe one with the form, then Save."));
    m_filling = true;
    const QString current = m_rules->currentItem()
                                ? m_rules->currentItem()->data(0, Qt::UserRole).toString()
                                : QString();
    m_rules->clear();
    for (const AlertDefinition &d : alerts) {
        const QString rule = tr("%1 %2 %3 for %n min", nullptr, d.alert.durationMinutes)
                                 .arg(AnalyticsScreen::displayName(d.alert.metric),
                                      conditionSymbol(d.alert.condition),
                                      QLocale().toString(d.alert.threshold, 'g', 8));
        auto *item = new QTreeWidgetItem(
            m_rules, {QString(), d.alert.name, rule, severityText(d.alert.severity),
                      QLocale().toString(d.triggerCount),
                      d.lastTriggered ? localTime(*d.lastTriggered) : tr("never")});
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(0, d.alert.enabled ? Qt::Checked : Qt::Unchecked);
        item->setData(0, Qt::UserRole, d.alert.id);
        item->setData(0, Qt::AccessibleTextRole, d.alert.enabled ? tr("on") : tr("off"));
        if (d.alert.id == current)
            m_rules->setCurrentItem(item);
    }
    for (int column = 0; column < 5; ++column)
        m_rules->resizeColumnToContents(column);
    applyPermission(m_edit, m_session, domain::Action::EditAlertRules, !alerts.isEmpty());
    applyPermission(m_delete, m_session, domain::Action::EditAlertRules, !alerts.isEmpty());
    m_filling = false;
}

void AlertsPanel::fillTimeline(const QList<domain::AlertTrigger> &triggers)
{
    m_timeline->clear();
    for (const domain::AlertTrigger &t : triggers) {
        auto *item = new QTreeWidgetItem(
            m_timeline,
            {localTime(t.triggeredAt), alertName(t.alertId), QLocale().toString(t.value, 'g', 8),
             QLocale().toString(t.threshold, 'g', 8), severityText(t.severity),
             statusText(t.status), t.message});
        item->setData(0, Qt::UserRole, t.id);
        item->setData(5, Qt::UserRole, t.status == domain::TriggerStatus::Triggered);
    }
    for (int column = 0; column < 6; ++column)
        m_timeline->resizeColumnToContents(column);
    if (m_timeline->topLevelItemCount() > 0 && !m_timeline->currentItem())
        m_timeline->setCurrentItem(m_timeline->topLevelItem(0));
    const QTreeWidgetItem *item = m_timeline->currentItem();
    applyPermission(m_acknowledge, m_session, domain::Action::AcknowledgeTrigger,
                    item && item->data(5, Qt::UserRole).toBool());
    m_tabs->setTabText(1, triggers.isEmpty() ? tr("Tri&ggers")
                                             : tr("Tri&ggers (%1)").arg(triggers.size()));
}

void AlertsPanel::fillSilences(const QList<domain::Silence> &silences)
{
    m_silences->clear();
    for (const domain::Silence &s : silences) {
        auto *item = new QTreeWidgetItem(
            m_silences, {localTime(s.until), s.alertId ? alertName(*s.alertId) : tr("every alert"),
                         s.severity ? severityText(*s.severity) : tr("any"), s.comment});
        item->setData(0, Qt::UserRole, s.id);
    }
    for (int column = 0; column < 3; ++column)
        m_silences->resizeColumnToContents(column);
    applyPermission(m_removeSilence, m_session, domain::Action::EditAlertRules,
                    !silences.isEmpty());
}

void AlertsPanel::setSession(const client::Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &client::Session::permissionsChanged, this,
                &AlertsPanel::refreshPermissions);
    }
    refreshPermissions();
}

void AlertsPanel::refreshPermissions()
{
    for (QPushButton *button : {m_new, m_check, m_addSilence})
        applyPermission(button, m_session, domain::Action::EditAlertRules);
    const bool rules = m_rules->topLevelItemCount() > 0;
    applyPermission(m_edit, m_session, domain::Action::EditAlertRules, rules);
    applyPermission(m_delete, m_session, domain::Action::EditAlertRules, rules);
    const QTreeWidgetItem *trigger = m_timeline->currentItem();
    applyPermission(m_acknowledge, m_session, domain::Action::AcknowledgeTrigger,
                    trigger && trigger->data(5, Qt::UserRole).toBool());
    applyPermission(m_removeSilence, m_session, domain::Action::EditAlertRules,
                    m_silences->topLevelItemCount() > 0);
    validate();
}

} // namespace waddle::ui
