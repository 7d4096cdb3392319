// ApiClient against a real control plane with the demo fleet (every
// endpoint's good path, the server's error statuses) and against tiny fake
// HTTP servers for what a healthy control plane never does: not listening,
// never answering, garbage bodies, 503s to retry, a stock seed-001 server.
#include "client/apiclient.h"
#include "client/session.h"
#include "controlplane/store/apikeyrepository.h"
#include "domain/waddle.h"
#include "support/await.h"
#include "support/testbackend.h"

#include <QCoroTask>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>

using namespace waddle;
using namespace waddle::client;
using namespace waddle::test;
using namespace Qt::StringLiterals;

namespace {

// A one-trick HTTP/1.1 server on 127.0.0.1, port 0: each request is counted,
// kept, and answered with whatever `respond(hit, request)` returns (nothing:
// the connection stays open and silent).
class FakeServer
{
public:
    using Respond = std::function<QByteArray(int hit, const QByteArray &request)>;

    explicit FakeServer(Respond respond)
        : m_respond(std::move(respond))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
        m_listening = m_server.listen(QHostAddress::LocalHost, 0);
    }

    [[nodiscard]] bool listening() const { return m_listening; }
    [[nodiscard]] QUrl url() const
    {
        return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()));
    }
    [[nodiscard]] int hits() const { return m_hits; }
    [[nodiscard]] int connections() const { return m_connections; }
    [[nodiscard]] const QByteArray &lastRequest() const { return m_lastRequest; }

    static QByteArray response(int status, const QByteArray &body,
                               const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                               const QByteArray &contentType = "application/json")
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " Status\r\n";
        out += "Content-Type: " + contentType + "\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        out += "Connection: close\r\n";
        for (const auto &[name, value] : headers)
            out += name + ": " + value + "\r\n";
        return out + "\r\n" + body;
    }

    static QByteArray json(int status, const QJsonObject &body,
                           const QList<std::pair<QByteArray, QByteArray>> &headers = {})
    {
        return response(status, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }

    // A free port: listen on port 0, note the port, close.
    static quint16 deadPort()
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0))
            return 0;
        const quint16 port = probe.serverPort();
        probe.close();
        return port;
    }

private:
    void serve(QTcpSocket *socket)
    {
        ++m_connections;
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            qsizetype length = 0;
            for (const QByteArray &line : buffer->left(headerEnd).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer->size() < headerEnd + 4 + length)
                return;
            m_lastRequest = *buffer;
            buffer->clear();
            const QByteArray answer = m_respond(++m_hits, m_lastRequest);
            if (!answer.isEmpty()) {
                socket->write(answer);
                socket->disconnectFromHost();
            }
        });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QTcpServer m_server;
    Respond m_respond;
    bool m_listening = false;
    int m_hits = 0;
    int m_connections = 0;
    QByteArray m_lastRequest;
};

