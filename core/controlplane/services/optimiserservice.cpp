#include "optimiserservice.h"

#include "migrationservice.h"
#include "regionservice.h"

#include <QJsonArray>
#include <QLoggingCategory>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

Q_LOGGING_CATEGORY(lcOptimiser, "waddle.optimiser")

constexpr qint64 kPage = 500;

} // namespace

OptimiserService::OptimiserService(const Database &database, const RegionService &regions,
                                   MigrationService &migrations, Settings settings, Clock &clock,
                                   QObject *parent)
    : QObject(parent)
    , m_waddles(database)
    , m_regions(regions)
    , m_migrations(migrations)
    , m_settings(settings)
    , m_clock(clock)
{}

OptimiserService::~OptimiserService() = default;

void OptimiserService::start()
{
    if (m_settings.intervalSeconds <= 0)
        return;
    m_timer = m_clock.createTimer([this] {
        if (const auto run = runAll(false); !run)
            qCWarning(lcOptimiser, "optimiser run failed: %s", qPrintable(run.error().message));
    });
    m_timer->start(m_settings.intervalSeconds * 1000);
}

void OptimiserService::stop()
{
    if (m_timer)
        m_timer->stop();
}

StoreResult<std::optional<OptimisationDecision>> OptimiserService::weigh(const Waddle &waddle,
                                                                         bool dryRun, Run &run)
{
    // SPEC §7 eligibility first, without reading members.
    if (!waddle.isAutomatic() || waddle.activeVoiceChannels <= 0 || waddle.temporary) {
        ++run.skipped;
        OptimisationInput input{waddle.voiceRegion,
                                waddle.currentRegion,
                                waddle.temporary,
                                waddle.activeVoiceChannels,
                                {}};
        return std::optional<OptimisationDecision>(
            decideOptimisation(input, m_regions.regions(), {}, m_settings.decision));
    }
    auto groups = m_waddles.memberGroups(waddle.id);
    if (!groups)
        return groups.error();
    const OptimisationInput input{waddle.voiceRegion, waddle.currentRegion, waddle.temporary,
                                  waddle.activeVoiceChannels, groups.value()};
    const OptimisationDecision decision =
        decideOptimisation(input, m_regions.regions(), {}, m_settings.decision);
    ++run.considered;
    if (!decision.optimised)
        return std::optional<OptimisationDecision>(decision);

    MigrationService::Request request;
    request.waddleIds = {waddle.id};
    request.to = decision.newRegion;
    request.reason = MigrationReason::Optimization;
    request.dryRun = dryRun;
    const auto migrated = m_migrations.create(request);
    if (!migrated) {
        // Already migrating (or the target went away meanwhile): not now.
        ++run.skipped;
        --run.considered;
        return std::optional<OptimisationDecision>(decision);
    }
    const Migration &m = migrated->constFirst();
    run.proposals.append(Proposal{waddle.id, decision.previousRegion, decision.newRegion,
                                  decision.improvementPercent, decision.affectedUsers, m.preview,
                                  dryRun ? QString() : m.id});
    return std::optional<OptimisationDecision>(decision);
}

StoreResult<OptimiserService::Run> OptimiserService::runAll(bool dryRun)
{
    Run run;
    for (qint64 offset = 0;; offset += kPage) {
        auto page = m_waddles.waddles(offset, kPage);
        if (!page)
            return page.error();
        for (const Waddle &waddle : page.value()) {
            if (auto weighed = weigh(waddle, dryRun, run); !weighed)
                return weighed.error();
        }
        if (page->size() < kPage)
            break;
    }
    Q_EMIT ran(run.considered, run.proposals.size());
    return run;
}

StoreResult<OptimiserService::Run> OptimiserService::runOne(const QString &waddleId, bool dryRun)
{
    auto waddle = m_waddles.waddle(waddleId);
    if (!waddle)
        return waddle.error();
    Run run;
    auto weighed = weigh(waddle.value(), dryRun, run);
    if (!weighed)
        return weighed.error();
    run.decision = weighed.value();
    return run;
}

QJsonObject OptimiserService::toJson(const Run &run)
{
    QJsonArray proposals;
    for (const Proposal &p : run.proposals) {
        QJsonObject json{{QStringLiteral("waddle_id"), p.waddleId},
                         {QStringLiteral("from"), p.from},
                         {QStringLiteral("to"), p.to},
                         {QStringLiteral("improvement"), p.improvementPercent},
                         {QStringLiteral("affected_users"), p.affectedUsers},
                         {QStringLiteral("preview"), domain::toJson(p.preview)}};
        if (!p.migrationId.isEmpty())
            json.insert(QStringLiteral("migration_id"), p.migrationId);
        proposals.append(json);
    }
    QJsonObject json{{QStringLiteral("proposals"), proposals},
                     {QStringLiteral("considered"), run.considered},
                     {QStringLiteral("skipped"), run.skipped}};
    if (run.decision)
        json.insert(QStringLiteral("decision"), domain::toJson(*run.decision));
    return json;
}

} // namespace waddle::cp
