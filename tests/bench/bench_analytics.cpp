// Analytics figures of issue 12, printed (not a test), each beside a
// same-run comparison with the naive way:
// - ingest of 1,000,000 usage events through POST /api/v1/usage in batches
//   of 10,000 (rows/s end to end: JSON parse, validation, one transaction per
//   batch with the hourly rollups and metric points), in five rounds: sessions
//   reported as they end at 200,000 a second (each started its length, 1 to
//   31 minutes, before: the live ingest), into an empty store one request at
//   a time, then 1M more with three requests in flight (reporters sending at
//   once: a body is read and parsed while the one before is stored); a month
//   of history in time order (a backfill: each batch a slice of the month),
//   one and three requests in flight; then 200,000 more with every batch
//   spread over the whole month (worst case); beside it, the JSON parse alone
//   (the quick reader against QJsonDocument), and the store alone on 200,000
//   events, ours against the store settings of before (SQLite's defaults)
//   and against per-event statements and per-event rollup upserts (on
//   20,000 events);
// - with 4,200,000 stored events, a 30-day hourly series of one region
//   through GET /analytics/usage (from the rollups) against GROUP BY over the
//   raw events;
// - a CSV export job of 1,000,000 metric points (POST /analytics/export, then
//   its status until completed): rows/s and the growth of the peak RSS, for
//   100,000 and 1,000,000 rows (flat memory: the same), against the previous
//   job's way (quick_check on open, rows through QSqlQuery, a write a row)
//   and the whole file built in memory;
// - GET /analytics/realtime/fleet: one client in a loop (median, p99), and
//   under wrk (8 connections, 5 s) when /usr/bin/wrk exists.
// The control plane runs in this process on loopback, without the demo
// fleet, in a temporary folder. `bench_analytics [batches] [--ingest-only]`
// runs a smaller ingest (batches of 10,000 per round; 100 by default), and
// only that, for profiling (on PostgreSQL when WADDLE_DATABASE names one);
// `bench_analytics 0 --export-only` the exports only.

#include "controlplane/api/usagebatch.h"
#include "controlplane/controlplane.h"
#include "controlplane/store/database.h"
#include "controlplane/store/migrations.h"
#include "controlplane/store/usagerepository.h"
#include "domain/jsonreader.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

constexpr int kBatch = 10000;
constexpr int kStoreOnlyEvents = 20'000;
constexpr int kSeriesRuns = 15;
constexpr int kRawSeriesRuns = 3;
constexpr int kRealtimeRuns = 500;
const QStringList kRegions{u"us-east"_s, u"us-west"_s, u"eu-west"_s,
                           u"asia-ne"_s, u"asia-se"_s, u"sa-east"_s};

struct Answer
{
    int status = 0;
    QByteArray body;
};

Answer call(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
            const QString &key, const QByteArray &body = {})
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  reply->readAll()};
    reply->deleteLater();
    return answer;
}

// POSTs every body, `inFlight` requests at a time (QNetworkAccessManager
// opens up to six connections to a host); false, with what was answered,
// on any answer but 200.
bool postAll(QNetworkAccessManager &network, const QUrl &url, const QString &key,
             const QList<QByteArray> &bodies, int inFlight)
{
    QEventLoop loop;
    qsizetype sent = 0;
    qsizetype answered = 0;
    bool ok = true;
    std::function<void()> send = [&] {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        QNetworkReply *reply = network.post(request, bodies.at(sent++));
        QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status != 200) {
                std::fprintf(stderr, "ingest failed: %d %s\n", status,
                             reply->readAll().constData());
                ok = false;
            }
            reply->deleteLater();
            ++answered;
            if (ok && sent < bodies.size())
                send();
            else if (answered == sent)
                loop.quit();
        });
    };
    for (int i = 0; i < inFlight && sent < bodies.size(); ++i)
        send();
    if (sent > 0)
        loop.exec();
    return ok;
}