// The header block of a raw request, lower-cased names: value.
QByteArray headerOf(const QByteArray &request, const QByteArray &name)
{
    const qsizetype end = request.indexOf("\r\n\r\n");
    for (const QByteArray &line : request.left(end).split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

QByteArray requestLine(const QByteArray &request)
{
    return request.left(request.indexOf("\r\n"));
}

// Seed 001's documented GET /api/v1/regions example (seed 001, "API
// Documentation"), plus a code no catalogue knows.
QByteArray seedRegionsBody()
{
    return "{\n"
           "  \"regions\": [\n"
           "    {\n"
           "      \"id\": \"665f1c2e9b1d8c0012345678\",\n"
           "      \"code\": \"us-east\",\n"
           "      \"name\": \"US East (Virginia)\",\n"
           "      \"livekit_url\": \"wss://us-east.livekit.pulse.io\",\n"
           "      \"is_active\": true,\n"
           "      \"priority\": 1,\n"
           "      \"max_capacity\": 10000,\n"
           "      \"current_load\": 2500,\n"
           "      \"health_status\": \"healthy\",\n"
           "      \"average_latency\": 50.0,\n"
           "      \"failover_regions\": [\"us-west\", \"eu-west\"]\n"
           "    },\n"
           "    {\n"
           "      \"id\": \"665f1c2e9b1d8c0012345679\",\n"
           "      \"code\": \"asia-south\",\n"
           "      \"name\": \"Asia South (Mumbai)\",\n"
           "      \"livekit_url\": \"wss://asia-south.livekit.pulse.io\",\n"
           "      \"is_active\": true,\n"
           "      \"priority\": 2,\n"
           "      \"max_capacity\": 8000,\n"
           "      \"current_load\": 100,\n"
           "      \"health_status\": \"degraded\",\n"
           "      \"average_latency\": 120.0,\n"
           "      \"failover_regions\": [\"asia-se\"]\n"
           "    }\n"
           "  ],\n"
           "  \"count\": 2\n"
           "}";
}

// A self-signed certificate for 127.0.0.1 (EC P-256, 100 years) and its key:
// a TLS server no client should trust.
constexpr char kSelfSignedCertificate[] =
    "-----BEGIN CERTIFICATE-----\n"
    "MIIBkDCCATagAwIBAgIURrmdgV1+u7PyZ4tSbUDqBfGjYAkwCgYIKoZIzj0EAwIw\n"
    "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNDIxMzMzN1oYDzIxMjYxMDMx\n"
    "MjEzMzM3WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
    "PQMBBwNCAAT/7BF9yJreu76w9308S86pq9FxjeU5CaItmeM1a3tRf2T8GZ+wetR/\n"
    "xwsh8UtfczkoQikwdww1W2MaxxXwUyzho2QwYjAdBgNVHQ4EFgQUaCslTnT3BU2W\n"
    "9g2lmahsJgbqIxkwHwYDVR0jBBgwFoAUaCslTnT3BU2W9g2lmahsJgbqIxkwDwYD\n"
    "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
    "IC/loe0D3/619wVKqnp/c29x6heR6oZ2I/I9VR4FJCsxAiEA1SDDEEPxSXsKLChj\n"
    "sfpnURc7l4ezgTBsP21tEPCiNCI=\n"
    "-----END CERTIFICATE-----\n";

constexpr char kSelfSignedKey[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgu72Swp6noPBhcSOq\n"
    "Rb3ufOg/cWUrz0/DVBbgYBaDl1mhRANCAAT/7BF9yJreu76w9308S86pq9FxjeU5\n"
    "CaItmeM1a3tRf2T8GZ+wetR/xwsh8UtfczkoQikwdww1W2MaxxXwUyzh\n"
    "-----END PRIVATE KEY-----\n";

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    // Good paths against the real control plane.
    void keySelf_data();
    void keySelf();
    void sessionLearnsTheRole();
    void regions();
    void regionsHealthAndStats();
    void nearestHonoursPreference();
    void oneRegionAndItsHealth();
    void operatorActionsAndAlerts();
    void waddlesPaged();
    void membersPaged();
    void recommendation();
    void etagRoundTripAndConflict();
    void faultInjectAndClear();
    void openApi();

    // The server's error statuses.
    void unauthorised();
    void forbidden();
    void notFound();
    void rateLimited();

    // Transport failures and odd servers.
    void serverDown();
    void timeout();
    void untrustedCertificate();
    void malformedBody();
    void missingField();
    void nonJsonErrorBody();
    void retriesIdempotentGet();
    void neverRetriesWrites();
    void honoursShortRetryAfter();
    void seed001Regions();
    void noRecommendationIsAnAnswer();
    void requestShape();
    void destroyedMidCall();

private:
    std::unique_ptr<ApiClient> client(const QString &key) const;
    std::unique_ptr<ApiClient> fakeClient(const QUrl &url, int maxRetries = 0) const;

    std::unique_ptr<TestBackend> m_backend;
    QString m_admin;
};

void TestApiClient::initTestCase()
{
    m_backend = std::make_unique<TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_admin = m_backend->adminKey();
    QVERIFY(!m_admin.isEmpty());
}

void TestApiClient::cleanupTestCase()
{
    m_backend.reset();
}

std::unique_ptr<ApiClient> TestApiClient::client(const QString &key) const
{
    ApiClient::Options options;
    options.baseUrl = m_backend->plane().baseUrl();
    options.apiKey = key;
    return std::make_unique<ApiClient>(options);
}

std::unique_ptr<ApiClient> TestApiClient::fakeClient(const QUrl &url, int maxRetries) const
{
    ApiClient::Options options;
    options.baseUrl = url;
    options.timeoutMs = 3000;
    options.maxRetries = maxRetries;
    options.retryBaseMs = 10;
    return std::make_unique<ApiClient>(options);
}

void TestApiClient::keySelf_data()
{
    QTest::addColumn<QString>("role"); // empty: no key; "bad": a made-up key
    QTest::addColumn<int>("status");   // 0: answered
    QTest::newRow("viewer") << u"viewer"_s << 0;
    QTest::newRow("owner") << u"owner"_s << 0;
    QTest::newRow("operator") << u"operator"_s << 0;
    QTest::newRow("no key") << QString() << 401;
    QTest::newRow("bad key") << u"bad"_s << 401;
}

void TestApiClient::keySelf()
{
    QFETCH(QString, role);
    QFETCH(int, status);
    QString secret;
    if (role == u"bad"_s) {
        secret = u"wrk_nope"_s;
    } else if (!role.isEmpty()) {
        const QStringList waddles = role == u"owner"_s ? QStringList{u"w-0002"_s} : QStringList();
        const auto made = m_backend->plane().apiKeys().createApiKey(
            u"key self "_s + role, *domain::roleFromString(role), waddles);
        QVERIFY(made.ok());
        secret = made.value();
    }
    const auto api = client(secret);
    const auto self = await(api->keySelf());
    if (status != 0) {
        QVERIFY(!self.ok());
        QCOMPARE(self.error().status, status);
        QVERIFY(self.error().isUnauthorised());
        return;
    }
    QVERIFY2(self.ok(), qPrintable(self.ok() ? QString() : self.error().describe()));
    QCOMPARE(toString(self->role), role);
    QCOMPARE(self->name, u"key self "_s + role);
    QCOMPARE(self->waddleIds, role == u"owner"_s ? QStringList{u"w-0002"_s} : QStringList());
    QVERIFY(!self->expiresAt);
}

void TestApiClient::sessionLearnsTheRole()
{
    const auto made =
        m_backend->plane().apiKeys().createApiKey(u"learns"_s, domain::Role::Analyst, {});
    QVERIFY(made.ok());
    const auto api = client(made.value());
    Session session;
    session.setServer(m_backend->plane().baseUrl());
    session.setApiKey(made.value());
    QSignalSpy changed(&session, &Session::permissionsChanged);
    QVERIFY(!session.role());
    QVERIFY(session.allows(domain::Action::Failover)); // not known yet: the server decides
    QCoro::waitFor(fetchKeyRole(*api, session));
    QCOMPARE(session.role(), std::optional(domain::Role::Analyst));
    QCOMPARE(changed.size(), 1);
    QVERIFY(session.allows(domain::Action::ExportAnalytics));
    QVERIFY(!session.allows(domain::Action::Failover));
    QCOMPARE(session.whyNot(domain::Action::Failover),
             u"Needs the operator role; this key is an analyst key."_s);

    // A refused key: the session hears of it, and no role is made up.
    Session refused;
    refused.setServer(m_backend->plane().baseUrl());
    refused.setApiKey(u"wrk_nope"_s);
    const auto bad = client(u"wrk_nope"_s);
    QCoro::waitFor(fetchKeyRole(*bad, refused));
    QVERIFY(!refused.role());
    QVERIFY(refused.keyRefused());

    // An answer for a key the session no longer has is dropped.
    Session moved;
    moved.setServer(m_backend->plane().baseUrl());
    moved.setApiKey(made.value());
    QCoro::Task<void> pending = fetchKeyRole(*api, moved);
    moved.setApiKey(u"wrk_another"_s);
    QCoro::waitFor(std::move(pending));
    QVERIFY(!moved.role());
}

void TestApiClient::regions()
{
    const auto api = client({});
    const auto regions = await(api->regions());
    QVERIFY2(regions.ok(), qPrintable(regions.ok() ? QString() : regions.error().describe()));
    QCOMPARE(regions->size(), 6);
    QStringList codes;
    for (const domain::Region &region : regions.value()) {
        codes.append(region.code);
        QVERIFY2(region.locationKnown, qPrintable(region.code));
        QVERIFY(!region.endpoint.isEmpty());
        QCOMPARE(region.capacity.maximum, 10000);
    }
    codes.sort();
    QCOMPARE(codes, (QStringList{u"asia-ne"_s, u"asia-se"_s, u"eu-north"_s, u"eu-west"_s,
                                 u"us-east"_s, u"us-west"_s}));
    const domain::Region *east = domain::findRegion(regions.value(), u"us-east");
    QVERIFY(east);
    QCOMPARE(east->location.city, u"New York"_s);
}

void TestApiClient::regionsHealthAndStats()
{
    const auto api = client({});
    const auto health = await(api->regionsHealth());
    QVERIFY2(health.ok(), qPrintable(health.ok() ? QString() : health.error().describe()));
    QCOMPARE(health->size(), 6);
    for (const domain::RegionHealth &h : health.value()) {
        QVERIFY(domain::isValidRegionCode(h.code));
        QVERIFY(h.score >= 0.0 && h.score <= 100.0);
    }

    const auto stats = await(api->regionStats());
    QVERIFY2(stats.ok(), qPrintable(stats.ok() ? QString() : stats.error().describe()));
    QCOMPARE(stats->totalRegions, 6);
    QCOMPARE(stats->regions.size(), 6);
    QCOMPARE(stats->totalCapacity, 60000);
    QVERIFY(stats->availabilityPercent >= 0.0 && stats->availabilityPercent <= 100.0);
    QCOMPARE(stats->latencyMatrixMs.size(), 6);
    const std::optional<double> transatlantic = stats->latencyMs(u"us-east"_s, u"eu-west"_s);
    QVERIFY(transatlantic);
    QVERIFY2(*transatlantic > 40.0 && *transatlantic < 200.0,
             qPrintable(QString::number(*transatlantic)));
    QVERIFY(*stats->latencyMs(u"eu-west"_s, u"eu-west"_s) < *transatlantic);
    QVERIFY(!stats->latencyMs(u"us-east"_s, u"mars-1"_s));
}

void TestApiClient::nearestHonoursPreference()
{
    const auto api = client({});
    domain::NearestRequest ask;
    ask.clientLocation = domain::GeoPoint{50.11, 8.68}; // Frankfurt
    const auto plain = await(api->nearest(ask));
    QVERIFY2(plain.ok(), qPrintable(plain.ok() ? QString() : plain.error().describe()));
    QVERIFY(!plain->candidates.isEmpty());
    QCOMPARE(plain->recommendedUrl, plain->primary.endpoint);
    QVERIFY(plain->primary.locationKnown);
    QVERIFY(!plain->preferredHonoured);

    // Prefer an eligible region that did not win on its own.
    QString preferred;
    for (const domain::NearestCandidate &candidate : plain->candidates) {
        if (candidate.code != plain->primary.code)
            preferred = candidate.code;
    }
    QVERIFY(!preferred.isEmpty());
    ask.preferredRegion = preferred;
    const auto honoured = await(api->nearest(ask));
    QVERIFY2(honoured.ok(), qPrintable(honoured.ok() ? QString() : honoured.error().describe()));
    QCOMPARE(honoured->primary.code, preferred);
    QVERIFY(honoured->preferredHonoured);
    QCOMPARE(honoured->recommendedUrl, honoured->primary.endpoint);
    for (const domain::Region &fallback : honoured->fallbacks)
        QVERIFY(fallback.code != preferred);
}

void TestApiClient::oneRegionAndItsHealth()
{
    const auto api = client({});
    const auto region = await(api->region(u"asia-ne"_s));
    QVERIFY2(region.ok(), qPrintable(region.ok() ? QString() : region.error().describe()));
    QCOMPARE(region->code, u"asia-ne"_s);
    QCOMPARE(region->location.city, u"Tokyo"_s);

    const auto health = await(api->regionHealth(u"eu-west"_s, 5));
    QVERIFY2(health.ok(), qPrintable(health.ok() ? QString() : health.error().describe()));
    QCOMPARE(health->latest.code, u"eu-west"_s);
    QVERIFY(health->history.size() <= 5);
    for (const domain::RegionHealth &h : health->history)
        QCOMPARE(h.code, u"eu-west"_s);
}

void TestApiClient::operatorActionsAndAlerts()
{
    const auto api = client(m_admin);
    const auto checked = await(api->checkRegion(u"eu-north"_s));
    QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().describe()));
    QCOMPARE(checked->code, u"eu-north"_s);
    QVERIFY(checked->checkedAt.isValid());

    const auto on = await(api->setMaintenance(u"eu-north"_s, true));
    QVERIFY2(on.ok(), qPrintable(on.ok() ? QString() : on.error().describe()));
    QCOMPARE(on->code, u"eu-north"_s);
    QCOMPARE(toString(on->status), u"maintenance"_s);

    const auto alerts = await(api->alerts(20));
    QVERIFY2(alerts.ok(), qPrintable(alerts.ok() ? QString() : alerts.error().describe()));
    QVERIFY(!alerts->isEmpty());
    const domain::RegionAlert &newest = alerts->constFirst();
    QCOMPARE(newest.regionCode, u"eu-north"_s);
    QCOMPARE(toString(newest.to), u"maintenance"_s);
    QVERIFY(newest.createdAt.isValid());
    QVERIFY(!newest.title.isEmpty());

    const auto off = await(api->setMaintenance(u"eu-north"_s, false));
    QVERIFY2(off.ok(), qPrintable(off.ok() ? QString() : off.error().describe()));
    QVERIFY(off->status != domain::RegionStatus::Maintenance);

    // Operator actions need a key.
    const auto anonymous = client({});
    const auto refused = await(anonymous->checkRegion(u"eu-north"_s));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().status, 401);
    QVERIFY(refused.error().isUnauthorised());
}

