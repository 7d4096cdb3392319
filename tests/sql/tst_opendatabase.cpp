// core/sql's one way to open a database: recognising the owner's files,
// refusing others untouched, migrating once.
#include "sql/opendatabase.h"
#include "support/testdatabase.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace waddle::sql;
using namespace Qt::StringLiterals;

namespace {

DatabaseOptions options(const QString &location, int applicationId = 0)
{
    DatabaseOptions o;
    o.location = location;
    o.label = u"test store"_s;
    o.applicationId = applicationId;
    o.migrations = {
        Migration{1,
                  u"things"_s,
                  {u"CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT "
                   "NOT NULL, applied_at TEXT NOT NULL)"_s,
                   u"CREATE TABLE things (name TEXT)"_s}},
        Migration{2, u"more things"_s, {u"ALTER TABLE things ADD COLUMN size INTEGER"_s}},
    };
    if (applicationId != 0)
        o.migrations[0].statements.append(u"PRAGMA application_id = %1"_s.arg(applicationId));
    return o;
}

QByteArray bytesOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestOpenDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dialect_data();
    void dialect();
    void postgreSqlLocationsRefused_data();
    void postgreSqlLocationsRefused();
    void postgreSqlMigratesOnceAndReopens();
    void postgreSqlRefusesOthersUntouched_data();
    void postgreSqlRefusesOthersUntouched();
    void migratesOnceAndReopens();
    void refusesOthersUntouched_data();
    void refusesOthersUntouched();
};

void TestOpenDatabase::dialect_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<bool>("file");
    QTest::newRow("file") << u"/var/lib/waddle/waddle.db"_s << false << true;
    QTest::newRow("memory") << u":memory:"_s << false << false;
    QTest::newRow("shared memory") << u"file::memory:?cache=shared"_s << false << false;
    QTest::newRow("postgresql") << u"postgresql://waddle@db:5432/waddle"_s << true << false;
    QTest::newRow("postgres") << u"postgres://db/waddle"_s << true << false;
}

void TestOpenDatabase::dialect()
{
    QFETCH(QString, location);
    QFETCH(bool, postgres);
    QFETCH(bool, file);
    QCOMPARE(dialectOf(location) == Dialect::PostgreSql, postgres);
    QCOMPARE(isFileDatabase(location), file);
}

void TestOpenDatabase::postgreSqlLocationsRefused_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("says");
    QTest::newRow("no database") << u"postgresql://waddle@db"_s << u"is not a PostgreSQL URL"_s;
    QTest::newRow("no host") << u"postgresql:///waddle"_s << u"is not a PostgreSQL URL"_s;
    QTest::newRow("a path, not a name")
        << u"postgresql://waddle@db/a/b"_s << u"is not a PostgreSQL URL"_s;
    QTest::newRow("not a parameter")
        << u"postgresql://waddle@db/w?bad%20key=1"_s << u"is not a connection parameter"_s;
    QTest::newRow("semicolon in a value")
        << u"postgresql://waddle@db/w?options=a%3Bb"_s << u"must not contain ';'"_s;
    // Nothing listens on port 1 of the loopback: refused at once.
    QTest::newRow("no server") << u"postgresql://waddle:secret@127.0.0.1:1/waddle"_s
                               << u"Cannot open the test store"_s;
}

void TestOpenDatabase::postgreSqlLocationsRefused()
{
    QFETCH(QString, location);
    QFETCH(QString, says);
    const auto opened = openDatabase(options(location));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, OpenError::Kind::CannotOpen);
    QVERIFY2(opened.error().message.contains(says), qPrintable(opened.error().message));
    // A password never reaches a message.
    QVERIFY2(!opened.error().message.contains(u"secret"), qPrintable(opened.error().message));
}

