#include "domain/analytics/usageevent.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;

namespace {

QJsonObject goodEvent()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("e1")},
        {QStringLiteral("region"), QStringLiteral("eu-west")},
        {QStringLiteral("waddle_id"), QStringLiteral("w1")},
        {QStringLiteral("channel_id"), QStringLiteral("c1")},
        {QStringLiteral("participant_count"), 4},
        {QStringLiteral("duration_seconds"), 1800.5},
        {QStringLiteral("quality"), 4.2},
        {QStringLiteral("latency_ms"), 38.0},
        {QStringLiteral("started_at"), QStringLiteral("2025-01-20T10:00:00Z")},
    };
}

UsageEvent sampleEvent()
{
    UsageEvent e;
    e.id = QStringLiteral("e1");
    e.regionCode = QStringLiteral("eu-west");
    e.waddleId = QStringLiteral("w1");
    e.channelId = QStringLiteral("c1");
    e.participants = 4;
    e.durationSeconds = 1800.5;
    e.quality = 4.2;
    e.latencyMs = 38.0;
    e.startedAt = QDateTime(QDate(2025, 1, 20), QTime(10, 0), Qt::UTC);
    return e;
}

} // namespace

class TestUsageEvent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesFields();
    void roundTrip_data();
    void roundTrip();
    void decode_data();
    void decode();
};

void TestUsageEvent::decodesFields()
{
    const Result<UsageEvent> decoded = usageEventFromJson(goodEvent());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), sampleEvent());
}

void TestUsageEvent::roundTrip_data()
{
    QTest::addColumn<UsageEvent>("event");

    QTest::newRow("full") << sampleEvent();
    UsageEvent unsaved = sampleEvent();
    unsaved.id.clear();
    QTest::newRow("no id yet") << unsaved;
    UsageEvent edges = sampleEvent();
    edges.participants = 0;
    edges.durationSeconds = 0.0;
    edges.quality = 5.0;
    edges.latencyMs = 0.0;
    edges.startedAt = QDateTime(QDate(2024, 2, 29), QTime(23, 59, 59, 999), Qt::UTC);
    QTest::newRow("edges") << edges;
}

void TestUsageEvent::roundTrip()
{
    QFETCH(UsageEvent, event);
    const QJsonObject json = toJson(event);
    QCOMPARE(json.contains(QStringLiteral("id")), !event.id.isEmpty());
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    const Result<UsageEvent> decoded = usageEventFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), event);
}

