// Key management, roles and project scope, usage ingest and the analytics
// read endpoints (issue 12) over real HTTP on an ephemeral loopback port,
// with the demo fleet: every endpoint's good path next to its bad inputs.
#include "controlplane/store/waddlerepository.h"
#include "support/testbackend.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTest>

using namespace waddle;
using namespace waddle::test;
using namespace Qt::StringLiterals;

namespace {

QJsonObject usageEvent(const QString &region, const QString &waddle, int participants,
                       double seconds, double quality, double latency, const QString &at)
{
    return QJsonObject{{u"region"_s, region},
                       {u"waddle_id"_s, waddle},
                       {u"channel_id"_s, u"c-1"_s},
                       {u"participant_count"_s, participants},
                       {u"duration_seconds"_s, seconds},
                       {u"quality"_s, quality},
                       {u"latency_ms"_s, latency},
                       {u"started_at"_s, at}};
}

} // namespace

class TestAnalyticsRoutes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void keyLifecycle();
    void keyCreateRejects_data();
    void keyCreateRejects();
    void keysNeedAdmin_data();
    void keysNeedAdmin();
    void projectScope_data();
    void projectScope();
    void auditRecordsReadsAndWrites();
    void ingestUpdatesRollups();
    void ingestRejects_data();
    void ingestRejects();
    void ingestOverTheBatchLimit();
    void ingestAnyJsonShape_data();
    void ingestAnyJsonShape();
    void realtimeInSeedShape();
    void usageSeriesRejects_data();
    void usageSeriesRejects();
    void customMetricsCrud();
    void customMetricRejects_data();
    void customMetricRejects();
    void alertFiresResolvesAndIsAcknowledged();
    void alertRejects_data();
    void alertRejects();
    void triggersLimit_data();
    void triggersLimit();
    void silencesAndDeliveries();
    void silenceRejects_data();
    void silenceRejects();
    void forecastOfDemoHistory();
    void regionDashboard();
    void exportJobs_data();
    void exportJobs();
    void exportCustomMetric();
    void exportRejects_data();
    void exportRejects();
    void forecastRejects_data();
    void forecastRejects();

private:
    // A new key of `role` (owner keys for `waddles`): its secret and id.
    std::pair<QString, QString> makeKey(const QString &role, const QStringList &waddles = {});
    // The "count" of a list the analyst key reads.
    int countOf(const QString &path);
    // The secret of the suite's key of that role ("" for none).
    [[nodiscard]] QString keyOf(const QString &who) const;

    std::unique_ptr<TestBackend> m_backend;
    QString m_admin;
    QString m_analyst;
    QString m_viewer;
    QString m_operator;
    QString m_owner; // of w-0001 only
};

void TestAnalyticsRoutes::initTestCase()
{
    m_backend = std::make_unique<TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_admin = m_backend->adminKey();
    m_analyst = makeKey(u"analyst"_s).first;
    m_viewer = makeKey(u"viewer"_s).first;
    m_operator = makeKey(u"operator"_s).first;
    m_owner = makeKey(u"owner"_s, {u"w-0001"_s}).first;
    QVERIFY(!m_analyst.isEmpty() && !m_viewer.isEmpty() && !m_operator.isEmpty() &&
            !m_owner.isEmpty());
}

void TestAnalyticsRoutes::cleanupTestCase()
{
    m_backend.reset();
}

std::pair<QString, QString> TestAnalyticsRoutes::makeKey(const QString &role,
                                                         const QStringList &waddles)
{
    QJsonObject body{{u"name"_s, QString(role + u" key"_s)}, {u"role"_s, role}};
    if (!waddles.isEmpty())
        body.insert(u"waddles"_s, QJsonArray::fromStringList(waddles));
    const HttpResult r = m_backend->send("POST", u"/api/v1/keys"_s, body, m_admin);
    if (r.status != 201)
        return {};
    return {r.json().value(u"secret"_s).toString(), r.json().value(u"id"_s).toString()};
}

int TestAnalyticsRoutes::countOf(const QString &path)
{
    return m_backend->get(path, m_analyst).json().value(u"count"_s).toInt();
}

QString TestAnalyticsRoutes::keyOf(const QString &who) const
{
    const QHash<QString, QString> keys{{u"viewer"_s, m_viewer},
                                       {u"analyst"_s, m_analyst},
                                       {u"owner"_s, m_owner},
                                       {u"operator"_s, m_operator},
                                       {u"admin"_s, m_admin}};
    return keys.value(who);
}

void TestAnalyticsRoutes::keyLifecycle()
{
    const QJsonObject body{{u"name"_s, u"dana"_s},
                           {u"role"_s, u"analyst"_s},
                           {u"expires_at"_s, u"2099-01-01T00:00:00Z"_s}};
    HttpResult r = m_backend->send("POST", u"/api/v1/keys"_s, body, m_admin);
    QCOMPARE(r.status, 201);
    const QString secret = r.json().value(u"secret"_s).toString();
    const QString id = r.json().value(u"id"_s).toString();
    QVERIFY(secret.startsWith(u"wrk_"_s));
    QCOMPARE(r.json().value(u"role"_s).toString(), u"analyst"_s);
    QCOMPARE(r.json().value(u"expires_at"_s).toString(), u"2099-01-01T00:00:00.000Z"_s);
    QVERIFY(r.json().value(u"last_used_at"_s).isNull());

    // The new key works, and its use is recorded.
    QCOMPARE(m_backend->get(u"/api/v1/analytics/realtime/fleet"_s, secret).status, 200);
    r = m_backend->get(u"/api/v1/keys"_s, m_admin);
    QCOMPARE(r.status, 200);
    QJsonObject listed;
    for (const QJsonValue &value : r.json().value(u"keys"_s).toArray()) {
        // Never a secret in the list.
        QVERIFY(!value.toObject().contains(u"secret"_s));
        if (value.toObject().value(u"id"_s).toString() == id)
            listed = value.toObject();
    }
    QCOMPARE(listed.value(u"name"_s).toString(), u"dana"_s);
    QVERIFY(!listed.value(u"last_used_at"_s).toString().isEmpty());
    QCOMPARE(listed.value(u"revoked"_s).toBool(), false);
    QCOMPARE(r.json().value(u"count"_s).toInt(), r.json().value(u"keys"_s).toArray().size());
    QVERIFY(!r.body.contains(secret.toLatin1()));

    // Revoked: refused on the very next request.
    r = m_backend->request("DELETE", u"/api/v1/keys/"_s + id, {},
                           {{"Authorization", "Bearer " + m_admin.toLatin1()}});
    QCOMPARE(r.status, 200);
    r = m_backend->get(u"/api/v1/analytics/realtime/fleet"_s, secret);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), u"unauthorized"_s);
    r = m_backend->request("DELETE", u"/api/v1/keys/no-such-key"_s, {},
                           {{"Authorization", "Bearer " + m_admin.toLatin1()}});
    QCOMPARE(r.status, 404);
}

