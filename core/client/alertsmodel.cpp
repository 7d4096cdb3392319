#include "alertsmodel.h"

#include "liveevents.h"

#include <QLocale>
#include <QPointer>

#include <algorithm>

namespace waddle::client {

using namespace waddle::domain;

namespace {

QString qualified(AlertsModel::Source source, const QString &id)
{
    return (source == AlertsModel::Source::Status ? QStringLiteral("s:") : QStringLiteral("t:")) +
           id;
}

} // namespace

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return AlertsModel::tr("Info");
    case Severity::Low:
        return AlertsModel::tr("Low");
    case Severity::Medium:
        return AlertsModel::tr("Medium");
    case Severity::Warning:
        return AlertsModel::tr("Warning");
    case Severity::High:
        return AlertsModel::tr("High");
    case Severity::Critical:
        return AlertsModel::tr("Critical");
    }
    return {};
}

QString AlertsModel::Entry::stateName() const
{
    if (resolved)
        return QStringLiteral("resolved");
    return acknowledgedAt ? QStringLiteral("acknowledged") : QStringLiteral("open");
}

QString AlertsModel::Entry::groupKey() const
{
    if (source == Source::Status)
        return region;
    return project + u'/' + toString(severity);
}

AlertsModel::Entry AlertsModel::fromAlert(const RegionAlert &alert)
{
    Entry e;
    e.source = Source::Status;
    e.id = alert.id;
    e.region = alert.regionCode;
    e.severity = alert.severity;
    e.title = alert.title;
    e.description = alert.description;
    e.createdAt = alert.createdAt;
    e.acknowledgedAt = alert.acknowledgedAt;
    return e;
}

AlertsModel::Entry AlertsModel::fromTrigger(const AlertTrigger &trigger)
{
    Entry e;
    e.source = Source::Trigger;
    e.id = trigger.id;
    e.project = trigger.projectId;
    e.severity = trigger.severity;
    e.title =
        trigger.message.isEmpty() ? tr("Alert %1 fired").arg(trigger.alertId) : trigger.message;
    e.description = tr("Value %1, threshold %2")
                        .arg(QLocale().toString(trigger.value, 'g', 6),
                             QLocale().toString(trigger.threshold, 'g', 6));
    e.createdAt = trigger.triggeredAt;
    e.acknowledgedAt = trigger.acknowledgedAt;
    e.resolved = trigger.status == TriggerStatus::Resolved;
    return e;
}

AlertsModel::AlertsModel(ApiClient &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
    m_poll.setInterval(std::chrono::seconds(30));
    connect(&m_poll, &QTimer::timeout, this, &AlertsModel::onPoll);
    m_poll.start();
}

AlertsModel::~AlertsModel() = default;

void AlertsModel::setLiveEvents(LiveEvents *events)
{
    if (m_events)
        disconnect(m_events, nullptr, this, nullptr);
    m_events = events;
    if (!m_events)
        return;
    connect(m_events, &LiveEvents::alertRaised, this, &AlertsModel::onAlertEvent);
    // Another client's acknowledgement shows here at once.
    connect(m_events, &LiveEvents::alertAcknowledged, this, &AlertsModel::onAlertEvent);
    // Back after a drop: what was raised meanwhile is only in the lists.
    connect(m_events, &LiveEvents::connected, this, &AlertsModel::onAlertEvent);
}

void AlertsModel::setPollInterval(std::chrono::milliseconds interval)
{
    m_poll.setInterval(interval);
}

void AlertsModel::setProject(const QString &projectId)
{
    if (projectId == m_project)
        return;
    m_project = projectId;
    if (m_loaded) // else the first refresh reads it
        onAlertEvent();
}

void AlertsModel::onAlertEvent()
{
    refresh(); // one at a time: refresh() itself coalesces
}

void AlertsModel::onPoll()
{
    // The stream tells of status alerts; triggers are only in the list.
    if (m_events && m_events->isConnected() && m_project.isEmpty())
        return;
    onAlertEvent();
}

QCoro::Task<bool> AlertsModel::refresh()
{
    if (m_fetching) {
        // One fetch at a time: the one in flight goes once more.
        m_fetchAgain = true;
        co_return true;
    }
    const QPointer<AlertsModel> self(this);
    m_fetching = true;
    bool ok = false;
    do {
        m_fetchAgain = false;
        const QString project = m_project;
        const auto alerts = co_await m_api.alerts(kRecentAlerts);
        if (!self)
            co_return false;
        QList<Entry> entries;
        std::optional<ApiResult<QList<AlertTrigger>>> triggers;
        if (alerts && !project.isEmpty()) {
            triggers.emplace(co_await m_api.alertTriggers(project, kRecentTriggers));
            if (!self)
                co_return false;
        }
        if (!alerts) {
            m_lastError = alerts.error().message;
            ok = false;
            continue;
        }
        for (const RegionAlert &alert : alerts.value())
            entries.append(fromAlert(alert));
        if (triggers && *triggers) {
            for (const AlertTrigger &trigger : triggers->value())
                entries.append(fromTrigger(trigger));
        }
        // A key without the analyst role still sees the status alerts.
        m_lastError = triggers && !*triggers && triggers->error().status != 403
                          ? triggers->error().message
                          : QString();
        setEntries(std::move(entries));
        ok = true;
    } while (m_fetchAgain);
    m_fetching = false;
    if (ok)
        Q_EMIT refreshed();
    else
        Q_EMIT refreshFailed(m_lastError);
    co_return ok;
}

