#include "connection.h"

#include <QUuid>

namespace waddle::sql {

Connection::Connection(const QString &driver, const QString &prefix)
    : m_name(prefix + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_db(QSqlDatabase::addDatabase(driver, m_name))
{}

Connection::~Connection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

} // namespace waddle::sql
