#include "failovercontroller.h"

#include "jobsmodel.h"
#include "liveevents.h"

#include <QPointer>

namespace waddle::client {

using namespace waddle::domain;

FailoverController::FailoverController(ApiClient &api, JobsModel &jobs, LiveEvents *events,
                                       QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_jobs(jobs)
{
    connect(&m_jobs, &JobsModel::jobChanged, this, &FailoverController::onJobChanged);
    if (events)
        connect(events, &LiveEvents::jobEvent, this, &FailoverController::onJobEvent);
}

FailoverController::~FailoverController() = default;

QCoro::Task<bool> FailoverController::dryRun(QString region)
{
    const QPointer<FailoverController> self(this);
    m_region = region;
    m_plan.reset();
    const auto plan = co_await m_api.failoverDryRun(region);
    if (!self || m_region != region)
        co_return false;
    if (!plan) {
        fail(plan.error());
        co_return false;
    }
    m_lastError.clear();
    m_plan = plan.value();
    Q_EMIT planReady();
    co_return true;
}

QCoro::Task<bool> FailoverController::start(bool force)
{
    const QPointer<FailoverController> self(this);
    // A failover of the region waiting for an operator (policy "confirm")
    // is confirmed, not duplicated: the lists say whether there is one.
    co_await m_jobs.refresh();
    if (!self)
        co_return false;
    const QString pending = m_jobs.pendingFailover(m_region);
    // Not a co_await in each branch of ?: (GCC 12 mishandles the
    // temporaries of co_await inside a conditional expression).
    QCoro::Task<ApiResult<FailoverJob>> call =
        pending.isEmpty() ? m_api.startFailover(m_region, force) : m_api.confirmFailover(pending);
    const ApiResult<FailoverJob> job = co_await std::move(call);
    if (!self)
        co_return false;
    if (!job) {
        fail(job.error());
        co_return false;
    }
    m_batch = 0;
    m_batches = 0;
    adopt(job.value());
    co_return true;
}

QCoro::Task<bool> FailoverController::open(QString id)
{
    const QPointer<FailoverController> self(this);
    const auto job = co_await m_api.failover(id);
    if (!self)
        co_return false;
    if (!job) {
        fail(job.error());
        co_return false;
    }
    m_region = job->region;
    adopt(job.value());
    co_return true;
}

QCoro::Task<bool> FailoverController::failBack(bool force)
{
    if (!m_job)
        co_return false;
    const QPointer<FailoverController> self(this);
    const auto job = co_await m_api.failBack(m_job->id, force);
    if (!self)
        co_return false;
    if (!job) {
        fail(job.error());
        co_return false;
    }
    adopt(job.value());
    co_return true;
}

bool FailoverController::isFinished() const
{
    return m_job &&
           (m_job->state == FailoverState::Completed || m_job->state == FailoverState::FailedBack ||
            m_job->state == FailoverState::Failed);
}

bool FailoverController::canFailBack() const
{
    if (!m_job || m_job->state != FailoverState::Completed)
        return false;
    return std::any_of(m_job->moves.cbegin(), m_job->moves.cend(),
                       [](const FailoverMove &move) { return move.state == MoveState::Moved; });
}

void FailoverController::adopt(const FailoverJob &job)
{
    const bool wasFinished = isFinished();
    m_job = job;
    m_lastError.clear();
    // The dock shows it too; its jobChanged comes back here and is ignored
    // when nothing changed.
    m_jobs.upsert(job);
    Q_EMIT jobChanged();
    if (isFinished() && !wasFinished)
        Q_EMIT finished();
}

void FailoverController::onJobChanged(const QString &id)
{
    if (!m_job || m_job->id != id)
        return;
    const JobsModel::Job *entry = m_jobs.job(m_jobs.rowOf(id));
    if (!entry || !entry->failover || *entry->failover == *m_job)
        return;
    adopt(*entry->failover);
}

void FailoverController::onJobEvent(const QString &type, const QJsonObject &event)
{
    if (!m_job || event.value(QStringLiteral("failover")).toString() != m_job->id)
        return;
    if (type == u"failover.started" || type == u"failback.started") {
        m_batch = 0;
        m_batches = event.value(QStringLiteral("batches")).toInteger();
    } else if (type == u"failover.batch") {
        m_batch = event.value(QStringLiteral("batch")).toInteger();
        m_batches = event.value(QStringLiteral("batches")).toInteger();
    } else {
        return;
    }
    Q_EMIT jobChanged();
}

void FailoverController::fail(const ApiError &error)
{
    m_lastError = error.message;
    Q_EMIT failed(m_lastError);
}

} // namespace waddle::client
