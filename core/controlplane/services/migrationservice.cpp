#include "migrationservice.h"

#include "controlplane/store/statements.h"
#include "domain/placement/failover.h"
#include "eventhub.h"
#include "regionservice.h"
#include "voiceservice.h"

#include <QLoggingCategory>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

Q_LOGGING_CATEGORY(lcMigration, "waddle.migration")

using store::conflict;

GeoPoint pointOf(const Region &region)
{
    return GeoPoint{region.location.latitude, region.location.longitude};
}

// The Update step could not move the waddle (it is no longer on the
// source): the migration fails there, the later steps are skipped and the
// waddle is left where it is.
Migration failedAt(Migration migration, MigrationStepName step, const QString &error,
                   const QDateTime &now)
{
    bool after = false;
    for (MigrationStep &s : migration.steps) {
        if (s.name == step) {
            s.state = StepState::Failed;
            s.error = error;
            s.finishedAt = now;
            after = true;
        } else if (after) {
            s.state = StepState::Skipped;
        }
    }
    migration.state = MigrationState::Failed;
    migration.error = error;
    migration.finishedAt = now;
    return migration;
}

} // namespace

MigrationService::MigrationService(const Database &database, RegionService &regions,
                                   EventHub &events, VoiceService &voice, Settings settings,
                                   Clock &clock, QObject *parent)
    : QObject(parent)
    , m_migrations(database)
    , m_waddles(database)
    , m_notifications(database)
    , m_regions(regions)
    , m_events(events)
    , m_voice(voice)
    , m_settings(settings)
    , m_clock(clock)
{}

MigrationService::~MigrationService()
{
    *m_alive = false;
}

void MigrationService::start()
{
    if (m_started)
        return;
    m_started = true;
    tick(); // resumes what a restart left running
    m_timer = m_clock.createTimer([this] { tick(); });
    m_timer->start(m_settings.tickMs);
}

void MigrationService::stop()
{
    if (m_timer)
        m_timer->stop();
    m_started = false;
}

StoreResult<MigrationPreview> MigrationService::preview(const Waddle &waddle,
                                                        const QString &to) const
{
    const Region *target = m_regions.region(to);
    if (!target)
        return store::notFound(QStringLiteral("No region \"%1\"").arg(to));
    const Region *source = m_regions.region(waddle.currentRegion);
    auto groups = m_waddles.memberGroups(waddle.id);
    if (!groups)
        return groups.error();
    return previewMigration(groups.value(), pointOf(source ? *source : *target), pointOf(*target));
}

StoreResult<QList<Migration>> MigrationService::create(const Request &request)
{
    const QDateTime now = m_clock.now();
    if (request.to.isEmpty())
        return store::invalid(QStringLiteral("to: the target region is required"),
                              QStringLiteral("to"));
    const Region *target = m_regions.region(request.to);
    if (!target)
        return store::notFound(QStringLiteral("No region \"%1\"").arg(request.to));
    if (target->status == RegionStatus::Offline || target->status == RegionStatus::Maintenance) {
        return conflict(QStringLiteral("Region %1 is %2: a migration needs an online target")
                            .arg(request.to, toString(target->status)),
                        QStringLiteral("to"));
    }
    if (request.startAt && *request.startAt < now) {
        return store::invalid(
            QStringLiteral("start_at: %1 is in the past").arg(toIsoString(*request.startAt)),
            QStringLiteral("start_at"));
    }

    QList<Waddle> waddles;
    if (!request.fromRegion.isEmpty()) {
        if (!m_regions.region(request.fromRegion))
            return store::notFound(QStringLiteral("No region \"%1\"").arg(request.fromRegion));
        auto on = m_waddles.waddlesOnRegion(request.fromRegion);
        if (!on)
            return on.error();
        waddles = std::move(on).value();
    } else {
        for (const QString &id : request.waddleIds) {
            auto waddle = m_waddles.waddle(id);
            if (!waddle)
                return waddle.error();
            waddles.append(waddle.value());
        }
    }
    if (waddles.isEmpty()) {
        return store::invalid(QStringLiteral("no waddle to migrate"),
                              request.fromRegion.isEmpty() ? QStringLiteral("waddle_ids")
                                                           : QStringLiteral("from_region"));
    }

    QList<Migration> created;
    for (const Waddle &waddle : waddles) {
        if (waddle.currentRegion == request.to) {
            return store::invalid(
                QStringLiteral("waddle %1 is already on %2").arg(waddle.id, request.to),
                QStringLiteral("to"));
        }
        Migration m = newMigration(request.dryRun ? QString() : store::newId(), waddle.id,
                                   waddle.currentRegion, request.to, request.reason, now,
                                   request.startAt.value_or(now));
        auto preview = this->preview(waddle, request.to);
        if (!preview)
            return preview.error();
        m.preview = preview.value();
        created.append(m);
    }
    if (request.dryRun)
        return created;
    if (auto stored = m_migrations.create(created); !stored)
        return stored.error();
    // Run here only by the instance that runs migrations (started: the
    // leader); on another the leader's next tick takes them up.
    for (const Migration &m : created) {
        publish(QStringLiteral("migration.created"), m);
        if (m_started && m.startAt <= now)
            launch(m.id);
    }
    return created;
}

