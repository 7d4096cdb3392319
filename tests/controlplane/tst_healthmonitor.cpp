// SPEC §8 health monitoring with a scripted probe and a hand-driven clock:
// an hour of checks every 5 s runs in milliseconds.
#include "controlplane/services/healthmonitor.h"
#include "domain/catalogue.h"
#include "support/manualclock.h"
#include "support/scriptedprobe.h"

#include <QSignalSpy>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using namespace waddle::domain;
using namespace Qt::StringLiterals;

using waddle::test::ScriptedProbe;

class TestHealthMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readings_data();
    void readings();
    void anHourOfChecks();
    void detectionWithin15Seconds();
    void checkNowAndMaintenance();
    void lookChangesNothing();
};

void TestHealthMonitor::readings_data()
{
    QTest::addColumn<ProbeOutcome>("outcome");
    QTest::addColumn<bool>("healthy");
    QTest::addColumn<double>("utilisation");
    QTest::newRow("healthy") << ScriptedProbe::healthy(0.4) << true << 0.4;
    QTest::newRow("refused") << ScriptedProbe::refused() << false << 0.0;
    QTest::newRow("HTTP 503")
        << ProbeOutcome{true, 503, 5.0, QJsonObject{{u"status"_s, u"healthy"_s}}, {}} << false
        << 0.0;
    QTest::newRow("says down")
        << ProbeOutcome{true, 200, 5.0, QJsonObject{{u"status"_s, u"down"_s}}, {}} << false << 0.0;
    QTest::newRow("not JSON") << ProbeOutcome{true, 200, 5.0, {}, u"not JSON"_s} << false << 0.0;
    // Nonsense figures are clamped, not believed.
    QTest::newRow("negative utilisation")
        << ProbeOutcome{true,
                        200,
                        5.0,
                        QJsonObject{{u"status"_s, u"healthy"_s}, {u"utilisation"_s, -3.0}},
                        {}}
        << true << 0.0;
}

void TestHealthMonitor::readings()
{
    QFETCH(ProbeOutcome, outcome);
    QFETCH(bool, healthy);
    QFETCH(double, utilisation);
    const HealthReading reading = readingFrom(outcome);
    QCOMPARE(reading.endpointHealthy, healthy);
    QCOMPARE(reading.utilisation, utilisation);
}

void TestHealthMonitor::anHourOfChecks()
{
    ScriptedProbe probe;
    waddle::test::ManualClock clock(QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC));
    HealthMonitor monitor(probe, {}, clock);
    monitor.setRegions(defaultCatalogue());
    QSignalSpy checked(&monitor, &HealthMonitor::checked);
    QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);

    // 720 rounds of 5 s = one hour. eu-west goes down at minute 20 and comes
    // back at minute 40; asia-se is busy (utilisation 95 %) from minute 50.
    QElapsedTimer wall;
    wall.start();
    for (int round = 0; round < 720; ++round) {
        const int minute = round * 5 / 60;
        probe.outcomes[u"eu-west"_s] =
            (minute >= 20 && minute < 40) ? ScriptedProbe::refused() : ScriptedProbe::healthy();
        probe.outcomes[u"asia-se"_s] = ScriptedProbe::healthy(minute >= 50 ? 0.95 : 0.4);
        monitor.runRound();
        QVERIFY(!monitor.isRoundRunning());
        clock.setNow(clock.now().addSecs(5));
    }
    QVERIFY2(wall.elapsed() < 5000, "an hour of checks should take well under a second");
    QCOMPARE(checked.size(), 720 * 6);
    QCOMPARE(probe.calls, 720 * 6);

    // Transitions: eu-west offline after two failed checks (minute 20:05),
    // online after two good ones (40:05); asia-se degraded at once (50:00).
    QCOMPARE(changed.size(), 3);
    auto transition = [&changed](int i) -> QString {
        return changed.at(i).at(0).toString() + u' ' +
               toString(changed.at(i).at(1).value<RegionStatus>()) + u'>' +
               toString(changed.at(i).at(2).value<RegionStatus>()) + u' ' +
               changed.at(i).at(3).value<RegionHealth>().checkedAt.toString(u"mm:ss"_s);
    };
    QCOMPARE(transition(0), u"eu-west online>offline 20:05"_s);
    QCOMPARE(transition(1), u"eu-west offline>online 40:05"_s);
    QCOMPARE(transition(2), u"asia-se online>degraded 50:00"_s);
    QCOMPARE(toString(monitor.status(u"asia-se"_s)), u"degraded"_s);
    const std::optional<RegionHealth> latest = monitor.latest(u"asia-se"_s);
    QVERIFY(latest);
    // 100 − 0.012 s × 10 − 20 × 0.95 − 0 (p99 40) − 4 × 0.5 = 78.88
    QCOMPARE(latest->score, 100.0 - 0.12 - 19.0 - 2.0);
}

