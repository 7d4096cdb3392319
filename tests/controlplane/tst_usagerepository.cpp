#include "storefixtures.h"

class TestUsageRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void usageUpdatesHourlyTotals();
    void hourlySessionsFillsEveryHour();
    void invalidUsageBatchChangesNothing();
    void perWaddleRollupsAndMetricPoints();

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

void TestUsageRepository::perWaddleRollupsAndMetricPoints()
{
    auto store = memoryStore();
    QVERIFY(store);
    const QString eu = QStringLiteral("eu-west");
    domain::UsageEvent other = makeEvent(eu, utc(9, 10, 5, 30), 3, 120, 2.0, 30);
    other.waddleId = QStringLiteral("w2");
    CHECK_OK(store->usage.insertUsageEvents({
        makeEvent(eu, utc(9, 10, 5), 4, 600, 4.0, 20),    // 40 participant minutes
        makeEvent(eu, utc(9, 10, 5, 59), 2, 30, 3.0, 40), // 1
        makeEvent(QStringLiteral("us-east"), utc(9, 10, 6), 1, 90, 5.0, 10), // 1.5
        other,                                                               // 6, waddle w2
    }));
    // w1's project: its own events only, per region.
    auto w1 = store->usage.hourlyUsage(QStringLiteral("w1"), QString(), utc(9, 0), utc(10, 0));
    CHECK_OK(w1);
    QCOMPARE(w1->size(), 2);
    QCOMPARE(w1->at(0).region, eu);
    QCOMPARE(w1->at(0).sessions, 2);
    QCOMPARE(w1->at(0).participants, 6);
    QCOMPARE(w1->at(0).qualitySum, 7.0);
    QCOMPARE(w1->at(1).region, QStringLiteral("us-east"));
    auto w2 = store->usage.hourlyUsage(QStringLiteral("w2"), eu, utc(9, 0), utc(10, 0));
    CHECK_OK(w2);
    QCOMPARE(w2->size(), 1);
    QCOMPARE(w2->at(0).sessions, 1);
    // The fleet sees all four.
    auto fleet = store->usage.hourlyUsage(kFleetProject, eu, utc(9, 0), utc(10, 0));
    CHECK_OK(fleet);
    QCOMPARE(fleet->at(0).sessions, 3);

    // Participant minutes per minute: participants × seconds / 60.
    auto points = store->usage.metricPoints(kFleetProject, QStringLiteral("participant_minutes"),
                                            utc(9, 10), utc(9, 11));
    CHECK_OK(points);
    QCOMPARE(points->size(), 2);
    QCOMPARE(points->at(0).time, utc(9, 10, 5));
    QCOMPARE(points->at(0).value, 47.0);
    QCOMPARE(points->at(1).time, utc(9, 10, 6));
    QCOMPARE(points->at(1).value, 1.5);
    auto mine = store->usage.metricPoints(
        QStringLiteral("w1"), QStringLiteral("participant_minutes"), utc(9, 10), utc(9, 11));
    CHECK_OK(mine);
    QCOMPARE(mine->at(0).value, 41.0);

    // Added points sum per minute.
    CHECK_OK(store->usage.addMetricPoint(kFleetProject, QStringLiteral("api_request"),
                                         utc(9, 10, 5, 1), 2));
    CHECK_OK(store->usage.addMetricPoint(kFleetProject, QStringLiteral("api_request"),
                                         utc(9, 10, 5, 59), 3));
    auto requests = store->usage.metricPoints(kFleetProject, QStringLiteral("api_request"),
                                              utc(9, 10), utc(9, 11));
    CHECK_OK(requests);
    QCOMPARE(requests->size(), 1);
    QCOMPARE(requests->at(0).value, 5.0);
    QCOMPARE(failureKind(
                 store->usage.addMetricPoint(kFleetProject, QStringLiteral("x"), QDateTime(), 1)),
             QStringLiteral("Invalid"));
}

QTEST_GUILESS_MAIN(TestUsageRepository)
#include "tst_usagerepository.moc"
