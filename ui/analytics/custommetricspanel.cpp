#include "custommetricspanel.h"

#include "client/apierror.h"
#include "client/custommetricscontroller.h"
#include "client/session.h"
#include "ui/common/permissions.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace waddle::ui {

using client::MetricDefinition;
using domain::FilterOp;

namespace {

QString opSymbol(FilterOp op)
{
    switch (op) {
    case FilterOp::Eq:
        return QStringLiteral("=");
    case FilterOp::Ne:
        return QStringLiteral("≠");
    case FilterOp::Gt:
        return QStringLiteral(">");
    case FilterOp::Gte:
        return QStringLiteral("≥");
    case FilterOp::Lt:
        return QStringLiteral("<");
    case FilterOp::Lte:
        return QStringLiteral("≤");
    case FilterOp::In:
        return CustomMetricsPanel::tr("is one of");
    }
    return {};
}

// A number when the field holds numbers and the text reads as one; the text
// otherwise (the domain's rules then say what is wrong).
QJsonValue operand(const QString &field, const QString &text)
{
    if (domain::isNumericFilterField(field)) {
        bool ok = false;
        const double number = QLocale::c().toDouble(text.trimmed(), &ok);
        if (ok)
            return number;
    }
    return text.trimmed();
}

} // namespace

QString filterValueText(const QJsonValue &value)
{
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : value.toArray())
            parts.append(filterValueText(item));
        return parts.join(QStringLiteral(", "));
    }
    if (value.isDouble())
        return QLocale::c().toString(value.toDouble(), 'g', 12);
    return value.toString();
}

QString describeFilter(const QList<domain::MetricFilter> &filter)
{
    if (filter.isEmpty())
        return CustomMetricsPanel::tr("every event");
    QStringList parts;
    for (const domain::MetricFilter &condition : filter)
        parts.append(
            QStringLiteral("%1 %2 %3")
                .arg(condition.field, opSymbol(condition.op), filterValueText(condition.value)));
    return parts.join(QStringLiteral(" · "));
}

