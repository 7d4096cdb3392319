#include "cache.h"

#include "domain/jsonreader.h"
#include "session.h"
#include "sql/opendatabase.h"
#include "sql/sqlhelpers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <utility>

namespace waddle::client {

using domain::Error;
using domain::Region;
using domain::RegionHealth;
using domain::Result;
using domain::Waddle;

Q_LOGGING_CATEGORY(lcCache, "waddle.client.cache")

namespace {

// "WRCC" (Waddle Region Console Cache) in the SQLite header's application_id:
// the marker that tells our cache from any other SQLite file.
constexpr int kApplicationId = 0x57524343;

constexpr auto kRegionsKind = QLatin1String("regions");
constexpr auto kWaddlesKind = QLatin1String("waddles");

// v1: what SPEC §4 and §13 need the app to remember between runs. Times are
// ISO 8601 UTC text with milliseconds (text order = time order); values are
// their domain JSON in `document`.
QList<sql::Migration> migrations()
{
    return {
        sql::Migration{
            1,
            QStringLiteral("regions, waddles, health and latency per server"),
            {
                QStringLiteral("CREATE TABLE schema_version ("
                               " version INTEGER PRIMARY KEY,"
                               " description TEXT NOT NULL,"
                               " applied_at TEXT NOT NULL)"),
                // When a whole list (kind: regions, waddles) was last saved.
                QStringLiteral("CREATE TABLE snapshots ("
                               " server TEXT NOT NULL,"
                               " kind TEXT NOT NULL,"
                               " saved_at TEXT NOT NULL,"
                               " PRIMARY KEY (server, kind))"),
                QStringLiteral("CREATE TABLE regions ("
                               " server TEXT NOT NULL,"
                               " code TEXT NOT NULL CHECK (code <> ''),"
                               " position INTEGER NOT NULL,"
                               " document TEXT NOT NULL,"
                               " PRIMARY KEY (server, code))"),
                QStringLiteral("CREATE TABLE waddles ("
                               " server TEXT NOT NULL,"
                               " id TEXT NOT NULL CHECK (id <> ''),"
                               " name TEXT NOT NULL,"
                               " version INTEGER NOT NULL,"
                               " document TEXT NOT NULL,"
                               " PRIMARY KEY (server, id))"),
                // The unique key serves history by region and drops a check
                // seen twice (by event and by poll).
                QStringLiteral("CREATE TABLE health ("
                               " id INTEGER PRIMARY KEY,"
                               " server TEXT NOT NULL,"
                               " region_code TEXT NOT NULL,"
                               " checked_at TEXT NOT NULL,"
                               " document TEXT NOT NULL,"
                               " UNIQUE (server, region_code, checked_at))"),
                QStringLiteral("CREATE INDEX health_checked_at ON health (checked_at)"),
                QStringLiteral("CREATE TABLE latency ("
                               " id INTEGER PRIMARY KEY,"
                               " server TEXT NOT NULL,"
                               " region_code TEXT NOT NULL,"
                               " mode TEXT NOT NULL,"
                               " measured_at TEXT NOT NULL,"
                               " document TEXT NOT NULL,"
                               " UNIQUE (server, region_code, mode, measured_at))"),
                QStringLiteral(
                    "CREATE INDEX latency_recent ON latency (server, mode, measured_at)"),
                QStringLiteral("CREATE INDEX latency_measured_at ON latency (measured_at)"),
                QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId),
            },
        },
    };
}

Error failure(const QString &message, const QString &field = {})
{
    return Error{field, message};
}

Error sqlError(const QString &what, const QSqlError &error)
{
    return failure(QStringLiteral("Could not %1: %2").arg(what, sql::errorText(error)));
}

using MaybeError = std::optional<Error>;

// Cache-flavoured forms of the shared QtSql helpers (core/sql).
MaybeError run(QSqlQuery &query, const QString &statement, const QVariantList &values,
               const QString &what)
{
    return sql::run(query, statement, values, what, sqlError);
}

MaybeError runBatch(const QSqlDatabase &db, const QString &statement,
                    const QList<QVariantList> &columns, const QString &what)
{
    return sql::runBatch(db, statement, columns, what, sqlError);
}

using Transaction = sql::Transaction<Error, sqlError>;

using sql::timeFrom;
using sql::timeText;

QString documentText(const QJsonObject &json)
{
    return QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
}

// Decodes one stored document with its domain codec; a row that no longer
// decodes is skipped (and logged) rather than failing the whole read.
template <typename T, typename Decode>
std::optional<T> decodeDocument(const QVariant &document, Decode decode, QLatin1String table)
{
    const Result<QJsonObject> json = domain::JsonReader::parseObject(document.toString().toUtf8());
    if (!json) {
        qCWarning(lcCache) << "skipping an unreadable row of" << table << json.error().message;
        return std::nullopt;
    }
    Result<T> value = decode(QJsonValue(json.value()), QString());
    if (!value) {
        qCWarning(lcCache) << "skipping a row of" << table
                           << "that no longer decodes:" << value.error().field
                           << value.error().message;
        return std::nullopt;
    }
    return std::move(value).value();
}

template <typename T, typename Decode>
QList<T> decodeRows(QSqlQuery &query, int column, Decode decode, QLatin1String table)
{
    QList<T> out;
    while (query.next()) {
        if (std::optional<T> value = decodeDocument<T>(query.value(column), decode, table))
            out.append(std::move(*value));
    }
    return out;
}

// A saved list and when it was saved, from a query of (saved_at, document)
// rows — one statement, so the time and the rows come from the same state.
// No row: nothing was ever saved; a row with a null document: an empty list.
template <typename T, typename Decode>
std::optional<Snapshot<QList<T>>> readSnapshot(QSqlQuery &query, Decode decode, QLatin1String table)
{
    std::optional<Snapshot<QList<T>>> snapshot;
    while (query.next()) {
        if (!snapshot)
            snapshot = Snapshot<QList<T>>{{}, timeFrom(query.value(0))};
        if (query.value(1).isNull())
            continue;
        if (std::optional<T> value = decodeDocument<T>(query.value(1), decode, table))
            snapshot->value.append(std::move(*value));
    }
    return snapshot;
}

Error noServer()
{
    return failure(QStringLiteral("No server given"), QStringLiteral("server"));
}

// Renames `path` (and its -wal and -shm companions, so the moved database
// still opens whole) to "<path>.corrupt-<UTC time>", never overwriting.
Result<QString> moveAside(const QString &path)
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    QString target = path + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = path + QStringLiteral(".corrupt-") + stamp + QStringLiteral("-%1").arg(n);
    if (!QFile::rename(path, target)) {
        return failure(QStringLiteral("%1 is not a usable cache and could not be moved aside to %2")
                           .arg(path, target),
                       QStringLiteral("path"));
    }
    for (const QLatin1String suffix : {QLatin1String("-wal"), QLatin1String("-shm")}) {
        if (QFileInfo::exists(path + suffix) && !QFile::rename(path + suffix, target + suffix))
            qCWarning(lcCache) << "could not move" << path + suffix << "aside";
    }
    return target;
}

} // namespace

