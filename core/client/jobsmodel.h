#pragma once

#include "apiclient.h"
#include "domain/placement/failoverjob.h"
#include "domain/placement/migration.h"

#include <QAbstractTableModel>
#include <QCoroTask>
#include <QDateTime>
#include <QList>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <optional>

namespace waddle::client {

class LiveEvents;

// The jobs an SRE follows (issue 13): running and recent failovers and
// migrations, newest first, one row each with its state and progress. Live
// from the event stream (a migration event carries the migration; a failover
// event names the job, which is then fetched, one fetch at a time per job);
// while the stream is down and something runs, the lists are polled.
class JobsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobsModel)

public:
    enum class Kind
    {
        Failover,
        Migration
    };

    enum Column
    {
        JobColumn,
        StateColumn,
        ProgressColumn,
        CreatedColumn,
        ColumnCount
    };

    enum Role
    {
        KindRole = Qt::UserRole + 1, // Kind as int
        IdRole,                      // the job's id
        StateNameRole,               // the wire name: "running", "rolled_back", ...
        ProgressRole,                // 0–100
        RunningRole                  // bool: not finished
    };

    struct Job
    {
        Kind kind = Kind::Failover;
        std::optional<domain::FailoverJob> failover;
        std::optional<domain::Migration> migration;

        [[nodiscard]] QString id() const;
        [[nodiscard]] QDateTime createdAt() const;
        [[nodiscard]] QString stateName() const;
        [[nodiscard]] bool isRunning() const;
        // Done work of all of it, 0–100.
        [[nodiscard]] int progress() const;
    };

    // How many of each kind a refresh fetches (the newest).
    static constexpr qint64 kRecent = 20;

    explicit JobsModel(ApiClient &api, QObject *parent = nullptr);
    ~JobsModel() override;

    // Follows the stream's job events; null stops following.
    void setLiveEvents(LiveEvents *events);
    // Polling while the stream is down and a job runs.
    void setPollInterval(std::chrono::milliseconds interval);

    // Fetches the newest failovers and migrations and merges them in.
    QCoro::Task<bool> refresh();
    // Adds or updates one job (a wizard that just started one).
    void upsert(const domain::FailoverJob &job);
    void upsert(const domain::Migration &migration);

    [[nodiscard]] const Job *job(int row) const;
    [[nodiscard]] int rowOf(const QString &id) const;
    [[nodiscard]] int runningCount() const;
    // The failover of `region` waiting for an operator (policy "confirm"),
    // or an empty id.
    [[nodiscard]] QString pendingFailover(const QString &region) const;
    [[nodiscard]] QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // A job's row was added or changed (by an event, a fetch or upsert).
    void jobChanged(const QString &id);
    void refreshed();
    void refreshFailed(const QString &message);

private:
    void put(Job job);
    void onJobEvent(const QString &type, const QJsonObject &event);
    void onPoll();
    QCoro::Task<> fetchFailover(QString id);

    ApiClient &m_api;
    LiveEvents *m_events = nullptr;
    QList<Job> m_jobs; // newest first
    QSet<QString> m_fetching;
    QSet<QString> m_fetchAgain;
    QTimer m_poll;
    QString m_lastError;
};

// The job's kind and subject in a sentence: "Failover of eu-west",
// "Migration of w-0001: us-east → eu-west".
QString describeJob(const JobsModel::Job &job);

} // namespace waddle::client
