#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include <optional>

namespace waddle::ui {

// A small line chart of recent values (oldest first) with its minimum and
// maximum written beside it, drawn with QPainter: a trend at a glance, not
// a chart to read values off (Analytics has those).
class Sparkline final : public QWidget
{
    Q_OBJECT

public:
    explicit Sparkline(QWidget *parent = nullptr);
    ~Sparkline() override;
    Q_DISABLE_COPY_MOVE(Sparkline)

    void setValues(const QList<double> &values);
    [[nodiscard]] const QList<double> &values() const { return m_values; }

    // A fixed scale (e.g. 0…100 for a score); without one the line spans
    // its own minimum to maximum.
    void setRange(std::optional<double> minimum, std::optional<double> maximum);
    // Appended to the min/max labels, e.g. " ms".
    void setUnit(const QString &unit);
    void setDecimals(int decimals);
    void setLineColor(const QColor &color);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void updateAccessibleText();
    [[nodiscard]] QString formatValue(double value) const;

    QList<double> m_values;
    std::optional<double> m_minimum;
    std::optional<double> m_maximum;
    QString m_unit;
    int m_decimals = 0;
    QColor m_lineColor;
};

} // namespace waddle::ui
