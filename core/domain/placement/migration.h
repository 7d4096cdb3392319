#pragma once

#include "domain/enumnames.h"
#include "domain/geo.h"
#include "domain/placement/locationgroup.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace waddle::domain {

// SPEC §10 (seed 000 migrateWaddleRegion): a migration is a persisted state
// machine of six steps. This header holds the values and the pure
// transitions; the control plane's migration service runs the steps and
// stores the value after every transition, so a restart resumes from it.

enum class MigrationState
{
    Scheduled,
    Running,
    Completed,
    RolledBack,
    Cancelled,
    Failed
};

enum class MigrationStepName
{
    Prepare, // a room in the target region
    Notify,  // members hear of the move
    Move,    // the media servers move the call
    Update,  // the waddle's current region is changed in the store
    Cleanup, // the old region's room is removed
    Record   // voice_region_migrated {from, to, reason}
};

enum class StepState
{
    Pending,
    Running,
    Done,
    Failed,
    Skipped
};

enum class MigrationReason
{
    Manual,
    Optimization,
    Maintenance,
    Failover
};

inline constexpr std::array<EnumName<MigrationState>, 6> kMigrationStateNames{{
    {MigrationState::Scheduled, QLatin1String("scheduled")},
    {MigrationState::Running, QLatin1String("running")},
    {MigrationState::Completed, QLatin1String("completed")},
    {MigrationState::RolledBack, QLatin1String("rolled_back")},
    {MigrationState::Cancelled, QLatin1String("cancelled")},
    {MigrationState::Failed, QLatin1String("failed")},
}};

inline constexpr std::array<EnumName<MigrationStepName>, 6> kMigrationStepNames{{
    {MigrationStepName::Prepare, QLatin1String("prepare")},
    {MigrationStepName::Notify, QLatin1String("notify")},
    {MigrationStepName::Move, QLatin1String("move")},
    {MigrationStepName::Update, QLatin1String("update")},
    {MigrationStepName::Cleanup, QLatin1String("cleanup")},
    {MigrationStepName::Record, QLatin1String("record")},
}};

inline constexpr std::array<EnumName<StepState>, 5> kStepStateNames{{
    {StepState::Pending, QLatin1String("pending")},
    {StepState::Running, QLatin1String("running")},
    {StepState::Done, QLatin1String("done")},
    {StepState::Failed, QLatin1String("failed")},
    {StepState::Skipped, QLatin1String("skipped")},
}};

inline constexpr std::array<EnumName<MigrationReason>, 4> kMigrationReasonNames{{
    {MigrationReason::Manual, QLatin1String("manual")},
    {MigrationReason::Optimization, QLatin1String("optimization")},
    {MigrationReason::Maintenance, QLatin1String("maintenance")},
    {MigrationReason::Failover, QLatin1String("failover")},
}};

struct MigrationStep
{
    MigrationStepName name = MigrationStepName::Prepare;
    StepState state = StepState::Pending;
    std::optional<QDateTime> startedAt;
    std::optional<QDateTime> finishedAt;
    QString error;

    friend bool operator==(const MigrationStep &, const MigrationStep &) = default;
};

// One place the waddle's members connect from, with the RTT they can expect
// from the region they are on and from the target.
struct PreviewGroup
{
    QString place;
    qint64 members = 0;
    double rttBeforeMs = 0.0;
    double rttAfterMs = 0.0;
    // Where the place is (for a map of who gets faster or slower); absent in
    // previews stored before it was kept.
    std::optional<GeoPoint> point;

    friend bool operator==(const PreviewGroup &, const PreviewGroup &) = default;
};

// Who gets faster or slower if the waddle moves (SPEC §10, shown before an
// operator or owner confirms). Means and p95 are weighted by members.
struct MigrationPreview
{
    QList<PreviewGroup> groups; // largest first
    double meanBeforeMs = 0.0;
    double meanAfterMs = 0.0;
    double p95BeforeMs = 0.0;
    double p95AfterMs = 0.0;
    qint64 faster = 0; // members whose estimate drops by more than the tolerance
    qint64 slower = 0; // members whose estimate rises by more than the tolerance

    friend bool operator==(const MigrationPreview &, const MigrationPreview &) = default;
};

struct Migration
{
    QString id;
    QString waddleId;
    QString from;
    QString to;
    MigrationReason reason = MigrationReason::Manual;
    MigrationState state = MigrationState::Scheduled;
    QDateTime createdAt;
    QDateTime startAt; // not before this time (scheduling)
    std::optional<QDateTime> finishedAt;
    QList<MigrationStep> steps; // always the six, in order
    MigrationPreview preview;
    QString error; // why it rolled back or failed

    friend bool operator==(const Migration &, const Migration &) = default;
};

// Estimated RTTs closer than this are "the same" in a preview: the RTT model
// is a distance estimate, so a sub-millisecond change is noise.
inline constexpr double kPreviewToleranceMs = 1.0;

// The preview of moving members grouped by place from `from` to `to`, with
// the RTT model (fitted to measurements where the caller has them).
MigrationPreview previewMigration(const QList<LocationGroup> &groups, GeoPoint from, GeoPoint to,
                                  const RttModel &model = {});

// The weighted p95: the RTT below which at least 95 % of the members are
// (nearest rank over groups sorted by RTT). 0 for no members.
double weightedP95(QList<std::pair<double, qint64>> rttAndMembers);

// Several waddles' previews as one (a migration wizard for several waddles
// or a drained region): groups of the same place merged (members summed,
// RTTs member-weighted), largest first; means and p95 over every member of
// every preview; faster and slower summed.
MigrationPreview combinePreviews(const QList<MigrationPreview> &previews);

// A new migration, scheduled with all six steps pending.
Migration newMigration(const QString &id, const QString &waddleId, const QString &from,
                       const QString &to, MigrationReason reason, const QDateTime &createdAt,
                       const QDateTime &startAt);

// The step to run next: the first step that is pending or was left running
// (a restart re-runs it; every step is idempotent). None when the migration
// is finished or not yet due at `now`.
std::optional<MigrationStepName> nextStep(const Migration &migration, const QDateTime &now);

// Marks a step running (the migration too) at `now`.
Migration stepStarted(Migration migration, MigrationStepName step, const QDateTime &now);

// A step ended. Success moves on (the last step completes the migration). A
// failure before Update rolls back: the job ends rolled_back with the step's
// error and the steps after it are skipped; the caller cleans the target room
// and the waddle stays where it was. After Update the waddle already runs in
// the target: a failed Cleanup (an orphan room on the old region) or Record
// is kept as the step's error, the later steps still run and the migration
// completes.
Migration stepFinished(Migration migration, MigrationStepName step, const QString &error,
                       const QDateTime &now);

// Cancel is possible until the Move step has started.
bool canCancel(const Migration &migration);
Result<Migration> cancelMigration(Migration migration, const QDateTime &now);

bool isFinished(MigrationState state);

QJsonObject toJson(const MigrationStep &step);
QJsonObject toJson(const PreviewGroup &group);
QJsonObject toJson(const MigrationPreview &preview);
QJsonObject toJson(const Migration &migration);
Result<MigrationStep> migrationStepFromJson(const QJsonValue &json, const QString &path = {});
Result<PreviewGroup> previewGroupFromJson(const QJsonValue &json, const QString &path = {});
Result<MigrationPreview> migrationPreviewFromJson(const QJsonValue &json, const QString &path = {});
Result<Migration> migrationFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
