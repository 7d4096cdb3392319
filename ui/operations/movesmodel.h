#pragma once

#include "domain/placement/failoverjob.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace waddle::ui {

// The moves of a failover (planned or running) as a table: waddle, from,
// to, outcome, and why for the ones that failed or cannot be placed — those
// rows are tinted so they stand out (the word says it too).
class MovesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MovesModel)

public:
    enum Column
    {
        WaddleColumn,
        FromColumn,
        ToColumn,
        OutcomeColumn,
        ReasonColumn,
        ColumnCount
    };

    explicit MovesModel(QObject *parent = nullptr);
    ~MovesModel() override;

    // The same waddles in the same order update in place (the view keeps
    // its scroll position); anything else resets.
    void setMoves(const QList<domain::FailoverMove> &moves);
    void setRegionNames(const QHash<QString, QString> &names);
    // A dry run's moves: pending ones read "Will move", not "Waiting".
    void setPlanned(bool planned) { m_planned = planned; }
    [[nodiscard]] const QList<domain::FailoverMove> &moves() const { return m_moves; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Moved", "Cannot be placed", ... (translated).
    static QString outcomeText(domain::MoveState state, bool planned);

private:
    QString name(const QString &code) const;

    QList<domain::FailoverMove> m_moves;
    QHash<QString, QString> m_names;
    bool m_planned = false;
};

} // namespace waddle::ui
