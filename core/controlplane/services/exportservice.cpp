#include "exportservice.h"

#include "analyticsservice.h"
#include "controlplane/store/batchwriter.h"
#include "controlplane/store/custommetricrepository.h"
#include "controlplane/store/database.h"
#include "controlplane/store/statements.h"
#include "controlplane/store/usagerepository.h"
#include "custommetricseries.h"
#include "sql/opendatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSqlQuery>
#include <QThread>

#include <charconv>
#include <cmath>

namespace waddle::cp {

using namespace store;
using domain::MetricPoint;

namespace {

const QString kColumns = QStringLiteral(
    "id, project_id, export_type, date_from, date_to, metrics, status, file_path, file_size, "
    "rows, sha256, error, created_at, completed_at");

// The metrics column: a JSON array of names (a custom metric's name may hold
// a comma); jobs stored before custom metrics could be exported hold the
// built-in names joined by commas.
QString metricsText(const QStringList &metrics)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(metrics)).toJson(QJsonDocument::Compact));
}

QStringList metricsFromText(const QString &text)
{
    if (!text.startsWith(u'['))
        return text.split(u',', Qt::SkipEmptyParts);
    QStringList metrics;
    for (const QJsonValue &name : QJsonDocument::fromJson(text.toUtf8()).array())
        metrics.append(name.toString());
    return metrics;
}

ExportJob jobFrom(const QSqlQuery &q)
{
    ExportJob job;
    job.id = q.value(0).toString();
    job.projectId = q.value(1).toString();
    job.exportType = q.value(2).toString();
    job.dateFrom = QDate::fromString(q.value(3).toString(), Qt::ISODate);
    job.dateTo = QDate::fromString(q.value(4).toString(), Qt::ISODate);
    job.metrics = metricsFromText(q.value(5).toString());
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

// One CSV field (RFC 4180): quoted, with its quotes doubled, when it holds a
// comma, a quote or a line break (a custom metric's name may).
QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') &&
        !bytes.contains('\r')) {
        return bytes;
    }
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

// The file's bytes gathered in one large buffer and handed to the file (and
// the hash) a chunk at a time: few writes, and the same memory whatever the
// number of rows.
class ChunkedOutput
{
public:
    static constexpr qsizetype kChunk = 1 << 20;

    ChunkedOutput(QSaveFile &file, QCryptographicHash &hash)
        : m_file(file)
        , m_hash(hash)
    {
        m_buffer.resize(kChunk);
    }

    void append(QByteArrayView bytes)
    {
        if (m_used + bytes.size() > m_buffer.size())
            flush();
        if (bytes.size() > m_buffer.size()) {
            send(bytes);
            return;
        }
        std::copy(bytes.begin(), bytes.end(), m_buffer.data() + m_used);
        m_used += bytes.size();
    }
    // Room for `count` bytes written in place, then used(count).
    [[nodiscard]] char *room(qsizetype count)
    {
        if (m_used + count > m_buffer.size())
            flush();
        if (count > m_buffer.size())
            m_buffer.resize(count); // one row longer than a chunk
        return m_buffer.data() + m_used;
    }
    void used(qsizetype count) { m_used += count; }

    void flush()
    {
        send(QByteArrayView(m_buffer.constData(), m_used));
        m_used = 0;
    }
    // A write failed (a full disk, a file size limit): nothing more is
    // worth reading, and the file is not committed. Why, as the system said.
    [[nodiscard]] bool failed() const { return !m_failure.isEmpty(); }
    [[nodiscard]] const QString &failure() const { return m_failure; }

private:
    void send(QByteArrayView bytes)
    {
        if (failed() || bytes.isEmpty())
            return;
        m_hash.addData(bytes);
        // A write that stops short (a disk filling up) is tried again for
        // the rest: that one fails with the system's reason (ENOSPC).
        while (!bytes.isEmpty()) {
            const qint64 written = m_file.write(bytes.data(), bytes.size());
            if (written <= 0) {
                m_failure = m_file.errorString();
                return;
            }
            bytes = bytes.sliced(written);
        }
    }

    QSaveFile &m_file;
    QCryptographicHash &m_hash;
    QByteArray m_buffer;
    qsizetype m_used = 0;
    QString m_failure;
};