void TestApiClient::waddlesPaged()
{
    const auto api = client(m_admin);
    const auto first = await(api->waddles(0, 10));
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().describe()));
    QCOMPARE(first->items.size(), 10);
    QCOMPARE(first->offset, 0);
    QCOMPARE(first->limit, 10);
    QVERIFY(first->total > 10);
    QCOMPARE(first->nextOffset, std::optional<qint64>(10));

    const auto second = await(api->waddles(10, 10));
    QVERIFY(second.ok());
    QVERIFY(second->items.constFirst().id > first->items.constLast().id);

    const qint64 total = first->total;
    const auto last = await(api->waddles(total - 3, 10));
    QVERIFY(last.ok());
    QCOMPARE(last->items.size(), 3);
    QVERIFY(!last->nextOffset);

    // The server's own bounds come back as a 400 naming the parameter.
    const auto tooMany = await(api->waddles(0, 100000));
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error().status, 400);
    QCOMPARE(tooMany.error().field, u"limit"_s);
}

void TestApiClient::membersPaged()
{
    const auto api = client(m_admin);
    const auto waddle = await(api->waddle(u"w-0001"_s));
    QVERIFY(waddle.ok());
    const auto page = await(api->members(u"w-0001"_s, 0, 4));
    QVERIFY2(page.ok(), qPrintable(page.ok() ? QString() : page.error().describe()));
    QCOMPARE(page->items.size(), 4);
    QCOMPARE(page->total, waddle->waddle.memberCount);
    QCOMPARE(page->nextOffset, std::optional<qint64>(4));
    for (const domain::Member &member : page->items)
        QCOMPARE(member.waddleId, u"w-0001"_s);
}

