#include "globalstatusscreen.h"

#include "client/globalstatusmodel.h"
#include "client/units.h"
#include "latencymatrixview.h"
#include "ui/common/statusstyle.h"

#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace waddle::ui {

using client::formatPercentValue;
using client::GlobalStatusModel;

namespace {

// The status column: the map's marker (colour AND shape) beside the word.
class StatusDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const auto status =
            static_cast<domain::RegionStatus>(index.data(GlobalStatusModel::StatusRole).toInt());
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        drawMarker(painter, QPointF(8, 8), 6, styleFor(status, option->palette));
        painter.end();
        option->icon = QIcon(pixmap);
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = QSize(16, 16);
    }
};

// A figure card: a bold title over a large value and a line of detail.
QLabel *card(QGridLayout *grid, int column, const QString &title)
{
    auto *frame = new QFrame;
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QVBoxLayout(frame);
    layout->setContentsMargins(10, 8, 10, 8);
    auto *heading = new QLabel(title);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    auto *value = new QLabel;
    value->setWordWrap(true);
    value->setTextFormat(Qt::RichText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    value->setAccessibleName(title);
    layout->addWidget(heading);
    layout->addWidget(value, 1);
    grid->addWidget(frame, 0, column);
    return value;
}

QString percentOrNone(const std::optional<double> &value)
{
    return value ? formatPercentValue(*value) : GlobalStatusScreen::tr("no checks");
}

} // namespace

