#include "apiclient.h"

#include "domain/catalogue.h"
#include "domain/countedlist.h"
#include "domain/enumnames.h"
#include "domain/jsonreader.h"
#include "domain/member.h"
#include "domain/waddle.h"

#include <QCoroNetworkReply>
#include <QCoroTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QScopeGuard>
#include <QUrlQuery>

#if QT_CONFIG(ssl)
#include <QSslError>
#endif

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

namespace waddle::client {

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

// A Retry-After longer than this is not waited for: the error goes back to
// the caller (who can say "rate limited, try again in N s").
constexpr int kMaxRetryAfterMs = 10000;
// Backoff never grows beyond this, whatever maxRetries says.
constexpr double kMaxBackoffMs = 30000.0;

// One request as the endpoint methods describe it.
struct Call
{
    QByteArray method = QByteArrayLiteral("GET");
    QString path; // percent-encoded, under /api/v1: "/regions/us-east/health"
    QUrlQuery query;
    QByteArray body; // JSON; null for none
    QByteArray ifMatch;

    // "GET /api/v1/regions", for messages.
    [[nodiscard]] QString label() const
    {
        return QString::fromLatin1(method) + u" /api/v1"_s + path;
    }
};

// What a call needs from the client, copied when the call starts so that the
// coroutine never reaches into a client that may be gone.
struct Transport
{
    QPointer<QNetworkAccessManager> network;
    QPointer<const QObject> client;
    QUrl baseUrl;
    QString apiKey;
    int timeoutMs = 10000;
    int maxRetries = 2;
    int retryBaseMs = 200;
};

// A 2xx answer.
struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray etag;
};

struct Attempt
{
    ApiResult<Answer> result;
    std::optional<int> retryAfterMs; // from a 429/503's Retry-After
};

Transport makeTransport(const ApiClient::Options &options, QNetworkAccessManager *network,
                        const QObject *client)
{
    return Transport{network,
                     client,
                     options.baseUrl,
                     options.apiKey,
                     options.timeoutMs,
                     options.maxRetries,
                     options.retryBaseMs};
}

QString segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

QUrl urlFor(const QUrl &base, const Call &call)
{
    QUrl url = base;
    QString prefix = base.path(QUrl::FullyEncoded);
    while (prefix.endsWith(u'/'))
        prefix.chop(1);
    // Tolerant mode keeps the segments' percent-encoding ("%2F" stays one
    // segment).
    url.setPath(prefix + u"/api/v1"_s + call.path, QUrl::TolerantMode);
    url.setQuery(call.query);
    url.setFragment({});
    return url;
}

QString describeDuration(int ms)
{
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    return QStringLiteral("%1 s").arg(QString::number(ms / 1000.0, 'g', 3));
}

ApiError makeError(ApiError::Kind kind, const QString &message)
{
    ApiError error;
    error.kind = kind;
    error.message = message;
    return error;
}

ApiError cancelled(const Call &call)
{
    return makeError(ApiError::Kind::Cancelled,
                     QStringLiteral("the client was closed before %1 finished").arg(call.label()));
}

ApiError decodeError(const Call &call, const Error &error)
{
    ApiError out = makeError(ApiError::Kind::Decode,
                             QStringLiteral("the answer to %1 is not what the API promises: %2")
                                 .arg(call.label(), error.message));
    out.field = error.field;
    return out;
}

// The server's error document ({"error": {code, message, field?}}, SPEC §12)
// or, when there is none, a sentence with the status.
ApiError httpError(const Call &call, int status, const QByteArray &reason, const QByteArray &body)
{
    ApiError out;
    out.kind = ApiError::Kind::Http;
    out.status = status;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        out.body = document.object();
        const QJsonValue error = out.body.value(u"error"_s);
        if (error.isObject() && error[u"message"_s].isString()) {
            out.code = error[u"code"_s].toString();
            out.message = error[u"message"_s].toString();
            out.field = error[u"field"_s].toString();
            return out;
        }
        // Seed 001 (gin) answers {"error": "text"}.
        if (error.isString() && !error.toString().isEmpty()) {
            out.message = error.toString();
            return out;
        }
    }
    const QString phrase = reason.isEmpty() ? QStringLiteral("error") : QString::fromLatin1(reason);
    out.message = QStringLiteral("%1: the server answered %2 %3 without an error document")
                      .arg(call.label())
                      .arg(status)
                      .arg(phrase);
    // A short plain-text body says more than the status alone; markup does not.
    const QString text = QString::fromUtf8(body.left(200)).simplified();
    if (!text.isEmpty() && !text.startsWith(u'<') && !document.isObject())
        out.message += u" (\""_s + text + u"\")"_s;
    return out;
}