// How a batch's events fall in time.
enum class Spread
{
    // A fleet reporting its sessions as they end, 200,000 a second: event n
    // of a round ends n × 5 µs after the round's start and started its
    // length (1 to 31 minutes) before, so a batch's starts spread over the
    // half hour before it.
    Live,
    // A month of history in time order: event n of `total` at start + n ×
    // (30 days / total), each batch a slice of it (a backfill).
    TimeOrdered,
    // 2591 s after the one before, modulo 30 days: every batch spread over
    // the whole month (a worst case for the B-trees and the rollups).
    WholeMonth
};

// Event `n` (counted from `first`, of `total`) of six regions and 200
// waddles, starting from `start`.
domain::UsageEvent syntheticEvent(qint64 n, const QDateTime &start,
                                  Spread spread = Spread::WholeMonth, qint64 first = 0,
                                  qint64 total = 1)
{
    domain::UsageEvent e;
    e.regionCode = kRegions.at(n % kRegions.size());
    e.waddleId = u"w-%1"_s.arg(n % 200, 4, 10, QLatin1Char('0'));
    e.channelId = u"c-%1"_s.arg(n % 7);
    e.participants = int(1 + n % 9);
    e.durationSeconds = double(60 + n % 1800);
    e.quality = 3.0 + double(n % 20) / 10.0;
    e.latencyMs = double(20 + n % 280);
    constexpr qint64 kMonthMs = 30LL * 86400 * 1000;
    switch (spread) {
    case Spread::Live:
        e.startedAt = start.addMSecs((n - first) / 200 - qint64(e.durationSeconds * 1000));
        break;
    case Spread::TimeOrdered:
        e.startedAt = start.addMSecs((n - first) * kMonthMs / total);
        break;
    case Spread::WholeMonth:
        e.startedAt = start.addSecs((n * 2591) % (30 * 86400));
        break;
    }
    return e;
}

QByteArray batchBody(int b, const QDateTime &start, Spread spread, qint64 first, qint64 total)
{
    QJsonArray events;
    for (int i = 0; i < kBatch; ++i) {
        events.append(
            domain::toJson(syntheticEvent(qint64(b) * kBatch + i, start, spread, first, total)));
    }
    return QJsonDocument(QJsonObject{{u"events"_s, events}}).toJson(QJsonDocument::Compact);
}

// CPU time of the calling thread. The main thread runs the handlers (the
// client's HTTP runs on Qt's network thread, the server's I/O on asio's),
// so this is what the requests cost wherever the machine is shared.
double threadCpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size())));
}

