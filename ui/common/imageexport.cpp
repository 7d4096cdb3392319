#include "imageexport.h"

#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QWidget>

namespace waddle::ui {

using namespace Qt::StringLiterals;

void ImageExport::install(QWidget *widget, const QString &baseName)
{
    auto *copy = new QAction(tr("&Copy Image"), widget);
    copy->setObjectName(u"copyImageAction"_s);
    QObject::connect(copy, &QAction::triggered, widget, [widget] { copyToClipboard(widget); });
    auto *save = new QAction(tr("&Save Image…"), widget);
    save->setObjectName(u"saveImageAction"_s);
    QObject::connect(save, &QAction::triggered, widget,
                     [widget, baseName] { saveInteractively(widget, baseName); });
    widget->addAction(copy);
    widget->addAction(save);
    widget->setContextMenuPolicy(Qt::ActionsContextMenu);
}

void ImageExport::copyToClipboard(QWidget *widget)
{
    QApplication::clipboard()->setImage(widget->grab().toImage());
}

bool ImageExport::save(QWidget *widget, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    if (QFileInfo(path).suffix().compare(u"svg"_s, Qt::CaseInsensitive) == 0) {
        // Rendered into a buffer first: QSvgGenerator writes as it paints.
        QBuffer buffer;
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(widget->size());
        svg.setViewBox(QRect(QPoint(0, 0), widget->size()));
        svg.setTitle(widget->accessibleName());
        svg.setDescription(tr("Exported from Waddle Region Console"));
        widget->render(&svg, QPoint(), QRegion(),
                       QWidget::DrawWindowBackground | QWidget::DrawChildren);
        if (file.write(buffer.data()) != buffer.data().size())
            return false;
    } else if (!widget->grab().save(&file, "PNG")) {
        return false;
    }
    return file.commit();
}

void ImageExport::saveInteractively(QWidget *widget, const QString &baseName)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    auto *dialog = new QFileDialog(widget->window(), tr("Save Image"),
                                   QDir(folder).filePath(baseName + u".png"_s),
                                   tr("PNG image (*.png);;SVG image (*.svg)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"png"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains(u"*.svg"_s) ? u"svg"_s : u"png"_s);
    });
    QObject::connect(dialog, &QFileDialog::fileSelected, widget, [widget](const QString &path) {
        if (save(widget, path))
            return;
        auto *box = new QMessageBox(
            QMessageBox::Warning, tr("Save Image"),
            tr("Could not save the image to %1.").arg(QDir::toNativeSeparators(path)),
            QMessageBox::Ok, widget->window());
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    dialog->open();
}

} // namespace waddle::ui
