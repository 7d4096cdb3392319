#include "waddlesmodel.h"

#include <QLocale>

#include <utility>

namespace waddle::client {

namespace {

constexpr int kNumberAlignment = Qt::AlignRight | Qt::AlignVCenter;

} // namespace

WaddlesModel::WaddlesModel(Fetcher fetcher, QObject *parent)
    : PagedItemsModel<domain::Waddle>(std::move(fetcher), parent)
{}

WaddlesModel::~WaddlesModel() = default;

int WaddlesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WaddlesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::Waddle &w = m_items.at(index.row());
    const auto column = static_cast<Column>(index.column());

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return w.name;
        case VoiceRegionColumn:
            if (!w.isAutomatic())
                return regionName(w.voiceRegion);
            return w.currentRegion.isEmpty()
                       ? tr("Automatic")
                       : tr("Automatic (%1)").arg(regionName(w.currentRegion));
        case CurrentRegionColumn:
            return w.currentRegion.isEmpty() ? tr("not assigned") : regionName(w.currentRegion);
        case MembersColumn:
            return QLocale().toString(w.memberCount);
        case ActiveChannelsColumn:
            return QLocale().toString(w.activeVoiceChannels);
        case TemporaryColumn:
            return w.temporary ? tr("Yes") : tr("No");
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        // A narrow list elides names: the whole name is a hover away.
        if (column == NameColumn)
            return w.name;
        if (column == VoiceRegionColumn && w.isAutomatic() && !w.currentRegion.isEmpty())
            return tr("Automatic; currently %1").arg(regionName(w.currentRegion));
        if (column == TemporaryColumn && w.temporary)
            return tr("Moved by failover; returns to %1").arg(regionName(w.originalRegion));
        return {};
    case Qt::TextAlignmentRole:
        if (column == MembersColumn || column == ActiveChannelsColumn)
            return kNumberAlignment;
        return {};
    case SortRole:
        switch (column) {
        case NameColumn:
            return w.name;
        case VoiceRegionColumn: // Automatic first, then by code
            return w.isAutomatic() ? QString() : w.voiceRegion;
        case CurrentRegionColumn:
            return w.currentRegion;
        case MembersColumn:
            return w.memberCount;
        case ActiveChannelsColumn:
            return w.activeVoiceChannels;
        case TemporaryColumn:
            return w.temporary ? 1 : 0;
        case ColumnCount:
            break;
        }
        return {};
    case IdRole:
        return w.id;
    case VoiceRegionRole:
        return w.voiceRegion;
    case CurrentRegionRole:
        return w.currentRegion;
    case IsAutomaticRole:
        return w.isAutomatic();
    case TemporaryRole:
        return w.temporary;
    case OriginalRegionRole:
        return w.originalRegion;
    default:
        return {};
    }
}

QVariant WaddlesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case VoiceRegionColumn:
        return tr("Voice region");
    case CurrentRegionColumn:
        return tr("Current region");
    case MembersColumn:
        return tr("Members");
    case ActiveChannelsColumn:
        return tr("Active channels");
    case TemporaryColumn:
        return tr("Temporary (failover)");
    default:
        return {};
    }
}

QHash<int, QByteArray> WaddlesModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, QByteArrayLiteral("id"));
    names.insert(VoiceRegionRole, QByteArrayLiteral("voiceRegion"));
    names.insert(CurrentRegionRole, QByteArrayLiteral("currentRegion"));
    names.insert(IsAutomaticRole, QByteArrayLiteral("isAutomatic"));
    names.insert(TemporaryRole, QByteArrayLiteral("temporary"));
    names.insert(OriginalRegionRole, QByteArrayLiteral("originalRegion"));
    names.insert(SortRole, QByteArrayLiteral("sort"));
    return names;
}

const domain::Waddle *WaddlesModel::waddle(int row) const
{
    return item(row);
}

int WaddlesModel::rowOf(QStringView id) const
{
    for (qsizetype row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).id == id)
            return static_cast<int>(row);
    }
    return -1;
}

void WaddlesModel::updateWaddle(const domain::Waddle &waddle)
{
    const int row = rowOf(waddle.id);
    if (row < 0 || m_items.at(row) == waddle)
        return;
    m_items[row] = waddle;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void WaddlesModel::setRegionNames(const QHash<QString, QString> &names)
{
    if (names == m_names)
        return;
    m_names = names;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString WaddlesModel::regionName(const QString &code) const
{
    return m_names.value(code, code);
}

} // namespace waddle::client
