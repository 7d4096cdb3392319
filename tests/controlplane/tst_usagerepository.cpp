#include "controlplane/store/batchwriter.h"
#include "sql/opendatabase.h"
#include "storefixtures.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

class TestUsageRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void usageUpdatesHourlyTotals();
    void hourlySessionsFillsEveryHour();
    void invalidUsageBatchChangesNothing();
    void perWaddleRollupsAndMetricPoints();
    void batchOfOneHourSumsAsOneAtATime_data();
    void batchOfOneHourSumsAsOneAtATime();
    void fullBatchWithOneBadEventChangesNothing_data();
    void fullBatchWithOneBadEventChangesNothing();
    void numberedAndFreshEventsInGroups_data();
    void numberedAndFreshEventsInGroups();
    void timeTextAsQtWritesIt_data();
    void timeTextAsQtWritesIt();
    void rangeReadsFindTheSessionsInside_data();
    void rangeReadsFindTheSessionsInside();
    void storeOfVersion7ReadsRangesByHour();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

double sumOfValues(const QList<domain::MetricPoint> &points)
{
    double sum = 0;
    for (const domain::MetricPoint &point : points)
        sum += point.value;
    return sum;
}

} // namespace

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

    // "fleet" is the project of all usage, never a waddle's id.
    domain::UsageEvent fleet = makeEvent(QStringLiteral("eu-west"), utc(9, 10), 1, 10, 4, 10);
    fleet.waddleId = kFleetProject;
    result = store->usage.insertUsageEvents({fleet});
    QCOMPARE(failureKind(result), QStringLiteral("Invalid"));
    QCOMPARE(result.error().field, QStringLiteral("events[0].waddle_id"));
    QVERIFY(result.error().message.contains(u"fleet"));
    QCOMPARE(store->usage.usageEventCount().value(), 0);
    QVERIFY(
        store->usage.metricPoints(kFleetProject, u"participant_minutes"_s, utc(9, 0), utc(10, 0))
            ->isEmpty());
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

void TestUsageRepository::batchOfOneHourSumsAsOneAtATime_data()
{
    QTest::addColumn<bool>("reversed");
    QTest::newRow("in time order") << false;
    QTest::newRow("reversed") << true;
}