CustomMetricsPanel::CustomMetricsPanel(client::CustomMetricsController &controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setAccessibleName(tr("Custom metrics"));

    // The list, with its actions.
    auto *listBox = new QGroupBox(tr("Custom metrics"));
    auto *listLayout = new QVBoxLayout(listBox);
    m_list = new QTreeWidget;
    m_list->setAccessibleName(tr("Custom metrics"));
    m_list->setHeaderLabels({tr("Name"), tr("Type"), tr("Aggregation"), tr("Unit"), tr("Filter")});
    m_list->setRootIsDecorated(false);
    m_list->setAllColumnsShowFocus(true);
    m_list->header()->setStretchLastSection(true);
    listLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    m_new = new QPushButton(tr("&New metric"));
    m_new->setObjectName(QStringLiteral("newMetric"));
    m_edit = new QPushButton(tr("&Edit"));
    m_delete = new QPushButton(tr("De&lete…"));
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_edit);
    listButtons->addWidget(m_delete);
    listButtons->addStretch(1);
    listLayout->addLayout(listButtons);
    m_status = new QLabel;
    m_status->setWordWrap(true);
    listLayout->addWidget(m_status);

    // The form.
    auto *formBox = new QGroupBox;
    auto *formOuter = new QVBoxLayout(formBox);
    m_formTitle = new QLabel;
    QFont titleFont = m_formTitle->font();
    titleFont.setBold(true);
    m_formTitle->setFont(titleFont);
    formOuter->addWidget(m_formTitle);
    auto *form = new QFormLayout;
    m_name = new QLineEdit;
    m_name->setPlaceholderText(tr("e.g. busy_rooms_eu"));
    m_description = new QLineEdit;
    m_type = new QComboBox;
    m_type->addItem(tr("Counter"), QString(domain::toString(domain::MetricType::Counter)));
    m_type->addItem(tr("Gauge"), QString(domain::toString(domain::MetricType::Gauge)));
    m_type->addItem(tr("Histogram"), QString(domain::toString(domain::MetricType::Histogram)));
    m_unit = new QLineEdit;
    m_unit->setPlaceholderText(tr("count, ms, minutes…"));
    m_aggregation = new QComboBox;
    m_aggregation->addItem(tr("Sum"), QStringLiteral("sum"));
    m_aggregation->addItem(tr("Average"), QStringLiteral("avg"));
    m_aggregation->addItem(tr("Minimum"), QStringLiteral("min"));
    m_aggregation->addItem(tr("Maximum"), QStringLiteral("max"));
    m_aggregation->addItem(tr("Count"), QStringLiteral("count"));
    m_valueField = new QComboBox;
    m_valueField->addItem(tr("Participant minutes"), domain::kDefaultValueField);
    m_valueField->addItem(tr("Participants"), QStringLiteral("participant_count"));
    m_valueField->addItem(tr("Duration (s)"), QStringLiteral("duration_seconds"));
    m_valueField->addItem(tr("Quality (MOS)"), QStringLiteral("quality"));
    m_valueField->addItem(tr("Latency (ms)"), QStringLiteral("latency_ms"));
    m_valueField->setToolTip(tr("The number each matching session adds to the metric"));
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("T&ype:"), m_type);
    form->addRow(tr("U&nit:"), m_unit);
    form->addRow(tr("A&ggregation:"), m_aggregation);
    form->addRow(tr("O&f each session:"), m_valueField);
    formOuter->addLayout(form);

    auto *filterBox = new QGroupBox(tr("Filter: events where every condition holds"));
    auto *filterLayout = new QVBoxLayout(filterBox);
    m_conditionsLayout = new QVBoxLayout;
    filterLayout->addLayout(m_conditionsLayout);
    m_addCondition = new QPushButton(tr("Add cond&ition"));
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_addCondition);
    addRow->addStretch(1);
    filterLayout->addLayout(addRow);
    formOuter->addWidget(filterBox);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("formProblem"));
    m_problem->setWordWrap(true);
    m_problem->setAccessibleName(tr("Form problem"));
    formOuter->addWidget(m_problem);
    auto *formButtons = new QHBoxLayout;
    formButtons->addStretch(1);
    m_save = new QPushButton(tr("&Save metric"));
    m_save->setDefault(true);
    formButtons->addWidget(m_save);
    formOuter->addLayout(formButtons);
    formOuter->addStretch(1);

    auto *splitter = new QSplitter(Qt::Horizontal);
    splitter->addWidget(listBox);
    splitter->addWidget(formBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 10, 12, 10);
    outer->addWidget(splitter);

    connect(m_new, &QPushButton::clicked, this, [this] {
        edit({});
        m_name->setFocus();
    });
    connect(m_edit, &QPushButton::clicked, this, &CustomMetricsPanel::editSelected);
    connect(m_list, &QTreeWidget::itemActivated, this, &CustomMetricsPanel::editSelected);
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QTreeWidgetItem *item = m_list->currentItem();
        if (!item)
            return;
        if (QMessageBox::question(this, tr("Delete metric"),
                                  tr("Delete the custom metric \"%1\"? Alerts on it stop "
                                     "working.")
                                      .arg(item->text(0))) == QMessageBox::Yes)
            m_controller.remove(item->data(0, Qt::UserRole).toString());
    });
    connect(m_addCondition, &QPushButton::clicked, this, [this] {
        const int row = addCondition();
        m_conditions.at(row).field->setFocus();
    });
    connect(m_save, &QPushButton::clicked, this, &CustomMetricsPanel::save);
    for (QLineEdit *edit : {m_name, m_description, m_unit})
        connect(edit, &QLineEdit::textChanged, this, &CustomMetricsPanel::validate);
    for (QComboBox *box : {m_type, m_aggregation, m_valueField})
        connect(box, &QComboBox::currentIndexChanged, this, &CustomMetricsPanel::validate);
    // A count counts sessions: what each would add does not matter.
    connect(m_aggregation, &QComboBox::currentIndexChanged, this, [this] {
        m_valueField->setEnabled(m_aggregation->currentData().toString() != QLatin1String("count"));
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this] {
        applyPermission(m_edit, m_session, domain::Action::EditCustomMetrics,
                        m_list->currentItem() != nullptr);
        applyPermission(m_delete, m_session, domain::Action::EditCustomMetrics,
                        m_list->currentItem() != nullptr);
    });

    connect(&m_controller, &client::CustomMetricsController::metricsChanged, this,
            &CustomMetricsPanel::fillList);
    connect(&m_controller, &client::CustomMetricsController::saved, this,
            [this](const MetricDefinition &saved) {
                m_status->setText(tr("Saved \"%1\".").arg(saved.metric.name));
                edit({});
            });
    connect(&m_controller, &client::CustomMetricsController::removed, this,
            [this] { m_status->setText(tr("Metric deleted.")); });
    connect(&m_controller, &client::CustomMetricsController::refused, this,
            &CustomMetricsPanel::onRefused);
    connect(&m_controller, &client::CustomMetricsController::failed, this,
            [this](const client::ApiError &error) {
                m_status->setText(tr("Could not load the custom metrics: %1").arg(error.message));
            });

    fillList(m_controller.metrics());
    edit({});
}

