#include "jobsmodel.h"

#include "domain/enumnames.h"
#include "liveevents.h"

#include <QLocale>
#include <QPointer>

#include <algorithm>

namespace waddle::client {

using namespace waddle::domain;

namespace {

bool finishedFailover(FailoverState state)
{
    return state == FailoverState::Completed || state == FailoverState::FailedBack ||
           state == FailoverState::Failed;
}

int percent(qint64 done, qint64 total)
{
    if (total <= 0)
        return 100;
    return static_cast<int>(std::clamp<qint64>(done * 100 / total, 0, 100));
}

} // namespace

QString JobsModel::Job::id() const
{
    return failover ? failover->id : migration ? migration->id : QString();
}

QDateTime JobsModel::Job::createdAt() const
{
    return failover ? failover->createdAt : migration ? migration->createdAt : QDateTime();
}

QString JobsModel::Job::stateName() const
{
    if (failover)
        return enumToName(kFailoverStateNames, failover->state);
    if (migration)
        return enumToName(kMigrationStateNames, migration->state);
    return {};
}

bool JobsModel::Job::isRunning() const
{
    if (failover)
        return !finishedFailover(failover->state);
    return migration && !isFinished(migration->state);
}

int JobsModel::Job::progress() const
{
    if (failover) {
        if (failover->state == FailoverState::FailingBack) {
            qint64 back = 0;
            qint64 left = 0;
            for (const FailoverMove &move : failover->moves) {
                if (move.state == MoveState::Restored || move.state == MoveState::Kept)
                    ++back;
                else if (move.state == MoveState::Moved)
                    ++left;
            }
            return percent(back, back + left);
        }
        const FailoverTally counts = tally(failover->moves);
        return percent(counts.affected - counts.pending, counts.affected);
    }
    if (migration) {
        if (isFinished(migration->state))
            return 100;
        const auto done = std::count_if(
            migration->steps.cbegin(), migration->steps.cend(), [](const MigrationStep &step) {
                return step.state != StepState::Pending && step.state != StepState::Running;
            });
        return percent(done, migration->steps.size());
    }
    return 0;
}

QString describeJob(const JobsModel::Job &job)
{
    if (job.failover) {
        if (job.failover->state == FailoverState::FailingBack ||
            job.failover->state == FailoverState::FailedBack)
            return JobsModel::tr("Fail-back of %1").arg(job.failover->region);
        return JobsModel::tr("Failover of %1").arg(job.failover->region);
    }
    if (job.migration) {
        return JobsModel::tr("Migration of %1: %2 → %3")
            .arg(job.migration->waddleId, job.migration->from, job.migration->to);
    }
    return {};
}

JobsModel::JobsModel(ApiClient &api, QObject *parent)
    : QAbstractTableModel(parent)
    , m_api(api)
{
    m_poll.setInterval(std::chrono::seconds(5));
    connect(&m_poll, &QTimer::timeout, this, &JobsModel::onPoll);
    m_poll.start();
}

JobsModel::~JobsModel() = default;

void JobsModel::setLiveEvents(LiveEvents *events)
{
    if (m_events)
        disconnect(m_events, nullptr, this, nullptr);
    m_events = events;
    if (!m_events)
        return;
    connect(m_events, &LiveEvents::jobEvent, this, &JobsModel::onJobEvent);
    // Back after a drop: what happened meanwhile is only in the lists.
    connect(m_events, &LiveEvents::connected, this, [this] { refresh(); });
}

void JobsModel::setPollInterval(std::chrono::milliseconds interval)
{
    m_poll.setInterval(interval);
}

QCoro::Task<bool> JobsModel::refresh()
{
    const QPointer<JobsModel> self(this);
    const auto failovers = co_await m_api.failovers(0, kRecent);
    if (!self)
        co_return false;
    const auto migrations = co_await m_api.migrations(0, kRecent);
    if (!self)
        co_return false;
    if (!failovers || !migrations) {
        m_lastError = !failovers ? failovers.error().message : migrations.error().message;
        Q_EMIT refreshFailed(m_lastError);
        co_return false;
    }
    m_lastError.clear();
    for (const FailoverJob &job : failovers->items)
        upsert(job);
    for (const Migration &migration : migrations->items)
        upsert(migration);
    Q_EMIT refreshed();
    co_return true;
}

void JobsModel::upsert(const FailoverJob &job)
{
    Job entry;
    entry.kind = Kind::Failover;
    entry.failover = job;
    put(std::move(entry));
}

void JobsModel::upsert(const Migration &migration)
{
    Job entry;
    entry.kind = Kind::Migration;
    entry.migration = migration;
    put(std::move(entry));
}

void JobsModel::put(Job job)
{
    const QString id = job.id();
    const int existing = rowOf(id);
    if (existing >= 0) {
        m_jobs[existing] = std::move(job);
        Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
    } else {
        // Newest first; ties by id so the order is stable.
        const auto at = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [&job, &id](const Job &j) {
            return j.createdAt() < job.createdAt() ||
                   (j.createdAt() == job.createdAt() && j.id() < id);
        });
        const int row = static_cast<int>(at - m_jobs.cbegin());
        beginInsertRows({}, row, row);
        m_jobs.insert(row, std::move(job));
        endInsertRows();
    }
    Q_EMIT jobChanged(id);
}