void TestUsageRepository::batchOfOneHourSumsAsOneAtATime()
{
    QFETCH(bool, reversed);
    // 120 sessions in eu-west's 10:00 hour, two in each minute (at :00 and
    // :30): session i in minute i % 60 with 1 + i % 3 participants for 90 s;
    // the first 60 are w1's, the others w2's.
    QList<domain::UsageEvent> events;
    for (int i = 0; i < 120; ++i) {
        domain::UsageEvent e =
            makeEvent(u"eu-west"_s, utc(9, 10, i % 60, (i / 60) * 30), 1 + i % 3, 90, 4.0, 20);
        e.waddleId = i < 60 ? u"w1"_s : u"w2"_s;
        events.append(e);
    }
    if (reversed)
        std::reverse(events.begin(), events.end());
    auto batch = memoryStore();
    auto single = memoryStore();
    QVERIFY(batch && single);
    CHECK_OK(batch->usage.insertUsageEvents(events));
    for (const domain::UsageEvent &e : std::as_const(events))
        CHECK_OK(single->usage.insertUsageEvents({e}));

    // By hand: 120 sessions, 120 + 40 × (0 + 1 + 2) = 240 participants,
    // 10,800 s, quality 480, latency 2,400; each waddle half of it.
    const auto fleet = batch->usage.hourlyUsage({}, utc(9, 0), utc(10, 0));
    CHECK_OK(fleet);
    QCOMPARE(fleet->size(), 1);
    QCOMPARE(fleet->at(0).hour, utc(9, 10));
    QCOMPARE(fleet->at(0).sessions, 120);
    QCOMPARE(fleet->at(0).participants, 240);
    QCOMPARE(fleet->at(0).totalDurationSeconds, 10800.0);
    QCOMPARE(fleet->at(0).qualitySum, 480.0);
    QCOMPARE(fleet->at(0).latencySum, 2400.0);
    const auto w1 = batch->usage.hourlyUsage(u"w1"_s, {}, utc(9, 0), utc(10, 0));
    CHECK_OK(w1);
    QCOMPARE(w1->size(), 1);
    QCOMPARE(w1->at(0).sessions, 60);
    QCOMPARE(w1->at(0).participants, 120);
    QCOMPARE(w1->at(0).totalDurationSeconds, 5400.0);
    // Participant minutes, 1.5 a participant: minute 0 has sessions 0 and
    // 60 (one participant each) = 3; minute 1 sessions 1 and 61 (two) = 6;
    // w1's minute 1 only session 1 = 3.
    const auto minutes =
        batch->usage.metricPoints(kFleetProject, u"participant_minutes"_s, utc(9, 10), utc(9, 11));
    CHECK_OK(minutes);
    QCOMPARE(minutes->size(), 60);
    QCOMPARE(minutes->at(0).value, 3.0);
    QCOMPARE(minutes->at(1).value, 6.0);
    QCOMPARE(minutes->at(2).value, 9.0);
    QCOMPARE(sumOfValues(minutes.value()), 360.0);
    const auto w1Minutes =
        batch->usage.metricPoints(u"w1"_s, u"participant_minutes"_s, utc(9, 10), utc(9, 11));
    CHECK_OK(w1Minutes);
    QCOMPARE(w1Minutes->at(1).value, 3.0);

    // The same as 120 batches of one, rollup by rollup.
    for (const QString &project : {kFleetProject, u"w1"_s, u"w2"_s}) {
        QCOMPARE(batch->usage.hourlyUsage(project, {}, utc(9, 0), utc(10, 0)).value(),
                 single->usage.hourlyUsage(project, {}, utc(9, 0), utc(10, 0)).value());
        QCOMPARE(
            batch->usage.metricPoints(project, u"participant_minutes"_s, utc(9, 0), utc(10, 0))
                .value(),
            single->usage.metricPoints(project, u"participant_minutes"_s, utc(9, 0), utc(10, 0))
                .value());
    }
    QCOMPARE(batch->usage.usageEventCount().value(), 120);
    QCOMPARE(single->usage.usageEventCount().value(), 120);
}

void TestUsageRepository::fullBatchWithOneBadEventChangesNothing_data()
{
    QTest::addColumn<int>("bad");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("field");
    // Checked before anything is written (with the index), or refused by
    // the database half way through the writes (a repeated id): either way
    // the batch leaves no trace.
    QTest::newRow("latency of the last") << 9999 << u"Invalid"_s << u"events[9999].latency_ms"_s;
    QTest::newRow("latency of the first") << 0 << u"Invalid"_s << u"events[0].latency_ms"_s;
    QTest::newRow("repeated id") << -1 << u"Conflict"_s << u""_s;
}

void TestUsageRepository::fullBatchWithOneBadEventChangesNothing()
{
    QFETCH(int, bad);
    QFETCH(QString, kind);
    QFETCH(QString, field);
    auto store = memoryStore();
    QVERIFY(store);
    QList<domain::UsageEvent> events;
    for (int i = 0; i < 10000; ++i) {
        events.append(
            makeEvent(i % 2 ? u"eu-west"_s : u"us-east"_s, utc(9, i % 24, i % 60), 2, 60, 4.0, 20));
    }
    if (bad >= 0) {
        events[bad].latencyMs = -1;
    } else {
        events[5].id = u"42"_s;
        events[9998].id = u"42"_s;
    }
    const auto result = store->usage.insertUsageEvents(events);
    QCOMPARE(failureKind(result), kind);
    if (!field.isEmpty())
        QCOMPARE(result.error().field, field);
    QCOMPARE(store->usage.usageEventCount().value(), 0);
    QVERIFY(store->usage.hourlyUsage({}, utc(9, 0), utc(10, 0))->isEmpty());
    QVERIFY(store->usage.hourlyUsage(u"w1"_s, {}, utc(9, 0), utc(10, 0))->isEmpty());
    QVERIFY(
        store->usage.metricPoints(kFleetProject, u"participant_minutes"_s, utc(9, 0), utc(10, 0))
            ->isEmpty());

    // The same batch made good is stored whole: 5,000 sessions of each
    // region, 2 × 60 s = 2 participant minutes each.
    if (bad >= 0)
        events[bad].latencyMs = 20;
    else
        events[9998].id.clear();
    CHECK_OK(store->usage.insertUsageEvents(events));
    QCOMPARE(store->usage.usageEventCount().value(), 10000);
    const auto hours = store->usage.hourlyUsage({}, utc(9, 0), utc(10, 0));
    CHECK_OK(hours);
    qint64 sessions = 0;
    for (const HourlyUsage &hour : hours.value())
        sessions += hour.sessions;
    QCOMPARE(sessions, 10000);
    const auto points =
        store->usage.metricPoints(u"w1"_s, u"participant_minutes"_s, utc(9, 0), utc(10, 0));
    CHECK_OK(points);
    QCOMPARE(sumOfValues(points.value()), 20000.0);
}

