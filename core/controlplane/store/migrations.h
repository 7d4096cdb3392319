#pragma once

#include "sql/migration.h"

#include <QList>
#include <QStringList>

namespace waddle::cp {

// This file is the only place dialect-specific SQL may appear: the schema
// (types, generated keys) and the connection's settings. Everything in the
// repositories is standard SQL that SQLite and PostgreSQL both run (the few
// exceptions ask sql::dialectOf), so there is one store with two sets of
// these functions.
namespace sqlite {

// All migrations, in ascending version order.
QList<sql::Migration> migrations();

// The version the last migration leaves the schema at.
int latestSchemaVersion();

// Per-connection settings that do not write to the file (safe to run before
// the file is known to be ours): foreign keys on, wait up to 5 s for a lock.
// Write-ahead logging and recognising the file are core/sql's (openDatabase).
QStringList connectionSettings();

// Per-connection settings of a store file once write-ahead logging is on
// (issue 12, ingest speed; bench_analytics' store-only comparison: 1.1x to
// 1.3x SQLite's defaults here, more where a sync waits for the disk):
// - synchronous = NORMAL: a commit is appended to the log without waiting
//   for the disk; the log is synced at checkpoints. An acknowledged write
//   survives the process being killed (kill -9: the log is in the OS's
//   cache); a power cut or kernel crash can lose the last commits since the
//   last checkpoint (never the store's consistency).
// - cache_size of 64 MiB: a batch of 10,000 events dirties thousands of
//   pages; with SQLite's default 2 MiB they spill to the log mid-way and are
//   read back.
// - mmap_size of 256 MiB: pages of the file read in place, not copied by
//   pread (writes still go through the log).
// - wal_autocheckpoint of 4000 pages (16 MiB): a page the batches keep
//   changing (the end of the time-ordered indexes) is copied back to the
//   file once per checkpoint, a quarter as often as by default.
QStringList fileSettings();

} // namespace sqlite

// PostgreSQL (issue 16): the same versions as SQLite's, each the SQLite
// step in PostgreSQL's types — 64-bit BIGINT for INTEGER (times in ms,
// file sizes), DOUBLE PRECISION for REAL, an identity column for INTEGER
// PRIMARY KEY, TEXT COLLATE "C" so text sorts by bytes as in SQLite
// (ids, times) whatever the database's locale. Version 4 (SQLite's WITHOUT
// ROWID rebuild) has nothing to do: PostgreSQL keeps a table and its key's
// index either way.
namespace postgresql {

QList<sql::Migration> migrations();

// Lock waits end after 5 s (SQLite's busy timeout), and notices stay in
// the server's log.
QStringList connectionSettings();

// SQLite's statement in PostgreSQL's types (above).
QString translated(const QString &sqliteStatement);

} // namespace postgresql

// The hour of a usage event's start ("YYYY-MM-DDTHH" of its stored time) as
// the usage events' index keys it, on both engines: a query that names it
// the same way reads a range of hours from the index.
QString usageEventHour();

} // namespace waddle::cp
