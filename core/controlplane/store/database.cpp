#include "database.h"

#include "batchwriter.h"
#include "migrations.h"
#include "sql/opendatabase.h"
#include "sql/sqlhelpers.h"
#include "walcheckpointer.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>

namespace waddle::cp {

Database::Database(QString location, sql::OpenedDatabase opened)
    : m_location(std::move(location))
    , m_connection(std::move(opened.connection))
    , m_schemaVersion(opened.schemaVersion)
{}

Database::~Database() = default;

StoreResult<std::unique_ptr<Database>> Database::open(const QString &location, Check check)
{
    if (location.isEmpty())
        return StoreError{StoreError::Kind::Invalid, QStringLiteral("No store path given"),
                          QStringLiteral("path")};
    sql::DatabaseOptions options;
    options.location = location;
    options.connectionPrefix = QStringLiteral("waddle-store-");
    options.label = QStringLiteral("store");
    if (sql::dialectOf(location) == sql::Dialect::PostgreSql) {
        options.migrations = postgresql::migrations();
        options.connectionSettings = postgresql::connectionSettings();
    } else {
        options.migrations = sqlite::migrations();
        options.connectionSettings = sqlite::connectionSettings();
        options.fileSettings = sqlite::fileSettings();
    }
    options.checkIntegrity = check == Check::QuickCheck;
    if (sql::isFileDatabase(location)) {
        // Owner only, before SQLite makes it (its -wal and -shm files copy
        // this mode); an existing store is narrowed to it too.
        QFile file(location);
        if (!file.exists() && file.open(QIODevice::WriteOnly))
            file.close();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
            if (QFile::exists(location + suffix))
                QFile::setPermissions(location + suffix, QFile::ReadOwner | QFile::WriteOwner);
        }
    }
    auto opened = sql::openDatabase(options);
    if (!opened) {
        const sql::OpenError &error = opened.error();
        if (error.damaged) {
            return StoreError{StoreError::Kind::Invalid,
                              QStringLiteral("%1. Stop here and restore the store from a backup "
                                             "(or move it, with its -wal and -shm files, aside "
                                             "to start an empty one); \"waddle-regiond check\" "
                                             "lists the damage")
                                  .arg(error.message),
                              QStringLiteral("path")};
        }
        switch (error.kind) {
        case sql::OpenError::Kind::CannotOpen:
        case sql::OpenError::Kind::NotOurs:
            return StoreError{StoreError::Kind::Invalid, error.message, QStringLiteral("path")};
        case sql::OpenError::Kind::Unsupported:
        case sql::OpenError::Kind::Failed:
            break;
        }
        return StoreError{StoreError::Kind::Internal, error.message, {}};
    }
    return std::unique_ptr<Database>(new Database(location, std::move(opened).value()));
}

StoreResult<QStringList> Database::integrityProblems() const
{
    if (sql::dialectOf(connection()) == sql::Dialect::PostgreSql) {
        // PostgreSQL checks its own pages (data checksums, amcheck); what is
        // left to say is whether the store answers.
        QSqlQuery q(connection());
        if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM schema_version")))
            return QStringList{sql::errorText(q.lastError())};
        return QStringList{};
    }
    QSqlQuery q(connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return StoreError{StoreError::Kind::Internal,
                          QStringLiteral("integrity_check failed: %1").arg(q.lastError().text()),
                          {}};
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != u"ok")
            problems.append(line);
    }
    return problems;
}

QSqlDatabase Database::connection() const
{
    return m_connection->database();
}

void Database::checkpointInBackground()
{
    sqlite3 *handle = store::sqliteHandle(connection());
    if (m_checkpointer || !handle || !sql::isFileDatabase(m_location))
        return;
    auto checkpointer = std::make_unique<store::WalCheckpointer>(handle, m_location);
    if (!checkpointer->isRunning()) {
        // SQLite's own auto-checkpoint stays: slower commits, nothing lost.
        qWarning("waddle.store: checkpoints stay in the commits: %s",
                 qUtf8Printable(checkpointer->error()));
        return;
    }
    m_checkpointer = std::move(checkpointer);
}

} // namespace waddle::cp
