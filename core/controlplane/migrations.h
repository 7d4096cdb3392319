#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace waddle::cp {

// One step of the store's schema. Steps are applied in order, each in its own
// transaction, and recorded in schema_version; a step once released is never
// edited, only followed by a new one.
struct Migration
{
    int version = 0;
    QString description;
    QStringList statements;
};

// This file is the only place SQLite-specific SQL may appear: the schema
// (types, INTEGER PRIMARY KEY) and the connection's PRAGMAs. Everything in
// store.cpp is standard SQL that PostgreSQL runs as well, so a PostgreSQL
// store needs a second set of these functions, not a second store.
namespace sqlite {

// All migrations, in ascending version order.
QList<Migration> migrations();

// The version the last migration leaves the schema at.
int latestSchemaVersion();

// Per-connection settings that do not write to the file (safe to run before
// the file is known to be ours): foreign keys on, wait up to 5 s for a lock.
QStringList connectionSettings();

// Switches a file database to write-ahead logging. Returns one row, the
// journal mode now in force ("wal").
QString enableWriteAheadLog();

// The current journal mode, one row.
QString journalModeQuery();

// The names of the user tables, one per row. Reading the schema is also the
// cheapest way to find out whether a file is a database at all.
QString tableNamesQuery();

} // namespace sqlite

} // namespace waddle::cp
