#include "domain/jsonreader.h"
#include "domain/placement/nearest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <cmath>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

// One degree of longitude along the equator with R = 6371.0088 km:
// 2π × 6371.0088 / 360 = 111.195080 km. Default model: RTT = 5 + 0.02 × d.
constexpr double kKmPerDegree = 111.19508;

Region makeRegion(const QString &code, int priority, qint64 load)
{
    Region r;
    r.code = code;
    r.name = code;
    r.endpoint = u"wss://%1.example"_s.arg(code);
    r.priority = priority;
    r.capacity = {load, 1000};
    r.locationKnown = false;
    return r;
}

// a: priority 1, load 100/1000 = 10%  → 2 × 10 + 10 × 1 = 30 on top of latency
// b: priority 2, load   0/1000 =  0%  → 0 + 10 × 2      = 20
// c: priority 1, load 500/1000 = 50%  → 2 × 50 + 10 × 1 = 110
QList<Region> threeRegions()
{
    return {makeRegion(u"a"_s, 1, 100), makeRegion(u"b"_s, 2, 0), makeRegion(u"c"_s, 1, 500)};
}

NearestRequest measured(double a, double b, double c)
{
    NearestRequest request;
    request.latencies = {{u"a"_s, a}, {u"b"_s, b}, {u"c"_s, c}};
    return request;
}

QStringList codesOf(const QList<NearestCandidate> &candidates)
{
    QStringList codes;
    for (const NearestCandidate &c : candidates)
        codes.append(c.code);
    return codes;
}

} // namespace

class TestNearest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void measuredLatenciesDecide_data();
    void measuredLatenciesDecide();
    void estimatedFromLocation();
    void latencySources_data();
    void latencySources();
    void preferredRegion_data();
    void preferredRegion();
    void maxFallbacks_data();
    void maxFallbacks();
    void errors();
    void noEligibleRegion_data();
    void noEligibleRegion();
    void decodeGood();
    void decodeBad_data();
    void decodeBad();
    void requestRoundTrip();
    void candidateJson();
    void latencySourceNames();
};

void TestNearest::measuredLatenciesDecide_data()
{
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("c");
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<QList<double>>("scores"); // in `order`

    // a = 40 + 30 = 70, b = 60 + 20 = 80, c = 10 + 110 = 120
    QTest::newRow("a fastest overall")
        << 40.0 << 60.0 << 10.0 << QStringList{u"a"_s, u"b"_s, u"c"_s}
        << QList<double>{70.0, 80.0, 120.0};
    // a = 80 + 30 = 110, b = 60 + 20 = 80, c = 10 + 110 = 120
    QTest::newRow("b after a slows") << 80.0 << 60.0 << 10.0 << QStringList{u"b"_s, u"a"_s, u"c"_s}
                                     << QList<double>{80.0, 110.0, 120.0};
    // load term: c measures 0 ms but its 50% load costs 100.
    // a = 50 + 30 = 80, b = 50 + 20 = 70, c = 0 + 110 = 110
    QTest::newRow("load outweighs latency")
        << 50.0 << 50.0 << 0.0 << QStringList{u"b"_s, u"a"_s, u"c"_s}
        << QList<double>{70.0, 80.0, 110.0};
    // a = 0 + 30 = 30, b = 11 + 20 = 31, c = 0 + 110 = 110
    QTest::newRow("one ms apart") << 0.0 << 11.0 << 0.0 << QStringList{u"a"_s, u"b"_s, u"c"_s}
                                  << QList<double>{30.0, 31.0, 110.0};
    // a = 10 + 30 = 40, b = 20 + 20 = 40: tie, a has priority 1 < 2.
    // c = 200 + 110 = 310
    QTest::newRow("tie goes to priority")
        << 10.0 << 20.0 << 200.0 << QStringList{u"a"_s, u"b"_s, u"c"_s}
        << QList<double>{40.0, 40.0, 310.0};
    // a = 90 + 30 = 120, c = 10 + 110 = 120: tie, both priority 1, code a < c.
    // b = 200 + 20 = 220
    QTest::newRow("tie on priority goes to code")
        << 90.0 << 200.0 << 10.0 << QStringList{u"a"_s, u"c"_s, u"b"_s}
        << QList<double>{120.0, 120.0, 220.0};
}

