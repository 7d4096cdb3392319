#include "alertsdock.h"

#include "alerticons.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "ui/common/permissions.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace waddle::ui {

using namespace waddle::domain;
using client::AlertsFilterModel;
using client::AlertsModel;

namespace {

// The severity column: the marker icon beside the word.
class SeverityDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        option->icon =
            severityIcon(static_cast<Severity>(index.data(AlertsModel::SeverityRole).toInt()));
        option->features |= QStyleOptionViewItem::HasDecoration;
        option->decorationSize = QSize(16, 16);
    }
};

} // namespace

AlertsDock::AlertsDock(AlertsModel &alerts, const client::RegionsModel *regions, QWidget *parent)
    : QDockWidget(tr("Alerts"), parent)
    , m_alerts(alerts)
    , m_regions(regions)
{
    setObjectName(QStringLiteral("alertsDock"));
    m_filter.setSourceModel(&alerts);

    m_severity = new QComboBox;
    m_severity->setObjectName(QStringLiteral("alertsSeverity"));
    m_severity->setAccessibleName(tr("Least severity"));
    m_severity->addItem(tr("All severities"));
    m_severity->addItem(tr("Warning or worse"), static_cast<int>(Severity::Warning));
    m_severity->addItem(tr("High or worse"), static_cast<int>(Severity::High));
    m_severity->addItem(tr("Critical only"), static_cast<int>(Severity::Critical));
    m_region = new QComboBox;
    m_region->setObjectName(QStringLiteral("alertsRegion"));
    m_region->setAccessibleName(tr("Region"));
    m_state = new QComboBox;
    m_state->setObjectName(QStringLiteral("alertsState"));
    m_state->setAccessibleName(tr("State"));
    m_state->addItem(tr("Open and acknowledged"), static_cast<int>(AlertsFilterModel::State::Any));
    m_state->addItem(tr("Open"), static_cast<int>(AlertsFilterModel::State::Open));
    m_state->addItem(tr("Acknowledged or resolved"),
                     static_cast<int>(AlertsFilterModel::State::Acknowledged));

    auto *severityLabel = new QLabel(tr("Se&verity:"));
    severityLabel->setBuddy(m_severity);
    auto *regionLabel = new QLabel(tr("Re&gion:"));
    regionLabel->setBuddy(m_region);
    auto *stateLabel = new QLabel(tr("Stat&e:"));
    stateLabel->setBuddy(m_state);

    m_ackButton = new QPushButton(tr("Ac&knowledge"));
    m_ackButton->setObjectName(QStringLiteral("acknowledgeButton"));
    m_ackButton->setToolTip(tr("Acknowledge the selected alert (Ctrl+K or Delete)"));
    m_mapButton = new QPushButton(tr("Show on &Map"));
    m_mapButton->setObjectName(QStringLiteral("showOnMapButton"));
    m_mapButton->setToolTip(tr("Select the alert's region on the map (Enter)"));

    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("alertsView"));
    m_view->setAccessibleName(tr("Alerts"));
    m_view->setModel(&m_filter);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setWordWrap(false);
    // Small beside the jobs dock it shares a tab with: the map keeps the room
    // at 1024×700 (issue 10).
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 3);
    m_view->setItemDelegateForColumn(AlertsModel::SeverityColumn, new SeverityDelegate(m_view));
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AlertsModel::TitleColumn, QHeaderView::Stretch);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("alertsSummary"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("alertsMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto *filters = new QHBoxLayout;
    filters->addWidget(severityLabel);
    filters->addWidget(m_severity);
    filters->addWidget(regionLabel);
    filters->addWidget(m_region);
    filters->addWidget(stateLabel);
    filters->addWidget(m_state);
    filters->addStretch(1);
    filters->addWidget(m_summary);
    filters->addWidget(m_ackButton);
    filters->addWidget(m_mapButton);

    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filters);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
    setWidget(body);
    setTabOrder(m_severity, m_region);
    setTabOrder(m_region, m_state);
    setTabOrder(m_state, m_view);
    setTabOrder(m_view, m_ackButton);
    setTabOrder(m_ackButton, m_mapButton);

    auto *ack = new QAction(tr("Acknowledge Alert"), this);
    ack->setShortcut(QKeySequence(Qt::Key_Delete)); // on the list only
    ack->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(ack);
    connect(ack, &QAction::triggered, this, &AlertsDock::acknowledgeSelected);
    // Ctrl+K anywhere in the dock (one owner: an ambiguous key fires nothing).
    auto *ackAnywhere = new QAction(tr("Acknowledge Alert"), this);
    ackAnywhere->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    ackAnywhere->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    body->addAction(ackAnywhere);
    connect(ackAnywhere, &QAction::triggered, this, &AlertsDock::acknowledgeSelected);

    connect(m_ackButton, &QPushButton::clicked, this, &AlertsDock::acknowledgeSelected);
    connect(m_mapButton, &QPushButton::clicked, this, &AlertsDock::showSelectedOnMap);
    connect(m_view, &QAbstractItemView::activated, this, &AlertsDock::showSelectedOnMap);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &AlertsDock::refreshActions);
    connect(m_severity, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant v = m_severity->currentData();
        m_filter.setMinimumSeverity(v.isValid() ? std::optional(static_cast<Severity>(v.toInt()))
                                                : std::nullopt);
        refreshSummary();
    });
    connect(m_region, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setRegion(m_region->currentData().toString());
        refreshSummary();
    });
    connect(m_state, &QComboBox::currentIndexChanged, this, [this] {
        m_filter.setState(static_cast<AlertsFilterModel::State>(m_state->currentData().toInt()));
        refreshSummary();
    });
    connect(&alerts, &AlertsModel::acknowledgeFailed, this, [this](const QString &why) {
        m_message->setText(tr("Not acknowledged: %1").arg(why));
        m_message->show();
    });
    connect(&alerts, &AlertsModel::acknowledged, this, [this] {
        m_message->hide();
        refreshActions();
    });
    connect(&alerts, &AlertsModel::refreshFailed, this, [this](const QString &why) {
        m_message->setText(tr("Alerts not updated: %1").arg(why));
        m_message->show();
    });
    connect(&alerts, &AlertsModel::refreshed, this, [this] {
        if (!m_alerts.lastError().isEmpty()) {
            m_message->setText(tr("Analytics triggers not read: %1").arg(m_alerts.lastError()));
            m_message->show();
        } else if (m_message->text().startsWith(tr("Alerts not updated"))) {
            m_message->hide();
        }
    });
    connect(&m_filter, &QAbstractItemModel::modelReset, this, &AlertsDock::refreshSummary);
    connect(&m_filter, &QAbstractItemModel::rowsInserted, this, &AlertsDock::refreshSummary);
    connect(&m_filter, &QAbstractItemModel::rowsRemoved, this, &AlertsDock::refreshSummary);
    connect(&m_filter, &QAbstractItemModel::dataChanged, this, &AlertsDock::refreshSummary);
    if (m_regions)
        connect(m_regions, &QAbstractItemModel::modelReset, this, &AlertsDock::refreshRegions);
    refreshRegions();
    refreshSummary();
}

