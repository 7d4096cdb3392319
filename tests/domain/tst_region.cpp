#include "domain/catalogue.h"
#include "domain/region.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;

namespace {

// Seed 001's example response region, GET /api/v1/regions (verbatim).
constexpr auto kSeed001Region = R"json({
      "id": "...",
      "code": "us-east",
      "name": "US East (Virginia)",
      "livekit_url": "wss://us-east.livekit.pulse.io",
      "is_active": true,
      "priority": 1,
      "max_capacity": 10000,
      "current_load": 2500,
      "health_status": "healthy",
      "average_latency": 50.0,
      "failover_regions": ["us-west", "eu-west"]
    })json";

QJsonObject seedRegion()
{
    return QJsonDocument::fromJson(kSeed001Region).object();
}

// A region in our own shape, every field set.
QJsonObject ourRegion()
{
    return QJsonObject{
        {QStringLiteral("code"), QStringLiteral("eu-west")},
        {QStringLiteral("name"), QStringLiteral("EU West")},
        {QStringLiteral("endpoint"), QStringLiteral("wss://rtk-eu-west.waddle.chat")},
        {QStringLiteral("location"),
         QJsonObject{{QStringLiteral("city"), QStringLiteral("Frankfurt")},
                     {QStringLiteral("latitude"), 50.1109},
                     {QStringLiteral("longitude"), 8.6821}}},
        {QStringLiteral("capacity"),
         QJsonObject{{QStringLiteral("current"), 10}, {QStringLiteral("maximum"), 100}}},
        {QStringLiteral("features"), QJsonArray{QStringLiteral("rtk")}},
        {QStringLiteral("status"), QStringLiteral("online")},
        {QStringLiteral("failover_regions"), QJsonArray{QStringLiteral("eu-north")}},
    };
}

QJsonObject withLocation(const QString &key, const QJsonValue &value)
{
    QJsonObject region = ourRegion();
    QJsonObject location = region.value(QStringLiteral("location")).toObject();
    location.insert(key, value);
    region.insert(QStringLiteral("location"), location);
    return region;
}

QJsonObject withCapacity(const QString &key, const QJsonValue &value)
{
    QJsonObject region = ourRegion();
    QJsonObject capacity = region.value(QStringLiteral("capacity")).toObject();
    capacity.insert(key, value);
    region.insert(QStringLiteral("capacity"), capacity);
    return region;
}

Region fullRegion()
{
    Region region;
    region.code = QStringLiteral("asia-ne");
    region.name = QStringLiteral("Asia Northeast");
    region.endpoint = QStringLiteral("wss://rtk-asia-ne.waddle.chat");
    region.pingUrl = QStringLiteral("https://rtk-asia-ne.waddle.chat/ping");
    region.healthUrl = QStringLiteral("https://rtk-asia-ne.waddle.chat/health");
    region.stun = QStringLiteral("rtk-asia-ne.waddle.chat:3478");
    region.location = {QStringLiteral("Tokyo"), QStringLiteral("Japan"), QStringLiteral("Asia"),
                       35.6762, 139.6503};
    region.capacity = {1234, 10000};
    region.features = {QStringLiteral("rtk"), QStringLiteral("opus"), QStringLiteral("h264")};
    region.status = RegionStatus::Degraded;
    region.priority = 2;
    region.failoverRegions = {QStringLiteral("asia-se"), QStringLiteral("us-west")};
    region.averageLatencyMs = 37.25;
    region.isActive = false;
    return region;
}

} // namespace

class TestRegion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void writesSeedNames();
    void seed001Region();
    void placeFromCatalogue();
    void healthStatus_data();
    void healthStatus();
    void statusNames_data();
    void statusNames();
    void utilisation_data();
    void utilisation();
    void regionCodes_data();
    void regionCodes();
    void decode_data();
    void decode();
};