ApiError networkError(const QUrl &url, QNetworkReply::NetworkError code, const QString &text)
{
    const QString where = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    switch (code) {
    case QNetworkReply::TimeoutError:
        return makeError(ApiError::Kind::Timeout,
                         QStringLiteral("the connection to %1 timed out").arg(where));
    case QNetworkReply::OperationCanceledError:
        return makeError(ApiError::Kind::Cancelled,
                         QStringLiteral("the request to %1 was cancelled").arg(where));
    case QNetworkReply::SslHandshakeFailedError:
        return makeError(ApiError::Kind::Tls,
                         QStringLiteral("the TLS handshake with %1 failed: %2").arg(where, text));
    case QNetworkReply::ConnectionRefusedError:
        return makeError(ApiError::Kind::Network,
                         QStringLiteral("%1 refused the connection (is the control plane "
                                        "running?)")
                             .arg(where));
    case QNetworkReply::HostNotFoundError:
        return makeError(ApiError::Kind::Network,
                         QStringLiteral("cannot find the host of %1").arg(where));
    case QNetworkReply::RemoteHostClosedError:
        return makeError(ApiError::Kind::Network,
                         QStringLiteral("%1 closed the connection before answering").arg(where));
    default:
        return makeError(ApiError::Kind::Network,
                         QStringLiteral("cannot reach %1: %2").arg(where, text));
    }
}

// Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms.
std::optional<int> retryAfterMs(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return static_cast<int>(std::clamp<qint64>(seconds, 0, 24 * 3600) * 1000);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(trimmed), Qt::RFC2822Date);
    if (!when.isValid())
        return std::nullopt;
    const qint64 ms = QDateTime::currentDateTimeUtc().msecsTo(when);
    return static_cast<int>(std::clamp<qint64>(ms, 0, 24 * 3600 * 1000));
}

// One attempt: send, wait at most timeoutMs, classify.
QCoro::Task<Attempt> attemptOnce(Transport transport, Call call, QUrl url)
{
    if (!transport.client || !transport.network)
        co_return Attempt{cancelled(call), {}};

    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("waddle-regions/" WADDLE_VERSION));
    if (!transport.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + transport.apiKey.toUtf8());
    if (!call.body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (!call.ifMatch.isEmpty())
        request.setRawHeader("If-Match", call.ifMatch);

    QNetworkReply *sent =
        call.body.isNull() ? transport.network->sendCustomRequest(request, call.method)
                           : transport.network->sendCustomRequest(request, call.method, call.body);
    const QPointer<QNetworkReply> reply(sent);
    // The reply is this coroutine's to delete, later: deleting it now could
    // be inside its own signal, and it must not die with the manager.
    const auto release = qScopeGuard([reply] {
        if (reply) {
            reply->setParent(nullptr);
            reply->deleteLater();
        }
    });

    auto tlsProblems = std::make_shared<QStringList>();
#if QT_CONFIG(ssl)
    // Never ignored (SPEC §13): collected so the message can list them all.
    QObject::connect(sent, &QNetworkReply::sslErrors, sent,
                     [tlsProblems](const QList<QSslError> &errors) {
                         for (const QSslError &error : errors)
                             tlsProblems->append(error.errorString());
                     });
#endif

    const auto limit =
        std::chrono::milliseconds(transport.timeoutMs > 0 ? transport.timeoutMs : -1);
    const bool finished = co_await qCoro(sent).waitForFinished(limit);
    if (!reply)
        co_return Attempt{cancelled(call), {}};
    reply->setParent(nullptr);
    if (!finished) {
        reply->abort();
        co_return Attempt{
            makeError(ApiError::Kind::Timeout,
                      QStringLiteral("no answer from %1 within %2")
                          .arg(url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
                               describeDuration(transport.timeoutMs))),
            {}};
    }
    if (!transport.client)
        co_return Attempt{cancelled(call), {}};

    if (!tlsProblems->isEmpty()) {
        co_return Attempt{makeError(ApiError::Kind::Tls,
                                    QStringLiteral("the TLS connection to %1 is not trusted: %2")
                                        .arg(url.host(), tlsProblems->join(QStringLiteral("; ")))),
                          {}};
    }

    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        co_return Attempt{networkError(url, reply->error(), reply->errorString()), {}};

    Answer answer;
    answer.status = status.toInt();
    answer.body = reply->readAll();
    if (answer.status < 200 || answer.status >= 300) {
        Attempt attempt{
            httpError(call, answer.status,
                      reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
                      answer.body),
            {}};
        if (answer.status == 429 || answer.status == 503)
            attempt.retryAfterMs = retryAfterMs(reply->rawHeader("Retry-After"));
        co_return attempt;
    }
    answer.etag = reply->rawHeader("ETag");
    co_return Attempt{std::move(answer), {}};
}

// How long to wait before the next attempt; nullopt: do not retry (the
// server asked for a longer pause than we are willing to hold a call).
std::optional<int> retryDelayMs(const Attempt &attempt, int retry, int baseMs)
{
    if (attempt.retryAfterMs) {
        if (*attempt.retryAfterMs > kMaxRetryAfterMs)
            return std::nullopt;
        return *attempt.retryAfterMs;
    }
    const double nominal = std::min(kMaxBackoffMs, std::max(0, baseMs) * std::pow(2.0, retry));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    return static_cast<int>(std::lround(nominal * jitter));
}

// A call with its retries: only an idempotent GET, only a transient error.
QCoro::Task<ApiResult<Answer>> fetch(Transport transport, Call call)
{
    const QUrl url = urlFor(transport.baseUrl, call);
    const bool idempotent = call.method == "GET";
    for (int retry = 0;; ++retry) {
        Attempt attempt = co_await attemptOnce(transport, call, url);
        if (attempt.result.ok() || !idempotent || retry >= transport.maxRetries ||
            !attempt.result.error().isTransient()) {
            co_return std::move(attempt.result);
        }
        const std::optional<int> delay = retryDelayMs(attempt, retry, transport.retryBaseMs);
        if (!delay)
            co_return std::move(attempt.result);
        co_await QCoro::sleepFor(std::chrono::milliseconds(*delay));
        if (!transport.client)
            co_return cancelled(call);
    }
}