// --- opening ---------------------------------------------------------------

Cache::Cache(QString path, sql::OpenedDatabase opened)
    : m_path(std::move(path))
    , m_connection(std::move(opened.connection))
    , m_db(m_connection->database())
    , m_schemaVersion(opened.schemaVersion)
{}

Cache::~Cache()
{
    close();
}

void Cache::close()
{
    m_db = QSqlDatabase();
    m_connection.reset();
}

int Cache::latestSchemaVersion()
{
    return migrations().constLast().version;
}

QString Cache::defaultPath()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(folder);
    return QDir(folder).filePath(QStringLiteral("cache.db"));
}

Result<std::unique_ptr<Cache>> Cache::open(const QString &path)
{
    if (path.isEmpty())
        return failure(QStringLiteral("No cache path given"), QStringLiteral("path"));
    if (sql::isFileDatabase(path)) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder)) {
            return failure(QStringLiteral("Cannot create the cache folder %1").arg(folder),
                           QStringLiteral("path"));
        }
    }
    sql::DatabaseOptions options;
    options.location = path;
    options.connectionPrefix = QStringLiteral("waddle-cache-");
    options.label = QStringLiteral("cache");
    options.migrations = migrations();
    // Wait for another instance's write instead of failing at once; NORMAL
    // sync is safe with WAL (a power cut may lose the last writes, never the
    // file). A damaged page would otherwise fail some reads for ever after: a
    // cache is small (history is pruned), so checking it costs little.
    options.connectionSettings = {QStringLiteral("PRAGMA busy_timeout = 5000")};
    options.fileSettings = {QStringLiteral("PRAGMA synchronous = NORMAL")};
    options.applicationId = kApplicationId;
    options.checkIntegrity = true;

    const auto asError = [](const sql::OpenError &error) {
        const bool aboutThePath = error.kind == sql::OpenError::Kind::CannotOpen ||
                                  error.kind == sql::OpenError::Kind::NotOurs;
        return failure(error.message, aboutThePath ? QStringLiteral("path") : QString());
    };
    auto opened = sql::openDatabase(options);
    if (opened)
        return std::unique_ptr<Cache>(new Cache(path, std::move(opened).value()));
    if (opened.error().kind != sql::OpenError::Kind::NotOurs || !sql::isFileDatabase(path))
        return asError(opened.error());

    // Not ours: never changed, never deleted, but moved aside for a fresh one.
    qCWarning(lcCache) << opened.error().message;
    Result<QString> moved = moveAside(path);
    if (!moved)
        return moved.error();
    auto fresh = sql::openDatabase(options);
    if (!fresh)
        return asError(fresh.error());
    std::unique_ptr<Cache> cache(new Cache(path, std::move(fresh).value()));
    cache->m_movedAside = moved.value();
    return cache;
}

