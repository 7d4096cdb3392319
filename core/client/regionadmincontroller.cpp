#include "regionadmincontroller.h"

#include <QPointer>

namespace waddle::client {

using namespace waddle::domain;

RegionAdminController::RegionAdminController(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{}

RegionAdminController::~RegionAdminController() = default;

void RegionAdminController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

void RegionAdminController::fail(const ApiError &error)
{
    m_lastError = error.message;
    Q_EMIT failed(m_lastError);
}

QCoro::Task<bool> RegionAdminController::open(QString code)
{
    const QPointer<RegionAdminController> self(this);
    // The last region asked for wins: an older answer arriving later is
    // dropped, so quick moves through the list never show the wrong one.
    const quint64 ticket = ++m_opening;
    setBusy(true);
    const auto read = co_await m_api.region(code);
    if (!self || ticket != m_opening)
        co_return false;
    setBusy(false);
    if (!read) {
        fail(read.error());
        co_return false;
    }
    m_region = read.value();
    m_conflict.reset();
    m_lastError.clear();
    Q_EMIT loaded(*m_region);
    co_return true;
}

QCoro::Task<bool> RegionAdminController::save(RegionSettings settings)
{
    if (!m_region) {
        m_lastError = tr("Open a region first");
        Q_EMIT failed(m_lastError);
        co_return false;
    }
    const QString etag = regionETag(*m_region);
    co_return co_await saveWith(std::move(settings), etag);
}

QCoro::Task<bool> RegionAdminController::saveOver(RegionSettings settings)
{
    if (!m_conflict)
        co_return co_await save(std::move(settings));
    const QString etag = regionETag(*m_conflict);
    co_return co_await saveWith(std::move(settings), etag);
}

QCoro::Task<bool> RegionAdminController::saveWith(RegionSettings settings, QString etag)
{
    const QPointer<RegionAdminController> self(this);
    const QString code = m_region->code;
    setBusy(true);
    const auto updated = co_await m_api.updateRegionSettings(code, settings, etag);
    if (!self)
        co_return false;
    setBusy(false);
    if (!updated) {
        if (const std::optional<Region> theirs = conflictRegion(updated.error())) {
            m_conflict = theirs;
            m_lastError = updated.error().message;
            Q_EMIT conflicted(*theirs);
            co_return false;
        }
        fail(updated.error());
        co_return false;
    }
    m_region = updated.value();
    m_conflict.reset();
    m_lastError.clear();
    Q_EMIT saved(*m_region);
    co_return true;
}

QCoro::Task<bool> RegionAdminController::setMaintenance(bool on, bool drain)
{
    if (!m_region)
        co_return false;
    const QPointer<RegionAdminController> self(this);
    const QString code = m_region->code;
    setBusy(true);
    const auto set = co_await m_api.setMaintenance(code, on, drain && on);
    if (!self)
        co_return false;
    setBusy(false);
    if (!set) {
        fail(set.error());
        co_return false;
    }
    // The answer's status is the new one; settings and version are as read.
    m_region->status = set->status;
    m_lastError.clear();
    Q_EMIT maintenanceSet(*m_region);
    co_return true;
}

QCoro::Task<bool> RegionAdminController::checkNow()
{
    if (!m_region)
        co_return false;
    const QPointer<RegionAdminController> self(this);
    const QString code = m_region->code;
    setBusy(true);
    const auto health = co_await m_api.checkRegion(code);
    if (!self)
        co_return false;
    setBusy(false);
    if (!health) {
        fail(health.error());
        co_return false;
    }
    m_lastError.clear();
    Q_EMIT checked(health.value());
    co_return true;
}

} // namespace waddle::client
