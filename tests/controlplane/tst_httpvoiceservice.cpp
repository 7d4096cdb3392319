// The voice service over a real region agent's room API (issue 11): each
// call a coroutine that ends in time, with the agent's refusal in words; the
// batch forms one call per region (and per 1,000 rooms), a result per room.
#include "controlplane/services/httpvoiceservice.h"
#include "domain/catalogue.h"
#include "sim/regionagent.h"
#include "support/await.h"

#include <QElapsedTimer>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using namespace Qt::StringLiterals;
using waddle::test::await;

namespace {

domain::Region servedBy(const sim::RegionAgent &agent)
{
    domain::Region region = agent.region();
    region.healthUrl = agent.healthUrl().toString();
    return region;
}

QList<VoiceService::Room> roomsFor(int count)
{
    QList<VoiceService::Room> rooms;
    for (int i = 0; i < count; ++i)
        rooms.append(VoiceService::Room{u"w"_s + QString::number(i), 2, u"moving"_s});
    return rooms;
}

domain::Region catalogueRegion(const QString &code)
{
    for (const domain::Region &r : domain::defaultCatalogue()) {
        if (r.code == code)
            return r;
    }
    return {};
}

} // namespace

class TestHttpVoiceService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roomUrl_data();
    void roomUrl();
    void wholeMove();
    void failures_data();
    void failures();
    void batchCalls();
};

void TestHttpVoiceService::roomUrl_data()
{
    QTest::addColumn<QString>("health");
    QTest::addColumn<QString>("waddle");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("url");

    QTest::newRow("agent") << u"http://127.0.0.1:4000/health"_s << u"w-0001"_s << QString()
                           << u"http://127.0.0.1:4000/rooms/w-0001"_s;
    QTest::newRow("notify") << u"http://127.0.0.1:4000/health"_s << u"w-0001"_s << u"notify"_s
                            << u"http://127.0.0.1:4000/rooms/w-0001/notify"_s;
    QTest::newRow("below a prefix") << u"https://eu.example/agent/health"_s << u"w 1/x"_s
                                    << QString() << u"https://eu.example/agent/rooms/w%201%2Fx"_s;
    QTest::newRow("no health url") << QString() << u"w1"_s << QString() << QString();
}

void TestHttpVoiceService::roomUrl()
{
    QFETCH(QString, health);
    QFETCH(QString, waddle);
    QFETCH(QString, action);
    QFETCH(QString, url);
    domain::Region region;
    region.healthUrl = health;
    QCOMPARE(HttpVoiceService::roomUrl(region, waddle, action).toString(QUrl::FullyEncoded), url);
}

void TestHttpVoiceService::wholeMove()
{
    sim::RegionAgent from(catalogueRegion(u"eu-west"_s), {50.1, 8.7}, sim::AgentSettings{});
    sim::RegionAgent to(catalogueRegion(u"eu-north"_s), {50.1, 8.7}, sim::AgentSettings{});
    QVERIFY(from.start());
    QVERIFY(to.start());
    HttpVoiceService voice(2000);

    QVERIFY(await(voice.prepare(servedBy(from), u"w1"_s, 10)).ok());
    QCOMPARE(from.roomCount(), 1);
    QVERIFY(await(voice.prepare(servedBy(to), u"w1"_s, 10)).ok());
    QVERIFY(await(voice.notify(servedBy(to), u"w1"_s, u"moving"_s)).ok());
    QVERIFY(await(voice.move(servedBy(from), servedBy(to), u"w1"_s)).ok());
    QVERIFY(await(voice.cleanup(servedBy(from), u"w1"_s)).ok());
    QCOMPARE(from.roomCount(), 0);
    QCOMPARE(to.roomCount(), 1);
    // Notify and move need the room: a waddle without one is refused.
    const domain::Result<void> missing = await(voice.notify(servedBy(from), u"w1"_s, u"x"_s));
    QVERIFY(!missing.ok());
    QVERIFY2(missing.error().message.contains(u"HTTP 404"_s), qPrintable(missing.error().message));
}

