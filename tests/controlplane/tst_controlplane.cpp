// The control plane over real HTTP on an ephemeral loopback port, with the
// demo fleet: every endpoint's good path next to its bad inputs (SPEC §12).
#include "controlplane/services/healthservice.h"
#include "controlplane/store/apikeyrepository.h"
#include "domain/health.h"
#include "domain/member.h"
#include "domain/region.h"
#include "domain/role.h"
#include "domain/waddle.h"
#include "support/testbackend.h"

#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace waddle;
using namespace waddle::test;
using namespace Qt::StringLiterals;

class TestControlPlane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void regionsInSeedShape();
    void clusterOfOneOnSqlite();
    void regionOneAndUnknown();
    void regionsHealthAndStats();
    void nearest();
    void nearestRejects_data();
    void nearestRejects();
    void auth_data();
    void auth();
    void waddlesPaged();
    void pagingRejects_data();
    void pagingRejects();
    void waddleWithETag();
    void membersAndRecommendation();
    void voiceRegionUpdate();
    void voiceRegionRejects_data();
    void voiceRegionRejects();
    void ownerKeyOnlyForListedWaddles();
    void keySelf_data();
    void keySelf();
    void actionRolesMatchRoutes_data();
    void actionRolesMatchRoutes();
    void drainNeedsOperator();
    void operatorActions();
    void regionSettings();
    void regionSettingsRejects_data();
    void regionSettingsRejects();
    void faultInjectionRejects_data();
    void faultInjectionRejects();
    void wrongMethodAndPath();
    void oversizedBody();
    void openApiMatchesRoutes();
    void liveEvents();
    void restartKeepsEveryChange();
    void rateLimit();
    void adminKeyFromEnvironment();
    void detectsInjectedFault();
    void refusesToStart();

private:
    HttpResult putRegion(const QString &waddleId, const QJsonValue &region, const QByteArray &etag,
                         const QString &key = {});
    QByteArray etagOf(const QString &waddleId);

    std::unique_ptr<TestBackend> m_backend;
    QString m_admin;
};

void TestControlPlane::initTestCase()
{
    m_backend = std::make_unique<TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_admin = m_backend->adminKey();
    QVERIFY(m_admin.startsWith(u"wrk_"_s));
    QVERIFY(m_backend->plane().adminKeyCreated());
    // The key file is the owner's alone.
    QFile keyFile(m_backend->plane().adminKeyPath());
    QCOMPARE(keyFile.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
}

void TestControlPlane::cleanupTestCase()
{
    m_backend.reset();
}

HttpResult TestControlPlane::putRegion(const QString &waddleId, const QJsonValue &region,
                                       const QByteArray &etag, const QString &key)
{
    return m_backend->send("PUT", u"/api/v1/waddles/%1/voice-region"_s.arg(waddleId),
                           QJsonObject{{u"region"_s, region}}, key.isEmpty() ? m_admin : key, etag);
}

QByteArray TestControlPlane::etagOf(const QString &waddleId)
{
    return m_backend->get(u"/api/v1/waddles/"_s + waddleId, m_admin).headers.value("etag");
}

void TestControlPlane::regionsInSeedShape()
{
    const HttpResult r = m_backend->get(u"/api/v1/regions"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject body = r.json();
    QCOMPARE(body.value(u"count"_s).toInt(), 6);
    const QJsonArray regions = body.value(u"regions"_s).toArray();
    QCOMPARE(regions.size(), 6);
    for (const QJsonValue &value : regions) {
        const QJsonObject region = value.toObject();
        // Seed 001's field names…
        for (const QString &field :
             {u"id"_s, u"code"_s, u"name"_s, u"livekit_url"_s, u"is_active"_s, u"priority"_s,
              u"max_capacity"_s, u"current_load"_s, u"health_status"_s, u"failover_regions"_s})
            QVERIFY2(region.contains(field), qPrintable(field));
        // …and ours, decodable by the domain codec, pointing at the agents.
        const domain::Result<domain::Region> decoded = domain::regionFromJson(region);
        QVERIFY(decoded.ok());
        QVERIFY(decoded->locationKnown);
        QVERIFY(decoded->pingUrl.startsWith(u"http://127.0.0.1:"_s));
    }
    QCOMPARE(regions.at(2).toObject().value(u"code"_s).toString(), u"eu-west"_s);
    QCOMPARE(regions.at(2).toObject().value(u"location"_s).toObject().value(u"city"_s).toString(),
             u"Frankfurt"_s);
}

void TestControlPlane::regionOneAndUnknown()
{
    HttpResult r = m_backend->get(u"/api/v1/regions/asia-ne"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"name"_s).toString(), u"Asia Northeast"_s);
    r = m_backend->get(u"/api/v1/regions/mars-1"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"not_found"_s);
    r = m_backend->get(u"/api/v1/regions/mars-1/health"_s);
    QCOMPARE(r.status, 404);
}

void TestControlPlane::regionsHealthAndStats()
{
    // The monitor checks at start; wait until every region has a reading.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QJsonArray all =
                m_backend->get(u"/api/v1/regions/health"_s).json().value(u"regions"_s).toArray();
            return all.size() == 6 && std::all_of(all.begin(), all.end(), [](const QJsonValue &v) {
                       return v.toObject().contains(u"last_check"_s);
                   });
        }(),
        10000);
    const QJsonArray all =
        m_backend->get(u"/api/v1/regions/health"_s).json().value(u"regions"_s).toArray();
    for (const QJsonValue &v : all) {
        const domain::Result<domain::RegionHealth> h = domain::regionHealthFromJson(v);
        QVERIFY(h.ok());
        QVERIFY(h->reading.endpointHealthy);
        QVERIFY(h->score > 0.0 && h->score <= 100.0);
        QVERIFY(h->reading.utilisation > 0.0 && h->reading.utilisation < 1.0);
    }

    const HttpResult one = m_backend->get(u"/api/v1/regions/eu-west/health?limit=5"_s);
    QCOMPARE(one.status, 200);
    QCOMPARE(one.json().value(u"code"_s).toString(), u"eu-west"_s);
    QVERIFY(one.json().value(u"history"_s).toArray().size() <= 5);
    QCOMPARE(m_backend->get(u"/api/v1/regions/eu-west/health?limit=0"_s).status, 400);

    const QJsonObject stats = m_backend->get(u"/api/v1/regions/stats"_s).json();
    QCOMPARE(stats.value(u"total_regions"_s).toInt(), 6);
    QCOMPARE(stats.value(u"total_capacity"_s).toInteger(), 60000);
    QCOMPARE(stats.value(u"availability"_s).toDouble(), 100.0);
    // The latency matrix: model RTT, 5 ms on the diagonal.
    QCOMPARE(stats.value(u"latency_matrix_ms"_s)
                 .toObject()
                 .value(u"eu-west"_s)
                 .toObject()
                 .value(u"eu-west"_s)
                 .toDouble(),
             5.0);
}