void TestAnalyticsRoutes::keyCreateRejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("no name") << R"({"role":"viewer"})"_ba << u"name"_s;
    QTest::newRow("blank name") << R"({"name":"  ","role":"viewer"})"_ba << u"name"_s;
    QTest::newRow("unknown role") << R"({"name":"x","role":"root"})"_ba << u"role"_s;
    QTest::newRow("owner without waddles") << R"({"name":"x","role":"owner"})"_ba << u"waddles"_s;
    QTest::newRow("viewer with waddles")
        << R"({"name":"x","role":"viewer","waddles":["w-0001"]})"_ba << u"waddles"_s;
    QTest::newRow("unknown waddle")
        << R"({"name":"x","role":"owner","waddles":["w-0001","w-9999"]})"_ba << u"waddles[1]"_s;
    QTest::newRow("expired")
        << R"({"name":"x","role":"viewer","expires_at":"2001-01-01T00:00:00Z"})"_ba
        << u"expires_at"_s;
    QTest::newRow("expiry not a time")
        << R"({"name":"x","role":"viewer","expires_at":"soon"})"_ba << u"expires_at"_s;
}

void TestAnalyticsRoutes::keyCreateRejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const qsizetype before =
        m_backend->get(u"/api/v1/keys"_s, m_admin).json().value(u"count"_s).toInt();
    const HttpResult r = m_backend->request(
        "POST", u"/api/v1/keys"_s, body,
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + m_admin.toLatin1()}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"invalid_request"_s);
    QCOMPARE(r.errorField(), field);
    // Nothing made.
    QCOMPARE(m_backend->get(u"/api/v1/keys"_s, m_admin).json().value(u"count"_s).toInt(), before);
}

void TestAnalyticsRoutes::keysNeedAdmin_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<int>("status");
    QTest::newRow("no key") << u""_s << 401;
    QTest::newRow("viewer") << u"viewer"_s << 403;
    QTest::newRow("analyst") << u"analyst"_s << 403;
    QTest::newRow("owner") << u"owner"_s << 403;
    QTest::newRow("operator") << u"operator"_s << 403;
    QTest::newRow("admin") << u"admin"_s << 200;
}

void TestAnalyticsRoutes::keysNeedAdmin()
{
    QFETCH(QString, who);
    QFETCH(int, status);
    QCOMPARE(m_backend->get(u"/api/v1/keys"_s, keyOf(who)).status, status);
    const HttpResult made =
        m_backend->send("POST", u"/api/v1/keys"_s,
                        QJsonObject{{u"name"_s, u"x"_s}, {u"role"_s, u"admin"_s}}, keyOf(who));
    QCOMPARE(made.status, status == 200 ? 201 : status);
}

void TestAnalyticsRoutes::projectScope_data()
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<QString>("project");
    QTest::addColumn<int>("status");
    QTest::newRow("no key") << u""_s << u"fleet"_s << 401;
    QTest::newRow("viewer") << u"viewer"_s << u"fleet"_s << 403;
    QTest::newRow("analyst fleet") << u"analyst"_s << u"fleet"_s << 200;
    QTest::newRow("analyst waddle") << u"analyst"_s << u"w-0002"_s << 200;
    QTest::newRow("owner own waddle") << u"owner"_s << u"w-0001"_s << 200;
    QTest::newRow("owner other waddle") << u"owner"_s << u"w-0002"_s << 403;
    QTest::newRow("owner fleet") << u"owner"_s << u"fleet"_s << 403;
    QTest::newRow("operator") << u"operator"_s << u"w-0003"_s << 200;
    QTest::newRow("unknown project") << u"admin"_s << u"w-9999"_s << 404;
}

void TestAnalyticsRoutes::projectScope()
{
    QFETCH(QString, who);
    QFETCH(QString, project);
    QFETCH(int, status);
    for (const QString &path : {u"/api/v1/analytics/realtime/"_s, u"/api/v1/analytics/usage/"_s}) {
        const HttpResult r = m_backend->get(path + project, keyOf(who));
        QVERIFY2(r.status == status, qPrintable(path + u" → "_s + QString::number(r.status)));
        if (status == 404 || (status == 403 && who == u"owner"_s))
            QCOMPARE(r.errorField(), u"project_id"_s);
    }
}

void TestAnalyticsRoutes::auditRecordsReadsAndWrites()
{
    const auto [secret, id] = makeKey(u"analyst"_s);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/realtime/w-0004"_s, secret).status, 200);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/usage/w-0004?bucket=day"_s, secret).status, 200);
    // A refused read is not an analytics read.
    QCOMPARE(m_backend->get(u"/api/v1/analytics/realtime/w-0004"_s, m_owner).status, 403);

    HttpResult r = m_backend->get(u"/api/v1/analytics/audit?project_id=w-0004"_s, m_admin);
    QCOMPARE(r.status, 200);
    const QJsonArray entries = r.json().value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 2);
    // Newest first.
    QCOMPARE(entries.at(0).toObject().value(u"action"_s).toString(), u"read usage"_s);
    QCOMPARE(entries.at(1).toObject().value(u"action"_s).toString(), u"read realtime"_s);
    for (const QJsonValue &entry : entries) {
        QCOMPARE(entry.toObject().value(u"key_id"_s).toString(), id);
        QCOMPARE(entry.toObject().value(u"role"_s).toString(), u"analyst"_s);
        QVERIFY(!entry.toObject().value(u"at"_s).toString().isEmpty());
    }
    QCOMPARE(m_backend->get(u"/api/v1/analytics/audit"_s, m_analyst).status, 403);
    r = m_backend->get(u"/api/v1/analytics/audit?limit=0"_s, m_admin);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), u"limit"_s);
}

void TestAnalyticsRoutes::ingestUpdatesRollups()
{
    // An hour of 2020 that no demo data touches: the rollups must hold
    // exactly these events.
    const QJsonArray events{
        usageEvent(u"eu-west"_s, u"w-0005"_s, 4, 600, 4.0, 20, u"2020-01-01T10:05:00Z"_s),
        usageEvent(u"eu-west"_s, u"w-0005"_s, 2, 300, 3.0, 40, u"2020-01-01T10:59:59.999Z"_s),
        usageEvent(u"eu-west"_s, u"w-0006"_s, 6, 60, 5.0, 60, u"2020-01-01T10:30:00Z"_s),
        usageEvent(u"us-east"_s, u"w-0005"_s, 1, 10, 1.0, 90, u"2020-01-01T11:00:00Z"_s),
    };
    HttpResult r = m_backend->send("POST", u"/api/v1/usage"_s, {{u"events"_s, events}}, m_operator);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"accepted"_s).toInt(), 4);

    const QString range = u"?from=2020-01-01&to=2020-01-02"_s;
    r = m_backend->get(u"/api/v1/analytics/usage/fleet"_s + range + u"&region=eu-west"_s,
                       m_analyst);
    QCOMPARE(r.status, 200);
    QJsonArray points = r.json().value(u"points"_s).toArray();
    QCOMPARE(points.size(), 1);
    QJsonObject ten = points.at(0).toObject();
    QCOMPARE(ten.value(u"time"_s).toString(), u"2020-01-01T10:00:00.000Z"_s);
    QCOMPARE(ten.value(u"sessions"_s).toInt(), 3);
    QCOMPARE(ten.value(u"participants"_s).toInt(), 12);
    QCOMPARE(ten.value(u"total_duration_seconds"_s).toDouble(), 960.0);
    QCOMPARE(ten.value(u"average_quality"_s).toDouble(), 4.0);     // (4 + 3 + 5) / 3
    QCOMPARE(ten.value(u"average_latency_ms"_s).toDouble(), 40.0); // (20 + 40 + 60) / 3

    // One waddle's project: its events only, all regions, by day.
    r = m_backend->get(u"/api/v1/analytics/usage/w-0005"_s + range + u"&bucket=day"_s, m_analyst);
    QCOMPARE(r.status, 200);
    points = r.json().value(u"points"_s).toArray();
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.at(0).toObject().value(u"time"_s).toString(), u"2020-01-01T00:00:00.000Z"_s);
    QCOMPARE(points.at(0).toObject().value(u"sessions"_s).toInt(), 3);
    QCOMPARE(points.at(0).toObject().value(u"participants"_s).toInt(), 7);
    QCOMPARE(points.at(0).toObject().value(u"average_quality"_s).toDouble(), 8.0 / 3.0);
}

