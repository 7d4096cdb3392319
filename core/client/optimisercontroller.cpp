#include "optimisercontroller.h"

#include "jobsmodel.h"

#include <QPointer>

namespace waddle::client {

using namespace waddle::domain;

OptimiserController::OptimiserController(ApiClient &api, JobsModel &jobs, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_jobs(jobs)
{}

OptimiserController::~OptimiserController() = default;

QCoro::Task<bool> OptimiserController::run()
{
    const QPointer<OptimiserController> self(this);
    const auto run = co_await m_api.runOptimiser(true);
    if (!self)
        co_return false;
    if (!run) {
        m_lastError = run.error().message;
        Q_EMIT failed(m_lastError);
        co_return false;
    }
    m_run = run.value();
    m_hasRun = true;
    m_lastError.clear();
    Q_EMIT proposalsReady();
    co_return true;
}

QCoro::Task<bool> OptimiserController::apply(QList<int> rows)
{
    const QPointer<OptimiserController> self(this);
    const QList<OptimiserProposal> proposals = m_run.proposals;
    m_problems.clear();
    for (const int row : std::as_const(rows)) {
        if (row < 0 || row >= proposals.size())
            continue;
        const OptimiserProposal &p = proposals.at(row);
        // Not a braced list inside co_await (GCC 12 rejects it).
        const QStringList ids{p.waddleId};
        const auto created = co_await m_api.createMigrations(ids, p.to, false, std::nullopt,
                                                             MigrationReason::Optimization);
        if (!self)
            co_return false;
        if (!created) {
            m_problems.append(tr("%1: %2").arg(p.waddleId, created.error().message));
            continue;
        }
        for (const Migration &m : created.value()) {
            m_started.append(m);
            m_jobs.upsert(m);
        }
    }
    m_lastError = m_problems.join(u'\n');
    Q_EMIT applied();
    if (!m_problems.isEmpty())
        Q_EMIT failed(m_lastError);
    co_return m_problems.isEmpty();
}

} // namespace waddle::client