void TestUsageRepository::numberedAndFreshEventsInGroups_data()
{
    // The store writes 32 rows to a statement, the last few one by one.
    QTest::addColumn<int>("numbered");
    QTest::addColumn<int>("fresh");
    QTest::newRow("none numbered, two groups and 6") << 0 << 70;
    QTest::newRow("a group and 8 numbered, a group and 1 fresh") << 40 << 33;
    QTest::newRow("31 numbered, 31 fresh (no whole group)") << 31 << 31;
    QTest::newRow("64 numbered, none fresh") << 64 << 0;
}

void TestUsageRepository::numberedAndFreshEventsInGroups()
{
    QFETCH(int, numbered);
    QFETCH(int, fresh);
    auto store = memoryStore();
    QVERIFY(store);
    // The first `numbered` events carry ids 5001, 5002, …; event i has
    // i + 1 participants for 60 s in minute i % 50 of 10:00. Given in
    // reverse, so numbered and fresh do not arrive in the store's order.
    QList<domain::UsageEvent> events;
    for (int i = 0; i < numbered + fresh; ++i) {
        domain::UsageEvent e = makeEvent(u"eu-west"_s, utc(9, 10, i % 50), i + 1, 60, 4.0, 20);
        if (i < numbered)
            e.id = QString::number(5001 + i);
        events.append(e);
    }
    std::reverse(events.begin(), events.end());
    CHECK_OK(store->usage.insertUsageEvents(events));
    QCOMPARE(store->usage.usageEventCount().value(), qint64(numbered + fresh));

    // The ids given are kept; the database numbers the others after them.
    QSqlQuery q(store->database->connection());
    QVERIFY(q.exec(
        u"SELECT COUNT(*) FROM usage_events WHERE id > 5000 AND id <= 5000 + %1"_s.arg(numbered)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), numbered);
    QVERIFY(q.exec(u"SELECT COUNT(*) FROM usage_events WHERE id > 5000 + %1"_s.arg(numbered)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), numbered > 0 ? fresh : 0);

    // Every row's values arrive: participants 1 + 2 + … + n, participant
    // minutes the same (60 s each).
    const int n = numbered + fresh;
    const auto hours = store->usage.hourlyUsage(u"eu-west"_s, utc(9, 10), utc(9, 11));
    CHECK_OK(hours);
    QCOMPARE(hours->size(), 1);
    QCOMPARE(hours->at(0).sessions, n);
    QCOMPARE(hours->at(0).participants, n * (n + 1) / 2);
    const auto minutes =
        store->usage.metricPoints(kFleetProject, u"participant_minutes"_s, utc(9, 10), utc(9, 11));
    CHECK_OK(minutes);
    QCOMPARE(minutes->size(), std::min(n, 50));
    QCOMPARE(sumOfValues(minutes.value()), double(n * (n + 1) / 2));
}

void TestUsageRepository::timeTextAsQtWritesIt_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC)
                           << QByteArray("1970-01-01T00:00:00.000Z");
    QTest::newRow("before the epoch")
        << QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC) << QByteArray("1969-12-31T23:59:59.999Z");
    QTest::newRow("leap day") << QDateTime(QDate(2024, 2, 29), QTime(13, 7, 9, 45), Qt::UTC)
                              << QByteArray("2024-02-29T13:07:09.045Z");
    QTest::newRow("offset") << QDateTime(QDate(2000, 3, 1), QTime(1, 30), Qt::OffsetFromUTC, 7200)
                            << QByteArray("2000-02-29T23:30:00.000Z");
    QTest::newRow("year 1") << QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC)
                            << QByteArray("0001-01-01T00:00:00.000Z");
    QTest::newRow("year 9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC)
                               << QByteArray("9999-12-31T23:59:59.999Z");
}

