#include "jobsdock.h"

#include <QApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace waddle::ui {

namespace {

// The progress column as a progress bar with its percentage.
class ProgressDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        item.text.clear();
        QStyle *style = option.widget ? option.widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, option.widget);
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(4, 3, -4, -3);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = index.data(client::JobsModel::ProgressRole).toInt();
        bar.text = index.data(Qt::DisplayRole).toString();
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        bar.palette = option.palette;
        style->drawControl(QStyle::CE_ProgressBar, &bar, painter, option.widget);
    }
};

} // namespace

JobsDock::JobsDock(client::JobsModel &jobs, QWidget *parent)
    : QDockWidget(tr("Jobs"), parent)
    , m_jobs(jobs)
{
    setObjectName(QStringLiteral("jobsDock"));
    auto *body = new QWidget;
    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("jobsView"));
    m_view->setAccessibleName(tr("Failovers and migrations"));
    m_view->setModel(&jobs);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setItemDelegateForColumn(client::JobsModel::ProgressColumn,
                                     new ProgressDelegate(m_view));
    m_view->horizontalHeader()->setSectionResizeMode(client::JobsModel::JobColumn,
                                                     QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(client::JobsModel::StateColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->setColumnWidth(client::JobsModel::ProgressColumn, 140);
    m_view->horizontalHeader()->setSectionResizeMode(client::JobsModel::CreatedColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->setToolTip(tr("Enter or double-click opens the job"));
    m_placeholder = new QLabel(tr("No failovers or migrations yet."));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setEnabled(false);
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_placeholder);
    layout->addWidget(m_view, 1);
    setWidget(body);
    connect(m_view, &QAbstractItemView::activated, this, &JobsDock::open);
    connect(&jobs, &QAbstractItemModel::rowsInserted, this, &JobsDock::refreshPlaceholder);
    connect(&jobs, &QAbstractItemModel::modelReset, this, &JobsDock::refreshPlaceholder);
    refreshPlaceholder();
}

JobsDock::~JobsDock() = default;

void JobsDock::open(const QModelIndex &index)
{
    const client::JobsModel::Job *job = m_jobs.job(index.row());
    if (job)
        Q_EMIT openRequested(job->kind, job->id());
}

void JobsDock::refreshPlaceholder()
{
    // Empty, the dock is one line high: the map keeps the room.
    m_placeholder->setVisible(m_jobs.rowCount() == 0);
    m_view->setVisible(m_jobs.rowCount() > 0);
}

} // namespace waddle::ui