// Fetches and decodes: `decode(const QJsonObject &body, const Answer &)`
// returns a domain Result<T>, whose error becomes a Decode ApiError naming
// the field.
template <typename T, typename Decode>
QCoro::Task<ApiResult<T>> request(Transport transport, Call call, Decode decode)
{
    const ApiResult<Answer> answer = co_await fetch(transport, call);
    if (!answer)
        co_return answer.error();
    const Result<QJsonObject> body = JsonReader::parseObject(answer->body);
    if (!body)
        co_return decodeError(call, body.error());
    Result<T> value = decode(body.value(), answer.value());
    if (!value)
        co_return decodeError(call, value.error());
    co_return std::move(value).value();
}

Call get(QString path, QUrlQuery query = {})
{
    Call call;
    call.path = std::move(path);
    call.query = std::move(query);
    return call;
}

Call send(QByteArray method, QString path, const QJsonObject &body)
{
    Call call;
    call.method = std::move(method);
    call.path = std::move(path);
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return call;
}

QUrlQuery queryOf(std::initializer_list<std::pair<QString, qint64>> items)
{
    QUrlQuery query;
    for (const auto &[name, value] : items)
        query.addQueryItem(name, QString::number(value));
    return query;
}

const QList<Region> &builtInCatalogue()
{
    static const QList<Region> catalogue = defaultCatalogue();
    return catalogue;
}

// SPEC §3: a stock seed-001 server sends no location; place known codes.
Region placed(Region region)
{
    if (region.locationKnown)
        return region;
    return placeFromCatalogue({std::move(region)}, builtInCatalogue()).constFirst();
}

Result<Region> placedRegion(const QJsonObject &body, const Answer &)
{
    Result<Region> region = regionFromJson(body);
    if (!region)
        return region;
    return placed(std::move(region).value());
}

Result<QList<Region>> regionList(const QJsonObject &body, const Answer &)
{
    Result<QList<Region>> regions =
        countedListFromJson<Region>(body, QLatin1String("regions"), regionFromJson);
    if (!regions)
        return regions;
    return placeFromCatalogue(std::move(regions).value(), builtInCatalogue());
}

Result<VersionedWaddle> versionedWaddle(const QJsonObject &body, const Answer &answer)
{
    Result<Waddle> waddle = waddleFromJson(body);
    if (!waddle)
        return waddle.error();
    VersionedWaddle out;
    out.waddle = std::move(waddle).value();
    // A server that sends no ETag still has versions: the domain spells them.
    out.etag = answer.etag.isEmpty() ? waddleETag(out.waddle) : QString::fromLatin1(answer.etag);
    return out;
}

} // namespace

ApiClient::ApiClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
{}

ApiClient::~ApiClient()
{
    // Each reply in flight is aborted, so its coroutine wakes up, finds the
    // client gone and answers Cancelled. The manager must outlive what Qt
    // posts while aborting (a reply reports "finished" to its manager from a
    // posted event), so it is released and deleted from the event loop, not
    // here; replies still parented to it go with it.
    const auto inFlight = m_network->findChildren<QNetworkReply *>(Qt::FindDirectChildrenOnly);
    for (QNetworkReply *reply : inFlight)
        reply->abort();
    m_network->setParent(nullptr);
    m_network->deleteLater();
}

const ApiClient::Options &ApiClient::options() const
{
    return m_options;
}

void ApiClient::setBaseUrl(const QUrl &baseUrl)
{
    m_options.baseUrl = baseUrl;
}

void ApiClient::setApiKey(const QString &apiKey)
{
    m_options.apiKey = apiKey;
}

QCoro::Task<ApiResult<QList<Region>>> ApiClient::regions()
{
    return request<QList<Region>>(makeTransport(m_options, m_network, this), get(u"/regions"_s),
                                  regionList);
}

QCoro::Task<ApiResult<QList<RegionHealth>>> ApiClient::regionsHealth()
{
    return request<QList<RegionHealth>>(
        makeTransport(m_options, m_network, this), get(u"/regions/health"_s),
        [](const QJsonObject &body, const Answer &) {
            return countedListFromJson<RegionHealth>(body, QLatin1String("regions"),
                                                     regionHealthFromJson);
        });
}

QCoro::Task<ApiResult<RegionStats>> ApiClient::regionStats()
{
    return request<RegionStats>(
        makeTransport(m_options, m_network, this), get(u"/regions/stats"_s),
        [](const QJsonObject &body, const Answer &) { return regionStatsFromJson(body); });
}

QCoro::Task<ApiResult<NearestAnswer>> ApiClient::nearest(NearestRequest ask)
{
    return request<NearestAnswer>(
        makeTransport(m_options, m_network, this), send("POST", u"/regions/nearest"_s, toJson(ask)),
        [](const QJsonObject &body, const Answer &) -> Result<NearestAnswer> {
            Result<NearestAnswer> answer = nearestAnswerFromJson(body);
            if (!answer)
                return answer;
            NearestAnswer out = std::move(answer).value();
            out.primary = placed(std::move(out.primary));
            out.fallbacks = placeFromCatalogue(std::move(out.fallbacks), builtInCatalogue());
            return out;
        });
}

