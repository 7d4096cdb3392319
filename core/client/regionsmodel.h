#pragma once

#include "domain/health.h"
#include "domain/region.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <optional>

namespace waddle::client {

// The voice regions with their live health (SPEC §3, §8): the table of the
// region map and of the waddle settings page. The row order is that of the
// first setRegions() and does not change under live updates; a proxy sorts by
// SortRole. Status is given as text and as StatusRole (a RegionStatus) so the
// view can show it by colour and shape; core links no QtGui.
class RegionsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionsModel)

public:
    enum Column
    {
        NameColumn,
        LocationColumn, // "City, Country" or "location unknown"
        StatusColumn,
        LoadColumn, // capacity in use, %
        HealthScoreColumn,
        ResponseColumn, // the last health check's response time, ms
        LastCheckColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    // Served on every column of a row (a delegate may ask any cell), except
    // SortRole which is per column.
    enum Role
    {
        CodeRole = Qt::UserRole + 1,
        StatusRole,        // int of domain::RegionStatus
        LoadRole,          // double 0…1 (above 1 when overloaded)
        LatitudeRole,      // double degrees; invalid when the location is unknown
        LongitudeRole,     // double degrees; invalid when the location is unknown
        LocationKnownRole, // bool
        HealthScoreRole,   // double 0…100; invalid before the first check
        SortRole           // numbers as numbers (SPEC §14)
    };
    Q_ENUM(Role)

    explicit RegionsModel(QObject *parent = nullptr);
    ~RegionsModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Resets only when the set of codes changes; with the same codes the rows
    // keep their order and changed rows get dataChanged. Later duplicates of
    // a code are ignored.
    void setRegions(const QList<domain::Region> &regions);
    // A health check's result: status, score, response time and time of the
    // check; dataChanged on the cells that changed (and on StatusRole /
    // HealthScoreRole across the row). Kept for a region not listed yet.
    void applyHealth(const domain::RegionHealth &health);
    // A status change alone (live event, operator's maintenance).
    void applyStatus(const QString &code, domain::RegionStatus status);

    [[nodiscard]] const domain::Region *region(int row) const; // nullptr when out of range
    [[nodiscard]] int rowOf(QStringView code) const;           // −1 when not listed
    [[nodiscard]] QList<domain::Region> regions() const;
    // The last health check applied for `code` (listed or not), if any.
    [[nodiscard]] std::optional<domain::RegionHealth> health(QStringView code) const;

    // The one spelling of a region for a person: its name, or its code when
    // it has none (nameOf) or is not listed (regionName).
    [[nodiscard]] static QString nameOf(const domain::Region &region);
    [[nodiscard]] QString regionName(QStringView code) const;
    // Every listed region's name by code (as regionName()).
    [[nodiscard]] QHash<QString, QString> regionNames() const;

    // "online", "degraded", … for a person (translated).
    static QString statusText(domain::RegionStatus status);

private:
    void notifyRowChanged(int row, const QList<int> &columns, const QList<int> &rowRoles);

    QList<domain::Region> m_regions;
    QHash<QString, domain::RegionHealth> m_health; // by code
};

} // namespace waddle::client
