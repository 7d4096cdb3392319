#include "theme.h"

#include "themestyle.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>

namespace waddle::ui {

void applyTheme(bool dark)
{
    QApplication::setStyle(new ThemeStyle);
    if (!dark) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        qApp->setStyleSheet(QStringLiteral(
            "QLabel#banner { background: #fff4d6; color: #4a3b00; border-bottom: 1px solid "
            "#e8d8a8; }"));
        return;
    }
    QPalette p;
    const QColor window(0x24, 0x27, 0x2c), base(0x1b, 0x1d, 0x21), text(0xe6, 0xe6, 0xe6),
        button(0x2e, 0x32, 0x38), highlight(0x3a, 0x7b, 0xd5), mid(0x3c, 0x41, 0x48);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x23, 0x26, 0x2b));
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, mid);
    p.setColor(QPalette::Dark, QColor(0x15, 0x17, 0x1a));
    p.setColor(QPalette::Light, QColor(0x40, 0x45, 0x4d));
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, QColor(0x7a, 0x7f, 0x88));
    }
    QApplication::setPalette(p);
    qApp->setStyleSheet(QStringLiteral(
        "QLabel#banner { background: #3b3420; color: #f3e3b3; border-bottom: 1px solid "
        "#5a4f2f; }"));
}

} // namespace waddle::ui
