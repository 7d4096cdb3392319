#pragma once

#include "sql/sqlhelpers.h"
#include "storeerror.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

// The store's flavour of the shared QtSql helpers (core/sql): every
// repository reports a StoreError, binds values the same way and counts rows
// the same way. Free functions, no state.
namespace waddle::cp::store {

using MaybeError = std::optional<StoreError>;

StoreError invalid(const QString &message, const QString &field = {});
StoreError notFound(const QString &message);
StoreError internal(const QString &message);
StoreError conflict(const QString &message, const QString &field = {});

// A database error as a StoreError. Constraint violations are the caller's
// doing, not the database's: a duplicate key is a Conflict, a reference to a
// missing row Invalid. SQLite says so in its text, PostgreSQL by SQLSTATE.
StoreError sqlError(const QString &what, const QSqlError &error);

MaybeError run(QSqlQuery &query, const QString &statement, const QVariantList &values,
               const QString &what);
MaybeError runBatch(const QSqlDatabase &db, const QString &statement,
                    const QList<QVariantList> &columns, const QString &what);

using Transaction = sql::Transaction<StoreError, sqlError>;

// One number from `sql` (COUNT(*) and the like).
StoreResult<qint64> count(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                          const QString &what);

// Every row of `sql`, each made by `row(query)`.
template <typename T, typename Row>
StoreResult<QList<T>> selectRows(const QSqlDatabase &db, const QString &sql,
                                 const QVariantList &values, const QString &what, Row row)
{
    QSqlQuery q(db);
    if (auto error = run(q, sql, values, what))
        return *error;
    QList<T> out;
    while (q.next())
        out.append(row(q));
    return out;
}

// ?offset=&limit= as the repositories accept them: neither negative.
MaybeError checkPaging(qint64 offset, qint64 limit);

QDateTime nowUtc();
// A text value for a NOT NULL column: a null QString would bind as NULL.
QVariant text(const QString &value);
// NULL for an empty string (optional region codes).
QVariant textOrNull(const QString &value);
QVariant flag(bool value);
// A new random row id.
QString newId();

using sql::timeFrom;
using sql::timeText;

} // namespace waddle::cp::store