// --- regions ---------------------------------------------------------------

Result<void> Cache::saveRegions(const QUrl &server, const QList<Region> &regions,
                                const QDateTime &at)
{
    const QString key = serverKey(server);
    if (key.isEmpty())
        return noServer();
    if (!at.isValid())
        return failure(QStringLiteral("The regions need the time they were fetched"),
                       QStringLiteral("at"));
    QVariantList servers, codes, positions, documents;
    for (qsizetype i = 0; i < regions.size(); ++i) {
        servers.append(key);
        codes.append(regions.at(i).code);
        positions.append(static_cast<qint64>(i));
        documents.append(documentText(domain::toJson(regions.at(i))));
    }

    const QString what = QStringLiteral("save the regions");
    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    QSqlQuery clear(m_db);
    if (auto error =
            run(clear, QStringLiteral("DELETE FROM regions WHERE server = ?"), {key}, what))
        return *error;
    if (auto error = runBatch(m_db,
                              QStringLiteral("INSERT INTO regions (server, code, position, "
                                             "document) VALUES (?, ?, ?, ?)"),
                              {servers, codes, positions, documents}, what)) {
        return *error;
    }
    QSqlQuery stamp(m_db);
    if (auto error = run(stamp,
                         QStringLiteral("INSERT INTO snapshots (server, kind, saved_at) VALUES "
                                        "(?, ?, ?) ON CONFLICT (server, kind) DO UPDATE SET "
                                        "saved_at = excluded.saved_at"),
                         {key, QString(kRegionsKind), timeText(at)}, what)) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

std::optional<Snapshot<QList<Region>>> Cache::regions(const QUrl &server) const
{
    QSqlQuery q(m_db);
    if (auto error =
            run(q,
                QStringLiteral("SELECT s.saved_at, r.document FROM snapshots s LEFT JOIN "
                               "regions r ON r.server = s.server WHERE s.server = ? "
                               "AND s.kind = ? ORDER BY r.position"),
                {serverKey(server), QString(kRegionsKind)}, QStringLiteral("read the regions"))) {
        qCWarning(lcCache) << error->message;
        return std::nullopt;
    }
    return readSnapshot<Region>(q, domain::regionFromJson, kRegionsKind);
}

// --- health ----------------------------------------------------------------

Result<void> Cache::saveHealth(const QUrl &server, const QList<RegionHealth> &health)
{
    const QString key = serverKey(server);
    if (key.isEmpty())
        return noServer();
    QVariantList servers, codes, times, documents;
    for (qsizetype i = 0; i < health.size(); ++i) {
        const RegionHealth &h = health.at(i);
        if (h.code.isEmpty() || !h.checkedAt.isValid()) {
            return failure(QStringLiteral("A health check needs its region and time"),
                           QStringLiteral("health[%1]").arg(i));
        }
        servers.append(key);
        codes.append(h.code);
        times.append(timeText(h.checkedAt));
        documents.append(documentText(domain::toJson(h)));
    }
    if (health.isEmpty())
        return {};
    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    if (auto error =
            runBatch(m_db,
                     QStringLiteral("INSERT INTO health (server, region_code, checked_at, "
                                    "document) VALUES (?, ?, ?, ?) ON CONFLICT (server, "
                                    "region_code, checked_at) DO UPDATE SET document = "
                                    "excluded.document"),
                     {servers, codes, times, documents}, QStringLiteral("save health checks"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

QList<RegionHealth> Cache::healthHistory(const QUrl &server, const QString &regionCode,
                                         const QDateTime &since, int limit) const
{
    QSqlQuery q(m_db);
    if (auto error =
            run(q,
                QStringLiteral("SELECT document FROM health WHERE server = ? AND "
                               "region_code = ? AND checked_at >= ? ORDER BY "
                               "checked_at DESC, id DESC LIMIT ?"),
                {serverKey(server), regionCode,
                 since.isValid() ? timeText(since) : QStringLiteral(""), std::max(limit, 0)},
                QStringLiteral("read the health history"))) {
        qCWarning(lcCache) << error->message;
        return {};
    }
    return decodeRows<RegionHealth>(q, 0, domain::regionHealthFromJson, QLatin1String("health"));
}

QList<RegionHealth> Cache::latestHealth(const QUrl &server) const
{
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT document FROM (SELECT document, region_code, "
                                        "ROW_NUMBER() OVER (PARTITION BY region_code ORDER BY "
                                        "checked_at DESC, id DESC) AS n FROM health WHERE "
                                        "server = ?) WHERE n = 1 ORDER BY region_code"),
                         {serverKey(server)}, QStringLiteral("read the latest health"))) {
        qCWarning(lcCache) << error->message;
        return {};
    }
    return decodeRows<RegionHealth>(q, 0, domain::regionHealthFromJson, QLatin1String("health"));
}

// --- waddles ---------------------------------------------------------------

Result<void> Cache::saveWaddles(const QUrl &server, const QList<Waddle> &waddles,
                                const QDateTime &at)
{
    const QString key = serverKey(server);
    if (key.isEmpty())
        return noServer();
    if (!at.isValid())
        return failure(QStringLiteral("The waddles need the time they were fetched"),
                       QStringLiteral("at"));
    QVariantList servers, ids, names, versions, documents;
    for (const Waddle &w : waddles) {
        servers.append(key);
        ids.append(w.id.isNull() ? QStringLiteral("") : w.id);
        names.append(w.name.isNull() ? QStringLiteral("") : w.name);
        versions.append(w.version);
        documents.append(documentText(domain::toJson(w)));
    }

    const QString what = QStringLiteral("save the waddles");
    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    QSqlQuery stamp(m_db);
    if (auto error = run(stamp,
                         QStringLiteral("INSERT INTO snapshots (server, kind, saved_at) VALUES "
                                        "(?, ?, ?) ON CONFLICT (server, kind) DO UPDATE SET "
                                        "saved_at = excluded.saved_at"),
                         {key, QString(kWaddlesKind), timeText(at)}, what)) {
        return *error;
    }
    // The server's word is the truth: a listed waddle replaces the cached one.
    if (auto error = runBatch(m_db,
                              QStringLiteral("INSERT INTO waddles (server, id, name, version, "
                                             "document) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                                             "(server, id) DO UPDATE SET name = excluded.name, "
                                             "version = excluded.version, document = "
                                             "excluded.document"),
                              {servers, ids, names, versions, documents}, what)) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

std::optional<Snapshot<QList<Waddle>>> Cache::waddles(const QUrl &server) const
{
    QSqlQuery q(m_db);
    if (auto error =
            run(q,
                QStringLiteral("SELECT s.saved_at, w.document FROM snapshots s LEFT JOIN "
                               "waddles w ON w.server = s.server WHERE s.server = ? "
                               "AND s.kind = ? ORDER BY w.name COLLATE NOCASE, w.id"),
                {serverKey(server), QString(kWaddlesKind)}, QStringLiteral("read the waddles"))) {
        qCWarning(lcCache) << error->message;
        return std::nullopt;
    }
    return readSnapshot<Waddle>(q, domain::waddleFromJson, kWaddlesKind);
}

Result<void> Cache::updateWaddle(const QUrl &server, const Waddle &waddle)
{
    const QString key = serverKey(server);
    if (key.isEmpty())
        return noServer();
    if (waddle.id.isEmpty())
        return failure(QStringLiteral("A waddle needs its id"), QStringLiteral("id"));
    // One statement is one transaction. An event may overtake a list that
    // was fetched before it: an older version never replaces a newer one.
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO waddles (server, id, name, version, document) "
                                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (server, id) DO UPDATE "
                                        "SET name = excluded.name, version = excluded.version, "
                                        "document = excluded.document WHERE excluded.version >= "
                                        "waddles.version"),
                         {key, waddle.id, waddle.name.isNull() ? QStringLiteral("") : waddle.name,
                          waddle.version, documentText(domain::toJson(waddle))},
                         QStringLiteral("save waddle %1").arg(waddle.id))) {
        return *error;
    }
    return {};
}

// --- latency ---------------------------------------------------------------

Result<void> Cache::saveLatency(const QUrl &server, const QList<LatencyResult> &results)
{
    const QString key = serverKey(server);
    if (key.isEmpty())
        return noServer();
    QVariantList servers, codes, modes, times, documents;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const LatencyResult &r = results.at(i);
        if (r.regionCode.isEmpty() || !r.measuredAt.isValid()) {
            return failure(QStringLiteral("A latency result needs its region and time"),
                           QStringLiteral("results[%1]").arg(i));
        }
        servers.append(key);
        codes.append(r.regionCode);
        modes.append(toString(r.mode));
        times.append(timeText(r.measuredAt));
        documents.append(documentText(toJson(r)));
    }
    if (results.isEmpty())
        return {};
    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    if (auto error = runBatch(
            m_db,
            QStringLiteral("INSERT INTO latency (server, region_code, mode, measured_at, document) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (server, region_code, mode, "
                           "measured_at) DO UPDATE SET document = excluded.document"),
            {servers, codes, modes, times, documents}, QStringLiteral("save latency results"))) {
        return *error;
    }
    if (auto error = tx.commit())
        return *error;
    return {};
}

