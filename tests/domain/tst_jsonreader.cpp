#include "domain/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <ctime>

using namespace waddle::domain;

namespace {

struct Inner
{
    double latitude = 0.0;
};

Result<Inner> innerFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    Inner inner;
    inner.latitude = r.number(QLatin1String("latitude"), -90.0, 90.0);
    return r.finish(inner);
}

enum class Colour
{
    Red,
    Green
};

constexpr std::array<EnumName<Colour>, 2> kColourNames{{
    {Colour::Red, QLatin1String("red")},
    {Colour::Green, QLatin1String("green")},
}};

// What one row asks the reader to read from {"v": <value>}.
enum class Read
{
    String,
    Number,
    NumberRange,
    Integer,
    IntegerRange,
    Boolean,
    DateTime,
    StringList,
    Enumeration
};

// Runs one read of key "v" and returns the reader's error (empty when none).
Error readOne(Read what, const QJsonValue &value)
{
    QJsonObject object;
    if (!value.isUndefined())
        object.insert(QStringLiteral("v"), value);
    JsonReader r(object, QStringLiteral("root"));
    const QLatin1String key("v");
    switch (what) {
    case Read::String:
        (void)r.string(key);
        break;
    case Read::Number:
        (void)r.number(key);
        break;
    case Read::NumberRange:
        (void)r.number(key, 0.0, 5.0);
        break;
    case Read::Integer:
        (void)r.integer(key);
        break;
    case Read::IntegerRange:
        (void)r.integer(key, 0, 100);
        break;
    case Read::Boolean:
        (void)r.boolean(key);
        break;
    case Read::DateTime:
        (void)r.dateTime(key);
        break;
    case Read::StringList:
        (void)r.stringList(key);
        break;
    case Read::Enumeration:
        (void)r.enumeration(key, kColourNames);
        break;
    }
    return r.error();
}

} // namespace

class TestJsonReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reads_data();
    void reads();
    void readsValues();
    void optionalFieldsMayBeMissingOrNull();
    void nestedPaths_data();
    void nestedPaths();
    void nestedMessageNamesPathOnce();
    void listIndexPaths();
    void firstErrorWins();
    void notAnObject();
    void dateTimeIsUtc();
    void offsetlessTimeIsNotLocal_data();
    void offsetlessTimeIsNotLocal();
    void parseObject_data();
    void parseObject();
    void parseArray_data();
    void parseArray();
    void describeType_data();
    void describeType();
};