void TestControlPlane::nearest()
{
    // Paris: nearest is Frankfurt (eu-west, priority 1).
    HttpResult r =
        m_backend->send("POST", u"/api/v1/regions/nearest"_s,
                        QJsonObject{{u"client_location"_s, QJsonObject{{u"latitude"_s, 48.8566},
                                                                       {u"longitude"_s, 2.3522}}}},
                        {});
    QCOMPARE(r.status, 200);
    QJsonObject body = r.json();
    QCOMPARE(body.value(u"primary_region"_s).toObject().value(u"code"_s).toString(), u"eu-west"_s);
    QCOMPARE(body.value(u"fallback_regions"_s).toArray().size(), 2);
    QCOMPARE(body.value(u"recommended_url"_s).toString(), u"wss://rtk-eu-west.waddle.chat"_s);

    // Seed 001's request: measured latencies decide, preferred is honoured.
    r = m_backend->send(
        "POST", u"/api/v1/regions/nearest"_s,
        QJsonObject{
            {u"client_ip"_s, u"203.0.113.1"_s},
            {u"preferred_region"_s, u"us-east"_s},
            {u"latencies"_s,
             QJsonArray{QJsonObject{{u"region_code"_s, u"us-east"_s}, {u"latency"_s, 45.2}},
                        QJsonObject{{u"region_code"_s, u"us-west"_s}, {u"latency"_s, 85.3}}}}},
        {});
    QCOMPARE(r.status, 200);
    body = r.json();
    QCOMPARE(body.value(u"primary_region"_s).toObject().value(u"code"_s).toString(), u"us-east"_s);
    QVERIFY(body.value(u"preferred_honoured"_s).toBool());
}

void TestControlPlane::nearestRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("malformed JSON") << QByteArray("{\"latencies\": [") << 400 << QString();
    QTest::newRow("array body") << QByteArray("[]") << 400 << QString();
    QTest::newRow("negative latency")
        << QByteArray(R"({"latencies":[{"region_code":"us-east","latency":-5}]})") << 400
        << u"latencies[0].latency"_s;
    QTest::newRow("latency as text")
        << QByteArray(R"({"latencies":[{"region_code":"us-east","latency":"fast"}]})") << 400
        << u"latencies[0].latency"_s;
    QTest::newRow("unknown region")
        << QByteArray(R"({"latencies":[{"region_code":"mars-1","latency":5}]})") << 400
        << u"latencies[0].region_code"_s;
    QTest::newRow("latitude 91") << QByteArray(
                                        R"({"client_location":{"latitude":91,"longitude":0}})")
                                 << 400 << u"client_location.latitude"_s;
}

void TestControlPlane::nearestRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const HttpResult r = m_backend->request("POST", u"/api/v1/regions/nearest"_s, body,
                                            {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), u"invalid_request"_s);
    if (!field.isEmpty())
        QCOMPARE(r.errorField(), field);
    QVERIFY(!r.json().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
}

void TestControlPlane::auth_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("status");
    QTest::newRow("public read, no key") << u"/api/v1/regions"_s << QString() << 200;
    QTest::newRow("public read, bad key") << u"/api/v1/regions"_s << u"wrk_nope"_s << 401;
    QTest::newRow("waddles, no key") << u"/api/v1/waddles"_s << QString() << 401;
    QTest::newRow("waddles, bad key") << u"/api/v1/waddles"_s << u"wrk_nope"_s << 401;
    QTest::newRow("alerts, no key") << u"/api/v1/alerts"_s << QString() << 401;
}

void TestControlPlane::auth()
{
    QFETCH(QString, path);
    QFETCH(QString, key);
    QFETCH(int, status);
    const HttpResult r = m_backend->get(path, key);
    QCOMPARE(r.status, status);
    if (status == 401) {
        QCOMPARE(r.errorCode(), u"unauthorized"_s);
        QVERIFY(r.headers.value("www-authenticate").startsWith("Bearer"));
    }
    // Not "Bearer …" at all.
    const HttpResult basic =
        m_backend->request("GET", u"/api/v1/regions"_s, {}, {{"Authorization", "Basic eDp5"}});
    QCOMPARE(basic.status, 401);
}

void TestControlPlane::waddlesPaged()
{
    HttpResult r = m_backend->get(u"/api/v1/waddles?limit=10"_s, m_admin);
    QCOMPARE(r.status, 200);
    QJsonObject body = r.json();
    const qint64 total = body.value(u"total"_s).toInteger();
    QVERIFY(total >= 200);
    QCOMPARE(body.value(u"waddles"_s).toArray().size(), 10);
    QCOMPARE(body.value(u"next_offset"_s).toInteger(), 10);
    const QString firstId =
        body.value(u"waddles"_s).toArray().at(0).toObject().value(u"id"_s).toString();

    r = m_backend->get(u"/api/v1/waddles?offset=10&limit=10"_s, m_admin);
    QVERIFY(r.json().value(u"waddles"_s).toArray().at(0).toObject().value(u"id"_s).toString() >
            firstId);
    // The last page has no next_offset; past the end is empty, not an error.
    r = m_backend->get(u"/api/v1/waddles?offset=%1&limit=10"_s.arg(total - 3), m_admin);
    QCOMPARE(r.json().value(u"waddles"_s).toArray().size(), 3);
    QVERIFY(!r.json().contains(u"next_offset"_s));
    r = m_backend->get(u"/api/v1/waddles?offset=%1"_s.arg(total + 100), m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"waddles"_s).toArray().size(), 0);
    // Every waddle decodes; automatic ones have a current region.
    for (const QJsonValue &v : m_backend->get(u"/api/v1/waddles?limit=500"_s, m_admin)
                                   .json()
                                   .value(u"waddles"_s)
                                   .toArray()) {
        const domain::Result<domain::Waddle> w = domain::waddleFromJson(v);
        QVERIFY(w.ok());
        QVERIFY(!w->currentRegion.isEmpty());
    }
}

void TestControlPlane::pagingRejects_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("limit 0") << u"limit=0"_s << u"limit"_s;
    QTest::newRow("limit 501") << u"limit=501"_s << u"limit"_s;
    QTest::newRow("limit text") << u"limit=ten"_s << u"limit"_s;
    QTest::newRow("negative offset") << u"offset=-1"_s << u"offset"_s;
    QTest::newRow("fractional offset") << u"offset=1.5"_s << u"offset"_s;
}

void TestControlPlane::pagingRejects()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const HttpResult r = m_backend->get(u"/api/v1/waddles?"_s + query, m_admin);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), field);
}

void TestControlPlane::waddleWithETag()
{
    HttpResult r = m_backend->get(u"/api/v1/waddles/w-0003"_s, m_admin);
    QCOMPARE(r.status, 200);
    const domain::Result<domain::Waddle> waddle = domain::waddleFromJson(r.json());
    QVERIFY(waddle.ok());
    QCOMPARE(r.headers.value("etag"), domain::waddleETag(*waddle).toLatin1());
    // A matching If-None-Match is a 304 without a body.
    r = m_backend->request("GET", u"/api/v1/waddles/w-0003"_s, {},
                           {{"Authorization", "Bearer " + m_admin.toLatin1()},
                            {"If-None-Match", domain::waddleETag(*waddle).toLatin1()}});
    QCOMPARE(r.status, 304);
    QVERIFY(r.body.isEmpty());
    r = m_backend->get(u"/api/v1/waddles/w-9999"_s, m_admin);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"not_found"_s);
}