CustomMetricsPanel::~CustomMetricsPanel() = default;

MetricDefinition CustomMetricsPanel::definition() const
{
    MetricDefinition d;
    d.metric.id = m_editingId;
    d.metric.projectId = m_controller.project();
    d.metric.name = m_name->text().trimmed();
    d.metric.description = m_description->text().trimmed();
    d.metric.type = domain::metricTypeFromString(m_type->currentData().toString())
                        .value_or(domain::MetricType::Counter);
    d.metric.unit = m_unit->text().trimmed();
    d.metric.aggregation = domain::aggregationFromString(m_aggregation->currentData().toString())
                               .value_or(domain::Aggregation::Sum);
    d.metric.valueField = m_valueField->currentData().toString();
    for (const Condition &c : m_conditions) {
        domain::MetricFilter condition;
        condition.field = c.field->currentData().toString();
        condition.op =
            domain::filterOpFromString(c.op->currentData().toString()).value_or(FilterOp::Eq);
        if (condition.op == FilterOp::In) {
            QJsonArray values;
            for (const QString &part : c.value->text().split(u',', Qt::SkipEmptyParts)) {
                if (!part.trimmed().isEmpty())
                    values.append(operand(condition.field, part));
            }
            condition.value = values;
        } else {
            condition.value = operand(condition.field, c.value->text());
        }
        d.metric.filter.append(condition);
    }
    d.active = m_editingActive;
    return d;
}

void CustomMetricsPanel::edit(const MetricDefinition &definition)
{
    m_editingId = definition.metric.id;
    m_editingActive = definition.active;
    m_formTitle->setText(m_editingId.isEmpty() ? tr("New custom metric")
                                               : tr("Editing \"%1\"").arg(definition.metric.name));
    m_name->setText(definition.metric.name);
    m_description->setText(definition.metric.description);
    m_type->setCurrentIndex(
        std::max(0, m_type->findData(domain::toString(definition.metric.type))));
    m_unit->setText(definition.metric.unit);
    m_aggregation->setCurrentIndex(
        std::max(0, m_aggregation->findData(domain::toString(definition.metric.aggregation))));
    m_valueField->setCurrentIndex(
        std::max(0, m_valueField->findData(definition.metric.valueField)));
    while (!m_conditions.isEmpty())
        removeCondition(m_conditions.constLast().row);
    for (const domain::MetricFilter &condition : definition.metric.filter)
        addCondition(condition.field, condition.op, filterValueText(condition.value));
    validate();
}

int CustomMetricsPanel::addCondition(const QString &field, domain::FilterOp op,
                                     const QString &value)
{
    Condition c;
    c.row = new QWidget;
    auto *layout = new QHBoxLayout(c.row);
    layout->setContentsMargins(0, 0, 0, 0);
    c.field = new QComboBox;
    c.field->setAccessibleName(tr("Event field"));
    for (const QString &name : domain::filterableFields())
        c.field->addItem(name, name);
    c.field->setCurrentIndex(std::max(0, c.field->findData(field)));
    c.op = new QComboBox;
    c.op->setAccessibleName(tr("Comparison"));
    c.value = new QLineEdit;
    c.value->setAccessibleName(tr("Value"));
    c.value->setText(value);
    // Room for "eu-central" even at 1024 px; the combos take what they need.
    c.value->setMinimumWidth(
        c.value->fontMetrics().horizontalAdvance(QStringLiteral("eu-central, ")));
    c.field->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    c.op->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto *remove = new QToolButton;
    remove->setText(tr("Remove"));
    remove->setAccessibleName(tr("Remove condition"));
    layout->addWidget(c.field);
    layout->addWidget(c.op);
    layout->addWidget(c.value, 1);
    layout->addWidget(remove);
    m_conditionsLayout->addWidget(c.row);
    m_conditions.append(c);
    Condition &stored = m_conditions.last();
    fillOps(stored);
    stored.op->setCurrentIndex(std::max(0, stored.op->findData(domain::toString(op))));

    QWidget *row = c.row;
    connect(c.field, &QComboBox::currentIndexChanged, this, [this, row] {
        for (Condition &condition : m_conditions) {
            if (condition.row == row)
                fillOps(condition);
        }
        validate();
    });
    connect(c.op, &QComboBox::currentIndexChanged, this, &CustomMetricsPanel::validate);
    connect(c.value, &QLineEdit::textChanged, this, &CustomMetricsPanel::validate);
    connect(remove, &QToolButton::clicked, this, [this, row] {
        removeCondition(row);
        validate();
    });
    validate();
    return static_cast<int>(m_conditions.size()) - 1;
}