StoreResult<QList<Migration>> MigrationService::drain(const QString &code)
{
    const Region *region = m_regions.region(code);
    if (!region)
        return store::notFound(QStringLiteral("No region \"%1\"").arg(code));
    auto on = m_waddles.waddlesOnRegion(code);
    if (!on)
        return on.error();
    QList<FailoverWaddle> toPlace;
    for (const Waddle &waddle : on.value()) {
        auto busy = m_migrations.migrationCount(waddle.id, MigrationState::Running);
        auto waiting = m_migrations.migrationCount(waddle.id, MigrationState::Scheduled);
        if (busy && waiting && busy.value() + waiting.value() == 0)
            toPlace.append(FailoverWaddle{waddle.id, waddle.memberCount, pointOf(*region)});
    }
    const QDateTime now = m_clock.now();
    QList<Migration> created;
    for (const FailoverAssignment &a : planFailover(*region, m_regions.regions(), {}, toPlace)) {
        if (a.target.isEmpty())
            continue; // no region can take it: it stays (and says so in the plan)
        const auto waddle = m_waddles.waddle(a.waddleId);
        if (!waddle)
            continue;
        Migration m = newMigration(store::newId(), a.waddleId, code, a.target,
                                   MigrationReason::Maintenance, now, now);
        if (auto preview = this->preview(waddle.value(), a.target))
            m.preview = preview.value();
        created.append(m);
    }
    if (created.isEmpty())
        return created;
    if (auto stored = m_migrations.create(created); !stored)
        return stored.error();
    for (const Migration &m : created) {
        publish(QStringLiteral("migration.created"), m);
        if (m_started)
            launch(m.id);
    }
    return created;
}

StoreResult<Migration> MigrationService::cancel(const QString &id)
{
    auto m = m_migrations.migration(id);
    if (!m)
        return m.error();
    Result<Migration> cancelled = cancelMigration(m.value(), m_clock.now());
    if (!cancelled)
        return conflict(cancelled.error().message, QStringLiteral("state"));
    if (auto saved = m_migrations.save(cancelled.value()); !saved)
        return saved.error();
    // A room prepared for it is not needed any more.
    if (const Region *target = m_regions.region(m->to))
        detach(m_voice.cleanup(*target, m->waddleId));
    finished(cancelled.value());
    return cancelled.value();
}

StoreResult<Migration> MigrationService::migration(const QString &id) const
{
    return m_migrations.migration(id);
}

StoreResult<QList<Migration>> MigrationService::migrations(const QString &waddleId,
                                                           std::optional<MigrationState> state,
                                                           qint64 offset, qint64 limit) const
{
    return m_migrations.migrations(waddleId, state, offset, limit);
}

StoreResult<qint64> MigrationService::migrationCount(const QString &waddleId,
                                                     std::optional<MigrationState> state) const
{
    return m_migrations.migrationCount(waddleId, state);
}

void MigrationService::tick()
{
    const auto unfinished = m_migrations.unfinished();
    if (!unfinished) {
        qCWarning(lcMigration, "%s", qPrintable(unfinished.error().message));
        return;
    }
    const QDateTime now = m_clock.now();
    for (const Migration &m : unfinished.value()) {
        if (m.state == MigrationState::Running || m.startAt <= now)
            launch(m.id);
    }
}

void MigrationService::launch(const QString &id)
{
    if (m_running.contains(id))
        return;
    m_running.insert(id);
    run(id);
}