void TestNearest::measuredLatenciesDecide()
{
    QFETCH(double, a);
    QFETCH(double, b);
    QFETCH(double, c);
    QFETCH(QStringList, order);
    QFETCH(QList<double>, scores);

    const auto result = findNearestRegion(threeRegions(), measured(a, b, c));
    QVERIFY(result.ok());
    QCOMPARE(codesOf(result->candidates), order);
    for (qsizetype i = 0; i < scores.size(); ++i) {
        QCOMPARE(result->candidates.at(i).score, scores.at(i));
        QCOMPARE(toString(result->candidates.at(i).source), u"measured"_s);
    }
    QCOMPARE(result->primary, order.at(0));
    QCOMPARE(result->fallbacks, order.mid(1));
    QCOMPARE(result->recommendedUrl, u"wss://%1.example"_s.arg(order.at(0)));
    QVERIFY(!result->preferredHonoured);
}

void TestNearest::estimatedFromLocation()
{
    // Client at (0, 0); a at 10°, b at 20°, c at 1° east along the equator.
    QList<Region> regions = threeRegions();
    const double longitudes[] = {10.0, 20.0, 1.0};
    for (qsizetype i = 0; i < regions.size(); ++i) {
        regions[i].locationKnown = true;
        regions[i].location.longitude = longitudes[i];
    }
    NearestRequest request;
    request.clientLocation = GeoPoint{0.0, 0.0};

    const auto result = findNearestRegion(regions, request);
    QVERIFY(result.ok());
    // a: 1111.9508 km → 5 + 22.239016 = 27.239016; score + 30 = 57.239016
    // b: 2223.9016 km → 5 + 44.478032 = 49.478032; score + 20 = 69.478032
    // c:  111.19508 km → 5 + 2.2239016 = 7.2239016; score + 110 = 117.2239016
    QCOMPARE(codesOf(result->candidates), (QStringList{u"a"_s, u"b"_s, u"c"_s}));
    const double latencies[] = {27.239016, 49.478032, 7.2239016};
    const double scores[] = {57.239016, 69.478032, 117.2239016};
    for (qsizetype i = 0; i < 3; ++i) {
        const NearestCandidate &c = result->candidates.at(i);
        QCOMPARE(toString(c.source), u"estimated"_s);
        QVERIFY2(std::abs(c.latencyMs - latencies[i]) < 1e-5, qPrintable(c.code));
        QVERIFY2(std::abs(c.score - scores[i]) < 1e-5, qPrintable(c.code));
    }
    QVERIFY(std::abs(10.0 * kKmPerDegree * 0.02 + 5.0 - latencies[0]) < 1e-5);

    // A steeper model (base 0, k 0.1 ms/km) puts c first: a: 111.19508 + 30 =
    // 141.19508; b: 222.39016 + 20 = 242.39016; c: 11.119508 + 110 =
    // 121.119508 → c, a, b.
    const auto slow = findNearestRegion(regions, request, RttModel{0.0, 0.1});
    QVERIFY(slow.ok());
    QCOMPARE(codesOf(slow->candidates), (QStringList{u"c"_s, u"a"_s, u"b"_s}));
    QVERIFY(std::abs(slow->candidates.at(0).score - 121.119508) < 1e-5);
}

void TestNearest::latencySources_data()
{
    QTest::addColumn<bool>("hasLocation");
    QTest::addColumn<QStringList>("order");
    QTest::addColumn<QStringList>("sources"); // in `order`
    QTest::addColumn<QList<double>>("scores");

    // a measured 100 (located and reported too: measurement wins) → 130
    // b located at 20° E, average 40: estimated 49.478032 + 20 = 69.478032
    // c not located, average 12: reported 12 + 110 = 122
    // d (priority 3, load 0) not located, no average: none, 0 + 30 = 30
    QTest::newRow("with client location")
        << true << QStringList{u"d"_s, u"b"_s, u"c"_s, u"a"_s}
        << QStringList{u"none"_s, u"estimated"_s, u"reported"_s, u"measured"_s}
        << QList<double>{30.0, 69.478032, 122.0, 130.0};
    // Without a client location b falls back to its average: 40 + 20 = 60.
    QTest::newRow("without client location")
        << false << QStringList{u"d"_s, u"b"_s, u"c"_s, u"a"_s}
        << QStringList{u"none"_s, u"reported"_s, u"reported"_s, u"measured"_s}
        << QList<double>{30.0, 60.0, 122.0, 130.0};
}

