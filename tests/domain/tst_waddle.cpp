#include "domain/waddle.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;

namespace {

QJsonObject goodWaddle()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("w-42")},
        {QStringLiteral("name"), QStringLiteral("Penguin Club")},
        {QStringLiteral("owner_id"), QStringLiteral("u-7")},
        {QStringLiteral("voice_region"), QStringLiteral("auto")},
        {QStringLiteral("current_region"), QStringLiteral("eu-west")},
        {QStringLiteral("temporary"), false},
        {QStringLiteral("member_count"), 120},
        {QStringLiteral("active_voice_channels"), 3},
        {QStringLiteral("version"), 7},
        {QStringLiteral("updated_at"), QStringLiteral("2025-01-20T10:30:00Z")},
    };
}

Waddle fullWaddle()
{
    Waddle w;
    w.id = QStringLiteral("w-42");
    w.name = QStringLiteral("Penguin Club");
    w.ownerId = QStringLiteral("u-7");
    w.voiceRegion = QStringLiteral("us-east");
    w.currentRegion = QStringLiteral("us-west");
    w.temporary = true;
    w.originalRegion = QStringLiteral("us-east");
    w.memberCount = 5000000000LL;
    w.activeVoiceChannels = 12;
    w.version = 99;
    w.updatedAt = QDateTime(QDate(2025, 1, 20), QTime(10, 30, 0, 125), Qt::UTC);
    return w;
}

} // namespace

class TestWaddle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void decodesFields();
    void writesSnakeCase();
    void isAutomatic_data();
    void isAutomatic();
    void decode_data();
    void decode();
    void voiceRegionUpdate_data();
    void voiceRegionUpdate();
    void voiceRegionUpdateRoundTrip();
    void etag_data();
    void etag();
};

void TestWaddle::roundTrip_data()
{
    QTest::addColumn<Waddle>("waddle");

    QTest::newRow("full, temporary") << fullWaddle();
    Waddle fresh;
    fresh.id = QStringLiteral("w-1");
    fresh.name = QStringLiteral("New");
    QTest::newRow("fresh: auto, no region yet, no time") << fresh;
    Waddle restored = fullWaddle();
    restored.temporary = false;
    restored.originalRegion.clear();
    restored.currentRegion = restored.voiceRegion;
    QTest::newRow("after fail-back") << restored;
}

void TestWaddle::roundTrip()
{
    QFETCH(Waddle, waddle);
    const QByteArray text = QJsonDocument(toJson(waddle)).toJson(QJsonDocument::Compact);
    const Result<Waddle> decoded = waddleFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), waddle);
}

void TestWaddle::decodesFields()
{
    const Waddle w = waddleFromJson(goodWaddle()).value();
    QCOMPARE(w.id, QStringLiteral("w-42"));
    QCOMPARE(w.name, QStringLiteral("Penguin Club"));
    QCOMPARE(w.ownerId, QStringLiteral("u-7"));
    QCOMPARE(w.voiceRegion, QStringLiteral("auto"));
    QVERIFY(w.isAutomatic());
    QCOMPARE(w.currentRegion, QStringLiteral("eu-west"));
    QCOMPARE(w.temporary, false);
    QCOMPARE(w.originalRegion, QString());
    QCOMPARE(w.memberCount, qint64(120));
    QCOMPARE(w.activeVoiceChannels, 3);
    QCOMPARE(w.version, qint64(7));
    QCOMPARE(w.updatedAt, QDateTime(QDate(2025, 1, 20), QTime(10, 30), Qt::UTC));

    // Only id, name and voice_region are required.
    const QJsonObject minimal{{QStringLiteral("id"), QStringLiteral("w")},
                              {QStringLiteral("name"), QString()},
                              {QStringLiteral("voice_region"), QStringLiteral("asia-se")}};
    const Waddle m = waddleFromJson(minimal).value();
    QCOMPARE(m.currentRegion, QString());
    QCOMPARE(m.version, qint64(1));
    QCOMPARE(m.memberCount, qint64(0));
    QVERIFY(!m.updatedAt.isValid());
    QVERIFY(!m.isAutomatic());
}