void AlertsModel::setEntries(QList<Entry> entries)
{
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
    });
    QList<Entry> arrived;
    for (const Entry &e : std::as_const(entries)) {
        const QString key = qualified(e.source, e.id);
        if (m_seen.contains(key))
            continue;
        m_seen.insert(key);
        if (m_loaded && e.isOpen())
            arrived.append(e);
    }
    if (entries != m_entries) {
        beginResetModel();
        m_entries = std::move(entries);
        endResetModel();
    }
    m_loaded = true;
    for (const Entry &e : std::as_const(arrived))
        Q_EMIT alertArrived(e);
}

QCoro::Task<bool> AlertsModel::acknowledge(int row)
{
    const Entry *e = entry(row);
    if (!e) {
        Q_EMIT acknowledgeFailed(tr("No alert is selected."));
        co_return false;
    }
    if (!e->isOpen()) {
        Q_EMIT acknowledgeFailed(e->resolved ? tr("This alert is resolved already.")
                                             : tr("This alert is acknowledged already."));
        co_return false;
    }
    const QPointer<AlertsModel> self(this);
    const Source source = e->source;
    const QString id = e->id;
    std::optional<QDateTime> at;
    QString error;
    if (source == Source::Status) {
        const auto answer = co_await m_api.acknowledgeAlert(id);
        if (!self)
            co_return false;
        if (answer)
            at = answer->acknowledgedAt;
        else
            error = answer.error().message;
    } else {
        const auto answer = co_await m_api.acknowledgeTrigger(e->project, id);
        if (!self)
            co_return false;
        if (answer)
            at = answer->acknowledgedAt;
        else
            error = answer.error().message;
    }
    const int now = rowOf(source, id); // rows may have moved meanwhile
    if (!at) {
        Q_EMIT acknowledgeFailed(error.isEmpty() ? tr("The server did not acknowledge the alert.")
                                                 : error);
        co_return false;
    }
    if (now >= 0) {
        m_entries[now].acknowledgedAt = at;
        Q_EMIT dataChanged(index(now, 0), index(now, ColumnCount - 1));
        Q_EMIT acknowledged(now);
    }
    co_return true;
}

const AlertsModel::Entry *AlertsModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

int AlertsModel::rowOf(Source source, const QString &id) const
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).source == source && m_entries.at(row).id == id)
            return row;
    }
    return -1;
}

int AlertsModel::openCount() const
{
    return static_cast<int>(std::count_if(m_entries.cbegin(), m_entries.cend(),
                                          [](const Entry &e) { return e.isOpen(); }));
}

std::optional<Severity> AlertsModel::worstOpen() const
{
    std::optional<Severity> worst;
    for (const Entry &e : m_entries) {
        if (e.isOpen() && (!worst || e.severity > *worst))
            worst = e.severity;
    }
    return worst;
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    const Entry *e = index.isValid() ? entry(index.row()) : nullptr;
    if (!e)
        return {};
    switch (role) {
    case SeverityRole:
        return static_cast<int>(e->severity);
    case RegionRole:
        return e->region;
    case OpenRole:
        return e->isOpen();
    case StateNameRole:
        return e->stateName();
    case SourceRole:
        return static_cast<int>(e->source);
    case IdRole:
        return e->id;
    case GroupRole:
        return e->groupKey();
    case TimeRole:
        return e->createdAt;
    case Qt::ToolTipRole:
        return e->description.isEmpty() ? e->title : e->title + u'\n' + e->description;
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case SeverityColumn:
        return severityText(e->severity);
    case GroupColumn:
        return e->source == Source::Status
                   ? tr("Region %1").arg(e->region)
                   : tr("%1 · %2").arg(e->project, severityText(e->severity));
    case TitleColumn:
        return e->title;
    case StateColumn:
        if (e->resolved)
            return tr("Resolved");
        return e->acknowledgedAt ? tr("Acknowledged") : tr("Open");
    case TimeColumn:
        return QLocale().toString(e->createdAt.toLocalTime(), QLocale::ShortFormat);
    default:
        return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SeverityColumn:
        return tr("Severity");
    case GroupColumn:
        return tr("Group");
    case TitleColumn:
        return tr("Alert");
    case StateColumn:
        return tr("State");
    case TimeColumn:
        return tr("Raised");
    default:
        return {};
    }
}

} // namespace waddle::client