void TestJsonReader::reads_data()
{
    QTest::addColumn<int>("what");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");   // empty: no error expected
    QTest::addColumn<QString>("message"); // a part of the message

    const QString v = QStringLiteral("root.v");
    const auto row = [](const char *name, Read what, const QJsonValue &value, const QString &field,
                        const QString &message) {
        QTest::newRow(name) << static_cast<int>(what) << value << field << message;
    };

    row("string ok", Read::String, QStringLiteral("x"), {}, {});
    row("string empty ok", Read::String, QStringLiteral(""), {}, {});
    row("string missing", Read::String, QJsonValue(QJsonValue::Undefined), v,
        QStringLiteral("root.v: is required"));
    row("string null", Read::String, QJsonValue(QJsonValue::Null), v,
        QStringLiteral("is required"));
    row("string given number", Read::String, 3, v,
        QStringLiteral("root.v: expected a string, got a number"));
    row("string given array", Read::String, QJsonArray{}, v, QStringLiteral("got an array"));

    row("number ok", Read::Number, 2.5, {}, {});
    row("number negative ok", Read::Number, -1e6, {}, {});
    row("number given string", Read::Number, QStringLiteral("2.5"), v,
        QStringLiteral("expected a number, got a string"));
    row("number given bool", Read::Number, true, v, QStringLiteral("got a boolean"));
    row("number NaN", Read::Number, QJsonValue(qQNaN()), v,
        QStringLiteral("root.v: must be a finite number"));
    row("number +inf", Read::Number, QJsonValue(qInf()), v,
        QStringLiteral("must be a finite number"));
    row("number -inf", Read::Number, QJsonValue(-qInf()), v, QStringLiteral("finite"));

    row("range lower bound ok", Read::NumberRange, 0.0, {}, {});
    row("range upper bound ok", Read::NumberRange, 5.0, {}, {});
    row("range below", Read::NumberRange, -0.5, v,
        QStringLiteral("root.v: must be between 0 and 5, not -0.5"));
    row("range above", Read::NumberRange, 5.25, v,
        QStringLiteral("must be between 0 and 5, not 5.25"));
    row("range NaN", Read::NumberRange, QJsonValue(qQNaN()), v, QStringLiteral("finite"));

    row("integer ok", Read::Integer, 42, {}, {});
    row("integer written 3.0 ok", Read::Integer, 3.0, {}, {});
    row("integer 2^53 ok", Read::Integer, 9007199254740992.0, {}, {});
    row("integer fraction", Read::Integer, 2.5, v,
        QStringLiteral("root.v: must be a whole number, not 2.5"));
    row("integer beyond 2^53", Read::Integer, 1e17, v, QStringLiteral("must be a whole number"));
    row("integer given string", Read::Integer, QStringLiteral("42"), v,
        QStringLiteral("expected a number, got a string"));
    row("integer NaN", Read::Integer, QJsonValue(qQNaN()), v, QStringLiteral("finite"));
    row("integer range ok", Read::IntegerRange, 100, {}, {});
    row("integer range below", Read::IntegerRange, -1, v,
        QStringLiteral("must be between 0 and 100, not -1"));
    row("integer range above", Read::IntegerRange, 101, v,
        QStringLiteral("must be between 0 and 100, not 101"));

    row("boolean ok", Read::Boolean, false, {}, {});
    row("boolean given 1", Read::Boolean, 1, v,
        QStringLiteral("root.v: expected true or false, got a number"));
    row("boolean given string", Read::Boolean, QStringLiteral("true"), v,
        QStringLiteral("got a string"));
    row("boolean missing", Read::Boolean, QJsonValue(QJsonValue::Undefined), v,
        QStringLiteral("is required"));

    row("date ok", Read::DateTime, QStringLiteral("2025-01-20T10:30:00Z"), {}, {});
    row("date with ms and offset ok", Read::DateTime,
        QStringLiteral("2025-01-20T11:30:00.250+01:00"), {}, {});
    row("date garbage", Read::DateTime, QStringLiteral("yesterday"), v,
        QStringLiteral("root.v: must be an ISO 8601 date and time, not \"yesterday\""));
    row("date month 13", Read::DateTime, QStringLiteral("2025-13-01T00:00:00Z"), v,
        QStringLiteral("ISO 8601"));
    row("date given number", Read::DateTime, 1737369000, v,
        QStringLiteral("expected a string, got a number"));

    row("string list ok", Read::StringList, QJsonArray{QStringLiteral("a"), QStringLiteral("b")},
        {}, {});
    row("string list missing ok", Read::StringList, QJsonValue(QJsonValue::Undefined), {}, {});
    row("string list not array", Read::StringList, QStringLiteral("a,b"), v,
        QStringLiteral("expected an array of strings, got a string"));
    row("string list with number", Read::StringList, QJsonArray{QStringLiteral("a"), 2},
        QStringLiteral("root.v[1]"), QStringLiteral("root.v[1]: expected a string, got a number"));

    row("enum ok", Read::Enumeration, QStringLiteral("green"), {}, {});
    row("enum unknown", Read::Enumeration, QStringLiteral("blue"), v,
        QStringLiteral("root.v: must be one of red, green, not \"blue\""));
    row("enum wrong case", Read::Enumeration, QStringLiteral("Red"), v,
        QStringLiteral("not \"Red\""));
    row("enum given number", Read::Enumeration, 0, v, QStringLiteral("expected a string"));
}

void TestJsonReader::reads()
{
    QFETCH(int, what);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QFETCH(QString, message);

    const Error error = readOne(static_cast<Read>(what), value);
    QCOMPARE(error.field, field);
    if (field.isEmpty()) {
        QVERIFY2(error.message.isEmpty(), qPrintable(error.message));
    } else {
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QVERIFY2(error.message.startsWith(field + QStringLiteral(": ")), qPrintable(error.message));
    }
}

