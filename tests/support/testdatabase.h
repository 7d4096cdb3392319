#pragma once

#include <QString>

namespace waddle::test {

// Where a store or service test keeps its store (issue 16: those tests run
// against both engines). Normally a private in-memory SQLite store. When the
// test runs as its PostgreSQL twin (CTest's `<name>-postgresql`, which sets
// WADDLE_TEST_ENGINE=postgresql), a fresh, empty schema on the server that
// WADDLE_TEST_POSTGRESQL names (packaging/test.sh starts a throw-away one),
// dropped when the test program ends. A twin without a server says so in
// one line ("PostgreSQL half skipped: …", which CTest reports as skipped)
// and ends the program.
QString storeLocation();

// A fresh, empty schema on the WADDLE_TEST_POSTGRESQL server as a store
// location (dropped when the program ends); empty when no server is named.
QString freshPostgreSqlSchema();

// True in the PostgreSQL twin.
bool onPostgreSql();

} // namespace waddle::test