// Resident set now and its peak since the last resetPeak(), in MiB (Linux).
double statusMiB(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

void resetPeak()
{
    QFile refs(u"/proc/self/clear_refs"_s);
    if (refs.open(QIODevice::WriteOnly))
        refs.write("5");
}

// The naive store: per event, one INSERT and four upserts (two hourly
// rollups, two metric points), each statement prepared for the row, one
// transaction per batch.
double naiveStoreSeconds(const QSqlDatabase &db, const QList<domain::UsageEvent> &events)
{
    QElapsedTimer timer;
    timer.start();
    QSqlDatabase connection = db;
    for (qsizetype first = 0; first < events.size(); first += kBatch) {
        connection.transaction();
        for (qsizetype i = first; i < std::min<qsizetype>(events.size(), first + kBatch); ++i) {
            const domain::UsageEvent &e = events.at(i);
            const QString started = domain::toIsoString(e.startedAt);
            const QString hour = started.left(13) + u":00:00.000Z"_s;
            const QString minute = started.left(16) + u":00.000Z"_s;
            QSqlQuery q(db);
            q.prepare(u"INSERT INTO usage_events (region, waddle_id, channel_id, "
                      "participant_count, duration_seconds, quality, latency_ms, started_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s);
            for (const QVariant &v :
                 QVariantList{e.regionCode, e.waddleId, e.channelId, e.participants,
                              e.durationSeconds, e.quality, e.latencyMs, started})
                q.addBindValue(v);
            q.exec();
            q.prepare(u"INSERT INTO usage_hourly VALUES (?, ?, 1, ?, ?, ?, ?) ON CONFLICT "
                      "(region, hour) DO UPDATE SET sessions = sessions + 1, participants = "
                      "participants + excluded.participants, total_duration_seconds = "
                      "total_duration_seconds + excluded.total_duration_seconds, quality_sum = "
                      "quality_sum + excluded.quality_sum, latency_sum = latency_sum + "
                      "excluded.latency_sum"_s);
            for (const QVariant &v : QVariantList{e.regionCode, hour, e.participants,
                                                  e.durationSeconds, e.quality, e.latencyMs})
                q.addBindValue(v);
            q.exec();
            q.prepare(u"INSERT INTO usage_hourly_waddle VALUES (?, ?, ?, 1, ?, ?, ?, ?) ON "
                      "CONFLICT (waddle_id, hour, region) DO UPDATE SET sessions = sessions + "
                      "1, participants = participants + excluded.participants, "
                      "total_duration_seconds = total_duration_seconds + "
                      "excluded.total_duration_seconds, quality_sum = quality_sum + "
                      "excluded.quality_sum, latency_sum = latency_sum + excluded.latency_sum"_s);
            for (const QVariant &v : QVariantList{e.waddleId, e.regionCode, hour, e.participants,
                                                  e.durationSeconds, e.quality, e.latencyMs})
                q.addBindValue(v);
            q.exec();
            for (const QString &project : {u"fleet"_s, e.waddleId}) {
                q.prepare(u"INSERT INTO metric_points VALUES (?, 'participant_minutes', ?, ?) "
                          "ON CONFLICT (project_id, metric, minute) DO UPDATE SET value = "
                          "value + excluded.value"_s);
                q.addBindValue(project);
                q.addBindValue(minute);
                q.addBindValue(e.participants * e.durationSeconds / 60.0);
                q.exec();
            }
        }
        connection.commit();
    }
    return timer.nsecsElapsed() / 1e9;
}

// The store alone, on `count` time-ordered events in batches of 10,000:
// insertUsageEvents with the store's settings and its checkpoint thread;
// the same with SQLite's defaults (synchronous FULL, a sync per commit; a
// 2 MiB page cache; no memory-mapped reads; a checkpoint in the commit
// every 1000 pages);
// per-event statements and rollups (on the first 20,000).
void storeOnlyComparison(const QDateTime &start, qint64 count)
{
    QList<domain::UsageEvent> events;
    events.reserve(count);
    for (qint64 n = 0; n < count; ++n)
        events.append(syntheticEvent(n, start, Spread::TimeOrdered, 0, count));
    QTemporaryDir dir;
    auto ours = cp::Database::open(dir.filePath(u"ours.db"_s));
    auto previous = cp::Database::open(dir.filePath(u"previous.db"_s));
    auto naive = cp::Database::open(dir.filePath(u"naive.db"_s));
    if (!ours || !previous || !naive) {
        std::fprintf(stderr, "cannot open the comparison stores\n");
        return;
    }
    ours.value()->checkpointInBackground(); // as the control plane runs it
    {
        QSqlQuery q(previous.value()->connection());
        if (!q.exec(u"PRAGMA synchronous = FULL"_s) || !q.exec(u"PRAGMA cache_size = -2000"_s) ||
            !q.exec(u"PRAGMA mmap_size = 0"_s) || !q.exec(u"PRAGMA wal_autocheckpoint = 1000"_s))
            std::fprintf(stderr, "cannot set the previous settings\n");
    }
    const auto timed = [&events](const cp::Database &database) {
        cp::UsageRepository repository(database);
        QElapsedTimer timer;
        timer.start();
        for (qsizetype first = 0; first < events.size(); first += kBatch) {
            if (auto stored = repository.insertUsageEvents(events.mid(first, kBatch)); !stored) {
                std::fprintf(stderr, "store failed: %s\n", qPrintable(stored.error().message));
                return -1.0;
            }
        }
        return timer.nsecsElapsed() / 1e9;
    };
    const double previousSeconds = timed(*previous.value());
    const double oursSeconds = timed(*ours.value());
    const QList<domain::UsageEvent> few = events.mid(0, kStoreOnlyEvents);
    const double naiveSeconds = naiveStoreSeconds(naive.value()->connection(), few);
    std::printf("  store only, %lld time-ordered events in batches of %d: ours (checkpoints on "
                "their own thread) %.0f rows/s; "
                "with SQLite's defaults (synchronous FULL, 2 MiB cache, no mmap, checkpoints "
                "in the commits every 1000 pages) %.0f rows/s (ours "
                "%.1fx); per-event statements and rollups (first %d) %.0f rows/s (ours %.1fx)\n",
                count, kBatch, double(count) / oursSeconds, double(count) / previousSeconds,
                previousSeconds / oursSeconds, kStoreOnlyEvents, kStoreOnlyEvents / naiveSeconds,
                (naiveSeconds / kStoreOnlyEvents) / (oursSeconds / double(count)));
}

double rawSeriesMs(const QString &path, const QString &region, const QDateTime &from,
                   const QDateTime &to, int *points)
{
    QList<double> ms;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
        db.setDatabaseName(path);
        if (!db.open())
            return -1;
        for (int i = 0; i < kRawSeriesRuns; ++i) {
            QElapsedTimer timer;
            timer.start();
            QSqlQuery q(db);
            q.setForwardOnly(true);
            // Through the events' index of (region, hour of start).
            const QString hour = cp::usageEventHour();
            q.prepare(u"SELECT %1, COUNT(*), SUM(participant_count), SUM(duration_seconds), "
                      "SUM(quality), SUM(latency_ms) FROM usage_events WHERE region = ? AND %1 "
                      ">= ? AND %1 <= ? AND started_at >= ? AND started_at < ? GROUP BY 1 "
                      "ORDER BY 1"_s.arg(hour));
            q.addBindValue(region);
            q.addBindValue(domain::toIsoString(from).left(13));
            q.addBindValue(domain::toIsoString(to).left(13));
            q.addBindValue(domain::toIsoString(from));
            q.addBindValue(domain::toIsoString(to));
            q.exec();
            *points = 0;
            QJsonArray out; // the same work of encoding the answer
            while (q.next()) {
                out.append(QJsonObject{{u"time"_s, q.value(0).toString()},
                                       {u"sessions"_s, q.value(1).toLongLong()}});
                ++*points;
            }
            ms.append(timer.nsecsElapsed() / 1e6);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"raw"_s);
    return percentile(ms, 0.5);
}

// Adds `rows` metric points of one metric, a minute apart, ending a month
// ago (so they stay out of the real-time window), straight into the store.
bool seedMetricPoints(const QString &path, const QString &metric, qint64 rows, const QDateTime &end)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
        db.setDatabaseName(path);
        ok = db.open() && db.transaction();
        QVariantList projects, metrics, minutes, values;
        const QDateTime first = end.addSecs(-60 * rows);
        for (qint64 i = 0; i < rows; ++i) {
            projects.append(u"fleet"_s);
            metrics.append(metric);
            minutes.append(domain::toIsoString(first.addSecs(60 * i)));
            values.append(double(i % 1000) / 7.0);
        }
        QSqlQuery q(db);
        ok = ok && q.prepare(u"INSERT INTO metric_points VALUES (?, ?, ?, ?)"_s);
        q.addBindValue(projects);
        q.addBindValue(metrics);
        q.addBindValue(minutes);
        q.addBindValue(values);
        ok = ok && q.execBatch() && db.commit();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"seed"_s);
    return ok;
}

