#pragma once

#include "clock.h"
#include "controlplane/store/storeerror.h"

#include <QDate>
#include <QJsonObject>
#include <QObject>
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
    QString status; // pending, processing, completed, failed
    QString filePath;
    qint64 fileSize = 0;
    qint64 rows = 0;
    QString sha256;
    QString error;
    QDateTime createdAt;
    std::optional<QDateTime> completedAt;
};

// Export jobs (SPEC §11, issue 12): persisted, each run on a worker thread
// with its own database connection, streaming the project's metric points
// (metric, minute, value; oldest first) to a QSaveFile as CSV (RFC 4180,
// header row, UTC ISO 8601) or JSON, then recording size, rows and SHA-256.
// At most `maxRunning` at once; a start marks jobs a previous run left
// unfinished as failed, with the reason.
class ExportService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportService)

public:
    ExportService(const Database &database, QString exportDir, int maxRunning = 2,
                  Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~ExportService() override;

    // Marks jobs interrupted by a stop or crash as failed.
    [[nodiscard]] StoreResult<void> recover();
    [[nodiscard]] StoreResult<ExportJob> create(const QString &projectId, const QString &type,
                                                const QDate &from, const QDate &to,
                                                const QStringList &metrics);
    [[nodiscard]] StoreResult<ExportJob> job(const QString &id) const;

Q_SIGNALS:
    void finished(const QString &id);

private:
    void startNext();
    [[nodiscard]] StoreResult<void> setStatus(const ExportJob &job);

    const Database &m_database;
    QString m_exportDir;
    int m_maxRunning;
    Clock &m_clock;
    QStringList m_queue;
    int m_running = 0;
    QList<QThread *> m_threads;
};

} // namespace waddle::cp
