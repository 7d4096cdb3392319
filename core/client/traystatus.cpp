#include "traystatus.h"

#include "alertsmodel.h"
#include "regionsmodel.h"

namespace waddle::client {

using namespace waddle::domain;

TrayStatus::Summary TrayStatus::summarise(const QList<Region> &regions)
{
    Summary s;
    s.total = static_cast<int>(regions.size());
    for (const Region &r : regions) {
        switch (r.status) {
        case RegionStatus::Offline:
            ++s.offline;
            break;
        case RegionStatus::Degraded:
            ++s.degraded;
            break;
        case RegionStatus::Maintenance:
            ++s.maintenance;
            break;
        case RegionStatus::Online:
            break;
        }
    }
    if (s.total == 0)
        s.level = Level::Unknown;
    else if (s.offline > 0)
        s.level = Level::Offline;
    else if (s.degraded > 0)
        s.level = Level::Degraded;
    else
        s.level = Level::Healthy;
    return s;
}

QString TrayStatus::toolTipOf(const Summary &summary, int openAlerts)
{
    QString text;
    switch (summary.level) {
    case Level::Unknown:
        text = tr("Waddle: no region status yet");
        break;
    case Level::Healthy:
        text = tr("Waddle: all %n region(s) healthy", nullptr, summary.total);
        break;
    case Level::Degraded:
    case Level::Offline: {
        QStringList parts;
        if (summary.offline > 0)
            parts.append(tr("%1 of %2 offline").arg(summary.offline).arg(summary.total));
        if (summary.degraded > 0)
            parts.append(tr("%1 of %2 degraded").arg(summary.degraded).arg(summary.total));
        text = tr("Waddle: %1").arg(parts.join(QStringLiteral(", ")));
        break;
    }
    }
    if (summary.maintenance > 0)
        text += tr(", %n in maintenance", nullptr, summary.maintenance);
    if (openAlerts > 0)
        text += tr(" · %n open alert(s)", nullptr, openAlerts);
    return text;
}

TrayStatus::TrayStatus(const RegionsModel &regions, const AlertsModel *alerts, QObject *parent)
    : QObject(parent)
    , m_regions(regions)
    , m_alerts(alerts)
{
    connect(&m_regions, &QAbstractItemModel::modelReset, this, &TrayStatus::update);
    connect(&m_regions, &QAbstractItemModel::rowsInserted, this, &TrayStatus::update);
    connect(&m_regions, &QAbstractItemModel::rowsRemoved, this, &TrayStatus::update);
    connect(&m_regions, &QAbstractItemModel::dataChanged, this, &TrayStatus::update);
    if (m_alerts) {
        connect(m_alerts, &QAbstractItemModel::modelReset, this, &TrayStatus::update);
        connect(m_alerts, &QAbstractItemModel::dataChanged, this, &TrayStatus::update);
        connect(m_alerts, &AlertsModel::alertArrived, this,
                [this](const AlertsModel::Entry &entry) {
                    if (entry.severity != Severity::Critical)
                        return;
                    const QString where = entry.region.isEmpty() ? entry.project : entry.region;
                    Q_EMIT notify(tr("Critical: %1").arg(where), entry.title);
                });
    }
    update();
}

TrayStatus::~TrayStatus() = default;

QString TrayStatus::toolTip() const
{
    return m_toolTip;
}

void TrayStatus::update()
{
    const Summary summary = summarise(m_regions.regions());
    const QString tip = toolTipOf(summary, m_alerts ? m_alerts->openCount() : 0);
    const bool levelChange = summary.level != m_summary.level;
    m_summary = summary;
    if (tip != m_toolTip) {
        m_toolTip = tip;
        Q_EMIT toolTipChanged(tip);
    }
    if (levelChange)
        Q_EMIT levelChanged(summary.level);
}

} // namespace waddle::client