void TestApiClient::recommendation()
{
    const auto api = client(m_admin);
    const auto answer = await(api->recommendation(u"w-0002"_s));
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().describe()));
    QCOMPARE(answer->waddleId, u"w-0002"_s);
    QVERIFY(answer->recommendation);
    QVERIFY(answer->reason.isEmpty());
    QCOMPARE(answer->recommendation->scores.size(), 6);
    QCOMPARE(answer->recommendation->regionCode, answer->recommendation->scores.constFirst().code);
    QVERIFY(answer->recommendation->memberCount > 0);
}

void TestApiClient::etagRoundTripAndConflict()
{
    const auto api = client(m_admin);
    const auto before = await(api->waddle(u"w-0003"_s));
    QVERIFY2(before.ok(), qPrintable(before.ok() ? QString() : before.error().describe()));
    QCOMPARE(before->waddle.id, u"w-0003"_s);
    QCOMPARE(before->etag, domain::waddleETag(before->waddle));

    const QString target = before->waddle.voiceRegion == u"asia-se"_s ? u"us-west"_s : u"asia-se"_s;
    const auto saved = await(api->setVoiceRegion(u"w-0003"_s, target, before->etag));
    QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.error().describe()));
    QCOMPARE(saved->waddle.voiceRegion, target);
    QCOMPARE(saved->waddle.currentRegion, target);
    QCOMPARE(saved->waddle.version, before->waddle.version + 1);
    QVERIFY(saved->etag != before->etag);

    // Reading it again gives the same version and tag.
    const auto again = await(api->waddle(u"w-0003"_s));
    QVERIFY(again.ok());
    QCOMPARE(again->etag, saved->etag);

    // Saving with the old tag: a conflict that carries the server's version.
    const auto stale = await(api->setVoiceRegion(u"w-0003"_s, u"auto"_s, before->etag));
    QVERIFY(!stale.ok());
    QVERIFY(stale.error().isConflict());
    QCOMPARE(toString(stale.error().kind), u"http"_s);
    QCOMPARE(stale.error().code, u"stale_version"_s);
    QVERIFY(!stale.error().isTransient());
    const std::optional<VersionedWaddle> current = conflictCurrent(stale.error());
    QVERIFY(current);
    QCOMPARE(current->waddle, saved->waddle);
    QCOMPARE(current->etag, saved->etag);

    // No tag at all: also a conflict, asking for one.
    const auto untagged = await(api->setVoiceRegion(u"w-0003"_s, u"auto"_s, {}));
    QVERIFY(untagged.error().isConflict());
    QCOMPARE(untagged.error().code, u"precondition_required"_s);
    QVERIFY(conflictCurrent(untagged.error()));

    // A conflict-less error has no current version.
    QVERIFY(!conflictCurrent(ApiError{}));
}