void TestJsonReader::readsValues()
{
    const QJsonObject object{
        {QStringLiteral("s"), QStringLiteral("text")},
        {QStringLiteral("n"), 2.5},
        {QStringLiteral("i"), -7},
        {QStringLiteral("b"), true},
        {QStringLiteral("t"), QStringLiteral("2025-01-20T11:30:00.250+01:00")},
        {QStringLiteral("l"), QJsonArray{QStringLiteral("a"), QStringLiteral("b")}},
        {QStringLiteral("e"), QStringLiteral("green")},
    };
    JsonReader r(object);
    QCOMPARE(r.string(QLatin1String("s")), QStringLiteral("text"));
    QCOMPARE(r.number(QLatin1String("n")), 2.5);
    QCOMPARE(r.integer(QLatin1String("i")), qint64(-7));
    QCOMPARE(r.boolean(QLatin1String("b")), true);
    const QDateTime t = r.dateTime(QLatin1String("t"));
    QCOMPARE(t, QDateTime(QDate(2025, 1, 20), QTime(10, 30, 0, 250), Qt::UTC));
    QCOMPARE(t.timeSpec(), Qt::UTC);
    QCOMPARE(r.stringList(QLatin1String("l")),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(r.enumeration(QLatin1String("e"), kColourNames), Colour::Green);
    QVERIFY(!r.failed());
    QCOMPARE(r.finish(1).value(), 1);
}

void TestJsonReader::optionalFieldsMayBeMissingOrNull()
{
    const QJsonObject object{{QStringLiteral("null"), QJsonValue(QJsonValue::Null)}};
    JsonReader r(object);
    for (const QLatin1String key : {QLatin1String("null"), QLatin1String("missing")}) {
        QVERIFY(!r.has(key));
        QVERIFY(!r.optionalString(key));
        QVERIFY(!r.optionalNumber(key));
        QVERIFY(!r.optionalInteger(key));
        QVERIFY(!r.optionalBoolean(key));
        QVERIFY(!r.optionalDateTime(key));
        QVERIFY(!r.optionalEnumeration(key, kColourNames));
        QVERIFY(r.stringList(key).isEmpty());
    }
    QVERIFY(!r.failed());

    // Present but wrong is still an error for an optional field.
    JsonReader wrong(QJsonObject{{QStringLiteral("o"), QStringLiteral("7")}});
    QVERIFY(!wrong.optionalNumber(QLatin1String("o")));
    QCOMPARE(wrong.error().field, QStringLiteral("o"));
}

void TestJsonReader::nestedPaths_data()
{
    QTest::addColumn<QJsonObject>("document");
    QTest::addColumn<QString>("field");

    QTest::newRow("ok") << QJsonObject{{QStringLiteral("location"),
                                        QJsonObject{{QStringLiteral("latitude"), 40.0}}}}
                        << QString();
    QTest::newRow("nested range") << QJsonObject{{QStringLiteral("location"),
                                                  QJsonObject{{QStringLiteral("latitude"), 91}}}}
                                  << QStringLiteral("regions[2].location.latitude");
    QTest::newRow("nested missing") << QJsonObject{{QStringLiteral("location"), QJsonObject{}}}
                                    << QStringLiteral("regions[2].location.latitude");
    QTest::newRow("nested not an object")
        << QJsonObject{{QStringLiteral("location"), QStringLiteral("here")}}
        << QStringLiteral("regions[2].location");
    QTest::newRow("nested object missing")
        << QJsonObject{} << QStringLiteral("regions[2].location");
    QTest::newRow("nested object null")
        << QJsonObject{{QStringLiteral("location"), QJsonValue(QJsonValue::Null)}}
        << QStringLiteral("regions[2].location");
}

void TestJsonReader::nestedPaths()
{
    QFETCH(QJsonObject, document);
    QFETCH(QString, field);

    JsonReader r(document, QStringLiteral("regions[2]"));
    const Inner inner = r.object<Inner>(QLatin1String("location"), innerFromJson);
    QCOMPARE(r.error().field, field);
    if (field.isEmpty()) {
        QCOMPARE(inner.latitude, 40.0);
    } else {
        QVERIFY2(r.error().message.startsWith(field + QStringLiteral(": ")),
                 qPrintable(r.error().message));
    }
}

// A nested decoder's message already begins with its path; the outer reader
// must keep it as is, not put the path in front a second time.
void TestJsonReader::nestedMessageNamesPathOnce()
{
    JsonReader object(
        QJsonObject{{QStringLiteral("location"), QJsonObject{{QStringLiteral("latitude"), 91}}}},
        QStringLiteral("regions[2]"));
    (void)object.object<Inner>(QLatin1String("location"), innerFromJson);
    QCOMPARE(object.error().message,
             QStringLiteral("regions[2].location.latitude: must be between -90 and 90, not 91"));

    JsonReader optional(QJsonObject{{QStringLiteral("location"), QJsonObject{}}});
    (void)optional.optionalObject<Inner>(QLatin1String("location"), innerFromJson);
    QCOMPARE(optional.error().message, QStringLiteral("location.latitude: is required"));

    JsonReader list(QJsonObject{{QStringLiteral("points"), QJsonArray{3}}});
    (void)list.list<Inner>(QLatin1String("points"), innerFromJson);
    QCOMPARE(list.error().message, QStringLiteral("points[0]: expected an object, got a number"));
}

void TestJsonReader::listIndexPaths()
{
    const QJsonObject document{
        {QStringLiteral("points"),
         QJsonArray{QJsonObject{{QStringLiteral("latitude"), 1}},
                    QJsonObject{{QStringLiteral("latitude"), 2}},
                    QJsonObject{{QStringLiteral("latitude"), -95}},
                    QJsonObject{{QStringLiteral("latitude"), QStringLiteral("x")}}}}};
    JsonReader r(document, QStringLiteral("top"));
    const QList<Inner> points = r.list<Inner>(QLatin1String("points"), innerFromJson);
    QVERIFY(r.failed());
    QCOMPARE(r.error().field, QStringLiteral("top.points[2].latitude"));
    QVERIFY(r.error().message.contains(QStringLiteral("top.points[2].latitude: must be between")));

    JsonReader good(QJsonObject{
        {QStringLiteral("points"), QJsonArray{QJsonObject{{QStringLiteral("latitude"), 1}},
                                              QJsonObject{{QStringLiteral("latitude"), 2}}}}});
    const QList<Inner> ok = good.list<Inner>(QLatin1String("points"), innerFromJson);
    QVERIFY(!good.failed());
    QCOMPARE(ok.size(), 2);
    QCOMPARE(ok.at(1).latitude, 2.0);

    JsonReader missing(QJsonObject{});
    QVERIFY(missing.list<Inner>(QLatin1String("points"), innerFromJson).isEmpty());
    QVERIFY(!missing.failed());

    JsonReader notArray(QJsonObject{{QStringLiteral("points"), QJsonObject{}}});
    (void)notArray.list<Inner>(QLatin1String("points"), innerFromJson);
    QCOMPARE(notArray.error().field, QStringLiteral("points"));
    QVERIFY(notArray.error().message.contains(QStringLiteral("expected an array, got an object")));

    JsonReader item(QJsonObject{{QStringLiteral("points"), QJsonArray{3}}});
    (void)item.list<Inner>(QLatin1String("points"), innerFromJson);
    QCOMPARE(item.error().field, QStringLiteral("points[0]"));
    QVERIFY(item.error().message.contains(
        QStringLiteral("points[0]: expected an object, got a number")));
}

void TestJsonReader::firstErrorWins()
{
    const QJsonObject document{{QStringLiteral("a"), QStringLiteral("not a number")},
                               {QStringLiteral("b"), 2.5}};
    JsonReader r(document);
    (void)r.number(QLatin1String("a"));
    (void)r.integer(QLatin1String("b"));
    (void)r.string(QLatin1String("missing"));
    r.fail(QStringLiteral("later"), QStringLiteral("ignored"));
    QCOMPARE(r.error().field, QStringLiteral("a"));
    QCOMPARE(r.error().message, QStringLiteral("a: expected a number, got a string"));
    QVERIFY(!r.finish(0).ok());
    QCOMPARE(r.finish(0).error().field, QStringLiteral("a"));

    // After the first error, reads return defaults without recording more.
    QCOMPARE(r.string(QLatin1String("missing")), QString());
    QCOMPARE(r.error().field, QStringLiteral("a"));

    // A caller's own rule keeps the same form: "<field>: <message>".
    JsonReader own(QJsonObject{}, QStringLiteral("x"));
    own.failField(QLatin1String("y"), QStringLiteral("is wrong"));
    QCOMPARE(own.error(), (Error{QStringLiteral("x.y"), QStringLiteral("x.y: is wrong")}));
    JsonReader anonymous(QJsonObject{});
    anonymous.fail({}, QStringLiteral("something"));
    QCOMPARE(anonymous.error(), (Error{QString(), QStringLiteral("something")}));
}

void TestJsonReader::notAnObject()
{
    JsonReader top(QJsonValue(QJsonArray{}));
    QVERIFY(top.failed());
    QCOMPARE(top.error().field, QString());
    QCOMPARE(top.error().message, QStringLiteral("expected an object, got an array"));
    // The reader stays quiet after the first error.
    QCOMPARE(top.string(QLatin1String("x")), QString());
    QCOMPARE(top.error().message, QStringLiteral("expected an object, got an array"));

    JsonReader nested(QJsonValue(7), QStringLiteral("a.b"));
    QCOMPARE(nested.error(), (Error{QStringLiteral("a.b"),
                                    QStringLiteral("a.b: expected an object, got a number")}));
}

void TestJsonReader::dateTimeIsUtc()
{
    const QDateTime utc(QDate(2025, 1, 20), QTime(10, 30, 0), Qt::UTC);
    QCOMPARE(toIsoString(utc), QStringLiteral("2025-01-20T10:30:00.000Z"));
    QCOMPARE(toIsoString(utc.toOffsetFromUtc(3600)), QStringLiteral("2025-01-20T10:30:00.000Z"));

    JsonReader r(QJsonObject{{QStringLiteral("t"), toIsoString(utc)}});
    QCOMPARE(r.dateTime(QLatin1String("t")), utc);
}

void TestJsonReader::offsetlessTimeIsNotLocal_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("utc");

    QTest::newRow("no offset") << QStringLiteral("2025-01-20T10:30:00")
                               << QDateTime(QDate(2025, 1, 20), QTime(10, 30), Qt::UTC);
    QTest::newRow("date only") << QStringLiteral("2025-01-20")
                               << QDateTime(QDate(2025, 1, 20), QTime(0, 0), Qt::UTC);
}

