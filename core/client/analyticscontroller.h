#pragma once

#include "analyticstypes.h"
#include "apierror.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace waddle::client {

class ApiClient;

// The analytics screen's flow (SPEC §11, seed 001): the real-time metric
// cards of one project, refreshed every 15 s while started, with each
// metric's line (the cards' charts: its minutes of the last half hour, or
// for a custom metric its values as they were seen at each refresh);
// the project's usage of the last hours; and forecasts on demand. Screens bind
// to the signals and never call the API.
class AnalyticsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnalyticsController)

public:
    static constexpr std::chrono::milliseconds kRefreshInterval{15000}; // SPEC §11
    // How many samples a metric keeps: 12 hours at one a refresh.
    static constexpr qsizetype kHistoryLimit = 2880;

    // `api` outlives the controller.
    explicit AnalyticsController(ApiClient &api, QObject *parent = nullptr);
    ~AnalyticsController() override;

    // The project whose analytics are read ("fleet": the whole fleet). A new
    // project forgets the samples of the old one.
    void setProject(const QString &projectId);
    [[nodiscard]] const QString &project() const { return m_project; }

    // Refreshes now and then every refreshInterval() until stop().
    void start();
    void stop();
    [[nodiscard]] bool isRunning() const { return m_timer.isActive(); }
    void setRefreshInterval(std::chrono::milliseconds interval);
    [[nodiscard]] std::chrono::milliseconds refreshInterval() const;

    // GET /analytics/realtime/{project} once: realtimeLoaded() or failed().
    void refresh();
    // GET /analytics/usage/{project}, hourly, the last `hours`: usageLoaded().
    void loadUsage(int hours = 24);
    // GET /analytics/forecast/{project}: forecastLoaded(), or
    // forecastUnavailable() for too little history, or forecastFailed(). Only the
    // newest request answers; an older one still in flight is dropped.
    void loadForecast(const QString &metric, int days, const QString &model);

    [[nodiscard]] const std::optional<RealtimeDashboard> &latest() const { return m_latest; }
    // The line of `metric`'s card, oldest first: its minutes as the server
    // last sent them (a built-in metric), else its values seen at each
    // refresh (a custom one).
    [[nodiscard]] QList<domain::MetricPoint> history(const QString &metric) const;

Q_SIGNALS:
    void realtimeLoaded(const waddle::client::RealtimeDashboard &dashboard);
    void usageLoaded(const QList<waddle::client::UsagePoint> &points);
    void forecastLoaded(const waddle::client::ForecastAnswer &forecast);
    // Too little history for a forecast: `haveDays` of the `needDays` needed.
    void forecastUnavailable(int haveDays, int needDays);
    // A forecast failed for another reason (the other calls: failed()).
    void forecastFailed(const waddle::client::ApiError &error);
    void failed(const waddle::client::ApiError &error);

private:
    QCoro::Task<> fetchRealtime(QString project);
    QCoro::Task<> fetchUsage(QString project, int hours);
    QCoro::Task<> fetchForecast(QString project, QString metric, int days, QString model,
                                quint64 generation);
    void record(const RealtimeDashboard &dashboard);

    ApiClient &m_api;
    QString m_project = QStringLiteral("fleet");
    QTimer m_timer;
    std::optional<RealtimeDashboard> m_latest;
    QHash<QString, QList<domain::MetricPoint>> m_history;
    quint64 m_forecastGeneration = 0;
};

} // namespace waddle::client