void TestApiClient::faultInjectAndClear()
{
    const auto api = client(m_admin);
    const auto injected = await(api->injectFault(u"asia-se"_s, u"latency"_s, 150.0));
    QVERIFY2(injected.ok(), qPrintable(injected.ok() ? QString() : injected.error().describe()));
    QCOMPARE(injected->regionCode, u"asia-se"_s);
    QCOMPARE(toString(injected->kind), u"latency"_s);
    QCOMPARE(injected->extraMs, 150.0);

    const auto cleared = await(api->clearFault(u"asia-se"_s));
    QVERIFY2(cleared.ok(), qPrintable(cleared.ok() ? QString() : cleared.error().describe()));
    QCOMPARE(toString(cleared->kind), u"none"_s);

    const auto bad = await(api->injectFault(u"asia-se"_s, u"meteor"_s));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().status, 400);
    QCOMPARE(bad.error().field, u"kind"_s);
}

void TestApiClient::openApi()
{
    const auto api = client({});
    const auto document = await(api->openApi());
    QVERIFY2(document.ok(), qPrintable(document.ok() ? QString() : document.error().describe()));
    const QJsonObject paths = document->value(u"paths"_s).toObject();
    QVERIFY(paths.contains(u"/api/v1/regions"_s));
    QVERIFY(paths.contains(u"/api/v1/waddles/{id}/voice-region"_s));
}

void TestApiClient::unauthorised()
{
    const auto api = client({});
    const auto page = await(api->waddles(0, 10));
    QVERIFY(!page.ok());
    QCOMPARE(toString(page.error().kind), u"http"_s);
    QCOMPARE(page.error().status, 401);
    QCOMPARE(page.error().code, u"unauthorized"_s);
    QVERIFY(page.error().isUnauthorised());
    QVERIFY(!page.error().message.isEmpty());
    QVERIFY(page.error().describe().startsWith(u"HTTP 401: "_s));

    // A key that is not one.
    api->setApiKey(u"wrk_nope"_s);
    const auto bad = await(api->waddles(0, 10));
    QCOMPARE(bad.error().status, 401);
}

