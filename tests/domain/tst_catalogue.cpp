#include "domain/catalogue.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace waddle::domain;

namespace {

QJsonObject region(const QString &code, const QStringList &failover = {})
{
    return QJsonObject{
        {QStringLiteral("code"), code},
        {QStringLiteral("location"),
         QJsonObject{{QStringLiteral("latitude"), 1.0}, {QStringLiteral("longitude"), 2.0}}},
        {QStringLiteral("failover_regions"), QJsonArray::fromStringList(failover)},
    };
}

QByteArray catalogue(const QJsonArray &regions, const QJsonObject &extra = {})
{
    QJsonObject document{{QStringLiteral("format"), QStringLiteral("waddle-region-catalogue")},
                         {QStringLiteral("version"), 1},
                         {QStringLiteral("regions"), regions}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        document.insert(it.key(), it.value());
    return QJsonDocument(document).toJson(QJsonDocument::Compact);
}

QByteArray twoRegions(const QJsonObject &extra = {})
{
    return catalogue(QJsonArray{region(QStringLiteral("a"), {QStringLiteral("b")}),
                                region(QStringLiteral("b"), {QStringLiteral("a")})},
                     extra);
}

} // namespace

class TestCatalogue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInResourceParses();
    void defaultRegions_data();
    void defaultRegions();
    void defaultCatalogueIsComplete();
    void roundTrip();
    void parse_data();
    void parse();
};

void TestCatalogue::builtInResourceParses()
{
    QFile file(defaultCataloguePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const Result<QList<Region>> regions = parseCatalogue(file.readAll());
    QVERIFY2(regions.ok(), qPrintable(regions.ok() ? QString() : regions.error().message));
}

void TestCatalogue::defaultRegions_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("city");
    QTest::addColumn<double>("latitude");
    QTest::addColumn<double>("longitude");

    QTest::newRow("us-west") << QStringLiteral("us-west") << QStringLiteral("San Francisco")
                             << 37.7749 << -122.4194;
    QTest::newRow("us-east") << QStringLiteral("us-east") << QStringLiteral("New York") << 40.7128
                             << -74.0060;
    QTest::newRow("eu-west") << QStringLiteral("eu-west") << QStringLiteral("Frankfurt") << 50.1109
                             << 8.6821;
    QTest::newRow("eu-north") << QStringLiteral("eu-north") << QStringLiteral("Stockholm")
                              << 59.3293 << 18.0686;
    QTest::newRow("asia-se") << QStringLiteral("asia-se") << QStringLiteral("Singapore") << 1.3521
                             << 103.8198;
    QTest::newRow("asia-ne") << QStringLiteral("asia-ne") << QStringLiteral("Tokyo") << 35.6762
                             << 139.6503;
}

void TestCatalogue::defaultRegions()
{
    QFETCH(QString, code);
    QFETCH(QString, city);
    QFETCH(double, latitude);
    QFETCH(double, longitude);

    const QList<Region> regions = defaultCatalogue();
    const Region *region = findRegion(regions, code);
    QVERIFY(region);
    QVERIFY(region->locationKnown);
    QCOMPARE(region->location.city, city);
    // Exact: the catalogue carries seed 000's figures digit for digit.
    QCOMPARE(region->location.latitude, latitude);
    QCOMPARE(region->location.longitude, longitude);
    QCOMPARE(region->capacity.maximum, qint64(10000));
    QCOMPARE(region->features,
             (QStringList{QStringLiteral("rtk"), QStringLiteral("opus"), QStringLiteral("h264")}));
    QCOMPARE(toString(region->status), toString(RegionStatus::Online));
    QVERIFY(!region->endpoint.isEmpty());
    QVERIFY(!region->failoverRegions.isEmpty());
}

void TestCatalogue::defaultCatalogueIsComplete()
{
    const QList<Region> regions = defaultCatalogue();
    QCOMPARE(regions.size(), 6);
    QSet<QString> codes;
    for (const Region &region : regions)
        codes.insert(region.code);
    QCOMPARE(codes, (QSet<QString>{QStringLiteral("us-west"), QStringLiteral("us-east"),
                                   QStringLiteral("eu-west"), QStringLiteral("eu-north"),
                                   QStringLiteral("asia-se"), QStringLiteral("asia-ne")}));
    for (const Region &region : regions) {
        for (const QString &backup : region.failoverRegions) {
            QVERIFY2(codes.contains(backup),
                     qPrintable(region.code + QStringLiteral(" → ") + backup));
            QVERIFY(backup != region.code);
        }
    }
}

