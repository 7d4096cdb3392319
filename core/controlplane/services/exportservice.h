#pragma once

#include "clock.h"
#include "controlplane/store/storeerror.h"

#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace waddle::cp {

class Database;

// The longest text writeExportNumber writes.
inline constexpr qsizetype kMaxNumberText = 32;

// Writes `value` at `out` as the exports write numbers, the text of
// QByteArray::number(value, 'g', 17), without allocating; the end of the text.
char *writeExportNumber(char *out, double value);

// One export job (seed 001 AnalyticsExport).
struct ExportJob
{
    QString id;
    QString projectId;
    QString exportType; // csv, json
    QDate dateFrom;
    QDate dateTo; // inclusive
    QStringList metrics;
    QString status;   // pending, processing, completed, failed
    QString filePath; // empty when the bytes are in the store
    QString runner;
    int attempts = 0;
    qint64 fileSize = 0;
    qint64 rows = 0;
    QString sha256;
    QString error;
    QDateTime createdAt;
    std::optional<QDateTime> completedAt;
};

// Export jobs (SPEC §11, issue 12): persisted, each run on a worker thread
// with its own database connection, streaming the project's metric points
// (metric, minute, value; oldest first) as CSV (RFC 4180, header row, UTC
// ISO 8601) or JSON, then recording size, rows and SHA-256. At most
// `maxRunning` at once.
//
// Any instance takes a job; only one that runs jobs (the leader, issue 16)
// runs it: it claims a pending job in the store (runner, attempts), so two
// never run one. When it starts running jobs it takes up the ones a former
// leader left unfinished (a job that was interrupted three times is failed
// with the reason instead). The bytes go where every instance can serve
// them: on PostgreSQL, which several instances share, into export_parts in
// the store; on SQLite (one instance) to a file in `exportDir`, through
// QSaveFile. Either way a failed export leaves nothing half written.
class ExportService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportService)

public:
    static constexpr int kMaxAttempts = 3;

    ExportService(const Database &database, QString exportDir, int maxRunning = 2,
                  Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~ExportService() override;

    // Whether this instance runs jobs (off until said; the control plane
    // gives it to the leader). On: the stored unfinished jobs are taken up.
    // Off: the running ones finish, no new one starts.
    void setRunsJobs(bool runs);
    [[nodiscard]] bool runsJobs() const { return m_runsJobs; }
    // Starts the pending jobs other instances stored (the leader's tick).
    void takeUp();

    [[nodiscard]] StoreResult<ExportJob> create(const QString &projectId, const QString &type,
                                                const QDate &from, const QDate &to,
                                                const QStringList &metrics);
    [[nodiscard]] StoreResult<ExportJob> job(const QString &id) const;
    // A completed job's bytes, from whichever instance wrote them.
    [[nodiscard]] StoreResult<QByteArray> content(const ExportJob &job) const;
    // Whether the bytes go to the store (shared by instances) or to files.
    [[nodiscard]] bool storesInDatabase() const { return m_inDatabase; }

Q_SIGNALS:
    void finished(const QString &id);

private:
    void resumeInterrupted();
    void startNext();
    [[nodiscard]] bool claim(const QString &id);
    // The outcome, if this instance still holds the job; false when another
    // took it over meanwhile (its bytes are then dropped).
    [[nodiscard]] StoreResult<bool> record(const ExportJob &job);
    void discard(const ExportJob &job);

    const Database &m_database;
    QString m_exportDir;
    int m_maxRunning;
    Clock &m_clock;
    QString m_runner;
    bool m_inDatabase = false;
    bool m_runsJobs = false;
    QStringList m_queue;
    QSet<QString> m_mine; // queued or running here
    int m_running = 0;
    QList<QThread *> m_threads;
};

} // namespace waddle::cp