GlobalStatusScreen::GlobalStatusScreen(GlobalStatusModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("globalStatusScreen"));
    auto *cards = new QGridLayout;
    m_healthy = card(cards, 0, tr("Healthy regions"));
    m_availability = card(cards, 1, tr("Availability"));
    m_capacity = card(cards, 2, tr("Capacity"));
    m_response = card(cards, 3, tr("Average response"));
    for (int column = 0; column < 4; ++column)
        cards->setColumnStretch(column, 1);

    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->hide();

    m_sorted = new QSortFilterProxyModel(this);
    m_sorted->setSourceModel(&model);
    m_sorted->setSortRole(GlobalStatusModel::SortRole);
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("globalStatusTable"));
    m_table->setAccessibleName(tr("Regions"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(GlobalStatusModel::RegionColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->hide();
    m_table->setItemDelegateForColumn(GlobalStatusModel::StatusColumn, new StatusDelegate(m_table));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *tableLabel = new QLabel(tr("&Regions"));
    tableLabel->setBuddy(m_table);
    QFont bold = tableLabel->font();
    bold.setBold(true);
    tableLabel->setFont(bold);

    m_matrix = new LatencyMatrixView;
    auto *matrixLabel = new QLabel(tr("Cross-region latency (round trip, ms)"));
    matrixLabel->setFont(bold);
    auto *matrixNote = new QLabel(
        tr("Every figure is estimated from the RTT model (distance and routing); the control "
           "plane stores no region-to-region measurements yet. Colour runs from short (green) to "
           "long (vermillion)."));
    matrixNote->setWordWrap(true);
    auto *matrixScroll = new QScrollArea;
    m_matrixScroll = matrixScroll;
    matrixScroll->setWidget(m_matrix);
    matrixScroll->setWidgetResizable(true);
    matrixScroll->setFrameShape(QFrame::NoFrame);
    matrixScroll->setFocusPolicy(Qt::NoFocus);

    auto *lower = new QBoxLayout(QBoxLayout::LeftToRight);
    m_lower = lower;
    auto *left = new QVBoxLayout;
    left->addWidget(tableLabel);
    left->addWidget(m_table, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(matrixLabel);
    right->addWidget(matrixScroll, 1);
    right->addWidget(matrixNote);
    lower->addLayout(left, 1);
    lower->addLayout(right, 0);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(cards);
    layout->addWidget(m_message);
    layout->addLayout(lower, 1);

    connect(&model, &GlobalStatusModel::loaded, this, &GlobalStatusScreen::refresh);
    connect(&model, &GlobalStatusModel::failed, this, [this](const QString &why) {
        m_message->setText(tr("Global status not updated: %1").arg(why));
        m_message->show();
    });
    refresh();
}

GlobalStatusScreen::~GlobalStatusScreen() = default;

void GlobalStatusScreen::showEvent(QShowEvent *event)
{
    m_model.start();
    QWidget::showEvent(event);
}

void GlobalStatusScreen::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

void GlobalStatusScreen::arrange()
{
    // What the columns need (the last one is stretched, so not its width).
    const QHeaderView *header = m_table->horizontalHeader();
    int table = 2 * m_table->frameWidth() + m_table->verticalScrollBar()->sizeHint().width();
    const QAbstractItemView *view = m_table; // sizeHintForColumn is public there
    for (int column = 0; column < header->count(); ++column)
        table += std::max(view->sizeHintForColumn(column), header->sectionSizeHint(column));
    const int matrix = m_matrix->sizeHint().width();
    const int room = width() - layout()->contentsMargins().left() -
                     layout()->contentsMargins().right() - m_lower->spacing();
    const bool beside = table + matrix <= room;
    m_lower->setDirection(beside ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
    // Below each other: the table as high as its rows, the heatmap the rest.
    const int rows = m_table->model()->rowCount();
    const int tableHeight = header->height() + 2 * m_table->frameWidth() +
                            rows * m_table->verticalHeader()->defaultSectionSize() + 8;
    m_table->setMaximumHeight(beside ? QWIDGETSIZE_MAX : tableHeight);
    m_matrixScroll->setMinimumWidth(beside ? matrix + 2 : 0);
    m_lower->setStretch(0, beside ? 1 : 0);
    m_lower->setStretch(1, beside ? 0 : 1);
}

void GlobalStatusScreen::hideEvent(QHideEvent *event)
{
    m_model.stop();
    QWidget::hideEvent(event);
}

QString GlobalStatusScreen::healthyText() const
{
    return m_healthy->text();
}

QString GlobalStatusScreen::availabilityText() const
{
    return m_availability->text();
}

QString GlobalStatusScreen::capacityText() const
{
    return m_capacity->text();
}

void GlobalStatusScreen::refresh()
{
    if (!m_model.hasLoaded()) {
        for (QLabel *label : {m_healthy, m_availability, m_capacity, m_response})
            label->setText(tr("Loading…"));
        return;
    }
    m_message->hide();
    const domain::RegionStats &s = m_model.stats();
    const QLocale locale;
    const QString value = QStringLiteral("<span style=\"font-size:x-large\">%1</span>");
    m_healthy->setText(value.arg(tr("%1 of %2").arg(s.healthyRegions).arg(s.totalRegions)) +
                       QStringLiteral("<br>") +
                       tr("%1 degraded · %2 offline · %3 in maintenance")
                           .arg(s.degradedRegions)
                           .arg(s.downRegions - s.maintenanceRegions)
                           .arg(s.maintenanceRegions));
    m_availability->setText(
        value.arg(formatPercentValue(s.availabilityPercent) + u' ' + tr("now")) +
        QStringLiteral("<br>") +
        tr("24 h %1 · 7 d %2 · 30 d %3")
            .arg(percentOrNone(s.availability24hPercent), percentOrNone(s.availability7dPercent),
                 percentOrNone(s.availability30dPercent)));
    m_availability->setToolTip(
        tr("Now: regions online or degraded. Over time: the share of stored health checks that "
           "found their region online or degraded (checks are kept for the retention period)."));
    m_capacity->setText(
        value.arg(formatPercentValue(s.utilisationPercent) + u' ' + tr("used")) +
        QStringLiteral("<br>") +
        tr("%1 available of %2 participants")
            .arg(locale.toString(s.availableCapacity), locale.toString(s.totalCapacity)));
    m_response->setText(
        value.arg(client::formatMilliseconds(s.averageResponseMs)) + QStringLiteral("<br>") +
        tr("health checks that answered, updated %1")
            .arg(locale.toString(m_model.loadedAt().toLocalTime().time(), QLocale::ShortFormat)));
    m_matrix->setStats(s);
    arrange();
}

} // namespace waddle::ui
