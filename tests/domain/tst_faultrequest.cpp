#include "domain/faultrequest.h"

#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

class TestFaultRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void refused_data();
    void refused();
};

void TestFaultRequest::roundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("extraMs");
    QTest::newRow("offline") << int(FaultKind::Offline) << 0.0;
    QTest::newRow("degraded") << int(FaultKind::Degraded) << 0.0;
    QTest::newRow("latency") << int(FaultKind::Latency) << 150.0;
    QTest::newRow("reject_rooms") << int(FaultKind::RejectRooms) << 0.0;
    QTest::newRow("slow_rooms") << int(FaultKind::SlowRooms) << 20.0;
}

void TestFaultRequest::roundTrip()
{
    QFETCH(int, kind);
    QFETCH(double, extraMs);
    const FaultRequest request{FaultKind(kind), extraMs};
    const QJsonObject json = toJson(request);
    QCOMPARE(json.contains(u"extra_ms"_s), extraMs != 0.0);
    const Result<FaultRequest> back = faultRequestFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), request);
}

void TestFaultRequest::refused_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("no kind") << QJsonObject{} << u"kind"_s;
    QTest::newRow("unknown kind") << QJsonObject{{u"kind"_s, u"meteor"_s}} << u"kind"_s;
    // Clearing is DELETE, not a fault of kind none.
    QTest::newRow("none") << QJsonObject{{u"kind"_s, u"none"_s}} << u"kind"_s;
    QTest::newRow("latency without extra")
        << QJsonObject{{u"kind"_s, u"latency"_s}} << u"extra_ms"_s;
    QTest::newRow("slow_rooms without extra")
        << QJsonObject{{u"kind"_s, u"slow_rooms"_s}} << u"extra_ms"_s;
    QTest::newRow("slow_rooms with zero extra")
        << QJsonObject{{u"kind"_s, u"slow_rooms"_s}, {u"extra_ms"_s, 0}} << u"extra_ms"_s;
    QTest::newRow("extra too large")
        << QJsonObject{{u"kind"_s, u"latency"_s}, {u"extra_ms"_s, 60001}} << u"extra_ms"_s;
    QTest::newRow("extra negative")
        << QJsonObject{{u"kind"_s, u"offline"_s}, {u"extra_ms"_s, -1}} << u"extra_ms"_s;
}

void TestFaultRequest::refused()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, field);
    const Result<FaultRequest> parsed = faultRequestFromJson(json);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field, field);
}

QTEST_GUILESS_MAIN(TestFaultRequest)
#include "tst_faultrequest.moc"
