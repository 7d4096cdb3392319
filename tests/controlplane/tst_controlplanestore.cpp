// Issue 15 finding 7: the control plane's store at start and on demand —
// a read-only data folder named as such, the demo seed completed after a
// crash between its two steps, and `waddle-regiond check`.
#include "sql/sqlhelpers.h"
#include "storefixtures.h"
#include "support/testbackend.h"

#include <QDir>

#include <unistd.h>

using namespace waddle;
using namespace waddle::test;
using namespace Qt::StringLiterals;

class TestControlPlaneStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readOnlyDataDirIsNamed();
    void demoSeedCompletedAfterACrash();
    void checkCommand();
};

void TestControlPlaneStore::readOnlyDataDirIsNamed()
{
    if (::geteuid() == 0)
        QSKIP("root writes to read-only folders; run as a user to check the message");
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
    TestBackend backend({}, dir.path());
    QVERIFY(!backend.ok());
    QVERIFY2(backend.error().contains(u"cannot write to %1: permission denied"_s.arg(dir.path())),
             qPrintable(backend.error()));
    QVERIFY2(!backend.error().contains(u"not a Waddle store"_s), qPrintable(backend.error()));
    QVERIFY(
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
}

void TestControlPlaneStore::demoSeedCompletedAfterACrash()
{
    QTemporaryDir dir;
    const QString path = QDir(dir.path()).filePath(u"waddle.db"_s);
    qint64 waddles = 0;
    qint64 events = 0;
    // The seeded history ends at the last whole hour; the demo's live usage
    // adds events of now while a backend runs (a slow machine: a few).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString history = u"SELECT COUNT(*) FROM usage_events WHERE started_at < '%1'"_s.arg(
        sql::timeText(QDateTime(now.date(), QTime(now.time().hour(), 0), Qt::UTC)));
    {
        TestBackend first({}, dir.path());
        QVERIFY2(first.ok(), qPrintable(first.error()));
    }
    {
        RawDatabase raw(path);
        waddles = raw.value(u"SELECT COUNT(*) FROM waddles"_s).toLongLong();
        events = raw.value(history).toLongLong();
        QVERIFY(waddles > 0 && events > 0);
        // As if killed after the waddles' transaction and before the usage's.
        QVERIFY(raw.exec(u"DELETE FROM usage_events"_s));
        QVERIFY(raw.exec(u"DELETE FROM usage_hourly"_s));
    }
    {
        TestBackend second({}, dir.path());
        QVERIFY2(second.ok(), qPrintable(second.error()));
    }
    RawDatabase raw(path);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM waddles"_s).toLongLong(), waddles);
    QCOMPARE(raw.value(history).toLongLong(), events);
}

void TestControlPlaneStore::checkCommand()
{
    QTemporaryDir dir;
    const auto nothing = cp::ControlPlane::checkStore(dir.path());
    QVERIFY(!nothing.ok());
    QVERIFY2(nothing.error().message.contains(u"no store"_s), qPrintable(nothing.error().message));
    {
        TestBackend backend({}, dir.path());
        QVERIFY2(backend.ok(), qPrintable(backend.error()));
    }
    const auto sound = cp::ControlPlane::checkStore(dir.path());
    QVERIFY2(sound.ok(), qPrintable(sound.ok() ? QString() : sound.error().message));
    QCOMPARE(sound.value(), QStringList());

    // Damage past the schema: refused at start with the path and what to do.
    const QString path = QDir(dir.path()).filePath(u"waddle.db"_s);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.size() > 8 * 4096);
        QVERIFY(file.seek(4 * 4096));
        file.write(QByteArray(4 * 4096, '\x5a'));
    }
    const auto damaged = cp::ControlPlane::checkStore(dir.path());
    QVERIFY(!damaged.ok());
    QVERIFY2(damaged.error().message.contains(path) &&
                 damaged.error().message.contains(u"backup"_s),
             qPrintable(damaged.error().message));
    TestBackend refused({}, dir.path());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(path) && refused.error().contains(u"damaged"_s),
             qPrintable(refused.error()));
}

QTEST_GUILESS_MAIN(TestControlPlaneStore)
#include "tst_controlplanestore.moc"
