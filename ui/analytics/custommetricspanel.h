#pragma once

#include "client/analyticstypes.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QVBoxLayout;

namespace waddle::client {
class Session;
class CustomMetricsController;
struct ApiError;
} // namespace waddle::client

namespace waddle::ui {

// The custom metrics of the analytics screen (SPEC §11, seed 001): the list
// with edit and delete, and the form — name, description, type, unit,
// aggregation and a filter builder over the usage events' fields (a field,
// an operator and a value per condition; no raw queries). The form checks
// itself as one types by the domain's rules (client::problemOf, the very
// rules of the server) and says what is wrong beside Save, which is enabled
// only when nothing is.
class CustomMetricsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomMetricsPanel)

public:
    explicit CustomMetricsPanel(client::CustomMetricsController &controller,
                                QWidget *parent = nullptr);
    ~CustomMetricsPanel() override;

    // The session whose key's role decides which changes are offered (a
    // read-only key sees the panel with them disabled); none: all.
    void setSession(const client::Session *session);

    // The metric the form describes now.
    [[nodiscard]] client::MetricDefinition definition() const;
    // Fills the form with `definition` (an empty id: a new metric).
    void edit(const client::MetricDefinition &definition);
    // Adds one condition row; answers its index.
    int addCondition(const QString &field = {}, domain::FilterOp op = domain::FilterOp::Eq,
                     const QString &value = {});
    [[nodiscard]] int conditionCount() const { return static_cast<int>(m_conditions.size()); }

    [[nodiscard]] QTreeWidget *list() const { return m_list; }
    [[nodiscard]] QLineEdit *nameEdit() const { return m_name; }
    [[nodiscard]] QLineEdit *descriptionEdit() const { return m_description; }
    [[nodiscard]] QComboBox *typeBox() const { return m_type; }
    [[nodiscard]] QLineEdit *unitEdit() const { return m_unit; }
    [[nodiscard]] QComboBox *aggregationBox() const { return m_aggregation; }
    [[nodiscard]] QComboBox *valueFieldBox() const { return m_valueField; }
    [[nodiscard]] QComboBox *conditionField(int row) const { return m_conditions.at(row).field; }
    [[nodiscard]] QComboBox *conditionOp(int row) const { return m_conditions.at(row).op; }
    [[nodiscard]] QLineEdit *conditionValue(int row) const { return m_conditions.at(row).value; }
    [[nodiscard]] QLabel *problemLabel() const { return m_problem; }
    [[nodiscard]] QPushButton *saveButton() const { return m_save; }
    [[nodiscard]] QPushButton *deleteButton() const { return m_delete; }

    // "Save": sends the form to the controller.
    void save();

private:
    // "Average of latency (ms)"; "Count" alone.
    [[nodiscard]] QString aggregationText(const domain::CustomMetric &metric) const;
    void refreshPermissions();
    struct Condition
    {
        QWidget *row = nullptr;
        QComboBox *field = nullptr;
        QComboBox *op = nullptr;
        QLineEdit *value = nullptr;
    };

    void validate();
    void fillList(const QList<client::MetricDefinition> &metrics);
    void onRefused(const client::ApiError &error);
    void editSelected();
    void removeCondition(QWidget *row);
    void fillOps(Condition &condition);

    client::CustomMetricsController &m_controller;
    const client::Session *m_session = nullptr;
    QTreeWidget *m_list = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_formTitle = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QComboBox *m_type = nullptr;
    QLineEdit *m_unit = nullptr;
    QComboBox *m_aggregation = nullptr;
    QComboBox *m_valueField = nullptr; // what each event adds: disabled for count
    QVBoxLayout *m_conditionsLayout = nullptr;
    QList<Condition> m_conditions;
    QPushButton *m_addCondition = nullptr;
    QLabel *m_problem = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_save = nullptr;
    QString m_editingId;
    bool m_editingActive = true;
};

// "participant_count ≥ 2 · region = us-east", for lists.
QString describeFilter(const QList<domain::MetricFilter> &filter);
// The text of one filter value as the form shows it (lists comma-separated).
QString filterValueText(const QJsonValue &value);

} // namespace waddle::ui
