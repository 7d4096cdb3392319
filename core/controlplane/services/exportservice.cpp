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
    "rows, sha256, error, created_at, completed_at, runner, attempts");

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
    job.runner = q.value(14).toString();
    job.attempts = q.value(15).toInt();
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

// Where an export's bytes go, a chunk at a time: a file or the store. A
// write that fails says why (the system's or the database's words).
class ExportSink
{
public:
    virtual ~ExportSink() = default;
    [[nodiscard]] virtual QString write(QByteArrayView bytes) = 0;
};

// To a QSaveFile, unbuffered: whole chunks, and a write that fails (ENOSPC)
// fails there, with the system's reason. A write that stops short (a disk
// filling up) is tried again for the rest: that one says why.
class FileSink final : public ExportSink
{
public:
    explicit FileSink(QSaveFile &file)
        : m_file(file)
    {}
    QString write(QByteArrayView bytes) override
    {
        while (!bytes.isEmpty()) {
            const qint64 written = m_file.write(bytes.data(), bytes.size());
            if (written <= 0)
                return m_file.errorString();
            bytes = bytes.sliced(written);
        }
        return {};
    }

private:
    QSaveFile &m_file;
};

// To export_parts, one row per chunk, in the caller's transaction.
class PartsSink final : public ExportSink
{
public:
    PartsSink(const QSqlDatabase &db, const ExportJob &job)
        : m_insert(db)
        , m_job(job)
    {}
    QString write(QByteArrayView bytes) override
    {
        if (!m_prepared) {
            if (!m_insert.prepare(QStringLiteral("INSERT INTO export_parts (job_id, runner, part, "
                                                 "data) VALUES (?, ?, ?, ?)")))
                return sql::errorText(m_insert.lastError());
            m_prepared = true;
        }
        m_insert.addBindValue(m_job.id);
        m_insert.addBindValue(m_job.runner);
        m_insert.addBindValue(m_part++);
        m_insert.addBindValue(bytes.toByteArray());
        if (!m_insert.exec())
            return sql::errorText(m_insert.lastError());
        return {};
    }

private:
    QSqlQuery m_insert;
    const ExportJob &m_job;
    bool m_prepared = false;
    qint64 m_part = 0;
};

// The bytes gathered in one large buffer and handed to the sink (and the
// hash) a chunk at a time: few writes, and the same memory whatever the
// number of rows.
class ChunkedOutput
{
public:
    static constexpr qsizetype kChunk = 1 << 20;

    ChunkedOutput(ExportSink &sink, QCryptographicHash &hash)
        : m_sink(sink)
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
    // A write failed (a full disk, a file size limit, the store): nothing
    // more is worth reading, and nothing is kept. Why, as the sink said.
    [[nodiscard]] bool failed() const { return !m_failure.isEmpty(); }
    [[nodiscard]] const QString &failure() const { return m_failure; }
    // The bytes handed to the sink.
    [[nodiscard]] qint64 bytes() const { return m_sent; }

private:
    void send(QByteArrayView bytes)
    {
        if (failed() || bytes.isEmpty())
            return;
        m_hash.addData(bytes);
        m_failure = m_sink.write(bytes);
        m_sent += bytes.size();
    }

    ExportSink &m_sink;
    QCryptographicHash &m_hash;
    QByteArray m_buffer;
    qsizetype m_used = 0;
    qint64 m_sent = 0;
    QString m_failure;
};

