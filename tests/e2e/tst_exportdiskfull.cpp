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

#include <QCryptographicHash>
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

// An export job once completed or failed (30 s at most).
QJsonObject settled(QNetworkAccessManager &network, const QUrl &base, const QString &id)
{
    return e2e::pollUntil(
               network, base, kAdminKey, u"/api/v1/analytics/export/status/"_s + id,
               [](const e2e::Answer &a) {
                   const QString state = a.json[u"status"_s].toString();
                   return state == u"completed"_s || state == u"failed"_s;
               },
               30'000)
        .json;
}

QString exportOf(QNetworkAccessManager &network, const QUrl &base, const QDate &from,
                 const QDate &to, const QStringList &metrics)
{
    QString path = u"/api/v1/analytics/export/fleet?export_type=csv&date_from=%1&date_to=%2"_s.arg(
        from.toString(Qt::ISODate), to.toString(Qt::ISODate));
    for (const QString &metric : metrics)
        path += u"&metrics[]="_s + metric;
    const e2e::Answer started = e2e::call(network, base, kAdminKey, "POST", path);
    if (started.status != 202)
        qWarning("export not started: %d %s", started.status,
                 QJsonDocument(started.json).toJson().constData());
    return started.json[u"export_id"_s].toString();
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
    const QString month = exportOf(network, base, today.addDays(-30), today,
                                   {u"participant_minutes"_s, u"egress_minutes"_s,
                                    u"storage_usage"_s, u"bandwidth_usage"_s, u"api_request"_s});
    QVERIFY(!month.isEmpty());
    const QJsonObject failed = settled(network, base, month);
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
    const QString day =
        exportOf(network, base, today.addDays(-1), today.addDays(-1), {u"api_request"_s});
    QVERIFY(!day.isEmpty());
    const QJsonObject done = settled(network, base, day);
    QCOMPARE(done[u"status"_s].toString(), u"completed"_s);
    QCOMPARE(filesThere(), QStringList{day + u".csv"_s});
    QNetworkRequest request(
        base.resolved(QUrl(u"/api/v1/analytics/export/%1/download"_s.arg(day))));
    request.setRawHeader("Authorization", "Bearer " + kAdminKey.toLatin1());
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(10'000));
    const QByteArray file = reply->readAll();
    QCOMPARE(file.size(), done[u"file_size"_s].toInteger());
    QCOMPARE(
        QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex()),
        done[u"sha256"_s].toString());
    QVERIFY(file.startsWith("metric,time,value\r\n"));
    qInfo("a month of five metrics on a 32 KiB disk: failed (%s); a day of api_request: %lld "
          "rows, %lld bytes, completed",
          qPrintable(reason), done[u"rows"_s].toInteger(), done[u"file_size"_s].toInteger());
    daemon.kill();
    daemon.waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestExportDiskFull)
#include "tst_exportdiskfull.moc"
