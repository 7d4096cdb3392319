#include "opendatabase.h"

#include "sqlhelpers.h"

#include <QDateTime>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace waddle::sql {

using domain::Result;

namespace {

OpenError problem(OpenError::Kind kind, const QString &message)
{
    return OpenError{kind, message};
}

OpenError failed(const QString &what, const QSqlError &error)
{
    return problem(OpenError::Kind::Failed,
                   QStringLiteral("Could not %1: %2").arg(what, errorText(error)));
}

// SQLITE_NOTADB and SQLITE_CORRUPT: the file is not (or no longer) a
// database. Anything else (busy, locked, read-only, no space) is a problem
// of the moment, and the file is left alone.
bool saysNotADatabase(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    const QString text = errorText(error);
    return code == u"26" || code == u"11" || text.contains(u"not a database") ||
           text.contains(u"malformed");
}

using MaybeError = std::optional<OpenError>;

MaybeError run(QSqlQuery &query, const QString &statement, const QString &what)
{
    return sql::run(query, statement, {}, what, failed);
}

using OpenTransaction = sql::Transaction<OpenError, failed>;

// Reads the first column of every row of a statement that is among the
// first reads of the file: a failure that says "not a database" is NotOurs.
Result<QVariantList, OpenError> firstReads(const QSqlDatabase &db, const QString &path,
                                           const QString &statement, const QString &what,
                                           const QString &notOursPrefix)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(statement)) {
        const QSqlError error = q.lastError();
        if (saysNotADatabase(error)) {
            OpenError notOurs = problem(OpenError::Kind::NotOurs, notOursPrefix + errorText(error));
            notOurs.damaged =
                error.nativeErrorCode() == u"11" || errorText(error).contains(u"malformed");
            if (notOurs.damaged)
                notOurs.message = QStringLiteral("%1 is damaged: %2").arg(path, errorText(error));
            return notOurs;
        }
        return failed(what, error);
    }
    QVariantList out;
    while (q.next())
        out.append(q.value(0));
    return out;
}

// The highest step recorded in schema_version.
Result<int, OpenError> storedVersion(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (auto error = run(q, QStringLiteral("SELECT MAX(version) FROM schema_version"),
                         QStringLiteral("read the schema version"))) {
        return *error;
    }
    return q.next() ? q.value(0).toInt() : 0;
}

// A database a newer build wrote is refused: this one cannot know its steps.
std::optional<OpenError> newerThanBuild(const DatabaseOptions &options, int current,
                                        const QString &notOurs, const QString &advice)
{
    const int latest = options.migrations.isEmpty() ? 0 : options.migrations.constLast().version;
    if (current <= latest)
        return std::nullopt;
    return problem(OpenError::Kind::NotOurs,
                   notOurs + QStringLiteral("it has schema version %1, newer than this build "
                                            "understands (%2); %3")
                                 .arg(current)
                                 .arg(latest)
                                 .arg(advice));
}

