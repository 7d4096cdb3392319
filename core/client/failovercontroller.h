#pragma once

#include "apiclient.h"
#include "domain/placement/failoverjob.h"

#include <QCoroTask>
#include <QObject>

#include <optional>

namespace waddle::client {

class JobsModel;
class LiveEvents;

// What the failover wizard does, without widgets (issue 13): the dry run of
// one region, the start (forced for a region that is not offline), the job
// followed live through the jobs model (events, or polls while the stream is
// down) with the batch counter from the stream, and the fail-back.
class FailoverController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverController)

public:
    FailoverController(ApiClient &api, JobsModel &jobs, LiveEvents *events = nullptr,
                       QObject *parent = nullptr);
    ~FailoverController() override;

    QCoro::Task<bool> dryRun(QString region);
    // Starts the failover of the dry run's region, or confirms the one
    // waiting for an operator (policy "confirm").
    QCoro::Task<bool> start(bool force);
    // Follows an existing job (opened from the jobs dock).
    QCoro::Task<bool> open(QString id);
    QCoro::Task<bool> failBack(bool force = false);

    [[nodiscard]] const std::optional<domain::FailoverJob> &plan() const { return m_plan; }
    [[nodiscard]] const std::optional<domain::FailoverJob> &job() const { return m_job; }
    [[nodiscard]] QString region() const { return m_region; }
    [[nodiscard]] bool isFinished() const;
    // Completed with moved waddles: they can go back once the region is.
    [[nodiscard]] bool canFailBack() const;
    // From the stream's failover.batch events; 0 before the first.
    [[nodiscard]] qint64 batch() const { return m_batch; }
    [[nodiscard]] qint64 batches() const { return m_batches; }
    [[nodiscard]] QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void planReady();
    void jobChanged();
    // The job reached completed, failed or failed_back.
    void finished();
    void failed(const QString &message);

private:
    void adopt(const domain::FailoverJob &job);
    void onJobChanged(const QString &id);
    void onJobEvent(const QString &type, const QJsonObject &event);
    void fail(const ApiError &error);

    ApiClient &m_api;
    JobsModel &m_jobs;
    QString m_region;
    std::optional<domain::FailoverJob> m_plan;
    std::optional<domain::FailoverJob> m_job;
    qint64 m_batch = 0;
    qint64 m_batches = 0;
    QString m_lastError;
};

} // namespace waddle::client
