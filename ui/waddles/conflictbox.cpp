#include "conflictbox.h"

#include <QAccessible>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace waddle::ui {

ConflictBox::ConflictBox(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("conflictBox"));
    setAccessibleName(tr("Conflicting change"));
    setFrameShape(QFrame::StyledPanel);
    // Okabe–Ito orange: a warning, in a tint that keeps the text's contrast.
    setStyleSheet(QStringLiteral("waddle--ui--ConflictBox { background: rgba(230, 159, 0, 40); "
                                 "border: 2px solid rgb(230, 159, 0); border-radius: 4px; }"));

    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(10, 8, 10, 8);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(24, 24));
    icon->setAlignment(Qt::AlignTop);
    outer->addWidget(icon);

    auto *column = new QVBoxLayout;
    auto *title = new QLabel(tr("This waddle was changed by someone else"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("conflictText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(title);
    column->addWidget(m_text);

    auto *buttons = new QHBoxLayout;
    m_applyMine = new QPushButton(tr("Apply &mine anyway"), this);
    m_applyMine->setObjectName(QStringLiteral("applyMine"));
    m_applyMine->setAccessibleName(tr("Apply my choice anyway"));
    m_applyMine->setToolTip(tr("Save your choice over the newer version"));
    m_keepTheirs = new QPushButton(tr("&Keep theirs"), this);
    m_keepTheirs->setObjectName(QStringLiteral("keepTheirs"));
    m_keepTheirs->setAccessibleName(tr("Keep their version"));
    m_keepTheirs->setToolTip(tr("Discard your choice and show the version on the server"));
    buttons->addWidget(m_applyMine);
    buttons->addWidget(m_keepTheirs);
    buttons->addStretch(1);
    column->addLayout(buttons);
    outer->addLayout(column, 1);

    connect(m_applyMine, &QPushButton::clicked, this, &ConflictBox::applyMineRequested);
    connect(m_keepTheirs, &QPushButton::clicked, this, &ConflictBox::keepTheirsRequested);
    hide();
}

ConflictBox::~ConflictBox() = default;

void ConflictBox::showConflict(const QString &message)
{
    m_text->setText(message);
    setAccessibleDescription(message);
    setBusy(false);
    show();
    m_keepTheirs->setFocus(Qt::OtherFocusReason);
    QAccessibleEvent event(m_text, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

void ConflictBox::setBusy(bool busy)
{
    m_applyMine->setEnabled(!busy);
    m_keepTheirs->setEnabled(!busy);
    m_applyMine->setText(busy ? tr("Saving…") : tr("Apply &mine anyway"));
}

QString ConflictBox::message() const
{
    return isHidden() ? QString() : m_text->text();
}

QPushButton *ConflictBox::applyMineButton() const
{
    return m_applyMine;
}

QPushButton *ConflictBox::keepTheirsButton() const
{
    return m_keepTheirs;
}

} // namespace waddle::ui