void TestWaddle::writesSnakeCase()
{
    const QJsonObject json = toJson(fullWaddle());
    const QStringList keys{QStringLiteral("id"),
                           QStringLiteral("name"),
                           QStringLiteral("owner_id"),
                           QStringLiteral("voice_region"),
                           QStringLiteral("current_region"),
                           QStringLiteral("temporary"),
                           QStringLiteral("original_region"),
                           QStringLiteral("member_count"),
                           QStringLiteral("active_voice_channels"),
                           QStringLiteral("version"),
                           QStringLiteral("updated_at")};
    QCOMPARE(json.keys().size(), keys.size());
    for (const QString &key : keys)
        QVERIFY2(json.contains(key), qPrintable(key));
    QCOMPARE(json.value(QStringLiteral("updated_at")).toString(),
             QStringLiteral("2025-01-20T10:30:00.125Z"));
    QCOMPARE(json.value(QStringLiteral("member_count")).toInteger(), 5000000000LL);

    Waddle fresh;
    fresh.id = QStringLiteral("w");
    const QJsonObject freshJson = toJson(fresh);
    QVERIFY(freshJson.value(QStringLiteral("current_region")).isNull());
    QVERIFY(!freshJson.contains(QStringLiteral("original_region")));
    QVERIFY(!freshJson.contains(QStringLiteral("updated_at")));
    QCOMPARE(freshJson.value(QStringLiteral("voice_region")).toString(), QStringLiteral("auto"));
}

void TestWaddle::isAutomatic_data()
{
    QTest::addColumn<QString>("voiceRegion");
    QTest::addColumn<bool>("automatic");
    QTest::addColumn<bool>("valid");

    QTest::newRow("auto") << QStringLiteral("auto") << true << true;
    QTest::newRow("region") << QStringLiteral("us-east") << false << true;
    QTest::newRow("Auto") << QStringLiteral("Auto") << false << false;
    QTest::newRow("empty") << QString() << false << false;
    QTest::newRow("spaces") << QStringLiteral(" auto") << false << false;
}

void TestWaddle::isAutomatic()
{
    QFETCH(QString, voiceRegion);
    QFETCH(bool, automatic);
    QFETCH(bool, valid);

    Waddle w;
    w.voiceRegion = voiceRegion;
    QCOMPARE(w.isAutomatic(), automatic);
    QCOMPARE(isValidVoiceRegion(voiceRegion), valid);
}