void TestAnalyticsRoutes::ingestRejects_data()
{
    QTest::addColumn<QJsonValue>("events");
    QTest::addColumn<QString>("who");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    const QJsonObject good =
        usageEvent(u"eu-west"_s, u"w-0007"_s, 1, 60, 4.0, 20, u"2020-02-01T10:00:00Z"_s);
    QJsonObject badQuality = good;
    badQuality.insert(u"quality"_s, 6);
    QJsonObject badRegion = good;
    badRegion.insert(u"region"_s, u"Mars 1"_s);
    QJsonObject noStart = good;
    noStart.remove(u"started_at"_s);
    QJsonObject negative = good;
    negative.insert(u"participant_count"_s, -1);
    QTest::newRow("quality") << QJsonValue(QJsonArray{good, badQuality}) << u"operator"_s << 400
                             << u"events[1].quality"_s;
    QTest::newRow("region") << QJsonValue(QJsonArray{badRegion}) << u"operator"_s << 400
                            << u"events[0].region"_s;
    QTest::newRow("no start") << QJsonValue(QJsonArray{good, good, noStart}) << u"operator"_s << 400
                              << u"events[2].started_at"_s;
    QTest::newRow("negative") << QJsonValue(QJsonArray{negative}) << u"operator"_s << 400
                              << u"events[0].participant_count"_s;
    // A full batch whose very last event is bad: none of the 9,999 is kept.
    QJsonArray lastBad;
    for (int i = 0; i < 9999; ++i)
        lastBad.append(good);
    lastBad.append(badQuality);
    QTest::newRow("last of 10,000")
        << QJsonValue(lastBad) << u"operator"_s << 400 << u"events[9999].quality"_s;
    QTest::newRow("not an array") << QJsonValue(good) << u"operator"_s << 400 << u"events"_s;
    QTest::newRow("analyst") << QJsonValue(QJsonArray{good}) << u"analyst"_s << 403 << u""_s;
    QTest::newRow("no key") << QJsonValue(QJsonArray{good}) << u""_s << 401 << u""_s;
}

void TestAnalyticsRoutes::ingestRejects()
{
    QFETCH(QJsonValue, events);
    QFETCH(QString, who);
    QFETCH(int, status);
    QFETCH(QString, field);
    const QString key = keyOf(who);
    const QString series = u"/api/v1/analytics/usage/w-0007?from=2020-02-01&to=2020-02-02"_s;
    const HttpResult r = m_backend->send("POST", u"/api/v1/usage"_s, {{u"events"_s, events}}, key);
    QCOMPARE(r.status, status);
    if (!field.isEmpty())
        QCOMPARE(r.errorField(), field);
    // Nothing stored, not even the good events before the bad one.
    QCOMPARE(countOf(series), 0);
}

void TestAnalyticsRoutes::ingestOverTheBatchLimit()
{
    const QJsonObject one =
        usageEvent(u"eu-west"_s, u"w-0008"_s, 1, 60, 4.0, 20, u"2020-03-01T10:00:00Z"_s);
    QJsonArray many;
    for (int i = 0; i < 10001; ++i)
        many.append(one);
    HttpResult r = m_backend->send("POST", u"/api/v1/usage"_s, {{u"events"_s, many}}, m_operator);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), u"payload_too_large"_s);
    const QString series = u"/api/v1/analytics/usage/w-0008?from=2020-03-01&to=2020-03-02"_s;
    QCOMPARE(countOf(series), 0);
    // Exactly the limit is taken (a body over the default 1 MiB).
    many.removeLast();
    r = m_backend->send("POST", u"/api/v1/usage"_s, {{u"events"_s, many}}, m_operator);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"accepted"_s).toInt(), 10000);
    const QJsonArray points = m_backend->get(series, m_analyst).json().value(u"points"_s).toArray();
    QCOMPARE(points.size(), 1);
    QCOMPARE(points.at(0).toObject().value(u"sessions"_s).toInt(), 10000);
}

void TestAnalyticsRoutes::ingestAnyJsonShape_data()
{
    // The same two events as the quick reader takes them (plain) and in
    // shapes only the general one does: both must store the same sums.
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("waddle");
    const QByteArray plain =
        R"({"events":[{"region":"eu-west","waddle_id":"WADDLE","channel_id":"c-1",)"
        R"("participant_count":4,"duration_seconds":600,"quality":4.5,"latency_ms":20,)"
        R"("started_at":"2020-04-01T10:05:00Z"},{"region":"eu-west","waddle_id":"WADDLE",)"
        R"("channel_id":"c-2","participant_count":2,"duration_seconds":300.5,"quality":3,)"
        R"("latency_ms":40,"started_at":"2020-04-01T10:59:59.999Z"}]})";
    QTest::newRow("plain") << plain << u"w-0009"_s;
    QByteArray escaped = plain;
    escaped.replace("\"c-2\"", "\"c\\u002d2\"");
    QTest::newRow("escaped string") << escaped << u"w-0010"_s;
    QByteArray extra = plain;
    extra.replace("\"channel_id\":\"c-1\",", "\"channel_id\":\"c-1\",\"note\":[1],");
    QTest::newRow("unknown field") << extra << u"w-0011"_s;
    QByteArray offset = plain;
    offset.replace("2020-04-01T10:05:00Z", "2020-04-01T12:05:00+02:00");
    QTest::newRow("time with an offset") << offset << u"w-0012"_s;
    QByteArray spaced = plain;
    spaced.replace(",", " ,\n ").replace(":", " : ");
    spaced.replace("T10 : 05 : 00Z", "T10:05:00Z").replace("T10 : 59 : 59.999Z", "T10:59:59.999Z");
    QTest::newRow("white space") << spaced << u"w-0013"_s;
}

