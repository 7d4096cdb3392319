#include "alertrulescontroller.h"

#include "apiclient.h"
#include "custommetricscontroller.h"

#include <QPointer>

#include <optional>

namespace waddle::client {

AlertRulesController::AlertRulesController(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

AlertRulesController::~AlertRulesController() = default;

void AlertRulesController::setProject(const QString &projectId)
{
    if (projectId == m_project)
        return;
    m_project = projectId;
    m_alerts.clear();
    m_triggers.clear();
    m_silences.clear();
    Q_EMIT alertsChanged(m_alerts);
    Q_EMIT triggersChanged(m_triggers);
    Q_EMIT silencesChanged(m_silences);
}

void AlertRulesController::reload()
{
    fetchAlerts(m_project);
    fetchTriggers(m_project);
    fetchSilences(m_project);
}

void AlertRulesController::save(AlertDefinition definition)
{
    definition.alert.projectId = m_project;
    if (const auto problem = problemOf(definition)) {
        Q_EMIT refused(refusal(*problem));
        return;
    }
    send(std::move(definition));
}

void AlertRulesController::setEnabled(const QString &id, bool enabled)
{
    for (const AlertDefinition &definition : std::as_const(m_alerts)) {
        if (definition.alert.id == id && definition.alert.enabled != enabled) {
            AlertDefinition changed = definition;
            changed.alert.enabled = enabled;
            send(std::move(changed));
            return;
        }
    }
}

void AlertRulesController::remove(const QString &id)
{
    erase(m_project, id);
}

void AlertRulesController::checkNow()
{
    check(m_project);
}

void AlertRulesController::acknowledge(const QString &triggerId)
{
    ack(m_project, triggerId);
}

void AlertRulesController::addSilence(domain::Silence silence)
{
    silence.projectId = m_project;
    this->silence(std::move(silence));
}

void AlertRulesController::removeSilence(const QString &id)
{
    unsilence(m_project, id);
}

QCoro::Task<> AlertRulesController::fetchAlerts(QString project)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.metricAlerts(project);
    if (!self || project != m_project)
        co_return;
    if (!answer) {
        Q_EMIT failed(answer.error());
        co_return;
    }
    m_alerts = answer.value();
    Q_EMIT alertsChanged(m_alerts);
}

QCoro::Task<> AlertRulesController::fetchTriggers(QString project)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.alertTriggers(project, kTriggerLimit);
    if (!self || project != m_project)
        co_return;
    if (!answer) {
        Q_EMIT failed(answer.error());
        co_return;
    }
    m_triggers = answer.value();
    Q_EMIT triggersChanged(m_triggers);
}

QCoro::Task<> AlertRulesController::fetchSilences(QString project)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.silences(project);
    if (!self || project != m_project)
        co_return;
    if (!answer) {
        Q_EMIT failed(answer.error());
        co_return;
    }
    m_silences = answer.value();
    Q_EMIT silencesChanged(m_silences);
}

QCoro::Task<> AlertRulesController::send(AlertDefinition definition)
{
    const QPointer<AlertRulesController> self(this);
    // Not a ?: of two tasks: GCC 12 destroys the chosen task too early.
    std::optional<ApiResult<AlertDefinition>> answer;
    if (definition.alert.id.isEmpty())
        answer = co_await m_api.createMetricAlert(definition);
    else
        answer = co_await m_api.updateMetricAlert(definition);
    if (!self)
        co_return;
    if (!*answer) {
        Q_EMIT refused(answer->error());
        co_return;
    }
    Q_EMIT saved(answer->value());
    fetchAlerts(m_project);
}

QCoro::Task<> AlertRulesController::erase(QString project, QString id)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.deleteMetricAlert(project, id);
    if (!self)
        co_return;
    if (!answer) {
        Q_EMIT refused(answer.error());
        co_return;
    }
    Q_EMIT removed(id);
    fetchAlerts(m_project);
}

QCoro::Task<> AlertRulesController::check(QString project)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.checkMetricAlerts(project);
    if (!self)
        co_return;
    if (!answer) {
        Q_EMIT refused(answer.error());
        co_return;
    }
    Q_EMIT checked(answer.value());
    reload();
}

QCoro::Task<> AlertRulesController::ack(QString project, QString id)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.acknowledgeTrigger(project, id);
    if (!self)
        co_return;
    if (!answer) {
        Q_EMIT refused(answer.error());
        co_return;
    }
    Q_EMIT acknowledged(answer.value());
    fetchTriggers(m_project);
}

QCoro::Task<> AlertRulesController::silence(domain::Silence silence)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.createSilence(silence);
    if (!self)
        co_return;
    if (!answer) {
        Q_EMIT refused(answer.error());
        co_return;
    }
    fetchSilences(m_project);
}

QCoro::Task<> AlertRulesController::unsilence(QString project, QString id)
{
    const QPointer<AlertRulesController> self(this);
    const auto answer = co_await m_api.deleteSilence(project, id);
    if (!self)
        co_return;
    if (!answer) {
        Q_EMIT refused(answer.error());
        co_return;
    }
    fetchSilences(m_project);
}

} // namespace waddle::client