void TestWaddle::decode_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field"); // empty: decodes

    const QString auto_ = QStringLiteral("auto");
    QTest::newRow("waddle") << QJsonValue(goodWaddle()) << QString();
    QTest::newRow("missing id") << QJsonValue(without(goodWaddle(), QStringLiteral("id")))
                                << QStringLiteral("id");
    QTest::newRow("empty id") << QJsonValue(with(goodWaddle(), QStringLiteral("id"), QString()))
                              << QStringLiteral("id");
    QTest::newRow("id a number") << QJsonValue(with(goodWaddle(), QStringLiteral("id"), 42))
                                 << QStringLiteral("id");
    QTest::newRow("missing name") << QJsonValue(without(goodWaddle(), QStringLiteral("name")))
                                  << QStringLiteral("name");
    QTest::newRow("owner_id a number")
        << QJsonValue(with(goodWaddle(), QStringLiteral("owner_id"), 7))
        << QStringLiteral("owner_id");

    QTest::newRow("voice_region a code")
        << QJsonValue(
               with(goodWaddle(), QStringLiteral("voice_region"), QStringLiteral("eu-north")))
        << QString();
    QTest::newRow("missing voice_region")
        << QJsonValue(without(goodWaddle(), QStringLiteral("voice_region")))
        << QStringLiteral("voice_region");
    QTest::newRow("voice_region AUTO")
        << QJsonValue(with(goodWaddle(), QStringLiteral("voice_region"), QStringLiteral("AUTO")))
        << QStringLiteral("voice_region");
    QTest::newRow("voice_region not a code")
        << QJsonValue(with(goodWaddle(), QStringLiteral("voice_region"), QStringLiteral("EU West")))
        << QStringLiteral("voice_region");
    QTest::newRow("voice_region null")
        << QJsonValue(with(goodWaddle(), QStringLiteral("voice_region"), QJsonValue::Null))
        << QStringLiteral("voice_region");

    QTest::newRow("current_region null")
        << QJsonValue(with(goodWaddle(), QStringLiteral("current_region"), QJsonValue::Null))
        << QString();
    QTest::newRow("current_region missing")
        << QJsonValue(without(goodWaddle(), QStringLiteral("current_region"))) << QString();
    QTest::newRow("current_region empty")
        << QJsonValue(with(goodWaddle(), QStringLiteral("current_region"), QString()))
        << QStringLiteral("current_region");
    QTest::newRow("current_region auto is a code")
        << QJsonValue(with(goodWaddle(), QStringLiteral("current_region"), auto_)) << QString();
    QTest::newRow("current_region bad")
        << QJsonValue(
               with(goodWaddle(), QStringLiteral("current_region"), QStringLiteral("Us-East")))
        << QStringLiteral("current_region");

    QJsonObject moved = goodWaddle();
    moved.insert(QStringLiteral("temporary"), true);
    moved.insert(QStringLiteral("original_region"), QStringLiteral("eu-north"));
    QTest::newRow("temporary with original") << QJsonValue(moved) << QString();
    QTest::newRow("temporary without original")
        << QJsonValue(without(moved, QStringLiteral("original_region")))
        << QStringLiteral("original_region");
    QTest::newRow("temporary, original null")
        << QJsonValue(with(moved, QStringLiteral("original_region"), QJsonValue::Null))
        << QStringLiteral("original_region");
    QTest::newRow("original_region bad")
        << QJsonValue(with(moved, QStringLiteral("original_region"), QStringLiteral("eu north")))
        << QStringLiteral("original_region");
    QTest::newRow("temporary a string")
        << QJsonValue(with(goodWaddle(), QStringLiteral("temporary"), QStringLiteral("true")))
        << QStringLiteral("temporary");

    QTest::newRow("zero counts") << QJsonValue(
                                        with(with(goodWaddle(), QStringLiteral("member_count"), 0),
                                             QStringLiteral("active_voice_channels"), 0))
                                 << QString();
    QTest::newRow("negative member_count")
        << QJsonValue(with(goodWaddle(), QStringLiteral("member_count"), -1))
        << QStringLiteral("member_count");
    QTest::newRow("fractional member_count")
        << QJsonValue(with(goodWaddle(), QStringLiteral("member_count"), 1.5))
        << QStringLiteral("member_count");
    QTest::newRow("negative active_voice_channels")
        << QJsonValue(with(goodWaddle(), QStringLiteral("active_voice_channels"), -2))
        << QStringLiteral("active_voice_channels");
    QTest::newRow("active_voice_channels beyond int")
        << QJsonValue(with(goodWaddle(), QStringLiteral("active_voice_channels"), 3e9))
        << QStringLiteral("active_voice_channels");

    QTest::newRow("version 1") << QJsonValue(with(goodWaddle(), QStringLiteral("version"), 1))
                               << QString();
    QTest::newRow("version 0") << QJsonValue(with(goodWaddle(), QStringLiteral("version"), 0))
                               << QStringLiteral("version");
    QTest::newRow("version a string")
        << QJsonValue(with(goodWaddle(), QStringLiteral("version"), QStringLiteral("7")))
        << QStringLiteral("version");
    QTest::newRow("updated_at not a date")
        << QJsonValue(with(goodWaddle(), QStringLiteral("updated_at"), QStringLiteral("now")))
        << QStringLiteral("updated_at");
}

void TestWaddle::decode()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);

    const Result<Waddle> decoded = waddleFromJson(json, QStringLiteral("waddles[3]"));
    if (field.isEmpty()) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        return;
    }
    QVERIFY(!decoded.ok());
    const QString full = QStringLiteral("waddles[3].") + field;
    QCOMPARE(decoded.error().field, full);
    QVERIFY2(decoded.error().message.startsWith(full + QStringLiteral(": ")),
             qPrintable(decoded.error().message));
}

