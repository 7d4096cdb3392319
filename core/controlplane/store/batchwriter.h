#pragma once

#include "statements.h"

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace waddle::cp::store {

// One INSERT run for many rows inside the caller's transaction, for the
// store's hot paths (issue 12: a batch of 10,000 usage events is some 45,000
// rows). The rows of an `INSERT … VALUES (?, ?) …` go `rowsPerStatement`
// to a statement: one VALUES list of that many rows, so a step and the
// statement's own work per group on SQLite, a round trip per group on
// PostgreSQL; the last few at finish(), one by one on SQLite, as one
// statement elsewhere. On SQLite the values are bound straight to the
// connection's own prepared statements (UTF-8 text, numbers): none of
// QtSql's per-value QVariant, placeholder names and UTF-16 text. The rows
// of a group are copied, so text need only live until row().
//
// An upsert's ON CONFLICT applies to every row of a group as to a row
// alone; PostgreSQL refuses one statement that meets the same key twice,
// so the keys of an upsert's rows must differ until finish() (which may be
// called between passes).
//
//     BatchWriter w(db, {"INSERT INTO t (a, b) VALUES ", "(?, ?)", " ON CONFLICT …"},
//                   "store t");
//     for (…) { w.text(a); w.real(b); if (auto e = w.row()) return e; }
//     if (auto e = w.finish()) return e;
class BatchWriter
{
public:
    // An INSERT split around its one row of values, run `rowsPerStatement`
    // rows a statement.
    struct Grouped
    {
        QString head;   // "INSERT INTO t (a, b) VALUES "
        QString values; // "(?, ?)"
        QString tail;   // "" or " ON CONFLICT …"
        int rowsPerStatement = 32;
    };

    BatchWriter(const QSqlDatabase &db, Grouped grouped, QString what);
    ~BatchWriter();
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // The next placeholder's value.
    void text(QByteArrayView utf8);
    void integer(qint64 value);
    void real(double value);
    // Ends a row: runs the group it completes. Conflicts are Conflict, as
    // sqlError says.
    [[nodiscard]] MaybeError row();
    // Runs the last few rows. The writer can go on taking rows after it.
    [[nodiscard]] MaybeError finish();

private:
    // A value of a kept row: text as a slice of m_texts.
    struct Value
    {
        enum class Kind : quint8
        {
            Text,
            Integer,
            Real
        } kind;
        qint64 integer = 0; // Text: its offset in m_texts
        double real = 0;
        int size = 0; // Text: its size
    };

    [[nodiscard]] StoreError sqliteError(int code) const;
    [[nodiscard]] sqlite3_stmt *prepare(const QString &sql);
    // The INSERT with `rows` rows of values.
    [[nodiscard]] QString rowsOf(qsizetype rows) const;
    [[nodiscard]] QByteArrayView keptText(const Value &value) const;
    // Binds `count` kept values from `first` to `statement`, steps it once.
    [[nodiscard]] MaybeError runKept(sqlite3_stmt *statement, qsizetype first, qsizetype count);
    // Binds every kept value to `query` (prepared), runs it once.
    [[nodiscard]] MaybeError runKept(QSqlQuery &query);
    void clearKept();

    QSqlDatabase m_db;
    Grouped m_grouped;
    QString m_what;
    sqlite3_stmt *m_row = nullptr;         // SQLite: one row (the last few)
    sqlite3_stmt *m_group = nullptr;       // SQLite: rowsPerStatement rows
    std::optional<QSqlQuery> m_groupQuery; // other drivers, prepared on the first group
    std::optional<StoreError> m_error;     // a failed prepare, reported by row()
    int m_valuesPerRow = 0;                // counted on the first row
    std::vector<Value> m_kept;             // the rows of the group so far
    QByteArray m_texts;                    // their text
};

// One SELECT read row by row, for the store's long reads (an export of a
// million metric points). On SQLite the connection's own prepared statement
// is stepped and its columns read in place (UTF-8 text, numbers): none of
// QtSql's QVariant and UTF-16 text per value. On any other driver, a
// forward-only QSqlQuery.
//
//     BatchReader r(db, "SELECT a, b FROM t WHERE c = ?", {c}, "read t");
//     while (r.next()) use(r.text(0), r.real(1));
//     if (auto e = r.error()) return e;
class BatchReader
{
public:
    // `values` bind in order: text, whole numbers, reals.
    BatchReader(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                QString what);
    ~BatchReader();
    BatchReader(const BatchReader &) = delete;
    BatchReader &operator=(const BatchReader &) = delete;

    // The next row; false at the end or on a failure (error()).
    [[nodiscard]] bool next();
    // A column of the current row: its UTF-8 text (valid until next()), or
    // its number.
    [[nodiscard]] QByteArrayView text(int column);
    [[nodiscard]] double real(int column) const;
    [[nodiscard]] MaybeError error() const { return m_error; }

private:
    QSqlDatabase m_db;
    QString m_what;
    sqlite3_stmt *m_statement = nullptr;
    std::optional<QSqlQuery> m_query; // other drivers
    QByteArray m_text;                // other drivers: the last text()
    std::optional<StoreError> m_error;
};

// The connection's sqlite3 handle when the QSQLITE driver holds it, else null.
sqlite3 *sqliteHandle(const QSqlDatabase &db);

// `time` (UTC) as the store writes times, "YYYY-MM-DDTHH:MM:SS.mmmZ", into
// `out` without QDateTime::toString; false (out untouched) outside the years
// 0–9999, where timeText() is the way.
bool timeTextUtf8(const QDateTime &time, char (&out)[24]);

} // namespace waddle::cp::store
