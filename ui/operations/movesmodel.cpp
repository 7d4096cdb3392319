#include "movesmodel.h"

#include <QBrush>
#include <QColor>

namespace waddle::ui {

using namespace waddle::domain;

MovesModel::MovesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

MovesModel::~MovesModel() = default;

void MovesModel::setMoves(const QList<FailoverMove> &moves)
{
    const bool sameRows = moves.size() == m_moves.size() &&
                          std::equal(moves.cbegin(), moves.cend(), m_moves.cbegin(),
                                     [](const FailoverMove &a, const FailoverMove &b) {
                                         return a.waddleId == b.waddleId;
                                     });
    if (sameRows) {
        m_moves = moves;
        if (!m_moves.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_moves = moves;
    endResetModel();
}

void MovesModel::setRegionNames(const QHash<QString, QString> &names)
{
    m_names = names;
    if (!m_moves.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString MovesModel::name(const QString &code) const
{
    return m_names.value(code, code);
}

QString MovesModel::outcomeText(MoveState state, bool planned)
{
    switch (state) {
    case MoveState::Pending:
        return planned ? tr("Will move") : tr("Waiting");
    case MoveState::Moved:
        return tr("Moved");
    case MoveState::Failed:
        return tr("Failed");
    case MoveState::Unplaced:
        return tr("Cannot be placed");
    case MoveState::Restored:
        return tr("Back home");
    case MoveState::Kept:
        return tr("Kept (owner's choice)");
    }
    return {};
}

int MovesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_moves.size());
}

int MovesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MovesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FailoverMove &move = m_moves.at(index.row());
    const bool problem = move.state == MoveState::Unplaced || move.state == MoveState::Failed;
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case WaddleColumn:
            return move.waddleId;
        case FromColumn:
            return name(move.from);
        case ToColumn:
            return move.to.isEmpty() ? tr("—") : name(move.to);
        case OutcomeColumn:
            return outcomeText(move.state, m_planned);
        case ReasonColumn:
            return move.error;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return move.error.isEmpty() ? QVariant() : QVariant(move.error);
    case Qt::BackgroundRole:
        // Okabe–Ito vermillion, faint: readable on light and dark.
        return problem ? QVariant(QBrush(QColor(213, 94, 0, 60))) : QVariant();
    case Qt::UserRole:
        return static_cast<int>(move.state);
    default:
        return {};
    }
}

QVariant MovesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case WaddleColumn:
        return tr("Waddle");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case OutcomeColumn:
        return tr("Outcome");
    case ReasonColumn:
        return tr("Why");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace waddle::ui