void TestAnalyticsRoutes::ingestAnyJsonShape()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, waddle);
    const HttpResult r =
        m_backend->request("POST", u"/api/v1/usage"_s, body.replace("WADDLE", waddle.toUtf8()),
                           {{"Authorization", "Bearer " + m_operator.toLatin1()},
                            {"Content-Type", "application/json"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"accepted"_s).toInt(), 2);
    const QJsonArray points =
        m_backend
            ->get(u"/api/v1/analytics/usage/"_s + waddle + u"?from=2020-04-01&to=2020-04-02"_s,
                  m_analyst)
            .json()
            .value(u"points"_s)
            .toArray();
    QCOMPARE(points.size(), 1);
    const QJsonObject ten = points.at(0).toObject();
    QCOMPARE(ten.value(u"time"_s).toString(), u"2020-04-01T10:00:00.000Z"_s);
    QCOMPARE(ten.value(u"sessions"_s).toInt(), 2);
    QCOMPARE(ten.value(u"participants"_s).toInt(), 6);
    QCOMPARE(ten.value(u"total_duration_seconds"_s).toDouble(), 900.5);
    QCOMPARE(ten.value(u"average_quality"_s).toDouble(), 3.75);    // (4.5 + 3) / 2
    QCOMPARE(ten.value(u"average_latency_ms"_s).toDouble(), 30.0); // (20 + 40) / 2
}

void TestAnalyticsRoutes::realtimeInSeedShape()
{
    // Requests counted for real: at least these five land in the current
    // 15 minutes of api_request.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_backend->get(u"/api/v1/regions"_s).status, 200);
    const HttpResult r = m_backend->get(u"/api/v1/analytics/realtime/fleet"_s, m_analyst);
    QCOMPARE(r.status, 200);
    const QJsonObject body = r.json();
    QCOMPARE(body.value(u"project_id"_s).toString(), u"fleet"_s);
    QVERIFY(
        QDateTime::fromString(body.value(u"timestamp"_s).toString(), Qt::ISODateWithMs).isValid());
    QVERIFY(body.value(u"active_alerts"_s).isDouble());
    QVERIFY(body.value(u"recent_triggers"_s).isArray());
    QVERIFY(body.value(u"top_events"_s).isArray());
    const QJsonArray metrics = body.value(u"metrics"_s).toArray();
    QStringList names;
    for (const QJsonValue &value : metrics) {
        const QJsonObject metric = value.toObject();
        names.append(metric.value(u"metric_name"_s).toString());
        for (const QString &field :
             {u"value"_s, u"unit"_s, u"timestamp"_s, u"trend"_s, u"change_rate"_s})
            QVERIFY2(metric.contains(field), qPrintable(field));
        QVERIFY(QStringList({u"up"_s, u"down"_s, u"stable"_s})
                    .contains(metric.value(u"trend"_s).toString()));
    }
    QCOMPARE(names, (QStringList{u"participant_minutes"_s, u"egress_minutes"_s, u"storage_usage"_s,
                                 u"bandwidth_usage"_s, u"api_request"_s}));
    QVERIFY(metrics.at(4).toObject().value(u"value"_s).toDouble() >= 5.0);
    QCOMPARE(metrics.at(4).toObject().value(u"unit"_s).toString(), u"count"_s);
}

void TestAnalyticsRoutes::usageSeriesRejects_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("field");
    QTest::newRow("bad from") << u"from=2020-13-01"_s << u"from"_s;
    QTest::newRow("bad to") << u"to=yesterday"_s << u"to"_s;
    QTest::newRow("reversed") << u"from=2020-01-02&to=2020-01-01"_s << u"from"_s;
    QTest::newRow("bucket") << u"bucket=week"_s << u"bucket"_s;
    QTest::newRow("region") << u"region=Mars"_s << u"region"_s;
}

void TestAnalyticsRoutes::usageSeriesRejects()
{
    QFETCH(QString, query);
    QFETCH(QString, field);
    const HttpResult r = m_backend->get(u"/api/v1/analytics/usage/fleet?"_s + query, m_analyst);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"invalid_request"_s);
    QCOMPARE(r.errorField(), field);
}

void TestAnalyticsRoutes::customMetricsCrud()
{
    // Seed 001's names in, and out.
    const QJsonObject body{{u"project_id"_s, u"w-0001"_s},
                           {u"name"_s, u"eu_minutes"_s},
                           {u"description"_s, u"Sessions in Frankfurt"_s},
                           {u"metric_type"_s, u"counter"_s},
                           {u"unit"_s, u"minutes"_s},
                           {u"aggregation"_s, u"sum"_s},
                           {u"filter"_s, QJsonArray{QJsonObject{{u"field"_s, u"region"_s},
                                                                {u"op"_s, u"eq"_s},
                                                                {u"value"_s, u"eu-west"_s}}}},
                           {u"is_active"_s, true}};
    HttpResult r = m_backend->send("POST", u"/api/v1/analytics/metrics/custom"_s, body, m_owner);
    QCOMPARE(r.status, 201);
    QJsonObject made = r.json();
    const QString id = made.value(u"id"_s).toString();
    QVERIFY(!id.isEmpty());
    for (const QString &field : {u"project_id"_s, u"name"_s, u"description"_s, u"metric_type"_s,
                                 u"unit"_s, u"aggregation"_s, u"filter"_s, u"is_active"_s})
        QVERIFY2(made.value(field) == body.value(field), qPrintable(field));

    // The same name again in the project: a conflict.
    r = m_backend->send("POST", u"/api/v1/analytics/metrics/custom"_s, body, m_analyst);
    QCOMPARE(r.status, 409);

    r = m_backend->get(u"/api/v1/analytics/metrics/custom/w-0001"_s, m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"count"_s).toInt(), 1);
    QCOMPARE(
        r.json().value(u"custom_metrics"_s).toArray().at(0).toObject().value(u"id"_s).toString(),
        id);
    // Another owner's project stays closed.
    QCOMPARE(m_backend->get(u"/api/v1/analytics/metrics/custom/w-0002"_s, m_owner).status, 403);

    // Our names are taken too; the path's project wins.
    QJsonObject changed = body;
    changed.remove(u"metric_type"_s);
    changed.insert(u"type"_s, u"gauge"_s);
    changed.insert(u"is_active"_s, false);
    const QString one = u"/api/v1/analytics/metrics/custom/w-0001/"_s + id;
    r = m_backend->send("PUT", one, changed, m_owner);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"metric_type"_s).toString(), u"gauge"_s);
    QCOMPARE(r.json().value(u"is_active"_s).toBool(), false);
    r = m_backend->send("PUT", u"/api/v1/analytics/metrics/custom/w-0001/nope"_s, changed, m_owner);
    QCOMPARE(r.status, 404);

    r = m_backend->request("DELETE", one, {}, {{"Authorization", "Bearer " + m_owner.toLatin1()}});
    QCOMPARE(r.status, 200);
    QCOMPARE(countOf(u"/api/v1/analytics/metrics/custom/w-0001"_s), 0);
    r = m_backend->request("DELETE", one, {}, {{"Authorization", "Bearer " + m_owner.toLatin1()}});
    QCOMPARE(r.status, 404);
}

