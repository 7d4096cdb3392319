#include "controlplane/store/batchwriter.h"
#include "controlplane/store/database.h"
#include "controlplane/store/walcheckpointer.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace waddle::cp;
using namespace Qt::StringLiterals;

// The store's write-ahead log copied back on a thread of its own
// (store/walcheckpointer.h), on real SQLite files in a temporary folder.
class TestWalCheckpointer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void threadCopiesTheLogOnceItGrows();
    void writerCopiesItselfAtTheLimit();
    void smallCommitsLeaveTheLogAlone();
    void everyCommitSurvivesAReopen();
    void unopenableFileKeepsSQLitesOwn();
    void onlyFileStoresGetOne();

private:
    // Rows of 1 KiB text in a table of their own: `rows` of them are about
    // rows / 4 pages of the log.
    static bool writeRows(const QSqlDatabase &db, int first, int rows);
    // The log's frames and how many of them are in the file, as SQLite's
    // PRAGMA wal_checkpoint(PASSIVE) says (it also copies what it can).
    static std::pair<int, int> logAndCopied(const QSqlDatabase &db);
    // The store at storePath(), its log emptied of the migrations' pages
    // (so the next commit starts a new log); null when it cannot be opened.
    std::unique_ptr<Database> openWithEmptyLog() const;
    [[nodiscard]] QString storePath() const { return m_dir->filePath(u"store.db"_s); }
    // PRAGMA wal_autocheckpoint: SQLite's own threshold, 0 when another
    // WAL hook (the checkpointer's) has replaced it.
    static int autoCheckpointPages(const QSqlDatabase &db);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestWalCheckpointer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

bool TestWalCheckpointer::writeRows(const QSqlDatabase &db, int first, int rows)
{
    QSqlQuery q(db);
    if (!q.exec(u"CREATE TABLE IF NOT EXISTS scratch (n INTEGER PRIMARY KEY, text TEXT)"_s))
        return false;
    QSqlDatabase connection = db;
    if (!connection.transaction())
        return false;
    q.prepare(u"INSERT INTO scratch VALUES (?, ?)"_s);
    for (int n = first; n < first + rows; ++n) {
        q.addBindValue(n);
        q.addBindValue(QString(1024, QChar(u'a' + n % 26)));
        if (!q.exec())
            return false;
    }
    return connection.commit();
}

std::pair<int, int> TestWalCheckpointer::logAndCopied(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s) || !q.next())
        return {-1, -1};
    return {q.value(1).toInt(), q.value(2).toInt()};
}

std::unique_ptr<Database> TestWalCheckpointer::openWithEmptyLog() const
{
    auto db = Database::open(storePath());
    if (!db)
        return nullptr;
    logAndCopied(db.value()->connection());
    return std::move(db).value();
}

int TestWalCheckpointer::autoCheckpointPages(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(u"PRAGMA wal_autocheckpoint"_s) || !q.next())
        return -1;
    return q.value(0).toInt();
}

void TestWalCheckpointer::threadCopiesTheLogOnceItGrows()
{
    const QString path = storePath();
    const auto db = openWithEmptyLog();
    QVERIFY(db);
    QSqlDatabase connection = db->connection();
    store::WalCheckpointer checkpointer(store::sqliteHandle(connection), path, 50, 100000);
    QVERIFY2(checkpointer.isRunning(), qPrintable(checkpointer.error()));
    const qint64 fileBefore = QFileInfo(path).size();

    // About 500 pages in one commit: past the 50 that wake the thread.
    QVERIFY(writeRows(connection, 0, 2000));
    QTRY_VERIFY(checkpointer.counts().checkpoints >= 1);
    // All of the commit's ~500 pages, copied.
    QTRY_VERIFY(checkpointer.counts().copiedPages >= 400);
    QCOMPARE(checkpointer.counts().copiedPages, checkpointer.counts().logPages);
    QCOMPARE(checkpointer.counts().writerFallbacks, 0);
    // The pages are in the file now, not only in the log.
    QVERIFY(QFileInfo(path).size() > fileBefore + 400 * 1024);
    // SQLite's own auto-checkpoint is off while the thread runs.
    QCOMPARE(autoCheckpointPages(connection), 0);
}