// Writes the job's bytes on the calling thread, on its own connection to the
// store `databasePath` (already opened and checked by this process): to a
// file in `dir`, or with no `dir` to export_parts in one transaction. The
// job with its outcome.
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
    const QSqlDatabase connection = database.value()->connection();
    // Whatever is not committed goes: the parts roll back, the file's
    // temporary goes with the QSaveFile.
    Transaction transaction(connection);
    std::optional<QSaveFile> file;
    std::unique_ptr<ExportSink> sink;
    if (dir.isEmpty()) {
        job.filePath.clear();
        if (auto error = transaction.begin())
            return fail(error->message);
        sink = std::make_unique<PartsSink>(connection, job);
    } else {
        if (!QDir().mkpath(dir))
            return fail(QStringLiteral("cannot create %1").arg(dir));
        job.filePath = QDir(dir).filePath(job.id + u'.' + job.exportType);
        file.emplace(job.filePath);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            return fail(file->errorString());
        sink = std::make_unique<FileSink>(*file);
    }
    const auto abandon = [&file] {
        if (file)
            file->cancelWriting();
    };
    QCryptographicHash hash(QCryptographicHash::Sha256);
    ChunkedOutput out(*sink, hash);
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
                abandon();
                return fail(
                    defined.error().kind == StoreError::Kind::NotFound
                        ? QStringLiteral("the custom metric \"%1\" no longer exists").arg(metric)
                        : defined.error().message);
            }
            const auto minutes = customMetricMinutes(
                usage, defined->metric, QDateTime(job.dateFrom, QTime(0, 0), Qt::UTC),
                QDateTime(job.dateTo.addDays(1), QTime(0, 0), Qt::UTC));
            if (!minutes) {
                abandon();
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
            abandon();
            return fail(error->message);
        }
    }
    if (!csv)
        out.append("]");
    out.flush();
    // A write that failed (e.g. "No space left on device") fails the job
    // with its reason; the temporary file goes, no half file is left, no
    // part is kept.
    QString why = out.failure();
    if (why.isEmpty() && file && !file->commit())
        why = file->errorString();
    if (why.isEmpty() && !file) {
        if (auto error = transaction.commit())
            why = error->message;
    }
    if (!why.isEmpty()) {
        abandon();
        return fail(QStringLiteral("could not %1 (nothing was kept): %2")
                        .arg(file ? QStringLiteral("write the export file")
                                  : QStringLiteral("store the export"),
                             why));
    }
    job.fileSize = out.bytes();
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
    , m_runner(newId())
    , m_inDatabase(sql::dialectOf(database.connection()) == sql::Dialect::PostgreSql)
{}

