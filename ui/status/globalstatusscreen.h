#pragma once

#include <QWidget>

class QBoxLayout;
class QLabel;
class QScrollArea;
class QSortFilterProxyModel;
class QTableView;

namespace waddle::client {
class GlobalStatusModel;
}

namespace waddle::ui {

class LatencyMatrixView;

// Global status (issue 13, seed 002): healthy regions of the total,
// availability now and over 24 h / 7 d / 30 d of stored checks, capacity
// total / available / utilisation, a per-region table and the cross-region
// latency heatmap. Refreshes while shown (the model's 15 s timer).
class GlobalStatusScreen final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GlobalStatusScreen)

public:
    explicit GlobalStatusScreen(client::GlobalStatusModel &model, QWidget *parent = nullptr);
    ~GlobalStatusScreen() override;

    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] LatencyMatrixView *matrix() const { return m_matrix; }
    [[nodiscard]] QString healthyText() const;
    [[nodiscard]] QString availabilityText() const;
    [[nodiscard]] QString capacityText() const;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh();
    // Table beside the heatmap where both fit, else the heatmap below.
    void arrange();

    client::GlobalStatusModel &m_model;
    QLabel *m_healthy = nullptr;
    QLabel *m_availability = nullptr;
    QLabel *m_capacity = nullptr;
    QLabel *m_response = nullptr;
    QLabel *m_message = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    LatencyMatrixView *m_matrix = nullptr;
    QBoxLayout *m_lower = nullptr;
    QScrollArea *m_matrixScroll = nullptr;
};

} // namespace waddle::ui