void TestRegion::roundTrip_data()
{
    QTest::addColumn<Region>("region");

    QTest::newRow("full") << fullRegion();
    Region unplaced = fullRegion();
    unplaced.locationKnown = false;
    unplaced.location = {};
    QTest::newRow("no location") << unplaced;
    Region bare = fullRegion();
    bare.stun.clear();
    bare.averageLatencyMs.reset();
    bare.features.clear();
    bare.failoverRegions.clear();
    QTest::newRow("no stun, no latency, no lists") << bare;
    for (const RegionStatus status :
         {RegionStatus::Online, RegionStatus::Offline, RegionStatus::Maintenance}) {
        Region r = fullRegion();
        r.status = status;
        QTest::newRow(qPrintable(QStringLiteral("status ") + toString(status))) << r;
    }
}

void TestRegion::roundTrip()
{
    QFETCH(Region, region);
    // Through text, as on the wire.
    const QByteArray text = QJsonDocument(toJson(region)).toJson(QJsonDocument::Compact);
    const Result<Region> decoded = regionFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), region);
}

void TestRegion::writesSeedNames()
{
    const QJsonObject json = toJson(fullRegion());
    QCOMPARE(json.value(QStringLiteral("id")).toString(), QStringLiteral("asia-ne"));
    QCOMPARE(json.value(QStringLiteral("livekit_url")).toString(),
             QStringLiteral("wss://rtk-asia-ne.waddle.chat"));
    QCOMPARE(json.value(QStringLiteral("max_capacity")).toInteger(), 10000);
    QCOMPARE(json.value(QStringLiteral("current_load")).toInteger(), 1234);
    QCOMPARE(json.value(QStringLiteral("health_status")).toString(), QStringLiteral("degraded"));
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("degraded"));
}

void TestRegion::seed001Region()
{
    const Result<Region> decoded = regionFromJson(seedRegion());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    const Region &region = decoded.value();
    QCOMPARE(region.code, QStringLiteral("us-east"));
    QCOMPARE(region.name, QStringLiteral("US East (Virginia)"));
    QCOMPARE(region.endpoint, QStringLiteral("wss://us-east.livekit.pulse.io"));
    QCOMPARE(region.capacity, (Capacity{2500, 10000}));
    QCOMPARE(region.capacity.utilisation(), 0.25);
    QCOMPARE(toString(region.status), toString(RegionStatus::Online));
    QCOMPARE(region.priority, 1);
    QCOMPARE(region.isActive, true);
    QCOMPARE(region.averageLatencyMs, std::optional<double>(50.0));
    QCOMPARE(region.failoverRegions,
             (QStringList{QStringLiteral("us-west"), QStringLiteral("eu-west")}));
    QCOMPARE(region.locationKnown, false);
    QCOMPARE(region.location, GeoLocation{});
}

void TestRegion::placeFromCatalogue()
{
    const Region usEast = regionFromJson(seedRegion()).value();
    Region unknown = usEast;
    unknown.code = QStringLiteral("asia-south");
    Region placed = usEast;
    placed.code = QStringLiteral("eu-west");
    placed.location = {QStringLiteral("Elsewhere"), {}, {}, 1.0, 2.0};
    placed.locationKnown = true; // already placed: left alone

    const QList<Region> out =
        waddle::domain::placeFromCatalogue({usEast, unknown, placed}, defaultCatalogue());
    QCOMPARE(out.size(), 3);

    QVERIFY(out.at(0).locationKnown);
    QCOMPARE(out.at(0).location.city, QStringLiteral("New York"));
    QCOMPARE(out.at(0).location.latitude, 40.7128);
    QCOMPARE(out.at(0).location.longitude, -74.0060);
    // Only the location is taken from the catalogue; the rest is the server's.
    QCOMPARE(out.at(0).endpoint, QStringLiteral("wss://us-east.livekit.pulse.io"));
    QCOMPARE(out.at(0).capacity, (Capacity{2500, 10000}));

    QVERIFY(!out.at(1).locationKnown);
    QCOMPARE(out.at(1).location, GeoLocation{});

    QCOMPARE(out.at(2), placed);
}

