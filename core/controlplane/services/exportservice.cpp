#include "exportservice.h"

#include "controlplane/store/database.h"
#include "controlplane/store/statements.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSqlQuery>
#include <QThread>

namespace waddle::cp {

using namespace store;

namespace {

const QString kColumns = QStringLiteral(
    "id, project_id, export_type, date_from, date_to, metrics, status, file_path, file_size, "
    "rows, sha256, error, created_at, completed_at");

ExportJob jobFrom(const QSqlQuery &q)
{
    ExportJob job;
    job.id = q.value(0).toString();
    job.projectId = q.value(1).toString();
    job.exportType = q.value(2).toString();
    job.dateFrom = QDate::fromString(q.value(3).toString(), Qt::ISODate);
    job.dateTo = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    job.metrics = q.value(5).toString().split(u',', Qt::SkipEmptyParts);
    job.status = q.value(6).toString();
    job.filePath = q.value(7).toString();
    job.fileSize = q.value(8).toLongLong();
    job.rows = q.value(9).toLongLong();
    job.sha256 = q.value(10).toString();
    job.error = q.value(11).toString();
    job.createdAt = timeFrom(q.value(12));
    if (!q.value(13).isNull())
        job.completedAt = timeFrom(q.value(13));
    return job;
}

// Writes the job's file on the calling thread; the job with its outcome.
ExportJob runExport(ExportJob job, const QString &databasePath, const QString &dir)
{
    const auto fail = [&job](const QString &why) {
        job.status = QStringLiteral("failed");
        job.error = why;
        return job;
    };
    auto database = Database::open(databasePath);
    if (!database)
        return fail(database.error().message);
    job.filePath = QDir(dir).filePath(job.id + u'.' + job.exportType);
    QSaveFile file(job.filePath);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const bool csv = job.exportType == QLatin1String("csv");
    const auto write = [&file, &hash](const QByteArray &bytes) {
        hash.addData(bytes);
        file.write(bytes);
    };
    write(csv ? QByteArrayLiteral("metric,time,value\r\n") : QByteArrayLiteral("["));
    QSqlQuery q(database.value()->connection());
    q.setForwardOnly(true);
    const QString from = timeText(QDateTime(job.dateFrom, QTime(0, 0), Qt::UTC));
    const QString to = timeText(QDateTime(job.dateTo.addDays(1), QTime(0, 0), Qt::UTC));
    for (const QString &metric : job.metrics) {
        if (auto error =
                run(q,
                    QStringLiteral("SELECT minute, value FROM metric_points WHERE "
                                   "project_id = ? AND metric = ? AND minute >= ? AND "
                                   "minute < ? ORDER BY minute"),
                    {job.projectId, metric, from, to}, QStringLiteral("read the export"))) {
            file.cancelWriting();
            return fail(error->message);
        }
        while (q.next()) {
            const QByteArray time = q.value(0).toString().toLatin1();
            const QByteArray value = QByteArray::number(q.value(1).toDouble(), 'g', 17);
            if (csv) {
                // Metric names are [a-z_]: nothing to quote (RFC 4180).
                write(metric.toLatin1() + ',' + time + ',' + value + "\r\n");
            } else {
                write((job.rows == 0 ? "" : ",") +
                      QJsonDocument(QJsonObject{{QStringLiteral("metric"), metric},
                                                {QStringLiteral("time"), q.value(0).toString()},
                                                {QStringLiteral("value"), q.value(1).toDouble()}})
                          .toJson(QJsonDocument::Compact));
            }
            ++job.rows;
        }
    }
    if (!csv)
        write("]");
    if (!file.commit())
        return fail(file.errorString());
    job.fileSize = QFile(job.filePath).size();
    job.sha256 = QString::fromLatin1(hash.result().toHex());
    job.status = QStringLiteral("completed");
    return job;
}

} // namespace

ExportService::ExportService(const Database &database, QString exportDir, int maxRunning,
                             Clock &clock, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_exportDir(std::move(exportDir))
    , m_maxRunning(maxRunning)
    , m_clock(clock)
{}

ExportService::~ExportService()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

StoreResult<void> ExportService::recover()
{
    QSqlQuery q(m_database.connection());
    if (auto error = run(q,
                         QStringLiteral("UPDATE export_jobs SET status = 'failed', error = "
                                        "'interrupted: the control plane stopped before the "
                                        "export finished', completed_at = ? WHERE status IN "
                                        "('pending', 'processing')"),
                         {timeText(m_clock.now())}, QStringLiteral("recover export jobs"))) {
        return *error;
    }
    return {};
}

StoreResult<ExportJob> ExportService::create(const QString &projectId, const QString &type,
                                             const QDate &from, const QDate &to,
                                             const QStringList &metrics)
{
    if (!QDir().mkpath(m_exportDir))
        return internal(QStringLiteral("cannot create %1").arg(m_exportDir));
    const QString id = newId();
    QSqlQuery q(m_database.connection());
    if (auto error = run(q,
                         QStringLiteral("INSERT INTO export_jobs (id, project_id, export_type, "
                                        "date_from, date_to, metrics, status, created_at) VALUES "
                                        "(?, ?, ?, ?, ?, ?, 'pending', ?)"),
                         {id, projectId, type, from.toString(Qt::ISODate), to.toString(Qt::ISODate),
                          metrics.join(u','), timeText(m_clock.now())},
                         QStringLiteral("create an export job"))) {
        return *error;
    }
    m_queue.append(id);
    startNext();
    return job(id);
}

StoreResult<ExportJob> ExportService::job(const QString &id) const
{
    QSqlQuery q(m_database.connection());
    if (auto error = run(q,
                         QStringLiteral("SELECT ") + kColumns +
                             QStringLiteral(" FROM export_jobs WHERE id = ?"),
                         {id}, QStringLiteral("read export %1").arg(id))) {
        return *error;
    }
    if (!q.next())
        return notFound(QStringLiteral("no export \"%1\"").arg(id));
    return jobFrom(q);
}

StoreResult<void> ExportService::setStatus(const ExportJob &job)
{
    QSqlQuery q(m_database.connection());
    if (auto error =
            run(q,
                QStringLiteral("UPDATE export_jobs SET status = ?, file_path = ?, "
                               "file_size = ?, rows = ?, sha256 = ?, error = ?, "
                               "completed_at = ? WHERE id = ?"),
                {job.status, text(job.filePath), job.fileSize, job.rows, text(job.sha256),
                 text(job.error),
                 job.completedAt ? QVariant(timeText(*job.completedAt)) : QVariant(), job.id},
                QStringLiteral("update export %1").arg(job.id))) {
        return *error;
    }
    return {};
}

void ExportService::startNext()
{
    while (m_running < m_maxRunning && !m_queue.isEmpty()) {
        auto pending = job(m_queue.takeFirst());
        if (!pending)
            continue;
        ExportJob work = pending.value();
        work.status = QStringLiteral("processing");
        if (!setStatus(work))
            continue;
        ++m_running;
        const QString path = m_database.path();
        const QString dir = m_exportDir;
        auto *result = new ExportJob;
        QThread *thread =
            QThread::create([work, path, dir, result] { *result = runExport(work, path, dir); });
        thread->setObjectName(QStringLiteral("export"));
        m_threads.append(thread);
        connect(thread, &QThread::finished, this, [this, thread, result] {
            ExportJob done = *result;
            delete result;
            done.completedAt = m_clock.now();
            if (auto stored = setStatus(done); !stored)
                qWarning("export %s: %s", qPrintable(done.id), qPrintable(stored.error().message));
            m_threads.removeAll(thread);
            thread->deleteLater();
            --m_running;
            Q_EMIT finished(done.id);
            startNext();
        });
        thread->start();
    }
}

} // namespace waddle::cp
