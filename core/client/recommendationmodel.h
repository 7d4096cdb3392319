#pragma once

#include "domain/placement/recommendation.h"

#include <QAbstractTableModel>
#include <QHash>

namespace waddle::client {

// The breakdown of a region recommendation for a waddle (SPEC §5): every
// region's score and its terms, the winner flagged, and why a region was not
// eligible, so the owner sees why and not just who won. Rows are in the
// recommendation's order (eligible best first, then the others).
class RecommendationModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecommendationModel)

public:
    enum Column
    {
        RegionColumn,
        ScoreColumn,            // 1 dp
        AverageRttColumn,       // ms, 0 dp
        LoadColumn,             // %, 0 dp
        MembersUnderGoodColumn, // % of members under 100 ms, 0 dp
        LatencyPenaltyColumn,   // 1 dp
        CapacityPenaltyColumn,  // 1 dp
        GeoBonusColumn,         // 1 dp
        EligibilityColumn,      // "Recommended", "Eligible" or the reason
        ColumnCount
    };
    Q_ENUM(Column)

    // Served on every column of a row, except SortRole which is per column.
    enum Role
    {
        CodeRole = Qt::UserRole + 1,
        IsWinnerRole, // bool
        EligibleRole, // bool
        ScoreRole,    // double
        ReasonRole,   // why not eligible; empty when eligible
        SortRole      // numbers as numbers (SPEC §14)
    };
    Q_ENUM(Role)

    explicit RecommendationModel(QObject *parent = nullptr);
    ~RecommendationModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A new recommendation replaces the old one (a reset: every row changes).
    void setRecommendation(const domain::Recommendation &recommendation,
                           const QHash<QString, QString> &regionNames);
    // No recommendation, and why ("no member has shared a location"): the
    // view shows the reason in place of the table.
    void clear(const QString &reason);

    [[nodiscard]] bool hasRecommendation() const;
    [[nodiscard]] const domain::Recommendation &recommendation() const;
    [[nodiscard]] QString winnerCode() const;
    [[nodiscard]] QString reason() const; // set by clear()
    [[nodiscard]] int winnerRow() const;  // −1 when none

Q_SIGNALS:
    void recommendationChanged();

private:
    [[nodiscard]] QString regionName(const QString &code) const;

    domain::Recommendation m_recommendation;
    QHash<QString, QString> m_names;
    QString m_reason;
};

} // namespace waddle::client
