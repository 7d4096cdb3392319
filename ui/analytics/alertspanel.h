#pragma once

#include "client/analyticstypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTreeWidget;

namespace waddle::client {
class Session;
class AlertRulesController;
class CustomMetricsController;
struct ApiError;
} // namespace waddle::client

namespace waddle::ui {

// The alerts of the analytics screen (SPEC §11, seed 001): the rules with an
// on/off box each, edit and delete, "Check now"; the form — metric,
// condition (>, ≥, <, ≤, =), threshold, duration, severity, channels with
// the webhook URL and secret, Slack URL and e-mail address — checked as one
// types by the server's own rules; the triggers timeline with Acknowledge;
// and the silences with add and remove.
class AlertsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertsPanel)

public:
    // `metrics` (may be null) offers the project's custom metric names next
    // to the built-in ones.
    AlertsPanel(client::AlertRulesController &controller,
                const client::CustomMetricsController *metrics, QWidget *parent = nullptr);
    ~AlertsPanel() override;

    // The session whose key's role decides which changes are offered (a
    // read-only key sees the panel with them disabled); none: all.
    void setSession(const client::Session *session);

    [[nodiscard]] client::AlertDefinition definition() const;
    void edit(const client::AlertDefinition &definition);
    void save();
    // Acknowledges the trigger selected in the timeline.
    void acknowledgeSelected();
    // Adds the silence the silence form describes.
    void addSilence();

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QTreeWidget *rules() const { return m_rules; }
    [[nodiscard]] QTreeWidget *timeline() const { return m_timeline; }
    [[nodiscard]] QTreeWidget *silenceList() const { return m_silences; }
    [[nodiscard]] QLineEdit *nameEdit() const { return m_name; }
    [[nodiscard]] QComboBox *metricBox() const { return m_metric; }
    [[nodiscard]] QComboBox *conditionBox() const { return m_condition; }
    [[nodiscard]] QDoubleSpinBox *thresholdBox() const { return m_threshold; }
    [[nodiscard]] QSpinBox *durationBox() const { return m_duration; }
    [[nodiscard]] QComboBox *severityBox() const { return m_severity; }
    [[nodiscard]] QCheckBox *channelBox(const QString &channel) const;
    [[nodiscard]] QLineEdit *webhookUrlEdit() const { return m_webhookUrl; }
    [[nodiscard]] QLineEdit *emailEdit() const { return m_email; }
    [[nodiscard]] QLabel *problemLabel() const { return m_problem; }
    [[nodiscard]] QPushButton *saveButton() const { return m_save; }
    [[nodiscard]] QPushButton *acknowledgeButton() const { return m_acknowledge; }
    [[nodiscard]] QLineEdit *silenceCommentEdit() const { return m_silenceComment; }

private:
    void refreshPermissions();
    void validate();
    void fillMetrics();
    void fillRules(const QList<client::AlertDefinition> &alerts);
    void fillTimeline(const QList<domain::AlertTrigger> &triggers);
    void fillSilences(const QList<domain::Silence> &silences);
    void onRefused(const client::ApiError &error);
    void editSelected();
    [[nodiscard]] QString alertName(const QString &id) const;

    client::AlertRulesController &m_controller;
    const client::Session *m_session = nullptr;
    const client::CustomMetricsController *m_metrics = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_status = nullptr;
    // Rules.
    QTreeWidget *m_rules = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_check = nullptr;
    QLabel *m_formTitle = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_metric = nullptr;
    QComboBox *m_condition = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QSpinBox *m_duration = nullptr;
    QComboBox *m_severity = nullptr;
    QList<QCheckBox *> m_channels;
    QLineEdit *m_webhookUrl = nullptr;
    QLineEdit *m_webhookSecret = nullptr;
    QLineEdit *m_slackUrl = nullptr;
    QLineEdit *m_email = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_save = nullptr;
    QString m_editingId;
    bool m_editingEnabled = true;
    bool m_filling = false;
    // Triggers.
    QTreeWidget *m_timeline = nullptr;
    QPushButton *m_acknowledge = nullptr;
    // Silences.
    QTreeWidget *m_silences = nullptr;
    QComboBox *m_silenceSeverity = nullptr;
    QDateTimeEdit *m_silenceUntil = nullptr;
    QLineEdit *m_silenceComment = nullptr;
    QPushButton *m_addSilence = nullptr;
    QPushButton *m_removeSilence = nullptr;
};

// ">", "≥", "<", "≤", "=".
QString conditionSymbol(domain::AlertCondition condition);

} // namespace waddle::ui
