#include "regionsmodel.h"

#include "units.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <optional>

namespace waddle::client {

namespace {

constexpr int kNumberAlignment = Qt::AlignRight | Qt::AlignVCenter;

QList<domain::Region> withoutDuplicates(const QList<domain::Region> &regions)
{
    QList<domain::Region> out;
    QSet<QString> seen;
    for (const domain::Region &region : regions) {
        if (!seen.contains(region.code)) {
            seen.insert(region.code);
            out.append(region);
        }
    }
    return out;
}

QSet<QString> codesOf(const QList<domain::Region> &regions)
{
    QSet<QString> codes;
    for (const domain::Region &region : regions)
        codes.insert(region.code);
    return codes;
}

} // namespace

RegionsModel::RegionsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

RegionsModel::~RegionsModel() = default;

int RegionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_regions.size());
}

int RegionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RegionsModel::statusText(domain::RegionStatus status)
{
    switch (status) {
    case domain::RegionStatus::Online:
        return tr("online");
    case domain::RegionStatus::Degraded:
        return tr("degraded");
    case domain::RegionStatus::Offline:
        return tr("offline");
    case domain::RegionStatus::Maintenance:
        return tr("maintenance");
    }
    return {};
}

QVariant RegionsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::Region &r = m_regions.at(index.row());
    const auto column = static_cast<Column>(index.column());
    const auto healthIt = m_health.constFind(r.code);
    const domain::RegionHealth *health = healthIt == m_health.cend() ? nullptr : &*healthIt;
    const double load = r.capacity.utilisation();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return nameOf(r);
        case LocationColumn:
            if (!r.locationKnown)
                return tr("location unknown");
            if (r.location.city.isEmpty() || r.location.country.isEmpty())
                return r.location.city.isEmpty() ? r.location.country : r.location.city;
            return tr("%1, %2").arg(r.location.city, r.location.country);
        case StatusColumn:
            return statusText(r.status);
        case LoadColumn:
            return percentNumber(100.0 * load);
        case HealthScoreColumn:
            return health ? QLocale().toString(health->score, 'f', 0) : QString();
        case ResponseColumn:
            if (!health)
                return QString();
            return health->reading.endpointHealthy ? millisecondsNumber(health->reading.responseMs)
                                                   : tr("no answer");
        case LastCheckColumn:
            return health && health->checkedAt.isValid()
                       ? health->checkedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))
                       : QString();
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case NameColumn:
            return r.code;
        case StatusColumn:
            return health ? health->message : QString();
        case LoadColumn:
            return tr("%1 of %2 sessions")
                .arg(QLocale().toString(r.capacity.current),
                     QLocale().toString(r.capacity.maximum));
        case LastCheckColumn:
            return health && health->checkedAt.isValid()
                       ? QLocale().toString(health->checkedAt.toLocalTime(), QLocale::LongFormat)
                       : QString();
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (column == LoadColumn || column == HealthScoreColumn || column == ResponseColumn)
            return kNumberAlignment;
        return {};
    case SortRole:
        switch (column) {
        case NameColumn:
            return nameOf(r);
        case LocationColumn:
            return r.locationKnown ? data(index, Qt::DisplayRole) : QVariant();
        case StatusColumn: // by severity: online, degraded, offline, maintenance
            return static_cast<int>(r.status);
        case LoadColumn:
            return load;
        case HealthScoreColumn:
            return health ? QVariant(health->score) : QVariant();
        case ResponseColumn: // a failed check sorts with the unchecked, last
            return health && health->reading.endpointHealthy ? QVariant(health->reading.responseMs)
                                                             : QVariant();
        case LastCheckColumn:
            return health && health->checkedAt.isValid()
                       ? QVariant(health->checkedAt.toMSecsSinceEpoch())
                       : QVariant();
        case ColumnCount:
            break;
        }
        return {};
    case CodeRole:
        return r.code;
    case StatusRole:
        return static_cast<int>(r.status);
    case LoadRole:
        return load;
    case LatitudeRole:
        return r.locationKnown ? QVariant(r.location.latitude) : QVariant();
    case LongitudeRole:
        return r.locationKnown ? QVariant(r.location.longitude) : QVariant();
    case LocationKnownRole:
        return r.locationKnown;
    case HealthScoreRole:
        return health ? QVariant(health->score) : QVariant();
    default:
        return {};
    }
}

QVariant RegionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case LocationColumn:
        return tr("Location");
    case StatusColumn:
        return tr("Status");
    case LoadColumn:
        return tr("Load %");
    case HealthScoreColumn:
        return tr("Health");
    case ResponseColumn:
        return tr("Response ms");
    case LastCheckColumn:
        return tr("Last check");
    default:
        return {};
    }
}

