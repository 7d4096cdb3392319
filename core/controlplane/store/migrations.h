#pragma once

#include "sql/migration.h"

#include <QList>
#include <QStringList>

namespace waddle::cp {

// This file is the only place SQLite-specific SQL may appear: the schema
// (types, INTEGER PRIMARY KEY) and the connection's PRAGMAs. Everything in
// the repositories is standard SQL that PostgreSQL runs as well, so a PostgreSQL
// store needs a second set of these functions, not a second store.
namespace sqlite {

// All migrations, in ascending version order.
QList<sql::Migration> migrations();

// The version the last migration leaves the schema at.
int latestSchemaVersion();

// Per-connection settings that do not write to the file (safe to run before
// the file is known to be ours): foreign keys on, wait up to 5 s for a lock.
// Write-ahead logging and recognising the file are core/sql's (openDatabase).
QStringList connectionSettings();

} // namespace sqlite

} // namespace waddle::cp
