#include "messagebar.h"

#include <QAccessible>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace waddle::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
{
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    m_icon = new QLabel(this);
    m_icon->setAlignment(Qt::AlignTop);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close = new QToolButton(this);
    m_close->setAutoRaise(true);
    m_close->setText(tr("Close"));
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close this message"));
    m_close->setAccessibleName(tr("Close message"));
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clear);
    hide();
}

MessageBar::~MessageBar() = default;

void MessageBar::showMessage(Kind kind, const QString &text)
{
    m_kind = kind;
    m_text->setText(text);
    setAccessibleName(text);
    applyStyle();
    show();
    QAccessibleEvent event(m_text, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

void MessageBar::clear()
{
    m_text->clear();
    hide();
}

void MessageBar::setClosable(bool closable)
{
    m_close->setVisible(closable);
}

MessageBar::Kind MessageBar::kind() const
{
    return m_kind;
}

QString MessageBar::text() const
{
    return isHidden() ? QString() : m_text->text();
}

void MessageBar::applyStyle()
{
    // Okabe–Ito hues (as statusstyle.cpp), as a light tint over the window
    // so the text keeps the palette's own contrast in light and dark themes.
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QColor tint(0x56, 0xB4, 0xE9);
    switch (m_kind) {
    case Kind::Information:
        break;
    case Kind::Success:
        icon = QStyle::SP_DialogApplyButton;
        tint = QColor(0x00, 0x9E, 0x73);
        break;
    case Kind::Warning:
        icon = QStyle::SP_MessageBoxWarning;
        tint = QColor(0xE6, 0x9F, 0x00);
        break;
    case Kind::Error:
        icon = QStyle::SP_MessageBoxCritical;
        tint = QColor(0xD5, 0x5E, 0x00);
        break;
    }
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(20, 20));
    const QString sheet =
        QStringLiteral("waddle--ui--MessageBar { background: rgba(%1, %2, %3, 48); "
                       "border: 1px solid rgb(%1, %2, %3); border-radius: 4px; }")
            .arg(tint.red())
            .arg(tint.green())
            .arg(tint.blue());
    if (styleSheet() != sheet)
        setStyleSheet(sheet);
}

} // namespace waddle::ui
