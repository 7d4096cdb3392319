// Issue 12: silences mute delivery by project, optionally by alert and
// severity, until a time.
#include "domain/analytics/silence.h"
#include "fixtures.h"

#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);

AlertTrigger trigger()
{
    AlertTrigger t;
    t.id = u"t1"_s;
    t.alertId = u"a1"_s;
    t.projectId = u"fleet"_s;
    t.severity = Severity::High;
    t.triggeredAt = kNow;
    return t;
}

} // namespace

class TestSilence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matching_data();
    void matching();
    void anyOfSeveral();
    void roundTrip();
    void badJson_data();
    void badJson();
};

void TestSilence::matching_data()
{
    QTest::addColumn<Silence>("silence");
    QTest::addColumn<bool>("mutes");

    const QDateTime later = kNow.addSecs(3600);
    QTest::newRow("whole project") << Silence{{}, u"fleet"_s, {}, {}, later, u"x"_s, {}} << true;
    QTest::newRow("other project") << Silence{{}, u"w-1"_s, {}, {}, later, u"x"_s, {}} << false;
    QTest::newRow("this alert") << Silence{{}, u"fleet"_s, u"a1"_s, {}, later, u"x"_s, {}} << true;
    QTest::newRow("other alert") << Silence{{}, u"fleet"_s, u"a2"_s, {}, later, u"x"_s, {}}
                                 << false;
    QTest::newRow("this severity")
        << Silence{{}, u"fleet"_s, {}, Severity::High, later, u"x"_s, {}} << true;
    QTest::newRow("other severity")
        << Silence{{}, u"fleet"_s, {}, Severity::Critical, later, u"x"_s, {}} << false;
    QTest::newRow("ends exactly now") << Silence{{}, u"fleet"_s, {}, {}, kNow, u"x"_s, {}} << false;
}

void TestSilence::matching()
{
    QFETCH(Silence, silence);
    QFETCH(bool, mutes);
    QCOMPARE(silences(silence, trigger(), kNow), mutes);
}

void TestSilence::anyOfSeveral()
{
    const QDateTime later = kNow.addSecs(60);
    const QList<Silence> list{{{}, u"w-1"_s, {}, {}, later, u"x"_s, {}},
                              {{}, u"fleet"_s, u"a1"_s, {}, later, u"x"_s, {}}};
    QVERIFY(isSilenced(list, trigger(), kNow));
    QVERIFY(!isSilenced(list, trigger(), later));
    QVERIFY(!isSilenced({}, trigger(), kNow));
}

void TestSilence::roundTrip()
{
    const Silence s{u"s1"_s,
                    u"fleet"_s,
                    u"a1"_s,
                    Severity::Critical,
                    kNow.addSecs(7200),
                    u"maintenance window"_s,
                    kNow};
    const Result<Silence> back = silenceFromJson(toJson(s));
    QVERIFY(back.ok());
    QCOMPARE(*back, s);
    const Silence any{{}, u"fleet"_s, {}, {}, kNow, u"x"_s, {}};
    QCOMPARE(toJson(any).value(u"severity"_s), QJsonValue(QJsonValue::Null));
    QCOMPARE(*silenceFromJson(toJson(any)), any);
}

void TestSilence::badJson_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("field");

    const QJsonObject good = toJson(Silence{{}, u"fleet"_s, {}, {}, kNow, u"why"_s, {}});
    QTest::newRow("empty comment") << with(good, u"comment"_s, u"  "_s) << u"comment"_s;
    QTest::newRow("no until") << without(good, u"until"_s) << u"until"_s;
    QTest::newRow("bad until") << with(good, u"until"_s, u"tomorrow"_s) << u"until"_s;
    QTest::newRow("bad severity") << with(good, u"severity"_s, u"loud"_s) << u"severity"_s;
    QTest::newRow("empty project") << with(good, u"project_id"_s, u""_s) << u"project_id"_s;
}

void TestSilence::badJson()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, field);
    const Result<Silence> s = silenceFromJson(json);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().field, field);
}

QTEST_GUILESS_MAIN(TestSilence)
#include "tst_silence.moc"