// The wire's times are UTC (SPEC): a time without an offset must not be read
// in the machine's time zone. Either refusing it or reading it as UTC is
// fine; shifting it by the local offset is not.
void TestJsonReader::offsetlessTimeIsNotLocal()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, utc);

    const QByteArray oldTz = qgetenv("TZ");
    qputenv("TZ", "America/New_York");
    ::tzset();
    JsonReader r(QJsonObject{{QStringLiteral("t"), text}});
    const QDateTime read = r.dateTime(QLatin1String("t"));
    if (oldTz.isNull())
        qunsetenv("TZ");
    else
        qputenv("TZ", oldTz);
    ::tzset();

    if (r.failed())
        QCOMPARE(r.error().field, QStringLiteral("t"));
    else
        QCOMPARE(read, utc);
}

void TestJsonReader::parseObject_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");

    QTest::newRow("object") << QByteArray(R"({"a": 1})") << true << QString();
    QTest::newRow("empty object") << QByteArray("{}") << true << QString();
    QTest::newRow("array") << QByteArray("[1, 2]") << false
                           << QStringLiteral("expected a JSON object at the top level");
    QTest::newRow("truncated") << QByteArray(R"({"a": )") << false
                               << QStringLiteral("malformed JSON at offset");
    QTest::newRow("trailing comma")
        << QByteArray(R"({"a": 1,})") << false << QStringLiteral("malformed JSON");
    QTest::newRow("empty") << QByteArray() << false << QStringLiteral("malformed JSON");
    QTest::newRow("not json") << QByteArray("hello") << false << QStringLiteral("malformed JSON");
}