void TestControlPlane::membersAndRecommendation()
{
    const QJsonObject waddle = m_backend->get(u"/api/v1/waddles/w-0001"_s, m_admin).json();
    const qint64 count = waddle.value(u"member_count"_s).toInteger();
    HttpResult r = m_backend->get(u"/api/v1/waddles/w-0001/members?limit=1000"_s, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"total"_s).toInteger(), count);
    QCOMPARE(r.json().value(u"members"_s).toArray().size(), std::min<qint64>(count, 1000));
    for (const QJsonValue &m : r.json().value(u"members"_s).toArray())
        QVERIFY(domain::memberFromJson(m).ok());
    QCOMPARE(m_backend->get(u"/api/v1/waddles/w-9999/members"_s, m_admin).status, 404);

    r = m_backend->get(u"/api/v1/waddles/w-0001/recommendation"_s, m_admin);
    QCOMPARE(r.status, 200);
    const QJsonObject rec = r.json();
    QCOMPARE(rec.value(u"member_count"_s).toInteger(), count);
    const QJsonArray scores = rec.value(u"scores"_s).toArray();
    QCOMPARE(scores.size(), 6); // every region's breakdown, not just the winner
    QCOMPARE(scores.at(0).toObject().value(u"code"_s).toString(),
             rec.value(u"region"_s).toString());
    for (qsizetype i = 1; i < scores.size(); ++i) {
        QVERIFY(scores.at(i - 1).toObject().value(u"score"_s).toDouble() >=
                    scores.at(i).toObject().value(u"score"_s).toDouble() ||
                !scores.at(i).toObject().value(u"eligible"_s).toBool());
    }
    QCOMPARE(m_backend->get(u"/api/v1/waddles/w-9999/recommendation"_s, m_admin).status, 404);
}

void TestControlPlane::voiceRegionUpdate()
{
    const QByteArray etag = etagOf(u"w-0002"_s);
    QVERIFY(!etag.isEmpty());
    // Pin to Tokyo.
    HttpResult r = putRegion(u"w-0002"_s, u"asia-ne"_s, etag);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"voice_region"_s).toString(), u"asia-ne"_s);
    QCOMPARE(r.json().value(u"current_region"_s).toString(), u"asia-ne"_s);
    const QByteArray pinnedTag = r.headers.value("etag");
    QVERIFY(pinnedTag != etag);

    // The old ETag is stale now: 409 with the current version, nothing changed.
    r = putRegion(u"w-0002"_s, u"auto"_s, etag);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), u"stale_version"_s);
    QCOMPARE(r.json().value(u"current"_s).toObject().value(u"voice_region"_s).toString(),
             u"asia-ne"_s);
    QCOMPARE(etagOf(u"w-0002"_s), pinnedTag);

    // Back to Automatic: the current region is the recommendation's winner.
    r = putRegion(u"w-0002"_s, u"auto"_s, pinnedTag);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"voice_region"_s).toString(), u"auto"_s);
    const QString recommended = m_backend->get(u"/api/v1/waddles/w-0002/recommendation"_s, m_admin)
                                    .json()
                                    .value(u"region"_s)
                                    .toString();
    QCOMPARE(r.json().value(u"current_region"_s).toString(), recommended);
}

void TestControlPlane::voiceRegionRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("ifMatch"); // "current": the waddle's ETag
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    QTest::newRow("unknown region") << QByteArray(R"({"region":"mars-1"})") << "current"_ba << 400
                                    << u"unknown_region"_s << u"region"_s;
    QTest::newRow("region not a code") << QByteArray(R"({"region":"Mars One"})") << "current"_ba
                                       << 400 << u"invalid_request"_s << u"region"_s;
    QTest::newRow("region a number") << QByteArray(R"({"region":5})") << "current"_ba << 400
                                     << u"invalid_request"_s << u"region"_s;
    QTest::newRow("region missing")
        << QByteArray(R"({})") << "current"_ba << 400 << u"invalid_request"_s << u"region"_s;
    QTest::newRow("malformed") << QByteArray(R"({"region":)") << "current"_ba << 400
                               << u"invalid_request"_s << QString();
    QTest::newRow("empty body") << QByteArray() << "current"_ba << 400 << u"invalid_request"_s
                                << QString();
    QTest::newRow("no If-Match") << QByteArray(R"({"region":"eu-west"})") << QByteArray() << 409
                                 << u"precondition_required"_s << u"If-Match"_s;
    QTest::newRow("made-up If-Match") << QByteArray(R"({"region":"eu-west"})") << "\"w-nope-1\""_ba
                                      << 409 << u"stale_version"_s << u"If-Match"_s;
}

void TestControlPlane::voiceRegionRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, ifMatch);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const QByteArray before = etagOf(u"w-0004"_s);
    QList<std::pair<QByteArray, QByteArray>> headers{
        {"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_admin.toLatin1()}};
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch == "current" ? before : ifMatch});
    const HttpResult r =
        m_backend->request("PUT", u"/api/v1/waddles/w-0004/voice-region"_s, body, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    if (!field.isEmpty())
        QCOMPARE(r.errorField(), field);
    QCOMPARE(etagOf(u"w-0004"_s), before); // nothing changed
}

void TestControlPlane::ownerKeyOnlyForListedWaddles()
{
    cp::ApiKeyRepository &store = m_backend->plane().apiKeys();
    const auto owner = store.createApiKey(u"owner of w-0005"_s, cp::Role::Owner, {u"w-0005"_s});
    const auto viewer = store.createApiKey(u"viewer"_s, cp::Role::Viewer, {});
    QVERIFY(owner.ok() && viewer.ok());

    HttpResult r = putRegion(u"w-0005"_s, u"eu-north"_s, etagOf(u"w-0005"_s), owner.value());
    QCOMPARE(r.status, 200);
    r = putRegion(u"w-0006"_s, u"eu-north"_s, etagOf(u"w-0006"_s), owner.value());
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), u"forbidden"_s);
    r = putRegion(u"w-0005"_s, u"auto"_s, etagOf(u"w-0005"_s), viewer.value());
    QCOMPARE(r.status, 403);
    // Viewers read.
    QCOMPARE(m_backend->get(u"/api/v1/waddles/w-0006"_s, viewer.value()).status, 200);
    // Operator actions are not for owners.
    QCOMPARE(m_backend->send("POST", u"/api/v1/regions/eu-west/check"_s, {}, owner.value()).status,
             403);
}

void TestControlPlane::keySelf_data()
{
    QTest::addColumn<QString>("role"); // empty: no key; "bad": a key the server never made
    QTest::addColumn<QStringList>("waddles");
    QTest::addColumn<int>("status");
    QTest::newRow("viewer") << u"viewer"_s << QStringList() << 200;
    QTest::newRow("analyst") << u"analyst"_s << QStringList() << 200;
    QTest::newRow("owner of two") << u"owner"_s << QStringList{u"w-0003"_s, u"w-0004"_s} << 200;
    QTest::newRow("operator") << u"operator"_s << QStringList() << 200;
    QTest::newRow("admin") << u"admin"_s << QStringList() << 200;
    QTest::newRow("no key") << QString() << QStringList() << 401;
    QTest::newRow("bad key") << u"bad"_s << QStringList() << 401;
}

