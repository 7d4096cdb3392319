#pragma once

#include "domain/placement/migration.h"

#include <QString>
#include <QStringList>

class QColor;
class QTableWidget;
class QTableWidgetItem;

namespace waddle::ui {

// Who gets faster or slower if waddles move (SPEC §10 preview), as the
// migration wizard and the optimiser show it: one row per place, its
// members, the estimated RTT before → after and the change, signed AND
// coloured (bluish green faster, vermillion slower; the sign and the word
// carry the meaning, the colour draws the eye).
QTableWidget *makePreviewTable(const QString &objectName);

// A read-only table of whole rows, one selected at a time: the first column
// stretches, the others fit their contents. The operations pages' tables.
QTableWidget *makeTable(const QString &objectName, const QStringList &headers);
void showPreview(QTableWidget &table, const domain::MigrationPreview &preview);

// "−12 ms faster", "+8 ms slower", "same" (within the preview's tolerance).
QString changeText(double beforeMs, double afterMs);
// The change's colour on a light or dark background; invalid when the same.
QColor changeColour(double beforeMs, double afterMs, bool darkBackground);
void colourChange(QTableWidgetItem &item, double beforeMs, double afterMs);

// "mean 45 → 30 ms · p95 80 → 62 ms · 12 faster · 3 slower"
QString previewSummary(const domain::MigrationPreview &preview);

} // namespace waddle::ui