void TestNearest::latencySources()
{
    QFETCH(bool, hasLocation);
    QFETCH(QStringList, order);
    QFETCH(QStringList, sources);
    QFETCH(QList<double>, scores);

    QList<Region> regions = threeRegions();
    regions[0].locationKnown = true;
    regions[0].averageLatencyMs = 1.0;
    regions[1].locationKnown = true;
    regions[1].location.longitude = 20.0;
    regions[1].averageLatencyMs = 40.0;
    regions[2].averageLatencyMs = 12.0;
    regions.append(makeRegion(u"d"_s, 3, 0));

    NearestRequest request;
    request.latencies = {{u"a"_s, 100.0}};
    if (hasLocation)
        request.clientLocation = GeoPoint{0.0, 0.0};

    const auto result = findNearestRegion(regions, request);
    QVERIFY(result.ok());
    QCOMPARE(codesOf(result->candidates), order);
    for (qsizetype i = 0; i < order.size(); ++i) {
        const NearestCandidate &c = result->candidates.at(i);
        QCOMPARE(toString(c.source), sources.at(i));
        QVERIFY2(std::abs(c.score - scores.at(i)) < 1e-5, qPrintable(c.code));
    }
}

void TestNearest::preferredRegion_data()
{
    QTest::addColumn<QString>("preferred");
    QTest::addColumn<QString>("cStatus");
    QTest::addColumn<bool>("cActive");
    QTest::addColumn<QString>("primary");
    QTest::addColumn<QStringList>("fallbacks");
    QTest::addColumn<bool>("honoured");

    // Measured 40/60/10: a = 70, b = 80, c = 120 (see measuredLatenciesDecide).
    QTest::newRow("worst region preferred and online")
        << u"c"_s << u"online"_s << true << u"c"_s << QStringList{u"a"_s, u"b"_s} << true;
    QTest::newRow("middle region preferred")
        << u"b"_s << u"online"_s << true << u"b"_s << QStringList{u"a"_s, u"c"_s} << true;
    QTest::newRow("best region preferred")
        << u"a"_s << u"online"_s << true << u"a"_s << QStringList{u"b"_s, u"c"_s} << true;
    QTest::newRow("preferred degraded")
        << u"c"_s << u"degraded"_s << true << u"a"_s << QStringList{u"b"_s} << false;
    QTest::newRow("preferred offline")
        << u"c"_s << u"offline"_s << true << u"a"_s << QStringList{u"b"_s} << false;
    QTest::newRow("preferred in maintenance")
        << u"c"_s << u"maintenance"_s << true << u"a"_s << QStringList{u"b"_s} << false;
    QTest::newRow("preferred inactive")
        << u"c"_s << u"online"_s << false << u"a"_s << QStringList{u"b"_s} << false;
    QTest::newRow("preferred unknown")
        << u"zz"_s << u"online"_s << true << u"a"_s << QStringList{u"b"_s, u"c"_s} << false;
    QTest::newRow("no preference")
        << QString() << u"online"_s << true << u"a"_s << QStringList{u"b"_s, u"c"_s} << false;
}

void TestNearest::preferredRegion()
{
    QFETCH(QString, preferred);
    QFETCH(QString, cStatus);
    QFETCH(bool, cActive);
    QFETCH(QString, primary);
    QFETCH(QStringList, fallbacks);
    QFETCH(bool, honoured);

    QList<Region> regions = threeRegions();
    regions[2].status = *regionStatusFromString(cStatus);
    regions[2].isActive = cActive;
    NearestRequest request = measured(40.0, 60.0, 10.0);
    request.preferredRegion = preferred;

    const auto result = findNearestRegion(regions, request);
    QVERIFY(result.ok());
    QCOMPARE(result->primary, primary);
    QCOMPARE(result->fallbacks, fallbacks);
    QCOMPARE(result->preferredHonoured, honoured);
    QCOMPARE(result->recommendedUrl, u"wss://%1.example"_s.arg(primary));
    // Candidates stay ranked by score alone, eligible regions only.
    QCOMPARE(result->candidates.constFirst().code, u"a"_s);
    QCOMPARE(result->candidates.size(), 1 + fallbacks.size());
}

void TestNearest::maxFallbacks_data()
{
    QTest::addColumn<int>("maxFallbacks");
    QTest::addColumn<QString>("preferred");
    QTest::addColumn<QStringList>("fallbacks");

    // Order by score a (70), b (80), c (120).
    QTest::newRow("none") << 0 << QString() << QStringList{};
    QTest::newRow("negative reads as none") << -1 << QString() << QStringList{};
    QTest::newRow("one") << 1 << QString() << QStringList{u"b"_s};
    QTest::newRow("two") << 2 << QString() << QStringList{u"b"_s, u"c"_s};
    QTest::newRow("more than there are") << 5 << QString() << QStringList{u"b"_s, u"c"_s};
    QTest::newRow("one with c preferred") << 1 << u"c"_s << QStringList{u"a"_s};
}

