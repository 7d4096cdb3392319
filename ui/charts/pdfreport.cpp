#include "pdfreport.h"

#include <QCoreApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QWidget>

namespace waddle::ui {

QString writePdfReport(const QString &path, const QString &title, const QStringList &titleLines,
                       const QList<QWidget *> &pages)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("waddle::ui::PdfReport", text);
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    {
        QPdfWriter pdf(&file);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("Waddle Region Console"));
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                      QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        QPainter painter(&pdf);
        const QRect page = painter.viewport();
        // The title page.
        QFont big = painter.font();
        big.setPointSizeF(24);
        big.setBold(true);
        painter.setFont(big);
        QRect line = page.adjusted(0, page.height() / 4, 0, 0);
        painter.drawText(line, Qt::AlignHCenter | Qt::AlignTop, title);
        QFont body = painter.font();
        body.setPointSizeF(13);
        body.setBold(false);
        painter.setFont(body);
        line.adjust(0, painter.fontMetrics().height() * 4, 0, 0);
        for (const QString &text : titleLines) {
            painter.drawText(line, Qt::AlignHCenter | Qt::AlignTop, text);
            line.adjust(0, painter.fontMetrics().height() * 2, 0, 0);
        }
        // One page per part, scaled to fit, centred.
        for (QWidget *widget : pages) {
            if (!widget)
                continue;
            pdf.newPage();
            const QSize size = widget->size().isEmpty() ? widget->sizeHint() : widget->size();
            const double scale = std::min(double(page.width()) / std::max(1, size.width()),
                                          double(page.height()) / std::max(1, size.height()));
            painter.save();
            painter.translate(page.x() + (page.width() - size.width() * scale) / 2,
                              page.y() + (page.height() - size.height() * scale) / 2);
            painter.scale(scale, scale);
            widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
            painter.restore();
        }
    }
    if (!file.commit())
        return tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace waddle::ui