void TestAnalyticsRoutes::customMetricRejects_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("metric_type") << u"metric_type"_s << QJsonValue(u"meter"_s) << 400
                                 << u"metric_type"_s;
    QTest::newRow("aggregation") << u"aggregation"_s << QJsonValue(u"median"_s) << 400
                                 << u"aggregation"_s;
    QTest::newRow("no name") << u"name"_s << QJsonValue(u""_s) << 400 << u"name"_s;
    QTest::newRow("built-in name") << u"name"_s << QJsonValue(u"api_request"_s) << 400 << u"name"_s;
    QTest::newRow("filter field") << u"filter"_s
                                  << QJsonValue(QJsonArray{QJsonObject{{u"field"_s, u"colour"_s},
                                                                       {u"op"_s, u"eq"_s},
                                                                       {u"value"_s, u"red"_s}}})
                                  << 400 << u"filter[0].field"_s;
    QTest::newRow("unknown project")
        << u"project_id"_s << QJsonValue(u"w-9999"_s) << 404 << u"project_id"_s;
    QTest::newRow("is_active") << u"is_active"_s << QJsonValue(u"yes"_s) << 400 << u"is_active"_s;
}

void TestAnalyticsRoutes::customMetricRejects()
{
    QFETCH(QString, change);
    QFETCH(QJsonValue, value);
    QFETCH(int, status);
    QFETCH(QString, field);
    QJsonObject body{{u"project_id"_s, u"w-0003"_s},
                     {u"name"_s, u"m"_s},
                     {u"metric_type"_s, u"counter"_s},
                     {u"aggregation"_s, u"count"_s}};
    body.insert(change, value);
    const HttpResult r =
        m_backend->send("POST", u"/api/v1/analytics/metrics/custom"_s, body, m_analyst);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorField(), field);
    QCOMPARE(countOf(u"/api/v1/analytics/metrics/custom/w-0003"_s), 0);
}

void TestAnalyticsRoutes::alertFiresResolvesAndIsAcknowledged()
{
    // A waddle of its own, added after the demo's history and in no region
    // yet: neither the seeded history nor the live feed (which draws a
    // region's sessions among that region's waddles) adds to its minutes,
    // whatever the time of day. (With a demo waddle the value below was
    // 429.7 at some hours: its seeded sessions of the last 15 minutes.)
    const QString project = u"w-alert-route"_s;
    domain::Waddle waddle;
    waddle.id = project;
    waddle.name = u"Alert route"_s;
    waddle.ownerId = u"o-alert-route"_s;
    waddle.updatedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(m_backend->plane().waddles().insertWaddles({waddle}, {}));
    // 3 × 600 s = 30 participant minutes of this waddle, just now.
    const QString now = QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODateWithMs);
    HttpResult r = m_backend->send(
        "POST", u"/api/v1/usage"_s,
        {{u"events"_s, QJsonArray{usageEvent(u"eu-west"_s, project, 3, 600, 4, 20, now)}}},
        m_operator);
    QCOMPARE(r.status, 200);

    QJsonObject alert{{u"project_id"_s, project},
                      {u"metric_name"_s, u"participant_minutes"_s},
                      {u"alert_name"_s, u"busy"_s},
                      {u"condition"_s, u"gte"_s},
                      {u"threshold"_s, 30},
                      {u"duration"_s, 0},
                      {u"severity"_s, u"high"_s},
                      {u"notification_channels"_s, QJsonArray{u"webhook"_s}},
                      {u"webhook_url"_s, u"http://127.0.0.1:9/hook"_s},
                      {u"webhook_secret"_s, u"s3cret"_s}};
    r = m_backend->send("POST", u"/api/v1/analytics/alerts"_s, alert, m_analyst);
    QCOMPARE(r.status, 201);
    const QString alertId = r.json().value(u"id"_s).toString();
    QCOMPARE(r.json().value(u"alert_name"_s).toString(), u"busy"_s);
    QCOMPARE(r.json().value(u"trigger_count"_s).toInt(), 0);
    QVERIFY(r.json().value(u"last_triggered"_s).isNull());
    QCOMPARE(r.json().value(u"is_active"_s).toBool(), true);

    const QString check = u"/api/v1/analytics/alerts/%1/check"_s.arg(project);
    r = m_backend->send("POST", check, {}, m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"checked"_s).toInt(), 1);
    QJsonArray fired = r.json().value(u"triggered"_s).toArray();
    QCOMPARE(fired.size(), 1);
    const QJsonObject trigger = fired.at(0).toObject();
    QCOMPARE(trigger.value(u"metric_value"_s).toDouble(), 30.0);
    QCOMPARE(trigger.value(u"threshold"_s).toDouble(), 30.0);
    QCOMPARE(trigger.value(u"status"_s).toString(), u"triggered"_s);
    QCOMPARE(trigger.value(u"severity"_s).toString(), u"high"_s);
    QCOMPARE(trigger.value(u"alert_id"_s).toString(), alertId);
    // One open trigger per alert: a second check adds none.
    r = m_backend->send("POST", check, {}, m_analyst);
    QCOMPARE(r.json().value(u"triggered"_s).toArray().size(), 0);

    r = m_backend->get(u"/api/v1/analytics/alerts/"_s + project, m_analyst);
    QCOMPARE(
        r.json().value(u"alerts"_s).toArray().at(0).toObject().value(u"trigger_count"_s).toInt(),
        1);
    r = m_backend->get(u"/api/v1/analytics/realtime/"_s + project, m_analyst);
    QCOMPARE(r.json().value(u"active_alerts"_s).toInt(), 1);
    QCOMPARE(r.json().value(u"recent_triggers"_s).toArray().size(), 1);

    // Acknowledged, then resolved after two clear evaluations.
    const QString ack =
        u"/api/v1/analytics/triggers/%1/%2/ack"_s.arg(project, trigger.value(u"id"_s).toString());
    r = m_backend->send("POST", ack, {}, m_owner);
    QCOMPARE(r.status, 403);
    r = m_backend->send("POST", ack, {}, m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"status"_s).toString(), u"acknowledged"_s);
    QVERIFY(!r.json().value(u"acknowledged_at"_s).toString().isEmpty());

    alert.insert(u"threshold"_s, 1000);
    r = m_backend->send("PUT", u"/api/v1/analytics/alerts/%1/%2"_s.arg(project, alertId), alert,
                        m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"threshold"_s).toDouble(), 1000.0);
    r = m_backend->send("POST", check, {}, m_analyst);
    QCOMPARE(r.json().value(u"resolved"_s).toArray().size(), 0);
    r = m_backend->send("POST", check, {}, m_analyst);
    QCOMPARE(r.json().value(u"resolved"_s).toArray().size(), 1);
    r = m_backend->get(u"/api/v1/analytics/triggers/"_s + project, m_analyst);
    QCOMPARE(r.status, 200);
    const QJsonObject stored = r.json().value(u"triggers"_s).toArray().at(0).toObject();
    QCOMPARE(stored.value(u"status"_s).toString(), u"resolved"_s);
    QVERIFY(!stored.value(u"resolved_at"_s).toString().isEmpty());
    // A resolved trigger is not acknowledged again.
    QCOMPARE(m_backend->send("POST", ack, {}, m_analyst).status, 409);

    r = m_backend->request("DELETE", u"/api/v1/analytics/alerts/%1/%2"_s.arg(project, alertId), {},
                           {{"Authorization", "Bearer " + m_analyst.toLatin1()}});
    QCOMPARE(r.status, 200);
    QCOMPARE(countOf(u"/api/v1/analytics/alerts/"_s + project), 0);
}

