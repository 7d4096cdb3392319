#pragma once

#include "apikey.h"
#include "domain/analytics/alert.h"
#include "domain/analytics/metricpoint.h"
#include "domain/analytics/usageevent.h"
#include "domain/health.h"
#include "domain/member.h"
#include "domain/placement/locationgroup.h"
#include "domain/region.h"
#include "domain/waddle.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace waddle::cp {

// A region status change the health monitor raised (SPEC §8): offline is
// critical, degraded a warning, recovered info.
struct RegionAlert
{
    QString id; // assigned by recordAlert when empty
    QString regionCode;
    domain::Severity severity = domain::Severity::Info;
    QString title;
    QString description;
    domain::RegionStatus from = domain::RegionStatus::Online;
    domain::RegionStatus to = domain::RegionStatus::Online;
    QDateTime createdAt; // UTC; recordAlert uses now when invalid
    std::optional<QDateTime> acknowledgedAt;

    friend bool operator==(const RegionAlert &, const RegionAlert &) = default;
};

// One hour of one region's usage, summed as events arrive (PERFORMANCE.md:
// grouping millions of events at query time is too slow for a dashboard).
struct HourlyUsage
{
    QString region;
    QDateTime hour; // UTC, the start of the hour
    qint64 sessions = 0;
    qint64 participants = 0;
    double totalDurationSeconds = 0.0;
    double qualitySum = 0.0; // over sessions
    double latencySum = 0.0; // over sessions, ms

    [[nodiscard]] double averageQuality() const;
    [[nodiscard]] double averageLatencyMs() const;

    friend bool operator==(const HourlyUsage &, const HourlyUsage &) = default;
};

// The control plane's persistent state: regions, waddles and members, API
// keys, health history, region alerts and usage (ARCHITECTURE.md "Nothing
// lost"). SQLite through QtSql; every statement outside migrations.cpp is
// standard SQL so a PostgreSQL store differs only in its migrations.
//
// One instance per thread (QtSql connections are per thread): open it on the
// thread that uses it. Each instance owns a uniquely named connection and
// removes it when destroyed. Every change of more than one row is one
// transaction: all of it happens or none. Times are stored as ISO 8601 UTC
// text with milliseconds, so text order is time order.
class Store
{
public:
    // Opens or creates the SQLite file at `path` (":memory:" for a private
    // in-memory store), turns on write-ahead logging for files, and applies
    // the pending migrations. A file that is not a database, a database that
    // is not ours, or one written by a newer build is refused (Invalid) and
    // left as it was.
    [[nodiscard]] static StoreResult<std::unique_ptr<Store>> open(const QString &path);

    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;
    Store(Store &&) = delete;
    Store &operator=(Store &&) = delete;

    [[nodiscard]] int schemaVersion() const;
    [[nodiscard]] QString path() const;

    // --- Regions (SPEC §3) ---------------------------------------------------
    // Inserts new regions at the end of the catalogue order and updates known
    // ones in place (definition and status). The operator's maintenance flag
    // of a known region is kept; a new region starts in maintenance only when
    // its status says so.
    [[nodiscard]] StoreResult<void> saveRegions(const QList<domain::Region> &regions);
    // In catalogue order. A region in maintenance reports status Maintenance;
    // otherwise the last status set.
    [[nodiscard]] StoreResult<QList<domain::Region>> regions() const;
    // Online, degraded or offline from the health monitor; Maintenance turns
    // the maintenance flag on (as setMaintenance), keeping the last status
    // for when it is lifted.
    [[nodiscard]] StoreResult<void> setRegionStatus(const QString &code,
                                                    domain::RegionStatus status);
    [[nodiscard]] StoreResult<void> setMaintenance(const QString &code, bool on);

    // --- Waddles (SPEC §6, §9) -----------------------------------------------
    [[nodiscard]] StoreResult<qint64> waddleCount() const;
    // Ordered by id.
    [[nodiscard]] StoreResult<QList<domain::Waddle>> waddles(qint64 offset, qint64 limit) const;
    [[nodiscard]] StoreResult<domain::Waddle> waddle(const QString &id) const;
    // The waddles whose current region is `code`, ordered by id.
    [[nodiscard]] StoreResult<QList<domain::Waddle>> waddlesOnRegion(const QString &code) const;
    // The owner's choice, saved only if the stored version is still
    // `expectedVersion` (SPEC §6 If-Match): NotFound for an unknown id,
    // Conflict naming the current version otherwise. An explicit choice ends a
    // temporary failover placement (fail-back must not undo the owner's
    // decision). Returns the stored waddle with its new version.
    [[nodiscard]] StoreResult<domain::Waddle> updateVoiceRegion(const QString &id,
                                                                const QString &voiceRegion,
                                                                const QString &currentRegion,
                                                                qint64 expectedVersion);
    // Moves a waddle (failover, fail-back, optimiser, migration). `temporary`
    // needs `originalRegion`; without it the original is cleared.
    [[nodiscard]] StoreResult<domain::Waddle> setCurrentRegion(const QString &id,
                                                               const QString &currentRegion,
                                                               bool temporary,
                                                               const QString &originalRegion);
    // Adds waddles and members in one transaction: a duplicate id (Conflict)
    // or a member of an unknown waddle (Invalid) leaves the store unchanged.
    [[nodiscard]] StoreResult<void> insertWaddles(const QList<domain::Waddle> &waddles,
                                                  const QList<domain::Member> &members);
    // True when there are no waddles yet (the demo seeds then).
    [[nodiscard]] StoreResult<bool> isEmpty() const;

