#pragma once

#include "domain/region.h"

#include <QObject>
#include <QString>

namespace waddle::client {

class AlertsModel;
class RegionsModel;

// What the tray icon says (issue 13), without widgets: the worst status of
// the fleet (offline over degraded over healthy; maintenance is planned and
// counts as healthy) with a tooltip in words, and a notification for every
// critical alert that arrives while the app watches. The window binds it to
// a QSystemTrayIcon when the desktop has a tray.
class TrayStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayStatus)

public:
    enum class Level
    {
        Unknown, // no regions yet
        Healthy,
        Degraded,
        Offline
    };
    Q_ENUM(Level)

    struct Summary
    {
        Level level = Level::Unknown;
        int total = 0;
        int offline = 0;
        int degraded = 0;
        int maintenance = 0;

        friend bool operator==(const Summary &, const Summary &) = default;
    };

    // The fleet's summary (pure; tested with _data tables).
    [[nodiscard]] static Summary summarise(const QList<domain::Region> &regions);
    // "Waddle: 2 of 8 regions offline, 1 degraded · 3 open alerts".
    [[nodiscard]] static QString toolTipOf(const Summary &summary, int openAlerts);

    TrayStatus(const RegionsModel &regions, const AlertsModel *alerts, QObject *parent = nullptr);
    ~TrayStatus() override;

    [[nodiscard]] Level level() const { return m_summary.level; }
    [[nodiscard]] const Summary &summary() const { return m_summary; }
    [[nodiscard]] QString toolTip() const;

Q_SIGNALS:
    void levelChanged(waddle::client::TrayStatus::Level level);
    void toolTipChanged(const QString &toolTip);
    // A critical alert arrived: show a desktop notification.
    void notify(const QString &title, const QString &message);

private:
    void update();

    const RegionsModel &m_regions;
    const AlertsModel *m_alerts;
    Summary m_summary;
    QString m_toolTip;
};

} // namespace waddle::client