struct ExportFigures
{
    qint64 rows = 0;
    double seconds = 0;
    double peakGrowthMiB = 0;
};

ExportFigures exportCsv(QNetworkAccessManager &network, const cp::ControlPlane &plane,
                        const QString &key, const QString &metric, const QDate &from,
                        const QDate &to)
{
    ExportFigures f;
    const double before = statusMiB("VmRSS");
    resetPeak();
    QUrl create = plane.baseUrl().resolved(QUrl(u"/api/v1/analytics/export/fleet"_s));
    create.setQuery(u"export_type=csv&date_from=%1&date_to=%2&metrics[]=%3"_s.arg(
        from.toString(Qt::ISODate), to.toString(Qt::ISODate), metric));
    QElapsedTimer timer;
    timer.start();
    const Answer created = call(network, "POST", create, key);
    const QString id =
        QJsonDocument::fromJson(created.body).object().value(u"export_id"_s).toString();
    if (created.status != 202 || id.isEmpty()) {
        std::fprintf(stderr, "export refused: %d %s\n", created.status, created.body.constData());
        return f;
    }
    const QUrl status = plane.baseUrl().resolved(QUrl(u"/api/v1/analytics/export/status/"_s + id));
    for (;;) {
        const QJsonObject job =
            QJsonDocument::fromJson(call(network, "GET", status, key).body).object();
        const QString state = job.value(u"status"_s).toString();
        if (state == u"completed" || state == u"failed") {
            f.seconds = timer.nsecsElapsed() / 1e9;
            f.rows = job.value(u"rows"_s).toInteger();
            if (state == u"failed")
                std::fprintf(stderr, "export failed: %s\n",
                             qPrintable(job.value(u"error"_s).toString()));
            break;
        }
        QEventLoop wait;
        QTimer::singleShot(20, &wait, &QEventLoop::quit);
        wait.exec();
    }
    f.peakGrowthMiB = std::max(0.0, statusMiB("VmHWM") - before);
    return f;
}

