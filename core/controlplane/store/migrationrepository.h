#pragma once

#include "domain/placement/migration.h"
#include "domain/waddle.h"
#include "storeerror.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace waddle::cp {

class Database;

// Migrations and their six steps (SPEC §10, issue 11): one aggregate,
// stored after every transition so a restart resumes from the stored value.
// No repository knows another; each runs its own statements on the Database.
class MigrationRepository
{
public:
    explicit MigrationRepository(const Database &database);

    // Stores new migrations in one transaction. Conflict (nothing stored)
    // when one of their waddles already has an unfinished migration, or two
    // of them name the same waddle; Invalid without id, waddle or six steps.
    [[nodiscard]] StoreResult<void> create(const QList<domain::Migration> &migrations);
    [[nodiscard]] StoreResult<domain::Migration> migration(const QString &id) const;
    // Newest first; an empty waddle id or no state means any.
    [[nodiscard]] StoreResult<QList<domain::Migration>>
    migrations(const QString &waddleId, std::optional<domain::MigrationState> state, qint64 offset,
               qint64 limit) const;
    [[nodiscard]] StoreResult<qint64>
    migrationCount(const QString &waddleId, std::optional<domain::MigrationState> state) const;
    // Scheduled and running ones, oldest first: what a restart resumes.
    [[nodiscard]] StoreResult<QList<domain::Migration>> unfinished() const;

    // Stores the migration's state, error, finish time and steps.
    [[nodiscard]] StoreResult<void> save(const domain::Migration &migration);
    // The Update step, one transaction: the waddle's current region becomes
    // the target (no longer temporary) and the migration is saved. Returns
    // the waddle before and after. Conflict, nothing changed, when the
    // waddle is no longer on the migration's source region.
    struct Moved
    {
        domain::Waddle before;
        domain::Waddle after;
    };
    [[nodiscard]] StoreResult<Moved> saveWithMove(const domain::Migration &migration);

private:
    [[nodiscard]] QSqlDatabase db() const;
    [[nodiscard]] StoreResult<QList<domain::Migration>>
    withSteps(QList<domain::Migration> found) const;
    [[nodiscard]] StoreResult<void> write(const domain::Migration &migration);

    const Database &m_database;
};

} // namespace waddle::cp
