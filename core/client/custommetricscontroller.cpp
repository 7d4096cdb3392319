#include "custommetricscontroller.h"

#include "apiclient.h"

#include <QPointer>

#include <optional>

namespace waddle::client {

ApiError refusal(const domain::Error &problem)
{
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.status = 400;
    error.code = QStringLiteral("invalid_request");
    error.message = problem.message;
    error.field = problem.field;
    return error;
}

CustomMetricsController::CustomMetricsController(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

CustomMetricsController::~CustomMetricsController() = default;

void CustomMetricsController::setProject(const QString &projectId)
{
    if (projectId == m_project)
        return;
    m_project = projectId;
    m_metrics.clear();
    Q_EMIT metricsChanged(m_metrics);
}

void CustomMetricsController::reload()
{
    fetch(m_project);
}

void CustomMetricsController::save(MetricDefinition definition)
{
    definition.metric.projectId = m_project;
    if (const auto problem = problemOf(definition)) {
        Q_EMIT refused(refusal(*problem));
        return;
    }
    send(std::move(definition));
}

void CustomMetricsController::remove(const QString &id)
{
    erase(m_project, id);
}

QCoro::Task<> CustomMetricsController::fetch(QString project)
{
    const QPointer<CustomMetricsController> self(this);
    const auto answer = co_await m_api.customMetrics(project);
    if (!self || project != m_project)
        co_return;
    if (!answer) {
        Q_EMIT failed(answer.error());
        co_return;
    }
    m_metrics = answer.value();
    Q_EMIT metricsChanged(m_metrics);
}

QCoro::Task<> CustomMetricsController::send(MetricDefinition definition)
{
    const QPointer<CustomMetricsController> self(this);
    // Not a ?: of two tasks: GCC 12 destroys the chosen task too early.
    std::optional<ApiResult<MetricDefinition>> answer;
    if (definition.metric.id.isEmpty())
        answer = co_await m_api.createCustomMetric(definition);
    else
        answer = co_await m_api.updateCustomMetric(definition);
    if (!self)
        co_return;
    if (!*answer) {
        Q_EMIT refused(answer->error());
        co_return;
    }
    Q_EMIT saved(answer->value());
    reload();
}

QCoro::Task<> CustomMetricsController::erase(QString project, QString id)
{
    const QPointer<CustomMetricsController> self(this);
    const auto answer = co_await m_api.deleteCustomMetric(project, id);
    if (!self)
        co_return;
    if (!answer) {
        Q_EMIT refused(answer.error());
        co_return;
    }
    Q_EMIT removed(id);
    reload();
}

} // namespace waddle::client