void TestControlPlane::keySelf()
{
    QFETCH(QString, role);
    QFETCH(QStringList, waddles);
    QFETCH(int, status);
    QString secret;
    QString id;
    const QDateTime expires = QDateTime::currentDateTimeUtc().addDays(30);
    if (role == u"bad"_s) {
        secret = u"wrk_nope"_s;
    } else if (!role.isEmpty()) {
        const auto made = m_backend->plane().apiKeys().createApiKey(
            u"self "_s + role, *domain::roleFromString(role), waddles, expires);
        QVERIFY(made.ok());
        secret = made->secret;
        id = made->key.id;
    }
    const HttpResult r = m_backend->get(u"/api/v1/keys/self"_s, secret);
    QCOMPARE(r.status, status);
    if (status != 200) {
        QCOMPARE(r.errorCode(), u"unauthorized"_s);
        return;
    }
    const QJsonObject self = r.json();
    QCOMPARE(self.value(u"id"_s).toString(), id);
    QCOMPARE(self.value(u"name"_s).toString(), u"self "_s + role);
    QCOMPARE(self.value(u"role"_s).toString(), role);
    QStringList listed;
    for (const QJsonValue &w : self.value(u"waddles"_s).toArray())
        listed.append(w.toString());
    QCOMPARE(listed, waddles);
    QCOMPARE(QDateTime::fromString(self.value(u"expires_at"_s).toString(), Qt::ISODateWithMs)
                 .toSecsSinceEpoch(),
             expires.toSecsSinceEpoch());
    // Never the secret, nor anything only admins see.
    QVERIFY(!self.contains(u"secret"_s));
    QVERIFY(!self.contains(u"last_used_at"_s));
    // Not a key id: DELETE /keys/self is the revoke route, and no key is "self".
    QCOMPARE(m_backend->send("DELETE", u"/api/v1/keys/self"_s, {}, m_admin).status, 404);
}

// The console's table (domain::requiredRole) against the server's routes as
// the OpenAPI document states them (x-required-role, from each route's
// Access): a key the console lets act is one the server lets act, and the
// other way round.
void TestControlPlane::actionRolesMatchRoutes_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("endpoint");
    const QList<std::pair<QString, QString>> rows{
        {u"failover"_s, u"post /api/v1/failovers"_s},
        {u"failover"_s, u"post /api/v1/failovers/{id}/start"_s},
        {u"fail-back"_s, u"post /api/v1/failovers/{id}/failback"_s},
        {u"migrate-waddles"_s, u"post /api/v1/migrations"_s},
        {u"migrate-waddles"_s, u"post /api/v1/waddles/{id}/optimise"_s},
        {u"cancel-migration"_s, u"post /api/v1/migrations/{id}/cancel"_s},
        {u"optimise-fleet"_s, u"post /api/v1/optimiser/run"_s},
        {u"manage-regions"_s, u"put /api/v1/regions/{code}"_s},
        {u"manage-regions"_s, u"put /api/v1/regions/{code}/maintenance"_s},
        {u"manage-regions"_s, u"post /api/v1/regions/{code}/check"_s},
        {u"acknowledge-alert"_s, u"post /api/v1/alerts/{id}/ack"_s},
        {u"change-voice-region"_s, u"put /api/v1/waddles/{id}/voice-region"_s},
        {u"edit-custom-metrics"_s, u"post /api/v1/analytics/metrics/custom"_s},
        {u"edit-custom-metrics"_s, u"put /api/v1/analytics/metrics/custom/{project_id}/{id}"_s},
        {u"edit-custom-metrics"_s, u"delete /api/v1/analytics/metrics/custom/{project_id}/{id}"_s},
        {u"edit-alert-rules"_s, u"post /api/v1/analytics/alerts"_s},
        {u"edit-alert-rules"_s, u"put /api/v1/analytics/alerts/{project_id}/{id}"_s},
        {u"edit-alert-rules"_s, u"delete /api/v1/analytics/alerts/{project_id}/{id}"_s},
        {u"edit-alert-rules"_s, u"post /api/v1/analytics/alerts/{project_id}/check"_s},
        {u"acknowledge-trigger"_s, u"post /api/v1/analytics/triggers/{project_id}/{id}/ack"_s},
        {u"edit-alert-rules"_s, u"post /api/v1/analytics/silences"_s},
        {u"edit-alert-rules"_s, u"delete /api/v1/analytics/silences/{project_id}/{id}"_s},
        {u"export-analytics"_s, u"post /api/v1/analytics/export/{project_id}"_s},
        {u"manage-keys"_s, u"post /api/v1/keys"_s},
        {u"manage-keys"_s, u"get /api/v1/keys"_s},
        {u"manage-keys"_s, u"delete /api/v1/keys/{id}"_s},
    };
    for (const auto &[action, endpoint] : rows)
        QTest::newRow(qPrintable(endpoint)) << action << endpoint;
}