    // --- Members -------------------------------------------------------------
    // Ordered by id.
    [[nodiscard]] StoreResult<QList<domain::Member>> members(const QString &waddleId, qint64 offset,
                                                             qint64 limit) const;
    [[nodiscard]] StoreResult<qint64> memberCount(const QString &waddleId) const;
    // Members by place, counted in SQL: one group per city and country (at
    // the mean of its members' points), members with only coordinates by
    // 0.01° cell as domain::groupByLocation does; members without a location
    // are left out. Largest groups first.
    [[nodiscard]] StoreResult<QList<domain::LocationGroup>>
    memberGroups(const QString &waddleId) const;

    // --- API keys (SPEC §12) -------------------------------------------------
    // Makes a key and returns its secret: the only time it is seen, as only
    // its hash is stored. Owner keys list the waddles they may edit.
    [[nodiscard]] StoreResult<QString> createApiKey(const QString &name, Role role,
                                                    const QStringList &waddleIds);
    // Makes sure a key with this secret exists with this name and role (the
    // WADDLE_ADMIN_KEY environment variable, applied at every start).
    // Idempotent; a key once revoked stays revoked (a restart must not undo
    // a revocation — configure a new secret instead).
    [[nodiscard]] StoreResult<void> ensureApiKey(const QString &secret, const QString &name,
                                                 Role role);
    // NotFound for an unknown or revoked secret.
    [[nodiscard]] StoreResult<ApiKey> findApiKey(const QString &secret) const;
    [[nodiscard]] StoreResult<void> revokeApiKey(const QString &id);
    // Keys not revoked.
    [[nodiscard]] StoreResult<qint64> apiKeyCount() const;

    // --- Health (SPEC §8) ----------------------------------------------------
    [[nodiscard]] StoreResult<void> recordHealth(const QList<domain::RegionHealth> &checks);
    // Checks of one region at or after `since` (all when invalid), newest
    // first, at most `limit` (> 0).
    [[nodiscard]] StoreResult<QList<domain::RegionHealth>>
    healthHistory(const QString &code, const QDateTime &since, int limit) const;
    [[nodiscard]] StoreResult<std::optional<domain::RegionHealth>>
    latestHealth(const QString &code) const;
    // Deletes checks older than `before`; returns how many.
    [[nodiscard]] StoreResult<qint64> pruneHealthBefore(const QDateTime &before);

    // --- Region alerts (SPEC §8) ---------------------------------------------
    [[nodiscard]] StoreResult<void> recordAlert(const RegionAlert &alert);
    // Newest first, at most `limit` (> 0).
    [[nodiscard]] StoreResult<QList<RegionAlert>> alerts(int limit) const;
    [[nodiscard]] StoreResult<void> acknowledgeAlert(const QString &id, const QDateTime &at);

    // --- Usage (SPEC §11) ----------------------------------------------------
    // Stores finished sessions and adds them to their hours' totals, in one
    // transaction. Events without an id get one from the database; an id
    // given must be a whole number (it is the row's key).
    [[nodiscard]] StoreResult<void> insertUsageEvents(const QList<domain::UsageEvent> &events);
    [[nodiscard]] StoreResult<qint64> usageEventCount() const;
    // Sessions per hour of one region for every hour that starts in
    // [hour of `from`, `to`), zero for hours without sessions; oldest first.
    [[nodiscard]] StoreResult<QList<domain::MetricPoint>>
    hourlySessions(const QString &region, const QDateTime &from, const QDateTime &to) const;
    // The stored hourly totals in the same range (hours without sessions are
    // absent); all regions when `region` is empty. Ordered by hour, region.
    [[nodiscard]] StoreResult<QList<HourlyUsage>>
    hourlyUsage(const QString &region, const QDateTime &from, const QDateTime &to) const;

private:
    Store(QString connectionName, QString path);

    [[nodiscard]] StoreResult<void> initialise();
    [[nodiscard]] StoreResult<void> migrate(int from);
    [[nodiscard]] StoreResult<domain::Waddle> readWaddle(const QString &id) const;
    [[nodiscard]] StoreResult<void> requireWaddle(const QString &id) const;

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    int m_schemaVersion = 0;
};

} // namespace waddle::cp
