#pragma once

#include "clock.h"
#include "controlplane/store/waddlerepository.h"
#include "domain/placement/migration.h"
#include "domain/placement/optimiser.h"

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <optional>

namespace waddle::cp {

class Database;
class MigrationService;
class RegionService;

// SPEC §7 dynamic optimisation (issue 11): on a timer (default hourly) and on
// demand, every waddle on "auto" with active voice channels is weighed by
// the domain's decideOptimisation over its members' places; a clearly better
// region (improvement above the threshold, default 20 %) becomes a
// migration with reason optimization. A dry run only lists the proposals,
// each with the migration preview.
class OptimiserService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptimiserService)

public:
    struct Settings
    {
        int intervalSeconds = 3600;
        domain::OptimiserSettings decision; // the 20 % threshold
    };

    struct Proposal
    {
        QString waddleId;
        QString from;
        QString to;
        double improvementPercent = 0.0;
        qint64 affectedUsers = 0;
        domain::MigrationPreview preview;
        QString migrationId; // when one was started (not a dry run)
    };

    struct Run
    {
        QList<Proposal> proposals;
        qint64 considered = 0;                                // waddles the decision weighed
        qint64 skipped = 0;                                   // not eligible, or already migrating
        std::optional<domain::OptimisationDecision> decision; // one waddle's run
    };

    OptimiserService(const Database &database, const RegionService &regions,
                     MigrationService &migrations, Settings settings,
                     Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~OptimiserService() override;

    void start();
    void stop();

    // The whole fleet.
    [[nodiscard]] StoreResult<Run> runAll(bool dryRun);
    // One waddle (NotFound for an unknown id); the decision says why not.
    [[nodiscard]] StoreResult<Run> runOne(const QString &waddleId, bool dryRun);

    [[nodiscard]] static QJsonObject toJson(const Run &run);

Q_SIGNALS:
    void ran(qint64 considered, qint64 proposals);

private:
    // Adds the waddle's outcome to `run`; the decision, when it was weighed.
    StoreResult<std::optional<domain::OptimisationDecision>> weigh(const domain::Waddle &waddle,
                                                                   bool dryRun, Run &run);

    WaddleRepository m_waddles;
    const RegionService &m_regions;
    MigrationService &m_migrations;
    Settings m_settings;
    Clock &m_clock;
    std::unique_ptr<Timer> m_timer;
};

} // namespace waddle::cp
