#include "batchwriter.h"

#include <QSqlDriver>
#include <QSqlError>

#include <sqlite3.h>

namespace waddle::cp::store {

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

namespace {

// A failure of the connection `handle` as a StoreError, as sqlError says.
StoreError sqliteFailure(sqlite3 *handle, int code, const QString &what)
{
    const int extended = handle ? sqlite3_extended_errcode(handle) : code;
    const QString text = QString::fromUtf8(handle ? sqlite3_errmsg(handle) : sqlite3_errstr(code));
    const QString message = QStringLiteral("Could not %1: %2").arg(what, text);
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY)
        return conflict(message);
    if (extended == SQLITE_CONSTRAINT_FOREIGNKEY)
        return StoreError{StoreError::Kind::Invalid, message, {}};
    return internal(message);
}

// Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day
// number (days since 1970-01-01).
void civilFromDays(qint64 z, qint64 &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<qint64>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

void digits(char *out, unsigned value, int count)
{
    for (int i = count - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

} // namespace

bool timeTextUtf8(const QDateTime &time, char (&out)[24])
{
    if (!time.isValid())
        return false;
    const qint64 ms = time.toMSecsSinceEpoch();
    const qint64 msPerDay = 86'400'000;
    const qint64 day = ms >= 0 ? ms / msPerDay : (ms - msPerDay + 1) / msPerDay;
    const qint64 inDay = ms - day * msPerDay;
    qint64 year = 0;
    unsigned month = 0, dayOfMonth = 0;
    civilFromDays(day, year, month, dayOfMonth);
    if (year < 0 || year > 9999)
        return false;
    digits(out, static_cast<unsigned>(year), 4);
    out[4] = '-';
    digits(out + 5, month, 2);
    out[7] = '-';
    digits(out + 8, dayOfMonth, 2);
    out[10] = 'T';
    digits(out + 11, static_cast<unsigned>(inDay / 3'600'000), 2);
    out[13] = ':';
    digits(out + 14, static_cast<unsigned>(inDay / 60'000 % 60), 2);
    out[16] = ':';
    digits(out + 17, static_cast<unsigned>(inDay / 1000 % 60), 2);
    out[19] = '.';
    digits(out + 20, static_cast<unsigned>(inDay % 1000), 3);
    out[23] = 'Z';
    return true;
}

BatchWriter::BatchWriter(const QSqlDatabase &db, Grouped grouped, QString what)
    : m_db(db)
    , m_grouped(std::move(grouped))
    , m_what(std::move(what))
{
    m_grouped.rowsPerStatement = std::max(1, m_grouped.rowsPerStatement);
    if (sqliteHandle(m_db)) {
        m_row = prepare(rowsOf(1));
        m_group = prepare(rowsOf(m_grouped.rowsPerStatement));
    }
}

BatchWriter::~BatchWriter()
{
    sqlite3_finalize(m_row);
    sqlite3_finalize(m_group);
}

QString BatchWriter::rowsOf(qsizetype rows) const
{
    return m_grouped.head + QStringList(rows, m_grouped.values).join(u", ") + m_grouped.tail;
}

sqlite3_stmt *BatchWriter::prepare(const QString &sql)
{
    if (m_error)
        return nullptr;
    const QByteArray utf8 = sql.toUtf8();
    sqlite3_stmt *statement = nullptr;
    const int code = sqlite3_prepare_v2(sqliteHandle(m_db), utf8.constData(), int(utf8.size()),
                                        &statement, nullptr);
    if (code != SQLITE_OK) {
        m_error = sqliteError(code);
        sqlite3_finalize(statement);
        return nullptr;
    }
    return statement;
}

void BatchWriter::text(QByteArrayView utf8)
{
    m_kept.push_back({Value::Kind::Text, m_texts.size(), 0, int(utf8.size())});
    m_texts.append(utf8);
}

void BatchWriter::integer(qint64 value)
{
    m_kept.push_back({Value::Kind::Integer, value, 0, 0});
}

void BatchWriter::real(double value)
{
    m_kept.push_back({Value::Kind::Real, 0, value, 0});
}

QByteArrayView BatchWriter::keptText(const Value &value) const
{
    return QByteArrayView(m_texts).sliced(value.integer, value.size);
}

MaybeError BatchWriter::runKept(sqlite3_stmt *statement, qsizetype first, qsizetype count)
{
    int placeholder = 0;
    for (qsizetype i = first; i < first + count; ++i) {
        const Value &value = m_kept[std::size_t(i)];
        switch (value.kind) {
        case Value::Kind::Text: {
            // A null view is still text (""), never NULL.
            const QByteArrayView text = keptText(value);
            sqlite3_bind_text(statement, ++placeholder, text.data() ? text.data() : "",
                              int(text.size()), SQLITE_STATIC);
            break;
        }
        case Value::Kind::Integer:
            sqlite3_bind_int64(statement, ++placeholder, value.integer);
            break;
        case Value::Kind::Real:
            sqlite3_bind_double(statement, ++placeholder, value.real);
            break;
        }
    }
    const int code = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (code != SQLITE_DONE)
        return sqliteError(code);
    return std::nullopt;
}

MaybeError BatchWriter::runKept(QSqlQuery &query)
{
    for (const Value &value : m_kept) {
        switch (value.kind) {
        case Value::Kind::Text:
            query.addBindValue(QString::fromUtf8(keptText(value)));
            break;
        case Value::Kind::Integer:
            query.addBindValue(value.integer);
            break;
        case Value::Kind::Real:
            query.addBindValue(value.real);
            break;
        }
    }
    if (!query.exec())
        return sqlError(m_what, query.lastError());
    return std::nullopt;
}

void BatchWriter::clearKept()
{
    m_kept.clear();
    m_texts.resize(0); // keeps its capacity
}

MaybeError BatchWriter::row()
{
    if (m_error)
        return m_error;
    if (m_valuesPerRow == 0)
        m_valuesPerRow = int(m_kept.size());
    if (qsizetype(m_kept.size()) < qsizetype(m_valuesPerRow) * m_grouped.rowsPerStatement)
        return std::nullopt;
    MaybeError error;
    if (m_group) {
        error = runKept(m_group, 0, qsizetype(m_kept.size()));
    } else {
        // Other drivers: one prepared statement of a group's rows, run once
        // a group (PostgreSQL: a round trip a group, not a row).
        if (!m_groupQuery) {
            m_groupQuery.emplace(m_db);
            if (!m_groupQuery->prepare(rowsOf(m_grouped.rowsPerStatement)))
                error = sqlError(m_what, m_groupQuery->lastError());
        }
        if (!error)
            error = runKept(*m_groupQuery);
    }
    clearKept();
    return error;
}

MaybeError BatchWriter::finish()
{
    if (m_error)
        return m_error;
    MaybeError error;
    if (m_kept.empty()) {
    } else if (m_row) {
        // SQLite: the last few a row at a time.
        for (qsizetype first = 0; !error && first < qsizetype(m_kept.size());
             first += m_valuesPerRow) {
            error = runKept(m_row, first, m_valuesPerRow);
        }
    } else {
        // Other drivers: one statement of the last few.
        QSqlQuery last(m_db);
        if (!last.prepare(rowsOf(qsizetype(m_kept.size()) / m_valuesPerRow)))
            error = sqlError(m_what, last.lastError());
        else
            error = runKept(last);
    }
    clearKept();
    return error;
}

StoreError BatchWriter::sqliteError(int code) const
{
    return sqliteFailure(sqliteHandle(m_db), code, m_what);
}

BatchReader::BatchReader(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                         QString what)
    : m_db(db)
    , m_what(std::move(what))
{
    sqlite3 *handle = sqliteHandle(db);
    if (!handle) {
        m_query.emplace(db);
        m_query->setForwardOnly(true);
        m_error = run(*m_query, sql, values, m_what);
        return;
    }
    const QByteArray utf8 = sql.toUtf8();
    int code =
        sqlite3_prepare_v2(handle, utf8.constData(), int(utf8.size()), &m_statement, nullptr);
    for (int i = 0; code == SQLITE_OK && i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        switch (value.typeId()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
            code = sqlite3_bind_int64(m_statement, i + 1, value.toLongLong());
            break;
        case QMetaType::Double:
            code = sqlite3_bind_double(m_statement, i + 1, value.toDouble());
            break;
        default: {
            const QByteArray text = value.toString().toUtf8();
            code = sqlite3_bind_text(m_statement, i + 1, text.constData(), int(text.size()),
                                     SQLITE_TRANSIENT);
            break;
        }
        }
    }
    if (code != SQLITE_OK) {
        m_error = sqliteFailure(handle, code, m_what);
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
    }
}

BatchReader::~BatchReader()
{
    if (m_statement)
        sqlite3_finalize(m_statement);
}

bool BatchReader::next()
{
    if (m_error)
        return false;
    if (m_query)
        return m_query->next();
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW)
        return true;
    if (code != SQLITE_DONE)
        m_error = sqliteFailure(sqliteHandle(m_db), code, m_what);
    return false;
}

QByteArrayView BatchReader::text(int column)
{
    if (m_query) {
        m_text = m_query->value(column).toString().toUtf8();
        return m_text;
    }
    const auto *bytes = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, column));
    return QByteArrayView(bytes, sqlite3_column_bytes(m_statement, column));
}

double BatchReader::real(int column) const
{
    if (m_query)
        return m_query->value(column).toDouble();
    return sqlite3_column_double(m_statement, column);
}

} // namespace waddle::cp::store
