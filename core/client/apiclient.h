#pragma once

#include "analyticstypes.h"
#include "apierror.h"
#include "apitypes.h"
#include "domain/faultstate.h"
#include "domain/health.h"
#include "domain/placement/failoverjob.h"
#include "domain/placement/migration.h"
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

#include <functional>
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
    // With `drain` (and `on`), every waddle of the region migrates away.
    QCoro::Task<ApiResult<domain::Region>> setMaintenance(QString code, bool on,
                                                          bool drain = false);
    // PUT /regions/{code} (operator): priority and/or failover list, sent
    // with If-Match `etag` (the region's regionETag when read); a 409 is
    // isConflict(), its conflictRegion() the server's version.
    QCoro::Task<ApiResult<domain::Region>>
    updateRegionSettings(QString code, domain::RegionSettings settings, QString etag);
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
    // GET /keys/self: the key this client sends, with its role (any valid
    // key; 401 without one or with a bad one).
    QCoro::Task<ApiResult<KeyInfo>> keySelf();

    // --- Failovers (operator, SPEC §9) ----------------------------------
    // The plan only: targets, capacity before/after, unplaced waddles.
    QCoro::Task<ApiResult<domain::FailoverJob>> failoverDryRun(QString region);
    // Starts a failover (202); `force` fails over a region that is not
    // offline (a 409 without it).
    QCoro::Task<ApiResult<domain::FailoverJob>> startFailover(QString region, bool force);
    QCoro::Task<ApiResult<domain::FailoverJob>> failover(QString id);
    QCoro::Task<ApiResult<FailoverPage>> failovers(qint64 offset, qint64 limit);
    // Starts a failover waiting for confirmation (policy "confirm").
    QCoro::Task<ApiResult<domain::FailoverJob>> confirmFailover(QString id);
    QCoro::Task<ApiResult<domain::FailoverJob>> failBack(QString id, bool force = false);

    // --- Migrations (SPEC §10) ------------------------------------------
    // One migration per waddle to `to`; `dryRun` answers the previews only
    // (nothing stored); `startAt` schedules (not in the past).
    QCoro::Task<ApiResult<QList<domain::Migration>>>
    createMigrations(QStringList waddleIds, QString to, bool dryRun,
                     std::optional<QDateTime> startAt = std::nullopt,
                     domain::MigrationReason reason = domain::MigrationReason::Manual);
    // Drains a region: one migration for every waddle on `fromRegion` (reason
    // maintenance), otherwise as createMigrations.
    QCoro::Task<ApiResult<QList<domain::Migration>>>
    drainRegion(QString fromRegion, QString to, bool dryRun,
                std::optional<QDateTime> startAt = std::nullopt);
    QCoro::Task<ApiResult<domain::Migration>> migration(QString id);
    QCoro::Task<ApiResult<MigrationPage>> migrations(qint64 offset, qint64 limit);
    QCoro::Task<ApiResult<domain::Migration>> cancelMigration(QString id);

    // --- Optimiser (SPEC §7) ----------------------------------------------
    // POST /optimiser/run: the fleet's proposals; without `dryRun` each
    // proposal is started as a migration (reason optimization).
    QCoro::Task<ApiResult<OptimiserRun>> runOptimiser(bool dryRun);
    // --- Analytics (SPEC §11; analyst role) ------------------------------
    // GET /analytics/realtime/{project}: the five real-time metric cards.
    QCoro::Task<ApiResult<RealtimeDashboard>> realtime(QString projectId);
    // GET /analytics/usage/{project}: hourly or daily (`daily`) usage
    // between `from` and `to` (UTC), of one region or all (empty).
    QCoro::Task<ApiResult<QList<UsagePoint>>> usageSeries(QString projectId, QDateTime from,
                                                          QDateTime to, bool daily = false,
                                                          QString region = {});
    // GET /analytics/forecast/{project}: `metric` one of the built-in
    // metrics, `days` 1–90, `model` kLinearRegressionModel or
    // kHoltWintersModel. Too little history is a 400 on field "history"
    // (forecastShortfall() reads it).
    QCoro::Task<ApiResult<ForecastAnswer>> forecast(QString projectId, QString metric, int days,
                                                    QString model);
    // GET /regions/{code}/dashboard (seed 000 RegionDashboard).
    QCoro::Task<ApiResult<RegionDashboard>> regionDashboard(QString code);

    // --- Custom metrics, alerts, silences, exports (SPEC §11, issue 12) ----
    QCoro::Task<ApiResult<QList<MetricDefinition>>> customMetrics(QString projectId);
    QCoro::Task<ApiResult<MetricDefinition>> createCustomMetric(MetricDefinition definition);
    QCoro::Task<ApiResult<MetricDefinition>> updateCustomMetric(MetricDefinition definition);
    QCoro::Task<ApiResult<void>> deleteCustomMetric(QString projectId, QString id);
    QCoro::Task<ApiResult<QList<AlertDefinition>>> metricAlerts(QString projectId);
    QCoro::Task<ApiResult<AlertDefinition>> createMetricAlert(AlertDefinition definition);
    QCoro::Task<ApiResult<AlertDefinition>> updateMetricAlert(AlertDefinition definition);
    QCoro::Task<ApiResult<void>> deleteMetricAlert(QString projectId, QString id);
    // POST /analytics/alerts/{project}/check: evaluates now; the triggers
    // that fired.
    QCoro::Task<ApiResult<QList<domain::AlertTrigger>>> checkMetricAlerts(QString projectId);
    // Newest first, `limit` 1–100.
    QCoro::Task<ApiResult<QList<domain::AlertTrigger>>> alertTriggers(QString projectId,
                                                                      int limit = 20);
    QCoro::Task<ApiResult<domain::AlertTrigger>> acknowledgeTrigger(QString projectId, QString id);
    QCoro::Task<ApiResult<QList<domain::Silence>>> silences(QString projectId);
    QCoro::Task<ApiResult<domain::Silence>> createSilence(domain::Silence silence);
    QCoro::Task<ApiResult<void>> deleteSilence(QString projectId, QString id);
    // POST /analytics/export/{project}: `exportType` csv or json, dates
    // inclusive, `metrics` built-in names (empty: all). Answers the job id.
    QCoro::Task<ApiResult<QString>> createExport(QString projectId, QString exportType, QDate from,
                                                 QDate to, QStringList metrics);
    QCoro::Task<ApiResult<ExportJobStatus>> exportStatus(QString exportId);
    // GET /analytics/export/{id}/download streamed into a QSaveFile at
    // `filePath`, committed only when the whole body arrived (nothing is
    // left behind otherwise); `progress(received, total)` as it comes
    // (total -1 when unknown). Answers the bytes written.
    QCoro::Task<ApiResult<qint64>> downloadExport(QString exportId, QString filePath,
                                                  std::function<void(qint64, qint64)> progress);

    // --- Alerts (issue 13) ----------------------------------------------
    // POST /alerts/{id}/ack (operator): idempotent, the first time stands.
    QCoro::Task<ApiResult<domain::RegionAlert>> acknowledgeAlert(QString id);

private:
    Options m_options;
    QNetworkAccessManager *m_network;
};

// The waddle as the server has it now, from a 409's error document
// ({"error": …, "current": {…}}), so the UI can show both versions; nullopt
// when the error is not a conflict or carries no decodable version.
std::optional<VersionedWaddle> conflictCurrent(const ApiError &error);
// The same for a region (PUT /regions/{code}).
std::optional<domain::Region> conflictRegion(const ApiError &error);

} // namespace waddle::client
