// The voice service over a real region agent's room API (issue 11): each
// call a coroutine that ends in time, with the agent's refusal in words.
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
}

QTEST_GUILESS_MAIN(TestHttpVoiceService)
#include "tst_httpvoiceservice.moc"