void TestAnalyticsRoutes::alertRejects_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("field");
    QTest::newRow("condition") << u"condition"_s << QJsonValue(u"above"_s) << u"condition"_s;
    QTest::newRow("severity") << u"severity"_s << QJsonValue(u"urgent"_s) << u"severity"_s;
    QTest::newRow("region severity") << u"severity"_s << QJsonValue(u"warning"_s) << u"severity"_s;
    QTest::newRow("metric") << u"metric_name"_s << QJsonValue(u"sessions"_s) << u"metric_name"_s;
    QTest::newRow("duration") << u"duration"_s << QJsonValue(-1) << u"duration"_s;
    QTest::newRow("threshold") << u"threshold"_s << QJsonValue(u"high"_s) << u"threshold"_s;
    QTest::newRow("channel") << u"notification_channels"_s << QJsonValue(QJsonArray{u"pager"_s})
                             << u"notification_channels[0]"_s;
    QTest::newRow("webhook url") << u"webhook_url"_s << QJsonValue(u"ftp://example.org/x"_s)
                                 << u"webhook_url"_s;
    QTest::newRow("webhook without url")
        << u"notification_channels"_s << QJsonValue(QJsonArray{u"webhook"_s}) << u"webhook_url"_s;
    QTest::newRow("slack url") << u"slack_webhook_url"_s << QJsonValue(u"not a url"_s)
                               << u"slack_webhook_url"_s;
}

void TestAnalyticsRoutes::alertRejects()
{
    QFETCH(QString, change);
    QFETCH(QJsonValue, value);
    QFETCH(QString, field);
    QJsonObject alert{{u"project_id"_s, u"w-0010"_s},
                      {u"metric_name"_s, u"api_request"_s},
                      {u"alert_name"_s, u"a"_s},
                      {u"condition"_s, u"gt"_s},
                      {u"threshold"_s, 1},
                      {u"duration"_s, 5},
                      {u"severity"_s, u"low"_s}};
    alert.insert(change, value);
    const HttpResult r = m_backend->send("POST", u"/api/v1/analytics/alerts"_s, alert, m_analyst);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), u"invalid_request"_s);
    QCOMPARE(r.errorField(), field);
    QCOMPARE(countOf(u"/api/v1/analytics/alerts/w-0010"_s), 0);
}

void TestAnalyticsRoutes::triggersLimit_data()
{
    QTest::addColumn<QString>("limit");
    QTest::addColumn<int>("status");
    QTest::newRow("default") << u""_s << 200;
    QTest::newRow("1") << u"1"_s << 200;
    QTest::newRow("100") << u"100"_s << 200;
    QTest::newRow("0") << u"0"_s << 400;
    QTest::newRow("101") << u"101"_s << 400;
    QTest::newRow("word") << u"many"_s << 400;
}

void TestAnalyticsRoutes::triggersLimit()
{
    QFETCH(QString, limit);
    QFETCH(int, status);
    const QString path = u"/api/v1/analytics/triggers/fleet"_s +
                         (limit.isEmpty() ? QString() : u"?limit="_s + limit);
    const HttpResult r = m_backend->get(path, m_analyst);
    QCOMPARE(r.status, status);
    if (status == 400)
        QCOMPARE(r.errorField(), u"limit"_s);
    else
        QVERIFY(r.json().value(u"triggers"_s).isArray());
}

void TestAnalyticsRoutes::silencesAndDeliveries()
{
    const QString until = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    HttpResult r = m_backend->send("POST", u"/api/v1/analytics/silences"_s,
                                   {{u"project_id"_s, u"w-0001"_s},
                                    {u"severity"_s, u"high"_s},
                                    {u"until"_s, until},
                                    {u"comment"_s, u"deploy"_s}},
                                   m_owner);
    QCOMPARE(r.status, 201);
    const QString id = r.json().value(u"id"_s).toString();
    QCOMPARE(r.json().value(u"severity"_s).toString(), u"high"_s);
    QVERIFY(r.json().value(u"alert_id"_s).isNull());
    r = m_backend->get(u"/api/v1/analytics/silences/w-0001"_s, m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"count"_s).toInt(), 1);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/silences/w-0001"_s, m_viewer).status, 403);
    const QString one = u"/api/v1/analytics/silences/w-0001/"_s + id;
    QCOMPARE(
        m_backend->request("DELETE", one, {}, {{"Authorization", "Bearer " + m_owner.toLatin1()}})
            .status,
        200);
    QCOMPARE(countOf(u"/api/v1/analytics/silences/w-0001"_s), 0);
    QCOMPARE(
        m_backend->request("DELETE", one, {}, {{"Authorization", "Bearer " + m_owner.toLatin1()}})
            .status,
        404);

    r = m_backend->get(u"/api/v1/analytics/deliveries/fleet"_s, m_analyst);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json().value(u"deliveries"_s).isArray());
    QCOMPARE(m_backend->get(u"/api/v1/analytics/deliveries/fleet?limit=0"_s, m_analyst).status,
             400);
}

void TestAnalyticsRoutes::silenceRejects_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("no comment") << u"comment"_s << QJsonValue(u""_s) << 400 << u"comment"_s;
    QTest::newRow("past") << u"until"_s << QJsonValue(u"2001-01-01T00:00:00Z"_s) << 400
                          << u"until"_s;
    QTest::newRow("until") << u"until"_s << QJsonValue(u"later"_s) << 400 << u"until"_s;
    QTest::newRow("severity") << u"severity"_s << QJsonValue(u"loud"_s) << 400 << u"severity"_s;
    QTest::newRow("other owner") << u"project_id"_s << QJsonValue(u"w-0002"_s) << 403
                                 << u"project_id"_s;
}

void TestAnalyticsRoutes::silenceRejects()
{
    QFETCH(QString, change);
    QFETCH(QJsonValue, value);
    QFETCH(int, status);
    QFETCH(QString, field);
    QJsonObject body{
        {u"project_id"_s, u"w-0001"_s},
        {u"until"_s, QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate)},
        {u"comment"_s, u"c"_s}};
    body.insert(change, value);
    const HttpResult r = m_backend->send("POST", u"/api/v1/analytics/silences"_s, body, m_owner);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorField(), field);
    QCOMPARE(countOf(u"/api/v1/analytics/silences/w-0001"_s), 0);
}

