#include "latencydelegate.h"

#include "client/latencyresultsmodel.h"
#include "ui/common/statusstyle.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace waddle::ui {

using client::LatencyResultsModel;
using namespace Qt::StringLiterals;

namespace {

// How far a cached row is faded towards the background.
constexpr double kCachedFade = 0.45;
// Space between the range bar and its figures, and around the marker.
constexpr int kGap = 8;

QColor blend(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                            static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                            static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

bool isCached(const QModelIndex &index)
{
    return index.data(LatencyResultsModel::CachedRole).toBool();
}

domain::LatencyQuality qualityOf(const QModelIndex &index)
{
    return static_cast<domain::LatencyQuality>(
        index.data(LatencyResultsModel::QualityRole).toInt());
}

QStyle *styleOf(const QStyleOptionViewItem &option)
{
    return option.widget ? option.widget->style() : QApplication::style();
}

QColor textColour(const QStyleOptionViewItem &option)
{
    const QPalette::ColorGroup group = !(option.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (option.state & QStyle::State_Active) ? QPalette::Active
                                                                               : QPalette::Inactive;
    const bool selected = option.state & QStyle::State_Selected;
    return option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
}

// What the Range column needs from the whole table: the slowest maximum
// (the track's full scale) and the widest figures (so every row's bar has
// the same track and the figures line up). A handful of rows: scanning on
// paint costs less than keeping it in step with the model.
struct RangeScale
{
    double maxMs = 0.0;
    int textWidth = 0;
};

RangeScale rangeScale(const QModelIndex &index, const QFontMetrics &metrics)
{
    RangeScale scale;
    const QAbstractItemModel *model = index.model();
    for (int row = 0; row < model->rowCount(index.parent()); ++row) {
        const QModelIndex cell = model->index(row, index.column(), index.parent());
        const QVariant max = cell.data(LatencyResultsModel::MaxRole);
        if (max.isValid())
            scale.maxMs = std::max(scale.maxMs, max.toDouble());
        scale.textWidth = std::max(
            scale.textWidth, metrics.horizontalAdvance(cell.data(Qt::DisplayRole).toString()));
    }
    return scale;
}

// The cell's background, selection and focus as the style draws them, no
// text: the columns drawn here paint their content over it.
QRect drawBackground(QPainter *painter, QStyleOptionViewItem option)
{
    option.text.clear();
    option.icon = QIcon();
    QStyle *style = styleOf(option);
    style->drawControl(QStyle::CE_ItemViewItem, &option, painter, option.widget);
    return style->subElementRect(QStyle::SE_ItemViewItemText, &option, option.widget);
}

} // namespace

LatencyDelegate::LatencyDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

LatencyDelegate::~LatencyDelegate() = default;

QString LatencyDelegate::qualityLabel(const QModelIndex &index)
{
    const domain::LatencyQuality quality = qualityOf(index);
    if (quality != domain::LatencyQuality::Unknown)
        return styleFor(quality).label;
    const QString text =
        index.siblingAtColumn(LatencyResultsModel::QualityColumn).data(Qt::DisplayRole).toString();
    return text.isEmpty() ? styleFor(quality).label : text;
}

QString LatencyDelegate::ageLabel(const QModelIndex &index)
{
    const QString age =
        index.siblingAtColumn(LatencyResultsModel::AgeColumn).data(Qt::DisplayRole).toString();
    if (age.isEmpty() || !isCached(index))
        return age;
    return tr("cached, %1").arg(age);
}

void LatencyDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == LatencyResultsModel::AgeColumn)
        option->text = ageLabel(index);
    if (isCached(index)) {
        // Dimmed, not greyed out: still readable, plainly older.
        for (const QPalette::ColorGroup group :
             {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
            option->palette.setColor(group, QPalette::Text,
                                     blend(option->palette.color(group, QPalette::Text),
                                           option->palette.color(group, QPalette::Base),
                                           kCachedFade));
        }
    }
    if (index.data(LatencyResultsModel::TestingRole).toBool() &&
        index.column() == LatencyResultsModel::QualityColumn &&
        qualityOf(index) == domain::LatencyQuality::Unknown) {
        option->font.setItalic(true);
    }
}

void LatencyDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                            const QModelIndex &index) const
{
    switch (index.column()) {
    case LatencyResultsModel::QualityColumn:
        paintQuality(painter, option, index);
        return;
    case LatencyResultsModel::RangeColumn:
        paintRange(painter, option, index);
        return;
    default:
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
}

QSize LatencyDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QFontMetrics metrics(opt.font);
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const int margin = 2 * (styleOf(opt)->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1);
    switch (index.column()) {
    case LatencyResultsModel::QualityColumn:
        size.setWidth(margin + metrics.height() + kGap / 2 +
                      metrics.horizontalAdvance(qualityLabel(index)));
        break;
    case LatencyResultsModel::RangeColumn:
        size.setWidth(margin + metrics.horizontalAdvance(opt.text) + kGap + 6 * metrics.height());
        break;
    default:
        break;
    }
    size.setHeight(std::max(size.height(), metrics.height() + 8));
    return size;
}

