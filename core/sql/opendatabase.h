#pragma once

#include "connection.h"
#include "databaseoptions.h"
#include "domain/result.h"
#include "openerror.h"

#include <memory>
#include <optional>

// The one way a program opens its database (ARCHITECTURE.md core/sql): the
// control plane's store and the desktop app's cache both come through here.
namespace waddle::sql {

enum class Dialect
{
    Sqlite,
    PostgreSql
};

// postgresql:// and postgres:// URLs are PostgreSQL; anything else is a
// SQLite location.
Dialect dialectOf(const QString &location);

// The dialect of an open connection (its driver).
Dialect dialectOf(const QSqlDatabase &db);

// Points `db` (a QPSQL connection) at a postgresql:// location — its host,
// port, database, user, password, and its query items as libpq parameters
// (connect_timeout 10 s unless given) — and opens it. CannotOpen with what is
// wrong (never the password), Unsupported without the driver.
std::optional<OpenError> connectPostgreSql(QSqlDatabase &db, const QString &location,
                                           const QString &label);

// The location for messages and logs: a PostgreSQL URL's password as ***.
QString redacted(const QString &location);

// False for SQLite's in-memory databases (":memory:", "file::memory:…").
bool isFileDatabase(const QString &location);

struct OpenedDatabase
{
    std::unique_ptr<Connection> connection;
    int schemaVersion = 0; // after the migrations
};

// Connects, recognises the database as the owner's (or empty), refuses one
// that is not or that a newer build wrote, turns on write-ahead logging for
// a SQLite file, and applies the pending migrations.
[[nodiscard]] domain::Result<OpenedDatabase, OpenError>
openDatabase(const DatabaseOptions &options);

// Applies every migration above `from`, each in its own transaction recorded
// in schema_version. Returns the version reached.
[[nodiscard]] domain::Result<int, OpenError>
migrate(const QSqlDatabase &db, const QList<Migration> &migrations, int from, const QString &label);

} // namespace waddle::sql
