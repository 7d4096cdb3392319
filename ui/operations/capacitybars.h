#pragma once

#include "domain/placement/failoverjob.h"

#include <QHash>
#include <QList>
#include <QWidget>

namespace waddle::ui {

// A failover plan's load per target region (issue 13): one bar per region,
// its length the region's maximum, filled to the load now, then a hatched
// extension to the load after the plan, with "before → after of maximum"
// in words beside it (and in the accessible description).
class CapacityBars final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CapacityBars)

public:
    explicit CapacityBars(QWidget *parent = nullptr);
    ~CapacityBars() override;

    void setChanges(const QList<domain::CapacityChange> &changes,
                    const QHash<QString, QString> &names);
    [[nodiscard]] const QList<domain::CapacityChange> &changes() const { return m_changes; }
    // "Europe West: 120 → 180 of 500 members (36 %)", one line per region.
    [[nodiscard]] QStringList lines() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    [[nodiscard]] int rowHeight() const;
    [[nodiscard]] QString name(const QString &code) const;

    QList<domain::CapacityChange> m_changes;
    QHash<QString, QString> m_names;
};

} // namespace waddle::ui