QCoro::Task<ApiResult<Region>> ApiClient::region(QString code)
{
    return request<Region>(makeTransport(m_options, m_network, this),
                           get(u"/regions/"_s + segment(code)), placedRegion);
}

QCoro::Task<ApiResult<RegionHealthDetail>> ApiClient::regionHealth(QString code, int historyLimit)
{
    return request<RegionHealthDetail>(
        makeTransport(m_options, m_network, this),
        get(u"/regions/"_s + segment(code) + u"/health"_s, queryOf({{u"limit"_s, historyLimit}})),
        [](const QJsonObject &body, const Answer &) { return regionHealthDetailFromJson(body); });
}

QCoro::Task<ApiResult<RegionHealth>> ApiClient::checkRegion(QString code)
{
    Call call; // no body: the request is the action
    call.method = "POST";
    call.path = u"/regions/"_s + segment(code) + u"/check"_s;
    return request<RegionHealth>(
        makeTransport(m_options, m_network, this), std::move(call),
        [](const QJsonObject &body, const Answer &) { return regionHealthFromJson(body); });
}

QCoro::Task<ApiResult<Region>> ApiClient::setMaintenance(QString code, bool on, bool drain)
{
    QJsonObject body{{u"maintenance"_s, on}};
    if (drain)
        body.insert(u"drain"_s, true);
    return request<Region>(makeTransport(m_options, m_network, this),
                           send("PUT", u"/regions/"_s + segment(code) + u"/maintenance"_s, body),
                           placedRegion);
}

QCoro::Task<ApiResult<Region>>
ApiClient::updateRegionSettings(QString code, RegionSettings settings, QString etag)
{
    Call call = send("PUT", u"/regions/"_s + segment(code), toJson(settings));
    call.ifMatch = etag.toLatin1();
    return request<Region>(makeTransport(m_options, m_network, this), std::move(call),
                           placedRegion);
}

QCoro::Task<ApiResult<QList<RegionAlert>>> ApiClient::alerts(int limit)
{
    return request<QList<RegionAlert>>(makeTransport(m_options, m_network, this),
                                       get(u"/alerts"_s, queryOf({{u"limit"_s, limit}})),
                                       [](const QJsonObject &body, const Answer &) {
                                           return countedListFromJson<RegionAlert>(
                                               body, QLatin1String("alerts"), regionAlertFromJson);
                                       });
}

QCoro::Task<ApiResult<WaddlePage>> ApiClient::waddles(qint64 offset, qint64 limit)
{
    return request<WaddlePage>(
        makeTransport(m_options, m_network, this),
        get(u"/waddles"_s, queryOf({{u"offset"_s, offset}, {u"limit"_s, limit}})),
        [](const QJsonObject &body, const Answer &) {
            return pageFromJson<Waddle>(body, QLatin1String("waddles"), waddleFromJson);
        });
}

QCoro::Task<ApiResult<VersionedWaddle>> ApiClient::waddle(QString id)
{
    return request<VersionedWaddle>(makeTransport(m_options, m_network, this),
                                    get(u"/waddles/"_s + segment(id)), versionedWaddle);
}

QCoro::Task<ApiResult<MemberPage>> ApiClient::members(QString waddleId, qint64 offset, qint64 limit)
{
    return request<MemberPage>(makeTransport(m_options, m_network, this),
                               get(u"/waddles/"_s + segment(waddleId) + u"/members"_s,
                                   queryOf({{u"offset"_s, offset}, {u"limit"_s, limit}})),
                               [](const QJsonObject &body, const Answer &) {
                                   return pageFromJson<Member>(body, QLatin1String("members"),
                                                               memberFromJson);
                               });
}

QCoro::Task<ApiResult<RecommendationAnswer>> ApiClient::recommendation(QString waddleId)
{
    return request<RecommendationAnswer>(
        makeTransport(m_options, m_network, this),
        get(u"/waddles/"_s + segment(waddleId) + u"/recommendation"_s),
        [](const QJsonObject &body, const Answer &) { return recommendationAnswerFromJson(body); });
}

QCoro::Task<ApiResult<VersionedWaddle>> ApiClient::setVoiceRegion(QString waddleId, QString region,
                                                                  QString etag)
{
    Call call = send("PUT", u"/waddles/"_s + segment(waddleId) + u"/voice-region"_s,
                     toJson(VoiceRegionUpdate{region}));
    call.ifMatch = etag.toLatin1();
    return request<VersionedWaddle>(makeTransport(m_options, m_network, this), std::move(call),
                                    versionedWaddle);
}

QCoro::Task<ApiResult<FaultState>> ApiClient::injectFault(QString code, QString kind,
                                                          double extraMs)
{
    QJsonObject body{{u"kind"_s, kind}};
    if (extraMs != 0.0)
        body.insert(u"extra_ms"_s, extraMs);
    return request<FaultState>(
        makeTransport(m_options, m_network, this),
        send("POST", u"/sim/regions/"_s + segment(code) + u"/fault"_s, body),
        [](const QJsonObject &json, const Answer &) { return faultStateFromJson(json); });
}

