// The quick reader of POST /usage bodies (issue 12): what it takes, into
// which values, and every shape it leaves to the general reader (which
// then answers the error with its index, tst_analyticsroutes).
#include "controlplane/api/usagebatch.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace waddle;
using namespace Qt::StringLiterals;

class TestUsageBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsPlainBatch();
    void leavesOtherShapes_data();
    void leavesOtherShapes();
    void stopsAtTheLimit();
};

namespace {

const QByteArray kEvent =
    R"({"region":"eu-west","waddle_id":"w-1","channel_id":"c-1","participant_count":4,)"
    R"("duration_seconds":600.5,"quality":4.25,"latency_ms":2e1,)"
    R"("started_at":"2024-02-29T23:59:59.999Z"})";

QByteArray batch(const QByteArray &event)
{
    return R"({"events":[)" + event + "]}";
}

} // namespace

void TestUsageBatch::readsPlainBatch()
{
    const QByteArray second =
        R"({"id":"17","region":"us-east","waddle_id":"w-2","channel_id":"é","participant_count":0,)"
        R"("duration_seconds":0,"quality":5,"latency_ms":0,"started_at":"1999-12-31T00:00:00Z"})";
    const auto events = cp::quickUsageBatch(batch(kEvent + " ,\n " + second), 10);
    QVERIFY(events);
    QCOMPARE(events->size(), 2);
    const domain::UsageEvent &a = events->at(0);
    QCOMPARE(a.id, QString());
    QCOMPARE(a.regionCode, u"eu-west"_s);
    QCOMPARE(a.waddleId, u"w-1"_s);
    QCOMPARE(a.channelId, u"c-1"_s);
    QCOMPARE(a.participants, 4);
    QCOMPARE(a.durationSeconds, 600.5);
    QCOMPARE(a.quality, 4.25);
    QCOMPARE(a.latencyMs, 20.0);
    QCOMPARE(a.startedAt, QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC));
    const domain::UsageEvent &b = events->at(1);
    QCOMPARE(b.id, u"17"_s);
    QCOMPARE(b.channelId, u"é"_s);
    QCOMPARE(b.participants, 0);
    QCOMPARE(b.quality, 5.0);
    QCOMPARE(b.startedAt, QDateTime(QDate(1999, 12, 31), QTime(0, 0), Qt::UTC));
    // The same values as the general reader's.
    const auto general = domain::usageEventFromJson(QJsonDocument::fromJson(kEvent).object());
    QVERIFY(general);
    QCOMPARE(a, general.value());

    const auto none = cp::quickUsageBatch(R"( { "events" : [ ] } )", 10);
    QVERIFY(none);
    QVERIFY(none->isEmpty());
}

void TestUsageBatch::leavesOtherShapes_data()
{
    QTest::addColumn<QByteArray>("body");
    const auto with = [](const char *from, const char *to) {
        return batch(QByteArray(kEvent).replace(from, to));
    };
    // Bad events (the general reader names the field and index).
    QTest::newRow("quality over 5") << with("4.25", "5.5");
    QTest::newRow("negative latency") << with("2e1", "-1");
    QTest::newRow("fractional participants") << with(":4,", ":4.5,");
    QTest::newRow("participants over int") << with(":4,", ":3000000000,");
    QTest::newRow("bad region") << with("eu-west", "EU West");
    QTest::newRow("empty waddle") << with("\"w-1\"", "\"\"");
    QTest::newRow("no such day") << with("2024-02-29", "2023-02-29");
    QTest::newRow("hour 24") << with("T23:", "T24:");
    QTest::newRow("year 0") << with("2024-", "0000-");
    QTest::newRow("not a digit") << with("2024-", "2o24-");
    QTest::newRow("missing start") << with(R"(,"started_at":"2024-02-29T23:59:59.999Z")", "");
    QTest::newRow("number as string") << with("600.5", "\"600.5\"");
    QTest::newRow("id as number") << batch(QByteArray(kEvent).replace("{", "{\"id\":17,"));
    QTest::newRow("null id") << batch(QByteArray(kEvent).replace("{", "{\"id\":null,"));
    QTest::newRow("twice a key") << batch(QByteArray(kEvent).replace("{", "{\"quality\":1,"));
    // Good events in shapes left to the general reader.
    QTest::newRow("escape") << with("c-1", "c\\u002d1");
    QTest::newRow("unknown key") << batch(QByteArray(kEvent).replace("{", "{\"note\":\"x\","));
    QTest::newRow("offset") << with("59.999Z", "59.999+00:00");
    QTest::newRow("two ms digits") << with("59.999Z", "59.99Z");
    QTest::newRow("other top-level key") << QByteArray(R"({"batch":1,"events":[]})");
    // Not JSON, or not all of it.
    QTest::newRow("leading zero") << with(":4,", ":04,");
    QTest::newRow("bare dot") << with("600.5", "600.");
    QTest::newRow("trailing comma") << batch(kEvent + ",");
    QTest::newRow("unclosed") << batch(kEvent).chopped(1);
    QTest::newRow("after the end") << batch(kEvent) + "x";
    QTest::newRow("empty") << QByteArray();
}

void TestUsageBatch::leavesOtherShapes()
{
    QFETCH(QByteArray, body);
    QVERIFY(!cp::quickUsageBatch(body, 10));
}

void TestUsageBatch::stopsAtTheLimit()
{
    const QByteArray three = batch(kEvent + "," + kEvent + "," + kEvent);
    QCOMPARE(cp::quickUsageBatch(three, 3)->size(), 3);
    QVERIFY(!cp::quickUsageBatch(three, 2)); // the general reader answers 413
}

QTEST_GUILESS_MAIN(TestUsageBatch)
#include "tst_usagebatch.moc"
