#include "elidinglabel.h"

#include <QEvent>
#include <QFontMetrics>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace waddle::ui {

ElidingLabel::ElidingLabel(QWidget *parent)
    : QLabel(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

ElidingLabel::~ElidingLabel() = default;

void ElidingLabel::setFullText(const QString &text)
{
    m_text = text;
    setAccessibleName(text);
    updateGeometry();
    refresh();
}

bool ElidingLabel::isElided() const
{
    return text() != m_text;
}

QSize ElidingLabel::minimumSizeHint() const
{
    // Room for a few letters and the ellipsis.
    const QFontMetrics metrics(font());
    return {std::min(metrics.horizontalAdvance(m_text), metrics.horizontalAdvance(u"Wwww…"_s)),
            QLabel::minimumSizeHint().height()};
}

QSize ElidingLabel::sizeHint() const
{
    const QFontMetrics metrics(font());
    // A pixel or two over the advance: rounding never cuts a text that fits.
    return {metrics.horizontalAdvance(m_text) + 2 * margin() + 2, QLabel::sizeHint().height()};
}

void ElidingLabel::resizeEvent(QResizeEvent *event)
{
    QLabel::resizeEvent(event);
    refresh();
}

void ElidingLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        refresh();
}

void ElidingLabel::refresh()
{
    const QString shown =
        QFontMetrics(font()).elidedText(m_text, Qt::ElideRight, contentsRect().width());
    setText(shown);
    setToolTip(shown == m_text ? QString() : m_text);
}

} // namespace waddle::ui
