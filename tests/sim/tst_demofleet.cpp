// The demo fleet (SPEC §2): one agent per catalogue region on loopback.
#include "domain/catalogue.h"
#include "sim/demofleet.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::sim;
using namespace Qt::StringLiterals;

namespace {

const domain::GeoPoint kFrankfurt{50.1109, 8.6821};

QByteArray fetch(QNetworkAccessManager &nam, const QUrl &url)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(5000))
        return {};
    return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

} // namespace

class TestDemoFleet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsOneAgentPerRegion();
    void regionsPointAtTheAgents();
    void faults();
    void beforeStart();
    void twoFleetsInOneProcess();
};

void TestDemoFleet::startsOneAgentPerRegion()
{
    const QList<domain::Region> catalogue = domain::defaultCatalogue();
    DemoFleet fleet(catalogue, kFrankfurt, 42);
    QVERIFY(fleet.start());
    QVERIFY(fleet.isRunning());
    QCOMPARE(fleet.agents().size(), 6);
    QSet<quint16> ports;
    for (const domain::Region &region : catalogue) {
        RegionAgent *agent = fleet.agent(region.code);
        QVERIFY2(agent, qPrintable(region.code));
        QVERIFY(agent->isListening());
        QCOMPARE(agent->region().code, region.code);
        QVERIFY(agent->vantage() == kFrankfurt);
        ports.insert(agent->port());
    }
    QCOMPARE(ports.size(), 6);
    QVERIFY(!ports.contains(0));
    fleet.stop();
    QVERIFY(!fleet.isRunning());
    QCOMPARE(fleet.agent(u"eu-west"_s), nullptr);
}

void TestDemoFleet::regionsPointAtTheAgents()
{
    const QList<domain::Region> catalogue = domain::defaultCatalogue();
    DemoFleet fleet(catalogue, kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    const QList<domain::Region> regions = fleet.regions();
    QCOMPARE(regions.size(), catalogue.size());
    QNetworkAccessManager nam;
    nam.setProxy(QNetworkProxy::NoProxy);
    for (qsizetype i = 0; i < regions.size(); ++i) {
        const domain::Region &region = regions.at(i);
        // Everything but the agent URLs and STUN is the catalogue's.
        QCOMPARE(region.code, catalogue.at(i).code);
        QVERIFY(region.location == catalogue.at(i).location);
        QVERIFY(region.capacity == catalogue.at(i).capacity);
        const RegionAgent *agent = fleet.agent(region.code);
        QCOMPARE(region.stun, u"127.0.0.1:%1"_s.arg(agent->stunPort()));
        QCOMPARE(region.pingUrl, agent->pingUrl().toString());
        QCOMPARE(region.healthUrl, agent->healthUrl().toString());
        QVERIFY(region.pingUrl.startsWith(u"http://127.0.0.1:"_s));
        QCOMPARE(fetch(nam, QUrl(region.pingUrl)), "pong"_ba);
        QVERIFY(fetch(nam, QUrl(region.healthUrl)).contains(region.code.toUtf8()));
    }
}

void TestDemoFleet::faults()
{
    DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    QVERIFY(fleet.start());
    QVERIFY(!fleet.setFault(u"mars-1"_s, {RegionAgent::Fault::Kind::Offline, 0.0}));
    QVERIFY(!fleet.clearFault(u"mars-1"_s));
    QVERIFY(!fleet.setFault(QString(), {RegionAgent::Fault::Kind::Degraded, 0.0}));

    QVERIFY(fleet.setFault(u"asia-se"_s, {RegionAgent::Fault::Kind::Offline, 0.0}));
    QVERIFY(!fleet.agent(u"asia-se"_s)->isListening());
    QVERIFY(fleet.agent(u"asia-ne"_s)->isListening());
    QVERIFY(fleet.setFault(u"asia-ne"_s, {RegionAgent::Fault::Kind::Latency, 40.0}));
    QCOMPARE(fleet.agent(u"asia-ne"_s)->fault().extraMs, 40.0);
    QVERIFY(fleet.clearFault(u"asia-se"_s));
    QVERIFY(fleet.agent(u"asia-se"_s)->isListening());
    QVERIFY((fleet.agent(u"asia-se"_s)->fault() == RegionAgent::Fault{}));
}

void TestDemoFleet::beforeStart()
{
    DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    QVERIFY(!fleet.isRunning());
    QCOMPARE(fleet.agent(u"eu-west"_s), nullptr);
    QVERIFY(!fleet.setFault(u"eu-west"_s, {RegionAgent::Fault::Kind::Offline, 0.0}));
    const QList<domain::Region> regions = fleet.regions();
    QCOMPARE(regions.size(), 6);
    QVERIFY(regions.first().pingUrl.isEmpty());
    QVERIFY(regions.first().stun.isEmpty());
}

void TestDemoFleet::twoFleetsInOneProcess()
{
    DemoFleet a(domain::defaultCatalogue(), kFrankfurt, 1);
    DemoFleet b(domain::defaultCatalogue(), domain::GeoPoint{35.68, 139.65}, 1);
    QVERIFY(a.start());
    QVERIFY(b.start());
    QVERIFY(a.agent(u"eu-west"_s)->port() != b.agent(u"eu-west"_s)->port());
    // Each fleet models its own vantage.
    QVERIFY(a.agent(u"eu-west"_s)->modelRttMs() < b.agent(u"eu-west"_s)->modelRttMs());
    QVERIFY(a.setFault(u"eu-west"_s, {RegionAgent::Fault::Kind::Offline, 0.0}));
    QVERIFY(!a.agent(u"eu-west"_s)->isListening());
    QVERIFY(b.agent(u"eu-west"_s)->isListening());
}

QTEST_GUILESS_MAIN(TestDemoFleet)
#include "tst_demofleet.moc"
