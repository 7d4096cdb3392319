#pragma once

#include "storeerror.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

namespace waddle::sql {
class Connection;
struct OpenedDatabase;
} // namespace waddle::sql

namespace waddle::cp {

namespace store {
class WalCheckpointer;
} // namespace store

// The control plane's database (ARCHITECTURE.md "Nothing lost"): owns the
// connection and the schema; the repositories (one per aggregate) run their
// statements on it. Opened through core/sql's one entry, so a PostgreSQL URL
// can follow the same way later.
//
// One instance per thread (QtSql connections are per thread): open it on the
// thread that uses it; it must outlive the repositories made on it. Times are
// stored as ISO 8601 UTC text with milliseconds, so text order is time order.
class Database
{
public:
    // Opens or creates the SQLite file at `location` (":memory:" for a
    // private in-memory store), turns on write-ahead logging for files, and
    // applies the pending migrations. A file that is not a database, a
    // database that is not ours, or one written by a newer build is refused
    // (Invalid) and left as it was. An existing file is checked first
    // (PRAGMA quick_check): a damaged one is refused with its path and what
    // to do (restore a backup). A new file is created 0600, and the write-
    // ahead log and shared-memory files SQLite makes beside it take that
    // mode from it (issue 15: the store holds key hashes and locations).
    //
    // AlreadyChecked opens another connection to a store this process has
    // already opened (and so checked) — a worker thread's, such as an export
    // job's — without reading the whole file again: the check belongs to the
    // process's first open (issue 12: seconds per export on a big store).
    enum class Check
    {
        QuickCheck,
        AlreadyChecked
    };
    [[nodiscard]] static StoreResult<std::unique_ptr<Database>>
    open(const QString &location, Check check = Check::QuickCheck);

    // PRAGMA integrity_check (the full one; `waddle-regiond check`): the
    // problems SQLite reports, empty when the store is sound.
    [[nodiscard]] StoreResult<QStringList> integrityProblems() const;

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&) = delete;
    Database &operator=(Database &&) = delete;

    [[nodiscard]] int schemaVersion() const { return m_schemaVersion; }
    [[nodiscard]] QString path() const { return m_location; }
    // The connection, for the repositories' statements.
    [[nodiscard]] QSqlDatabase connection() const;

    // From now on the write-ahead log of a SQLite store file is copied back
    // into the file on a thread of its own (store/walcheckpointer.h), not
    // inside this connection's commits; nothing to do for PostgreSQL or an
    // in-memory store. The process's main connection calls it once.
    void checkpointInBackground();
    // Null unless checkpointInBackground() started one.
    [[nodiscard]] const store::WalCheckpointer *checkpointer() const
    {
        return m_checkpointer.get();
    }

private:
    Database(QString location, sql::OpenedDatabase opened);

    QString m_location;
    std::unique_ptr<sql::Connection> m_connection;
    // After the connection: it stops, and closes its own, before that closes.
    std::unique_ptr<store::WalCheckpointer> m_checkpointer;
    int m_schemaVersion = 0;
};

} // namespace waddle::cp
