#pragma once

#include "client/latencyresult.h"

#include <QList>
#include <QString>
#include <QWidget>

namespace waddle::ui {

// One region's past latency tests (SPEC §4: results kept as history; SPEC
// §14: percentiles over time, CloudPing.co #22): the averages as a line,
// each test's min–max as a whisker, time along x, drawn with QPainter. A
// test without a reply is a cross on the x axis, never a zero on the line.
class LatencyHistoryChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyHistoryChart)

public:
    explicit LatencyHistoryChart(QWidget *parent = nullptr);
    ~LatencyHistoryChart() override;

    // Oldest first; results without a valid measuredAt are skipped.
    void setHistory(const QList<waddle::client::LatencyResult> &history);
    [[nodiscard]] const QList<waddle::client::LatencyResult> &history() const;
    // Shown while there is nothing to draw ("Select a region …").
    void setPlaceholder(const QString &text);
    [[nodiscard]] QString placeholder() const;

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void updateAccessibleText();

    QList<waddle::client::LatencyResult> m_history;
    QString m_placeholder;
};

} // namespace waddle::ui
