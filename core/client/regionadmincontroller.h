#pragma once

#include "apiclient.h"

#include <QCoroTask>
#include <QObject>

#include <optional>

namespace waddle::client {

// What Operations › Manage Regions… does, without widgets (issue 13, seed
// 001's Regions page): one region read fresh (its version for If-Match),
// its priority and failover list saved with that version, maintenance on
// or off (on with a drain: every waddle migrates away), and a health check
// now. A 409 keeps the server's version in conflict() until the person
// reloads or saves over it; nothing is retried behind their back.
class RegionAdminController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionAdminController)

public:
    explicit RegionAdminController(ApiClient &api, QObject *parent = nullptr);
    ~RegionAdminController() override;

    // Reads the region (again); loaded() or failed(). When open() is called
    // again before the answer, only the last one counts.
    QCoro::Task<bool> open(QString code);
    [[nodiscard]] std::optional<domain::Region> region() const { return m_region; }
    // The server's version after a stale save, until open() or saveOver().
    [[nodiscard]] std::optional<domain::Region> conflict() const { return m_conflict; }

    // Saves the settings over the version last read; saved(), conflicted()
    // (someone else saved first) or failed().
    QCoro::Task<bool> save(domain::RegionSettings settings);
    // After conflicted(): saves the same settings over the server's version.
    QCoro::Task<bool> saveOver(domain::RegionSettings settings);
    // maintenanceSet() (with how many waddles a drain moves) or failed().
    QCoro::Task<bool> setMaintenance(bool on, bool drain);
    // checked() with the fresh reading, or failed().
    QCoro::Task<bool> checkNow();

    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void loaded(const waddle::domain::Region &region);
    void saved(const waddle::domain::Region &region);
    void conflicted(const waddle::domain::Region &theirs);
    void maintenanceSet(const waddle::domain::Region &region);
    void checked(const waddle::domain::RegionHealth &health);
    void failed(const QString &message);
    void busyChanged(bool busy);

private:
    QCoro::Task<bool> saveWith(domain::RegionSettings settings, QString etag);
    void setBusy(bool busy);
    void fail(const ApiError &error);

    ApiClient &m_api;
    std::optional<domain::Region> m_region;
    std::optional<domain::Region> m_conflict;
    quint64 m_opening = 0; // grows with every open(): older answers are stale
    bool m_busy = false;
    QString m_lastError;
};

} // namespace waddle::client
