#include "recommendationmodel.h"

#include "units.h"

#include <QLocale>

namespace waddle::client {

namespace {

constexpr int kNumberAlignment = Qt::AlignRight | Qt::AlignVCenter;

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

} // namespace

RecommendationModel::RecommendationModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

RecommendationModel::~RecommendationModel() = default;

int RecommendationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_recommendation.scores.size());
}

int RecommendationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RecommendationModel::regionName(const QString &code) const
{
    return m_names.value(code, code);
}

QVariant RecommendationModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const domain::RegionScore &s = m_recommendation.scores.at(index.row());
    const auto column = static_cast<Column>(index.column());
    const bool winner = s.eligible && s.code == m_recommendation.regionCode;

    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case RegionColumn:
            return regionName(s.code);
        case ScoreColumn:
            return number(s.score, 1);
        case AverageRttColumn:
            return millisecondsNumber(s.averageRttMs);
        case LoadColumn:
            return percentNumber(100.0 * s.loadRatio);
        case MembersUnderGoodColumn:
            return number(s.geoScore, 0);
        case LatencyPenaltyColumn:
            return number(s.latencyPenalty, 1);
        case CapacityPenaltyColumn:
            return number(s.capacityPenalty, 1);
        case GeoBonusColumn:
            return number(s.geoBonus, 1);
        case EligibilityColumn:
            if (winner)
                return tr("Recommended");
            return s.eligible ? tr("Eligible") : tr("Not eligible: %1").arg(s.reason);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        switch (column) {
        case RegionColumn:
            return s.code;
        case ScoreColumn:
            return tr("100 − %1 (latency) − %2 (capacity) + %3 (geography)")
                .arg(number(s.latencyPenalty, 1), number(s.capacityPenalty, 1),
                     number(s.geoBonus, 1));
        case EligibilityColumn: // elided in a narrow table: whole here
            return data(index, Qt::DisplayRole);
        case MembersUnderGoodColumn:
            return tr("%1 of %2 members")
                .arg(QLocale().toString(s.membersUnderGoodRtt),
                     QLocale().toString(m_recommendation.memberCount));
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        if (column == RegionColumn || column == EligibilityColumn)
            return {};
        return kNumberAlignment;
    case SortRole:
        switch (column) {
        case RegionColumn:
            return regionName(s.code);
        case ScoreColumn:
            return s.score;
        case AverageRttColumn:
            return s.averageRttMs;
        case LoadColumn:
            return s.loadRatio;
        case MembersUnderGoodColumn:
            return s.geoScore;
        case LatencyPenaltyColumn:
            return s.latencyPenalty;
        case CapacityPenaltyColumn:
            return s.capacityPenalty;
        case GeoBonusColumn:
            return s.geoBonus;
        case EligibilityColumn: // the winner, the eligible, then the others
            return winner ? 0 : (s.eligible ? 1 : 2);
        case ColumnCount:
            break;
        }
        return {};
    case CodeRole:
        return s.code;
    case IsWinnerRole:
        return winner;
    case EligibleRole:
        return s.eligible;
    case ScoreRole:
        return s.score;
    case ReasonRole:
        return s.reason;
    default:
        return {};
    }
}

QVariant RecommendationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RegionColumn:
        return tr("Region");
    case ScoreColumn:
        return tr("Score");
    case AverageRttColumn:
        return tr("Avg RTT ms");
    case LoadColumn:
        return tr("Load %");
    case MembersUnderGoodColumn:
        return tr("Members < 100 ms %");
    case LatencyPenaltyColumn:
        return tr("Latency penalty");
    case CapacityPenaltyColumn:
        return tr("Capacity penalty");
    case GeoBonusColumn:
        return tr("Geo bonus");
    case EligibilityColumn:
        return tr("Eligible");
    default:
        return {};
    }
}

QHash<int, QByteArray> RecommendationModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(CodeRole, QByteArrayLiteral("code"));
    names.insert(IsWinnerRole, QByteArrayLiteral("isWinner"));
    names.insert(EligibleRole, QByteArrayLiteral("eligible"));
    names.insert(ScoreRole, QByteArrayLiteral("score"));
    names.insert(ReasonRole, QByteArrayLiteral("reason"));
    names.insert(SortRole, QByteArrayLiteral("sort"));
    return names;
}

void RecommendationModel::setRecommendation(const domain::Recommendation &recommendation,
                                            const QHash<QString, QString> &regionNames)
{
    beginResetModel();
    m_recommendation = recommendation;
    m_names = regionNames;
    m_reason.clear();
    endResetModel();
    Q_EMIT recommendationChanged();
}

void RecommendationModel::clear(const QString &reason)
{
    beginResetModel();
    m_recommendation = {};
    m_reason = reason;
    endResetModel();
    Q_EMIT recommendationChanged();
}

bool RecommendationModel::hasRecommendation() const
{
    return !m_recommendation.regionCode.isEmpty();
}

const domain::Recommendation &RecommendationModel::recommendation() const
{
    return m_recommendation;
}

QString RecommendationModel::winnerCode() const
{
    return m_recommendation.regionCode;
}

QString RecommendationModel::reason() const
{
    return m_reason;
}

int RecommendationModel::winnerRow() const
{
    if (m_recommendation.regionCode.isEmpty())
        return -1;
    for (qsizetype row = 0; row < m_recommendation.scores.size(); ++row) {
        if (m_recommendation.scores.at(row).code == m_recommendation.regionCode)
            return static_cast<int>(row);
    }
    return -1;
}

} // namespace waddle::client
