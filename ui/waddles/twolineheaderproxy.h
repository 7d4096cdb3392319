#pragma once

#include <QIdentityProxyModel>

namespace waddle::ui {

// Passes a model through unchanged except for its column titles, which are
// broken onto two lines at the space nearest their middle ("Capacity
// penalty" → "Capacity" / "penalty"): a table of many narrow figures (the
// recommendation breakdown) then fits beside its one wide text column.
class TwoLineHeaderProxy final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TwoLineHeaderProxy)

public:
    explicit TwoLineHeaderProxy(QObject *parent = nullptr);
    ~TwoLineHeaderProxy() override;

    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The line break TwoLineHeaderProxy puts into `title`.
    [[nodiscard]] static QString twoLines(const QString &title);
};

} // namespace waddle::ui