void TestJsonReader::parseObject()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QString, message);

    const Result<QJsonObject> result = JsonReader::parseObject(json);
    QCOMPARE(result.ok(), ok);
    if (!ok) {
        QCOMPARE(result.error().field, QString());
        QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    }
}

void TestJsonReader::parseArray_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("message");

    QTest::newRow("array") << QByteArray("[1, 2]") << true << QString();
    QTest::newRow("empty array") << QByteArray("[]") << true << QString();
    QTest::newRow("object") << QByteArray("{}") << false
                            << QStringLiteral("expected a JSON array at the top level");
    QTest::newRow("unclosed") << QByteArray("[1, 2") << false << QStringLiteral("malformed JSON");
}

void TestJsonReader::parseArray()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, ok);
    QFETCH(QString, message);

    const Result<QJsonArray> result = JsonReader::parseArray(json);
    QCOMPARE(result.ok(), ok);
    if (ok) {
        QCOMPARE(result->size(), json == "[]" ? 0 : 2);
    } else {
        QCOMPARE(result.error().field, QString());
        QVERIFY2(result.error().message.contains(message), qPrintable(result.error().message));
    }
}

void TestJsonReader::describeType_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("description");

    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QStringLiteral("null");
    QTest::newRow("bool") << QJsonValue(true) << QStringLiteral("a boolean");
    QTest::newRow("number") << QJsonValue(1.5) << QStringLiteral("a number");
    QTest::newRow("string") << QJsonValue(QStringLiteral("s")) << QStringLiteral("a string");
    QTest::newRow("array") << QJsonValue(QJsonArray{}) << QStringLiteral("an array");
    QTest::newRow("object") << QJsonValue(QJsonObject{}) << QStringLiteral("an object");
    QTest::newRow("undefined") << QJsonValue(QJsonValue::Undefined) << QStringLiteral("nothing");
}

void TestJsonReader::describeType()
{
    QFETCH(QJsonValue, value);
    QFETCH(QString, description);
    QCOMPARE(JsonReader::describeType(value), description);
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"