void TestCatalogue::roundTrip()
{
    const QList<Region> regions = defaultCatalogue();
    const Result<QList<Region>> again = parseCatalogue(catalogueToJson(regions));
    QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
    QCOMPARE(again.value(), regions);

    // Any set of regions loads (SPEC §3: a catalogue is data).
    QList<Region> other = regions.mid(0, 2);
    other[0].failoverRegions = {other[1].code};
    other[1].failoverRegions = {other[0].code};
    other[1].status = RegionStatus::Maintenance;
    QCOMPARE(parseCatalogue(catalogueToJson(other)).value(), other);
}

void TestCatalogue::parse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field"); // empty with `message` empty: loads
    QTest::addColumn<QString>("message");

    QTest::newRow("two regions") << twoRegions() << QString() << QString();
    QTest::newRow("without format and version")
        << QByteArray(
               R"({"regions": [{"code": "a", "location": {"latitude": 0, "longitude": 0}}]})")
        << QString() << QString();

    QTest::newRow("malformed JSON")
        << QByteArray(R"({"regions": [)") << QString() << QStringLiteral("malformed JSON");
    QTest::newRow("top-level array") << QByteArray("[]") << QString()
                                     << QStringLiteral("expected a JSON object at the top level");
    QTest::newRow("empty regions")
        << catalogue(QJsonArray{}) << QStringLiteral("regions") << QStringLiteral("empty");
    QTest::newRow("no regions") << QByteArray(R"({"format": "waddle-region-catalogue"})")
                                << QStringLiteral("regions") << QStringLiteral("is required");
    QTest::newRow("regions an object") << QByteArray(R"({"regions": {}})")
                                       << QStringLiteral("regions") << QStringLiteral("an array");
    QTest::newRow("duplicate code")
        << catalogue(QJsonArray{region(QStringLiteral("a")), region(QStringLiteral("b")),
                                region(QStringLiteral("a"))})
        << QStringLiteral("regions[2].code") << QStringLiteral("appears twice");
    QTest::newRow("failover to unknown code")
        << catalogue(
               QJsonArray{region(QStringLiteral("a"), {QStringLiteral("b")}),
                          region(QStringLiteral("b"), {QStringLiteral("a"), QStringLiteral("c")})})
        << QStringLiteral("regions[1].failover_regions[1]")
        << QStringLiteral("unknown region \"c\"");
    QTest::newRow("wrong format string")
        << twoRegions({{QStringLiteral("format"), QStringLiteral("something-else")}})
        << QStringLiteral("format") << QStringLiteral("something-else");
    QTest::newRow("format a number")
        << twoRegions({{QStringLiteral("format"), 1}}) << QStringLiteral("format")
        << QStringLiteral("expected a string");
    QTest::newRow("version 2") << twoRegions({{QStringLiteral("version"), 2}})
                               << QStringLiteral("version") << QStringLiteral("not supported");
    QTest::newRow("version 1.5") << twoRegions({{QStringLiteral("version"), 1.5}})
                                 << QStringLiteral("version") << QStringLiteral("whole number");
    QJsonObject unplaced = region(QStringLiteral("b"));
    unplaced.remove(QStringLiteral("location"));
    QTest::newRow("region without location")
        << catalogue(QJsonArray{region(QStringLiteral("a")), unplaced})
        << QStringLiteral("regions[1].location") << QStringLiteral("is required");
    QJsonObject badLatitude = region(QStringLiteral("b"));
    badLatitude.insert(QStringLiteral("location"), QJsonObject{{QStringLiteral("latitude"), 91},
                                                               {QStringLiteral("longitude"), 0}});
    QTest::newRow("region with latitude 91")
        << catalogue(QJsonArray{region(QStringLiteral("a")), badLatitude})
        << QStringLiteral("regions[1].location.latitude")
        << QStringLiteral("must be between -90 and 90, not 91");
    QTest::newRow("region not an object")
        << catalogue(QJsonArray{region(QStringLiteral("a")), QStringLiteral("b")})
        << QStringLiteral("regions[1]") << QStringLiteral("expected an object, got a string");
}

void TestCatalogue::parse()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    QFETCH(QString, message);

    const Result<QList<Region>> regions = parseCatalogue(json);
    if (field.isEmpty() && message.isEmpty()) {
        QVERIFY2(regions.ok(), qPrintable(regions.ok() ? QString() : regions.error().message));
        return;
    }
    QVERIFY(!regions.ok());
    QCOMPARE(regions.error().field, field);
    QVERIFY2(regions.error().message.contains(message), qPrintable(regions.error().message));
    if (!field.isEmpty()) {
        QVERIFY2(regions.error().message.startsWith(field + QStringLiteral(": ")),
                 qPrintable(regions.error().message));
    }
}

QTEST_GUILESS_MAIN(TestCatalogue)
#include "tst_catalogue.moc"
