#pragma once

#include "domain/jsonreader.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

#include <algorithm>
#include <optional>

// QtSql helpers shared by the control plane's Store and the client's Cache.
// Each caller has its own error type, so the helpers take the caller's
// `makeError(what, QSqlError)` and return std::optional of what it makes.
namespace waddle::sql {

// Prepares `sql`, binds `values` to its ? placeholders in order and runs it.
template <typename MakeError>
auto run(QSqlQuery &query, const QString &sql, const QVariantList &values, const QString &what,
         MakeError makeError) -> std::optional<decltype(makeError(what, QSqlError()))>
{
    query.setForwardOnly(true);
    // Nothing to bind: run it as it is. PostgreSQL cannot prepare SET,
    // COMMENT or most DDL (Qt's QPSQL prepares with PREPARE … AS).
    if (values.isEmpty()) {
        if (!query.exec(sql))
            return makeError(what, query.lastError());
        return std::nullopt;
    }
    if (!query.prepare(sql))
        return makeError(what, query.lastError());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return makeError(what, query.lastError());
    return std::nullopt;
}

// PostgreSQL takes up to 65,535 values a statement; well below that.
inline constexpr qsizetype kMaxBoundValues = 30'000;

// "INSERT … VALUES (?, …)" (ending with its one tuple, no ON CONFLICT) on a
// PostgreSQL connection, cut into what comes before the tuple and the tuple.
struct ManyRowInsert
{
    QString head;  // "INSERT INTO t (a, b) VALUES "
    QString tuple; // "(?, ?)"
};
inline std::optional<ManyRowInsert> manyRowInsert(const QSqlDatabase &db, const QString &sql)
{
    if (db.driverName() != u"QPSQL" || !sql.startsWith(u"INSERT INTO ") ||
        sql.contains(u"ON CONFLICT") || !sql.endsWith(u')'))
        return std::nullopt;
    const qsizetype values = sql.lastIndexOf(u" VALUES (");
    if (values < 0)
        return std::nullopt;
    return ManyRowInsert{sql.left(values + 8), sql.mid(values + 8)};
}

// The same for many rows: one list of values per placeholder, all of the
// same length (PERFORMANCE.md: execBatch inside one transaction).
template <typename MakeError>
auto runBatch(const QSqlDatabase &db, const QString &sql, const QList<QVariantList> &columns,
              const QString &what, MakeError makeError)
    -> std::optional<decltype(makeError(what, QSqlError()))>
{
    if (columns.isEmpty() || columns.constFirst().isEmpty())
        return std::nullopt;
    if (const auto rows = manyRowInsert(db, sql)) {
        // PostgreSQL: QPSQL's execBatch is one round trip a row; an INSERT
        // runs as statements of many rows each instead (same rows, same
        // order, one transaction as the caller's).
        const qsizetype count = columns.constFirst().size();
        const qsizetype perStatement =
            std::max<qsizetype>(1, kMaxBoundValues / std::max<qsizetype>(1, columns.size()));
        for (qsizetype first = 0; first < count; first += perStatement) {
            const qsizetype n = std::min(perStatement, count - first);
            QSqlQuery query(db);
            if (!query.prepare(rows->head + QStringList(n, rows->tuple).join(u", ")))
                return makeError(what, query.lastError());
            for (qsizetype row = first; row < first + n; ++row) {
                for (const QVariantList &column : columns)
                    query.addBindValue(column.at(row));
            }
            if (!query.exec())
                return makeError(what, query.lastError());
        }
        return std::nullopt;
    }
    QSqlQuery query(db);
    if (!query.prepare(sql))
        return makeError(what, query.lastError());
    for (const QVariantList &column : columns)
        query.addBindValue(column);
    if (!query.execBatch())
        return makeError(what, query.lastError());
    return std::nullopt;
}

// Rolls back unless committed, so every early return undoes the whole
// change. SQLite takes its write lock at the first write and waits for it
// (busy timeout) only when the transaction has not read before: so every
// writing transaction starts with its write.
template <typename Error, Error (*MakeError)(const QString &, const QSqlError &)>
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db)
        : m_db(std::move(db))
    {}
    ~Transaction()
    {
        if (m_open)
            m_db.rollback();
    }
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    std::optional<Error> begin()
    {
        if (!m_db.transaction())
            return MakeError(QStringLiteral("begin a transaction"), m_db.lastError());
        m_open = true;
        return std::nullopt;
    }

    std::optional<Error> commit()
    {
        if (!m_db.commit())
            return MakeError(QStringLiteral("commit"), m_db.lastError());
        m_open = false;
        return std::nullopt;
    }

private:
    QSqlDatabase m_db;
    bool m_open = false;
};

// Times are stored as ISO 8601 UTC text with milliseconds, so text order is
// time order and both SQLite and PostgreSQL read them the same way.
inline QString timeText(const QDateTime &time)
{
    return domain::toIsoString(time);
}

inline QDateTime timeFrom(const QVariant &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

// The database's own words when it has them, else Qt's.
inline QString errorText(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

} // namespace waddle::sql