QCoro::Task<ApiResult<FaultState>> ApiClient::clearFault(QString code)
{
    Call call;
    call.method = "DELETE";
    call.path = u"/sim/regions/"_s + segment(code) + u"/fault"_s;
    return request<FaultState>(
        makeTransport(m_options, m_network, this), std::move(call),
        [](const QJsonObject &json, const Answer &) { return faultStateFromJson(json); });
}

QCoro::Task<ApiResult<QJsonObject>> ApiClient::openApi()
{
    return request<QJsonObject>(makeTransport(m_options, m_network, this), get(u"/openapi.json"_s),
                                [](const QJsonObject &body, const Answer &) -> Result<QJsonObject> {
                                    JsonReader r(body);
                                    if (!body.value(u"paths"_s).isObject())
                                        r.failField(QLatin1String("paths"),
                                                    QStringLiteral("must be an object"));
                                    return r.finish(body);
                                });
}

QCoro::Task<ApiResult<KeyInfo>> ApiClient::keySelf()
{
    return request<KeyInfo>(
        makeTransport(m_options, m_network, this), get(u"/keys/self"_s),
        [](const QJsonObject &body, const Answer &) { return keyInfoFromJson(body); });
}

namespace {

// {"failover": {...}} as the failover endpoints answer.
Result<FailoverJob> wrappedFailover(const QJsonObject &body, const Answer &)
{
    JsonReader r(body);
    FailoverJob job = r.object<FailoverJob>(QLatin1String("failover"), failoverJobFromJson);
    return r.finish(std::move(job));
}

Result<Migration> wrappedMigration(const QJsonObject &body, const Answer &)
{
    JsonReader r(body);
    Migration migration = r.object<Migration>(QLatin1String("migration"), migrationFromJson);
    return r.finish(std::move(migration));
}

Call post(QString path, const QJsonObject &body = {})
{
    return send("POST", std::move(path), body);
}

// A call whose answer carries nothing the caller needs (a DELETE's).
QCoro::Task<ApiResult<void>> requestDone(Transport transport, Call call)
{
    const ApiResult<Answer> answer = co_await fetch(std::move(transport), std::move(call));
    if (!answer)
        co_return answer.error();
    co_return ApiResult<void>();
}

template <typename T, typename Decode>
Result<QList<T>> listIn(const QJsonObject &body, QLatin1String key, Decode decode)
{
    JsonReader r(body);
    if (!r.has(key))
        r.failField(key, QStringLiteral("is required"));
    QList<T> items = r.list<T>(key, decode);
    return r.finish(std::move(items));
}

// One GET streamed into a QSaveFile; see ApiClient::downloadExport.
QCoro::Task<ApiResult<qint64>> downloadTo(Transport transport, Call call, QString filePath,
                                          std::function<void(qint64, qint64)> progress)
{
    if (!transport.client || !transport.network)
        co_return cancelled(call);
    const QUrl url = urlFor(transport.baseUrl, call);
    auto file = std::make_shared<QSaveFile>(filePath);
    if (!file->open(QIODevice::WriteOnly)) {
        co_return makeError(
            ApiError::Kind::Cancelled,
            QStringLiteral("cannot write %1: %2").arg(filePath, file->errorString()));
    }
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArrayLiteral("waddle-regions/" WADDLE_VERSION));
    if (!transport.apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + transport.apiKey.toUtf8());
    // A long download is fine; a silent one is not.
    if (transport.timeoutMs > 0)
        request.setTransferTimeout(transport.timeoutMs);
    QNetworkReply *sent = transport.network->get(request);
    const QPointer<QNetworkReply> reply(sent);
    const auto release = qScopeGuard([reply] {
        if (reply) {
            reply->setParent(nullptr);
            reply->deleteLater();
        }
    });
    auto written = std::make_shared<qint64>(0);
    auto writeFailed = std::make_shared<bool>(false);
    const auto isSuccess = [](QNetworkReply *r) {
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        return status >= 200 && status < 300;
    };
    QObject::connect(sent, &QIODevice::readyRead, sent,
                     [sent, file, written, writeFailed, isSuccess] {
                         if (!isSuccess(sent) || *writeFailed)
                             return; // an error document: read whole at the end
                         const QByteArray chunk = sent->readAll();
                         if (file->write(chunk) != chunk.size())
                             *writeFailed = true;
                         *written += chunk.size();
                     });
    if (progress) {
        QObject::connect(sent, &QNetworkReply::downloadProgress, sent,
                         [progress](qint64 received, qint64 total) { progress(received, total); });
    }
    co_await qCoro(sent).waitForFinished(std::chrono::milliseconds(-1));
    if (!reply || !transport.client)
        co_return cancelled(call);
    reply->setParent(nullptr);
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        file->cancelWriting();
        co_return networkError(url, reply->error(), reply->errorString());
    }
    if (!isSuccess(reply)) {
        file->cancelWriting();
        co_return httpError(
            call, status.toInt(),
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
            reply->readAll());
    }
    if (reply->error() != QNetworkReply::NoError) {
        file->cancelWriting();
        co_return networkError(url, reply->error(), reply->errorString());
    }
    const QByteArray rest = reply->readAll();
    if (!*writeFailed && file->write(rest) != rest.size())
        *writeFailed = true;
    *written += rest.size();
    if (*writeFailed || !file->commit()) {
        const QString why = file->errorString();
        file->cancelWriting();
        co_return makeError(ApiError::Kind::Cancelled,
                            QStringLiteral("cannot write %1: %2").arg(filePath, why));
    }
    co_return *written;
}

} // namespace

