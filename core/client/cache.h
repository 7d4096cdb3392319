#pragma once

#include "domain/health.h"
#include "domain/region.h"
#include "domain/result.h"
#include "domain/waddle.h"
#include "latencyresult.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

namespace waddle::sql {
class Connection;
struct OpenedDatabase;
} // namespace waddle::sql

namespace waddle::client {

// A value the cache kept, and when it was saved, so the app can say how old
// what it shows is (SPEC §13).
template <typename T>
struct Snapshot
{
    T value;
    QDateTime savedAt; // UTC

    // Whole seconds from savedAt to now (negative if savedAt is later).
    [[nodiscard]] qint64 ageSeconds(const QDateTime &now) const { return savedAt.secsTo(now); }
};

// The desktop app's SQLite cache (SPEC §4, §13): the last known regions,
// waddles and health so the app opens with them offline, and latency results
// (fresh for 5 minutes, kept as history). Everything is keyed by the
// server's normalised base URL (serverKey()), so two servers never mix.
//
// Values are stored as their domain JSON (the wire format), beside the
// columns the queries need, so the cache never drifts from the codecs.
// Not a QObject: one instance per thread (QtSql connections are per thread),
// each with its own uniquely named connection. Every write is one
// transaction: all of a batch is kept or none of it.
//
// A file that is not ours (not SQLite, a database of something else, or a
// cache written by a newer build) is never changed and never deleted: it is
// renamed to "<name>.corrupt-<UTC time>" (movedAside()) and a fresh cache is
// built in its place. A cache can always be rebuilt from the server.
class Cache
{
public:
    // SPEC §4: a latency result is fresh for 5 minutes.
    static constexpr std::chrono::seconds kLatencyFreshFor{5 * 60};

    [[nodiscard]] static domain::Result<std::unique_ptr<Cache>> open(const QString &path);
    // <QStandardPaths::CacheLocation>/cache.db; creates the folder.
    [[nodiscard]] static QString defaultPath();

    ~Cache();
    Cache(const Cache &) = delete;
    Cache &operator=(const Cache &) = delete;
    Cache(Cache &&) = delete;
    Cache &operator=(Cache &&) = delete;

    [[nodiscard]] QString path() const { return m_path; }
    // Where an unusable file found at path() was moved; empty when none was.
    [[nodiscard]] QString movedAside() const { return m_movedAside; }
    [[nodiscard]] int schemaVersion() const { return m_schemaVersion; }
    static int latestSchemaVersion();

    // Regions: the whole list as the server gave it, replacing the last one.
    [[nodiscard]] domain::Result<void>
    saveRegions(const QUrl &server, const QList<domain::Region> &regions, const QDateTime &at);
    [[nodiscard]] std::optional<Snapshot<QList<domain::Region>>> regions(const QUrl &server) const;

    // Health checks are history: every distinct check is kept (a check seen
    // twice, by event and by poll, once). Each needs its checkedAt.
    [[nodiscard]] domain::Result<void> saveHealth(const QUrl &server,
                                                  const QList<domain::RegionHealth> &health);
    // Newest first, checked at or after `since` (all when invalid).
    [[nodiscard]] QList<domain::RegionHealth> healthHistory(const QUrl &server,
                                                            const QString &regionCode,
                                                            const QDateTime &since,
                                                            int limit = 1000) const;
    // The newest check of every region, by region code.
    [[nodiscard]] QList<domain::RegionHealth> latestHealth(const QUrl &server) const;

    // Waddles: upserted by id (a paged list arrives page by page); the
    // snapshot's time is that of the last saveWaddles.
    [[nodiscard]] domain::Result<void>
    saveWaddles(const QUrl &server, const QList<domain::Waddle> &waddles, const QDateTime &at);
    // By name, then id; nullopt until a list was saved for this server.
    [[nodiscard]] std::optional<Snapshot<QList<domain::Waddle>>> waddles(const QUrl &server) const;
    // One waddle changed (a live event, a save): kept unless the cache
    // already holds a newer version of it.
    [[nodiscard]] domain::Result<void> updateWaddle(const QUrl &server,
                                                    const domain::Waddle &waddle);

    // Latency results are history; each needs its measuredAt.
    [[nodiscard]] domain::Result<void> saveLatency(const QUrl &server,
                                                   const QList<LatencyResult> &results);
    // The newest result of each region measured with `mode` no longer than
    // `maxAge` before `now`, by region code.
    [[nodiscard]] QList<LatencyResult>
    freshLatency(const QUrl &server, ProbeMode mode, const QDateTime &now,
                 std::chrono::seconds maxAge = kLatencyFreshFor) const;
    // Newest first, every mode.
    [[nodiscard]] QList<LatencyResult> latencyHistory(const QUrl &server, const QString &regionCode,
                                                      int limit = 1000) const;

    // Forgets health and latency history older than `cutoff` (every server);
    // the last known regions and waddles stay. Returns the rows removed.
    [[nodiscard]] domain::Result<qint64> pruneBefore(const QDateTime &cutoff);

private:
    Cache(QString path, sql::OpenedDatabase opened);
    void close();

    QString m_path;
    QString m_movedAside;
    std::unique_ptr<sql::Connection> m_connection;
    QSqlDatabase m_db; // m_connection's
    int m_schemaVersion = 0;
};

} // namespace waddle::client
