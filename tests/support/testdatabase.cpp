#include "testdatabase.h"

#include "sql/opendatabase.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

#include <cstdio>
#include <cstdlib>

namespace waddle::test {

namespace {

const QString kAdminConnection = QStringLiteral("waddle-test-admin");

QStringList &schemasMade()
{
    static QStringList schemas;
    return schemas;
}

[[noreturn]] void skipProgram(const QString &why)
{
    std::printf("PostgreSQL half skipped: %s\n", qPrintable(why));
    std::fflush(stdout);
    std::_Exit(0);
}

void dropSchemas()
{
    QSqlDatabase admin = QSqlDatabase::database(kAdminConnection, false);
    if (admin.isOpen()) {
        for (const QString &schema : std::as_const(schemasMade())) {
            QSqlQuery q(admin);
            q.exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schema));
        }
        admin.close();
    }
    admin = QSqlDatabase();
    QSqlDatabase::removeDatabase(kAdminConnection);
}

QSqlDatabase adminConnection(const QString &server)
{
    if (QSqlDatabase::contains(kAdminConnection))
        return QSqlDatabase::database(kAdminConnection);
    QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), kAdminConnection);
    if (auto error = sql::connectPostgreSql(admin, server, QStringLiteral("test server")))
        qFatal("%s", qPrintable(error->message));
    QSqlQuery quiet(admin);
    quiet.exec(QStringLiteral("SET client_min_messages = warning"));
    qAddPostRoutine(dropSchemas);
    return admin;
}

} // namespace

bool onPostgreSql()
{
    return qEnvironmentVariable("WADDLE_TEST_ENGINE") == u"postgresql";
}

QString freshPostgreSqlSchema()
{
    const QString server = qEnvironmentVariable("WADDLE_TEST_POSTGRESQL");
    if (server.isEmpty())
        return {};
    const QUrl url(server);
    const QString schema = u"t_" + QUuid::createUuid().toString(QUuid::Id128).left(16);
    QSqlQuery q(adminConnection(server));
    if (!q.exec(QStringLiteral("CREATE SCHEMA %1").arg(schema)))
        qFatal("Cannot make a test schema: %s", qPrintable(q.lastError().text()));
    schemasMade().append(schema);
    QUrl location = url;
    QUrlQuery query(url);
    query.addQueryItem(QStringLiteral("options"), QStringLiteral("-c search_path=%1").arg(schema));
    location.setQuery(query);
    return location.toString(QUrl::FullyEncoded);
}

QString storeLocation()
{
    if (!onPostgreSql())
        return QStringLiteral(":memory:");
    const QString location = freshPostgreSqlSchema();
    if (location.isEmpty()) {
        skipProgram(QStringLiteral("WADDLE_TEST_POSTGRESQL is not set (packaging/test.sh "
                                   "starts a throw-away server and sets it)"));
    }
    return location;
}

} // namespace waddle::test
