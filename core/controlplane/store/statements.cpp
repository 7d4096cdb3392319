#include "statements.h"

#include <QSqlError>
#include <QUuid>

namespace waddle::cp::store {

StoreError invalid(const QString &message, const QString &field)
{
    return StoreError{StoreError::Kind::Invalid, message, field};
}

StoreError notFound(const QString &message)
{
    return StoreError{StoreError::Kind::NotFound, message, {}};
}

StoreError conflict(const QString &message, const QString &field)
{
    return StoreError{StoreError::Kind::Conflict, message, field};
}

StoreError internal(const QString &message)
{
    return StoreError{StoreError::Kind::Internal, message, {}};
}

StoreError sqlError(const QString &what, const QSqlError &error)
{
    const QString text = sql::errorText(error);
    const QString message = QStringLiteral("Could not %1: %2").arg(what, text);
    const QString code = error.nativeErrorCode();
    if (code == u"23505" || text.contains(u"UNIQUE constraint failed"))
        return StoreError{StoreError::Kind::Conflict, message, {}};
    if (code == u"23503" || text.contains(u"FOREIGN KEY constraint failed"))
        return StoreError{StoreError::Kind::Invalid, message, {}};
    return internal(message);
}

MaybeError run(QSqlQuery &query, const QString &statement, const QVariantList &values,
               const QString &what)
{
    return sql::run(query, statement, values, what, sqlError);
}

MaybeError runBatch(const QSqlDatabase &db, const QString &statement,
                    const QList<QVariantList> &columns, const QString &what)
{
    return sql::runBatch(db, statement, columns, what, sqlError);
}

StoreResult<qint64> count(const QSqlDatabase &db, const QString &sql, const QVariantList &values,
                          const QString &what)
{
    QSqlQuery q(db);
    if (auto error = run(q, sql, values, what))
        return *error;
    if (!q.next())
        return internal(QStringLiteral("Could not %1: no result").arg(what));
    return q.value(0).toLongLong();
}

MaybeError checkPaging(qint64 offset, qint64 limit)
{
    if (offset < 0)
        return invalid(QStringLiteral("offset must not be negative"), QStringLiteral("offset"));
    if (limit < 0)
        return invalid(QStringLiteral("limit must not be negative"), QStringLiteral("limit"));
    return std::nullopt;
}

QDateTime nowUtc()
{
    return QDateTime::currentDateTimeUtc();
}

QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

QVariant textOrNull(const QString &value)
{
    return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
}

QVariant flag(bool value)
{
    return QVariant(value ? 1 : 0);
}

QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace waddle::cp::store