void TestWalCheckpointer::writerCopiesItselfAtTheLimit()
{
    // A thread that never wakes (its threshold out of reach): the writer's
    // own commits copy the log back once it reaches 100 pages.
    const QString path = storePath();
    const auto db = openWithEmptyLog();
    QVERIFY(db);
    QSqlDatabase connection = db->connection();
    store::WalCheckpointer checkpointer(store::sqliteHandle(connection), path, 1'000'000'000, 100);
    QVERIFY(checkpointer.isRunning());
    QCOMPARE(autoCheckpointPages(connection), 0);
    QVERIFY(writeRows(connection, 0, 40)); // ~10 pages: below the limit
    QCOMPARE(checkpointer.counts().writerFallbacks, 0);
    QVERIFY(writeRows(connection, 40, 2000)); // ~500 more
    QCOMPARE(checkpointer.counts().writerFallbacks, 1);
    QCOMPARE(checkpointer.counts().checkpoints, 0);
    // It copied the whole log.
    const auto [log, copied] = logAndCopied(connection);
    QVERIFY(log >= 500);
    QCOMPARE(copied, log);
    QTest::qWait(50);
    QCOMPARE(checkpointer.counts().checkpoints, 0);
}

void TestWalCheckpointer::smallCommitsLeaveTheLogAlone()
{
    // Below the threshold nothing wakes the thread: the log just grows.
    const QString path = storePath();
    const auto db = openWithEmptyLog();
    QVERIFY(db);
    QSqlDatabase connection = db->connection();
    store::WalCheckpointer checkpointer(store::sqliteHandle(connection), path, 1000, 100000);
    for (int i = 0; i < 10; ++i)
        QVERIFY(writeRows(connection, i * 10, 10));
    QTest::qWait(50);
    QCOMPARE(checkpointer.counts().checkpoints, 0);
    QCOMPARE(checkpointer.counts().writerFallbacks, 0);
}

void TestWalCheckpointer::everyCommitSurvivesAReopen()
{
    // Commits while the thread copies, then the checkpointer and the store
    // closed: every row is there on the next open.
    const QString path = storePath();
    {
        auto db = Database::open(path);
        QVERIFY(db);
        db.value()->checkpointInBackground();
        QVERIFY(db.value()->checkpointer());
        // The store's own threshold is 4000 pages: 20,000 rows are ~5,000.
        for (int i = 0; i < 10; ++i)
            QVERIFY(writeRows(db.value()->connection(), i * 2000, 2000));
        QTRY_VERIFY(db.value()->checkpointer()->counts().checkpoints >= 1);
    }
    auto reopened = Database::open(path);
    QVERIFY(reopened);
    QSqlQuery q(reopened.value()->connection());
    QVERIFY(q.exec(u"SELECT COUNT(*), SUM(n), MIN(length(text)) FROM scratch"_s));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 20000);
    QCOMPARE(q.value(1).toLongLong(), 19999LL * 20000 / 2);
    QCOMPARE(q.value(2).toInt(), 1024);
}

void TestWalCheckpointer::unopenableFileKeepsSQLitesOwn()
{
    // The checkpoint connection opens an existing file only: a path that is
    // not one leaves the writer as it was, with the reason.
    const QString path = storePath();
    auto db = Database::open(path);
    QVERIFY(db);
    QSqlDatabase connection = db.value()->connection();
    {
        store::WalCheckpointer checkpointer(store::sqliteHandle(connection),
                                            m_dir->filePath(u"missing/store.db"_s));
        QVERIFY(!checkpointer.isRunning());
        QVERIFY(!checkpointer.error().isEmpty());
        QCOMPARE(autoCheckpointPages(connection), 4000);
    }
    // SQLite's auto-checkpoint (the store's 4,000 pages) still runs in
    // the writer's commits.
    QCOMPARE(autoCheckpointPages(connection), 4000);
}

void TestWalCheckpointer::onlyFileStoresGetOne()
{
    auto memory = Database::open(u":memory:"_s);
    QVERIFY(memory);
    memory.value()->checkpointInBackground();
    QVERIFY(!memory.value()->checkpointer());

    auto file = Database::open(storePath());
    QVERIFY(file);
    file.value()->checkpointInBackground();
    const store::WalCheckpointer *first = file.value()->checkpointer();
    QVERIFY(first);
    QVERIFY(first->isRunning());
    file.value()->checkpointInBackground(); // a second call keeps the first
    QCOMPARE(file.value()->checkpointer(), first);
}

QTEST_GUILESS_MAIN(TestWalCheckpointer)
#include "tst_walcheckpointer.moc"
