#pragma once

#include "clock.h"
#include "controlplane/store/migrationrepository.h"
#include "controlplane/store/notificationrepository.h"
#include "controlplane/store/waddlerepository.h"
#include "domain/placement/migration.h"

#include <QCoroTask>
#include <QDateTime>
#include <QObject>
#include <QSet>

#include <memory>
#include <optional>

namespace waddle::cp {

class Database;
class EventHub;
class RegionService;
class VoiceService;

// SPEC §10 migrations as persisted state machines (issue 11): prepare →
// notify → move → update → cleanup → record, each step stored before and
// after it runs. A failure before update rolls back (the target room is
// removed, the waddle stays); cancel is possible until the move; start_at
// schedules; a restart resumes from the stored steps (a step left running
// runs again: each is idempotent, and update moves the waddle only while it
// is still on the source). Owns its repositories, its timer and its events.
class MigrationService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MigrationService)

public:
    struct Settings
    {
        int tickMs = 1000; // how often scheduled migrations are looked at
    };

    // What POST /migrations asks: the waddles (by id, or every waddle of a
    // region), where to, why, when, or only the preview.
    struct Request
    {
        QStringList waddleIds;
        QString fromRegion;
        QString to;
        domain::MigrationReason reason = domain::MigrationReason::Manual;
        std::optional<QDateTime> startAt;
        bool dryRun = false;
    };

    MigrationService(const Database &database, RegionService &regions, EventHub &events,
                     VoiceService &voice, Settings settings, Clock &clock = Clock::system(),
                     QObject *parent = nullptr);
    ~MigrationService() override;

    // Resumes the stored unfinished migrations and starts the timer. Only a
    // started service (the leader's, issue 16) runs migrations: one that is
    // not stores those it is asked for, and the leader's tick runs them.
    void start();
    void stop();

    // Validates, previews and (unless a dry run) stores and starts the
    // migrations. NotFound for an unknown waddle or region; Conflict for a
    // target that is offline or in maintenance, or a waddle already
    // migrating; Invalid for a waddle already on the target, a start in the
    // past, or no waddle at all. Nothing is stored unless all are valid.
    [[nodiscard]] StoreResult<QList<domain::Migration>> create(const Request &request);
    // Every waddle of `region` to the region planFailover would pick for it
    // (maintenance drain): reason maintenance, starting now.
    [[nodiscard]] StoreResult<QList<domain::Migration>> drain(const QString &region);
    // Conflict once the move has started or the migration ended.
    [[nodiscard]] StoreResult<domain::Migration> cancel(const QString &id);

    [[nodiscard]] StoreResult<domain::Migration> migration(const QString &id) const;
    [[nodiscard]] StoreResult<QList<domain::Migration>>
    migrations(const QString &waddleId, std::optional<domain::MigrationState> state, qint64 offset,
               qint64 limit) const;
    [[nodiscard]] StoreResult<qint64>
    migrationCount(const QString &waddleId, std::optional<domain::MigrationState> state) const;

    // The preview of moving one waddle from where it is to `to`.
    [[nodiscard]] StoreResult<domain::MigrationPreview> preview(const domain::Waddle &waddle,
                                                                const QString &to) const;

Q_SIGNALS:
    // A migration ended (completed, rolled back, cancelled, failed).
    void migrationFinished(const QString &id, domain::MigrationState state);

private:
    void tick();
    void launch(const QString &id);
    QCoro::Task<> run(QString id);
    QCoro::Task<QString> perform(domain::MigrationStepName step, domain::Migration migration);
    void finished(const domain::Migration &migration);
    void publish(const QString &type, const domain::Migration &migration);

    MigrationRepository m_migrations;
    WaddleRepository m_waddles;
    NotificationRepository m_notifications;
    RegionService &m_regions;
    EventHub &m_events;
    VoiceService &m_voice;
    Settings m_settings;
    Clock &m_clock;
    std::unique_ptr<Timer> m_timer;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    QSet<QString> m_running;
    bool m_started = false;
};

} // namespace waddle::cp
