#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace waddle::ui {

// "Copy Image" and "Save Image…" for a picture on screen (issue 10: the map
// and the latency history chart): the widget's own context menu, the
// clipboard as a bitmap, and files as PNG (at the screen's resolution) or SVG
// (QSvgGenerator, vector where the widget paints vectors).
class ImageExport final
{
    Q_DECLARE_TR_FUNCTIONS(waddle::ui::ImageExport)

public:
    ImageExport() = delete;

    // Gives `widget` a context menu (right-click, the Menu key or
    // Shift+F10) with the two actions; `baseName` names the suggested file.
    static void install(QWidget *widget, const QString &baseName);

    static void copyToClipboard(QWidget *widget);
    // PNG or SVG by the suffix of `path` (PNG when it has neither); false
    // when the file could not be written.
    static bool save(QWidget *widget, const QString &path);
    // Asks where (a window-modal dialog), then save().
    static void saveInteractively(QWidget *widget, const QString &baseName);
};

} // namespace waddle::ui