void TestHttpVoiceService::failures_data()
{
    QTest::addColumn<int>("fault"); // RegionAgent::Fault::Kind
    QTest::addColumn<double>("extraMs");
    QTest::addColumn<bool>("withUrl");
    QTest::addColumn<QString>("says");

    using Kind = sim::RegionAgent::Fault::Kind;
    QTest::newRow("rooms rejected") << int(Kind::RejectRooms) << 0.0 << true << u"HTTP 503"_s;
    QTest::newRow("rooms too slow")
        << int(Kind::SlowRooms) << 600.0 << true << u"no answer in time"_s;
    QTest::newRow("agent offline")
        << int(Kind::Offline) << 0.0 << true << u"cannot prepare a room in eu-west: "_s;
    QTest::newRow("no agent URL") << int(Kind::None) << 0.0 << false << u"no agent URL"_s;
}

void TestHttpVoiceService::failures()
{
    QFETCH(int, fault);
    QFETCH(double, extraMs);
    QFETCH(bool, withUrl);
    QFETCH(QString, says);

    sim::RegionAgent agent(catalogueRegion(u"eu-west"_s), {50.1, 8.7}, sim::AgentSettings{});
    QVERIFY(agent.start());
    agent.setFault({sim::RegionAgent::Fault::Kind(fault), extraMs});
    domain::Region region = servedBy(agent);
    if (!withUrl)
        region.healthUrl.clear();
    HttpVoiceService voice(300);
    QElapsedTimer timer;
    timer.start();
    const domain::Result<void> prepared = await(voice.prepare(region, u"w1"_s, 3));
    QVERIFY(!prepared.ok());
    QVERIFY2(prepared.error().message.contains(says), qPrintable(prepared.error().message));
    QVERIFY2(timer.elapsed() < 1500, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(agent.roomCount(), fault == int(sim::RegionAgent::Fault::Kind::SlowRooms) ? 1 : 0);

    // The batch form fails as a whole: every room with the same words.
    const VoiceService::RoomResults batch = await(voice.prepareRooms(region, roomsFor(5)));
    QCOMPARE(batch.size(), 5);
    for (const domain::Result<void> &r : batch) {
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.contains(says), qPrintable(r.error().message));
    }
}

void TestHttpVoiceService::batchCalls()
{
    sim::RegionAgent agent(catalogueRegion(u"eu-north"_s), {50.1, 8.7}, sim::AgentSettings{});
    QVERIFY(agent.start());
    HttpVoiceService voice(2000);
    const domain::Region region = servedBy(agent);

    // 1,500 rooms: two calls (1,000 and 500), one result per room in order.
    const QList<VoiceService::Room> rooms = roomsFor(1500);
    const VoiceService::RoomResults prepared = await(voice.prepareRooms(region, rooms));
    QCOMPARE(prepared.size(), 1500);
    for (const domain::Result<void> &r : prepared)
        QVERIFY(r.ok());
    QCOMPARE(agent.roomCount(), 1500);

    // Notify: a room that is not there fails alone (the agent's 404).
    QList<VoiceService::Room> some = rooms.mid(0, 3);
    some.insert(1, VoiceService::Room{u"stranger"_s, 0, u"moving"_s});
    const VoiceService::RoomResults notified = await(voice.notifyRooms(region, some));
    QCOMPARE(notified.size(), 4);
    QVERIFY(notified.at(0).ok());
    QVERIFY(!notified.at(1).ok());
    QVERIFY2(notified.at(1).error().message.contains(u"HTTP 404"_s),
             qPrintable(notified.at(1).error().message));
    QVERIFY(notified.at(2).ok());
    QVERIFY(notified.at(3).ok());

    // Cleanup of all but the last ten, and an empty batch (no call at all).
    const VoiceService::RoomResults cleaned = await(voice.cleanupRooms(region, rooms.mid(0, 1490)));
    QCOMPARE(cleaned.size(), 1490);
    QCOMPARE(agent.roomCount(), 10);
    QCOMPARE(await(voice.prepareRooms(region, {})).size(), 0);
}

QTEST_GUILESS_MAIN(TestHttpVoiceService)
#include "tst_httpvoiceservice.moc"