void TestAnalyticsRoutes::forecastOfDemoHistory()
{
    // The demo fleet's 30 days of usage.
    HttpResult r = m_backend->get(u"/api/v1/analytics/forecast/fleet"_s, m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"count"_s).toInt(), 7);
    QCOMPARE(r.json().value(u"days"_s).toInt(), 7);
    QCOMPARE(r.json().value(u"metric"_s).toString(), u"participant_minutes"_s);
    const QJsonObject first = r.json().value(u"forecasts"_s).toArray().at(0).toObject();
    for (const QString &field :
         {u"metric_type"_s, u"forecast_date"_s, u"predicted_value"_s, u"confidence_low"_s,
          u"confidence_high"_s, u"model"_s, u"accuracy"_s})
        QVERIFY2(first.contains(field), qPrintable(field));
    QVERIFY(first.value(u"confidence_low"_s).toDouble() <=
            first.value(u"predicted_value"_s).toDouble());
    QVERIFY(first.value(u"predicted_value"_s).toDouble() <=
            first.value(u"confidence_high"_s).toDouble());
    r = m_backend->get(
        u"/api/v1/analytics/forecast/fleet?metric_type=participant_minutes&days=30&model=holt_winters"_s,
        m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(u"count"_s).toInt(), 30);
    QCOMPARE(
        r.json().value(u"forecasts"_s).toArray().at(29).toObject().value(u"model"_s).toString(),
        u"holt_winters"_s);
    // No API requests before today (the control plane counts its own, live):
    // 400 saying how many days there are.
    r = m_backend->get(u"/api/v1/analytics/forecast/fleet?metric_type=api_request"_s, m_analyst);
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), u"history"_s);
    QVERIFY(r.json()
                .value(u"error"_s)
                .toObject()
                .value(u"message"_s)
                .toString()
                .contains(u"has 0 of"_s));
}

void TestAnalyticsRoutes::regionDashboard()
{
    const QString path = u"/api/v1/regions/asia-ne/dashboard"_s;
    const HttpResult before = m_backend->get(path, m_viewer);
    QCOMPARE(before.status, 200);
    // Two sessions now (start of this hour): 20 ms and 250 ms.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString hour =
        QDateTime(now.date(), QTime(now.time().hour(), 0), Qt::UTC).toString(Qt::ISODateWithMs);
    const HttpResult posted = m_backend->send(
        "POST", u"/api/v1/usage"_s,
        {{u"events"_s, QJsonArray{usageEvent(u"asia-ne"_s, u"w-0012"_s, 3, 60, 4, 20, hour),
                                  usageEvent(u"asia-ne"_s, u"w-0012"_s, 5, 60, 2, 250, hour)}}},
        m_operator);
    QCOMPARE(posted.status, 200);
    const HttpResult after = m_backend->get(path, m_viewer);
    QCOMPARE(after.status, 200);
    const auto metric = [](const HttpResult &r, const QString &name) {
        return r.json()
            .value(u"metrics"_s)
            .toObject()
            .value(name)
            .toObject()
            .value(u"value"_s)
            .toDouble();
    };
    QCOMPARE(metric(after, u"active_sessions"_s), metric(before, u"active_sessions"_s) + 2);
    QCOMPARE(metric(after, u"total_participants"_s), metric(before, u"total_participants"_s) + 8);
    const auto buckets = [](const HttpResult &r) {
        QList<int> counts;
        for (const QJsonValue &b : r.json().value(u"latency_distribution"_s).toArray())
            counts.append(b.toObject().value(u"count"_s).toInt());
        return counts;
    };
    QList<int> expected = buckets(before);
    QCOMPARE(expected.size(), 6); // <50, <100, <150, <200, <300, ≥300 ms
    expected[0] += 1;
    expected[4] += 1;
    QCOMPARE(buckets(after), expected);
    const QJsonObject trends = after.json().value(u"trends"_s).toObject();
    const QJsonArray sessions = trends.value(u"sessions"_s).toArray();
    QCOMPARE(sessions.size(), 24);
    QCOMPARE(sessions.last().toObject().value(u"value"_s).toInt(), before.json()
                                                                           .value(u"trends"_s)
                                                                           .toObject()
                                                                           .value(u"sessions"_s)
                                                                           .toArray()
                                                                           .last()
                                                                           .toObject()
                                                                           .value(u"value"_s)
                                                                           .toInt() +
                                                                       2);
    for (const QString &trend : {u"participants"_s, u"quality"_s, u"capacity"_s, u"latency"_s})
        QVERIFY2(trends.value(trend).isArray(), qPrintable(trend));
    QVERIFY(after.json().value(u"alerts"_s).isArray());
    QVERIFY(after.json().value(u"metrics"_s).toObject().contains(u"capacity_used_percent"_s));

    QCOMPARE(m_backend->get(u"/api/v1/regions/mars-1/dashboard"_s, m_viewer).status, 404);
    QCOMPARE(m_backend->get(path).status, 401);
}

void TestAnalyticsRoutes::exportJobs_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("project"); // one each, so each sees its events once
    QTest::newRow("csv") << u"csv"_s << u"w-0013"_s;
    QTest::newRow("json") << u"json"_s << u"w-0014"_s;
}

void TestAnalyticsRoutes::exportJobs()
{
    QFETCH(QString, type);
    QFETCH(QString, project);
    // Three sessions on two days of 2021: participant minutes 4×600/60 = 40
    // and 2×90/60 = 3 at 10:00, 1×60/60 = 1 on the next day; a fourth the day
    // after the range.
    HttpResult r = m_backend->send(
        "POST", u"/api/v1/usage"_s,
        {{u"events"_s,
          QJsonArray{usageEvent(u"eu-west"_s, project, 4, 600, 4, 20, u"2021-04-01T10:00:30Z"_s),
                     usageEvent(u"us-east"_s, project, 2, 90, 4, 20, u"2021-04-01T10:00:00Z"_s),
                     usageEvent(u"eu-west"_s, project, 1, 60, 4, 20, u"2021-04-02T23:59:00Z"_s),
                     usageEvent(u"eu-west"_s, project, 9, 60, 4, 20, u"2021-04-03T00:00:00Z"_s)}}},
        m_operator);
    QCOMPARE(r.status, 200);
    r = m_backend->send("POST",
                        u"/api/v1/analytics/export/%1?export_type=%2&date_from=2021-04-01&date_to="
                        u"2021-04-02&metrics[]=participant_minutes"_s.arg(project, type),
                        {}, m_analyst);
    QCOMPARE(r.status, 202);
    const QString id = r.json().value(u"export_id"_s).toString();
    QVERIFY(!id.isEmpty());
    QVERIFY(QStringList({u"pending"_s, u"processing"_s})
                .contains(r.json().value(u"status"_s).toString()));
    const QString status = u"/api/v1/analytics/export/status/"_s + id;
    QTRY_COMPARE_WITH_TIMEOUT(
        m_backend->get(status, m_analyst).json().value(u"status"_s).toString(), u"completed"_s,
        10000);
    const QJsonObject job = m_backend->get(status, m_analyst).json();
    QCOMPARE(job.value(u"rows"_s).toInt(), 2);
    QCOMPARE(job.value(u"date_from"_s).toString(), u"2021-04-01"_s);
    QVERIFY(!job.value(u"completed_at"_s).toString().isEmpty());
    const QString url = job.value(u"download_url"_s).toString();
    QCOMPARE(url, u"/api/v1/analytics/export/%1/download"_s.arg(id));

    r = m_backend->get(url, m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body.size(), job.value(u"file_size"_s).toInteger());
    QCOMPARE(
        QString::fromLatin1(QCryptographicHash::hash(r.body, QCryptographicHash::Sha256).toHex()),
        job.value(u"sha256"_s).toString());
    if (type == u"csv"_s) {
        QCOMPARE(r.headers.value("content-type"), QByteArray("text/csv; charset=utf-8"));
        QCOMPARE(r.body, QByteArray("metric,time,value\r\n"
                                    "participant_minutes,2021-04-01T10:00:00.000Z,43\r\n"
                                    "participant_minutes,2021-04-02T23:59:00.000Z,1\r\n"));
    } else {
        const QJsonArray rows = QJsonDocument::fromJson(r.body).array();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value(u"value"_s).toDouble(), 43.0);
        QCOMPARE(rows.at(1).toObject().value(u"time"_s).toString(), u"2021-04-02T23:59:00.000Z"_s);
    }
    // Another owner's export stays closed.
    QCOMPARE(m_backend->get(status, m_owner).status, 403);
    QCOMPARE(m_backend->get(url, m_owner).status, 403);
    QCOMPARE(m_backend->get(u"/api/v1/analytics/export/status/nope"_s, m_analyst).status, 404);
}

