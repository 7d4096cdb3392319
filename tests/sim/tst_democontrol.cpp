// The demo fleet behind the control plane's DemoFleetControl interface.
#include "domain/catalogue.h"
#include "sim/democontrol.h"

#include <QTest>

using namespace waddle;
using namespace waddle::domain;
using namespace Qt::StringLiterals;

class TestDemoControl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void faultKinds_data();
    void faultKinds();
    void servesTheCatalogueFromAgents();
    void faults();
    void demoDataLeavesIdsToTheStore();
};

void TestDemoControl::faultKinds_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("none") << int(FaultKind::None);
    QTest::newRow("offline") << int(FaultKind::Offline);
    QTest::newRow("degraded") << int(FaultKind::Degraded);
    QTest::newRow("latency") << int(FaultKind::Latency);
}

void TestDemoControl::faultKinds()
{
    QFETCH(int, kind);
    const auto agentKind = sim::DemoControl::fromDomain(FaultKind(kind));
    QCOMPARE(int(sim::DemoControl::toDomain(agentKind)), kind);
    // Both sides spell it the same way.
    QCOMPARE(sim::RegionAgent::faultKindName(agentKind), toString(FaultKind(kind)));
}

void TestDemoControl::servesTheCatalogueFromAgents()
{
    sim::DemoControl demo(GeoPoint{50.11, 8.68}, 3);
    QVERIFY(!demo.fleet());
    const Result<QList<Region>> served = demo.start(defaultCatalogue());
    QVERIFY2(served.ok(), qPrintable(served.ok() ? QString() : served.error().message));
    QCOMPARE(served->size(), defaultCatalogue().size());
    for (const Region &region : served.value())
        QVERIFY2(region.healthUrl.contains(u"127.0.0.1"_s), qPrintable(region.healthUrl));
    QVERIFY(demo.fleet());
    demo.stop();
    QVERIFY(!demo.fleet());
    QVERIFY(demo.faults().isEmpty());
}

void TestDemoControl::faults()
{
    sim::DemoControl demo(GeoPoint{50.11, 8.68}, 3);
    QVERIFY(!demo.setFault(u"eu-west"_s, FaultRequest{FaultKind::Offline, 0.0})); // not running
    QVERIFY(demo.start(defaultCatalogue()).ok());
    QVERIFY(demo.setFault(u"asia-se"_s, FaultRequest{FaultKind::Latency, 150.0}));
    QVERIFY(!demo.setFault(u"mars-1"_s, FaultRequest{FaultKind::Offline, 0.0}));
    const QList<FaultState> faults = demo.faults();
    QCOMPARE(faults.size(), defaultCatalogue().size());
    int faulty = 0;
    for (const FaultState &state : faults) {
        if (state.kind == FaultKind::None)
            continue;
        ++faulty;
        QCOMPARE(state, (FaultState{u"asia-se"_s, FaultKind::Latency, 150.0}));
    }
    QCOMPARE(faulty, 1);
    QVERIFY(demo.clearFault(u"asia-se"_s));
    for (const FaultState &state : demo.faults())
        QCOMPARE(toString(state.kind), u"none"_s);
}

void TestDemoControl::demoDataLeavesIdsToTheStore()
{
    const sim::DemoControl demo(GeoPoint{50.11, 8.68}, 3);
    const cp::DemoSeed seed =
        demo.demoData(defaultCatalogue(), QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC));
    QVERIFY(!seed.waddles.isEmpty());
    QVERIFY(!seed.members.isEmpty());
    QVERIFY(!seed.usage.isEmpty());
    for (const UsageEvent &event : seed.usage)
        QVERIFY(event.id.isEmpty());
}

QTEST_GUILESS_MAIN(TestDemoControl)
#include "tst_democontrol.moc"