QCoro::Task<ApiResult<FailoverJob>> ApiClient::failoverDryRun(QString region)
{
    return request<FailoverJob>(
        makeTransport(m_options, m_network, this),
        post(u"/failovers"_s, QJsonObject{{u"region"_s, region}, {u"dry_run"_s, true}}),
        wrappedFailover);
}

QCoro::Task<ApiResult<FailoverJob>> ApiClient::startFailover(QString region, bool force)
{
    QJsonObject body{{u"region"_s, region}};
    if (force)
        body.insert(u"force"_s, true);
    return request<FailoverJob>(makeTransport(m_options, m_network, this),
                                post(u"/failovers"_s, body), wrappedFailover);
}

QCoro::Task<ApiResult<FailoverJob>> ApiClient::failover(QString id)
{
    return request<FailoverJob>(makeTransport(m_options, m_network, this),
                                get(u"/failovers/"_s + segment(id)), wrappedFailover);
}

QCoro::Task<ApiResult<FailoverPage>> ApiClient::failovers(qint64 offset, qint64 limit)
{
    return request<FailoverPage>(
        makeTransport(m_options, m_network, this),
        get(u"/failovers"_s, queryOf({{u"offset"_s, offset}, {u"limit"_s, limit}})),
        [](const QJsonObject &body, const Answer &) {
            return pageFromJson<FailoverJob>(body, QLatin1String("failovers"), failoverJobFromJson);
        });
}

QCoro::Task<ApiResult<FailoverJob>> ApiClient::confirmFailover(QString id)
{
    return request<FailoverJob>(makeTransport(m_options, m_network, this),
                                post(u"/failovers/"_s + segment(id) + u"/start"_s),
                                wrappedFailover);
}

QCoro::Task<ApiResult<FailoverJob>> ApiClient::failBack(QString id, bool force)
{
    QJsonObject body;
    if (force)
        body.insert(u"force"_s, true);
    return request<FailoverJob>(makeTransport(m_options, m_network, this),
                                post(u"/failovers/"_s + segment(id) + u"/failback"_s, body),
                                wrappedFailover);
}

namespace {

// POST /migrations with its subject (waddle_ids or from_region) and the
// common fields.
Call migrationsCall(QJsonObject body, const QString &to, bool dryRun,
                    const std::optional<QDateTime> &startAt, std::optional<MigrationReason> reason)
{
    body.insert(u"to"_s, to);
    if (dryRun)
        body.insert(u"dry_run"_s, true);
    if (startAt)
        body.insert(u"start_at"_s, startAt->toUTC().toString(Qt::ISODate));
    if (reason)
        body.insert(u"reason"_s, enumToName(kMigrationReasonNames, *reason));
    return post(u"/migrations"_s, body);
}

Result<QList<Migration>> migrationList(const QJsonObject &json, const Answer &)
{
    return countedListFromJson<Migration>(json, QLatin1String("migrations"), migrationFromJson);
}

} // namespace

QCoro::Task<ApiResult<QList<Migration>>>
ApiClient::createMigrations(QStringList waddleIds, QString to, bool dryRun,
                            std::optional<QDateTime> startAt, MigrationReason reason)
{
    return request<QList<Migration>>(
        makeTransport(m_options, m_network, this),
        migrationsCall({{u"waddle_ids"_s, QJsonArray::fromStringList(waddleIds)}}, to, dryRun,
                       startAt,
                       reason == MigrationReason::Manual ? std::nullopt
                                                         : std::optional<MigrationReason>(reason)),
        migrationList);
}

QCoro::Task<ApiResult<QList<Migration>>> ApiClient::drainRegion(QString fromRegion, QString to,
                                                                bool dryRun,
                                                                std::optional<QDateTime> startAt)
{
    return request<QList<Migration>>(makeTransport(m_options, m_network, this),
                                     migrationsCall({{u"from_region"_s, fromRegion}}, to, dryRun,
                                                    startAt, MigrationReason::Maintenance),
                                     migrationList);
}

QCoro::Task<ApiResult<Migration>> ApiClient::migration(QString id)
{
    return request<Migration>(makeTransport(m_options, m_network, this),
                              get(u"/migrations/"_s + segment(id)), wrappedMigration);
}

QCoro::Task<ApiResult<MigrationPage>> ApiClient::migrations(qint64 offset, qint64 limit)
{
    return request<MigrationPage>(
        makeTransport(m_options, m_network, this),
        get(u"/migrations"_s, queryOf({{u"offset"_s, offset}, {u"limit"_s, limit}})),
        [](const QJsonObject &body, const Answer &) {
            return pageFromJson<Migration>(body, QLatin1String("migrations"), migrationFromJson);
        });
}

QCoro::Task<ApiResult<Migration>> ApiClient::cancelMigration(QString id)
{
    return request<Migration>(makeTransport(m_options, m_network, this),
                              post(u"/migrations/"_s + segment(id) + u"/cancel"_s),
                              wrappedMigration);
}

