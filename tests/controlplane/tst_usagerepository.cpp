#include "storefixtures.h"

class TestUsageRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void usageUpdatesHourlyTotals();
    void hourlySessionsFillsEveryHour();
    void invalidUsageBatchChangesNothing();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestUsageRepository::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestUsageRepository::usageUpdatesHourlyTotals()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString eu = QStringLiteral("eu-west");
    // 10:00–10:59: three sessions; 11:00–11:59: one; another region, one.
    CHECK_OK(store->usage.insertUsageEvents({
        makeEvent(eu, utc(9, 10, 0), 4, 600, 4.0, 20),
        makeEvent(eu, utc(9, 10, 59, 59, 999), 2, 300, 3.0, 40),
        makeEvent(eu, utc(9, 11, 0), 5, 100, 5.0, 10),
        makeEvent(QStringLiteral("us-east"), utc(9, 10, 30), 7, 70, 2.0, 90),
    }));
    // A later batch adds to the same hour.
    CHECK_OK(store->usage.insertUsageEvents({makeEvent(eu, utc(9, 10, 15), 1, 50, 2.0, 60)}));
    QCOMPARE(store->usage.usageEventCount().value(), 5);

    auto hours = store->usage.hourlyUsage(eu, utc(9, 0), utc(10, 0));
    CHECK_OK(hours);
    QCOMPARE(hours->size(), 2);
    const HourlyUsage &ten = hours->at(0);
    QCOMPARE(ten.region, eu);
    QCOMPARE(ten.hour, utc(9, 10));
    QCOMPARE(ten.sessions, 3);
    QCOMPARE(ten.participants, 7);
    QCOMPARE(ten.totalDurationSeconds, 950.0);
    QCOMPARE(ten.qualitySum, 9.0);
    QCOMPARE(ten.latencySum, 120.0);
    QCOMPARE(ten.averageQuality(), 3.0);
    QCOMPARE(ten.averageLatencyMs(), 40.0);
    const HourlyUsage &eleven = hours->at(1);
    QCOMPARE(eleven.hour, utc(9, 11));
    QCOMPARE(eleven.sessions, 1);
    QCOMPARE(eleven.participants, 5);
    QCOMPARE(eleven.totalDurationSeconds, 100.0);

    auto everywhere = store->usage.hourlyUsage({}, utc(9, 0), utc(10, 0));
    CHECK_OK(everywhere);
    QCOMPARE(everywhere->size(), 3);
    QCOMPARE(everywhere->at(1).region, QStringLiteral("us-east"));

    // A range of one hour holds that hour only.
    auto recount = store->usage.hourlyUsage(eu, utc(9, 10), utc(9, 11));
    CHECK_OK(recount);
    QCOMPARE(recount->size(), 1);
    QCOMPARE(recount->at(0).sessions, 3);

    // Ids given by the caller are kept; a repeated id is a conflict.
    domain::UsageEvent withId = makeEvent(eu, utc(9, 12), 1, 1, 1, 1);
    withId.id = QStringLiteral("1000");
    CHECK_OK(store->usage.insertUsageEvents({withId}));
    QCOMPARE(failureKind(store->usage.insertUsageEvents({withId})), QStringLiteral("Conflict"));
    withId.id = QStringLiteral("abc");
    QCOMPARE(failureKind(store->usage.insertUsageEvents({withId})), QStringLiteral("Invalid"));
    QCOMPARE(store->usage.usageEventCount().value(), 6);
    QCOMPARE(store->usage.hourlyUsage(eu, utc(9, 12), utc(9, 13))->at(0).sessions, 1);
}

void TestUsageRepository::hourlySessionsFillsEveryHour()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString eu = QStringLiteral("eu-west");
    CHECK_OK(store->usage.insertUsageEvents({
        makeEvent(eu, utc(9, 10, 5), 4, 600, 4.0, 20),
        makeEvent(eu, utc(9, 10, 45), 2, 300, 3.0, 40),
        makeEvent(eu, utc(9, 12, 0), 5, 100, 5.0, 10),
    }));
    // From inside 09:00 to 13:00: hours 9, 10, 11, 12.
    auto points = store->usage.hourlySessions(eu, utc(9, 9, 30), utc(9, 13));
    CHECK_OK(points);
    QCOMPARE(points->size(), 4);
    QCOMPARE(points->at(0).time, utc(9, 9));
    QCOMPARE(points->at(0).value, 0.0);
    QCOMPARE(points->at(1).time, utc(9, 10));
    QCOMPARE(points->at(1).value, 2.0);
    QCOMPARE(points->at(2).value, 0.0);
    QCOMPARE(points->at(3).time, utc(9, 12));
    QCOMPARE(points->at(3).value, 1.0);

    QVERIFY(store->usage.hourlySessions(QStringLiteral("us-east"), utc(9, 0), utc(9, 3))->size() ==
            3);
    QCOMPARE(failureKind(store->usage.hourlySessions(eu, utc(9, 13), utc(9, 9))),
             QStringLiteral("Invalid"));
    QCOMPARE(failureKind(store->usage.hourlySessions(eu, utc(1, 0), utc(1, 0).addYears(3))),
             QStringLiteral("Invalid"));
}

void TestUsageRepository::invalidUsageBatchChangesNothing()
{
    auto store = memoryStore();
    QVERIFY(store);
    domain::UsageEvent bad = makeEvent(QStringLiteral("eu-west"), utc(9, 10), 1, 10, 7.5, 10);
    auto result = store->usage.insertUsageEvents(
        {makeEvent(QStringLiteral("eu-west"), utc(9, 10), 1, 10, 4, 10), bad});
    QCOMPARE(failureKind(result), QStringLiteral("Invalid"));
    QCOMPARE(result.error().field, QStringLiteral("events[1].quality"));
    QCOMPARE(store->usage.usageEventCount().value(), 0);
    QVERIFY(store->usage.hourlyUsage({}, utc(9, 0), utc(10, 0))->isEmpty());
}

QTEST_GUILESS_MAIN(TestUsageRepository)
#include "tst_usagerepository.moc"
