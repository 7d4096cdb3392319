#include "winnerdelegate.h"

#include "client/recommendationmodel.h"

namespace waddle::ui {

WinnerDelegate::WinnerDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

WinnerDelegate::~WinnerDelegate() = default;

void WinnerDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    using client::RecommendationModel;
    if (index.data(RecommendationModel::IsWinnerRole).toBool()) {
        option->font.setBold(true);
        QColor band = option->palette.color(QPalette::Highlight);
        band.setAlphaF(0.22);
        option->backgroundBrush = band;
        if (index.column() == RecommendationModel::RegionColumn)
            option->text = tr("★ %1").arg(option->text);
    } else if (!index.data(RecommendationModel::EligibleRole).toBool()) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

} // namespace waddle::ui
