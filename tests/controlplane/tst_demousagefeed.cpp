// DemoUsageFeed with a manual clock and a scripted demo fleet: each round
// asks for exactly the time since the last stored round, stores the sessions
// and meters the way POST /api/v1/usage does, and a failed round is asked
// for again whole (nothing lost, nothing twice).
#include "controlplane/demofleetcontrol.h"
#include "controlplane/services/analyticsservice.h"
#include "controlplane/services/demousagefeed.h"
#include "controlplane/services/regionservice.h"
#include "controlplane/store/database.h"
#include "controlplane/store/usagerepository.h"
#include "controlplane/store/waddlerepository.h"
#include "support/manualclock.h"
#include "support/testdatabase.h"

#include <QJsonArray>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using waddle::test::storeLocation;
using namespace Qt::StringLiterals;

namespace {

// One two-person minute-long session at the start of each asked window, and
// one GB of bandwidth with it; `bad` makes the session unstorable.
class ScriptedDemo final : public DemoFleetControl
{
public:
    domain::Result<QList<domain::Region>> start(const QList<domain::Region> &catalogue) override
    {
        return catalogue;
    }
    void stop() override {}
    DemoSeed demoData(const QList<domain::Region> &, const QDateTime &) const override
    {
        return {};
    }
    DemoUsage liveUsage(const QList<domain::Region> &, const QList<domain::Waddle> &,
                        const std::function<QList<domain::Member>(const QString &)> &,
                        const QDateTime &from, const QDateTime &to) override
    {
        asked.append({from, to});
        domain::UsageEvent e;
        e.regionCode = bad ? u"not a region"_s : u"eu-west"_s;
        e.waddleId = u"w1"_s;
        e.channelId = u"c-1"_s;
        e.participants = 2;
        e.durationSeconds = 60;
        e.quality = 4;
        e.latencyMs = 20;
        e.startedAt = from;
        return DemoUsage{{e},
                         {domain::ProjectMetricPoint{u"fleet"_s, u"bandwidth_usage"_s,
                                                     domain::MetricPoint{from, 1.0}}}};
    }
    bool setFault(const QString &, const domain::FaultRequest &) override { return false; }
    bool clearFault(const QString &) override { return false; }
    QList<domain::FaultState> faults() const override { return {}; }

    QList<std::pair<QDateTime, QDateTime>> asked;
    bool bad = false;
};

} // namespace

class TestDemoUsageFeed : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundsCoverTimeOnce();

private:
    double realtime(AnalyticsService &analytics, const QString &metric);
};

double TestDemoUsageFeed::realtime(AnalyticsService &analytics, const QString &metric)
{
    const auto json = analytics.realtime(u"fleet"_s);
    if (!json)
        return -1;
    for (const QJsonValue &card : json->value(u"metrics"_s).toArray()) {
        if (card[u"metric_name"_s].toString() == metric)
            return card[u"value"_s].toDouble();
    }
    return -2;
}

void TestDemoUsageFeed::roundsCoverTimeOnce()
{
    const QDateTime t0(QDate(2030, 6, 15), QTime(9, 30), Qt::UTC);
    test::ManualClock clock(t0);
    auto database = Database::open(storeLocation());
    QVERIFY(database);
    RegionService regions(*database.value());
    WaddleRepository waddles(*database.value());
    AnalyticsService analytics(*database.value(), clock);
    UsageRepository usage(*database.value());
    ScriptedDemo demo;
    DemoUsageFeed feed(demo, regions, waddles, analytics, clock);

    // The history ended ten minutes ago: the first round starts there.
    feed.start(t0.addSecs(-600), 30 * 1000);
    QCOMPARE(demo.asked.size(), 1); // at once, up to now
    QCOMPARE(demo.asked.at(0), std::pair(t0.addSecs(-600), t0));
    QCOMPARE(usage.usageEventCount().value(), 1);
    clock.advance(30 * 1000);
    QCOMPARE(demo.asked.size(), 2);
    QCOMPARE(demo.asked.at(1), std::pair(t0, t0.addSecs(30)));
    clock.advance(30 * 1000);
    QCOMPARE(demo.asked.at(2), std::pair(t0.addSecs(30), t0.addSecs(60)));
    QCOMPARE(usage.usageEventCount().value(), 3);
    // Three sessions of 2 × 1 participant minutes in the last 15 minutes
    // (09:20, 09:30, 09:30:30), and a GB with each.
    QCOMPARE(realtime(analytics, u"participant_minutes"_s), 6.0);
    QCOMPARE(realtime(analytics, u"bandwidth_usage"_s), 3.0);

    // A round that cannot be stored changes nothing and is asked again.
    demo.bad = true;
    clock.advance(30 * 1000);
    QCOMPARE(demo.asked.at(3), std::pair(t0.addSecs(60), t0.addSecs(90)));
    QCOMPARE(usage.usageEventCount().value(), 3);
    QCOMPARE(realtime(analytics, u"bandwidth_usage"_s), 3.0);
    demo.bad = false;
    clock.advance(30 * 1000);
    QCOMPARE(demo.asked.at(4), std::pair(t0.addSecs(60), t0.addSecs(120)));
    QCOMPARE(usage.usageEventCount().value(), 4);

    // By hand: only the time since the last round; none when no time passed.
    const auto added = feed.runOnce();
    QVERIFY(added);
    QCOMPARE(added.value(), 0);
    QCOMPARE(demo.asked.size(), 5);
    feed.stop();
    clock.advance(60 * 1000);
    QCOMPARE(demo.asked.size(), 5);
}

QTEST_GUILESS_MAIN(TestDemoUsageFeed)
#include "tst_demousagefeed.moc"