// `work(rows)` timed, with the growth of the peak RSS it caused.
template <typename Work>
ExportFigures measured(Work work)
{
    ExportFigures f;
    const double before = statusMiB("VmRSS");
    resetPeak();
    QElapsedTimer timer;
    timer.start();
    work(f.rows);
    f.seconds = timer.nsecsElapsed() / 1e9;
    f.peakGrowthMiB = std::max(0.0, statusMiB("VmHWM") - before);
    return f;
}

// The export job as it was before (issue 12 perf): its own connection opened
// with the whole-file quick_check, every row through QSqlQuery's QVariants
// and QStrings, written to the QSaveFile (and the hash) row by row.
ExportFigures previousExportCsv(const QString &path, const QString &metric, const QString &outPath)
{
    return measured([&](qint64 &rows) {
        auto database = cp::Database::open(path);
        if (!database) {
            std::fprintf(stderr, "cannot open: %s\n", qPrintable(database.error().message));
            return;
        }
        QSaveFile file(outPath);
        if (!file.open(QIODevice::WriteOnly))
            return;
        QCryptographicHash hash(QCryptographicHash::Sha256);
        const auto write = [&file, &hash](const QByteArray &bytes) {
            hash.addData(bytes);
            file.write(bytes);
        };
        write(QByteArrayLiteral("metric,time,value\r\n"));
        QSqlQuery q(database.value()->connection());
        q.setForwardOnly(true);
        q.prepare(u"SELECT minute, value FROM metric_points WHERE project_id = 'fleet' AND "
                  "metric = ? AND minute >= ? AND minute < ? ORDER BY minute"_s);
        q.addBindValue(metric);
        q.addBindValue(u"2000-01-01T00:00:00.000Z"_s);
        q.addBindValue(u"9999-01-01T00:00:00.000Z"_s);
        q.exec();
        while (q.next()) {
            const QByteArray time = q.value(0).toString().toLatin1();
            const QByteArray value = QByteArray::number(q.value(1).toDouble(), 'g', 17);
            write(metric.toLatin1() + ',' + time + ',' + value + "\r\n");
            ++rows;
        }
        if (!file.commit())
            rows = 0;
    });
}

// The naive export: the whole CSV built in memory, then written at once.
ExportFigures naiveExportCsv(const QString &path, const QString &metric, const QString &outPath)
{
    const ExportFigures f = measured([&](qint64 &rows) {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"naive-export"_s);
        db.setDatabaseName(path);
        db.open();
        QSqlQuery q(db);
        q.prepare(u"SELECT minute, value FROM metric_points WHERE project_id = 'fleet' AND "
                  "metric = ? ORDER BY minute"_s);
        q.addBindValue(metric);
        q.exec();
        QStringList lines{u"metric,time,value"_s};
        while (q.next()) {
            lines.append(metric + u',' + q.value(0).toString() + u',' +
                         QString::number(q.value(1).toDouble(), 'g', 17));
            ++rows;
        }
        QFile out(outPath);
        if (out.open(QIODevice::WriteOnly))
            out.write(lines.join(u"\r\n"_s).toUtf8() + "\r\n");
        q.finish();
        db.close();
    });
    QSqlDatabase::removeDatabase(u"naive-export"_s);
    return f;
}