void TestControlPlane::actionRolesMatchRoutes()
{
    QFETCH(QString, action);
    QFETCH(QString, endpoint);
    const std::optional<domain::Action> a = domain::actionFromString(action);
    QVERIFY2(a, qPrintable(action));
    const HttpResult r = m_backend->get(u"/api/v1/openapi.json"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject operation = r.json()
                                      .value(u"paths"_s)
                                      .toObject()
                                      .value(endpoint.section(u' ', 1))
                                      .toObject()
                                      .value(endpoint.section(u' ', 0, 0))
                                      .toObject();
    QVERIFY2(!operation.isEmpty(), qPrintable(endpoint));
    QCOMPARE(operation.value(u"x-required-role"_s).toString(),
             domain::toString(domain::requiredRole(*a)));
}

// Draining a region is POST /migrations (an owner's route) with from_region:
// the handler asks for an operator, as the console's table does.
void TestControlPlane::drainNeedsOperator()
{
    QVERIFY(domain::requiredRole(domain::Action::DrainRegion) == domain::Role::Operator);
    cp::ApiKeyRepository &store = m_backend->plane().apiKeys();
    const auto owner = store.createApiKey(u"owner drains"_s, cp::Role::Owner, {u"w-0005"_s});
    const auto op = store.createApiKey(u"operator drains"_s, cp::Role::Operator, {});
    QVERIFY(owner.ok() && op.ok());
    const QJsonObject drain{
        {u"from_region"_s, u"eu-west"_s}, {u"to"_s, u"us-east"_s}, {u"dry_run"_s, true}};
    QCOMPARE(m_backend->send("POST", u"/api/v1/migrations"_s, drain, owner.value()).status, 403);
    QCOMPARE(m_backend->send("POST", u"/api/v1/migrations"_s, drain, op.value()).status, 200);
}

void TestControlPlane::regionSettings()
{
    const HttpResult before = m_backend->get(u"/api/v1/regions/asia-ne"_s);
    const QByteArray etag = before.headers.value("etag");
    QCOMPARE(etag, "\"r-asia-ne-1\""_ba);
    // A conditional read of an unchanged region is 304.
    QCOMPARE(m_backend->request("GET", u"/api/v1/regions/asia-ne"_s, {}, {{"If-None-Match", etag}})
                 .status,
             304);

    HttpResult r = m_backend->send(
        "PUT", u"/api/v1/regions/asia-ne"_s,
        QJsonObject{{u"priority"_s, 3}, {u"failover_regions"_s, QJsonArray{u"us-west"_s}}}, m_admin,
        etag);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"priority"_s).toInt(), 3);
    QCOMPARE(r.json().value(u"failover_regions"_s).toArray(), QJsonArray{u"us-west"_s});
    QCOMPARE(r.json().value(u"version"_s).toInt(), 2);
    QCOMPARE(r.headers.value("etag"), "\"r-asia-ne-2\""_ba);
    // Served at once, in the list too; the status is still the live one.
    const QJsonObject served = m_backend->get(u"/api/v1/regions/asia-ne"_s).json();
    QCOMPARE(served.value(u"priority"_s).toInt(), 3);
    QCOMPARE(served.value(u"status"_s), before.json().value(u"status"_s));
    bool listed = false;
    for (const QJsonValue v :
         m_backend->get(u"/api/v1/regions"_s).json().value(u"regions"_s).toArray()) {
        if (v.toObject().value(u"code"_s).toString() == u"asia-ne"_s)
            listed = v.toObject().value(u"priority"_s).toInt() == 3;
    }
    QVERIFY(listed);

    // The first ETag is stale now: 409 with the current region, nothing changed.
    r = m_backend->send("PUT", u"/api/v1/regions/asia-ne"_s, QJsonObject{{u"priority"_s, 9}},
                        m_admin, etag);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), u"stale_version"_s);
    QCOMPARE(r.json().value(u"current"_s).toObject().value(u"priority"_s).toInt(), 3);
    QCOMPARE(r.headers.value("etag"), "\"r-asia-ne-2\""_ba);

    // Only what is sent changes: the failover list stays.
    const QJsonValue priority = before.json().value(u"priority"_s);
    r = m_backend->send("PUT", u"/api/v1/regions/asia-ne"_s, QJsonObject{{u"priority"_s, priority}},
                        m_admin, "\"r-asia-ne-2\""_ba);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"priority"_s), priority);
    QCOMPARE(r.json().value(u"failover_regions"_s).toArray(), QJsonArray{u"us-west"_s});
    // Back as the catalogue has it, for the other tests.
    r = m_backend->send(
        "PUT", u"/api/v1/regions/asia-ne"_s,
        QJsonObject{{u"failover_regions"_s, before.json().value(u"failover_regions"_s)}}, m_admin,
        "\"r-asia-ne-3\""_ba);
    QCOMPARE(r.status, 200);

    // Operators only.
    const auto viewer =
        m_backend->plane().apiKeys().createApiKey(u"viewer of settings"_s, cp::Role::Viewer, {});
    QVERIFY(viewer.ok());
    QCOMPARE(m_backend
                 ->send("PUT", u"/api/v1/regions/asia-ne"_s, QJsonObject{{u"priority"_s, 2}},
                        viewer.value(), "*"_ba)
                 .status,
             403);
    QCOMPARE(
        m_backend
            ->send("PUT", u"/api/v1/regions/asia-ne"_s, QJsonObject{{u"priority"_s, 2}}, {}, "*"_ba)
            .status,
        401);
}

void TestControlPlane::regionSettingsRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("ifMatch"); // "current": the region's ETag
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");
    const QString eu = u"/api/v1/regions/eu-north"_s;
    QTest::newRow("unknown region")
        << u"/api/v1/regions/mars-1"_s << QByteArray(R"({"priority":2})") << "*"_ba << 404
        << u"not_found"_s << u"code"_s;
    QTest::newRow("nothing to change") << eu << QByteArray(R"({})") << "current"_ba << 400
                                       << u"invalid_request"_s << u"priority"_s;
    QTest::newRow("priority negative") << eu << QByteArray(R"({"priority":-1})") << "current"_ba
                                       << 400 << u"invalid_request"_s << u"priority"_s;
    QTest::newRow("priority huge") << eu << QByteArray(R"({"priority":1e9})") << "current"_ba << 400
                                   << u"invalid_request"_s << u"priority"_s;
    QTest::newRow("priority fraction") << eu << QByteArray(R"({"priority":1.5})") << "current"_ba
                                       << 400 << u"invalid_request"_s << u"priority"_s;
    QTest::newRow("priority text") << eu << QByteArray(R"({"priority":"1"})") << "current"_ba << 400
                                   << u"invalid_request"_s << u"priority"_s;
    QTest::newRow("failover not a list")
        << eu << QByteArray(R"({"failover_regions":"eu-west"})") << "current"_ba << 400
        << u"invalid_request"_s << u"failover_regions"_s;
    QTest::newRow("failover unknown")
        << eu << QByteArray(R"({"failover_regions":["eu-west","mars-1"]})") << "current"_ba << 400
        << u"invalid_request"_s << u"failover_regions[1]"_s;
    QTest::newRow("failover itself")
        << eu << QByteArray(R"({"failover_regions":["eu-north"]})") << "current"_ba << 400
        << u"invalid_request"_s << u"failover_regions[0]"_s;
    QTest::newRow("failover twice")
        << eu << QByteArray(R"({"failover_regions":["eu-west","eu-west"]})") << "current"_ba << 400
        << u"invalid_request"_s << u"failover_regions[1]"_s;
    QTest::newRow("malformed") << eu << QByteArray(R"({"priority":)") << "current"_ba << 400
                               << u"invalid_request"_s << QString();
    QTest::newRow("no If-Match") << eu << QByteArray(R"({"priority":2})") << QByteArray() << 409
                                 << u"precondition_required"_s << u"If-Match"_s;
    QTest::newRow("made-up If-Match")
        << eu << QByteArray(R"({"priority":2})") << "\"r-eu-north-99\""_ba << 409
        << u"stale_version"_s << u"If-Match"_s;
    QTest::newRow("waddle's ETag") << eu << QByteArray(R"({"priority":2})") << "\"w-w-0001-1\""_ba
                                   << 409 << u"stale_version"_s << u"If-Match"_s;
}

void TestControlPlane::regionSettingsRejects()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, ifMatch);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, field);
    const HttpResult before = m_backend->get(u"/api/v1/regions/eu-north"_s);
    QList<std::pair<QByteArray, QByteArray>> headers{
        {"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_admin.toLatin1()}};
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch == "current" ? before.headers.value("etag") : ifMatch});
    const HttpResult r = m_backend->request("PUT", path, body, headers);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    if (!field.isEmpty())
        QCOMPARE(r.errorField(), field);
    // Nothing changed.
    const HttpResult after = m_backend->get(u"/api/v1/regions/eu-north"_s);
    QCOMPARE(after.headers.value("etag"), before.headers.value("etag"));
    QCOMPARE(after.json().value(u"priority"_s), before.json().value(u"priority"_s));
    QCOMPARE(after.json().value(u"failover_regions"_s), before.json().value(u"failover_regions"_s));
}

