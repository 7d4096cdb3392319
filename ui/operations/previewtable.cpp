#include "previewtable.h"

#include "ui/theme.h"

#include <QApplication>
#include <QHeaderView>
#include <QLocale>
#include <QPalette>
#include <QTableWidget>

#include <cmath>

namespace waddle::ui {

using namespace waddle::domain;

namespace {

QString tr(const char *text)
{
    return QApplication::translate("PreviewTable", text);
}

QString ms(double value)
{
    return QLocale().toString(value, 'f', 0);
}

} // namespace

QTableWidget *makeTable(const QString &objectName, const QStringList &headers)
{
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()));
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < headers.size(); ++c)
        table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    return table;
}

QTableWidget *makePreviewTable(const QString &objectName)
{
    QTableWidget *table =
        makeTable(objectName, {tr("Place"), tr("Members"), tr("RTT before → after"), tr("Change")});
    table->setAccessibleName(tr("Who gets faster or slower"));
    return table;
}

QString changeText(double beforeMs, double afterMs)
{
    const double change = afterMs - beforeMs;
    if (std::abs(change) <= kPreviewToleranceMs)
        return tr("same");
    // U+2212 minus: the sign reads as clearly as the plus.
    return change < 0 ? tr("−%1 ms faster").arg(ms(-change)) : tr("+%1 ms slower").arg(ms(change));
}

QColor changeColour(double beforeMs, double afterMs, bool dark)
{
    const double change = afterMs - beforeMs;
    if (std::abs(change) <= kPreviewToleranceMs)
        return {};
    // Okabe–Ito bluish green and vermillion, lightened on a dark background.
    const QColor faster = dark ? QColor(64, 214, 170) : QColor(0, 122, 88);
    const QColor slower = dark ? QColor(255, 140, 80) : QColor(184, 72, 0);
    return change < 0 ? faster : slower;
}

void colourChange(QTableWidgetItem &item, double beforeMs, double afterMs)
{
    if (const QColor colour = changeColour(beforeMs, afterMs, isDark(QApplication::palette()));
        colour.isValid())
        item.setForeground(colour);
}

void showPreview(QTableWidget &table, const MigrationPreview &preview)
{
    const QLocale l;
    // Sized once after the fill, not on every item (a drained region has
    // thousands of places: per-item sizing is quadratic).
    QHeaderView *header = table.horizontalHeader();
    for (int c = 1; c < table.columnCount(); ++c)
        header->setSectionResizeMode(c, QHeaderView::Interactive);
    table.setUpdatesEnabled(false);
    table.setRowCount(static_cast<int>(preview.groups.size()));
    for (int row = 0; row < table.rowCount(); ++row) {
        const PreviewGroup &g = preview.groups.at(row);
        auto *place = new QTableWidgetItem(g.place);
        auto *members = new QTableWidgetItem(l.toString(g.members));
        members->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *rtt = new QTableWidgetItem(tr("%1 → %2 ms").arg(ms(g.rttBeforeMs), ms(g.rttAfterMs)));
        rtt->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *change = new QTableWidgetItem(changeText(g.rttBeforeMs, g.rttAfterMs));
        colourChange(*change, g.rttBeforeMs, g.rttAfterMs);
        table.setItem(row, 0, place);
        table.setItem(row, 1, members);
        table.setItem(row, 2, rtt);
        table.setItem(row, 3, change);
    }
    for (int c = 1; c < table.columnCount(); ++c)
        header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    table.setUpdatesEnabled(true);
}

QString previewSummary(const MigrationPreview &preview)
{
    const QLocale l;
    return tr("mean %1 → %2 ms · p95 %3 → %4 ms · %5 faster · %6 slower")
        .arg(ms(preview.meanBeforeMs), ms(preview.meanAfterMs), ms(preview.p95BeforeMs),
             ms(preview.p95AfterMs), l.toString(preview.faster), l.toString(preview.slower));
}

} // namespace waddle::ui