void TestApiClient::forbidden()
{
    const auto viewer =
        m_backend->plane().apiKeys().createApiKey(u"viewer"_s, cp::Role::Viewer, {});
    QVERIFY(viewer.ok());
    const auto api = client(viewer.value());
    const auto read = await(api->waddle(u"w-0004"_s));
    QVERIFY(read.ok());
    const auto write = await(api->setVoiceRegion(u"w-0004"_s, u"auto"_s, read->etag));
    QVERIFY(!write.ok());
    QCOMPARE(write.error().status, 403);
    QCOMPARE(write.error().code, u"forbidden"_s);
    QVERIFY(write.error().isUnauthorised());
    QVERIFY(!write.error().isConflict());
}

void TestApiClient::notFound()
{
    const auto api = client(m_admin);
    const auto region = await(api->region(u"mars-1"_s));
    QVERIFY(!region.ok());
    QCOMPARE(region.error().status, 404);
    QCOMPARE(region.error().code, u"not_found"_s);
    QCOMPARE(region.error().field, u"code"_s);
    QVERIFY(region.error().message.contains(u"mars-1"_s));

    // An id with characters a path must not carry raw still reaches the route.
    const auto waddle = await(api->waddle(u"no such waddle"_s));
    QVERIFY(!waddle.ok());
    QCOMPARE(waddle.error().status, 404);
    QCOMPARE(waddle.error().code, u"not_found"_s);
}

void TestApiClient::rateLimited()
{
    TestBackend limited([](cp::ControlPlaneOptions &options) { options.requestsPerMinute = 3; });
    QVERIFY2(limited.ok(), qPrintable(limited.error()));
    ApiClient::Options options;
    options.baseUrl = limited.plane().baseUrl();
    options.maxRetries = 2; // the server asks for more than 10 s: not waited for
    ApiClient api(options);
    for (int i = 0; i < 3; ++i)
        QVERIFY(await(api.regions()).ok());
    QElapsedTimer clock;
    clock.start();
    const auto refused = await(api.regions());
    QVERIFY(clock.elapsed() < 5000);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().status, 429);
    QCOMPARE(refused.error().code, u"rate_limited"_s);
    QVERIFY(refused.error().isTransient());
}

void TestApiClient::serverDown()
{
    const quint16 port = FakeServer::deadPort();
    QVERIFY(port != 0);
    const auto api = fakeClient(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), 2);
    const auto regions = await(api->regions());
    QVERIFY(!regions.ok());
    QCOMPARE(toString(regions.error().kind), u"network"_s);
    QCOMPARE(regions.error().status, 0);
    QVERIFY2(regions.error().message.contains(QString::number(port)),
             qPrintable(regions.error().message));
    QVERIFY(regions.error().isTransient());
}

void TestApiClient::timeout()
{
    FakeServer silent([](int, const QByteArray &) { return QByteArray(); });
    QVERIFY(silent.listening());
    ApiClient::Options options;
    options.baseUrl = silent.url();
    options.timeoutMs = 300;
    options.maxRetries = 1;
    options.retryBaseMs = 10;
    const auto api = std::make_unique<ApiClient>(options);
    QElapsedTimer clock;
    clock.start();
    const auto regions = await(api->regions());
    QVERIFY(!regions.ok());
    QCOMPARE(toString(regions.error().kind), u"timeout"_s);
    QVERIFY2(regions.error().message.contains(u"300 ms"_s), qPrintable(regions.error().message));
    // One retry of the GET: two attempts of 300 ms each, no more.
    QCOMPARE(silent.hits(), 2);
    QVERIFY(clock.elapsed() >= 550);
    QVERIFY(clock.elapsed() < 3000);
}

void TestApiClient::untrustedCertificate()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS backend");
    QSslServer server;
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(QSslCertificate(QByteArray(kSelfSignedCertificate)));
    config.setPrivateKey(QSslKey(QByteArray(kSelfSignedKey), QSsl::Ec));
    QVERIFY(!config.localCertificate().isNull());
    QVERIFY(!config.privateKey().isNull());
    server.setSslConfiguration(config);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    const auto api = fakeClient(QUrl(u"https://127.0.0.1:%1"_s.arg(server.serverPort())), 2);
    const auto regions = await(api->regions());
    QVERIFY(!regions.ok());
    QCOMPARE(toString(regions.error().kind), u"tls"_s);
    // Every problem is named, and none is waved through or retried.
    QVERIFY2(regions.error().message.contains(u"certificate"_s, Qt::CaseInsensitive),
             qPrintable(regions.error().message));
    QVERIFY(!regions.error().isTransient());
}