AlertsDock::~AlertsDock() = default;

QString AlertsDock::message() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void AlertsDock::refreshRegions()
{
    const QString current = m_region->currentData().toString();
    const QSignalBlocker blocker(m_region);
    m_region->clear();
    m_region->addItem(tr("All regions"), QString());
    QStringList codes;
    const QHash<QString, QString> names =
        m_regions ? m_regions->regionNames() : QHash<QString, QString>();
    codes = names.keys();
    codes.sort();
    for (const QString &code : std::as_const(codes))
        m_region->addItem(QStringLiteral("%1 (%2)").arg(names.value(code), code), code);
    const int again = m_region->findData(current);
    m_region->setCurrentIndex(again >= 0 ? again : 0);
    m_filter.setRegion(m_region->currentData().toString());
}

int AlertsDock::selectedSourceRow() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    if (!current.isValid())
        return -1;
    return m_filter.mapToSource(current).row();
}

void AlertsDock::setSession(const client::Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session) {
        connect(m_session, &client::Session::permissionsChanged, this, &AlertsDock::refreshActions);
    }
    refreshActions();
}

namespace {

// Status alerts are an operator's to acknowledge, triggers an analyst's.
domain::Action acknowledgeActionOf(const AlertsModel::Entry *e)
{
    return e && e->source == AlertsModel::Source::Trigger ? domain::Action::AcknowledgeTrigger
                                                          : domain::Action::AcknowledgeAlert;
}

} // namespace

void AlertsDock::refreshActions()
{
    const AlertsModel::Entry *e = m_alerts.entry(selectedSourceRow());
    applyPermission(m_ackButton, m_session, acknowledgeActionOf(e), e && e->isOpen());
    m_mapButton->setEnabled(e && !e->region.isEmpty());
}

void AlertsDock::refreshSummary()
{
    const int open = m_alerts.openCount();
    m_summary->setText(tr("%1 shown · %2 open").arg(m_filter.rowCount()).arg(open));
    setWindowTitle(open > 0 ? tr("Alerts (%1 open)").arg(open) : tr("Alerts"));
    refreshActions();
}

void AlertsDock::acknowledgeSelected()
{
    const int row = selectedSourceRow();
    if (row < 0) {
        m_message->setText(tr("Select an alert to acknowledge."));
        m_message->show();
        return;
    }
    // The keys reach here with the button disabled: say why instead.
    if (const domain::Action action = acknowledgeActionOf(m_alerts.entry(row));
        !allows(m_session, action)) {
        m_message->setText(m_session->whyNot(action));
        m_message->show();
        return;
    }
    m_alerts.acknowledge(row);
}

void AlertsDock::showSelectedOnMap()
{
    const AlertsModel::Entry *e = m_alerts.entry(selectedSourceRow());
    if (e && !e->region.isEmpty())
        Q_EMIT showOnMapRequested(e->region);
}

} // namespace waddle::ui
