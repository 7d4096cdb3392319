#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QWidget;

namespace waddle::ui {

// "Export dashboard…" (issue 14): one multi-page PDF of a whole screen — a
// title page (the title and lines such as the project, the range and the
// time of the export), then one landscape A4 page per widget in `pages`
// (cards, charts), each drawn as vectors and scaled to fit. Written through
// QSaveFile. Answers an empty string or what went wrong.
[[nodiscard]] QString writePdfReport(const QString &path, const QString &title,
                                     const QStringList &titleLines, const QList<QWidget *> &pages);

} // namespace waddle::ui