void CustomMetricsPanel::fillOps(Condition &condition)
{
    const QString keep = condition.op->currentData().toString();
    const bool numeric = domain::isNumericFilterField(condition.field->currentData().toString());
    const QSignalBlocker blocker(condition.op);
    condition.op->clear();
    for (const auto &[op, name] : domain::kFilterOpNames) {
        const bool ordering = op != FilterOp::Eq && op != FilterOp::Ne && op != FilterOp::In;
        if (ordering && !numeric)
            continue; // text is not ordered: only =, ≠ and "is one of"
        condition.op->addItem(opSymbol(op), QString(name));
    }
    condition.op->setCurrentIndex(std::max(0, condition.op->findData(keep)));
    condition.value->setPlaceholderText(numeric ? tr("a number (lists: 1, 2, 3)")
                                                : tr("text (lists: a, b, c)"));
}

void CustomMetricsPanel::removeCondition(QWidget *row)
{
    for (qsizetype i = 0; i < m_conditions.size(); ++i) {
        if (m_conditions.at(i).row == row) {
            m_conditions.removeAt(i);
            row->deleteLater();
            row->hide();
            return;
        }
    }
}

void CustomMetricsPanel::validate()
{
    const auto problem = client::problemOf(definition());
    m_problem->setText(problem ? tr("Cannot save yet — %1").arg(problem->message) : QString());
    m_problem->setVisible(problem.has_value());
    applyPermission(m_save, m_session, domain::Action::EditCustomMetrics, !problem);
}

void CustomMetricsPanel::save()
{
    validate();
    if (!m_save->isEnabled())
        return;
    m_status->setText(tr("Saving…"));
    m_controller.save(definition());
}

void CustomMetricsPanel::onRefused(const client::ApiError &error)
{
    m_status->setText(tr("Not saved: %1").arg(error.message));
    m_problem->setText(tr("The server refused it — %1").arg(error.message));
    m_problem->setVisible(true);
}

void CustomMetricsPanel::editSelected()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return;
    const QString id = item->data(0, Qt::UserRole).toString();
    for (const MetricDefinition &d : m_controller.metrics()) {
        if (d.metric.id == id) {
            edit(d);
            m_name->setFocus();
            return;
        }
    }
}

QString CustomMetricsPanel::aggregationText(const domain::CustomMetric &metric) const
{
    const QString aggregation =
        m_aggregation->itemText(m_aggregation->findData(domain::toString(metric.aggregation)));
    if (metric.aggregation == domain::Aggregation::Count)
        return aggregation;
    //: An aggregation of a session value, e.g. "Average of Latency (ms)"
    QString value = m_valueField->itemText(m_valueField->findData(metric.valueField));
    if (!value.isEmpty())
        value[0] = value.at(0).toLower(); // "Quality (MOS)" → "quality (MOS)"
    return tr("%1 of %2").arg(aggregation, value);
}

void CustomMetricsPanel::fillList(const QList<MetricDefinition> &metrics)
{
    const QString current =
        m_list->currentItem() ? m_list->currentItem()->data(0, Qt::UserRole).toString() : QString();
    m_list->clear();
    for (const MetricDefinition &d : metrics) {
        auto *item = new QTreeWidgetItem(
            m_list,
            {d.metric.name, m_type->itemText(m_type->findData(domain::toString(d.metric.type))),
             aggregationText(d.metric), d.metric.unit, describeFilter(d.metric.filter)});
        item->setData(0, Qt::UserRole, d.metric.id);
        item->setToolTip(0, d.metric.description);
        if (d.metric.id == current)
            m_list->setCurrentItem(item);
    }
    for (int column = 0; column < 4; ++column)
        m_list->resizeColumnToContents(column);
    applyPermission(m_edit, m_session, domain::Action::EditCustomMetrics,
                    m_list->currentItem() != nullptr);
    applyPermission(m_delete, m_session, domain::Action::EditCustomMetrics,
                    m_list->currentItem() != nullptr);
    if (metrics.isEmpty())
        m_status->setText(tr("No custom metrics yet: describe one with the form."));
}

void CustomMetricsPanel::setSession(const client::Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &client::Session::permissionsChanged, this,
                &CustomMetricsPanel::refreshPermissions);
    }
    refreshPermissions();
}

void CustomMetricsPanel::refreshPermissions()
{
    applyPermission(m_new, m_session, domain::Action::EditCustomMetrics);
    applyPermission(m_edit, m_session, domain::Action::EditCustomMetrics,
                    m_list->currentItem() != nullptr);
    applyPermission(m_delete, m_session, domain::Action::EditCustomMetrics,
                    m_list->currentItem() != nullptr);
    validate();
}

} // namespace waddle::ui