void TestNearest::maxFallbacks()
{
    QFETCH(int, maxFallbacks);
    QFETCH(QString, preferred);
    QFETCH(QStringList, fallbacks);

    NearestRequest request = measured(40.0, 60.0, 10.0);
    request.preferredRegion = preferred;
    const auto result = findNearestRegion(threeRegions(), request, {}, maxFallbacks);
    QVERIFY(result.ok());
    QCOMPARE(result->fallbacks, fallbacks);
    QCOMPARE(result->candidates.size(), 3);
}

void TestNearest::errors()
{
    NearestRequest unknown = measured(40.0, 60.0, 10.0);
    unknown.latencies[1].regionCode = u"zz"_s;
    const auto a = findNearestRegion(threeRegions(), unknown);
    QVERIFY(!a.ok());
    QCOMPARE(a.error().field, u"latencies[1].region_code"_s);

    const auto b = findNearestRegion(threeRegions(), measured(-1.0, 60.0, 10.0));
    QVERIFY(!b.ok());
    QCOMPARE(b.error().field, u"latencies[0].latency"_s);

    const auto c = findNearestRegion(threeRegions(), measured(40.0, 60.0, qQNaN()));
    QVERIFY(!c.ok());
    QCOMPARE(c.error().field, u"latencies[2].latency"_s);
}

void TestNearest::noEligibleRegion_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("active");

    QTest::newRow("all degraded") << u"degraded"_s << true;
    QTest::newRow("all offline") << u"offline"_s << true;
    QTest::newRow("all in maintenance") << u"maintenance"_s << true;
    QTest::newRow("all inactive") << u"online"_s << false;
}

void TestNearest::noEligibleRegion()
{
    QFETCH(QString, status);
    QFETCH(bool, active);

    QList<Region> regions = threeRegions();
    for (Region &r : regions) {
        r.status = *regionStatusFromString(status);
        r.isActive = active;
    }
    const auto result = findNearestRegion(regions, measured(1.0, 2.0, 3.0));
    QVERIFY(!result.ok());
    QCOMPARE(result.error(), (Error{u"regions"_s, u"no active healthy region"_s}));

    const auto empty = findNearestRegion({}, NearestRequest{});
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().field, u"regions"_s);
}

void TestNearest::decodeGood()
{
    const auto json = JsonReader::parseObject(R"({
        "client_ip": "203.0.113.1",
        "preferred_region": "us-east",
        "client_location": {"latitude": 40.7128, "longitude": -74.006},
        "latencies": [
            {"region_code": "us-east", "latency": 45.2},
            {"region_code": "us-west", "latency": 85.3}
        ]
    })");
    QVERIFY(json.ok());
    const auto request = nearestRequestFromJson(*json);
    QVERIFY2(request.ok(), qPrintable(request.ok() ? QString() : request.error().message));
    QCOMPARE(request->clientIp, u"203.0.113.1"_s);
    QCOMPARE(request->preferredRegion, u"us-east"_s);
    QVERIFY(request->clientLocation.has_value());
    QCOMPARE(request->clientLocation->latitude, 40.7128);
    QCOMPARE(request->clientLocation->longitude, -74.006);
    QCOMPARE(request->latencies,
             (QList<MeasuredLatency>{{u"us-east"_s, 45.2}, {u"us-west"_s, 85.3}}));

    // Seed 001's own body (no client_location) and an empty body both read.
    const auto seedOnly = nearestRequestFromJson(QJsonObject{{u"client_ip"_s, u"1.2.3.4"_s}});
    QVERIFY(seedOnly.ok());
    QVERIFY(!seedOnly->clientLocation);
    const auto empty = nearestRequestFromJson(QJsonObject{});
    QVERIFY(empty.ok());
    QCOMPARE(*empty, NearestRequest{});
}