Result<OpenedDatabase, OpenError> openSqlite(const DatabaseOptions &options)
{
    const QString &path = options.location;
    const QString notOurs = QStringLiteral("%1 is not a Waddle %2: ").arg(path, options.label);
    OpenedDatabase opened;
    opened.connection =
        std::make_unique<Connection>(QStringLiteral("QSQLITE"), options.connectionPrefix);
    QSqlDatabase db = opened.connection->database();
    if (!db.isValid()) {
        return problem(OpenError::Kind::Unsupported,
                       QStringLiteral("The Qt SQLite driver (QSQLITE) is not available"));
    }
    db.setDatabaseName(path);
    if (!db.open()) {
        const QSqlError error = db.lastError();
        return problem(saysNotADatabase(error) ? OpenError::Kind::NotOurs
                                               : OpenError::Kind::CannotOpen,
                       QStringLiteral("Cannot open the %1 at %2: %3")
                           .arg(options.label, path, errorText(error)));
    }
    for (const QString &statement : options.connectionSettings) {
        QSqlQuery q(db);
        if (auto error = run(q, statement, QStringLiteral("configure the connection")))
            return *error;
    }

    // The first reads of the file: SQLite says here whether it is a database.
    const auto header = firstReads(db, path, QStringLiteral("PRAGMA application_id"),
                                   QStringLiteral("read the %1's header").arg(options.label),
                                   notOurs + QStringLiteral("SQLite cannot read it: "));
    if (!header)
        return header.error();
    const int applicationId = header->isEmpty() ? 0 : header->constFirst().toInt();
    const auto tableRows = firstReads(
        db, path,
        QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"),
        QStringLiteral("read the %1's schema").arg(options.label),
        notOurs + QStringLiteral("SQLite cannot read it: "));
    if (!tableRows)
        return tableRows.error();
    QStringList tables;
    for (const QVariant &name : tableRows.value())
        tables.append(name.toString());

    // Ours: marked with our application_id when the owner uses one, and
    // with a schema_version. Empty: a new database. Anything else is not ours.
    const bool marked = options.applicationId != 0 && applicationId == options.applicationId;
    const bool markOk = options.applicationId == 0 || marked;
    int current = 0;
    if (markOk && tables.contains(u"schema_version")) {
        const auto version = storedVersion(db);
        if (!version)
            return version.error();
        current = version.value();
    } else if (marked) {
        return problem(OpenError::Kind::NotOurs,
                       notOurs + QStringLiteral("it is marked as one but has no schema version"));
    } else if (!tables.isEmpty() || (options.applicationId != 0 && applicationId != 0)) {
        return problem(OpenError::Kind::NotOurs,
                       notOurs + QStringLiteral("it is another program's database (tables: %1); "
                                                "refusing to change it")
                                     .arg(tables.join(QStringLiteral(", "))));
    }

    if (auto newer = newerThanBuild(options, current, notOurs,
                                    QStringLiteral("use a newer build or restore a backup")))
        return *newer;
    if (options.checkIntegrity && current > 0) {
        // A damaged page would otherwise fail some reads for ever after.
        const auto verdict = firstReads(db, path, QStringLiteral("PRAGMA quick_check(1)"),
                                        QStringLiteral("check the %1").arg(options.label),
                                        notOurs + QStringLiteral("it is damaged: "));
        if (!verdict)
            return verdict.error();
        const QString text = verdict->isEmpty() ? QString() : verdict->constFirst().toString();
        if (text != u"ok") {
            OpenError damaged = problem(OpenError::Kind::NotOurs,
                                        QStringLiteral("%1 is damaged (%2)").arg(path, text));
            damaged.damaged = true;
            return damaged;
        }
    }

    if (isFileDatabase(path)) {
        // WAL: readers never wait for the writer.
        QSqlQuery q(db);
        if (auto error = run(q, QStringLiteral("PRAGMA journal_mode = WAL"),
                             QStringLiteral("turn on write-ahead logging"))) {
            return *error;
        }
        const QString mode = q.next() ? q.value(0).toString() : QString();
        if (mode.compare(u"wal", Qt::CaseInsensitive) != 0) {
            return problem(OpenError::Kind::Failed,
                           QStringLiteral("Could not turn on write-ahead logging for %1 (the "
                                          "journal mode is \"%2\")")
                               .arg(path, mode));
        }
        for (const QString &statement : options.fileSettings) {
            QSqlQuery setting(db);
            if (auto error = run(setting, statement, QStringLiteral("configure the connection")))
                return *error;
        }
    }

    Result<int, OpenError> migrated = migrate(db, options.migrations, current, options.label);
    if (!migrated)
        return migrated.error();
    opened.schemaVersion = migrated.value();
    return opened;
}

