#include "database.h"

#include "migrations.h"
#include "sql/opendatabase.h"

namespace waddle::cp {

Database::Database(QString location, sql::OpenedDatabase opened)
    : m_location(std::move(location))
    , m_connection(std::move(opened.connection))
    , m_schemaVersion(opened.schemaVersion)
{}

Database::~Database() = default;

StoreResult<std::unique_ptr<Database>> Database::open(const QString &location)
{
    if (location.isEmpty())
        return StoreError{StoreError::Kind::Invalid, QStringLiteral("No store path given"),
                          QStringLiteral("path")};
    sql::DatabaseOptions options;
    options.location = location;
    options.connectionPrefix = QStringLiteral("waddle-store-");
    options.label = QStringLiteral("store");
    // A PostgreSQL location gets its own migrations here when it is built.
    options.migrations = sqlite::migrations();
    options.connectionSettings = sqlite::connectionSettings();
    auto opened = sql::openDatabase(options);
    if (!opened) {
        const sql::OpenError &error = opened.error();
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

QSqlDatabase Database::connection() const
{
    return m_connection->database();
}

} // namespace waddle::cp