void TestNearest::decodeBad_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("field");

    QTest::newRow("negative latency")
        << QByteArray(R"({"latencies":[{"region_code":"a","latency":1},)"
                      R"({"region_code":"b","latency":-1}]})")
        << QString() << u"latencies[1].latency"_s;
    QTest::newRow("latency as text")
        << QByteArray(R"({"latencies":[{"region_code":"a","latency":"12"}]})") << QString()
        << u"latencies[0].latency"_s;
    QTest::newRow("latency missing") << QByteArray(R"({"latencies":[{"region_code":"a"}]})")
                                     << QString() << u"latencies[0].latency"_s;
    QTest::newRow("bad region code")
        << QByteArray(R"({"latencies":[{"region_code":"US East","latency":3}]})") << QString()
        << u"latencies[0].region_code"_s;
    QTest::newRow("duplicate region code")
        << QByteArray(R"({"latencies":[{"region_code":"a","latency":3},)"
                      R"({"region_code":"a","latency":4}]})")
        << QString() << u"latencies[1].region_code"_s;
    QTest::newRow("latencies not an array")
        << QByteArray(R"({"latencies":{"a":3}})") << QString() << u"latencies"_s;
    QTest::newRow("latency entry not an object")
        << QByteArray(R"({"latencies":[3]})") << QString() << u"latencies[0]"_s;
    QTest::newRow("client_ip a number")
        << QByteArray(R"({"client_ip":203})") << QString() << u"client_ip"_s;
    QTest::newRow("preferred_region not a code")
        << QByteArray(R"({"preferred_region":"Bad Code"})") << QString() << u"preferred_region"_s;
    QTest::newRow("preferred_region a number")
        << QByteArray(R"({"preferred_region":1})") << QString() << u"preferred_region"_s;
    QTest::newRow("latitude out of range")
        << QByteArray(R"({"client_location":{"latitude":91,"longitude":0}})") << QString()
        << u"client_location.latitude"_s;
    QTest::newRow("longitude missing") << QByteArray(R"({"client_location":{"latitude":1}})")
                                       << QString() << u"client_location.longitude"_s;
    QTest::newRow("location as text")
        << QByteArray(R"({"client_location":"Paris"})") << QString() << u"client_location"_s;
    QTest::newRow("under a path") << QByteArray(R"({"latencies":[{"region_code":"a","latency":1},)"
                                                R"({"region_code":"b","latency":-1}]})")
                                  << u"body"_s << u"body.latencies[1].latency"_s;
}

void TestNearest::decodeBad()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, field);

    const auto object = JsonReader::parseObject(json);
    QVERIFY(object.ok());
    const auto request = nearestRequestFromJson(*object, path);
    QVERIFY(!request.ok());
    QCOMPARE(request.error().field, field);
    QVERIFY(request.error().message.startsWith(field));
}

void TestNearest::requestRoundTrip()
{
    NearestRequest request = measured(1.5, 2.0, 0.0);
    request.clientIp = u"198.51.100.7"_s;
    request.clientLocation = GeoPoint{-33.87, 151.21};
    request.preferredRegion = u"b"_s;
    const auto back = nearestRequestFromJson(toJson(request));
    QVERIFY(back.ok());
    QCOMPARE(*back, request);

    // NaN cannot be written as JSON: a NaN latency never decodes.
    QJsonObject nan{{u"latencies"_s,
                     QJsonArray{QJsonObject{{u"region_code"_s, u"a"_s}, {u"latency"_s, qQNaN()}}}}};
    const auto bad = nearestRequestFromJson(nan);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field, u"latencies[0].latency"_s);
}

void TestNearest::candidateJson()
{
    const NearestCandidate c{u"eu-west"_s, 27.5, LatencySource::Estimated, 12.5, 2, 72.5};
    const QJsonObject json = toJson(c);
    QCOMPARE(json.value(u"code"_s).toString(), u"eu-west"_s);
    QCOMPARE(json.value(u"latency"_s).toDouble(), 27.5);
    QCOMPARE(json.value(u"latency_source"_s).toString(), u"estimated"_s);
    QCOMPARE(json.value(u"load_percent"_s).toDouble(), 12.5);
    QCOMPARE(json.value(u"priority"_s).toInt(), 2);
    QCOMPARE(json.value(u"score"_s).toDouble(), 72.5);
    const auto back = nearestCandidateFromJson(json);
    QVERIFY(back.ok());
    QCOMPARE(*back, c);
}

void TestNearest::latencySourceNames()
{
    const QList<std::pair<LatencySource, QString>> names{{LatencySource::Measured, u"measured"_s},
                                                         {LatencySource::Estimated, u"estimated"_s},
                                                         {LatencySource::Reported, u"reported"_s},
                                                         {LatencySource::None, u"none"_s}};
    for (const auto &[source, name] : names) {
        QCOMPARE(toString(source), name);
        QCOMPARE(latencySourceFromString(name), std::optional<LatencySource>(source));
    }
    QVERIFY(!latencySourceFromString(u"guessed"));
}

QTEST_APPLESS_MAIN(TestNearest)
#include "tst_nearest.moc"