void TestUsageRepository::timeTextAsQtWritesIt()
{
    QFETCH(QDateTime, time);
    QFETCH(QByteArray, text);
    char out[24];
    QVERIFY(store::timeTextUtf8(time, out));
    QCOMPARE(QByteArray(out, 24), text);
    QCOMPARE(QString::fromLatin1(out, 24), store::timeText(time));
    QVERIFY(!store::timeTextUtf8(QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC), out));
    QVERIFY(!store::timeTextUtf8(QDateTime(), out));
}

void TestUsageRepository::rangeReadsFindTheSessionsInside_data()
{
    // The latency histogram (buckets < 25, < 50, < 100, the rest) of
    // eu-west, and the starts of the fleet's and w1's events, for sessions
    // started in [from, to) — read through the index of each event's hour,
    // then its start: the first and last hour are only partly inside.
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<QList<qint64>>("histogram");
    QTest::addColumn<QList<QDateTime>>("fleet");
    QTest::addColumn<QList<QDateTime>>("w1");
    QTest::newRow("one whole hour")
        << utc(9, 10) << utc(9, 11) << QList<qint64>{0, 1, 2, 0}
        << QList<QDateTime>{utc(9, 10), utc(9, 10, 20), utc(9, 10, 30), utc(9, 10, 59, 59, 999)}
        << QList<QDateTime>{utc(9, 10), utc(9, 10, 30), utc(9, 10, 59, 59, 999)};
    QTest::newRow("inside an hour")
        << utc(9, 10, 10) << utc(9, 10, 50) << QList<qint64>{0, 0, 1, 0}
        << QList<QDateTime>{utc(9, 10, 20), utc(9, 10, 30)} << QList<QDateTime>{utc(9, 10, 30)};
    QTest::newRow("across an hour, odd ends")
        << utc(9, 10, 20) << utc(9, 11, 0, 0, 1) << QList<qint64>{0, 0, 2, 1}
        << QList<QDateTime>{utc(9, 10, 20), utc(9, 10, 30), utc(9, 10, 59, 59, 999), utc(9, 11)}
        << QList<QDateTime>{utc(9, 10, 30), utc(9, 10, 59, 59, 999)};
    QTest::newRow("ends where an hour starts")
        << utc(9, 9) << utc(9, 10) << QList<qint64>{1, 0, 0, 0}
        << QList<QDateTime>{utc(9, 9, 59, 59, 999)} << QList<QDateTime>{utc(9, 9, 59, 59, 999)};
    QTest::newRow("into the next day") << utc(9, 11, 30) << utc(10, 11) << QList<qint64>{2, 0, 0, 0}
                                       << QList<QDateTime>{utc(9, 11, 40), utc(10, 10, 30)}
                                       << QList<QDateTime>{utc(9, 11, 40), utc(10, 10, 30)};
    QTest::newRow("empty") << utc(9, 10, 30) << utc(9, 10, 30) << QList<qint64>{0, 0, 0, 0}
                           << QList<QDateTime>{} << QList<QDateTime>{};
}