void TestOpenDatabase::postgreSqlMigratesOnceAndReopens()
{
    const QString location = waddle::test::freshPostgreSqlSchema();
    if (location.isEmpty())
        QSKIP("PostgreSQL half skipped: WADDLE_TEST_POSTGRESQL is not set");
    DatabaseOptions o = options(location);
    o.applicationId = 0x1234; // PostgreSQL: a comment on schema_version
    {
        auto opened = openDatabase(o);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QCOMPARE(opened->schemaVersion, 2);
        QCOMPARE(dialectOf(opened->connection->database()), Dialect::PostgreSql);
    }
    auto again = openDatabase(o);
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(again->schemaVersion, 2);
    QSqlQuery q(again->connection->database());
    QVERIFY(q.exec(u"SELECT COUNT(*) FROM schema_version"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);               // nothing applied twice
    QVERIFY(q.exec(u"SELECT size FROM things"_s)); // the second step's column
}

void TestOpenDatabase::postgreSqlRefusesOthersUntouched_data()
{
    QTest::addColumn<QString>("setup");
    QTest::newRow("another program's tables") << u"recipes"_s;
    QTest::newRow("another program's schema_version") << u"unmarked"_s;
    QTest::newRow("newer schema") << u"future"_s;
}

void TestOpenDatabase::postgreSqlRefusesOthersUntouched()
{
    QFETCH(QString, setup);
    const QString location = waddle::test::freshPostgreSqlSchema();
    if (location.isEmpty())
        QSKIP("PostgreSQL half skipped: WADDLE_TEST_POSTGRESQL is not set");
    DatabaseOptions mine = options(location);
    mine.applicationId = 0x1234;
    // What the other program made, through the opener: "recipes" has no
    // schema_version (dropped after), "unmarked" lacks our mark, "future"
    // is ours one version ahead.
    DatabaseOptions other = options(location);
    if (setup == u"recipes") {
        other.migrations[0].statements = {other.migrations[0].statements.constFirst(),
                                          u"CREATE TABLE recipes (name TEXT)"_s};
        other.migrations.removeLast();
    } else if (setup == u"future") {
        other = mine;
        other.migrations.append(Migration{3, u"future"_s, {u"SELECT 1"_s}});
    }
    {
        auto made = openDatabase(other);
        QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message));
        if (setup == u"recipes") {
            QSqlQuery q(made->connection->database());
            QVERIFY(q.exec(u"DROP TABLE schema_version"_s));
        }
    }

    const auto opened = openDatabase(mine);
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, OpenError::Kind::NotOurs);
    QVERIFY2(opened.error().message.contains(u"is not a Waddle test store"),
             qPrintable(opened.error().message));

    // Untouched: the other program still finds exactly what it left.
    auto look = openDatabase(other);
    if (setup == u"recipes") {
        QVERIFY(!look.ok()); // no schema_version of its own now: only its table is there
        QVERIFY2(look.error().message.contains(u"(recipes)"), qPrintable(look.error().message));
        return;
    }
    QVERIFY2(look.ok(), qPrintable(look.ok() ? QString() : look.error().message));
    QCOMPARE(look->schemaVersion, setup == u"future" ? 3 : 2);
    QSqlQuery q(look->connection->database());
    QVERIFY(q.exec(u"SELECT COUNT(*), obj_description('schema_version'::regclass, 'pg_class') "
                   "FROM schema_version"_s) &&
            q.next());
    QCOMPARE(q.value(0).toInt(), setup == u"future" ? 3 : 2);
    QCOMPARE(q.value(1).toString(), setup == u"future" ? u"waddle test store 4660"_s : QString());
}

void TestOpenDatabase::migratesOnceAndReopens()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"a.db"_s);
    {
        auto opened = openDatabase(options(path, 0x1234));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QCOMPARE(opened->schemaVersion, 2);
        QSqlQuery q(opened->connection->database());
        QVERIFY(q.exec(u"PRAGMA journal_mode"_s) && q.next());
        QCOMPARE(q.value(0).toString(), u"wal"_s);
    }
    auto again = openDatabase(options(path, 0x1234));
    QVERIFY(again.ok());
    QCOMPARE(again->schemaVersion, 2);
    QSqlQuery q(again->connection->database());
    QVERIFY(q.exec(u"SELECT COUNT(*) FROM schema_version"_s) && q.next());
    QCOMPARE(q.value(0).toInt(), 2); // nothing applied twice
}

void TestOpenDatabase::refusesOthersUntouched_data()
{
    QTest::addColumn<QString>("setup"); // how the file is made
    QTest::addColumn<int>("applicationId");
    QTest::newRow("not a database") << u"text"_s << 0;
    QTest::newRow("another program's tables") << u"recipes"_s << 0;
    QTest::newRow("another program's mark") << u"mark"_s << 0x1234;
    QTest::newRow("newer schema") << u"future"_s << 0;
}

void TestOpenDatabase::refusesOthersUntouched()
{
    QFETCH(QString, setup);
    QFETCH(int, applicationId);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"other.db"_s);
    if (setup == u"text") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
    } else if (setup == u"recipes") {
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            QVERIFY(q.exec(u"CREATE TABLE recipes (name TEXT)"_s));
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
    } else {
        DatabaseOptions o = options(path);
        if (setup == u"mark")
            o.migrations[0].statements.append(u"PRAGMA application_id = 99"_s);
        else
            o.migrations.append(Migration{3, u"future"_s, {u"SELECT 1"_s}});
        QVERIFY(openDatabase(o).ok());
    }
    const QByteArray before = bytesOf(path);
    const auto opened = openDatabase(options(path, applicationId));
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().kind, OpenError::Kind::NotOurs);
    QVERIFY2(opened.error().message.contains(path), qPrintable(opened.error().message));
    QCOMPARE(bytesOf(path), before);
}

QTEST_GUILESS_MAIN(TestOpenDatabase)
#include "tst_opendatabase.moc"