void JobsModel::onJobEvent(const QString &type, const QJsonObject &event)
{
    if (type.startsWith(u"migration.")) {
        const Result<Migration> migration = migrationFromJson(
            event.value(QStringLiteral("migration")), QStringLiteral("migration"));
        if (migration)
            upsert(migration.value());
        return;
    }
    const QString id = event.value(QStringLiteral("failover")).toString();
    if (!id.isEmpty())
        fetchFailover(id);
}

QCoro::Task<> JobsModel::fetchFailover(QString id)
{
    // One fetch per job at a time: a burst of events (one per failed move)
    // becomes at most one more fetch after the one in flight.
    if (m_fetching.contains(id)) {
        m_fetchAgain.insert(id);
        co_return;
    }
    const QPointer<JobsModel> self(this);
    m_fetching.insert(id);
    for (;;) {
        m_fetchAgain.remove(id);
        const auto job = co_await m_api.failover(id);
        if (!self)
            co_return;
        if (job)
            upsert(job.value());
        if (!m_fetchAgain.contains(id))
            break;
    }
    m_fetching.remove(id);
}

void JobsModel::onPoll()
{
    if (m_events && m_events->isConnected())
        return;
    if (runningCount() > 0)
        refresh();
}

const JobsModel::Job *JobsModel::job(int row) const
{
    return row >= 0 && row < m_jobs.size() ? &m_jobs.at(row) : nullptr;
}

int JobsModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_jobs.size(); ++row) {
        if (m_jobs.at(row).id() == id)
            return row;
    }
    return -1;
}

int JobsModel::runningCount() const
{
    return static_cast<int>(
        std::count_if(m_jobs.cbegin(), m_jobs.cend(), [](const Job &j) { return j.isRunning(); }));
}

QString JobsModel::pendingFailover(const QString &region) const
{
    for (const Job &j : m_jobs) {
        if (j.failover && j.failover->region == region &&
            j.failover->state == FailoverState::Pending)
            return j.failover->id;
    }
    return {};
}

int JobsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_jobs.size());
}

int JobsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &j = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (static_cast<Column>(index.column())) {
        case JobColumn:
            return describeJob(j);
        case StateColumn:
            return j.stateName().replace(u'_', u' ');
        case ProgressColumn:
            return tr("%1 %").arg(j.progress());
        case CreatedColumn:
            return QLocale().toString(j.createdAt().toLocalTime(), QLocale::ShortFormat);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return j.id();
    case KindRole:
        return static_cast<int>(j.kind);
    case IdRole:
        return j.id();
    case StateNameRole:
        return j.stateName();
    case ProgressRole:
        return j.progress();
    case RunningRole:
        return j.isRunning();
    default:
        return {};
    }
}

QVariant JobsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case JobColumn:
        return tr("Job");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case CreatedColumn:
        return tr("Created");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace waddle::client