void TestControlPlane::operatorActions()
{
    HttpResult r = m_backend->send("POST", u"/api/v1/regions/asia-se/check"_s, {}, m_admin);
    QCOMPARE(r.status, 200);
    QVERIFY(domain::regionHealthFromJson(r.json()).ok());
    QCOMPARE(m_backend->send("POST", u"/api/v1/regions/mars-1/check"_s, {}, m_admin).status, 404);
    QCOMPARE(m_backend->send("POST", u"/api/v1/regions/asia-se/check"_s, {}, {}).status, 401);

    r = m_backend->send("PUT", u"/api/v1/regions/asia-se/maintenance"_s,
                        QJsonObject{{u"maintenance"_s, true}}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"status"_s).toString(), u"maintenance"_s);
    QCOMPARE(
        m_backend->get(u"/api/v1/regions/asia-se"_s).json().value(u"health_status"_s).toString(),
        u"down"_s);
    r = m_backend->send("PUT", u"/api/v1/regions/asia-se/maintenance"_s,
                        QJsonObject{{u"maintenance"_s, u"yes"_s}}, m_admin);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), u"maintenance"_s);
    r = m_backend->send("PUT", u"/api/v1/regions/asia-se/maintenance"_s,
                        QJsonObject{{u"maintenance"_s, false}}, m_admin);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(u"status"_s).toString() != u"maintenance"_s);

    // Both changes were alerted.
    const QJsonArray alerts =
        m_backend->get(u"/api/v1/alerts?limit=10"_s, m_admin).json().value(u"alerts"_s).toArray();
    QVERIFY(alerts.size() >= 2);
    QCOMPARE(alerts.at(1).toObject().value(u"title"_s).toString(),
             u"Voice region asia-se is in maintenance"_s);
}

void TestControlPlane::faultInjectionRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const QString euWest = u"/api/v1/sim/regions/eu-west/fault"_s;
    QTest::newRow("unknown kind") << euWest << QByteArray(R"({"kind":"sideways"})") << 400
                                  << u"kind"_s;
    QTest::newRow("kind missing") << euWest << QByteArray(R"({"extra_ms":5})") << 400 << u"kind"_s;
    QTest::newRow("latency without extra")
        << euWest << QByteArray(R"({"kind":"latency"})") << 400 << u"extra_ms"_s;
    QTest::newRow("negative extra")
        << euWest << QByteArray(R"({"kind":"latency","extra_ms":-5})") << 400 << u"extra_ms"_s;
    QTest::newRow("unknown region") << u"/api/v1/sim/regions/mars-1/fault"_s
                                    << QByteArray(R"({"kind":"offline"})") << 404 << u"code"_s;
}

void TestControlPlane::faultInjectionRejects()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, field);
    const HttpResult r = m_backend->request(
        "POST", path, body,
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_admin.toLatin1()}});
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorField(), field);
    // The region still answers.
    QCOMPARE(m_backend->get(u"/api/v1/regions/eu-west"_s).json().value(u"status"_s).toString(),
             u"online"_s);
}

void TestControlPlane::wrongMethodAndPath()
{
    HttpResult r = m_backend->request("DELETE", u"/api/v1/regions"_s);
    QCOMPARE(r.status, 405);
    QCOMPARE(r.headers.value("allow"), "GET"_ba);
    QCOMPARE(r.errorCode(), u"method_not_allowed"_s);
    r = m_backend->get(u"/api/v1/nothing-here"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), u"not_found"_s);
    // JSON only.
    r = m_backend->request("PUT", u"/api/v1/regions/eu-west/maintenance"_s, "maintenance=true",
                           {{"Content-Type", "application/x-www-form-urlencoded"},
                            {"Authorization", "Bearer " + m_admin.toLatin1()}});
    QCOMPARE(r.status, 415);
}

void TestControlPlane::oversizedBody()
{
    const QByteArray big(1024 * 1024 + 1, ' ');
    const HttpResult r = m_backend->request("POST", u"/api/v1/regions/nearest"_s, big,
                                            {{"Content-Type", "application/json"}});
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), u"payload_too_large"_s);
}

