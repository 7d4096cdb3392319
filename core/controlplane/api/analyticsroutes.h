#pragma once

#include "domain/analytics/usageevent.h"
#include "router.h"

#include <optional>

namespace waddle::cp {

class AlertDeliveryService;
class AnalyticsService;
class ExportService;
class HealthService;
class RegionService;

// Usage in and analytics out (SPEC §11, issue 12, seed 001 §8.2). Every
// analytics route names a project ("fleet" or a waddle id): unknown → 404,
// an owner key for another waddle → 403; each read and write is audited.
class AnalyticsRoutes
{
public:
    AnalyticsRoutes(AnalyticsService &analytics, AlertDeliveryService &delivery,
                    const RegionService &regions, HealthService &health, ExportService &exports);
    void registerOn(Router &router);

private:
    // The 404/403 for `projectId`, or nothing after recording `action`.
    std::optional<HttpResponse> admit(const ApiRequest &request, const QString &projectId,
                                      const QString &action, const QString &target = {});

    void ingest(const ApiRequest &request, const Reply &reply);
    // Audits and stores a decoded batch, and answers.
    void store(const ApiRequest &request, const QList<domain::UsageEvent> &events,
               const Reply &reply);
    void realtime(const ApiRequest &request, const Reply &reply);
    void usage(const ApiRequest &request, const Reply &reply);
    void audit(const ApiRequest &request, const Reply &reply);
    void createMetric(const ApiRequest &request, const Reply &reply);
    void listMetrics(const ApiRequest &request, const Reply &reply);
    void updateMetric(const ApiRequest &request, const Reply &reply);
    void removeMetric(const ApiRequest &request, const Reply &reply);
    void createAlert(const ApiRequest &request, const Reply &reply);
    void listAlerts(const ApiRequest &request, const Reply &reply);
    void updateAlert(const ApiRequest &request, const Reply &reply);
    void removeAlert(const ApiRequest &request, const Reply &reply);
    void check(const ApiRequest &request, const Reply &reply);
    void triggers(const ApiRequest &request, const Reply &reply);
    void acknowledge(const ApiRequest &request, const Reply &reply);
    void createSilence(const ApiRequest &request, const Reply &reply);
    void listSilences(const ApiRequest &request, const Reply &reply);
    void removeSilence(const ApiRequest &request, const Reply &reply);
    void deliveries(const ApiRequest &request, const Reply &reply);
    void forecast(const ApiRequest &request, const Reply &reply);
    void dashboard(const ApiRequest &request, const Reply &reply);
    void createExport(const ApiRequest &request, const Reply &reply);
    void exportStatus(const ApiRequest &request, const Reply &reply);
    void download(const ApiRequest &request, const Reply &reply);

    AnalyticsService &m_analytics;
    AlertDeliveryService &m_delivery;
    const RegionService &m_regions;
    HealthService &m_health;
    ExportService &m_exports;
};

} // namespace waddle::cp