void LatencyDelegate::paintQuality(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QRect content = drawBackground(painter, opt);
    const QFontMetrics metrics(opt.font);
    const StatusStyle style = styleFor(qualityOf(index), opt.palette);

    painter->save();
    if (isCached(index))
        painter->setOpacity(1.0 - kCachedFade);
    const double radius = std::round(metrics.height() * 0.33);
    const QPointF centre(content.left() + radius + 2, content.center().y() + 0.5);
    drawMarker(*painter, centre, radius, style);
    painter->restore();

    painter->save();
    painter->setFont(opt.font);
    painter->setPen(textColour(opt));
    const QRect textRect = content.adjusted(static_cast<int>(2 * radius) + 4 + kGap / 2, 0, 0, 0);
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignVCenter,
                      metrics.elidedText(qualityLabel(index), Qt::ElideRight, textRect.width()));
    painter->restore();
}

void LatencyDelegate::paintRange(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    const QRect content = drawBackground(painter, opt);
    const QFontMetrics metrics(opt.font);
    const RangeScale scale = rangeScale(index, metrics);
    const QColor ink = textColour(opt);

    painter->save();
    painter->setFont(opt.font);
    painter->setPen(ink);
    // The figures right-aligned in a column as wide as the widest in the
    // table; where the column is too narrow for both, the bar stays and the
    // figures go (the cell's tooltip has them).
    const int minimumTrack = 3 * metrics.height();
    const bool withText = content.width() - scale.textWidth - kGap >= minimumTrack;
    const int textWidth = withText ? scale.textWidth : 0;
    const QRect textRect(content.right() - textWidth + 1, content.top(), textWidth,
                         content.height());
    if (withText)
        painter->drawText(textRect, Qt::AlignRight | Qt::AlignVCenter, text);

    const QVariant min = index.data(LatencyResultsModel::MinRole);
    const QVariant avg = index.data(LatencyResultsModel::AverageRole);
    const QVariant max = index.data(LatencyResultsModel::MaxRole);
    const QRectF track(content.left() + 2, content.top(),
                       (withText ? textRect.left() - kGap : content.right()) - content.left() - 2,
                       content.height());
    if (track.width() < metrics.height() || scale.maxMs <= 0.0) {
        painter->restore();
        return;
    }

    painter->setRenderHint(QPainter::Antialiasing);
    const double cy = content.center().y() + 0.5;
    const auto xOf = [&track, &scale](double ms) {
        return track.left() + std::clamp(ms / scale.maxMs, 0.0, 1.0) * track.width();
    };

    // The track: 0 to the slowest maximum in the table.
    QColor trackColour = ink;
    trackColour.setAlphaF(0.18f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(trackColour);
    painter->drawRoundedRect(QRectF(track.left(), cy - 1.5, track.width(), 3.0), 1.5, 1.5);
    if (!min.isValid() || !max.isValid() || !avg.isValid()) {
        painter->restore();
        return;
    }

    if (isCached(index))
        painter->setOpacity(1.0 - kCachedFade);
    const StatusStyle style = styleFor(qualityOf(index), opt.palette);
    const double barHeight = std::max(6.0, std::round(metrics.height() * 0.42));
    const double left = xOf(min.toDouble());
    const double right = std::max(xOf(max.toDouble()), left + 3.0);
    QPen outline(style.outline, 1.0);
    painter->setPen(outline);
    painter->setBrush(style.fill);
    painter->drawRoundedRect(QRectF(left, cy - barHeight / 2, right - left, barHeight), 2.0, 2.0);

    // The average: a tick across the bar, in the text colour so it shows on
    // every fill and on the selection.
    const double x = xOf(avg.toDouble());
    const double tick = std::round(metrics.height() * 0.7);
    painter->setPen(QPen(ink, 2.0, Qt::SolidLine, Qt::FlatCap));
    painter->drawLine(QPointF(x, cy - tick / 2), QPointF(x, cy + tick / 2));
    painter->restore();
}

} // namespace waddle::ui