QCoro::Task<> MigrationService::run(QString id)
{
    const std::shared_ptr<bool> alive = m_alive;
    for (;;) {
        const auto stored = m_migrations.migration(id);
        if (!stored || isFinished(stored->state))
            break;
        const std::optional<MigrationStepName> step = nextStep(stored.value(), m_clock.now());
        if (!step)
            break; // not due yet
        const Migration started = stepStarted(stored.value(), *step, m_clock.now());
        if (auto saved = m_migrations.save(started); !saved) {
            qCWarning(lcMigration, "%s", qPrintable(saved.error().message));
            break;
        }
        publish(QStringLiteral("migration.step"), started);

        if (*step == MigrationStepName::Update) {
            // The waddle moves in the same transaction that marks the step.
            const Migration done = stepFinished(started, *step, {}, m_clock.now());
            const auto moved = m_migrations.saveWithMove(done);
            if (moved) {
                m_events.publishWaddleChange(
                    moved->before, moved->after,
                    QStringLiteral("migration (%1)")
                        .arg(enumToName(kMigrationReasonNames, started.reason)));
                continue;
            }
            const Migration failed = failedAt(started, *step, moved.error().message, m_clock.now());
            if (auto saved = m_migrations.save(failed); !saved)
                qCWarning(lcMigration, "%s", qPrintable(saved.error().message));
            if (const Region *target = m_regions.region(started.to))
                detach(m_voice.cleanup(*target, started.waddleId));
            finished(failed);
            break;
        }

        const QString error = co_await perform(*step, started);
        if (!*alive)
            co_return;
        const auto now = m_migrations.migration(id);
        if (!now)
            break;
        if (isFinished(now->state)) // cancelled while the step ran
            break;
        const Migration after = stepFinished(started, *step, error, m_clock.now());
        if (auto saved = m_migrations.save(after); !saved) {
            qCWarning(lcMigration, "%s", qPrintable(saved.error().message));
            break;
        }
        if (after.state == MigrationState::RolledBack) {
            // SPEC §10 rollback: the target room goes, the waddle stays.
            if (const Region *target = m_regions.region(after.to)) {
                const Region copy = *target;
                const domain::Result<void> cleaned = co_await m_voice.cleanup(copy, after.waddleId);
                if (!*alive)
                    co_return;
                if (!cleaned) {
                    qCWarning(lcMigration, "migration %s rolled back; its room in %s stays: %s",
                              qPrintable(after.id), qPrintable(copy.code),
                              qPrintable(cleaned.error().message));
                }
            }
        }
        if (isFinished(after.state)) {
            finished(after);
            break;
        }
    }
    m_running.remove(id);
}

QCoro::Task<QString> MigrationService::perform(MigrationStepName step, Migration m)
{
    const Region *fromRegion = m_regions.region(m.from);
    const Region *toRegion = m_regions.region(m.to);
    if (!toRegion || (!fromRegion && step != MigrationStepName::Record))
        co_return QStringLiteral("region %1 is no longer served").arg(toRegion ? m.from : m.to);
    const Region to = *toRegion;
    const Region from = fromRegion ? *fromRegion : to;
    Result<void> done;
    switch (step) {
    case MigrationStepName::Prepare: {
        const auto waddle = m_waddles.waddle(m.waddleId);
        done = co_await m_voice.prepare(to, m.waddleId, waddle ? waddle->memberCount : 0);
        break;
    }
    case MigrationStepName::Notify:
        done = co_await m_voice.notify(
            to, m.waddleId,
            QStringLiteral("Voice region changing from %1 to %2").arg(from.name, to.name));
        break;
    case MigrationStepName::Move:
        done = co_await m_voice.move(from, to, m.waddleId);
        break;
    case MigrationStepName::Update:
        break; // the store's, in run()
    case MigrationStepName::Cleanup:
        done = co_await m_voice.cleanup(from, m.waddleId);
        break;
    case MigrationStepName::Record: {
        // SPEC §10: voice_region_migrated {from, to, reason}.
        const QString reason = enumToName(kMigrationReasonNames, m.reason);
        m_events.publish(QStringLiteral("voice_region_migrated"),
                         {{QStringLiteral("waddle_id"), m.waddleId},
                          {QStringLiteral("from"), m.from},
                          {QStringLiteral("to"), m.to},
                          {QStringLiteral("reason"), reason}},
                         EventHub::Audience::KeyHolders);
        const auto recorded = m_notifications.record(
            {m.waddleId, QStringLiteral("Voice region changed to %1 (%2)").arg(to.name, reason),
             QStringLiteral("migration:") + m.id, m_clock.now()});
        if (!recorded)
            co_return recorded.error().message;
        break;
    }
    }
    co_return done ? QString() : done.error().message;
}

void MigrationService::finished(const Migration &migration)
{
    publish(QStringLiteral("migration.finished"), migration);
    Q_EMIT migrationFinished(migration.id, migration.state);
}

void MigrationService::publish(const QString &type, const Migration &migration)
{
    m_events.publish(type, {{QStringLiteral("migration"), toJson(migration)}},
                     EventHub::Audience::KeyHolders);
}

} // namespace waddle::cp
