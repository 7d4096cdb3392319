#pragma once

#include "apiclient.h"

#include <QCoroTask>
#include <QObject>

namespace waddle::client {

class JobsModel;

// What Operations › Optimise Fleet… does, without widgets (issue 13, SPEC
// §7): the optimiser's dry run over the fleet (proposals: waddle, from → to,
// improvement, affected users, the preview), then the chosen proposals
// started as migrations (reason optimization), which the jobs model follows.
class OptimiserController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OptimiserController)

public:
    OptimiserController(ApiClient &api, JobsModel &jobs, QObject *parent = nullptr);
    ~OptimiserController() override;

    // The dry run; nothing moves.
    QCoro::Task<bool> run();
    [[nodiscard]] const OptimiserRun &result() const { return m_run; }
    [[nodiscard]] bool hasResult() const { return m_hasRun; }

    // Starts the proposals at `rows` of result(), one migration each; true
    // when every one started. A refused one (the waddle is already
    // migrating, say) is reported in problems() and the others still start.
    QCoro::Task<bool> apply(QList<int> rows);
    [[nodiscard]] const QList<domain::Migration> &started() const { return m_started; }
    // "w-0001: <the server's reason>" per proposal that did not start.
    [[nodiscard]] const QStringList &problems() const { return m_problems; }
    [[nodiscard]] QString lastError() const { return m_lastError; }

Q_SIGNALS:
    void proposalsReady();
    void applied();
    void failed(const QString &message);

private:
    ApiClient &m_api;
    JobsModel &m_jobs;
    OptimiserRun m_run;
    bool m_hasRun = false;
    QList<domain::Migration> m_started;
    QStringList m_problems;
    QString m_lastError;
};

} // namespace waddle::client
