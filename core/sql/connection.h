#pragma once

#include <QSqlDatabase>
#include <QString>

namespace waddle::sql {

// One named QtSql connection, removed again when this goes. QtSql
// connections are per thread, so every owner (a store on a thread, a cache,
// a test) gets a name of its own: `prefix` and a fresh UUID.
class Connection
{
public:
    Connection(const QString &driver, const QString &prefix);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;
    Connection(Connection &&) = delete;
    Connection &operator=(Connection &&) = delete;

    [[nodiscard]] QSqlDatabase database() const { return m_db; }
    [[nodiscard]] QString name() const { return m_name; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace waddle::sql