void TestApiClient::malformedBody()
{
    FakeServer garbage(
        [](int, const QByteArray &) { return FakeServer::response(200, "{\"regions\": [ oops"); });
    const auto api = fakeClient(garbage.url());
    const auto regions = await(api->regions());
    QVERIFY(!regions.ok());
    QCOMPARE(toString(regions.error().kind), u"decode"_s);
    QVERIFY2(regions.error().message.contains(u"GET /api/v1/regions"_s),
             qPrintable(regions.error().message));
    QVERIFY2(regions.error().message.contains(u"malformed JSON"_s),
             qPrintable(regions.error().message));
    QVERIFY(!regions.error().isTransient());
}

void TestApiClient::missingField()
{
    FakeServer odd([](int, const QByteArray &) {
        return FakeServer::json(
            200, QJsonObject{{u"regions"_s, QJsonArray{QJsonObject{{u"name"_s, u"Nowhere"_s}}}}});
    });
    const auto api = fakeClient(odd.url());
    const auto regions = await(api->regions());
    QVERIFY(!regions.ok());
    QCOMPARE(toString(regions.error().kind), u"decode"_s);
    QCOMPARE(regions.error().field, u"regions[0].code"_s);
    QVERIFY2(regions.error().message.contains(u"regions[0].code"_s),
             qPrintable(regions.error().message));

    // A waddle page without its items is as wrong.
    FakeServer empty([](int, const QByteArray &) {
        return FakeServer::json(200, QJsonObject{{u"total"_s, 0}});
    });
    const auto other = fakeClient(empty.url());
    const auto page = await(other->waddles(0, 10));
    QVERIFY(!page.ok());
    QCOMPARE(page.error().field, u"waddles"_s);
}

void TestApiClient::nonJsonErrorBody()
{
    FakeServer proxy([](int, const QByteArray &) {
        return FakeServer::response(502, "<html><body>Bad Gateway</body></html>", {}, "text/html");
    });
    const auto api = fakeClient(proxy.url());
    const auto regions = await(api->regions());
    QVERIFY(!regions.ok());
    QCOMPARE(toString(regions.error().kind), u"http"_s);
    QCOMPARE(regions.error().status, 502);
    QVERIFY(regions.error().code.isEmpty());
    QVERIFY2(regions.error().message.contains(u"502"_s), qPrintable(regions.error().message));
    QVERIFY2(!regions.error().message.contains(u"<html>"_s), qPrintable(regions.error().message));
}

void TestApiClient::retriesIdempotentGet()
{
    FakeServer flaky([](int hit, const QByteArray &) {
        if (hit <= 2) {
            return FakeServer::json(
                503, QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, u"busy"_s},
                                                          {u"message"_s, u"later"_s}}}});
        }
        return FakeServer::response(200, seedRegionsBody());
    });
    const auto api = fakeClient(flaky.url(), 2);
    const auto regions = await(api->regions());
    QVERIFY2(regions.ok(), qPrintable(regions.ok() ? QString() : regions.error().describe()));
    QCOMPARE(regions->size(), 2);
    QCOMPARE(flaky.hits(), 3);

    // With one retry allowed the second 503 is the answer.
    FakeServer flakier([](int, const QByteArray &) { return FakeServer::response(503, "{}"); });
    const auto impatient = fakeClient(flakier.url(), 1);
    const auto failed = await(impatient->regions());
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().status, 503);
    QCOMPARE(flakier.hits(), 2);
}

void TestApiClient::neverRetriesWrites()
{
    FakeServer flaky([](int hit, const QByteArray &) {
        if (hit <= 2)
            return FakeServer::response(503, "{}");
        return FakeServer::response(200, "{}");
    });
    const auto api = fakeClient(flaky.url(), 2);
    const auto saved = await(api->setVoiceRegion(u"w-0001"_s, u"auto"_s, u"\"w-w-0001-1\""_s));
    QVERIFY(!saved.ok());
    QCOMPARE(saved.error().status, 503);
    QVERIFY(saved.error().isTransient());
    QCOMPARE(flaky.hits(), 1);

    const auto nearest = await(api->nearest({}));
    QVERIFY(!nearest.ok());
    QCOMPARE(flaky.hits(), 2);
}

void TestApiClient::honoursShortRetryAfter()
{
    FakeServer limited([](int hit, const QByteArray &) {
        if (hit == 1) {
            return FakeServer::json(
                429,
                QJsonObject{{u"error"_s, QJsonObject{{u"code"_s, u"rate_limited"_s},
                                                     {u"message"_s, u"slow down"_s}}}},
                {{"Retry-After", "1"}});
        }
        return FakeServer::response(200, seedRegionsBody());
    });
    const auto api = fakeClient(limited.url(), 2);
    QElapsedTimer clock;
    clock.start();
    const auto regions = await(api->regions());
    QVERIFY2(regions.ok(), qPrintable(regions.ok() ? QString() : regions.error().describe()));
    QCOMPARE(limited.hits(), 2);
    QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
}

