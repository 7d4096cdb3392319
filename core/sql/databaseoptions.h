#pragma once

#include "migration.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace waddle::sql {

// Where a database is and how its owner recognises it. One shape for every
// engine: `location` says which (dialectOf), and each owner passes the
// migrations and settings of that dialect.
struct DatabaseOptions
{
    // SQLite: a file path, ":memory:" or "file::memory:…"; PostgreSQL:
    // "postgresql://user@host:port/name" (not built yet: refused).
    QString location;
    QString connectionPrefix = QStringLiteral("waddle-db-"); // + a UUID
    QString label = QStringLiteral("database");              // "store", "cache": named in messages
    QList<Migration> migrations;                             // ascending versions
    // Run right after connecting, before anything is read; they must not
    // write (the file is not yet known to be ours).
    QStringList connectionSettings;
    // Run on a SQLite file once write-ahead logging is on.
    QStringList fileSettings;
    // SQLite: the header's application_id that marks the owner's files; 0
    // when the owner recognises its files by schema_version alone.
    int applicationId = 0;
    // SQLite: run quick_check on an existing database before using it.
    bool checkIntegrity = false;
};

} // namespace waddle::sql