void TestControlPlane::openApiMatchesRoutes()
{
    const HttpResult r = m_backend->get(u"/api/v1/openapi.json"_s);
    QCOMPARE(r.status, 200);
    const QJsonObject doc = r.json();
    QCOMPARE(doc.value(u"openapi"_s).toString(), u"3.0.3"_s);
    const QJsonObject paths = doc.value(u"paths"_s).toObject();
    // Exactly the endpoints of SPEC §12 this server has are documented (the
    // document is built from the route table, so a route added without its
    // line here fails this test)…
    int operations = 0;
    const QStringList expected{u"GET /api/v1/regions"_s,
                               u"GET /api/v1/regions/health"_s,
                               u"GET /api/v1/regions/stats"_s,
                               u"POST /api/v1/regions/nearest"_s,
                               u"GET /api/v1/regions/{code}"_s,
                               u"GET /api/v1/regions/{code}/health"_s,
                               u"POST /api/v1/regions/{code}/check"_s,
                               u"PUT /api/v1/regions/{code}"_s,
                               u"PUT /api/v1/regions/{code}/maintenance"_s,
                               u"GET /api/v1/alerts"_s,
                               u"POST /api/v1/alerts/{id}/ack"_s,
                               u"GET /api/v1/waddles"_s,
                               u"GET /api/v1/waddles/{id}"_s,
                               u"GET /api/v1/waddles/{id}/members"_s,
                               u"GET /api/v1/waddles/{id}/recommendation"_s,
                               u"PUT /api/v1/waddles/{id}/voice-region"_s,
                               u"POST /api/v1/failovers"_s,
                               u"GET /api/v1/failovers"_s,
                               u"GET /api/v1/failovers/{id}"_s,
                               u"POST /api/v1/failovers/{id}/start"_s,
                               u"POST /api/v1/failovers/{id}/failback"_s,
                               u"POST /api/v1/migrations"_s,
                               u"GET /api/v1/migrations"_s,
                               u"GET /api/v1/migrations/{id}"_s,
                               u"POST /api/v1/migrations/{id}/cancel"_s,
                               u"POST /api/v1/optimiser/run"_s,
                               u"POST /api/v1/waddles/{id}/optimise"_s,
                               u"POST /api/v1/sim/regions/{code}/fault"_s,
                               u"DELETE /api/v1/sim/regions/{code}/fault"_s,
                               u"POST /api/v1/keys"_s,
                               u"GET /api/v1/keys"_s,
                               u"GET /api/v1/keys/self"_s,
                               u"DELETE /api/v1/keys/{id}"_s,
                               u"POST /api/v1/usage"_s,
                               u"GET /api/v1/analytics/realtime/{project_id}"_s,
                               u"GET /api/v1/analytics/usage/{project_id}"_s,
                               u"GET /api/v1/analytics/audit"_s,
                               u"POST /api/v1/analytics/metrics/custom"_s,
                               u"GET /api/v1/analytics/metrics/custom/{project_id}"_s,
                               u"PUT /api/v1/analytics/metrics/custom/{project_id}/{id}"_s,
                               u"DELETE /api/v1/analytics/metrics/custom/{project_id}/{id}"_s,
                               u"POST /api/v1/analytics/alerts"_s,
                               u"GET /api/v1/analytics/alerts/{project_id}"_s,
                               u"PUT /api/v1/analytics/alerts/{project_id}/{id}"_s,
                               u"DELETE /api/v1/analytics/alerts/{project_id}/{id}"_s,
                               u"POST /api/v1/analytics/alerts/{project_id}/check"_s,
                               u"GET /api/v1/analytics/triggers/{project_id}"_s,
                               u"POST /api/v1/analytics/triggers/{project_id}/{id}/ack"_s,
                               u"POST /api/v1/analytics/silences"_s,
                               u"GET /api/v1/analytics/silences/{project_id}"_s,
                               u"DELETE /api/v1/analytics/silences/{project_id}/{id}"_s,
                               u"GET /api/v1/analytics/deliveries/{project_id}"_s,
                               u"GET /api/v1/analytics/forecast/{project_id}"_s,
                               u"GET /api/v1/regions/{code}/dashboard"_s,
                               u"POST /api/v1/analytics/export/{project_id}"_s,
                               u"GET /api/v1/analytics/export/status/{export_id}"_s,
                               u"GET /api/v1/analytics/export/{export_id}/download"_s,
                               u"GET /api/v1/cluster"_s,
                               u"GET /api/v1/openapi.json"_s,
                               u"GET /api/v1/events"_s};
    QStringList documented;
    for (auto path = paths.constBegin(); path != paths.constEnd(); ++path) {
        const QJsonObject item = path.value().toObject();
        for (auto op = item.constBegin(); op != item.constEnd(); ++op) {
            documented.append(op.key().toUpper() + u' ' + path.key());
            ++operations;
            QVERIFY(!op.value().toObject().value(u"summary"_s).toString().isEmpty());
        }
    }
    documented.sort();
    QStringList sortedExpected = expected;
    sortedExpected.sort();
    QCOMPARE(documented, sortedExpected);
    // …and every documented path answers with something other than 404/405
    // for its method (path parameters filled with real values).
    for (const QString &entry : expected) {
        // A failover or migration {id} answers 404 for a job that does not
        // exist, as it should: tst_failoverroutes and tst_migrationroutes
        // reach those with real jobs.
        if (entry.contains(u"/events"_s) || entry.contains(u"/fault"_s) ||
            entry.contains(u"/failovers/{id}"_s) || entry.contains(u"/migrations/{id}"_s))
            continue;
        const QString method = entry.section(u' ', 0, 0);
        QString path = entry.section(u' ', 1);
        // A key's id is one made for the purpose (and revoked by the DELETE).
        const QString id =
            path.startsWith(u"/api/v1/keys/"_s)
                ? m_backend
                      ->send("POST", u"/api/v1/keys"_s,
                             QJsonObject{{u"name"_s, u"spare"_s}, {u"role"_s, u"viewer"_s}},
                             m_admin)
                      .json()
                      .value(u"id"_s)
                      .toString()
                : u"w-0001"_s;
        path.replace(u"{code}"_s, u"eu-west"_s)
            .replace(u"{id}"_s, id)
            .replace(u"{project_id}"_s, u"fleet"_s);
        const HttpResult answer =
            // A dry run where a route has one: the optimiser must not move
            // waddles under the other tests.
            m_backend->request(method.toLatin1(), path, R"({"dry_run": true})",
                               {{"Content-Type", "application/json"},
                                {"Authorization", "Bearer " + m_admin.toLatin1()}});
        // A 404 of the route itself (no such metric, alert or trigger) is
        // not the router's "no such endpoint".
        const bool routed = answer.status != 405 &&
                            (answer.status != 404 || !answer.json()
                                                          .value(u"error"_s)
                                                          .toObject()
                                                          .value(u"message"_s)
                                                          .toString()
                                                          .startsWith(u"no such endpoint"_s));
        QVERIFY2(routed, qPrintable(entry + u" → "_s + QString::number(answer.status)));
    }
    QVERIFY(operations == expected.size());
}

void TestControlPlane::liveEvents()
{
    QWebSocket socket;
    QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
    QUrl url = m_backend->url(u"/api/v1/events"_s);
    url.setScheme(u"ws"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_admin.toLatin1());
    socket.open(request);
    QTRY_VERIFY_WITH_TIMEOUT(messages.size() >= 1, 5000);
    const QJsonObject hello =
        QJsonDocument::fromJson(messages.at(0).at(0).toString().toUtf8()).object();
    QCOMPARE(hello.value(u"type"_s).toString(), u"hello"_s);
    QVERIFY(hello.value(u"waddle_events"_s).toBool());

    // A waddle region change is pushed.
    QVERIFY(putRegion(u"w-0007"_s, u"us-west"_s, etagOf(u"w-0007"_s)).status == 200);
    auto seen = [&messages](const QString &type) {
        for (const QList<QVariant> &m : messages) {
            const QJsonObject event = QJsonDocument::fromJson(m.at(0).toString().toUtf8()).object();
            if (event.value(u"type"_s).toString() == type)
                return event;
        }
        return QJsonObject{};
    };
    QTRY_VERIFY_WITH_TIMEOUT(!seen(u"waddle.region"_s).isEmpty(), 5000);
    QCOMPARE(seen(u"waddle.region"_s).value(u"to"_s).toString(), u"us-west"_s);
    // Health checks are pushed as they happen.
    QTRY_VERIFY_WITH_TIMEOUT(!seen(u"region.health"_s).isEmpty(), 10000);

    // A bad key is refused; an unknown stream path too.
    QWebSocket refused;
    QSignalSpy closed(&refused, &QWebSocket::disconnected);
    url.setQuery(u"access_token=wrk_nope"_s);
    refused.open(url);
    QTRY_VERIFY_WITH_TIMEOUT(closed.size() == 1, 5000);
    socket.close();
}

void TestControlPlane::restartKeepsEveryChange()
{
    TestBackend backend;
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    const QString admin = backend.adminKey();
    const QByteArray etag = backend.get(u"/api/v1/waddles/w-0010"_s, admin).headers.value("etag");
    QCOMPARE(backend
                 .send("PUT", u"/api/v1/waddles/w-0010/voice-region"_s,
                       QJsonObject{{u"region"_s, u"eu-north"_s}}, admin, etag)
                 .status,
             200);
    QCOMPARE(backend
                 .send("PUT", u"/api/v1/regions/us-west/maintenance"_s,
                       QJsonObject{{u"maintenance"_s, true}}, admin)
                 .status,
             200);
    QCOMPARE(backend
                 .send("PUT", u"/api/v1/regions/eu-west"_s,
                       QJsonObject{{u"priority"_s, 7},
                                   {u"failover_regions"_s, QJsonArray{u"us-east"_s}}},
                       admin, "*"_ba)
                 .status,
             200);
    const auto viewer = backend.plane().apiKeys().createApiKey(u"viewer"_s, cp::Role::Viewer, {});
    QVERIFY(viewer.ok());
    const qint64 waddles =
        backend.get(u"/api/v1/waddles"_s, admin).json().value(u"total"_s).toInteger();

    QVERIFY(backend.restart());
    // Same admin key (read back from admin.key), not a new one.
    QCOMPARE(backend.adminKey(), admin);
    QVERIFY(!backend.plane().adminKeyCreated());
    const HttpResult waddle = backend.get(u"/api/v1/waddles/w-0010"_s, viewer.value());
    QCOMPARE(waddle.status, 200);
    QCOMPARE(waddle.json().value(u"voice_region"_s).toString(), u"eu-north"_s);
    QCOMPARE(waddle.json().value(u"version"_s).toInt(), 2);
    QCOMPARE(backend.get(u"/api/v1/regions/us-west"_s).json().value(u"status"_s).toString(),
             u"maintenance"_s);
    // The operator's region settings outlive the catalogue being loaded again.
    const QJsonObject euWest = backend.get(u"/api/v1/regions/eu-west"_s).json();
    QCOMPARE(euWest.value(u"priority"_s).toInt(), 7);
    QCOMPARE(euWest.value(u"failover_regions"_s).toArray(), QJsonArray{u"us-east"_s});
    QCOMPARE(euWest.value(u"version"_s).toInt(), 2);
    // Demo data is seeded once, not again on an existing store.
    QCOMPARE(backend.get(u"/api/v1/waddles"_s, admin).json().value(u"total"_s).toInteger(),
             waddles);
    QVERIFY(!backend.get(u"/api/v1/alerts"_s, admin).json().value(u"alerts"_s).toArray().isEmpty());
}

