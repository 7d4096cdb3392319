#include "domain/faultstate.h"

#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

class TestFaultState : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void refusesUnknownKind();
};

void TestFaultState::roundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("extraMs");
    QTest::addColumn<int>("fields");
    // After DELETE: {"region", "kind": "none"}; after POST extra_ms as well.
    QTest::newRow("cleared") << int(FaultKind::None) << 0.0 << 2;
    QTest::newRow("offline") << int(FaultKind::Offline) << 0.0 << 3;
    QTest::newRow("latency") << int(FaultKind::Latency) << 250.0 << 3;
}

void TestFaultState::roundTrip()
{
    QFETCH(int, kind);
    QFETCH(double, extraMs);
    QFETCH(int, fields);
    const FaultState state{u"asia-se"_s, FaultKind(kind), extraMs};
    const QJsonObject json = toJson(state);
    QCOMPARE(json.size(), fields);
    const Result<FaultState> back = faultStateFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(back.value(), state);
}

void TestFaultState::refusesUnknownKind()
{
    const Result<FaultState> back =
        faultStateFromJson(QJsonObject{{u"region"_s, u"x"_s}, {u"kind"_s, u"meteor"_s}});
    QVERIFY(!back.ok());
    QCOMPARE(back.error().field, u"kind"_s);
}

QTEST_GUILESS_MAIN(TestFaultState)
#include "tst_faultstate.moc"
