#include "regiondashboardcontroller.h"

#include "apiclient.h"

#include <QPointer>

namespace waddle::client {

RegionDashboardController::RegionDashboardController(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_timer.setInterval(kRefreshInterval);
    connect(&m_timer, &QTimer::timeout, this, &RegionDashboardController::refresh);
}

RegionDashboardController::~RegionDashboardController() = default;

void RegionDashboardController::show(const QString &code)
{
    m_region = code;
    m_timer.start();
    refresh();
}

void RegionDashboardController::stop()
{
    m_timer.stop();
}

void RegionDashboardController::refresh()
{
    if (!m_region.isEmpty())
        fetch(m_region);
}

void RegionDashboardController::setRefreshInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

QCoro::Task<> RegionDashboardController::fetch(QString code)
{
    const QPointer<RegionDashboardController> self(this);
    const auto answer = co_await m_api.regionDashboard(code);
    if (!self || code != m_region)
        co_return;
    if (!answer) {
        Q_EMIT failed(answer.error());
        co_return;
    }
    Q_EMIT loaded(answer.value());
}

} // namespace waddle::client