// The bodies' JSON alone, on this thread's CPU clock: the quick reader of
// POST /usage against QJsonDocument and usageEventFromJson per event (the
// general way every body took before).
void parseFigures(const QList<QByteArray> &bodies)
{
    qint64 quick = 0;
    double cpu = threadCpuSeconds();
    for (const QByteArray &body : bodies) {
        if (const auto events = cp::quickUsageBatch(body, kBatch))
            quick += events->size();
    }
    const double quickSeconds = threadCpuSeconds() - cpu;
    qint64 general = 0;
    cpu = threadCpuSeconds();
    for (const QByteArray &body : bodies) {
        const QJsonArray events =
            QJsonDocument::fromJson(body).object().value(u"events"_s).toArray();
        for (const QJsonValue &event : events)
            general += domain::usageEventFromJson(event).ok() ? 1 : 0;
    }
    const double generalSeconds = threadCpuSeconds() - cpu;
    std::printf("  parse only (CPU), %lld events: quick reader %.0f rows/s (%.1f us/row), "
                "QJsonDocument + usageEventFromJson %.0f rows/s (%.1f us/row)\n",
                quick, double(quick) / quickSeconds, quickSeconds / double(quick) * 1e6,
                double(general) / generalSeconds, generalSeconds / double(general) * 1e6);
}

