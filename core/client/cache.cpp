#include "cache.h"

#include "domain/jsonreader.h"
#include "session.h"
#include "sql/sqlhelpers.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
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

// One step of the cache's schema, applied in its own transaction and recorded
// in schema_version (as the control plane's store does). A released step is
// never edited, only followed by a new one.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
};

// v1: what SPEC §4 and §13 need the app to remember between runs. Times are
// ISO 8601 UTC text with milliseconds (text order = time order); values are
// their domain JSON in `document`.
QList<Migration> migrations()
{
    return {
        Migration{
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

// SQLITE_NOTADB and SQLITE_CORRUPT: the file is not (or no longer) a
// database. Anything else (busy, locked, read-only, no space) is a problem of
// the moment, and the file is left alone.
bool saysNotADatabase(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    const QString text = sql::errorText(error);
    return code == u"26" || code == u"11" || text.contains(u"not a database") ||
           text.contains(u"malformed");
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

bool isFileDatabase(const QString &path)
{
    return path != u":memory:" && !path.startsWith(u"file::memory:");
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

// Why initialise() stopped: `unusable` when the file is not our cache (move
// it aside), otherwise a problem of the moment (leave the file alone).
struct Cache::OpenProblem
{
    bool unusable = false;
    Error error;
};

Cache::Cache(QString connectionName, QString path)
    : m_connectionName(std::move(connectionName))
    , m_path(std::move(path))
    , m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName))
{
    m_db.setDatabaseName(m_path);
}

Cache::~Cache()
{
    close();
}

void Cache::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(std::exchange(m_connectionName, QString()));
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
    if (isFileDatabase(path)) {
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder)) {
            return failure(QStringLiteral("Cannot create the cache folder %1").arg(folder),
                           QStringLiteral("path"));
        }
    }
    const auto connectionName = []() -> QString {
        return QStringLiteral("waddle-cache-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    };

    // A name of its own per instance: QtSql connections are per thread, and
    // two caches (tests, threads) must never share one.
    std::unique_ptr<Cache> cache(new Cache(connectionName(), path));
    Result<void, OpenProblem> opened = cache->initialise();
    if (opened)
        return cache;
    if (!opened.error().unusable || !isFileDatabase(path))
        return opened.error().error;

    qCWarning(lcCache) << opened.error().error.message;
    cache->close();
    cache.reset();
    Result<QString> moved = moveAside(path);
    if (!moved)
        return moved.error();

    cache.reset(new Cache(connectionName(), path));
    cache->m_movedAside = moved.value();
    opened = cache->initialise();
    if (!opened)
        return opened.error().error;
    return cache;
}

// Nothing is written before the file is known to be ours (or empty) and not
// newer than this build.
Result<void, Cache::OpenProblem> Cache::initialise()
{
    const auto problem = [](bool unusable, Error error) {
        return OpenProblem{unusable, std::move(error)};
    };
    if (!m_db.isValid()) {
        return problem(false,
                       failure(QStringLiteral("The Qt SQLite driver (QSQLITE) is not available")));
    }
    if (!m_db.open()) {
        const QSqlError error = m_db.lastError();
        return problem(saysNotADatabase(error),
                       failure(QStringLiteral("Cannot open the cache at %1: %2")
                                   .arg(m_path, sql::errorText(error)),
                               QStringLiteral("path")));
    }
    // Wait for another instance's write instead of failing at once.
    {
        QSqlQuery q(m_db);
        if (auto error = run(q, QStringLiteral("PRAGMA busy_timeout = 5000"), {},
                             QStringLiteral("configure the connection"))) {
            return problem(false, *error);
        }
    }

    // The first reads of the file: SQLite says here whether it is a database.
    const auto notOurs = [this](const QString &why) {
        return OpenProblem{
            true, failure(QStringLiteral("%1 is not a usable Waddle cache: %2").arg(m_path, why),
                          QStringLiteral("path"))};
    };
    int applicationId = 0;
    QStringList tables;
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next()) {
            const QSqlError error = q.lastError();
            if (saysNotADatabase(error))
                return notOurs(sql::errorText(error));
            return problem(false, sqlError(QStringLiteral("read the cache's header"), error));
        }
        applicationId = q.value(0).toInt();
    }
    {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                   "name NOT LIKE 'sqlite_%'"))) {
            const QSqlError error = q.lastError();
            if (saysNotADatabase(error))
                return notOurs(sql::errorText(error));
            return problem(false, sqlError(QStringLiteral("read the cache's schema"), error));
        }
        while (q.next())
            tables.append(q.value(0).toString());
    }

    int current = 0;
    if (applicationId == kApplicationId) {
        if (!tables.contains(u"schema_version"))
            return notOurs(QStringLiteral("it is marked as a cache but has no schema version"));
        QSqlQuery q(m_db);
        if (auto error = run(q, QStringLiteral("SELECT MAX(version) FROM schema_version"), {},
                             QStringLiteral("read the schema version"))) {
            return problem(false, *error);
        }
        if (q.next())
            current = q.value(0).toInt();
    } else if (!tables.isEmpty() || applicationId != 0) {
        return notOurs(QStringLiteral("it is another program's database (tables: %1)")
                           .arg(tables.join(QStringLiteral(", "))));
    }
    const int latest = latestSchemaVersion();
    if (current > latest) {
        return notOurs(QStringLiteral("it has schema version %1, newer than this build "
                                      "understands (%2)")
                           .arg(current)
                           .arg(latest));
    }
    if (current > 0) {
        // A damaged page would otherwise fail some reads for ever after. A
        // cache is small (history is pruned), so checking it costs little.
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral("PRAGMA quick_check(1)")) || !q.next()) {
            const QSqlError error = q.lastError();
            if (saysNotADatabase(error))
                return notOurs(sql::errorText(error));
            return problem(false, sqlError(QStringLiteral("check the cache"), error));
        }
        const QString verdict = q.value(0).toString();
        if (verdict != u"ok")
            return notOurs(QStringLiteral("it is damaged (%1)").arg(verdict));
    }

    if (isFileDatabase(m_path)) {
        // WAL: readers never wait for the writer; NORMAL sync is safe with
        // WAL (a power cut may lose the last writes, never the file).
        QSqlQuery q(m_db);
        if (auto error = run(q, QStringLiteral("PRAGMA journal_mode = WAL"), {},
                             QStringLiteral("turn on write-ahead logging"))) {
            return problem(false, *error);
        }
        const QString mode = q.next() ? q.value(0).toString() : QString();
        if (mode.compare(u"wal", Qt::CaseInsensitive) != 0) {
            return problem(false,
                           failure(QStringLiteral("Could not turn on write-ahead logging for %1 "
                                                  "(the journal mode is \"%2\")")
                                       .arg(m_path, mode)));
        }
        QSqlQuery sync(m_db);
        if (auto error = run(sync, QStringLiteral("PRAGMA synchronous = NORMAL"), {},
                             QStringLiteral("configure the connection"))) {
            return problem(false, *error);
        }
    }

    m_schemaVersion = current;
    if (Result<void> migrated = migrate(current); !migrated)
        return problem(false, migrated.error());
    return {};
}

Result<void> Cache::migrate(int from)
{
    for (const Migration &migration : migrations()) {
        if (migration.version <= from)
            continue;
        const QString what = QStringLiteral("apply cache schema migration %1 (%2)")
                                 .arg(migration.version)
                                 .arg(migration.description);
        Transaction tx(m_db);
        if (auto error = tx.begin())
            return *error;
        for (const QString &statement : migration.statements) {
            QSqlQuery q(m_db);
            if (auto error = run(q, statement, {}, what))
                return *error;
        }
        QSqlQuery record(m_db);
        if (auto error = run(record,
                             QStringLiteral("INSERT INTO schema_version (version, description, "
                                            "applied_at) VALUES (?, ?, ?)"),
                             {migration.version, migration.description,
                              timeText(QDateTime::currentDateTimeUtc())},
                             what)) {
            return *error;
        }
        if (auto error = tx.commit())
            return *error;
        m_schemaVersion = migration.version;
    }
    return {};
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
