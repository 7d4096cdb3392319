#include "membersmodel.h"

#include <QLocale>

#include <utility>

namespace waddle::client {

namespace {

constexpr int kNumberAlignment = Qt::AlignRight | Qt::AlignVCenter;

// Degrees with 4 decimals: about 11 m, more than a city table knows.
QString degrees(double value)
{
    return QLocale().toString(value, 'f', 4);
}

} // namespace

MembersModel::MembersModel(Fetcher fetcher, QObject *parent)
    : PagedItemsModel<domain::Member>(std::move(fetcher), parent)
{}

MembersModel::~MembersModel() = default;

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::Member &m = m_items.at(index.row());
    const auto column = static_cast<Column>(index.column());
    const bool placed = m.location.has_value();

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return m.displayName.isEmpty() ? m.id : m.displayName;
        case CityColumn:
            return placed ? m.location->city : tr("location not shared");
        case CountryColumn:
            return placed ? m.location->country : QString();
        case LatitudeColumn:
            return placed ? degrees(m.location->point.latitude) : QString();
        case LongitudeColumn:
            return placed ? degrees(m.location->point.longitude) : QString();
        case ColumnCount:
            break;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == LatitudeColumn || column == LongitudeColumn)
            return kNumberAlignment;
        return {};
    case SortRole:
        switch (column) {
        case NameColumn:
            return m.displayName.isEmpty() ? m.id : m.displayName;
        case CityColumn:
            return placed ? m.location->city : QString();
        case CountryColumn:
            return placed ? m.location->country : QString();
        case LatitudeColumn: // invalid (no location) sorts last in a proxy
            return placed ? QVariant(m.location->point.latitude) : QVariant();
        case LongitudeColumn:
            return placed ? QVariant(m.location->point.longitude) : QVariant();
        case ColumnCount:
            break;
        }
        return {};
    case IdRole:
        return m.id;
    case HasLocationRole:
        return placed;
    case LatitudeRole:
        return placed ? QVariant(m.location->point.latitude) : QVariant();
    case LongitudeRole:
        return placed ? QVariant(m.location->point.longitude) : QVariant();
    default:
        return {};
    }
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CityColumn:
        return tr("City");
    case CountryColumn:
        return tr("Country");
    case LatitudeColumn:
        return tr("Latitude");
    case LongitudeColumn:
        return tr("Longitude");
    default:
        return {};
    }
}

QHash<int, QByteArray> MembersModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("id"));
    names.insert(HasLocationRole, QByteArrayLiteral("hasLocation"));
    names.insert(LatitudeRole, QByteArrayLiteral("latitude"));
    names.insert(LongitudeRole, QByteArrayLiteral("longitude"));
    names.insert(SortRole, QByteArrayLiteral("sort"));
    return names;
}

const domain::Member *MembersModel::member(int row) const
{
    return item(row);
}

} // namespace waddle::client
