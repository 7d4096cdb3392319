#pragma once

#include <QLabel>
#include <QString>

namespace waddle::ui {

// A one-line label that gives way in a narrow window: it shrinks below its
// text, draws "…" where the text is cut, and then carries the whole text as
// its tooltip (issue 10: nothing cut without a way to read it).
class ElidingLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidingLabel)

public:
    explicit ElidingLabel(QWidget *parent = nullptr);
    ~ElidingLabel() override;

    void setFullText(const QString &text);
    [[nodiscard]] QString fullText() const { return m_text; }
    // Whether the text is cut at the present width.
    [[nodiscard]] bool isElided() const;

    [[nodiscard]] QSize minimumSizeHint() const override;
    [[nodiscard]] QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    QString m_text;
};

} // namespace waddle::ui
