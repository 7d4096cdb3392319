// Issue 16 "a full disk on export fails the job with a reason and leaves no
// half file", end to end: the real waddle-regiond runs in a mount namespace
// of its own (unshare) with a 32 KiB tmpfs over its exports folder, the rest
// of its data folder on the real disk. A month of every built-in metric
// (~180 KB of CSV) fails with the system's reason, and the folder, seen
// from inside the namespace (/proc/PID/root), holds nothing: no half file,
// no temporary file. The server serves on, and a day of one metric (~1 KB)
// on the same disk completes, its download the recorded size and SHA-256.
//
// Skipped, with the reason, where no mount namespace can be made (neither
// root nor unprivileged user namespaces).
#include "regiond.h"

#include <QDate>
#include <QDir>
#include <QStandardPaths>
#include <QTest>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

const QString kAdminKey = u"wrk_e2e_export_disk_full_01"_s;

// The command that runs the program with a `size` tmpfs over `mountPoint`
// in a new mount namespace (user namespace too, so no root is needed).
QStringList onSmallDisk(const QString &mountPoint, const QString &size)
{
    return {u"unshare"_s,
            u"--mount"_s,
            u"--map-root-user"_s,
            u"sh"_s,
            u"-c"_s,
            u"mount -t tmpfs -o size=%1 waddle-full \"$0\" && exec \"$@\""_s.arg(size),
            mountPoint};
}

} // namespace

class TestExportDiskFull : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullDiskFailsTheJobAndKeepsNothing();
};

void TestExportDiskFull::fullDiskFailsTheJobAndKeepsNothing()
{
    if (QStandardPaths::findExecutable(u"unshare"_s).isEmpty())
        QSKIP("no unshare (util-linux) to give the program a small disk of its own");
    {
        QProcess probe;
        probe.start(u"unshare"_s, {u"--mount"_s, u"--map-root-user"_s, u"true"_s});
        if (!probe.waitForFinished(5000) || probe.exitCode() != 0) {
            QSKIP(qPrintable(u"cannot make a mount namespace here (not root, no user "
                             u"namespaces): "_s +
                             QString::fromLocal8Bit(probe.readAllStandardError()).trimmed()));
        }
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString exportsDir = dir.filePath(u"exports"_s);
    QVERIFY(QDir().mkpath(exportsDir));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WADDLE_ADMIN_KEY"_s, kAdminKey);
    const QStringList arguments{u"--demo"_s,      u"--data-dir"_s,     dir.path(), u"--listen"_s,
                                u"127.0.0.1:0"_s, u"--demo-waddles"_s, u"40"_s};
    QProcess daemon;
    const QUrl base = e2e::startRegiond(daemon, arguments, env, onSmallDisk(exportsDir, u"32k"_s));
    QVERIFY(base.isValid());
    // The exports folder as the program sees it: the tmpfs.
    const QDir seen(u"/proc/%1/root%2"_s.arg(daemon.processId()).arg(exportsDir));
    const auto filesThere = [&seen] {
        return seen.entryList(QDir::AllEntries | QDir::Hidden | QDir::System |
                              QDir::NoDotAndDotDot);
    };
    QVERIFY2(seen.exists(), qPrintable(seen.path()));
    QNetworkAccessManager network;

    const QDate today = QDate::currentDate();
    const QString month =
        e2e::startExport(network, base, kAdminKey, today.addDays(-30), today,
                         {u"participant_minutes"_s, u"egress_minutes"_s, u"storage_usage"_s,
                          u"bandwidth_usage"_s, u"api_request"_s});
    QVERIFY(!month.isEmpty());
    const QJsonObject failed = e2e::settledExport(network, base, kAdminKey, month);
    QCOMPARE(failed[u"status"_s].toString(), u"failed"_s);
    const QString reason = failed[u"error"_s].toString();
    QVERIFY2(reason.contains(u"No space left on device"_s), qPrintable(reason));
    QVERIFY2(reason.contains(u"nothing was kept"_s), qPrintable(reason));
    QVERIFY(!failed.contains(u"download_url"_s));
    QCOMPARE(filesThere(), QStringList());
    QCOMPARE(e2e::call(network, base, kAdminKey, "GET",
                       u"/api/v1/analytics/export/%1/download"_s.arg(month))
                 .status,
             409);

    // The server serves on, and a small export fits on the same disk.
    QCOMPARE(e2e::call(network, base, kAdminKey, "GET", u"/api/v1/regions"_s).status, 200);
    const QString day = e2e::startExport(network, base, kAdminKey, today.addDays(-1),
                                         today.addDays(-1), {u"api_request"_s});
    QVERIFY(!day.isEmpty());
    const QJsonObject done = e2e::settledExport(network, base, kAdminKey, day);
    QCOMPARE(done[u"status"_s].toString(), u"completed"_s);
    QCOMPARE(filesThere(), QStringList{day + u".csv"_s});
    const auto [status, file] = e2e::downloadExport(network, base, kAdminKey, done);
    QCOMPARE(status, 200);
    QVERIFY(!file.isEmpty()); // its size and SHA-256 the job's
    QVERIFY(file.startsWith("metric,time,value\r\n"));
    qInfo("a month of five metrics on a 32 KiB disk: failed (%s); a day of api_request: %lld "
          "rows, %lld bytes, completed",
          qPrintable(reason), done[u"rows"_s].toInteger(), done[u"file_size"_s].toInteger());
    daemon.kill();
    daemon.waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestExportDiskFull)
#include "tst_exportdiskfull.moc"