void TestControlPlane::rateLimit()
{
    TestBackend backend([](cp::ControlPlaneOptions &o) { o.requestsPerMinute = 5; });
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(backend.get(u"/api/v1/regions"_s).status, 200);
    const HttpResult refused = backend.get(u"/api/v1/regions"_s);
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.errorCode(), u"rate_limited"_s);
    const int retryAfter = refused.headers.value("retry-after").toInt();
    QVERIFY(retryAfter >= 1 && retryAfter <= 60);
    // Another key has its own budget.
    QCOMPARE(backend.get(u"/api/v1/regions"_s, backend.adminKey()).status, 200);
}

void TestControlPlane::adminKeyFromEnvironment()
{
    const QString secret = u"wrk_from_the_environment_0123456789"_s;
    TestBackend backend([&secret](cp::ControlPlaneOptions &o) { o.adminKey = secret; });
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    QCOMPARE(backend.adminKey(), secret);
    QVERIFY(!QFile::exists(backend.plane().adminKeyPath()));
    QCOMPARE(backend.get(u"/api/v1/waddles?limit=1"_s, secret).status, 200);
}

void TestControlPlane::detectsInjectedFault()
{
    // Checks every 250 ms: the same rule as every 5 s, in a twentieth of the time.
    TestBackend backend([](cp::ControlPlaneOptions &o) { o.healthIntervalMs = 250; });
    QVERIFY2(backend.ok(), qPrintable(backend.error()));
    const QString admin = backend.adminKey();
    QSignalSpy changes(&backend.plane(), &cp::ControlPlane::regionStatusChanged);
    QSignalSpy transitions(&backend.plane().health().monitor(), &cp::HealthMonitor::statusChanged);
    QCOMPARE(backend
                 .send("POST", u"/api/v1/sim/regions/eu-north/fault"_s,
                       QJsonObject{{u"kind"_s, u"offline"_s}}, admin)
                 .status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(
        backend.get(u"/api/v1/regions/eu-north"_s).json().value(u"status"_s).toString() ==
            u"offline"_s,
        5000);
    // Declared at the second failed check in a row, not the first (SPEC §8).
    QCOMPARE(transitions.size(), 1);
    QCOMPARE(transitions.at(0).at(3).value<domain::RegionHealth>().consecutiveFailures, 2);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.at(0).at(0).toString(), u"eu-north"_s);
    // The offline alert, and (issue 11) the failover it started raises its
    // own at start.
    QJsonObject alert;
    bool failoverAlerted = false;
    for (const QJsonValue &a :
         backend.get(u"/api/v1/alerts?limit=10"_s, admin).json().value(u"alerts"_s).toArray()) {
        if (a[u"title"_s].toString() == u"Voice region eu-north is offline"_s)
            alert = a.toObject();
        failoverAlerted |= a[u"title"_s].toString() == u"Failover started"_s;
    }
    QCOMPARE(alert.value(u"severity"_s).toString(), u"critical"_s);
    QVERIFY(failoverAlerted);

    // Degraded: the agent reports 95 % load, 260 ms p99, 8 % errors.
    QCOMPARE(backend
                 .send("POST", u"/api/v1/sim/regions/eu-north/fault"_s,
                       QJsonObject{{u"kind"_s, u"degraded"_s}}, admin)
                 .status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(
        backend.get(u"/api/v1/regions/eu-north"_s).json().value(u"status"_s).toString() ==
            u"degraded"_s,
        5000);
    QCOMPARE(backend
                 .request("DELETE", u"/api/v1/sim/regions/eu-north/fault"_s, {},
                          {{"Authorization", "Bearer " + admin.toLatin1()}})
                 .status,
             200);
    QTRY_VERIFY_WITH_TIMEOUT(
        backend.get(u"/api/v1/regions/eu-north"_s).json().value(u"status"_s).toString() ==
            u"online"_s,
        5000);
}

void TestControlPlane::refusesToStart()
{
    // A port in use: a clear error, nothing left running.
    TestBackend first;
    QVERIFY(first.ok());
    const quint16 taken = first.plane().port();
    TestBackend second([taken](cp::ControlPlaneOptions &o) {
        o.port = taken;
        o.demo = false;
    });
    QVERIFY(!second.ok());
    QVERIFY2(second.error().contains(u"cannot listen"_s), qPrintable(second.error()));
    // A catalogue that is not one.
    QTemporaryDir dir;
    const QString bad = dir.filePath(u"bad.json"_s);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"regions":[{"code":"x","location":{"latitude":95,"longitude":0}}]})");
    file.close();
    TestBackend third([&bad](cp::ControlPlaneOptions &o) { o.cataloguePath = bad; });
    QVERIFY(!third.ok());
    QVERIFY2(third.error().contains(u"regions[0].location.latitude"_s), qPrintable(third.error()));
}

// GET /api/v1/cluster on SQLite (issue 16): one instance, leading since it
// started; a key is needed. tst_cluster (e2e) has two on PostgreSQL.
void TestControlPlane::clusterOfOneOnSqlite()
{
    QCOMPARE(m_backend->get(u"/api/v1/cluster"_s).status, 401);
    const HttpResult r = m_backend->get(u"/api/v1/cluster"_s, m_admin);
    QCOMPARE(r.status, 200);
    const QJsonObject cluster = r.json();
    QCOMPARE(cluster.value(u"engine"_s).toString(), u"sqlite"_s);
    const QString self = cluster.value(u"self"_s).toString();
    QVERIFY(!self.isEmpty());
    QCOMPARE(cluster.value(u"leader"_s).toString(), self);
    QVERIFY(
        QDateTime::fromString(cluster.value(u"since"_s).toString(), Qt::ISODateWithMs).isValid());
    const QJsonArray instances = cluster.value(u"instances"_s).toArray();
    QCOMPARE(instances.size(), 1);
    const QJsonObject one = instances.first().toObject();
    QCOMPARE(one.value(u"id"_s).toString(), self);
    QVERIFY(one.value(u"leader"_s).toBool());
    QCOMPARE(one.value(u"address"_s).toString(), m_backend->plane().baseUrl().toString());
}

QTEST_GUILESS_MAIN(TestControlPlane)
#include "tst_controlplane.moc"
