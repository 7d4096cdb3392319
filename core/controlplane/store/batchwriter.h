#pragma once

#include "statements.h"

#include <QByteArrayView>
#include <QSqlDatabase>

struct sqlite3_stmt;

namespace waddle::cp::store {

// One INSERT run for many rows inside the caller's transaction, for the
// store's hot paths (issue 12: a batch of 10,000 usage events is some 45,000
// rows). On SQLite the values are bound straight to the connection's own
// prepared statement (UTF-8 text, numbers), one step a row: none of QtSql's
// per-value QVariant, placeholder names and UTF-16 text. On any other driver
// the rows are gathered into columns for one QSqlQuery::execBatch.
//
//     BatchWriter w(db, "INSERT INTO t (a, b) VALUES (?, ?)", "store t");
//     for (…) { w.text(a); w.real(b); if (auto e = w.row()) return e; }
//     if (auto e = w.finish()) return e;
class BatchWriter
{
public:
    BatchWriter(const QSqlDatabase &db, const QString &sql, QString what);
    ~BatchWriter();
    BatchWriter(const BatchWriter &) = delete;
    BatchWriter &operator=(const BatchWriter &) = delete;

    // The next placeholder's value. Text must stay alive until row().
    void text(QByteArrayView utf8);
    void integer(qint64 value);
    void real(double value);
    // Ends a row: runs it (SQLite) or keeps it. Conflicts are Conflict, as
    // sqlError says.
    [[nodiscard]] MaybeError row();
    // Runs the kept rows (other drivers); nothing more to do on SQLite.
    [[nodiscard]] MaybeError finish();

private:
    [[nodiscard]] StoreError sqliteError(int code) const;

    QSqlDatabase m_db;
    QString m_sql;
    QString m_what;
    sqlite3_stmt *m_statement = nullptr;
    std::optional<StoreError> m_error; // a failed prepare, reported by row()
    int m_next = 0;                    // placeholder of the next value (0-based)
    QList<QVariantList> m_columns;     // other drivers
};

// `time` (UTC) as the store writes times, "YYYY-MM-DDTHH:MM:SS.mmmZ", into
// `out` without QDateTime::toString; false (out untouched) outside the years
// 0–9999, where timeText() is the way.
bool timeTextUtf8(const QDateTime &time, char (&out)[24]);

} // namespace waddle::cp::store
