// Issue 11 crash safety, end to end: the real waddle-regiond with thousands
// of demo waddles fails a region over, is killed with SIGKILL half-way,
// restarts on the same data directory and finishes the job: every waddle
// has exactly one region, none is left on the failed region unless reported
// unplaced, none moved twice. The same for a region's migrations killed in
// the middle of their steps.
#include "regiond.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

const QString kAdminKey = u"wrk_e2e_failover_crash_key"_s;
constexpr int kWaddles = 5000;
constexpr int kMigrationWaddles = 1500; // 150 on the fullest region

using e2e::Answer;

} // namespace

class TestFailoverCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void killedMidwayResumesAndCompletes();
    void migrationsKilledMidwayComplete();

private:
    bool startDaemon(const QString &data = QStringLiteral("data"), int waddles = kWaddles);
    // Slow room calls on every region but `except`.
    void slowRooms(const QStringList &regions, const QString &except);
    Answer call(const QByteArray &method, const QString &path, const QJsonObject &body = {});
    // Every waddle: id → (current_region, temporary, original_region, version).
    QHash<QString, QJsonObject> waddles();

    QTemporaryDir m_dir;
    QString m_catalogue;
    std::unique_ptr<QProcess> m_daemon;
    QUrl m_base;
    QNetworkAccessManager m_network;
};

void TestFailoverCrash::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(WADDLE_REGIOND)), WADDLE_REGIOND);
    m_catalogue = e2e::roomyCatalogue(m_dir);
    QVERIFY(!m_catalogue.isEmpty());
}

void TestFailoverCrash::cleanup()
{
    if (m_daemon) {
        m_daemon->kill();
        m_daemon->waitForFinished(5000);
        m_daemon.reset();
    }
}

bool TestFailoverCrash::startDaemon(const QString &data, int waddles)
{
    m_daemon = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WADDLE_ADMIN_KEY"_s, kAdminKey);
    m_base =
        e2e::startRegiond(*m_daemon,
                          {u"--demo"_s, u"--demo-waddles"_s, QString::number(waddles),
                           u"--data-dir"_s, m_dir.filePath(data), u"--listen"_s, u"127.0.0.1:0"_s,
                           u"--catalogue"_s, m_catalogue, u"--failback-after"_s, u"3600"_s,
                           // Small batches one at a time: with 25 ms room calls the failover
                           // takes seconds, long enough to be killed half-way (each batch is
                           // still one transaction).
                           u"--failover-batch"_s, u"10"_s, u"--failover-in-flight"_s, u"1"_s},
                          env);
    return m_base.isValid();
}

Answer TestFailoverCrash::call(const QByteArray &method, const QString &path,
                               const QJsonObject &body)
{
    return e2e::call(m_network, m_base, kAdminKey, method, path, body);
}

void TestFailoverCrash::slowRooms(const QStringList &regions, const QString &except)
{
    for (const QString &code : regions) {
        if (code != except) {
            QCOMPARE(call("POST", u"/api/v1/sim/regions/%1/fault"_s.arg(code),
                          {{u"kind"_s, u"slow_rooms"_s}, {u"extra_ms"_s, 25}})
                         .status,
                     200);
        }
    }
}

QHash<QString, QJsonObject> TestFailoverCrash::waddles()
{
    return e2e::allWaddles(m_network, m_base, kAdminKey);
}

void TestFailoverCrash::killedMidwayResumesAndCompletes()
{
    QElapsedTimer total;
    total.start();
    QVERIFY(startDaemon());
    const QHash<QString, QJsonObject> before = waddles();
    QCOMPARE(before.size(), kWaddles);
    const QHash<QString, int> perRegion = e2e::waddlesPerRegion(before);
    const QString failed = e2e::fullestRegion(perRegion);
    const int onFailed = perRegion.value(failed);
    QVERIFY2(onFailed >= 300, qPrintable(QString::number(onFailed)));

    // Slow room calls on every other region: the job takes long enough to
    // be killed in the middle.
    slowRooms(perRegion.keys(), failed);
    const Answer started =
        call("POST", u"/api/v1/failovers"_s, {{u"region"_s, failed}, {u"force"_s, true}});
    QCOMPARE(started.status, 202);
    const QString id = started.json[u"failover"_s][u"id"_s].toString();
    QVERIFY(!id.isEmpty());

    // Half-way (at least a tenth moved, not all), SIGKILL.
    qint64 succeeded = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20'000) {
        succeeded = call("GET", u"/api/v1/failovers/"_s + id)
                        .json[u"failover"_s][u"succeeded"_s]
                        .toInteger();
        if (succeeded >= onFailed / 10)
            break;
        QTest::qWait(20);
    }
    m_daemon->kill();
    QVERIFY(m_daemon->waitForFinished(5000));
    QVERIFY2(succeeded > 0 && succeeded < onFailed, qPrintable(QString::number(succeeded)));

    // Restart on the same data: the job resumes and completes.
    QVERIFY(startDaemon());
    const QJsonObject job = e2e::completedFailover(m_network, m_base, kAdminKey, id);
    QCOMPARE(job[u"state"_s].toString(), u"completed"_s);
    QCOMPARE(job[u"affected"_s].toInteger(), onFailed);
    QCOMPARE(job[u"failed"_s].toInteger(), 0);

    const auto [target, unplaced, repeated] = e2e::movesOf(job);
    QVERIFY2(repeated.isEmpty(), qPrintable(repeated));
    QCOMPARE(target.size() + unplaced.size(), onFailed);

    const QHash<QString, QJsonObject> after = waddles();
    QCOMPARE(after.size(), kWaddles);
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const QJsonObject &w = it.value();
        const QJsonObject &was = before.value(it.key());
        const QString region = w[u"current_region"_s].toString();
        QVERIFY2(perRegion.contains(region), qPrintable(it.key() + u" has no region"_s));
        if (was[u"current_region"_s].toString() != failed) {
            QCOMPARE(w, was); // untouched
            continue;
        }
        if (unplaced.contains(it.key())) {
            QCOMPARE(region, failed);
            QCOMPARE(w[u"version"_s].toInteger(), was[u"version"_s].toInteger());
            continue;
        }
        QVERIFY2(region != failed, qPrintable(it.key()));
        QCOMPARE(region, target.value(it.key()));
        QVERIFY(w[u"temporary"_s].toBool());
        QCOMPARE(w[u"original_region"_s].toString(), failed);
        // Moved exactly once: one stored change.
        QCOMPARE(w[u"version"_s].toInteger(), was[u"version"_s].toInteger() + 1);
    }
    qInfo("%d waddles on %s, %lld moved before the kill, %lld unplaced; %lld ms in all", onFailed,
          qPrintable(failed), succeeded, qint64(unplaced.size()), total.elapsed());
}