QList<LatencyResult> Cache::freshLatency(const QUrl &server, ProbeMode mode, const QDateTime &now,
                                         std::chrono::seconds maxAge) const
{
    // "As of now": a result measured after `now` is not counted, so an
    // injected clock sees exactly what the app saw at that time.
    const QDateTime oldest = now.addSecs(-maxAge.count());
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT document FROM (SELECT document, region_code, "
                                        "ROW_NUMBER() OVER (PARTITION BY region_code ORDER BY "
                                        "measured_at DESC, id DESC) AS n FROM latency WHERE "
                                        "server = ? AND mode = ? AND measured_at >= ? AND "
                                        "measured_at <= ?) WHERE n = 1 ORDER BY region_code"),
                         {serverKey(server), toString(mode), timeText(oldest), timeText(now)},
                         QStringLiteral("read fresh latency results"))) {
        qCWarning(lcCache) << error->message;
        return {};
    }
    return decodeRows<LatencyResult>(q, 0, latencyResultFromJson, QLatin1String("latency"));
}

QList<LatencyResult> Cache::latencyHistory(const QUrl &server, const QString &regionCode,
                                           int limit) const
{
    QSqlQuery q(m_db);
    if (auto error = run(q,
                         QStringLiteral("SELECT document FROM latency WHERE server = ? AND "
                                        "region_code = ? ORDER BY measured_at DESC, id DESC "
                                        "LIMIT ?"),
                         {serverKey(server), regionCode, std::max(limit, 0)},
                         QStringLiteral("read the latency history"))) {
        qCWarning(lcCache) << error->message;
        return {};
    }
    return decodeRows<LatencyResult>(q, 0, latencyResultFromJson, QLatin1String("latency"));
}

// --- housekeeping ----------------------------------------------------------

Result<qint64> Cache::pruneBefore(const QDateTime &cutoff)
{
    if (!cutoff.isValid())
        return failure(QStringLiteral("No cut-off time given"), QStringLiteral("cutoff"));
    const QString what = QStringLiteral("prune the history");
    Transaction tx(m_db);
    if (auto error = tx.begin())
        return *error;
    qint64 removed = 0;
    for (const QString &sql : {QStringLiteral("DELETE FROM health WHERE checked_at < ?"),
                               QStringLiteral("DELETE FROM latency WHERE measured_at < ?")}) {
        QSqlQuery q(m_db);
        if (auto error = run(q, sql, {timeText(cutoff)}, what))
            return *error;
        removed += q.numRowsAffected();
    }
    if (auto error = tx.commit())
        return *error;
    return removed;
}

} // namespace waddle::client