QCoro::Task<ApiResult<OptimiserRun>> ApiClient::runOptimiser(bool dryRun)
{
    return request<OptimiserRun>(
        makeTransport(m_options, m_network, this),
        post(u"/optimiser/run"_s, QJsonObject{{u"dry_run"_s, dryRun}}),
        [](const QJsonObject &json, const Answer &) { return optimiserRunFromJson(json); });
}

QCoro::Task<ApiResult<RealtimeDashboard>> ApiClient::realtime(QString projectId)
{
    return request<RealtimeDashboard>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/realtime/"_s + segment(projectId)),
        [](const QJsonObject &body, const Answer &) { return realtimeDashboardFromJson(body); });
}

QCoro::Task<ApiResult<QList<UsagePoint>>>
ApiClient::usageSeries(QString projectId, QDateTime from, QDateTime to, bool daily, QString region)
{
    QUrlQuery query;
    query.addQueryItem(u"from"_s, from.toUTC().toString(Qt::ISODateWithMs));
    query.addQueryItem(u"to"_s, to.toUTC().toString(Qt::ISODateWithMs));
    query.addQueryItem(u"bucket"_s, daily ? u"day"_s : u"hour"_s);
    if (!region.isEmpty())
        query.addQueryItem(u"region"_s, region);
    return request<QList<UsagePoint>>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/usage/"_s + segment(projectId), query),
        [](const QJsonObject &body, const Answer &) { return usageSeriesFromJson(body); });
}

QCoro::Task<ApiResult<ForecastAnswer>> ApiClient::forecast(QString projectId, QString metric,
                                                           int days, QString model)
{
    QUrlQuery query;
    query.addQueryItem(u"metric_type"_s, metric);
    query.addQueryItem(u"days"_s, QString::number(days));
    query.addQueryItem(u"model"_s, model);
    return request<ForecastAnswer>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/forecast/"_s + segment(projectId), query),
        [](const QJsonObject &body, const Answer &) { return forecastAnswerFromJson(body); });
}

QCoro::Task<ApiResult<RegionDashboard>> ApiClient::regionDashboard(QString code)
{
    return request<RegionDashboard>(
        makeTransport(m_options, m_network, this),
        get(u"/regions/"_s + segment(code) + u"/dashboard"_s),
        [](const QJsonObject &body, const Answer &) { return regionDashboardFromJson(body); });
}

QCoro::Task<ApiResult<QList<MetricDefinition>>> ApiClient::customMetrics(QString projectId)
{
    return request<QList<MetricDefinition>>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/metrics/custom/"_s + segment(projectId)),
        [](const QJsonObject &body, const Answer &) {
            return listIn<MetricDefinition>(body, QLatin1String("custom_metrics"),
                                            metricDefinitionFromJson);
        });
}

QCoro::Task<ApiResult<MetricDefinition>> ApiClient::createCustomMetric(MetricDefinition definition)
{
    return request<MetricDefinition>(
        makeTransport(m_options, m_network, this),
        post(u"/analytics/metrics/custom"_s, toRequestJson(definition)),
        [](const QJsonObject &body, const Answer &) { return metricDefinitionFromJson(body); });
}

QCoro::Task<ApiResult<MetricDefinition>> ApiClient::updateCustomMetric(MetricDefinition definition)
{
    return request<MetricDefinition>(
        makeTransport(m_options, m_network, this),
        send("PUT",
             u"/analytics/metrics/custom/"_s + segment(definition.metric.projectId) + u'/' +
                 segment(definition.metric.id),
             toRequestJson(definition)),
        [](const QJsonObject &body, const Answer &) { return metricDefinitionFromJson(body); });
}

QCoro::Task<ApiResult<void>> ApiClient::deleteCustomMetric(QString projectId, QString id)
{
    return requestDone(
        makeTransport(m_options, m_network, this),
        send("DELETE", u"/analytics/metrics/custom/"_s + segment(projectId) + u'/' + segment(id),
             {}));
}

QCoro::Task<ApiResult<QList<AlertDefinition>>> ApiClient::metricAlerts(QString projectId)
{
    return request<QList<AlertDefinition>>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/alerts/"_s + segment(projectId)),
        [](const QJsonObject &body, const Answer &) {
            return listIn<AlertDefinition>(body, QLatin1String("alerts"), alertDefinitionFromJson);
        });
}

QCoro::Task<ApiResult<AlertDefinition>> ApiClient::createMetricAlert(AlertDefinition definition)
{
    return request<AlertDefinition>(
        makeTransport(m_options, m_network, this),
        post(u"/analytics/alerts"_s, toRequestJson(definition)),
        [](const QJsonObject &body, const Answer &) { return alertDefinitionFromJson(body); });
}

QCoro::Task<ApiResult<AlertDefinition>> ApiClient::updateMetricAlert(AlertDefinition definition)
{
    return request<AlertDefinition>(
        makeTransport(m_options, m_network, this),
        send("PUT",
             u"/analytics/alerts/"_s + segment(definition.alert.projectId) + u'/' +
                 segment(definition.alert.id),
             toRequestJson(definition)),
        [](const QJsonObject &body, const Answer &) { return alertDefinitionFromJson(body); });
}

QCoro::Task<ApiResult<void>> ApiClient::deleteMetricAlert(QString projectId, QString id)
{
    return requestDone(
        makeTransport(m_options, m_network, this),
        send("DELETE", u"/analytics/alerts/"_s + segment(projectId) + u'/' + segment(id), {}));
}