// Writes the job's file on the calling thread, on its own connection to the
// store `databasePath` (already opened and checked by this process); the job
// with its outcome.
ExportJob runExport(ExportJob job, const QString &databasePath, const QString &dir)
{
    const auto fail = [&job](const QString &why) {
        job.status = QStringLiteral("failed");
        job.error = why;
        return job;
    };
    auto database = Database::open(databasePath, Database::Check::AlreadyChecked);
    if (!database)
        return fail(database.error().message);
    // One pass over the rows: SQLite's small default page cache and no
    // memory-mapped pages keep the memory flat (the store's settings are for
    // the writer's batches).
    const QStringList settings =
        sql::dialectOf(database.value()->connection()) == sql::Dialect::Sqlite
            ? QStringList{QStringLiteral("PRAGMA cache_size = -2000"),
                          QStringLiteral("PRAGMA mmap_size = 0")}
            : QStringList{};
    for (const QString &setting : settings) {
        QSqlQuery q(database.value()->connection());
        if (auto error = run(q, setting, {}, QStringLiteral("configure the export's connection")))
            return fail(error->message);
    }
    job.filePath = QDir(dir).filePath(job.id + u'.' + job.exportType);
    QSaveFile file(job.filePath);
    // Unbuffered: ChunkedOutput writes whole chunks, and a write that fails
    // (ENOSPC) fails there, with the system's reason.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(file.errorString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    ChunkedOutput out(file, hash);
    const bool csv = job.exportType == QLatin1String("csv");
    out.append(csv ? QByteArrayView("metric,time,value\r\n") : QByteArrayView("["));
    const QString from = timeText(QDateTime(job.dateFrom, QTime(0, 0), Qt::UTC));
    const QString to = timeText(QDateTime(job.dateTo.addDays(1), QTime(0, 0), Qt::UTC));
    const UsageRepository usage(*database.value());
    const CustomMetricRepository customMetrics(*database.value());
    // One row: the metric's name as a CSV field, the minute, the value.
    const auto writeRow = [&](QByteArrayView csvName, const QString &metric, QByteArrayView time,
                              double value) {
        if (csv) {
            char *at = out.room(csvName.size() + time.size() + kMaxNumberText + 4);
            char *p = std::copy(csvName.begin(), csvName.end(), at);
            *p++ = ',';
            p = std::copy(time.begin(), time.end(), p);
            *p++ = ',';
            p = writeExportNumber(p, value);
            *p++ = '\r';
            *p++ = '\n';
            out.used(p - at);
        } else {
            if (job.rows > 0)
                out.append(",");
            out.append(QJsonDocument(QJsonObject{{QStringLiteral("metric"), metric},
                                                 {QStringLiteral("time"), QString::fromUtf8(time)},
                                                 {QStringLiteral("value"), value}})
                           .toJson(QJsonDocument::Compact));
        }
        ++job.rows;
    };
    for (const QString &metric : job.metrics) {
        if (out.failed())
            break;
        // Built-in names are [a-z_]; a custom metric's may need quoting.
        const QByteArray name = csvField(metric);
        if (!AnalyticsService::builtInMetrics().contains(metric)) {
            // A custom metric: computed from its events, minute by minute.
            const auto defined = customMetrics.named(job.projectId, metric);
            if (!defined) {
                file.cancelWriting();
                return fail(
                    defined.error().kind == StoreError::Kind::NotFound
                        ? QStringLiteral("the custom metric \"%1\" no longer exists").arg(metric)
                        : defined.error().message);
            }
            const auto minutes = customMetricMinutes(
                usage, defined->metric, QDateTime(job.dateFrom, QTime(0, 0), Qt::UTC),
                QDateTime(job.dateTo.addDays(1), QTime(0, 0), Qt::UTC));
            if (!minutes) {
                file.cancelWriting();
                return fail(minutes.error().message);
            }
            for (const MetricPoint &point : minutes.value()) {
                if (out.failed())
                    break;
                writeRow(name, metric, timeText(point.time).toLatin1(), point.value);
            }
            continue;
        }
        BatchReader rows(database.value()->connection(),
                         QStringLiteral("SELECT minute, value FROM metric_points WHERE "
                                        "project_id = ? AND metric = ? AND minute >= ? AND "
                                        "minute < ? ORDER BY minute"),
                         {job.projectId, metric, from, to}, QStringLiteral("read the export"));
        while (!out.failed() && rows.next())
            writeRow(name, metric, rows.text(0), rows.real(1));
        if (auto error = rows.error()) {
            file.cancelWriting();
            return fail(error->message);
        }
    }
    if (!csv)
        out.append("]");
    out.flush();
    // A write that failed (e.g. "No space left on device") fails the job
    // with its reason; the temporary file goes, no half file is left.
    if (out.failed() || !file.commit()) {
        const QString why = out.failed() ? out.failure() : file.errorString();
        file.cancelWriting();
        return fail(
            QStringLiteral("could not write the export file (nothing was kept): %1").arg(why));
    }
    job.fileSize = QFile(job.filePath).size();
    job.sha256 = QString::fromLatin1(hash.result().toHex());
    job.status = QStringLiteral("completed");
    return job;
}

} // namespace

char *writeExportNumber(char *out, double value)
{
    // printf's %.17g, which is what Qt's 'g' with 17 digits writes for a
    // finite number other than zero; Qt itself for the rest (its "inf",
    // "nan", "0", "-0").
    if (std::isfinite(value) && value != 0) {
        const auto [end, error] =
            std::to_chars(out, out + kMaxNumberText, value, std::chars_format::general, 17);
        if (error == std::errc())
            return end;
    }
    const QByteArray text = QByteArray::number(value, 'g', 17);
    return std::copy(text.begin(), text.end(), out);
}

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
                          metricsText(metrics), timeText(m_clock.now())},
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
