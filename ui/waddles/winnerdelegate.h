#pragma once

#include <QStyledItemDelegate>

namespace waddle::ui {

// Draws the recommendation breakdown (client::RecommendationModel) so the
// winner stands out by more than colour: its row is bold on a highlighted
// band and its region name carries a star; regions that were not eligible are
// drawn in muted text (their reason is in the Eligible column).
class WinnerDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WinnerDelegate)

public:
    explicit WinnerDelegate(QObject *parent = nullptr);
    ~WinnerDelegate() override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace waddle::ui
