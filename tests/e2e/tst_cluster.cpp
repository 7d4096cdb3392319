// Issue 16, end to end: two real waddle-regiond processes share one
// PostgreSQL store. One leads (runs the failover); both serve. A client on
// each follows the event stream. A failover of thousands of waddles starts
// on the leader, which is killed with SIGKILL half-way: the other instance
// takes the lead within a health interval, finishes the job from the store
// (every waddle moved exactly once, none left behind), and both clients saw
// the failover's events, the second one also those of the killed leader
// (LISTEN/NOTIFY). Exports asked of the follower are run by the leader and
// served by either, also after the leader died. Skipped, with a line saying so, without a
// PostgreSQL server (WADDLE_TEST_POSTGRESQL; packaging/test.sh starts one).
#include "regiond.h"
#include "support/testdatabase.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

const QString kAdminKey = u"wrk_e2e_cluster_key_000001"_s;
constexpr int kWaddles = 2000;

using e2e::Answer;

// A control plane process and what it said.
struct Instance
{
    std::unique_ptr<QProcess> process;
    QUrl base;
};

// An event-stream client: which waddles it saw move, and when.
struct Listener
{
    std::unique_ptr<QWebSocket> socket;
    QHash<QString, int> moved; // waddle id → waddle.region events
    int failoverEvents = 0;
};

} // namespace

class TestCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void leaderKilledMidFailoverOtherFinishes();

private:
    bool start(Instance &instance, const QString &data);
    Answer call(const Instance &on, const QByteArray &method, const QString &path,
                const QJsonObject &body = {});
    bool listen(const Instance &on, Listener &listener);
    QHash<QString, QJsonObject> waddles(const Instance &on);

    QTemporaryDir m_dir;
    QString m_catalogue;
    QString m_database;
    Instance m_a;
    Instance m_b;
    QNetworkAccessManager m_network;
};

void TestCluster::initTestCase()
{
    m_database = waddle::test::freshPostgreSqlSchema();
    if (m_database.isEmpty())
        QSKIP("PostgreSQL half skipped: WADDLE_TEST_POSTGRESQL is not set");
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(WADDLE_REGIOND)), WADDLE_REGIOND);
    m_catalogue = e2e::roomyCatalogue(m_dir);
    QVERIFY(!m_catalogue.isEmpty());
}

void TestCluster::cleanup()
{
    for (Instance *instance : {&m_a, &m_b}) {
        if (instance->process) {
            instance->process->kill();
            instance->process->waitForFinished(5000);
            instance->process.reset();
        }
    }
}

bool TestCluster::start(Instance &instance, const QString &data)
{
    instance.process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WADDLE_ADMIN_KEY"_s, kAdminKey);
    env.insert(u"WADDLE_DATABASE"_s, m_database);
    instance.base = e2e::startRegiond(
        *instance.process,
        {u"--demo"_s, u"--demo-waddles"_s, QString::number(kWaddles), u"--data-dir"_s,
         m_dir.filePath(data), u"--listen"_s, u"127.0.0.1:0"_s, u"--catalogue"_s, m_catalogue,
         u"--failback-after"_s, u"3600"_s, u"--health-interval"_s, u"1"_s,
         // Small batches one at a time with slow room calls: long enough to
         // be killed half-way (each batch is still one transaction).
         u"--failover-batch"_s, u"10"_s, u"--failover-in-flight"_s, u"1"_s},
        env);
    return instance.base.isValid();
}

Answer TestCluster::call(const Instance &on, const QByteArray &method, const QString &path,
                         const QJsonObject &body)
{
    return e2e::call(m_network, on.base, kAdminKey, method, path, body);
}