void TestFailoverCrash::migrationsKilledMidwayComplete()
{
    QVERIFY(startDaemon(u"migrations"_s, kMigrationWaddles));
    const QHash<QString, QJsonObject> before = waddles();
    // Up to 150 waddles of the fullest region to another, all at once.
    const QHash<QString, int> perRegion = e2e::waddlesPerRegion(before);
    const QString from = e2e::fullestRegion(perRegion);
    const QString to = from == u"us-east"_s ? u"us-west"_s : u"us-east"_s;
    QJsonArray ids;
    for (auto it = before.cbegin(); it != before.cend() && ids.size() < 150; ++it) {
        if (it.value()[u"current_region"_s].toString() == from)
            ids.append(it.key());
    }
    const int moving = int(ids.size());
    QCOMPARE(moving, 150);
    QSet<QString> chosen;
    for (const QJsonValue &id : ids)
        chosen.insert(id.toString());
    slowRooms(perRegion.keys(), QString());

    const Answer created =
        call("POST", u"/api/v1/migrations"_s, {{u"waddle_ids"_s, ids}, {u"to"_s, to}});
    QCOMPARE(created.status, 202);
    QCOMPARE(created.json[u"migrations"_s].toArray().size(), moving);

    // Some done, the rest in their steps: SIGKILL.
    qint64 completed = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 20'000) {
        completed = call("GET", u"/api/v1/migrations?state=completed&limit=1"_s)
                        .json[u"total"_s]
                        .toInteger();
        if (completed >= 1)
            break;
        QTest::qWait(5);
    }
    const qint64 running =
        call("GET", u"/api/v1/migrations?state=running&limit=1"_s).json[u"total"_s].toInteger();
    m_daemon->kill();
    QVERIFY(m_daemon->waitForFinished(5000));
    QVERIFY2(completed < moving && running > 0,
             qPrintable(u"%1 completed, %2 running"_s.arg(completed).arg(running)));

    // The demo agents start afresh with the daemon: a migration whose room
    // was prepared before the kill finds none for its move and rolls back.
    // Either way each waddle ends on exactly one region, moved at most once.
    QVERIFY(startDaemon(u"migrations"_s, kMigrationWaddles));
    QHash<QString, QJsonObject> byWaddle;
    timer.restart();
    // Seeding thousands of demo waddles takes seconds; on a loaded machine more.
    while (timer.elapsed() < 90'000) {
        byWaddle.clear();
        const QJsonArray all =
            call("GET", u"/api/v1/migrations?limit=500"_s).json[u"migrations"_s].toArray();
        qint64 open = 0;
        for (const QJsonValue &m : all) {
            const QString state = m[u"state"_s].toString();
            open += state == u"running"_s || state == u"scheduled"_s ? 1 : 0;
            byWaddle.insert(m[u"waddle_id"_s].toString(), m.toObject());
        }
        if (all.size() == moving && open == 0)
            break;
        QTest::qWait(100);
    }
    QCOMPARE(byWaddle.size(), moving);
    qint64 done = 0;
    const QHash<QString, QJsonObject> after = waddles();
    QCOMPARE(after.size(), kMigrationWaddles);
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const QJsonObject &was = before.value(it.key());
        if (!chosen.contains(it.key())) {
            QCOMPARE(it.value(), was);
            continue;
        }
        const QString state = byWaddle.value(it.key())[u"state"_s].toString();
        if (state == u"completed"_s) {
            ++done;
            QCOMPARE(it.value()[u"current_region"_s].toString(), to);
            QCOMPARE(it.value()[u"version"_s].toInteger(), was[u"version"_s].toInteger() + 1);
        } else {
            QCOMPARE(state, u"rolled_back"_s);
            QCOMPARE(it.value()[u"current_region"_s].toString(), from);
            QCOMPARE(it.value()[u"version"_s].toInteger(), was[u"version"_s].toInteger());
        }
    }
    QVERIFY(done >= completed);
    qInfo("%d migrations, %lld completed and %lld running at the kill, %lld completed in the end",
          moving, completed, running, done);
}

QTEST_GUILESS_MAIN(TestFailoverCrash)
#include "tst_failovercrash.moc"
