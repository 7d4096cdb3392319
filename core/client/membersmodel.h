#pragma once

#include "client/pagedlistmodel.h"
#include "domain/member.h"

namespace waddle::client {

// A waddle's members and where they connect from (SPEC §5: the
// recommendation's inputs), loaded page by page from
// GET /waddles/{id}/members. A member who shared no location is listed, not
// placed.
class MembersModel final : public PagedItemsModel<domain::Member>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MembersModel)

public:
    enum Column
    {
        NameColumn,
        CityColumn,
        CountryColumn,
        LatitudeColumn,
        LongitudeColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // Served on every column of a row, except SortRole which is per column.
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        HasLocationRole, // bool
        LatitudeRole,    // double degrees; invalid without a location
        LongitudeRole,   // double degrees; invalid without a location
        SortRole         // numbers as numbers (SPEC §14)
    };
    Q_ENUM(Role)

    explicit MembersModel(Fetcher fetcher = {}, QObject *parent = nullptr);
    ~MembersModel() override;

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] const domain::Member *member(int row) const; // nullptr when out of range
};

} // namespace waddle::client