void TestApiClient::seed001Regions()
{
    FakeServer stock(
        [](int, const QByteArray &) { return FakeServer::response(200, seedRegionsBody()); });
    const auto api = fakeClient(stock.url());
    const auto regions = await(api->regions());
    QVERIFY2(regions.ok(), qPrintable(regions.ok() ? QString() : regions.error().describe()));
    QCOMPARE(regions->size(), 2);

    const domain::Region &east = regions->at(0);
    QCOMPARE(east.code, u"us-east"_s);
    QVERIFY(east.locationKnown);
    QCOMPARE(east.location.city, u"New York"_s);
    QCOMPARE(east.endpoint, u"wss://us-east.livekit.pulse.io"_s);
    QCOMPARE(east.capacity.maximum, 10000);
    QCOMPARE(east.capacity.current, 2500);
    QCOMPARE(toString(east.status), u"online"_s);
    QCOMPARE(east.failoverRegions, (QStringList{u"us-west"_s, u"eu-west"_s}));
    QCOMPARE(east.averageLatencyMs, std::optional<double>(50.0));

    const domain::Region &south = regions->at(1);
    QCOMPARE(south.code, u"asia-south"_s);
    QVERIFY(!south.locationKnown);
    QCOMPARE(toString(south.status), u"degraded"_s);
}

void TestApiClient::noRecommendationIsAnAnswer()
{
    FakeServer server([](int, const QByteArray &) {
        return FakeServer::json(200, QJsonObject{{u"waddle_id"_s, u"w-0009"_s},
                                                 {u"voice_region"_s, u"auto"_s},
                                                 {u"current_region"_s, u"eu-west"_s},
                                                 {u"region"_s, QJsonValue::Null},
                                                 {u"reason"_s, u"no member has a location"_s},
                                                 {u"scores"_s, QJsonArray{}}});
    });
    const auto api = fakeClient(server.url());
    const auto answer = await(api->recommendation(u"w-0009"_s));
    QVERIFY2(answer.ok(), qPrintable(answer.ok() ? QString() : answer.error().describe()));
    QVERIFY(!answer->recommendation);
    QCOMPARE(answer->reason, u"no member has a location"_s);
    QCOMPARE(answer->currentRegion, u"eu-west"_s);
}

void TestApiClient::requestShape()
{
    FakeServer echo([](int, const QByteArray &) { return FakeServer::response(200, "{}"); });
    ApiClient::Options options;
    QUrl base = echo.url();
    base.setPath(u"/behind/proxy/"_s);
    options.baseUrl = base;
    options.apiKey = u"wrk_secret"_s;
    options.maxRetries = 0;
    ApiClient api(options);

    // Ids are one path segment each, whatever they hold.
    // The echo's "{}" is no waddle: the answer is an error, never a half-filled
    // value; only the request matters here.
    QVERIFY(!await(api.setVoiceRegion(u"a/b c?"_s, u"eu-west"_s, u"\"w-a-1\""_s)).ok());
    const QByteArray request = echo.lastRequest();
    QCOMPARE(requestLine(request),
             QByteArray("PUT /behind/proxy/api/v1/waddles/a%2Fb%20c%3F/voice-region HTTP/1.1"));
    QCOMPARE(headerOf(request, "authorization"), QByteArray("Bearer wrk_secret"));
    QCOMPARE(headerOf(request, "accept"), QByteArray("application/json"));
    QCOMPARE(headerOf(request, "content-type"), QByteArray("application/json"));
    QCOMPARE(headerOf(request, "if-match"), QByteArray("\"w-a-1\""));
    const QByteArray body = request.mid(request.indexOf("\r\n\r\n") + 4);
    QCOMPARE(QJsonDocument::fromJson(body).object().value(u"region"_s).toString(), u"eu-west"_s);

    // No key, no Authorization; a GET has no body and no Content-Type.
    api.setApiKey({});
    QVERIFY(!await(api.regionHealth(u"eu-west"_s, 7)).ok()); // "{}" again
    QCOMPARE(requestLine(echo.lastRequest()),
             QByteArray("GET /behind/proxy/api/v1/regions/eu-west/health?limit=7 HTTP/1.1"));
    QVERIFY(headerOf(echo.lastRequest(), "authorization").isEmpty());
    QVERIFY(headerOf(echo.lastRequest(), "content-type").isEmpty());
}

void TestApiClient::destroyedMidCall()
{
    FakeServer silent([](int, const QByteArray &) { return QByteArray(); });
    auto api = fakeClient(silent.url(), 2);
    auto pending = api->regions();
    QTRY_COMPARE(silent.hits(), 1);
    api.reset();
    QElapsedTimer clock;
    clock.start();
    const auto result = await(std::move(pending));
    QVERIFY(clock.elapsed() < 2000); // not the 3 s timeout: the call ends at once
    QVERIFY(!result.ok());
    QCOMPARE(toString(result.error().kind), u"cancelled"_s);
    QCOMPARE(silent.hits(), 1);
}

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
