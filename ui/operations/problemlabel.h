#pragma once

#include <QLabel>

namespace waddle::ui {

// A problem said plainly on an operations page: wrapped, selectable text
// behind an orange (Okabe–Ito vermillion) bar, hidden until it has
// something to say. The words carry the meaning; the colour only draws the
// eye.
inline QLabel *makeProblemLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("border: none; border-left: 6px solid rgb(213, 94, 0); "
                                        "background: rgba(213, 94, 0, 40); padding: 6px 8px;"));
    label->hide();
    return label;
}

} // namespace waddle::ui