QHash<int, QByteArray> RegionsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(CodeRole, QByteArrayLiteral("code"));
    names.insert(StatusRole, QByteArrayLiteral("status"));
    names.insert(LoadRole, QByteArrayLiteral("load"));
    names.insert(LatitudeRole, QByteArrayLiteral("latitude"));
    names.insert(LongitudeRole, QByteArrayLiteral("longitude"));
    names.insert(LocationKnownRole, QByteArrayLiteral("locationKnown"));
    names.insert(HealthScoreRole, QByteArrayLiteral("healthScore"));
    names.insert(SortRole, QByteArrayLiteral("sort"));
    return names;
}

void RegionsModel::setRegions(const QList<domain::Region> &regions)
{
    const QList<domain::Region> incoming = withoutDuplicates(regions);
    if (codesOf(incoming) != codesOf(m_regions)) {
        beginResetModel();
        m_regions = incoming;
        endResetModel();
        return;
    }
    // Same regions: keep the rows where they are (SPEC §14, no jumping) and
    // tell only about the rows that changed.
    for (const domain::Region &region : incoming) {
        const int row = rowOf(region.code);
        if (m_regions.at(row) == region)
            continue;
        m_regions[row] = region;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

void RegionsModel::applyHealth(const domain::RegionHealth &health)
{
    const auto previousIt = m_health.constFind(health.code);
    const std::optional<domain::RegionHealth> previous =
        previousIt == m_health.cend() ? std::nullopt : std::make_optional(*previousIt);
    m_health.insert(health.code, health);

    const int row = rowOf(health.code);
    if (row < 0)
        return;

    QList<int> columns;
    QList<int> rowRoles;
    domain::Region &region = m_regions[row];
    if (region.status != health.status) {
        region.status = health.status;
        columns.append(StatusColumn);
        rowRoles.append(StatusRole);
    } else if ((previous ? previous->message : QString()) != health.message) {
        columns.append(StatusColumn); // its tooltip
    }
    if (!previous || previous->score != health.score) {
        columns.append(HealthScoreColumn);
        rowRoles.append(HealthScoreRole);
    }
    if (!previous || previous->reading.responseMs != health.reading.responseMs ||
        previous->reading.endpointHealthy != health.reading.endpointHealthy) {
        columns.append(ResponseColumn);
    }
    if (!previous || previous->checkedAt != health.checkedAt)
        columns.append(LastCheckColumn);
    notifyRowChanged(row, columns, rowRoles);
}

void RegionsModel::applyStatus(const QString &code, domain::RegionStatus status)
{
    const int row = rowOf(code);
    if (row < 0 || m_regions.at(row).status == status)
        return;
    m_regions[row].status = status;
    notifyRowChanged(row, {StatusColumn}, {StatusRole});
}

const domain::Region *RegionsModel::region(int row) const
{
    if (row < 0 || row >= m_regions.size())
        return nullptr;
    return &m_regions.at(row);
}

int RegionsModel::rowOf(QStringView code) const
{
    for (qsizetype row = 0; row < m_regions.size(); ++row) {
        if (m_regions.at(row).code == code)
            return static_cast<int>(row);
    }
    return -1;
}

QList<domain::Region> RegionsModel::regions() const
{
    return m_regions;
}

std::optional<domain::RegionHealth> RegionsModel::health(QStringView code) const
{
    const auto it = m_health.constFind(code.toString());
    if (it == m_health.cend())
        return std::nullopt;
    return *it;
}

QString RegionsModel::nameOf(const domain::Region &region)
{
    return region.name.isEmpty() ? region.code : region.name;
}

QString RegionsModel::regionName(QStringView code) const
{
    const domain::Region *listed = region(rowOf(code));
    return listed ? nameOf(*listed) : code.toString();
}

QHash<QString, QString> RegionsModel::regionNames() const
{
    QHash<QString, QString> names;
    for (const domain::Region &r : m_regions)
        names.insert(r.code, nameOf(r));
    return names;
}

// One dataChanged per run of adjacent changed cells, and one across the row
// for the row-wide roles that changed, so views repaint (and proxies re-sort)
// only what changed.
void RegionsModel::notifyRowChanged(int row, const QList<int> &columns, const QList<int> &rowRoles)
{
    QList<int> sorted = columns;
    std::sort(sorted.begin(), sorted.end());
    qsizetype i = 0;
    while (i < sorted.size()) {
        qsizetype j = i;
        while (j + 1 < sorted.size() && sorted.at(j + 1) == sorted.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(row, sorted.at(i)), index(row, sorted.at(j)));
        i = j + 1;
    }
    if (!rowRoles.isEmpty())
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), rowRoles);
}

} // namespace waddle::client
