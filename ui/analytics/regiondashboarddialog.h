#pragma once

#include "client/analyticstypes.h"

#include <QDialog>

class QLabel;
class QListWidget;

namespace waddle::client {
class ApiClient;
class RegionDashboardController;
struct ApiError;
} // namespace waddle::client

namespace waddle::ui {

class ChartView;
class MetricCard;

// One region's dashboard (SPEC §11, seed 000 RegionDashboard), opened from
// the map's region details: cards for active sessions, participants, average
// latency and capacity used with their trends, the usage of the last 24
// hours (sessions and participants, hourly), call quality, the latency
// distribution and the region's open alerts. Refreshed every 30 s while open
// (RegionDashboardController).
class RegionDashboardDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionDashboardDialog)

public:
    RegionDashboardDialog(client::ApiClient &api, const QString &code, const QString &name,
                          QWidget *parent = nullptr);
    ~RegionDashboardDialog() override;

    [[nodiscard]] client::RegionDashboardController &controller() const { return *m_controller; }
    [[nodiscard]] MetricCard *sessionsCard() const { return m_sessions; }
    [[nodiscard]] MetricCard *participantsCard() const { return m_participants; }
    [[nodiscard]] MetricCard *latencyCard() const { return m_latency; }
    [[nodiscard]] MetricCard *capacityCard() const { return m_capacity; }
    [[nodiscard]] ChartView *usageChart() const { return m_usageChart; }
    [[nodiscard]] ChartView *qualityChart() const { return m_qualityChart; }
    [[nodiscard]] ChartView *latencyHistogram() const { return m_histogram; }
    [[nodiscard]] QListWidget *alertList() const { return m_alerts; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }

    // "0–50", "50–100", "≥ 300" (ms, on the axis title; no "<", which
    // QtCharts would read as markup).
    [[nodiscard]] static QString bucketLabel(const client::LatencyBucket &bucket);

protected:
    void hideEvent(QHideEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void onLoaded(const client::RegionDashboard &dashboard);
    void onFailed(const client::ApiError &error);

    client::RegionDashboardController *m_controller = nullptr;
    QString m_code;
    QLabel *m_status = nullptr;
    MetricCard *m_sessions = nullptr;
    MetricCard *m_participants = nullptr;
    MetricCard *m_latency = nullptr;
    MetricCard *m_capacity = nullptr;
    ChartView *m_usageChart = nullptr;
    int m_sessionsLine = -1;
    int m_participantsLine = -1;
    ChartView *m_qualityChart = nullptr;
    int m_qualityLine = -1;
    ChartView *m_histogram = nullptr;
    QListWidget *m_alerts = nullptr;
};

} // namespace waddle::ui
