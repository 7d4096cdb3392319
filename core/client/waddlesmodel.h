#pragma once

#include "client/pagedlistmodel.h"
#include "domain/waddle.h"

#include <QHash>
#include <QString>

namespace waddle::client {

// The waddles list (SPEC §6): each waddle's voice region choice ("Automatic"
// or a code), where it runs now, and whether failover moved it. Loaded page by
// page from GET /waddles; live changes arrive through updateWaddle().
class WaddlesModel final : public PagedItemsModel<domain::Waddle>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WaddlesModel)

public:
    enum Column
    {
        NameColumn,
        VoiceRegionColumn,
        CurrentRegionColumn,
        MembersColumn,
        ActiveChannelsColumn,
        TemporaryColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // Served on every column of a row, except SortRole which is per column.
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        VoiceRegionRole,   // "auto" or a region code, as stored
        CurrentRegionRole, // region code, empty while none is assigned
        IsAutomaticRole,   // bool
        TemporaryRole,     // bool: moved by failover
        OriginalRegionRole,
        SortRole // numbers as numbers (SPEC §14)
    };
    Q_ENUM(Role)

    explicit WaddlesModel(Fetcher fetcher = {}, QObject *parent = nullptr);
    ~WaddlesModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] const domain::Waddle *waddle(int row) const; // nullptr when out of range
    [[nodiscard]] int rowOf(QStringView id) const;             // −1 when not loaded

    // A live change of one waddle (event stream, a save): dataChanged on its
    // row only. A waddle that is not loaded yet is ignored; its page brings it.
    void updateWaddle(const domain::Waddle &waddle);

    // Region names by code (RegionsModel::regionNames()): the list says
    // "Automatic (Europe West)" and "Asia South-East", names not codes
    // (issue 10). A code without a name is shown as it is.
    void setRegionNames(const QHash<QString, QString> &names);

private:
    [[nodiscard]] QString regionName(const QString &code) const;

    QHash<QString, QString> m_names;
};

} // namespace waddle::client