void TestUsageEvent::decode_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field"); // empty: decodes

    QTest::newRow("event") << QJsonValue(goodEvent()) << QString();
    QTest::newRow("without id") << QJsonValue(without(goodEvent(), QStringLiteral("id")))
                                << QString();
    QTest::newRow("id a number") << QJsonValue(with(goodEvent(), QStringLiteral("id"), 1))
                                 << QStringLiteral("id");

    QTest::newRow("missing region")
        << QJsonValue(without(goodEvent(), QStringLiteral("region"))) << QStringLiteral("region");
    QTest::newRow("region not a code")
        << QJsonValue(with(goodEvent(), QStringLiteral("region"), QStringLiteral("EU West")))
        << QStringLiteral("region");
    QTest::newRow("missing waddle_id")
        << QJsonValue(without(goodEvent(), QStringLiteral("waddle_id")))
        << QStringLiteral("waddle_id");
    QTest::newRow("empty waddle_id")
        << QJsonValue(with(goodEvent(), QStringLiteral("waddle_id"), QString()))
        << QStringLiteral("waddle_id");
    QTest::newRow("missing channel_id")
        << QJsonValue(without(goodEvent(), QStringLiteral("channel_id")))
        << QStringLiteral("channel_id");
    QTest::newRow("channel_id a number")
        << QJsonValue(with(goodEvent(), QStringLiteral("channel_id"), 3))
        << QStringLiteral("channel_id");

    QTest::newRow("no participants")
        << QJsonValue(with(goodEvent(), QStringLiteral("participant_count"), 0)) << QString();
    QTest::newRow("negative participants")
        << QJsonValue(with(goodEvent(), QStringLiteral("participant_count"), -1))
        << QStringLiteral("participant_count");
    QTest::newRow("fractional participants")
        << QJsonValue(with(goodEvent(), QStringLiteral("participant_count"), 2.5))
        << QStringLiteral("participant_count");
    QTest::newRow("missing participants")
        << QJsonValue(without(goodEvent(), QStringLiteral("participant_count")))
        << QStringLiteral("participant_count");

    QTest::newRow("zero duration")
        << QJsonValue(with(goodEvent(), QStringLiteral("duration_seconds"), 0)) << QString();
    QTest::newRow("negative duration")
        << QJsonValue(with(goodEvent(), QStringLiteral("duration_seconds"), -0.001))
        << QStringLiteral("duration_seconds");
    QTest::newRow("duration a string")
        << QJsonValue(with(goodEvent(), QStringLiteral("duration_seconds"), QStringLiteral("60")))
        << QStringLiteral("duration_seconds");
    QTest::newRow("duration NaN") << QJsonValue(with(goodEvent(),
                                                     QStringLiteral("duration_seconds"), qQNaN()))
                                  << QStringLiteral("duration_seconds");

    QTest::newRow("quality 0") << QJsonValue(with(goodEvent(), QStringLiteral("quality"), 0))
                               << QString();
    QTest::newRow("quality 5") << QJsonValue(with(goodEvent(), QStringLiteral("quality"), 5))
                               << QString();
    QTest::newRow("quality 5.01") << QJsonValue(with(goodEvent(), QStringLiteral("quality"), 5.01))
                                  << QStringLiteral("quality");
    QTest::newRow("quality -0.1") << QJsonValue(with(goodEvent(), QStringLiteral("quality"), -0.1))
                                  << QStringLiteral("quality");
    QTest::newRow("missing quality")
        << QJsonValue(without(goodEvent(), QStringLiteral("quality"))) << QStringLiteral("quality");

    QTest::newRow("latency 0") << QJsonValue(with(goodEvent(), QStringLiteral("latency_ms"), 0))
                               << QString();
    QTest::newRow("negative latency")
        << QJsonValue(with(goodEvent(), QStringLiteral("latency_ms"), -1))
        << QStringLiteral("latency_ms");
    QTest::newRow("latency infinite")
        << QJsonValue(with(goodEvent(), QStringLiteral("latency_ms"), qInf()))
        << QStringLiteral("latency_ms");

    QTest::newRow("started_at with offset")
        << QJsonValue(with(goodEvent(), QStringLiteral("started_at"),
                           QStringLiteral("2025-01-20T11:00:00+01:00")))
        << QString();
    QTest::newRow("missing started_at")
        << QJsonValue(without(goodEvent(), QStringLiteral("started_at")))
        << QStringLiteral("started_at");
    QTest::newRow("started_at a number")
        << QJsonValue(with(goodEvent(), QStringLiteral("started_at"), 1737367200))
        << QStringLiteral("started_at");
    QTest::newRow("started_at garbage")
        << QJsonValue(with(goodEvent(), QStringLiteral("started_at"), QStringLiteral("10 o'clock")))
        << QStringLiteral("started_at");
}

void TestUsageEvent::decode()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);

    const Result<UsageEvent> decoded = usageEventFromJson(json, QStringLiteral("events[9]"));
    if (field.isEmpty()) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        if (QTest::currentDataTag() == QByteArray("started_at with offset"))
            QCOMPARE(decoded->startedAt, sampleEvent().startedAt);
        return;
    }
    QVERIFY(!decoded.ok());
    const QString full = QStringLiteral("events[9].") + field;
    QCOMPARE(decoded.error().field, full);
    QVERIFY2(decoded.error().message.startsWith(full + QStringLiteral(": ")),
             qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(TestUsageEvent)
#include "tst_usageevent.moc"
