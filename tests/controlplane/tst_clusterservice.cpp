// ClusterService (issue 16): which instance leads, what GET /api/v1/cluster
// reports, and events between instances. Runs on SQLite (one instance, the
// leader from the start) and, as tst_clusterservice-postgresql, with two
// instances on one PostgreSQL store: one lock, handed over when the leader
// goes; events published on one reach the other's clients (LISTEN/NOTIFY).
#include "controlplane/services/clusterservice.h"
#include "controlplane/services/eventhub.h"
#include "support/manualclock.h"
#include "support/testdatabase.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using namespace Qt::StringLiterals;

namespace {

// An event-stream client that keeps what it is sent.
class Recorder final : public EventClient
{
public:
    void send(const std::shared_ptr<const QByteArray> &message) override
    {
        received.append(*message);
    }
    void close(quint16, const QString &) override {}
    QList<QByteArray> received;
};

QStringList typesOf(const QList<QByteArray> &messages)
{
    QStringList out;
    for (const QByteArray &m : messages)
        out.append(QJsonDocument::fromJson(m).object().value(u"type"_s).toString());
    return out;
}

} // namespace

class TestClusterService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneLeaderAndHandOver();
    void eventsReachTheOtherInstance();
    void otherSchemasAreOtherClusters();
};

void TestClusterService::oneLeaderAndHandOver()
{
    test::ManualClock clock(QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC));
    const QString store = test::storeLocation();
    EventHub eventsA(clock);
    EventHub eventsB(clock);
    auto a = std::make_unique<ClusterService>(store, 1000, eventsA, clock);
    QSignalSpy leadingA(a.get(), &ClusterService::leadershipChanged);
    a->start(u"http://a:1"_s);
    QCOMPARE(leadingA.size(), 1);
    QVERIFY(a->isLeader());
    auto view = a->view();
    QVERIFY(view.ok());
    QCOMPARE(view->self, a->selfId());
    QCOMPARE(view->leader, a->selfId());
    QCOMPARE(view->since, clock.now());
    QCOMPARE(view->instances.size(), 1);
    QCOMPARE(view->instances.first().address, u"http://a:1"_s);
    if (!test::onPostgreSql()) {
        QVERIFY(!a->shared());
        return; // SQLite: one instance a store, nobody to hand over to
    }

    // A second instance on the same store follows.
    clock.advance(500);
    ClusterService b(store, 1000, eventsB, clock);
    QSignalSpy leadingB(&b, &ClusterService::leadershipChanged);
    b.start(u"http://b:2"_s);
    QVERIFY(!b.isLeader());
    QCOMPARE(leadingB.size(), 0);
    view = b.view();
    QVERIFY(view.ok());
    QCOMPARE(view->self, b.selfId());
    QCOMPARE(view->leader, a->selfId());
    QCOMPARE(view->instances.size(), 2);
    QCOMPARE(view->instances.at(0).id, a->selfId()); // oldest first
    QVERIFY(view->instances.at(0).leader && !view->instances.at(1).leader);

    // Ticks change nothing while the leader lives.
    clock.advance(1000);
    QVERIFY(a->isLeader() && !b.isLeader());

    // The leader goes (its session closes, as on kill -9): the next tick
    // of the other takes the lock.
    a.reset();
    QCOMPARE(leadingA.size(), 2); // false on stop
    clock.advance(1000);
    QVERIFY(b.isLeader());
    QCOMPARE(leadingB.size(), 1);
    QCOMPARE(leadingB.first().first().toBool(), true);
    view = b.view();
    QVERIFY(view.ok());
    QCOMPARE(view->leader, b.selfId());
    QCOMPARE(view->since, clock.now());
    QCOMPARE(view->instances.size(), 1); // the one that left said so
}

void TestClusterService::eventsReachTheOtherInstance()
{
    if (!test::onPostgreSql())
        QSKIP("SQLite: one instance a store, no events between instances");
    test::ManualClock clock(QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC));
    const QString store = test::storeLocation();
    EventHub eventsA(clock);
    EventHub eventsB(clock);
    ClusterService a(store, 1000, eventsA, clock);
    ClusterService b(store, 1000, eventsB, clock);
    a.start(u"http://a:1"_s);
    b.start(u"http://b:2"_s);
    auto onA = std::make_shared<Recorder>();
    auto onB = std::make_shared<Recorder>();
    auto keyless = std::make_shared<Recorder>();
    eventsA.add(onA, std::nullopt);
    eventsB.add(onB, ApiKey{});
    eventsB.add(keyless, std::nullopt);

    eventsA.publish(u"region.status"_s, {{u"region"_s, u"eu-west"_s}});
    eventsA.publish(u"waddle.region"_s, {{u"waddle"_s, u"w-1"_s}}, EventHub::Audience::KeyHolders);
    // Too long for a NOTIFY: this instance's clients only.
    eventsA.publish(u"big"_s, {{u"blob"_s, QString(ClusterService::kMaxRelayedBytes, u'x')}});
    QTRY_COMPARE(typesOf(onB->received),
                 (QStringList{u"hello"_s, u"region.status"_s, u"waddle.region"_s}));
    // The audience holds across instances; nothing comes back to the sender.
    QCOMPARE(typesOf(keyless->received), (QStringList{u"hello"_s, u"region.status"_s}));
    QTest::qWait(100);
    QCOMPARE(typesOf(onA->received), (QStringList{u"hello"_s, u"region.status"_s, u"big"_s}));
    QCOMPARE(onB->received.at(1), onA->received.at(1)); // the same document
}

void TestClusterService::otherSchemasAreOtherClusters()
{
    // Advisory locks and NOTIFY channels belong to the whole database: two
    // stores in two schemas of it (two deployments; tests side by side) must
    // each have a leader and keep their events apart.
    if (!test::onPostgreSql())
        QSKIP("SQLite: a store is a file");
    test::ManualClock clock(QDateTime(QDate(2026, 12, 3), QTime(12, 0), Qt::UTC));
    EventHub eventsA(clock);
    EventHub eventsB(clock);
    ClusterService a(test::storeLocation(), 1000, eventsA, clock);
    ClusterService b(test::storeLocation(), 1000, eventsB, clock);
    a.start(u"http://a:1"_s);
    b.start(u"http://b:2"_s);
    QVERIFY(a.isLeader());
    QVERIFY(b.isLeader());
    auto onB = std::make_shared<Recorder>();
    eventsB.add(onB, ApiKey{});
    eventsA.publish(u"region.status"_s, {{u"region"_s, u"eu-west"_s}});
    QTest::qWait(300);
    QCOMPARE(typesOf(onB->received), QStringList{u"hello"_s});
}

QTEST_GUILESS_MAIN(TestClusterService)
#include "tst_clusterservice.moc"