// The same recognition as SQLite's, in the URL's database and the
// connection's schema (current_schema(), so `?options=-c search_path=…`
// gives several stores one database): empty is new; a schema_version table
// (with the owner's mark as its comment, when the owner uses one) is ours;
// anything else is another program's and is left alone. Instances starting
// together migrate one at a time (an advisory lock held while migrating).
Result<OpenedDatabase, OpenError> openPostgreSql(const DatabaseOptions &options)
{
    const QString shown = redacted(options.location);
    const QString notOurs = QStringLiteral("%1 is not a Waddle %2: ").arg(shown, options.label);
    OpenedDatabase opened;
    opened.connection =
        std::make_unique<Connection>(QStringLiteral("QPSQL"), options.connectionPrefix);
    QSqlDatabase db = opened.connection->database();
    if (auto error = connectPostgreSql(db, options.location, options.label))
        return *error;
    for (const QString &statement : options.connectionSettings) {
        QSqlQuery q(db);
        if (auto error = run(q, statement, QStringLiteral("configure the connection")))
            return *error;
    }

    // One migrating instance at a time; the lock goes with the session if
    // this process dies.
    constexpr qint64 kMigrationLock = 0x5741'4444'4c45'0001; // "WADDLE" 1
    {
        QSqlQuery lock(db);
        if (auto error =
                sql::run(lock, QStringLiteral("SELECT pg_advisory_lock(?)"), {kMigrationLock},
                         QStringLiteral("wait for other instances"), failed)) {
            return *error;
        }
    }
    const auto unlock = qScopeGuard([&db] {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLock));
    });

    QSqlQuery tables(db);
    if (auto error = run(tables,
                         QStringLiteral("SELECT table_name, obj_description(format('%I.%I', "
                                        "table_schema, table_name)::regclass, 'pg_class') FROM "
                                        "information_schema.tables WHERE table_schema = "
                                        "current_schema() ORDER BY table_name"),
                         QStringLiteral("read the %1's schema").arg(options.label))) {
        return *error;
    }
    QStringList names;
    QString mark;
    while (tables.next()) {
        names.append(tables.value(0).toString());
        if (names.constLast() == u"schema_version")
            mark = tables.value(1).toString();
    }
    const QString expectedMark =
        QStringLiteral("waddle %1 %2").arg(options.label).arg(options.applicationId);
    int current = 0;
    if (names.contains(u"schema_version") && (options.applicationId == 0 || mark == expectedMark)) {
        const auto version = storedVersion(db);
        if (!version)
            return version.error();
        current = version.value();
    } else if (!names.isEmpty()) {
        return problem(OpenError::Kind::NotOurs,
                       notOurs + QStringLiteral("its schema holds another program's tables (%1); "
                                                "refusing to change it")
                                     .arg(names.join(QStringLiteral(", "))));
    }
    if (auto newer = newerThanBuild(options, current, notOurs, QStringLiteral("use a newer build")))
        return *newer;
    Result<int, OpenError> migrated = migrate(db, options.migrations, current, options.label);
    if (!migrated)
        return migrated.error();
    if (current == 0 && options.applicationId != 0 && migrated.value() > 0) {
        QSqlQuery q(db);
        if (auto error =
                run(q, QStringLiteral("COMMENT ON TABLE schema_version IS '%1'").arg(expectedMark),
                    QStringLiteral("mark the %1 as ours").arg(options.label))) {
            return *error;
        }
    }
    opened.schemaVersion = migrated.value();
    return opened;
}

} // namespace

