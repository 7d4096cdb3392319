#include "analyticscontroller.h"

#include "apiclient.h"

#include <QPointer>

namespace waddle::client {

AnalyticsController::AnalyticsController(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_timer.setInterval(kRefreshInterval);
    connect(&m_timer, &QTimer::timeout, this, &AnalyticsController::refresh);
}

AnalyticsController::~AnalyticsController() = default;

void AnalyticsController::setProject(const QString &projectId)
{
    if (projectId == m_project)
        return;
    m_project = projectId;
    m_latest.reset();
    m_history.clear();
    ++m_forecastGeneration;
}

void AnalyticsController::start()
{
    m_timer.start();
    refresh();
}

void AnalyticsController::stop()
{
    m_timer.stop();
}

void AnalyticsController::setRefreshInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

std::chrono::milliseconds AnalyticsController::refreshInterval() const
{
    return m_timer.intervalAsDuration();
}

void AnalyticsController::refresh()
{
    fetchRealtime(m_project);
}

void AnalyticsController::loadUsage(int hours)
{
    fetchUsage(m_project, hours);
}

void AnalyticsController::loadForecast(const QString &metric, int days, const QString &model)
{
    fetchForecast(m_project, metric, days, model, ++m_forecastGeneration);
}

QList<domain::MetricPoint> AnalyticsController::history(const QString &metric) const
{
    return m_history.value(metric);
}

QCoro::Task<> AnalyticsController::fetchRealtime(QString project)
{
    const QPointer<AnalyticsController> self(this);
    const auto answer = co_await m_api.realtime(project);
    if (!self || project != m_project)
        co_return;
    if (!answer) {
        Q_EMIT failed(answer.error());
        co_return;
    }
    record(answer.value());
    Q_EMIT realtimeLoaded(answer.value());
}

QCoro::Task<> AnalyticsController::fetchUsage(QString project, int hours)
{
    const QPointer<AnalyticsController> self(this);
    const QDateTime to = QDateTime::currentDateTimeUtc();
    const auto answer = co_await m_api.usageSeries(project, to.addSecs(-3600LL * hours), to);
    if (!self || project != m_project)
        co_return;
    if (!answer) {
        Q_EMIT failed(answer.error());
        co_return;
    }
    Q_EMIT usageLoaded(answer.value());
}

QCoro::Task<> AnalyticsController::fetchForecast(QString project, QString metric, int days,
                                                 QString model, quint64 generation)
{
    const QPointer<AnalyticsController> self(this);
    const auto answer = co_await m_api.forecast(project, metric, days, model);
    if (!self || generation != m_forecastGeneration)
        co_return;
    if (!answer) {
        const ApiError &error = answer.error();
        if (error.kind == ApiError::Kind::Http && error.status == 400) {
            if (const auto shortfall = forecastShortfall(error.field, error.message)) {
                Q_EMIT forecastUnavailable(shortfall->haveDays, shortfall->needDays);
                co_return;
            }
        }
        Q_EMIT forecastFailed(error);
        co_return;
    }
    Q_EMIT forecastLoaded(answer.value());
}

void AnalyticsController::record(const RealtimeDashboard &dashboard)
{
    m_latest = dashboard;
    for (const RealtimeMetric &metric : dashboard.metrics) {
        QList<domain::MetricPoint> &samples = m_history[metric.name];
        if (metric.perMinute) {
            samples = metric.points;
            continue;
        }
        // Two refreshes within one server second are one sample.
        if (!samples.isEmpty() && samples.constLast().time >= metric.timestamp)
            continue;
        samples.append(domain::MetricPoint{metric.timestamp, metric.value});
        if (samples.size() > kHistoryLimit)
            samples.remove(0, samples.size() - kHistoryLimit);
    }
}

} // namespace waddle::client
