#pragma once

#include "client/analyticstypes.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace waddle::client {
class AnalyticsController;
class RegionsModel;
struct ApiError;
} // namespace waddle::client

namespace waddle::ui {

class ChartView;
class MetricCard;

// The analytics screen (SPEC §11, seed 001): the five real-time metric cards,
// each with its line chart, refreshed every 15 s while the screen is shown;
// the project's sessions and participants of the last 24 hours; and the
// forecast panel (metric, 1–90 days, linear or Holt-Winters) drawing the
// prediction with its 95 % band, the model and its accuracy, or saying
// plainly that there is not enough data. It binds to an AnalyticsController;
// it fetches nothing itself.
class AnalyticsScreen final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnalyticsScreen)

public:
    // `regions` (may be null) lists the regions whose dashboards the screen
    // offers; it outlives the screen.
    explicit AnalyticsScreen(client::AnalyticsController &controller,
                             const client::RegionsModel *regions = nullptr,
                             QWidget *parent = nullptr);
    ~AnalyticsScreen() override;

    // The built-in metrics in card order, and their names for people.
    [[nodiscard]] static const QStringList &metricNames();
    [[nodiscard]] static QString displayName(const QString &metric);

    [[nodiscard]] MetricCard *card(const QString &metric) const { return m_cards.value(metric); }
    [[nodiscard]] ChartView *usageChart() const { return m_usageChart; }
    [[nodiscard]] ChartView *forecastChart() const { return m_forecastChart; }
    [[nodiscard]] QLabel *forecastInfo() const { return m_forecastInfo; }
    [[nodiscard]] QComboBox *forecastMetric() const { return m_metric; }
    [[nodiscard]] QSlider *forecastDays() const { return m_days; }
    [[nodiscard]] QComboBox *forecastModel() const { return m_model; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }
    [[nodiscard]] QComboBox *dashboardRegion() const { return m_region; }
    [[nodiscard]] QPushButton *dashboardButton() const { return m_openDashboard; }

Q_SIGNALS:
    // "Region Dashboard…": the chosen region's dashboard is wanted.
    void dashboardRequested(const QString &code);

public:
    // Asks for the forecast the controls describe (at once; the controls
    // themselves ask after a short pause).
    void requestForecast();
    // "Export Dashboard…": a title page (project, ranges, time), the cards
    // and charts, and the forecast, as one multi-page PDF at `path`.
    // Answers an empty string or what went wrong.
    [[nodiscard]] QString exportDashboard(const QString &path);
    void exportWithDialog();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onRealtime(const client::RealtimeDashboard &dashboard);
    void onUsage(const QList<client::UsagePoint> &points);
    void onForecast(const client::ForecastAnswer &forecast);
    void onForecastUnavailable(int haveDays, int needDays);
    void onFailed(const client::ApiError &error);
    void updateDaysLabel();
    void fillRegions();

    client::AnalyticsController &m_controller;
    QHash<QString, MetricCard *> m_cards;
    QHash<QString, int> m_cardLines;
    ChartView *m_usageChart = nullptr;
    int m_sessionsLine = -1;
    int m_participantsLine = -1;
    QLabel *m_status = nullptr;
    QPushButton *m_refresh = nullptr;
    const client::RegionsModel *m_regions = nullptr;
    QComboBox *m_region = nullptr;
    QPushButton *m_openDashboard = nullptr;
    QPushButton *m_export = nullptr;
    QWidget *m_cardsBox = nullptr;
    QWidget *m_forecastBox = nullptr;
    QComboBox *m_metric = nullptr;
    QSlider *m_days = nullptr;
    QLabel *m_daysLabel = nullptr;
    QComboBox *m_model = nullptr;
    ChartView *m_forecastChart = nullptr;
    QLabel *m_forecastInfo = nullptr;
    QTimer m_forecastDelay;
    bool m_forecastAsked = false;
};

} // namespace waddle::ui