void TestRegion::healthStatus_data()
{
    QTest::addColumn<RegionStatus>("status");
    QTest::addColumn<QString>("health");
    QTest::addColumn<RegionStatus>("readBack");

    QTest::newRow("online") << RegionStatus::Online << QStringLiteral("healthy")
                            << RegionStatus::Online;
    QTest::newRow("degraded") << RegionStatus::Degraded << QStringLiteral("degraded")
                              << RegionStatus::Degraded;
    QTest::newRow("offline") << RegionStatus::Offline << QStringLiteral("down")
                             << RegionStatus::Offline;
    QTest::newRow("maintenance") << RegionStatus::Maintenance << QStringLiteral("down")
                                 << RegionStatus::Offline;
}

void TestRegion::healthStatus()
{
    QFETCH(RegionStatus, status);
    QFETCH(QString, health);
    QFETCH(RegionStatus, readBack);

    QCOMPARE(toSeedHealthStatus(status), health);
    QCOMPARE(regionStatusFromSeedHealth(health), std::optional<RegionStatus>(readBack));

    // A seed-001 server sends only health_status.
    QJsonObject seed = seedRegion();
    seed.insert(QStringLiteral("health_status"), health);
    QCOMPARE(toString(regionFromJson(seed).value().status), toString(readBack));
}

void TestRegion::statusNames_data()
{
    QTest::addColumn<RegionStatus>("status");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("acceptsSessions");

    QTest::newRow("online") << RegionStatus::Online << QStringLiteral("online") << true;
    QTest::newRow("degraded") << RegionStatus::Degraded << QStringLiteral("degraded") << true;
    QTest::newRow("offline") << RegionStatus::Offline << QStringLiteral("offline") << false;
    QTest::newRow("maintenance") << RegionStatus::Maintenance << QStringLiteral("maintenance")
                                 << false;
}

void TestRegion::statusNames()
{
    QFETCH(RegionStatus, status);
    QFETCH(QString, name);
    QFETCH(bool, acceptsSessions);

    QCOMPARE(toString(status), name);
    QCOMPARE(regionStatusFromString(name), std::optional<RegionStatus>(status));
    QCOMPARE(waddle::domain::acceptsSessions(status), acceptsSessions);
    QCOMPARE(regionStatusFromString(name.toUpper()), std::nullopt);
    QCOMPARE(regionStatusFromSeedHealth(QStringLiteral("unknown")), std::nullopt);
}

void TestRegion::utilisation_data()
{
    QTest::addColumn<qint64>("current");
    QTest::addColumn<qint64>("maximum");
    QTest::addColumn<double>("utilisation");
    QTest::addColumn<qint64>("free");

    QTest::newRow("empty") << qint64(0) << qint64(10000) << 0.0 << qint64(10000);
    QTest::newRow("quarter") << qint64(2500) << qint64(10000) << 0.25 << qint64(7500);
    QTest::newRow("full") << qint64(10000) << qint64(10000) << 1.0 << qint64(0);
    QTest::newRow("overloaded") << qint64(15000) << qint64(10000) << 1.5 << qint64(0);
    QTest::newRow("no capacity") << qint64(0) << qint64(0) << 1.0 << qint64(0);
    QTest::newRow("no capacity, load") << qint64(5) << qint64(0) << 1.0 << qint64(0);
}

void TestRegion::utilisation()
{
    QFETCH(qint64, current);
    QFETCH(qint64, maximum);
    QFETCH(double, utilisation);
    QFETCH(qint64, free);

    const Capacity capacity{current, maximum};
    QCOMPARE(capacity.utilisation(), utilisation);
    QCOMPARE(capacity.free(), free);
}

void TestRegion::regionCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");

    QTest::newRow("us-east") << QStringLiteral("us-east") << true;
    QTest::newRow("digits") << QStringLiteral("eu-west-2") << true;
    QTest::newRow("one letter") << QStringLiteral("a") << true;
    QTest::newRow("32 chars") << QString(32, u'a') << true;
    QTest::newRow("33 chars") << QString(33, u'a') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("capitals") << QStringLiteral("US-East") << false;
    QTest::newRow("leading dash") << QStringLiteral("-us") << false;
    QTest::newRow("underscore") << QStringLiteral("us_east") << false;
    QTest::newRow("space") << QStringLiteral("us east") << false;
    QTest::newRow("non-ascii") << QStringLiteral("eu-s\u00fcd") << false;
}

