#include "domain/member.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;

namespace {

QJsonObject goodMember()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("m1")},
        {QStringLiteral("waddle_id"), QStringLiteral("w1")},
        {QStringLiteral("display_name"), QStringLiteral("Pingu")},
        {QStringLiteral("location"),
         QJsonObject{{QStringLiteral("city"), QStringLiteral("Berlin")},
                     {QStringLiteral("country"), QStringLiteral("Germany")},
                     {QStringLiteral("latitude"), 52.52},
                     {QStringLiteral("longitude"), 13.405}}},
    };
}

QJsonObject withLocation(const QString &key, const QJsonValue &value)
{
    QJsonObject member = goodMember();
    QJsonObject location = member.value(QStringLiteral("location")).toObject();
    if (value.isUndefined())
        location.remove(key);
    else
        location.insert(key, value);
    member.insert(QStringLiteral("location"), location);
    return member;
}

} // namespace

class TestMember : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void decodesFields();
    void decode_data();
    void decode();
};

void TestMember::roundTrip_data()
{
    QTest::addColumn<Member>("member");

    Member placed{QStringLiteral("m1"), QStringLiteral("w1"), QStringLiteral("Pingu"),
                  MemberLocation{QStringLiteral("Berlin"), QStringLiteral("Germany"),
                                 GeoPoint{52.52, 13.405}}};
    QTest::newRow("with location") << placed;
    Member unplaced = placed;
    unplaced.location.reset();
    QTest::newRow("without location") << unplaced;
    Member edge = placed;
    edge.location->point = GeoPoint{-90.0, 180.0};
    edge.displayName.clear();
    QTest::newRow("pole, date line, no name") << edge;
}

void TestMember::roundTrip()
{
    QFETCH(Member, member);
    const QByteArray text = QJsonDocument(toJson(member)).toJson(QJsonDocument::Compact);
    const Result<Member> decoded = memberFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), member);
}

void TestMember::decodesFields()
{
    const Member member = memberFromJson(goodMember()).value();
    QCOMPARE(member.id, QStringLiteral("m1"));
    QCOMPARE(member.waddleId, QStringLiteral("w1"));
    QCOMPARE(member.displayName, QStringLiteral("Pingu"));
    QVERIFY(member.location);
    QCOMPARE(member.location->city, QStringLiteral("Berlin"));
    QCOMPARE(member.location->point, (GeoPoint{52.52, 13.405}));

    const Member anonymous =
        memberFromJson(with(goodMember(), QStringLiteral("location"), QJsonValue::Null)).value();
    QVERIFY(!anonymous.location);
}

void TestMember::decode_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field"); // empty: decodes

    QTest::newRow("member") << QJsonValue(goodMember()) << QString();
    QTest::newRow("missing id") << QJsonValue(without(goodMember(), QStringLiteral("id")))
                                << QStringLiteral("id");
    QTest::newRow("id a number") << QJsonValue(with(goodMember(), QStringLiteral("id"), 1))
                                 << QStringLiteral("id");
    QTest::newRow("empty id") << QJsonValue(with(goodMember(), QStringLiteral("id"), QString()))
                              << QStringLiteral("id");
    QTest::newRow("empty waddle_id")
        << QJsonValue(with(goodMember(), QStringLiteral("waddle_id"), QString()))
        << QStringLiteral("waddle_id");
    QTest::newRow("missing waddle_id")
        << QJsonValue(without(goodMember(), QStringLiteral("waddle_id")))
        << QStringLiteral("waddle_id");
    QTest::newRow("display_name an array")
        << QJsonValue(with(goodMember(), QStringLiteral("display_name"), QJsonArray{}))
        << QStringLiteral("display_name");

    QTest::newRow("without location")
        << QJsonValue(without(goodMember(), QStringLiteral("location"))) << QString();
    QTest::newRow("location without city")
        << QJsonValue(withLocation(QStringLiteral("city"), QJsonValue::Undefined)) << QString();
    QTest::newRow("location a string")
        << QJsonValue(with(goodMember(), QStringLiteral("location"), QStringLiteral("Berlin")))
        << QStringLiteral("location");
    QTest::newRow("latitude 91") << QJsonValue(withLocation(QStringLiteral("latitude"), 91))
                                 << QStringLiteral("location.latitude");
    QTest::newRow("latitude missing")
        << QJsonValue(withLocation(QStringLiteral("latitude"), QJsonValue::Undefined))
        << QStringLiteral("location.latitude");
    QTest::newRow("longitude 180.5") << QJsonValue(withLocation(QStringLiteral("longitude"), 180.5))
                                     << QStringLiteral("location.longitude");
    QTest::newRow("longitude a string")
        << QJsonValue(withLocation(QStringLiteral("longitude"), QStringLiteral("13")))
        << QStringLiteral("location.longitude");
    QTest::newRow("longitude NaN") << QJsonValue(withLocation(QStringLiteral("longitude"), qQNaN()))
                                   << QStringLiteral("location.longitude");
}

void TestMember::decode()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);

    const Result<Member> decoded = memberFromJson(json, QStringLiteral("members[4]"));
    if (field.isEmpty()) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        return;
    }
    QVERIFY(!decoded.ok());
    const QString full = QStringLiteral("members[4].") + field;
    QCOMPARE(decoded.error().field, full);
    QVERIFY2(decoded.error().message.startsWith(full + QStringLiteral(": ")),
             qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(TestMember)
#include "tst_member.moc"
