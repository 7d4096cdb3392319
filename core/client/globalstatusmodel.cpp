#include "globalstatusmodel.h"

#include "liveevents.h"
#include "units.h"

#include <QLocale>
#include <QPointer>

namespace waddle::client {

using namespace waddle::domain;

namespace {

QString statusWord(RegionStatus status)
{
    switch (status) {
    case RegionStatus::Online:
        return GlobalStatusModel::tr("Online");
    case RegionStatus::Degraded:
        return GlobalStatusModel::tr("Degraded");
    case RegionStatus::Offline:
        return GlobalStatusModel::tr("Offline");
    case RegionStatus::Maintenance:
        return GlobalStatusModel::tr("Maintenance");
    }
    return {};
}

} // namespace

GlobalStatusModel::GlobalStatusModel(ApiClient &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
    m_timer.setInterval(kRefreshInterval);
    connect(&m_timer, &QTimer::timeout, this, [this] { refresh(); });
}

GlobalStatusModel::~GlobalStatusModel() = default;

void GlobalStatusModel::setLiveEvents(LiveEvents *events)
{
    if (m_events)
        disconnect(m_events, nullptr, this, nullptr);
    m_events = events;
    if (m_events) {
        connect(m_events, &LiveEvents::regionStatus, this, [this] {
            if (isStarted())
                refresh();
        });
    }
}

void GlobalStatusModel::setRefreshInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void GlobalStatusModel::start()
{
    if (isStarted())
        return;
    m_timer.start();
    refresh();
}

void GlobalStatusModel::stop()
{
    m_timer.stop();
}

QCoro::Task<bool> GlobalStatusModel::refresh()
{
    if (m_fetching)
        co_return false; // the one in flight answers
    m_fetching = true;
    const QPointer<GlobalStatusModel> self(this);
    auto stats = co_await m_api.regionStats();
    if (!self)
        co_return false;
    m_fetching = false;
    if (!stats) {
        m_lastError = stats.error().message;
        Q_EMIT failed(m_lastError);
        co_return false;
    }
    m_lastError.clear();
    setStats(std::move(stats).value());
    co_return true;
}

void GlobalStatusModel::setStats(RegionStats stats)
{
    const bool sameRows =
        stats.regions.size() == m_stats.regions.size() &&
        std::equal(
            stats.regions.cbegin(), stats.regions.cend(), m_stats.regions.cbegin(),
            [](const RegionStatsEntry &a, const RegionStatsEntry &b) { return a.code == b.code; });
    if (sameRows) {
        m_stats = std::move(stats);
        if (!m_stats.regions.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_stats = std::move(stats);
        endResetModel();
    }
    m_loaded = true;
    m_loadedAt = QDateTime::currentDateTimeUtc();
    Q_EMIT loaded();
}

int GlobalStatusModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_stats.regions.size());
}

int GlobalStatusModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GlobalStatusModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_stats.regions.size())
        return {};
    const RegionStatsEntry &e = m_stats.regions.at(index.row());
    if (role == CodeRole)
        return e.code;
    if (role == StatusRole)
        return static_cast<int>(e.status);
    if (role == Qt::TextAlignmentRole && index.column() >= ScoreColumn &&
        index.column() <= UtilisationColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    const auto number = [role](const std::optional<double> &value,
                               QString (*format)(double)) -> QVariant {
        if (role == SortRole)
            return value ? *value : -1.0;
        return value ? format(*value) : GlobalStatusModel::tr("not checked");
    };
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (index.column()) {
    case RegionColumn:
        return e.code;
    case StatusColumn:
        return role == SortRole ? QVariant(static_cast<int>(e.status)) : statusWord(e.status);
    case ScoreColumn:
        return number(e.score, [](double v) { return QLocale().toString(v, 'f', 0); });
    case ResponseColumn:
        return number(e.responseMs, formatMilliseconds);
    case ErrorRateColumn:
        return number(e.errorRatePercent, formatPercentValue);
    case UtilisationColumn:
        return role == SortRole ? QVariant(e.utilisation)
                                : QVariant(formatPercentValue(100.0 * e.utilisation));
    case LastCheckColumn:
        if (role == SortRole)
            return e.lastCheck;
        return e.lastCheck.isValid()
                   ? QLocale().toString(e.lastCheck.toLocalTime().time(), QLocale::ShortFormat)
                   : tr("not checked");
    default:
        return {};
    }
}

QVariant GlobalStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RegionColumn:
        return tr("Region");
    case StatusColumn:
        return tr("Status");
    case ScoreColumn:
        return tr("Health score");
    case ResponseColumn:
        return tr("Response");
    case ErrorRateColumn:
        return tr("Error rate");
    case UtilisationColumn:
        return tr("Utilisation");
    case LastCheckColumn:
        return tr("Last check");
    default:
        return {};
    }
}

} // namespace waddle::client