void TestRegion::regionCodes()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(isValidRegionCode(code), valid);
}

void TestRegion::decode_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field"); // empty: decodes

    // Good cases first, each followed by the ways it goes wrong.
    QTest::newRow("seed 001 region") << QJsonValue(seedRegion()) << QString();
    QTest::newRow("our region") << QJsonValue(ourRegion()) << QString();
    QTest::newRow("not an object") << QJsonValue(QJsonArray{}) << QString();

    QTest::newRow("missing code") << QJsonValue(without(seedRegion(), QStringLiteral("code")))
                                  << QStringLiteral("code");
    QTest::newRow("code with capitals")
        << QJsonValue(with(seedRegion(), QStringLiteral("code"), QStringLiteral("US-East")))
        << QStringLiteral("code");
    QTest::newRow("code a number")
        << QJsonValue(with(seedRegion(), QStringLiteral("code"), 7)) << QStringLiteral("code");
    QTest::newRow("name a number")
        << QJsonValue(with(seedRegion(), QStringLiteral("name"), 7)) << QStringLiteral("name");
    QTest::newRow("livekit_url an object")
        << QJsonValue(with(seedRegion(), QStringLiteral("livekit_url"), QJsonObject{}))
        << QStringLiteral("livekit_url");

    QTest::newRow("latitude 90") << QJsonValue(withLocation(QStringLiteral("latitude"), 90))
                                 << QString();
    QTest::newRow("latitude 91") << QJsonValue(withLocation(QStringLiteral("latitude"), 91))
                                 << QStringLiteral("location.latitude");
    QTest::newRow("longitude -180")
        << QJsonValue(withLocation(QStringLiteral("longitude"), -180)) << QString();
    QTest::newRow("longitude -181") << QJsonValue(withLocation(QStringLiteral("longitude"), -181))
                                    << QStringLiteral("location.longitude");
    QTest::newRow("latitude a string")
        << QJsonValue(withLocation(QStringLiteral("latitude"), QStringLiteral("40.7")))
        << QStringLiteral("location.latitude");
    QTest::newRow("location a string")
        << QJsonValue(with(ourRegion(), QStringLiteral("location"), QStringLiteral("Frankfurt")))
        << QStringLiteral("location");

    QTest::newRow("capacity zero")
        << QJsonValue(withCapacity(QStringLiteral("maximum"), 0)) << QString();
    QTest::newRow("negative capacity") << QJsonValue(withCapacity(QStringLiteral("maximum"), -1))
                                       << QStringLiteral("capacity.maximum");
    QTest::newRow("negative load") << QJsonValue(withCapacity(QStringLiteral("current"), -5))
                                   << QStringLiteral("capacity.current");
    QTest::newRow("capacity without maximum")
        << QJsonValue(with(ourRegion(), QStringLiteral("capacity"),
                           QJsonObject{{QStringLiteral("current"), 1}}))
        << QStringLiteral("capacity.maximum");
    QTest::newRow("negative max_capacity")
        << QJsonValue(with(seedRegion(), QStringLiteral("max_capacity"), -10000))
        << QStringLiteral("max_capacity");
    QTest::newRow("non-integer max_capacity")
        << QJsonValue(with(seedRegion(), QStringLiteral("max_capacity"), 2.5))
        << QStringLiteral("max_capacity");
    QTest::newRow("max_capacity a string")
        << QJsonValue(with(seedRegion(), QStringLiteral("max_capacity"), QStringLiteral("10000")))
        << QStringLiteral("max_capacity");
    QTest::newRow("negative current_load")
        << QJsonValue(with(seedRegion(), QStringLiteral("current_load"), -1))
        << QStringLiteral("current_load");

    QTest::newRow("status maintenance")
        << QJsonValue(with(ourRegion(), QStringLiteral("status"), QStringLiteral("maintenance")))
        << QString();
    QTest::newRow("status sideways")
        << QJsonValue(with(ourRegion(), QStringLiteral("status"), QStringLiteral("sideways")))
        << QStringLiteral("status");
    QTest::newRow("status a number")
        << QJsonValue(with(ourRegion(), QStringLiteral("status"), 1)) << QStringLiteral("status");
    QTest::newRow("health_status sideways")
        << QJsonValue(
               with(seedRegion(), QStringLiteral("health_status"), QStringLiteral("sideways")))
        << QStringLiteral("health_status");
    QTest::newRow("health_status maintenance (not a seed value)")
        << QJsonValue(
               with(seedRegion(), QStringLiteral("health_status"), QStringLiteral("maintenance")))
        << QStringLiteral("health_status");

    QTest::newRow("features not an array")
        << QJsonValue(with(ourRegion(), QStringLiteral("features"), QStringLiteral("rtk")))
        << QStringLiteral("features");
    QTest::newRow("features with a number")
        << QJsonValue(
               with(ourRegion(), QStringLiteral("features"), QJsonArray{QStringLiteral("rtk"), 2}))
        << QStringLiteral("features[1]");

    QTest::newRow("failover naming itself")
        << QJsonValue(with(seedRegion(), QStringLiteral("failover_regions"),
                           QJsonArray{QStringLiteral("us-west"), QStringLiteral("us-east")}))
        << QStringLiteral("failover_regions[1]");
    QTest::newRow("failover listed twice")
        << QJsonValue(with(seedRegion(), QStringLiteral("failover_regions"),
                           QJsonArray{QStringLiteral("us-west"), QStringLiteral("us-west")}))
        << QStringLiteral("failover_regions[1]");
    QTest::newRow("failover bad code")
        << QJsonValue(with(seedRegion(), QStringLiteral("failover_regions"),
                           QJsonArray{QStringLiteral("US West")}))
        << QStringLiteral("failover_regions[0]");
    QTest::newRow("failover not an array")
        << QJsonValue(
               with(seedRegion(), QStringLiteral("failover_regions"), QStringLiteral("us-west")))
        << QStringLiteral("failover_regions");

    QTest::newRow("priority 0") << QJsonValue(with(seedRegion(), QStringLiteral("priority"), 0))
                                << QString();
    QTest::newRow("priority a string")
        << QJsonValue(with(seedRegion(), QStringLiteral("priority"), QStringLiteral("1")))
        << QStringLiteral("priority");
    QTest::newRow("priority negative")
        << QJsonValue(with(seedRegion(), QStringLiteral("priority"), -1))
        << QStringLiteral("priority");
    QTest::newRow("is_active a string")
        << QJsonValue(with(seedRegion(), QStringLiteral("is_active"), QStringLiteral("yes")))
        << QStringLiteral("is_active");
    QTest::newRow("average_latency negative")
        << QJsonValue(with(seedRegion(), QStringLiteral("average_latency"), -1))
        << QStringLiteral("average_latency");
    QTest::newRow("average_latency NaN")
        << QJsonValue(with(seedRegion(), QStringLiteral("average_latency"), QJsonValue(qQNaN())))
        << QStringLiteral("average_latency");
}

void TestRegion::decode()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);

    const Result<Region> decoded = regionFromJson(json);
    const bool expectOk = field.isEmpty() && QTest::currentDataTag() != QByteArray("not an object");
    if (expectOk) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        return;
    }
    QVERIFY(!decoded.ok());
    QCOMPARE(decoded.error().field, field);
    QVERIFY2(decoded.error().message.contains(field), qPrintable(decoded.error().message));
    QVERIFY2(decoded.error().message.size() > field.size() + 2,
             qPrintable(decoded.error().message));

    // Under a path, the field is named from the top of the document.
    const Result<Region> nested = regionFromJson(json, QStringLiteral("regions[2]"));
    const QString full =
        field.isEmpty() ? QStringLiteral("regions[2]") : QStringLiteral("regions[2].") + field;
    QCOMPARE(nested.error().field, full);
    QVERIFY2(nested.error().message.startsWith(full + QStringLiteral(": ")),
             qPrintable(nested.error().message));
}

QTEST_GUILESS_MAIN(TestRegion)
#include "tst_region.moc"
