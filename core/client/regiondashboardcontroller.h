#pragma once

#include "analyticstypes.h"
#include "apierror.h"

#include <QCoroTask>
#include <QObject>
#include <QTimer>

#include <chrono>

namespace waddle::client {

class ApiClient;

// One region's dashboard (SPEC §11, seed 000 RegionDashboard): loads GET
// /regions/{code}/dashboard and again every 30 s while a region is shown.
// Switching regions drops the old region's answers still in flight.
class RegionDashboardController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionDashboardController)

public:
    static constexpr std::chrono::milliseconds kRefreshInterval{30000}; // SPEC §11

    // `api` outlives the controller.
    explicit RegionDashboardController(ApiClient &api, QObject *parent = nullptr);
    ~RegionDashboardController() override;

    // Shows `code` from now on: loads it now and then every refreshInterval().
    void show(const QString &code);
    // Stops refreshing (the dashboard closed).
    void stop();
    void refresh();
    void setRefreshInterval(std::chrono::milliseconds interval);
    [[nodiscard]] const QString &region() const { return m_region; }
    [[nodiscard]] bool isRunning() const { return m_timer.isActive(); }

Q_SIGNALS:
    void loaded(const waddle::client::RegionDashboard &dashboard);
    void failed(const waddle::client::ApiError &error);

private:
    QCoro::Task<> fetch(QString code);

    ApiClient &m_api;
    QString m_region;
    QTimer m_timer;
};

} // namespace waddle::client