ExportService::~ExportService()
{
    for (QThread *thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void ExportService::setRunsJobs(bool runs)
{
    if (runs == m_runsJobs)
        return;
    m_runsJobs = runs;
    if (!runs) {
        // The queued ones stay pending in the store for the next leader.
        for (const QString &id : std::as_const(m_queue))
            m_mine.remove(id);
        m_queue.clear();
        return;
    }
    resumeInterrupted();
    takeUp();
}

void ExportService::resumeInterrupted()
{
    // Jobs processing by no one here: their runner stopped (a crash, a lost
    // leadership). They run again from the start, unless that happened too
    // often already.
    QSqlQuery q(m_database.connection());
    if (auto error = run(q,
                         QStringLiteral("SELECT id, attempts FROM export_jobs WHERE status = "
                                        "'processing' ORDER BY created_at, id"),
                         {}, QStringLiteral("find interrupted exports"))) {
        qWarning("exports: %s", qPrintable(error->message));
        return;
    }
    QList<std::pair<QString, int>> interrupted;
    while (q.next()) {
        if (!m_mine.contains(q.value(0).toString()))
            interrupted.append({q.value(0).toString(), q.value(1).toInt()});
    }
    for (const auto &[id, attempts] : std::as_const(interrupted)) {
        QSqlQuery update(m_database.connection());
        const bool giveUp = attempts >= kMaxAttempts;
        const MaybeError error =
            giveUp ? run(update,
                         QStringLiteral("UPDATE export_jobs SET status = 'failed', error = ?, "
                                        "completed_at = ? WHERE id = ? AND status = 'processing'"),
                         {QStringLiteral("interrupted: the control plane stopped before the export "
                                         "finished, %1 times; not tried again")
                              .arg(attempts),
                          timeText(m_clock.now()), id},
                         QStringLiteral("fail export %1").arg(id))
                   : run(update,
                         QStringLiteral("UPDATE export_jobs SET status = 'pending' WHERE id = ? "
                                        "AND status = 'processing'"),
                         {id}, QStringLiteral("resume export %1").arg(id));
        if (error)
            qWarning("exports: %s", qPrintable(error->message));
    }
}

void ExportService::takeUp()
{
    if (!m_runsJobs)
        return;
    QSqlQuery q(m_database.connection());
    if (auto error = run(q,
                         QStringLiteral("SELECT id FROM export_jobs WHERE status = 'pending' "
                                        "ORDER BY created_at, id"),
                         {}, QStringLiteral("find pending exports"))) {
        qWarning("exports: %s", qPrintable(error->message));
        return;
    }
    while (q.next()) {
        const QString id = q.value(0).toString();
        if (!m_mine.contains(id)) {
            m_mine.insert(id);
            m_queue.append(id);
        }
    }
    startNext();
}

StoreResult<ExportJob> ExportService::create(const QString &projectId, const QString &type,
                                             const QDate &from, const QDate &to,
                                             const QStringList &metrics)
{
    if (!m_inDatabase && !QDir().mkpath(m_exportDir))
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
    // Here when this instance runs jobs; else the leader takes it up at its
    // next tick.
    if (m_runsJobs) {
        m_mine.insert(id);
        m_queue.append(id);
        startNext();
    }
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

StoreResult<QByteArray> ExportService::content(const ExportJob &job) const
{
    if (!job.filePath.isEmpty()) {
        QFile file(job.filePath);
        if (!file.open(QIODevice::ReadOnly))
            return notFound(QStringLiteral("the export's file is gone"));
        return file.readAll();
    }
    QSqlQuery q(m_database.connection());
    q.setForwardOnly(true);
    if (auto error = run(q,
                         QStringLiteral("SELECT data FROM export_parts WHERE job_id = ? AND "
                                        "runner = ? ORDER BY part"),
                         {job.id, job.runner}, QStringLiteral("read export %1").arg(job.id))) {
        return *error;
    }
    QByteArray bytes;
    bytes.reserve(job.fileSize);
    while (q.next())
        bytes += q.value(0).toByteArray();
    if (bytes.size() != job.fileSize)
        return notFound(QStringLiteral("the export's bytes are gone"));
    return bytes;
}

bool ExportService::claim(const QString &id)
{
    QSqlQuery q(m_database.connection());
    if (auto error = run(q,
                         QStringLiteral("UPDATE export_jobs SET status = 'processing', runner = ?, "
                                        "attempts = attempts + 1 WHERE id = ? AND status = "
                                        "'pending'"),
                         {m_runner, id}, QStringLiteral("claim export %1").arg(id))) {
        qWarning("exports: %s", qPrintable(error->message));
        return false;
    }
    return q.numRowsAffected() == 1;
}

StoreResult<bool> ExportService::record(const ExportJob &job)
{
    QSqlQuery q(m_database.connection());
    if (auto error = run(q,
                         QStringLiteral("UPDATE export_jobs SET status = ?, file_path = ?, "
                                        "file_size = ?, rows = ?, sha256 = ?, error = ?, "
                                        "completed_at = ? WHERE id = ? AND runner = ? AND status = "
                                        "'processing'"),
                         {job.status, text(job.filePath), job.fileSize, job.rows, text(job.sha256),
                          text(job.error),
                          job.completedAt ? QVariant(timeText(*job.completedAt)) : QVariant(),
                          job.id, m_runner},
                         QStringLiteral("update export %1").arg(job.id))) {
        return *error;
    }
    return q.numRowsAffected() == 1;
}

void ExportService::discard(const ExportJob &job)
{
    if (!job.filePath.isEmpty()) {
        QFile::remove(job.filePath);
        return;
    }
    QSqlQuery q(m_database.connection());
    if (auto error =
            run(q, QStringLiteral("DELETE FROM export_parts WHERE job_id = ? AND runner = ?"),
                {job.id, m_runner}, QStringLiteral("drop export %1").arg(job.id)))
        qWarning("exports: %s", qPrintable(error->message));
}

void ExportService::startNext()
{
    while (m_running < m_maxRunning && !m_queue.isEmpty()) {
        const QString id = m_queue.takeFirst();
        auto pending = claim(id) ? job(id) : StoreResult<ExportJob>(notFound(id));
        if (!pending) {
            m_mine.remove(id);
            continue;
        }
        ++m_running;
        const ExportJob work = pending.value();
        const QString path = m_database.path();
        const QString dir = m_inDatabase ? QString() : m_exportDir;
        auto *result = new ExportJob;
        QThread *thread =
            QThread::create([work, path, dir, result] { *result = runExport(work, path, dir); });
        thread->setObjectName(QStringLiteral("export"));
        m_threads.append(thread);
        connect(thread, &QThread::finished, this, [this, thread, result] {
            ExportJob done = *result;
            delete result;
            done.completedAt = m_clock.now();
            const StoreResult<bool> recorded = record(done);
            if (!recorded) {
                qWarning("export %s: %s", qPrintable(done.id),
                         qPrintable(recorded.error().message));
            } else if (!recorded.value()) {
                // Another instance took the job over meanwhile: its run counts.
                qWarning("export %s: taken over by another instance; this run's bytes are dropped",
                         qPrintable(done.id));
                discard(done);
            }
            m_mine.remove(done.id);
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
