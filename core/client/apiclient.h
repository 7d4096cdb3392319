#pragma once

#include "apierror.h"
#include "apitypes.h"
#include "domain/faultstate.h"
#include "domain/health.h"
#include "domain/placement/nearest.h"
#include "domain/region.h"
#include "domain/regionalert.h"
#include "domain/regionhealthdetail.h"
#include "domain/regionstats.h"
#include "pages.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <optional>

class QNetworkAccessManager;

namespace waddle::client {

// The typed client of the control plane's HTTP API (SPEC §12, §13): one
// coroutine per endpoint, each answering a decoded value or an ApiError —
// never a raw QNetworkReply error, never a half-filled value.
//
// Idempotent GETs that fail transiently (network, timeout, 429, 5xx) are
// retried up to maxRetries times with exponential backoff (retryBaseMs × 2^n,
// ±20 % jitter), or after the server's Retry-After when that is at most 10 s
// (a longer one ends the call with the 429/503); PUT, POST and DELETE are
// never retried. Each attempt waits at most `timeoutMs` and is then aborted.
// TLS errors are never ignored. There is no nested event loop
// and no blocking wait anywhere: only co_await.
//
// Lifetime: destroying the client aborts the calls in flight; their tasks
// finish with ApiError::Kind::Cancelled and touch nothing of the client.
// Parameters are taken by value because a coroutine outlives its caller's
// temporaries.
class ApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)

public:
    struct Options
    {
        QUrl baseUrl;   // http(s)://host:port, optionally with a path prefix
        QString apiKey; // sent as "Authorization: Bearer …" when set
        int timeoutMs = 10000;
        int maxRetries = 2;    // extra attempts of an idempotent GET
        int retryBaseMs = 200; // backoff: base × 2^n, ±20 % jitter
    };

    explicit ApiClient(Options options, QObject *parent = nullptr);
    ~ApiClient() override;

    [[nodiscard]] const Options &options() const;
    void setBaseUrl(const QUrl &baseUrl);
    void setApiKey(const QString &apiKey);

    // --- Regions (public reads, seed 001) -------------------------------
    // Regions from a stock seed-001 server come without a location: known
    // codes are placed from the built-in catalogue, the others keep
    // locationKnown = false.
    QCoro::Task<ApiResult<QList<domain::Region>>> regions();
    QCoro::Task<ApiResult<QList<domain::RegionHealth>>> regionsHealth();
    QCoro::Task<ApiResult<domain::RegionStats>> regionStats();
    QCoro::Task<ApiResult<NearestAnswer>> nearest(domain::NearestRequest request);
    QCoro::Task<ApiResult<domain::Region>> region(QString code);
    QCoro::Task<ApiResult<domain::RegionHealthDetail>> regionHealth(QString code,
                                                                    int historyLimit = 50);

    // --- Region operator actions ---------------------------------------
    QCoro::Task<ApiResult<domain::RegionHealth>> checkRegion(QString code);
    QCoro::Task<ApiResult<domain::Region>> setMaintenance(QString code, bool on);
    QCoro::Task<ApiResult<QList<domain::RegionAlert>>> alerts(int limit = 50);

    // --- Waddles --------------------------------------------------------
    QCoro::Task<ApiResult<WaddlePage>> waddles(qint64 offset, qint64 limit);
    QCoro::Task<ApiResult<VersionedWaddle>> waddle(QString id);
    QCoro::Task<ApiResult<MemberPage>> members(QString waddleId, qint64 offset, qint64 limit);
    QCoro::Task<ApiResult<RecommendationAnswer>> recommendation(QString waddleId);
    // "Save region" (SPEC §6): `region` is "auto" or a region code, `etag`
    // the ETag of the version the person edited. A 409 is an ApiError with
    // isConflict(); conflictCurrent() gives the server's version.
    QCoro::Task<ApiResult<VersionedWaddle>> setVoiceRegion(QString waddleId, QString region,
                                                           QString etag);

    // --- Demo fleet (admin) ---------------------------------------------
    // kind: "offline", "degraded" or "latency" (which needs extraMs > 0).
    QCoro::Task<ApiResult<domain::FaultState>> injectFault(QString code, QString kind,
                                                           double extraMs = 0.0);
    QCoro::Task<ApiResult<domain::FaultState>> clearFault(QString code);

    // --- Meta -----------------------------------------------------------
    QCoro::Task<ApiResult<QJsonObject>> openApi();

private:
    Options m_options;
    QNetworkAccessManager *m_network;
};

// The waddle as the server has it now, from a 409's error document
// ({"error": …, "current": {…}}), so the UI can show both versions; nullopt
// when the error is not a conflict or carries no decodable version.
std::optional<VersionedWaddle> conflictCurrent(const ApiError &error);

} // namespace waddle::client