bool TestCluster::listen(const Instance &on, Listener &listener)
{
    listener.socket = std::make_unique<QWebSocket>();
    Listener *l = &listener;
    connect(listener.socket.get(), &QWebSocket::textMessageReceived, this,
            [l](const QString &text) {
                const QJsonObject event = QJsonDocument::fromJson(text.toUtf8()).object();
                const QString type = event[u"type"_s].toString();
                if (type == u"waddle.region"_s)
                    ++l->moved[event[u"waddle"_s][u"id"_s].toString()];
                else if (type.startsWith(u"failover."_s))
                    ++l->failoverEvents;
            });
    QUrl url = on.base;
    url.setScheme(u"ws"_s);
    url.setPath(u"/api/v1/events"_s);
    url.setQuery(u"access_token="_s + kAdminKey);
    QSignalSpy connected(listener.socket.get(), &QWebSocket::connected);
    listener.socket->open(url);
    return connected.wait(10'000);
}

QHash<QString, QJsonObject> TestCluster::waddles(const Instance &on)
{
    return e2e::allWaddles(m_network, on.base, kAdminKey);
}

void TestCluster::leaderKilledMidFailoverOtherFinishes()
{
    QElapsedTimer total;
    total.start();
    // The first seeds the demo store and leads; the second finds both made.
    QVERIFY(start(m_a, u"a"_s));
    QVERIFY(start(m_b, u"b"_s));
    QString leader;
    for (const Instance *on : {&m_a, &m_b}) {
        const Answer cluster = call(*on, "GET", u"/api/v1/cluster"_s);
        QCOMPARE(cluster.status, 200);
        QCOMPARE(cluster.json[u"engine"_s].toString(), u"postgresql"_s);
        QCOMPARE(cluster.json[u"instances"_s].toArray().size(), 2);
        if (on == &m_a)
            leader = cluster.json[u"self"_s].toString();
        QCOMPARE(cluster.json[u"leader"_s].toString(), leader); // both agree: the first
    }
    const QString second = call(m_b, "GET", u"/api/v1/cluster"_s).json[u"self"_s].toString();
    QVERIFY(second != leader);

    Listener onA;
    Listener onB;
    QVERIFY(listen(m_a, onA));
    QVERIFY(listen(m_b, onB));

    // An export asked of the follower: the leader runs it, its bytes in the
    // store, so the follower serves the download.
    const QDate today = QDate::currentDate();
    const QStringList metrics{u"api_request"_s, u"participant_minutes"_s};
    const QString early =
        e2e::startExport(m_network, m_b.base, kAdminKey, today.addDays(-1), today, metrics);
    QVERIFY(!early.isEmpty());
    const QJsonObject earlyJob = e2e::settledExport(m_network, m_b.base, kAdminKey, early);
    QCOMPARE(earlyJob[u"status"_s].toString(), u"completed"_s);
    QCOMPARE(e2e::downloadExport(m_network, m_b.base, kAdminKey, earlyJob).first, 200);

    const QHash<QString, QJsonObject> before = waddles(m_b);
    QCOMPARE(before.size(), kWaddles);
    const QHash<QString, int> perRegion = e2e::waddlesPerRegion(before);
    const QString failed = e2e::fullestRegion(perRegion);
    const int onFailed = perRegion.value(failed);
    QVERIFY2(onFailed >= 150, qPrintable(QString::number(onFailed)));
    // The leader's (the first's) demo rooms are slow: its job takes seconds.
    for (const QString &code : perRegion.keys()) {
        if (code != failed) {
            QCOMPARE(call(m_a, "POST", u"/api/v1/sim/regions/%1/fault"_s.arg(code),
                          {{u"kind"_s, u"slow_rooms"_s}, {u"extra_ms"_s, 25}})
                         .status,
                     200);
        }
    }
    // Asked of the follower: it stores the job, the leader runs it.
    const Answer started =
        call(m_b, "POST", u"/api/v1/failovers"_s, {{u"region"_s, failed}, {u"force"_s, true}});
    QCOMPARE(started.status, 202);
    const QString id = started.json[u"failover"_s][u"id"_s].toString();
    QVERIFY(!id.isEmpty());

    qint64 succeeded = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30'000) {
        succeeded = call(m_b, "GET", u"/api/v1/failovers/"_s + id)
                        .json[u"failover"_s][u"succeeded"_s]
                        .toInteger();
        if (succeeded >= onFailed / 10)
            break;
        QTest::qWait(20);
    }
    // One more, asked just before the leader dies: whoever leads finishes it.
    const QString late =
        e2e::startExport(m_network, m_b.base, kAdminKey, today.addDays(-1), today, metrics);
    QVERIFY(!late.isEmpty());
    m_a.process->kill(); // SIGKILL
    QVERIFY(m_a.process->waitForFinished(5000));
    QTest::qWait(50); // the last relayed events on their way
    const int seenOnABeforeKill = onA.moved.size();
    const int seenOnBBeforeKill = onB.moved.size();
    QVERIFY2(succeeded > 0 && succeeded < onFailed, qPrintable(QString::number(succeeded)));
    timer.restart();

    // The second takes the lead within a health interval (1 s) or two.
    QString nowLeading;
    while (timer.elapsed() < 10'000) {
        nowLeading = call(m_b, "GET", u"/api/v1/cluster"_s).json[u"leader"_s].toString();
        if (nowLeading == second)
            break;
        QTest::qWait(50);
    }
    const qint64 takeover = timer.elapsed();
    QCOMPARE(nowLeading, second);

    const QJsonObject job = e2e::completedFailover(m_network, m_b.base, kAdminKey, id);
    QCOMPARE(job[u"state"_s].toString(), u"completed"_s);
    QCOMPARE(job[u"affected"_s].toInteger(), onFailed);
    QCOMPARE(job[u"failed"_s].toInteger(), 0);
    const auto [target, unplaced, repeated] = e2e::movesOf(job);
    QVERIFY2(repeated.isEmpty(), qPrintable(repeated));
    QCOMPARE(target.size() + unplaced.size(), onFailed);

    const QHash<QString, QJsonObject> after = waddles(m_b);
    QCOMPARE(after.size(), kWaddles);
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const QJsonObject &w = it.value();
        const QJsonObject &was = before.value(it.key());
        if (was[u"current_region"_s].toString() != failed) {
            QCOMPARE(w, was); // untouched
            continue;
        }
        if (unplaced.contains(it.key())) {
            QCOMPARE(w[u"current_region"_s].toString(), failed);
            continue;
        }
        QCOMPARE(w[u"current_region"_s].toString(), target.value(it.key()));
        // Moved exactly once, by one instance or the other: one stored change.
        QCOMPARE(w[u"version"_s].toInteger(), was[u"version"_s].toInteger() + 1);
    }

    // The exports: the one the dead leader finished is still served (from
    // the store, by the survivor), and the late one completed once.
    const auto [earlyStatus, earlyBytes] =
        e2e::downloadExport(m_network, m_b.base, kAdminKey, earlyJob);
    QCOMPARE(earlyStatus, 200);
    QVERIFY(earlyBytes.startsWith("metric,time,value\r\n"));
    const QJsonObject lateJob = e2e::settledExport(m_network, m_b.base, kAdminKey, late);
    QCOMPARE(lateJob[u"status"_s].toString(), u"completed"_s);
    const auto [lateStatus, lateBytes] =
        e2e::downloadExport(m_network, m_b.base, kAdminKey, lateJob);
    QCOMPARE(lateStatus, 200);
    QVERIFY(lateBytes.startsWith("metric,time,value\r\n"));

    // Both clients saw the failover: the first until its instance died, the
    // second all along — the killed leader's moves through NOTIFY, then its
    // own instance's. Never a waddle's move twice.
    QTest::qWait(200);
    QVERIFY2(seenOnABeforeKill > 0, "the leader's own client saw no move");
    QVERIFY2(seenOnBBeforeKill > 0, "the follower's client saw none of the leader's moves");
    QVERIFY2(onB.moved.size() > seenOnBBeforeKill, "the new leader's moves were not seen");
    QVERIFY(onB.failoverEvents > 0);
    for (auto it = onB.moved.cbegin(); it != onB.moved.cend(); ++it) {
        QVERIFY2(it.value() == 1, qPrintable(it.key()));
        QVERIFY2(target.contains(it.key()), qPrintable(it.key()));
    }
    qInfo("%d waddles on %s, %lld moved before the leader was killed; events seen before the "
          "kill: %d on the leader's client, %d on the follower's; after: %lld of %lld moves on "
          "the follower's; takeover %lld ms; exports served by the survivor: %lld and %lld "
          "bytes; %lld ms in all",
          onFailed, qPrintable(failed), succeeded, seenOnABeforeKill, seenOnBBeforeKill,
          qint64(onB.moved.size()), qint64(target.size()), takeover, qint64(earlyBytes.size()),
          qint64(lateBytes.size()), total.elapsed());
}

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