void TestWaddle::voiceRegionUpdate_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("region"); // empty: refused
    QTest::addColumn<QString>("field");

    const auto body = [](const QJsonValue &region) {
        return QJsonValue(QJsonObject{{QStringLiteral("region"), region}});
    };
    QTest::newRow("auto") << body(QStringLiteral("auto")) << QStringLiteral("auto") << QString();
    QTest::newRow("code") << body(QStringLiteral("eu-west")) << QStringLiteral("eu-west")
                          << QString();
    QTest::newRow("missing") << QJsonValue(QJsonObject{}) << QString() << QStringLiteral("region");
    QTest::newRow("null") << body(QJsonValue::Null) << QString() << QStringLiteral("region");
    QTest::newRow("number") << body(1) << QString() << QStringLiteral("region");
    QTest::newRow("array") << body(QJsonArray{QStringLiteral("eu-west")}) << QString()
                           << QStringLiteral("region");
    QTest::newRow("empty") << body(QString()) << QString() << QStringLiteral("region");
    QTest::newRow("capitals") << body(QStringLiteral("EU-West")) << QString()
                              << QStringLiteral("region");
    QTest::newRow("Automatic") << body(QStringLiteral("Automatic")) << QString()
                               << QStringLiteral("region");
    QTest::newRow("not an object") << QJsonValue(QStringLiteral("auto")) << QString() << QString();
}

void TestWaddle::voiceRegionUpdate()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, region);
    QFETCH(QString, field);

    const Result<VoiceRegionUpdate> update = voiceRegionUpdateFromJson(json);
    if (!region.isEmpty()) {
        QVERIFY2(update.ok(), qPrintable(update.ok() ? QString() : update.error().message));
        QCOMPARE(update->region, region);
        return;
    }
    QVERIFY(!update.ok());
    QCOMPARE(update.error().field, field);
    QVERIFY(update.error().message.startsWith(field));
}

void TestWaddle::voiceRegionUpdateRoundTrip()
{
    const VoiceRegionUpdate update{QStringLiteral("asia-ne")};
    QCOMPARE(toJson(update), (QJsonObject{{QStringLiteral("region"), QStringLiteral("asia-ne")}}));
    QCOMPARE(voiceRegionUpdateFromJson(toJson(update)).value(), update);
}

void TestWaddle::etag_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("version");
    QTest::addColumn<QString>("etag");

    QTest::newRow("plain") << QStringLiteral("abc123") << qint64(7)
                           << QStringLiteral("\"w-abc123-7\"");
    QTest::newRow("first version")
        << QStringLiteral("w-42") << qint64(1) << QStringLiteral("\"w-w-42-1\"");
    QTest::newRow("large version") << QStringLiteral("x") << qint64(9007199254740992LL)
                                   << QStringLiteral("\"w-x-9007199254740992\"");
    QTest::newRow("quote and space escaped")
        << QStringLiteral("a\"b c") << qint64(2) << QStringLiteral("\"w-a%22b%20c-2\"");
}

void TestWaddle::etag()
{
    QFETCH(QString, id);
    QFETCH(qint64, version);
    QFETCH(QString, etag);

    Waddle w;
    w.id = id;
    w.version = version;
    const QString tag = waddleETag(w);
    QCOMPARE(tag, etag);
    // A strong tag: quoted, no W/ prefix, nothing an entity tag may not hold.
    QVERIFY(tag.startsWith(u'"') && tag.endsWith(u'"'));
    const QString inner = tag.mid(1, tag.size() - 2);
    for (const QChar c : inner)
        QVERIFY2(c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'"', qPrintable(tag));

    // The next version gets another tag.
    Waddle next = w;
    ++next.version;
    QVERIFY(waddleETag(next) != tag);
}

QTEST_GUILESS_MAIN(TestWaddle)
#include "tst_waddle.moc"
