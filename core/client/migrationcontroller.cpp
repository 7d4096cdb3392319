#include "migrationcontroller.h"

#include "jobsmodel.h"

#include <QPointer>

#include <algorithm>

namespace waddle::client {

using namespace waddle::domain;

MigrationController::MigrationController(ApiClient &api, JobsModel &jobs, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_jobs(jobs)
{
    connect(&m_jobs, &JobsModel::jobChanged, this, &MigrationController::onJobChanged);
}

MigrationController::~MigrationController() = default;

void MigrationController::setWaddles(const QStringList &ids)
{
    m_waddleIds = ids;
    m_drainRegion.clear();
    m_targets.clear();
}

void MigrationController::setDrain(const QString &region)
{
    m_drainRegion = region;
    m_waddleIds.clear();
    m_targets.clear();
}

const MigrationTarget *MigrationController::target(const QString &code) const
{
    for (const MigrationTarget &t : m_targets) {
        if (t.code == code)
            return &t;
    }
    return nullptr;
}

QCoro::Task<bool> MigrationController::loadTargets()
{
    const QPointer<MigrationController> self(this);
    const quint64 generation = ++m_generation;
    m_targets.clear();
    m_serverRecommendation.clear();
    const auto regions = co_await m_api.regions();
    if (!self || generation != m_generation)
        co_return false;
    if (!regions) {
        fail(regions.error());
        co_return false;
    }
    std::optional<Recommendation> recommendation;
    if (m_waddleIds.size() == 1) {
        const auto answer = co_await m_api.recommendation(m_waddleIds.constFirst());
        if (!self || generation != m_generation)
            co_return false;
        // Without one the regions are still listed, by their previews.
        if (answer)
            recommendation = answer->recommendation;
        if (recommendation)
            m_serverRecommendation = recommendation->regionCode;
    }
    QList<MigrationTarget> targets;
    for (const Region &region : regions.value())
        m_names.insert(region.code, region.name);
    for (const Region &region : regions.value()) {
        if (region.code == m_drainRegion)
            continue;
        MigrationTarget t;
        t.code = region.code;
        t.name = region.name;
        if (recommendation) {
            for (const RegionScore &score : recommendation->scores) {
                if (score.code == region.code && score.eligible)
                    t.score = score.score;
            }
        }
        if (!region.isActive) {
            t.problem = tr("not active");
        } else if (!acceptsSessions(region.status)) {
            t.problem =
                region.status == RegionStatus::Maintenance ? tr("in maintenance") : tr("offline");
        } else {
            // Not a co_await in each branch of ?: (GCC 12, see FailoverController).
            QCoro::Task<ApiResult<QList<Migration>>> call =
                m_drainRegion.isEmpty() ? m_api.createMigrations(m_waddleIds, region.code, true)
                                        : m_api.drainRegion(m_drainRegion, region.code, true);
            const ApiResult<QList<Migration>> dryRun = co_await std::move(call);
            if (!self || generation != m_generation)
                co_return false;
            if (!dryRun) {
                t.problem = dryRun.error().message;
            } else {
                QList<MigrationPreview> previews;
                for (const Migration &m : dryRun.value()) {
                    previews.append(m.preview);
                    if (!m.from.isEmpty() && !t.sources.contains(m.from))
                        t.sources.append(m.from);
                }
                t.waddles = dryRun->size();
                t.preview = combinePreviews(previews);
                if (t.waddles == 0)
                    t.problem = tr("no waddle to move");
            }
        }
        targets.append(t);
    }
    // Best first: by score for one waddle (higher wins), else by the mean
    // RTT after the move (lower wins); the ones that cannot be chosen last.
    std::stable_sort(targets.begin(), targets.end(),
                     [](const MigrationTarget &a, const MigrationTarget &b) {
                         if (a.possible() != b.possible())
                             return a.possible();
                         if (a.score.has_value() != b.score.has_value())
                             return a.score.has_value();
                         if (a.score && b.score && *a.score != *b.score)
                             return *a.score > *b.score;
                         return a.preview.meanAfterMs < b.preview.meanAfterMs;
                     });
    auto best = targets.end();
    if (recommendation) {
        best = std::find_if(targets.begin(), targets.end(), [&](const MigrationTarget &t) {
            return t.code == recommendation->regionCode && t.possible();
        });
    }
    if (best == targets.end() && !targets.isEmpty() && targets.constFirst().possible())
        best = targets.begin();
    if (best != targets.end()) {
        best->recommended = true;
        std::rotate(targets.begin(), best, best + 1);
    }
    m_targets = targets;
    m_lastError.clear();
    Q_EMIT targetsReady();
    co_return true;
}

QCoro::Task<bool> MigrationController::start(QString to, std::optional<QDateTime> startAt)
{
    const QPointer<MigrationController> self(this);
    QCoro::Task<ApiResult<QList<Migration>>> call =
        m_drainRegion.isEmpty() ? m_api.createMigrations(m_waddleIds, to, false, startAt)
                                : m_api.drainRegion(m_drainRegion, to, false, startAt);
    const ApiResult<QList<Migration>> created = co_await std::move(call);
    if (!self)
        co_return false;
    if (!created) {
        fail(created.error());
        co_return false;
    }
    adopt(created.value());
    co_return true;
}

QCoro::Task<bool> MigrationController::open(QString id)
{
    const QPointer<MigrationController> self(this);
    const auto migration = co_await m_api.migration(id);
    if (!self)
        co_return false;
    if (!migration) {
        fail(migration.error());
        co_return false;
    }
    m_waddleIds = {migration->waddleId};
    adopt({migration.value()});
    co_return true;
}

QCoro::Task<bool> MigrationController::cancel()
{
    const QPointer<MigrationController> self(this);
    QStringList ids;
    for (const Migration &m : std::as_const(m_migrations)) {
        if (domain::canCancel(m))
            ids.append(m.id);
    }
    bool all = true;
    for (const QString &id : std::as_const(ids)) {
        const auto cancelled = co_await m_api.cancelMigration(id);
        if (!self)
            co_return false;
        if (!cancelled) {
            // One that began moving meanwhile goes on; the others are
            // still cancelled.
            fail(cancelled.error());
            all = false;
            continue;
        }
        adopt({cancelled.value()});
    }
    co_return all;
}

MigrationTally MigrationController::tally() const
{
    MigrationTally t;
    for (const Migration &m : m_migrations) {
        ++t.total;
        switch (m.state) {
        case MigrationState::Scheduled:
            ++t.scheduled;
            break;
        case MigrationState::Running:
            ++t.running;
            break;
        case MigrationState::Completed:
            ++t.completed;
            break;
        case MigrationState::RolledBack:
            ++t.rolledBack;
            break;
        case MigrationState::Cancelled:
            ++t.cancelled;
            break;
        case MigrationState::Failed:
            ++t.failed;
            break;
        }
    }
    return t;
}

bool MigrationController::isFinished() const
{
    return !m_migrations.isEmpty() &&
           std::all_of(m_migrations.cbegin(), m_migrations.cend(),
                       [](const Migration &m) { return domain::isFinished(m.state); });
}

bool MigrationController::canCancel() const
{
    return std::any_of(m_migrations.cbegin(), m_migrations.cend(),
                       [](const Migration &m) { return domain::canCancel(m); });
}

void MigrationController::adopt(const QList<Migration> &migrations)
{
    const bool wasFinished = isFinished();
    for (const Migration &m : migrations) {
        auto same = std::find_if(m_migrations.begin(), m_migrations.end(),
                                 [&](const Migration &known) { return known.id == m.id; });
        if (same == m_migrations.end())
            m_migrations.append(m);
        else
            *same = m;
    }
    m_lastError.clear();
    // The dock shows them too; its jobChanged comes back here and is
    // ignored when nothing changed.
    for (const Migration &m : migrations)
        m_jobs.upsert(m);
    Q_EMIT migrationsChanged();
    if (isFinished() && !wasFinished)
        Q_EMIT finished();
}

void MigrationController::onJobChanged(const QString &id)
{
    const auto known = std::find_if(m_migrations.cbegin(), m_migrations.cend(),
                                    [&](const Migration &m) { return m.id == id; });
    if (known == m_migrations.cend())
        return;
    const JobsModel::Job *entry = m_jobs.job(m_jobs.rowOf(id));
    if (!entry || !entry->migration || *entry->migration == *known)
        return;
    adopt({*entry->migration});
}

void MigrationController::fail(const ApiError &error)
{
    m_lastError = error.message;
    Q_EMIT failed(m_lastError);
}

} // namespace waddle::client