// wrk against `url` for 5 s on 8 connections, run while this thread serves:
// requests/s and the p99 latency in ms, or nothing when wrk is missing.
std::optional<std::pair<double, double>> underWrk(const QUrl &url, const QString &key)
{
    if (!QFile::exists(u"/usr/bin/wrk"_s))
        return std::nullopt;
    QProcess wrk;
    wrk.start(u"/usr/bin/wrk"_s, {u"-t1"_s, u"-c8"_s, u"-d5s"_s, u"--latency"_s, u"-H"_s,
                                  u"Authorization: Bearer "_s + key, url.toString()});
    QEventLoop loop;
    QObject::connect(&wrk, &QProcess::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QString out = QString::fromLocal8Bit(wrk.readAllStandardOutput());
    const auto rate = QRegularExpression(u"Requests/sec:\\s+([0-9.]+)"_s).match(out);
    const auto p99 = QRegularExpression(u"99%\\s+([0-9.]+)(us|ms|s)"_s).match(out);
    if (!rate.hasMatch() || !p99.hasMatch()) {
        std::fprintf(stderr, "wrk said: %s\n", qPrintable(out));
        return std::nullopt;
    }
    const double scale = p99.captured(2) == u"us" ? 1e-3 : p99.captured(2) == u"s" ? 1e3 : 1.0;
    return std::pair{rate.captured(1).toDouble(), p99.captured(1).toDouble() * scale};
}

// GET /analytics/usage for a 30-day hourly series of eu-west, beside GROUP
// BY over the raw events.
void seriesFigures(QNetworkAccessManager &network, const cp::ControlPlane &plane,
                   const QString &key, const QString &storePath, const QDateTime &start,
                   const QDateTime &now, qint64 storedEvents)
{
    const QDateTime seriesTo(now.date().addDays(1), QTime(0, 0), Qt::UTC);
    QUrl series = plane.baseUrl().resolved(QUrl(u"/api/v1/analytics/usage/fleet"_s));
    series.setQuery(u"region=eu-west&bucket=hour&from=%1&to=%2"_s.arg(
        start.date().toString(Qt::ISODate), seriesTo.date().toString(Qt::ISODate)));
    QList<double> ms;
    int points = 0;
    for (int i = 0; i < kSeriesRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        const Answer a = call(network, "GET", series, key);
        ms.append(timer.nsecsElapsed() / 1e6);
        points = QJsonDocument::fromJson(a.body).object().value(u"count"_s).toInt();
    }
    int rawPoints = 0;
    const double rawMs =
        rawSeriesMs(storePath, u"eu-west"_s, QDateTime(start.date(), QTime(0, 0), Qt::UTC),
                    seriesTo, &rawPoints);
    std::printf(
        "  30-day hourly series of eu-west from %lld events: GET /analytics/usage (rollups) "
        "%d points, median %.2f ms, p95 %.2f ms over %d runs (goal < 50 ms); GROUP BY "
        "over the raw events %d points, median %.1f ms over %d runs (%.0fx)\n",
        storedEvents, points, percentile(ms, 0.5), percentile(ms, 0.95), kSeriesRuns, rawPoints,
        rawMs, kRawSeriesRuns, rawMs / percentile(ms, 0.5));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as it is made
    const int batches = argc > 1 ? std::max(1, atoi(argv[1])) : 100;
    const bool ingestOnly = argc > 2 && qstrcmp(argv[2], "--ingest-only") == 0;
    const bool exportOnly = argc > 2 && qstrcmp(argv[2], "--export-only") == 0;
    QTemporaryDir dir;
    cp::ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    // `--ingest-only` on PostgreSQL: WADDLE_DATABASE=postgresql://… (the
    // other figures read the SQLite file).
    if (ingestOnly)
        options.database = qEnvironmentVariable("WADDLE_DATABASE");
    options.requestsPerMinute = 100000000;
    options.healthIntervalMs = 3600 * 1000;
    cp::ControlPlane plane(options);
    if (auto started = plane.start(); !started) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(started.error().message));
        return 1;
    }
    const QString key = plane.adminKey();
    const QString storePath = dir.filePath(u"waddle.db"_s);
    QNetworkAccessManager network;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime start = now.addDays(-30);

    std::printf("bench_analytics (issue 12)\n");
    // Two rounds of sessions reported as they end (into an empty store, then
    // with three requests in flight), two of a month of history (a
    // backfill; one and three in flight), then a fifth as many batches each
    // spread over the whole month.
    const qint64 roundEvents = qint64(batches) * kBatch;
    const QDateTime liveStart = now.addSecs(-3600);
    struct Round
    {
        Spread spread;
        int first;   // batch number of its first
        int batches; // in the round
        int inFlight;
        const char *what;
        QDateTime start;   // of its spread
        qint64 origin = 0; // the event its spread counts from
        qint64 total = 1;  // TimeOrdered: the events the month is divided among
    };
    const QList<Round> rounds{
        {Spread::Live, 0, batches, 1,
         "sessions reported as they end, 200,000 a second, empty store, one request at a time",
         liveStart},
        {Spread::Live, batches, batches, 3,
         "sessions reported as they end, 200,000 a second, as many stored, three requests in "
         "flight",
         liveStart},
        {Spread::TimeOrdered, 2 * batches, batches, 1,
         "a month of history in time order (a backfill), twice as many stored, one request at "
         "a time",
         start, 2 * roundEvents, 2 * roundEvents},
        {Spread::TimeOrdered, 3 * batches, batches, 3,
         "a month of history in time order, three times as many stored, three requests in flight",
         start, 2 * roundEvents, 2 * roundEvents},
        {Spread::WholeMonth, 4 * batches, std::max(1, batches / 5), 1,
         "each batch over the whole month (worst case), all of the above stored", start}};
    qint64 storedEvents = 0;
    for (const Round &round : rounds) {
        if (exportOnly)
            break;
        QList<QByteArray> bodies;
        for (int b = round.first; b < round.first + round.batches; ++b)
            bodies.append(batchBody(b, round.start, round.spread, round.origin, round.total));
        const qint64 events = qint64(round.batches) * kBatch;
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpu = std::clock();
        const double handlerCpu = threadCpuSeconds();
        // The client on a thread of its own: the main thread runs the
        // control plane's handlers only.
        bool posted = false;
        QEventLoop serving;
        QThread *client = QThread::create([&] {
            QNetworkAccessManager own;
            posted = postAll(own, plane.baseUrl().resolved(QUrl(u"/api/v1/usage"_s)), key, bodies,
                             round.inFlight);
        });
        QObject::connect(client, &QThread::finished, &serving, &QEventLoop::quit);
        client->start();
        serving.exec();
        client->wait();
        delete client;
        if (!posted)
            return 1;
        const double seconds = timer.nsecsElapsed() / 1e9;
        const double cpuSeconds = double(std::clock() - cpu) / CLOCKS_PER_SEC;
        const double handlerSeconds = threadCpuSeconds() - handlerCpu;
        storedEvents += events;
        std::printf("  ingest %lld events via POST /usage (batches of %d, %s): %.2f s, %.0f "
                    "rows/s (goal >= 200k); CPU: %.2f s all threads (client too), %.2f s main "
                    "thread (the handlers: parse, store), %.0f rows per main-thread CPU "
                    "second\n",
                    events, kBatch, round.what, seconds, double(events) / seconds, cpuSeconds,
                    handlerSeconds, double(events) / handlerSeconds);
        if (round.first == 0)
            parseFigures(bodies);
    }
    if (ingestOnly)
        return 0;
    if (!exportOnly) {
        storeOnlyComparison(start, 20 * kBatch);
        seriesFigures(network, plane, key, storePath, start, now, storedEvents);
    }

    // Exports: 1M points of storage_usage ending a month ago, and the last
    // 100,000 of them (69.4 days).
    constexpr qint64 kExportRows = 1'000'000;
    const QDateTime seedEnd(start.date(), QTime(0, 0), Qt::UTC);
    if (!seedMetricPoints(storePath, u"storage_usage"_s, kExportRows, seedEnd)) {
        std::fprintf(stderr, "cannot seed the metric points\n");
        return 1;
    }
    const QDate lastDay = seedEnd.date().addDays(-1);
    for (const QDate &from : {lastDay.addDays(-68), QDate(2000, 1, 1)}) {
        const ExportFigures f = exportCsv(network, plane, key, u"storage_usage"_s, from, lastDay);
        std::printf("  CSV export job of %lld rows (POST /analytics/export until completed): "
                    "%.2f s, %.0f rows/s (goal >= 500k), peak RSS +%.1f MiB\n",
                    f.rows, f.seconds, f.rows / f.seconds, f.peakGrowthMiB);
    }
    const ExportFigures previous =
        previousExportCsv(storePath, u"storage_usage"_s, dir.filePath(u"previous.csv"_s));
    std::printf("  the previous export job's way, %lld rows (quick_check on open, rows through "
                "QSqlQuery and QString, a write a row): %.2f s, %.0f rows/s, peak RSS +%.1f MiB\n",
                previous.rows, previous.seconds, previous.rows / previous.seconds,
                previous.peakGrowthMiB);
    const ExportFigures naive =
        naiveExportCsv(storePath, u"storage_usage"_s, dir.filePath(u"naive.csv"_s));
    std::printf("  naive CSV of %lld rows (built in memory, written at once): %.2f s, %.0f "
                "rows/s, peak RSS +%.1f MiB\n",
                naive.rows, naive.seconds, naive.rows / naive.seconds, naive.peakGrowthMiB);
    if (exportOnly)
        return 0;

    const QUrl realtime = plane.baseUrl().resolved(QUrl(u"/api/v1/analytics/realtime/fleet"_s));
    QList<double> ms;
    QElapsedTimer all;
    all.start();
    for (int i = 0; i < kRealtimeRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        call(network, "GET", realtime, key);
        ms.append(timer.nsecsElapsed() / 1e6);
    }
    std::printf("  GET /analytics/realtime/fleet, one client in a loop: %.0f req/s, median %.2f "
                "ms, p99 %.2f ms (%d requests)\n",
                kRealtimeRuns / (all.nsecsElapsed() / 1e9), percentile(ms, 0.5),
                percentile(ms, 0.99), kRealtimeRuns);
    if (const auto wrk = underWrk(realtime, key)) {
        std::printf("  GET /analytics/realtime/fleet under wrk (8 connections, 5 s): %.0f req/s, "
                    "p99 %.2f ms\n",
                    wrk->first, wrk->second);
    }
    plane.stop();
    return 0;
}