void TestHealthMonitor::detectionWithin15Seconds()
{
    // Worst case: the fault starts just after a check. With a 5 s interval
    // and two failures needed, the second failed check is at most 10 s later.
    ScriptedProbe probe;
    waddle::test::ManualClock clock(QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC));
    HealthMonitor monitor(probe, {}, clock);
    monitor.setRegions(defaultCatalogue());
    QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
    monitor.runRound();
    const QDateTime faultAt = clock.now().addMSecs(1);
    probe.outcomes[u"us-east"_s] = ScriptedProbe::refused();
    while (changed.isEmpty()) {
        clock.setNow(clock.now().addSecs(5));
        monitor.runRound();
    }
    QVERIFY(faultAt.msecsTo(clock.now()) <= 15000);
    QCOMPARE(faultAt.msecsTo(clock.now()), 9999);
}

void TestHealthMonitor::checkNowAndMaintenance()
{
    ScriptedProbe probe;
    HealthMonitor monitor(probe, {});
    monitor.setRegions(defaultCatalogue());
    std::optional<RegionHealth> got;
    QVERIFY(monitor.checkNow(u"eu-north"_s, [&got](const RegionHealth &h) { got = h; }));
    QVERIFY(got);
    QCOMPARE(got->code, u"eu-north"_s);
    QVERIFY(!monitor.checkNow(u"mars-1"_s));

    QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
    QVERIFY(monitor.setMaintenance(u"eu-north"_s, true));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(toString(monitor.status(u"eu-north"_s)), u"maintenance"_s);
    // Checks during maintenance change nothing visible.
    probe.outcomes[u"eu-north"_s] = ScriptedProbe::refused();
    monitor.runRound();
    monitor.runRound();
    QCOMPARE(changed.size(), 1);
    QVERIFY(monitor.setMaintenance(u"eu-north"_s, false));
    QCOMPARE(toString(monitor.status(u"eu-north"_s)), u"offline"_s);
    QVERIFY(!monitor.setMaintenance(u"mars-1"_s, true));
}

void TestHealthMonitor::lookChangesNothing()
{
    // A follower's check (issue 16): the probe's reading and score with the
    // status the leader stored; no tracker moves, nothing is kept or said.
    ScriptedProbe probe;
    waddle::test::ManualClock clock(QDateTime(QDate(2026, 11, 24), QTime(12, 0), Qt::UTC));
    HealthMonitor monitor(probe, {}, clock); // no regions: it watches nothing
    QSignalSpy checked(&monitor, &HealthMonitor::checked);
    QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
    Region region = defaultCatalogue().at(0);
    region.status = RegionStatus::Degraded;
    probe.outcomes[region.code] = ScriptedProbe::refused();
    std::optional<RegionHealth> seen;
    for (int i = 0; i < 3; ++i) // three failures would take a watched region offline
        monitor.look(region, [&seen](const RegionHealth &h) { seen = h; });
    QVERIFY(seen);
    QCOMPARE(seen->code, region.code);
    QVERIFY(seen->status == RegionStatus::Degraded);
    QVERIFY(!seen->reading.endpointHealthy);
    QCOMPARE(seen->checkedAt, clock.now());
    QCOMPARE(probe.calls, 3);
    QCOMPARE(checked.size(), 0);
    QCOMPARE(changed.size(), 0);
    QVERIFY(!monitor.latest(region.code));
    QVERIFY(!monitor.checkNow(region.code)); // not watched here
}

QTEST_GUILESS_MAIN(TestHealthMonitor)
#include "tst_healthmonitor.moc"
