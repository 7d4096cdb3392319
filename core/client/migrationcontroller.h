#pragma once

#include "apiclient.h"
#include "domain/placement/migration.h"

#include <QCoroTask>
#include <QDateTime>
#include <QHash>
#include <QObject>

#include <optional>

namespace waddle::client {

class JobsModel;

// One region a migration could go to, as the wizard's target page shows it.
struct MigrationTarget
{
    QString code;
    QString name;
    std::optional<double> score; // SPEC §5 score (one waddle only)
    bool recommended = false;
    qint64 waddles = 0;               // how many would move
    domain::MigrationPreview preview; // every waddle's members together
    QStringList sources;              // the regions they would leave, first seen first
    QString problem;                  // why it cannot be chosen; empty when it can

    [[nodiscard]] bool possible() const { return problem.isEmpty(); }
};

// How many of the migrations are in each state.
struct MigrationTally
{
    qint64 total = 0;
    qint64 scheduled = 0;
    qint64 running = 0;
    qint64 completed = 0;
    qint64 rolledBack = 0;
    qint64 cancelled = 0;
    qint64 failed = 0;

    [[nodiscard]] qint64 finished() const { return completed + rolledBack + cancelled + failed; }
};

// What the migration wizard does, without widgets (issue 13, SPEC §10): for
// one or several waddles, or every waddle of a region (a drain), every
// region they could go to with its preview (who gets faster or slower) from
// the control plane's dry run, the recommended one first; then the start
// (now or at a time), the migrations followed live through the jobs model,
// and cancel while the move has not started.
class MigrationController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MigrationController)

public:
    MigrationController(ApiClient &api, JobsModel &jobs, QObject *parent = nullptr);
    ~MigrationController() override;

    void setWaddles(const QStringList &ids);
    void setDrain(const QString &region);
    [[nodiscard]] QStringList waddleIds() const { return m_waddleIds; }
    [[nodiscard]] QString drainRegion() const { return m_drainRegion; }

    // Every active region but the drained one, with its preview (a dry run
    // each) or why it cannot be chosen. The recommendation first: the
    // waddle's own (SPEC §5) for one waddle, else the lowest mean RTT after;
    // then the possible ones best first, then the others.
    QCoro::Task<bool> loadTargets();
    [[nodiscard]] const QList<MigrationTarget> &targets() const { return m_targets; }
    [[nodiscard]] const MigrationTarget *target(const QString &code) const;
    // The server's own recommendation for one waddle (SPEC §5), which may be
    // the region it already runs in; empty otherwise.
    [[nodiscard]] QString serverRecommendation() const { return m_serverRecommendation; }
    // The region's name as loadTargets found it, else the code.
    [[nodiscard]] QString regionName(const QString &code) const
    {
        return m_names.value(code, code);
    }

    // Starts the migrations to `to`, at `startAt` when given (scheduled).
    QCoro::Task<bool> start(QString to, std::optional<QDateTime> startAt = std::nullopt);
    // Follows an existing migration (opened from the jobs dock).
    QCoro::Task<bool> open(QString id);
    // Cancels every migration that still can be (before its move).
    QCoro::Task<bool> cancel();

    [[nodiscard]] const QList<domain::Migration> &migrations() const { return m_migrations; }
    [[nodiscard]] MigrationTally tally() const;
    [[nodiscard]] bool isStarted() const { return !m_migrations.isEmpty(); }
    // Every migration completed, rolled back, cancelled or failed.
    [[nodiscard]] bool isFinished() const;
    [[nodiscard]] bool canCancel() const;
    [[nodiscard]] QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void targetsReady();
    void migrationsChanged();
    // Every migration reached an end state.
    void finished();
    void failed(const QString &message);

private:
    void adopt(const QList<domain::Migration> &migrations);
    void onJobChanged(const QString &id);
    void fail(const ApiError &error);

    ApiClient &m_api;
    JobsModel &m_jobs;
    QStringList m_waddleIds;
    QString m_drainRegion;
    QList<MigrationTarget> m_targets;
    QHash<QString, QString> m_names; // code → name
    QString m_serverRecommendation;
    QList<domain::Migration> m_migrations;
    quint64 m_generation = 0; // a newer loadTargets wins
    QString m_lastError;
};

} // namespace waddle::client