void TestAnalyticsRoutes::exportCustomMetric()
{
    // Average latency of calls of 2 or more, per minute: at 10:00 the calls
    // of 20 and 40 ms → 30; the one-person call of 04-02 is filtered out and
    // the 04-03 call is after the range.
    const QString project = u"w-0015"_s;
    HttpResult r = m_backend->send(
        "POST", u"/api/v1/usage"_s,
        {{u"events"_s,
          QJsonArray{usageEvent(u"eu-west"_s, project, 4, 600, 4, 20, u"2021-04-01T10:00:30Z"_s),
                     usageEvent(u"us-east"_s, project, 2, 90, 4, 40, u"2021-04-01T10:00:00Z"_s),
                     usageEvent(u"eu-west"_s, project, 1, 60, 4, 99, u"2021-04-02T23:59:00Z"_s),
                     usageEvent(u"eu-west"_s, project, 9, 60, 4, 99, u"2021-04-03T00:00:00Z"_s)}}},
        m_operator);
    QCOMPARE(r.status, 200);
    // A name that needs quoting in CSV (RFC 4180).
    const QString name = u"Big, \"calls\""_s;
    r = m_backend->send(
        "POST", u"/api/v1/analytics/metrics/custom"_s,
        QJsonObject{{u"project_id"_s, project},
                    {u"name"_s, name},
                    {u"metric_type"_s, u"gauge"_s},
                    {u"unit"_s, u"ms"_s},
                    {u"aggregation"_s, u"avg"_s},
                    {u"value_field"_s, u"latency_ms"_s},
                    {u"filter"_s, QJsonArray{QJsonObject{{u"field"_s, u"participant_count"_s},
                                                         {u"op"_s, u"gte"_s},
                                                         {u"value"_s, 2}}}}},
        m_analyst);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json().value(u"value_field"_s).toString(), u"latency_ms"_s);
    // Unknown in another project.
    QCOMPARE(m_backend
                 ->send("POST",
                        u"/api/v1/analytics/export/w-0016?date_from=2021-04-01&date_to=2021-04-02"
                        u"&metrics[]=%1"_s.arg(QString::fromLatin1(QUrl::toPercentEncoding(name))),
                        {}, m_analyst)
                 .status,
             400);
    r = m_backend->send(
        "POST",
        u"/api/v1/analytics/export/%1?export_type=csv&date_from=2021-04-01&date_to=2021-04-02"
        u"&metrics[]=%2&metrics[]=participant_minutes"_s.arg(
            project, QString::fromLatin1(QUrl::toPercentEncoding(name))),
        {}, m_analyst);
    QCOMPARE(r.status, 202);
    const QString status =
        u"/api/v1/analytics/export/status/"_s + r.json().value(u"export_id"_s).toString();
    QTRY_COMPARE_WITH_TIMEOUT(
        m_backend->get(status, m_analyst).json().value(u"status"_s).toString(), u"completed"_s,
        10000);
    const QJsonObject job = m_backend->get(status, m_analyst).json();
    QCOMPARE(job.value(u"metrics"_s).toArray(), (QJsonArray{name, u"participant_minutes"_s}));
    QCOMPARE(job.value(u"rows"_s).toInt(), 3);
    r = m_backend->get(job.value(u"download_url"_s).toString(), m_analyst);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("metric,time,value\r\n"
                                "\"Big, \"\"calls\"\"\",2021-04-01T10:00:00.000Z,30\r\n"
                                "participant_minutes,2021-04-01T10:00:00.000Z,43\r\n"
                                "participant_minutes,2021-04-02T23:59:00.000Z,1\r\n"));
}

void TestAnalyticsRoutes::exportRejects_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("type") << u"export_type=xml&date_from=2021-01-01&date_to=2021-01-02"_s << 400
                          << u"export_type"_s;
    QTest::newRow("no from") << u"date_to=2021-01-02"_s << 400 << u"date_from"_s;
    QTest::newRow("bad to") << u"date_from=2021-01-01&date_to=2021-02-30"_s << 400 << u"date_to"_s;
    QTest::newRow("reversed") << u"date_from=2021-01-03&date_to=2021-01-02"_s << 400
                              << u"date_from"_s;
    QTest::newRow("metric") << u"date_from=2021-01-01&date_to=2021-01-02&metrics[]=sessions"_s
                            << 400 << u"metrics[]"_s;
    // Found by the curl tour: most clients percent-encode the brackets, and
    // the encoded key was not metrics[] (202, every metric exported).
    QTest::newRow("metric, brackets encoded")
        << u"date_from=2021-01-01&date_to=2021-01-02&metrics%5B%5D=sessions"_s << 400
        << u"metrics[]"_s;
    QTest::newRow("reversed, keys encoded")
        << u"date%5Ffrom=2021-01-03&date_%74o=2021-01-02&metrics%5b%5d=participant_minutes"_s << 400
        << u"date_from"_s;
}

void TestAnalyticsRoutes::exportRejects()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, field);
    const HttpResult r =
        m_backend->send("POST", u"/api/v1/analytics/export/fleet?"_s + query, {}, m_analyst);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorField(), field);
}

void TestAnalyticsRoutes::forecastRejects_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");
    QTest::newRow("days 0") << u"fleet?days=0"_s << 400 << u"days"_s;
    QTest::newRow("days 91") << u"fleet?days=91"_s << 400 << u"days"_s;
    QTest::newRow("days word") << u"fleet?days=week"_s << 400 << u"days"_s;
    QTest::newRow("metric") << u"fleet?metric_type=sessions"_s << 400 << u"metric_type"_s;
    QTest::newRow("model") << u"fleet?model=arima"_s << 400 << u"model"_s;
    QTest::newRow("project") << u"w-9999"_s << 404 << u"project_id"_s;
}

void TestAnalyticsRoutes::forecastRejects()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, field);
    const HttpResult r = m_backend->get(u"/api/v1/analytics/forecast/"_s + path, m_analyst);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorField(), field);
}

QTEST_MAIN(TestAnalyticsRoutes)
#include "tst_analyticsroutes.moc"