QCoro::Task<ApiResult<QList<AlertTrigger>>> ApiClient::checkMetricAlerts(QString projectId)
{
    return request<QList<AlertTrigger>>(
        makeTransport(m_options, m_network, this),
        post(u"/analytics/alerts/"_s + segment(projectId) + u"/check"_s),
        [](const QJsonObject &body, const Answer &) {
            return listIn<AlertTrigger>(body, QLatin1String("triggered"), triggerFromJson);
        });
}

QCoro::Task<ApiResult<QList<AlertTrigger>>> ApiClient::alertTriggers(QString projectId, int limit)
{
    return request<QList<AlertTrigger>>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/triggers/"_s + segment(projectId), queryOf({{u"limit"_s, limit}})),
        [](const QJsonObject &body, const Answer &) {
            return listIn<AlertTrigger>(body, QLatin1String("triggers"), triggerFromJson);
        });
}

QCoro::Task<ApiResult<AlertTrigger>> ApiClient::acknowledgeTrigger(QString projectId, QString id)
{
    return request<AlertTrigger>(
        makeTransport(m_options, m_network, this),
        post(u"/analytics/triggers/"_s + segment(projectId) + u'/' + segment(id) + u"/ack"_s),
        [](const QJsonObject &body, const Answer &) { return triggerFromJson(body); });
}

QCoro::Task<ApiResult<QList<Silence>>> ApiClient::silences(QString projectId)
{
    return request<QList<Silence>>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/silences/"_s + segment(projectId)),
        [](const QJsonObject &body, const Answer &) {
            return listIn<Silence>(
                body, QLatin1String("silences"),
                [](const QJsonValue &v, const QString &path) { return silenceFromJson(v, path); });
        });
}

QCoro::Task<ApiResult<Silence>> ApiClient::createSilence(Silence silence)
{
    return request<Silence>(
        makeTransport(m_options, m_network, this), post(u"/analytics/silences"_s, toJson(silence)),
        [](const QJsonObject &body, const Answer &) { return silenceFromJson(body); });
}

QCoro::Task<ApiResult<void>> ApiClient::deleteSilence(QString projectId, QString id)
{
    return requestDone(
        makeTransport(m_options, m_network, this),
        send("DELETE", u"/analytics/silences/"_s + segment(projectId) + u'/' + segment(id), {}));
}

QCoro::Task<ApiResult<QString>> ApiClient::createExport(QString projectId, QString exportType,
                                                        QDate from, QDate to, QStringList metrics)
{
    QUrlQuery query;
    query.addQueryItem(u"export_type"_s, exportType);
    query.addQueryItem(u"date_from"_s, from.toString(Qt::ISODate));
    query.addQueryItem(u"date_to"_s, to.toString(Qt::ISODate));
    for (const QString &metric : metrics)
        query.addQueryItem(u"metrics[]"_s, metric);
    Call call = post(u"/analytics/export/"_s + segment(projectId));
    call.query = query;
    return request<QString>(makeTransport(m_options, m_network, this), std::move(call),
                            [](const QJsonObject &body, const Answer &) {
                                JsonReader r(body);
                                QString id = r.string(QLatin1String("export_id"));
                                return r.finish(std::move(id));
                            });
}

QCoro::Task<ApiResult<ExportJobStatus>> ApiClient::exportStatus(QString exportId)
{
    return request<ExportJobStatus>(
        makeTransport(m_options, m_network, this),
        get(u"/analytics/export/status/"_s + segment(exportId)),
        [](const QJsonObject &body, const Answer &) { return exportJobStatusFromJson(body); });
}

QCoro::Task<ApiResult<qint64>>
ApiClient::downloadExport(QString exportId, QString filePath,
                          std::function<void(qint64, qint64)> progress)
{
    return downloadTo(makeTransport(m_options, m_network, this),
                      get(u"/analytics/export/"_s + segment(exportId) + u"/download"_s),
                      std::move(filePath), std::move(progress));
}

QCoro::Task<ApiResult<RegionAlert>> ApiClient::acknowledgeAlert(QString id)
{
    return request<RegionAlert>(
        makeTransport(m_options, m_network, this), post(u"/alerts/"_s + segment(id) + u"/ack"_s),
        [](const QJsonObject &body, const Answer &) { return regionAlertFromJson(body); });
}

std::optional<Region> conflictRegion(const ApiError &error)
{
    if (!error.isConflict())
        return std::nullopt;
    const QJsonValue current = error.body.value(u"current"_s);
    if (!current.isObject())
        return std::nullopt;
    Result<Region> region = regionFromJson(current, u"current"_s);
    if (!region)
        return std::nullopt;
    return placed(std::move(region).value());
}

std::optional<VersionedWaddle> conflictCurrent(const ApiError &error)
{
    if (!error.isConflict())
        return std::nullopt;
    const QJsonValue current = error.body.value(u"current"_s);
    if (!current.isObject())
        return std::nullopt;
    Result<Waddle> waddle = waddleFromJson(current, u"current"_s);
    if (!waddle)
        return std::nullopt;
    VersionedWaddle out;
    out.waddle = std::move(waddle).value();
    out.etag = waddleETag(out.waddle);
    return out;
}

} // namespace waddle::client