void TestUsageRepository::rangeReadsFindTheSessionsInside()
{
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(QList<qint64>, histogram);
    QFETCH(QList<QDateTime>, fleet);
    QFETCH(QList<QDateTime>, w1);
    auto store = memoryStore();
    QVERIFY(store);
    const auto event = [](const QString &region, const QDateTime &at, double latency,
                          const QString &waddle) {
        domain::UsageEvent e = makeEvent(region, at, 2, 60, 4.0, latency);
        e.waddleId = waddle;
        return e;
    };
    const QString eu = u"eu-west"_s;
    CHECK_OK(store->usage.insertUsageEvents({
        event(eu, utc(9, 9, 59, 59, 999), 10, u"w1"_s),
        event(eu, utc(9, 10), 30, u"w1"_s),
        event(eu, utc(9, 10, 20), 60, u"w2"_s),
        event(eu, utc(9, 10, 59, 59, 999), 90, u"w1"_s),
        event(eu, utc(9, 11), 150, u"w2"_s),
        event(eu, utc(9, 11, 40), 10, u"w1"_s),
        event(u"us-east"_s, utc(9, 10, 30), 40, u"w1"_s),
        event(eu, utc(10, 10, 30), 10, u"w1"_s),
    }));
    // us-east's event is in the fleet's and w1's range reads, not in
    // eu-west's histogram.
    const auto counts = store->usage.latencyHistogram(eu, from, to, {25, 50, 100});
    CHECK_OK(counts);
    QCOMPARE(counts.value(), histogram);
    for (const auto &[project, expected] :
         {std::pair(kFleetProject, fleet), std::pair(u"w1"_s, w1)}) {
        QList<QDateTime> starts;
        CHECK_OK(store->usage.forEachUsageEvent(
            project, from, to,
            [&starts](const domain::UsageEvent &e) { starts.append(e.startedAt); }));
        std::sort(starts.begin(), starts.end());
        QCOMPARE(starts, expected);
    }
}

void TestUsageRepository::storeOfVersion7ReadsRangesByHour()
{
    if (onPostgreSql())
        QSKIP("The upgrade of a SQLite file");
    // A store written before version 8 (its events indexed by region and
    // start) gets the index of hours, and its events are found through it.
    const QString path = m_dir->filePath(u"v7.db"_s);
    {
        sql::DatabaseOptions options;
        options.location = path;
        options.connectionPrefix = u"v7-"_s;
        options.label = u"store"_s;
        options.migrations = sqlite::migrations().first(7);
        options.connectionSettings = sqlite::connectionSettings();
        auto opened = sql::openDatabase(options);
        QVERIFY(opened);
        QCOMPARE(opened->schemaVersion, 7);
        QSqlQuery q(opened->connection->database());
        QVERIFY2(q.exec(u"INSERT INTO usage_events (region, waddle_id, channel_id, "
                        "participant_count, duration_seconds, quality, latency_ms, started_at) "
                        "VALUES ('eu-west', 'w1', 'c1', 2, 60, 4, 30, '2025-03-09T10:15:00.000Z'), "
                        "('eu-west', 'w1', 'c1', 2, 60, 4, 80, '2025-03-09T11:15:00.000Z')"_s),
                 qPrintable(q.lastError().text()));
    }
    auto store = openOrFail(path);
    QVERIFY(store);
    QCOMPARE(store->database->schemaVersion(), sqlite::latestSchemaVersion());
    QSqlQuery q(store->database->connection());
    QVERIFY(q.exec(u"SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = "
                   "'usage_events' AND sql IS NOT NULL"_s));
    QStringList indexes;
    while (q.next())
        indexes.append(q.value(0).toString());
    QCOMPARE(indexes, QStringList{u"usage_events_region_hour"_s});
    // SQLite answers a range of hours of a region from the index.
    const QString hour = usageEventHour();
    QVERIFY(q.exec(
        u"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM usage_events WHERE region = "
        "'eu-west' AND %1 >= '2025-03-09T10' AND %1 <= '2025-03-09T11' AND started_at "
        ">= '2025-03-09T10:30:00.000Z' AND started_at < '2025-03-09T11:30:00.000Z'"_s.arg(hour)));
    QString plan;
    while (q.next())
        plan += q.value(3).toString() + u'\n';
    QVERIFY2(plan.contains(u"USING INDEX usage_events_region_hour (region=? AND <expr>>? AND "
                           "<expr><?)"_s),
             qPrintable(plan));
    QCOMPARE(
        store->usage.latencyHistogram(u"eu-west"_s, utc(9, 10, 30), utc(9, 11, 30), {50}).value(),
        (QList<qint64>{0, 1}));
    QCOMPARE(store->usage.latencyHistogram(u"eu-west"_s, utc(9, 10), utc(9, 11), {50}).value(),
             (QList<qint64>{1, 0}));
}

QTEST_GUILESS_MAIN(TestUsageRepository)
#include "tst_usagerepository.moc"