std::optional<OpenError> connectPostgreSql(QSqlDatabase &db, const QString &location,
                                           const QString &label)
{
    const QUrl url(location);
    const QString shown = redacted(location);
    const QString database = url.path().mid(1);
    if (!url.isValid() || url.host().isEmpty() || database.isEmpty() || database.contains(u'/')) {
        return problem(OpenError::Kind::CannotOpen,
                       QStringLiteral("%1 is not a PostgreSQL URL of the form "
                                      "postgresql://user[:password]@host[:port]/database")
                           .arg(shown));
    }
    if (!db.isValid()) {
        return problem(OpenError::Kind::Unsupported,
                       QStringLiteral("The Qt PostgreSQL driver (QPSQL) is not available; "
                                      "install libqt6sql6-psql"));
    }
    db.setHostName(url.host());
    db.setPort(url.port(5432));
    db.setDatabaseName(database);
    db.setUserName(url.userName());
    db.setPassword(url.password());
    // The URL's query items are libpq connection parameters (sslmode,
    // connect_timeout, options, …); a connection attempt gives up after
    // 10 s unless the URL says otherwise.
    QStringList connectOptions;
    bool timeoutGiven = false;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key.isEmpty() || !std::all_of(key.cbegin(), key.cend(), [](QChar c) {
                return c.isLetterOrNumber() || c == u'_';
            })) {
            return problem(
                OpenError::Kind::CannotOpen,
                QStringLiteral("%1: \"%2\" is not a connection parameter").arg(shown, key));
        }
        if (value.contains(u';')) {
            return problem(
                OpenError::Kind::CannotOpen,
                QStringLiteral("%1: the value of \"%2\" must not contain ';'").arg(shown, key));
        }
        timeoutGiven = timeoutGiven || key == u"connect_timeout";
        QString quoted = value;
        quoted.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
        connectOptions.append(QStringLiteral("%1='%2'").arg(key, quoted));
    }
    if (!timeoutGiven)
        connectOptions.append(QStringLiteral("connect_timeout=10"));
    db.setConnectOptions(connectOptions.join(u';'));
    if (!db.open()) {
        return problem(OpenError::Kind::CannotOpen,
                       QStringLiteral("Cannot open the %1 at %2: %3")
                           .arg(label, shown, errorText(db.lastError())));
    }
    return std::nullopt;
}

Dialect dialectOf(const QString &location)
{
    const QString scheme = QUrl(location).scheme();
    if (scheme == u"postgresql" || scheme == u"postgres")
        return Dialect::PostgreSql;
    return Dialect::Sqlite;
}

bool isFileDatabase(const QString &location)
{
    return dialectOf(location) == Dialect::Sqlite && location != u":memory:" &&
           !location.startsWith(u"file::memory:");
}

Result<OpenedDatabase, OpenError> openDatabase(const DatabaseOptions &options)
{
    if (options.location.isEmpty())
        return problem(OpenError::Kind::CannotOpen,
                       QStringLiteral("No %1 location given").arg(options.label));
    switch (dialectOf(options.location)) {
    case Dialect::Sqlite:
        return openSqlite(options);
    case Dialect::PostgreSql:
        return openPostgreSql(options);
    }
    return problem(OpenError::Kind::Unsupported,
                   QStringLiteral("%1: unknown database kind").arg(options.location));
}

Dialect dialectOf(const QSqlDatabase &db)
{
    return db.driverName() == u"QPSQL" ? Dialect::PostgreSql : Dialect::Sqlite;
}

QString redacted(const QString &location)
{
    if (dialectOf(location) != Dialect::PostgreSql)
        return location;
    QUrl url(location);
    if (!url.password().isEmpty())
        url.setPassword(QStringLiteral("***"));
    return url.toString();
}

Result<int, OpenError> migrate(const QSqlDatabase &db, const QList<Migration> &migrations, int from,
                               const QString &label)
{
    int reached = from;
    for (const Migration &migration : migrations) {
        if (migration.version <= from)
            continue;
        const QString what = QStringLiteral("apply %1 schema migration %2 (%3)")
                                 .arg(label)
                                 .arg(migration.version)
                                 .arg(migration.description);
        OpenTransaction tx(db);
        if (auto error = tx.begin())
            return *error;
        for (const QString &statement : migration.statements) {
            QSqlQuery q(db);
            if (auto error = run(q, statement, what))
                return *error;
        }
        QSqlQuery record(db);
        if (auto error = sql::run(record,
                                  QStringLiteral("INSERT INTO schema_version (version, "
                                                 "description, applied_at) VALUES (?, ?, ?)"),
                                  {migration.version, migration.description,
                                   timeText(QDateTime::currentDateTimeUtc())},
                                  what, failed)) {
            return *error;
        }
        if (auto error = tx.commit())
            return *error;
        reached = migration.version;
    }
    return reached;
}

} // namespace waddle::sql
