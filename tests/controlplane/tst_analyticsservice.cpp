// AnalyticsService with a manual clock on an in-memory store: the seed 001
// forecast against numbers worked by hand, and alert evaluation over time
// (the condition must hold for the alert's duration).
#include "controlplane/services/analyticsservice.h"
#include "controlplane/services/custommetricseries.h"
#include "controlplane/services/exportservice.h"
#include "controlplane/store/database.h"
#include "domain/jsonreader.h"
#include "support/manualclock.h"
#include "support/testdatabase.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <cstring>
#include <limits>

using namespace waddle;
using namespace waddle::cp;
using waddle::test::storeLocation;
using namespace Qt::StringLiterals;

class TestAnalyticsService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void forecastLinear_data();
    void forecastLinear();
    void forecastNeedsSevenDays_data();
    void forecastNeedsSevenDays();
    void alertHoldsForItsDuration();
    void interruptedExportsRunAgain();
    void exportsRunWhereJobsRun();
    void exportTakenOverIsDropped();
    void exportNumbersAsQtWritesThem_data();
    void exportNumbersAsQtWritesThem();
    void csvExportStreamsEveryRow_data();
    void csvExportStreamsEveryRow();
    void apiRequestsReadWithoutWriting();
    void realtimeCardsCarryTheirMinutes_data();
    void realtimeCardsCarryTheirMinutes();
    void apiRequestMinutesCountOnce();
    void customMetricValues_data();
    void customMetricValues();
    void alertOnCustomMetricFires();

private:
    // Six sessions around the real-time windows of m_now (09:30): current
    // (09:15, 09:30], previous (09:00, 09:15].
    void ingestWindowEvents();
    StoredMetric makeMetric(const QString &project, const QList<domain::MetricFilter> &filter,
                            const QString &valueField, const QString &aggregation);
    // One event a day at noon, `minutes[i]` participant minutes on day
    // today − n + i.
    void ingestDays(const QString &waddle, const QList<double> &minutes);

    const QDateTime m_now{QDate(2030, 6, 15), QTime(9, 30), Qt::UTC};
    std::unique_ptr<test::ManualClock> m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AnalyticsService> m_analytics;
};

void TestAnalyticsService::init()
{
    m_clock = std::make_unique<test::ManualClock>(m_now);
    auto database = Database::open(storeLocation());
    QVERIFY(database);
    m_database = std::move(database).value();
    m_analytics = std::make_unique<AnalyticsService>(*m_database, *m_clock);
}

void TestAnalyticsService::cleanup()
{
    m_analytics.reset();
    m_database.reset();
}

void TestAnalyticsService::ingestDays(const QString &waddle, const QList<double> &minutes)
{
    QList<domain::UsageEvent> events;
    const QDate today = m_now.date();
    for (qsizetype i = 0; i < minutes.size(); ++i) {
        domain::UsageEvent e;
        e.regionCode = u"eu-west"_s;
        e.waddleId = waddle;
        e.channelId = u"c"_s;
        e.participants = 1;
        e.durationSeconds = minutes.at(i) * 60.0;
        e.quality = 4;
        e.latencyMs = 20;
        e.startedAt = QDateTime(today.addDays(-minutes.size() + i), QTime(12, 0), Qt::UTC);
        events.append(e);
    }
    QVERIFY(m_analytics->ingest(events));
}

void TestAnalyticsService::forecastLinear_data()
{
    QTest::addColumn<QList<double>>("history");
    QTest::addColumn<int>("days");
    QTest::addColumn<QList<double>>("predicted");
    QTest::addColumn<double>("margin"); // 1.96 × SE
    // x = 0…6, ȳ = 100/7; Sxy = Sxx = 28, so m = 1, b = 100/7 − 3 = 11.2857;
    // residuals −9/7 (×4) and +12/7 (×3): Σr² = (4·81 + 3·144)/49 = 756/49,
    // SE = sqrt(756/49/7) = sqrt(108/49) = 1.48461, margin 2.90984.
    QTest::newRow("noisy week") << QList<double>{10, 14, 12, 16, 14, 18, 16} << 2
                                << QList<double>{100.0 / 7 + 4, 100.0 / 7 + 5}
                                << 1.96 * std::sqrt(108.0 / 49.0);
    // An exact line y = 2x + 10 over 10 days: SE 0, the line continued.
    QTest::newRow("exact line") << QList<double>{10, 12, 14, 16, 18, 20, 22, 24, 26, 28} << 3
                                << QList<double>{30, 32, 34} << 0.0;
}

void TestAnalyticsService::forecastLinear()
{
    QFETCH(QList<double>, history);
    QFETCH(int, days);
    QFETCH(QList<double>, predicted);
    QFETCH(double, margin);
    ingestDays(u"w1"_s, history);
    const auto made = m_analytics->forecast(u"w1"_s, u"participant_minutes"_s, days, false);
    QVERIFY2(made, made ? "" : qPrintable(made.error().message));
    QCOMPARE(made->value(u"count"_s).toInt(), days);
    QCOMPARE(made->value(u"metric"_s).toString(), u"participant_minutes"_s);
    QCOMPARE(made->value(u"history_days"_s).toInt(), history.size());
    const QJsonArray points = made->value(u"forecasts"_s).toArray();
    for (int i = 0; i < days; ++i) {
        const QJsonObject p = points.at(i).toObject();
        QCOMPARE(p.value(u"model"_s).toString(), u"linear_regression"_s);
        QCOMPARE(p.value(u"forecast_date"_s).toString(),
                 QDateTime(m_now.date().addDays(i), QTime(0, 0), Qt::UTC)
                     .toString(u"yyyy-MM-ddT00:00:00.000Z"_s));
        QVERIFY2(std::abs(p.value(u"predicted_value"_s).toDouble() - predicted.at(i)) < 1e-9,
                 qPrintable(QString::number(p.value(u"predicted_value"_s).toDouble())));
        QVERIFY(std::abs(p.value(u"confidence_high"_s).toDouble() - (predicted.at(i) + margin)) <
                1e-9);
        QVERIFY(std::abs(p.value(u"confidence_low"_s).toDouble() - (predicted.at(i) - margin)) <
                1e-9);
    }
}

void TestAnalyticsService::forecastNeedsSevenDays_data()
{
    QTest::addColumn<int>("historyDays");
    QTest::addColumn<bool>("holtWinters");
    QTest::addColumn<bool>("ok");
    QTest::newRow("linear 6") << 6 << false << false;
    QTest::newRow("linear 7") << 7 << false << true;
    QTest::newRow("holt-winters 7") << 7 << true << false;
    QTest::newRow("holt-winters 14") << 14 << true << true;
}

void TestAnalyticsService::forecastNeedsSevenDays()
{
    QFETCH(int, historyDays);
    QFETCH(bool, holtWinters);
    QFETCH(bool, ok);
    QList<double> history;
    for (int i = 0; i < historyDays; ++i)
        history.append(20 + (i % 7) * 3);
    ingestDays(u"w2"_s, history);
    const auto made = m_analytics->forecast(u"w2"_s, u"participant_minutes"_s, 7, holtWinters);
    QCOMPARE(made.ok(), ok);
    if (!ok) {
        QCOMPARE(made.error().field, u"history"_s);
        // Says how many days there are.
        QVERIFY2(made.error().message.contains(u"has %1 of"_s.arg(historyDays)),
                 qPrintable(made.error().message));
    } else {
        QCOMPARE(
            made->value(u"forecasts"_s).toArray().at(0).toObject().value(u"model"_s).toString(),
            holtWinters ? u"holt_winters"_s : u"linear_regression"_s);
    }
    // Unknown metric.
    QCOMPARE(m_analytics->forecast(u"w2"_s, u"sessions"_s, 7, false).error().field,
             u"metric_type"_s);
}

void TestAnalyticsService::alertHoldsForItsDuration()
{
    // 40 participant minutes a minute ago; the alert wants > 30 for 5 min.
    domain::UsageEvent e;
    e.regionCode = u"eu-west"_s;
    e.waddleId = u"w3"_s;
    e.channelId = u"c"_s;
    e.participants = 4;
    e.durationSeconds = 600;
    e.quality = 4;
    e.startedAt = m_now.addSecs(-60);
    QVERIFY(m_analytics->ingest({e}));
    StoredAlert alert;
    alert.alert.projectId = u"w3"_s;
    alert.alert.name = u"busy"_s;
    alert.alert.metric = u"participant_minutes"_s;
    alert.alert.condition = domain::AlertCondition::Gt;
    alert.alert.threshold = 30;
    alert.alert.durationMinutes = 5;
    QVERIFY(m_analytics->createAlert(alert));
    QList<domain::AlertTrigger> delivered;
    m_analytics->setTriggerSink(
        [&delivered](const QList<domain::AlertTrigger> &fired) { delivered.append(fired); });

    // The loop, every minute from 09:31: the condition holds from its first
    // round, so it fires at 09:36, once.
    m_analytics->start(60 * 1000);
    m_clock->advance(5 * 60 * 1000);
    QCOMPARE(delivered.size(), 0);
    QCOMPARE(m_analytics->triggers(u"w3"_s, 10)->size(), 0);
    m_clock->advance(60 * 1000);
    QCOMPARE(delivered.size(), 1);
    QCOMPARE(delivered.first().value, 40.0);
    QCOMPARE(delivered.first().triggeredAt, m_now.addSecs(6 * 60));
    m_clock->advance(5 * 60 * 1000);
    QCOMPARE(delivered.size(), 1);
    // The 09:29 event leaves the 15-minute window at 09:44 (first clear
    // round); the second clear round, 09:45, resolves the trigger.
    m_clock->advance(3 * 60 * 1000);
    QVERIFY(m_analytics->triggers(u"w3"_s, 10)->first().status == domain::TriggerStatus::Triggered);
    m_clock->advance(60 * 1000);
    const auto triggers = m_analytics->triggers(u"w3"_s, 10);
    QCOMPARE(triggers->size(), 1);
    QVERIFY(triggers->first().status == domain::TriggerStatus::Resolved);
    m_analytics->stop();
}

namespace {

// A store an export's worker thread can open too: SQLite's in-memory one is
// the test's alone, so a file there; PostgreSQL's own schema.
struct ExportStore
{
    QTemporaryDir dir;
    std::unique_ptr<Database> database;

    ExportStore()
    {
        const QString location =
            test::onPostgreSql() ? storeLocation() : dir.filePath(u"store.db"_s);
        if (auto opened = Database::open(location))
            database = std::move(opened).value();
    }
    [[nodiscard]] QString exportDir() const { return dir.filePath(u"exports"_s); }
    // Two api_request points on 2030-01-01, and their CSV.
    [[nodiscard]] bool addPoints() const
    {
        QSqlQuery q(database->connection());
        return q.exec(u"INSERT INTO metric_points VALUES "
                      u"('fleet', 'api_request', '2030-01-01T00:00:00.000Z', 3), "
                      u"('fleet', 'api_request', '2030-01-01T00:01:00.000Z', 4.5)"_s);
    }
    static QByteArray csv()
    {
        return "metric,time,value\r\n"
               "api_request,2030-01-01T00:00:00.000Z,3\r\n"
               "api_request,2030-01-01T00:01:00.000Z,4.5\r\n";
    }
    [[nodiscard]] qint64 parts(const QString &id) const
    {
        QSqlQuery q(database->connection());
        q.prepare(u"SELECT COUNT(*) FROM export_parts WHERE job_id = ?"_s);
        q.addBindValue(id);
        return q.exec() && q.next() ? q.value(0).toLongLong() : -1;
    }
};

} // namespace

void TestAnalyticsService::interruptedExportsRunAgain()
{
    // What stopped control planes leave behind: a job pending, one a runner
    // was processing (its first try), one that stopped three of them, one
    // completed.
    ExportStore store;
    QVERIFY(store.database);
    QVERIFY(store.addPoints());
    struct Left
    {
        QString id;
        QString status;
        int attempts;
    };
    for (const Left &left :
         {Left{u"pending"_s, u"pending"_s, 0}, Left{u"processing"_s, u"processing"_s, 1},
          Left{u"stuck"_s, u"processing"_s, 3}, Left{u"completed"_s, u"completed"_s, 1}}) {
        QSqlQuery q(store.database->connection());
        q.prepare(u"INSERT INTO export_jobs (id, project_id, export_type, date_from, date_to, "
                  u"metrics, status, created_at, runner, attempts) VALUES (?, 'fleet', 'csv', "
                  u"'2030-01-01', '2030-01-01', 'api_request', ?, '2030-01-01T00:00:00.000Z', "
                  u"'gone', ?)"_s);
        q.addBindValue(left.id);
        q.addBindValue(left.status);
        q.addBindValue(left.attempts);
        QVERIFY(q.exec());
    }
    ExportService exports(*store.database, store.exportDir(), 2, *m_clock);
    QSignalSpy finished(&exports, &ExportService::finished);
    QTest::qWait(50);
    QCOMPARE(exports.job(u"pending"_s)->status, u"pending"_s); // not before it runs jobs
    exports.setRunsJobs(true);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
    for (const auto &[id, attempts] : {std::pair(u"pending"_s, 1), std::pair(u"processing"_s, 2)}) {
        const auto job = exports.job(id);
        QVERIFY(job);
        QVERIFY2(job->status == u"completed", qPrintable(job->status + u": "_s + job->error));
        QCOMPARE(job->attempts, attempts);
        QVERIFY(job->runner != u"gone");
        QCOMPARE(job->rows, qint64(2));
        QVERIFY(job->completedAt == m_now);
        QCOMPARE(job->filePath.isEmpty(), exports.storesInDatabase());
        QCOMPARE(exports.content(*job).value(), ExportStore::csv());
        QCOMPARE(
            job->sha256,
            QString::fromLatin1(
                QCryptographicHash::hash(ExportStore::csv(), QCryptographicHash::Sha256).toHex()));
    }
    const auto stuck = exports.job(u"stuck"_s);
    QCOMPARE(stuck->status, u"failed"_s);
    QVERIFY2(stuck->error.startsWith(u"interrupted"_s) && stuck->error.contains(u"3 times"_s),
             qPrintable(stuck->error));
    QVERIFY(stuck->completedAt == m_now);
    QCOMPARE(exports.job(u"completed"_s)->status, u"completed"_s);
    QCOMPARE(exports.job(u"completed"_s)->attempts, 1);
    QCOMPARE(finished.size(), 2);
}

void TestAnalyticsService::exportsRunWhereJobsRun()
{
    // Two instances on one store: the one that does not run jobs (a
    // follower) stores the job; the leader runs it; either serves the bytes.
    ExportStore store;
    QVERIFY(store.database);
    QVERIFY(store.addPoints());
    ExportService follower(*store.database, store.exportDir(), 2, *m_clock);
    ExportService leader(*store.database, store.exportDir(), 2, *m_clock);
    QSignalSpy followerFinished(&follower, &ExportService::finished);
    QSignalSpy leaderFinished(&leader, &ExportService::finished);
    leader.setRunsJobs(true);
    const auto created = follower.create(u"fleet"_s, u"csv"_s, QDate(2030, 1, 1), QDate(2030, 1, 1),
                                         {u"api_request"_s});
    QVERIFY(created);
    QTest::qWait(100);
    QCOMPARE(follower.job(created->id)->status, u"pending"_s);
    leader.takeUp(); // its tick
    QTRY_COMPARE_WITH_TIMEOUT(leaderFinished.size(), 1, 30000);
    const auto done = follower.job(created->id);
    QCOMPARE(done->status, u"completed"_s);
    QCOMPARE(done->attempts, 1);
    QCOMPARE(follower.content(*done).value(), ExportStore::csv());
    QCOMPARE(leader.content(*done).value(), ExportStore::csv());
    QCOMPARE(store.parts(done->id), qint64(follower.storesInDatabase() ? 1 : 0));
    // A tick again starts nothing: the job is done, not pending.
    leader.takeUp();
    QTest::qWait(100);
    QCOMPARE(leaderFinished.size(), 1);
    QCOMPARE(followerFinished.size(), 0);
    // The follower that becomes leader takes up nothing twice.
    follower.setRunsJobs(true);
    QTest::qWait(100);
    QCOMPARE(followerFinished.size(), 0);
    QCOMPARE(follower.job(created->id)->attempts, 1);

    // Bytes that are gone are said so (404), not served as an empty file.
    if (follower.storesInDatabase()) {
        QSqlQuery q(store.database->connection());
        QVERIFY(q.exec(u"DELETE FROM export_parts"_s));
    } else {
        QVERIFY(QFile::remove(done->filePath));
    }
    const auto gone = follower.content(*done);
    QVERIFY(!gone);
    QCOMPARE(gone.error().kind, StoreError::Kind::NotFound);
}

void TestAnalyticsService::exportTakenOverIsDropped()
{
    // A leader that lost its job to another instance while it ran (it lost
    // the lock, the other took the job up again) keeps nothing of its run.
    ExportStore store;
    QVERIFY(store.database);
    QVERIFY(store.addPoints());
    ExportService exports(*store.database, store.exportDir(), 2, *m_clock);
    QSignalSpy finished(&exports, &ExportService::finished);
    exports.setRunsJobs(true);
    const auto created = exports.create(u"fleet"_s, u"csv"_s, QDate(2030, 1, 1), QDate(2030, 1, 1),
                                        {u"api_request"_s});
    QVERIFY(created);
    // Before its end reaches this thread: another runner holds it now.
    QSqlQuery q(store.database->connection());
    q.prepare(u"UPDATE export_jobs SET runner = 'other', attempts = 2 WHERE id = ?"_s);
    q.addBindValue(created->id);
    QVERIFY(q.exec());
    QVERIFY(finished.wait(30000));
    const auto job = exports.job(created->id);
    QCOMPARE(job->status, u"processing"_s); // the other's to finish
    QCOMPARE(job->runner, u"other"_s);
    QCOMPARE(store.parts(created->id), qint64(0));
    QVERIFY(!QFile::exists(QDir(store.exportDir()).filePath(created->id + u".csv"_s)));
}

void TestAnalyticsService::exportNumbersAsQtWritesThem_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("whole") << 43.0 << QByteArray("43");
    QTest::newRow("half") << -2.5 << QByteArray("-2.5");
    QTest::newRow("tenth") << 0.1 << QByteArray("0.10000000000000001");
    QTest::newRow("a seventh of 999") << 999 / 7.0 << QByteArray("142.71428571428572");
    QTest::newRow("17 digits") << 12345678901234567.0 << QByteArray("12345678901234568");
    QTest::newRow("18 digits") << 123456789012345678.0 << QByteArray("1.2345678901234568e+17");
    QTest::newRow("small") << 0.0001 << QByteArray("0.0001");
    QTest::newRow("smaller") << 0.00001 << QByteArray("1.0000000000000001e-05");
    QTest::newRow("huge") << 1e300 << QByteArray("1.0000000000000001e+300");
    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << QByteArray("inf");
}

void TestAnalyticsService::exportNumbersAsQtWritesThem()
{
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    char out[kMaxNumberText];
    const char *end = writeExportNumber(out, value);
    QCOMPARE(QByteArray(out, end - out), text);
    QCOMPARE(QByteArray(out, end - out), QByteArray::number(value, 'g', 17));
    // And as Qt writes any other number: sums of minutes, and raw bits.
    QRandomGenerator random(1234);
    for (int i = 0; i < 2000; ++i) {
        const double sum = double(random.bounded(1'000'000)) / double(1 + random.bounded(999));
        quint64 bits = random.generate64();
        double raw = 0;
        std::memcpy(&raw, &bits, sizeof raw);
        for (const double number : {sum, raw}) {
            end = writeExportNumber(out, number);
            QCOMPARE(QByteArray(out, end - out), QByteArray::number(number, 'g', 17));
        }
    }
}

void TestAnalyticsService::csvExportStreamsEveryRow_data()
{
    QTest::addColumn<int>("points");
    QTest::newRow("three") << 3;
    // About 2.4 MB: more than one chunk of ChunkedOutput (1 MiB).
    QTest::newRow("50,000") << 50'000;
}

void TestAnalyticsService::csvExportStreamsEveryRow()
{
    QFETCH(int, points);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto opened = Database::open(dir.filePath(u"store.db"_s));
    QVERIFY(opened);
    const Database &database = *opened.value();
    // Points a minute apart from 2030-01-01, values i / 7 (and one outside
    // the range, the day after).
    QVariantList projects, metrics, minutes, values;
    const QDateTime first(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i <= points; ++i) {
        projects.append(u"fleet"_s);
        metrics.append(u"storage_usage"_s);
        minutes.append(
            domain::toIsoString(i < points ? first.addSecs(60 * i)
                                           : QDateTime(QDate(2030, 3, 1), QTime(0, 0), Qt::UTC)));
        values.append(i / 7.0);
    }
    QSqlQuery q(database.connection());
    QVERIFY(q.prepare(u"INSERT INTO metric_points VALUES (?, ?, ?, ?)"_s));
    q.addBindValue(projects);
    q.addBindValue(metrics);
    q.addBindValue(minutes);
    q.addBindValue(values);
    QVERIFY(q.execBatch());

    ExportService exports(database, dir.filePath(u"exports"_s), 2, *m_clock);
    exports.setRunsJobs(true);
    QSignalSpy finished(&exports, &ExportService::finished);
    const auto created = exports.create(u"fleet"_s, u"csv"_s, QDate(2030, 1, 1), QDate(2030, 2, 28),
                                        {u"storage_usage"_s});
    QVERIFY(created);
    QVERIFY(finished.wait(30000));
    const auto job = exports.job(created->id);
    QVERIFY(job);
    QCOMPARE(job->status, u"completed"_s);
    QCOMPARE(job->rows, qint64(points));

    const QByteArray bytes = exports.content(*job).value();
    // The first rows by hand; all of them as the row-by-row export wrote them.
    QVERIFY(bytes.startsWith("metric,time,value\r\n"
                             "storage_usage,2030-01-01T00:00:00.000Z,0\r\n"
                             "storage_usage,2030-01-01T00:01:00.000Z,0.14285714285714285\r\n"
                             "storage_usage,2030-01-01T00:02:00.000Z,0.2857142857142857\r\n"));
    QByteArray expected("metric,time,value\r\n");
    for (int i = 0; i < points; ++i) {
        expected += "storage_usage," + minutes.at(i).toString().toLatin1() + ',' +
                    QByteArray::number(i / 7.0, 'g', 17) + "\r\n";
    }
    QCOMPARE(bytes.size(), expected.size());
    QVERIFY(bytes == expected);
    QCOMPARE(job->fileSize, qint64(expected.size()));
    QCOMPARE(job->sha256,
             QString::fromLatin1(
                 QCryptographicHash::hash(expected, QCryptographicHash::Sha256).toHex()));
}

void TestAnalyticsService::apiRequestsReadWithoutWriting()
{
    const auto stored = [this] {
        QSqlQuery q(m_database->connection());
        q.exec(u"SELECT COALESCE(SUM(value), 0) FROM metric_points WHERE metric = 'api_request'"_s);
        return q.next() ? q.value(0).toDouble() : -1.0;
    };
    const auto current = [this]() -> double {
        const auto json = m_analytics->realtime(u"fleet"_s);
        if (!json)
            return -1;
        for (const QJsonValue &metric : json->value(u"metrics"_s).toArray()) {
            if (metric.toObject().value(u"metric_name"_s).toString() == u"api_request")
                return metric.toObject().value(u"value"_s).toDouble();
        }
        return -2;
    };
    // Three requests in this minute: read from memory, nothing written.
    for (int i = 0; i < 3; ++i)
        m_analytics->countApiRequest();
    QCOMPARE(current(), 3.0);
    QCOMPARE(m_analytics->metricValue(u"fleet"_s, u"api_request"_s).value(), 3.0);
    QCOMPARE(stored(), 0.0);
    // The next minute's first request writes the finished minute (and the
    // current one); a read still counts each once.
    m_clock->advance(60 * 1000);
    m_analytics->countApiRequest();
    QCOMPARE(stored(), 4.0);
    m_analytics->countApiRequest();
    QCOMPARE(current(), 5.0);
    QVERIFY(m_analytics->flushApiRequests());
    QCOMPARE(stored(), 5.0);
    QCOMPARE(current(), 5.0);
    // A waddle's project has no API requests of its own.
    QCOMPARE(m_analytics->metricValue(u"w-1"_s, u"api_request"_s).value(), 0.0);
}

namespace {
// Participant minutes by "HH:mm" of their minute.
using Metered = QMap<QString, double>;
} // namespace

void TestAnalyticsService::realtimeCardsCarryTheirMinutes_data()
{
    // ingestWindowEvents' participant minutes by their minute, for the
    // fleet and for w1 (08:50 is before both windows, w2's 09:10 is not
    // w1's); every other minute of 09:01–09:30 is 0.
    QTest::addColumn<QString>("project");
    QTest::addColumn<Metered>("metered");
    QTest::newRow("fleet") << u"fleet"_s
                           << Metered{{u"09:10"_s, 12},
                                      {u"09:15"_s, 5},
                                      {u"09:20"_s, 10},
                                      {u"09:25"_s, 10},
                                      {u"09:29"_s, 40}};
    QTest::newRow("w1") << u"w1"_s
                        << Metered{{u"09:15"_s, 5},
                                   {u"09:20"_s, 10},
                                   {u"09:25"_s, 10},
                                   {u"09:29"_s, 40}};
    QTest::newRow("a waddle without usage") << u"w9"_s << Metered{};
}

void TestAnalyticsService::realtimeCardsCarryTheirMinutes()
{
    QFETCH(QString, project);
    QFETCH(Metered, metered);
    ingestWindowEvents();
    const auto json = m_analytics->realtime(project);
    QVERIFY(json);
    const QJsonArray metrics = json->value(u"metrics"_s).toArray();
    QCOMPARE(metrics.size(), 5);
    const QJsonObject card = metrics.at(0).toObject();
    QCOMPARE(card.value(u"metric_name"_s).toString(), u"participant_minutes"_s);
    // Now is 09:30: the minutes 09:01 … 09:30.
    const QJsonArray points = card.value(u"points"_s).toArray();
    QCOMPARE(points.size(), 30);
    double current = 0;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const QString minute = QTime(9, 1).addSecs(60 * i).toString(u"HH:mm"_s);
        const QJsonObject point = points.at(i).toObject();
        QCOMPARE(point.value(u"timestamp"_s).toString(),
                 m_now.date().toString(Qt::ISODate) + u'T' + minute + u":00.000Z"_s);
        QCOMPARE(point.value(u"value"_s).toDouble(), metered.value(minute, 0.0));
        if (i >= 15)
            current += point.value(u"value"_s).toDouble();
    }
    // The card's value is its last 15 minutes summed.
    QCOMPARE(card.value(u"value"_s).toDouble(), current);
    // Every built-in card has its 30 minutes, 0 where nothing was metered.
    for (const QJsonValue &metric : metrics)
        QCOMPARE(metric.toObject().value(u"points"_s).toArray().size(), 30);
}

void TestAnalyticsService::apiRequestMinutesCountOnce()
{
    // 09:30's request and 09:31's first are written when 09:31 begins; three
    // more are counted in memory: 09:31 is one point of 4, not two.
    m_analytics->countApiRequest();
    m_clock->advance(60 * 1000);
    m_analytics->countApiRequest();
    m_analytics->countApiRequest();
    m_analytics->countApiRequest();
    m_analytics->countApiRequest();
    const auto json = m_analytics->realtime(u"fleet"_s);
    QVERIFY(json);
    const QJsonObject card = json->value(u"metrics"_s).toArray().at(4).toObject();
    QCOMPARE(card.value(u"metric_name"_s).toString(), u"api_request"_s);
    const QJsonArray points = card.value(u"points"_s).toArray();
    QCOMPARE(points.size(), 30);
    QVERIFY(points.at(29).toObject().value(u"timestamp"_s).toString().endsWith(u"T09:31:00.000Z"));
    QCOMPARE(points.at(28).toObject().value(u"value"_s).toDouble(), 1.0);
    QCOMPARE(points.at(29).toObject().value(u"value"_s).toDouble(), 4.0);
    QCOMPARE(points.at(27).toObject().value(u"value"_s).toDouble(), 0.0);
    QCOMPARE(card.value(u"value"_s).toDouble(), 5.0);
}

void TestAnalyticsService::ingestWindowEvents()
{
    struct Row
    {
        const char *region;
        const char *waddle;
        int participants;
        double seconds;
        double quality;
        double latency;
        QTime at;
    };
    const Row rows[] = {
        {"eu-west", "w1", 4, 600, 4.0, 30, QTime(9, 29)},  // current: 40 p·min
        {"eu-west", "w1", 2, 300, 3.0, 50, QTime(9, 20)},  // current: 10
        {"us-east", "w1", 10, 60, 4.5, 120, QTime(9, 25)}, // current: 10
        {"eu-west", "w2", 6, 120, 2.0, 80, QTime(9, 10)},  // previous: 12
        {"eu-west", "w1", 5, 60, 4.0, 10, QTime(9, 15)},   // previous (its edge): 5
        {"eu-west", "w1", 3, 60, 3.5, 40, QTime(8, 50)},   // in neither
    };
    QList<domain::UsageEvent> events;
    for (const Row &row : rows) {
        domain::UsageEvent e;
        e.regionCode = QString::fromLatin1(row.region);
        e.waddleId = QString::fromLatin1(row.waddle);
        e.channelId = u"c"_s;
        e.participants = row.participants;
        e.durationSeconds = row.seconds;
        e.quality = row.quality;
        e.latencyMs = row.latency;
        e.startedAt = QDateTime(m_now.date(), row.at, Qt::UTC);
        events.append(e);
    }
    QVERIFY(m_analytics->ingest(events));
}

StoredMetric TestAnalyticsService::makeMetric(const QString &project,
                                              const QList<domain::MetricFilter> &filter,
                                              const QString &valueField, const QString &aggregation)
{
    domain::CustomMetric metric;
    metric.projectId = project;
    metric.name = u"custom one"_s;
    metric.unit = u"u"_s;
    metric.aggregation = domain::aggregationFromString(aggregation).value();
    metric.valueField = valueField;
    metric.filter = filter;
    return StoredMetric{metric, true, {}};
}

void TestAnalyticsService::customMetricValues_data()
{
    using domain::FilterOp;
    using domain::MetricFilter;
    QTest::addColumn<QString>("project");
    QTest::addColumn<QList<MetricFilter>>("filter");
    QTest::addColumn<QString>("valueField");
    QTest::addColumn<QString>("aggregation");
    QTest::addColumn<QVariant>("current"); // invalid: no value
    QTest::addColumn<QVariant>("previous");

    const QList<MetricFilter> none;
    const QList<MetricFilter> euWest{{u"region"_s, FilterOp::Eq, u"eu-west"_s}};
    QTest::newRow("fleet sum of participant minutes: 40+10+10 | 12+5")
        << u"fleet"_s << none << u"participant_minutes"_s << u"sum"_s << QVariant(60.0)
        << QVariant(17.0);
    QTest::newRow("eu-west average latency: (30+50)/2 | (80+10)/2")
        << u"fleet"_s << euWest << u"latency_ms"_s << u"avg"_s << QVariant(40.0) << QVariant(45.0);
    QTest::newRow("calls of 4 or more: E1, E3 | E4, E6")
        << u"fleet"_s << QList<MetricFilter>{{u"participant_count"_s, FilterOp::Gte, 4}}
        << u"participant_minutes"_s << u"count"_s << QVariant(2.0) << QVariant(2.0);
    QTest::newRow("waddle w1 worst quality: min(4, 3, 4.5) | 4")
        << u"w1"_s << none << u"quality"_s << u"min"_s << QVariant(3.0) << QVariant(4.0);
    QTest::newRow("us-east max latency: 120 | no events")
        << u"fleet"_s << QList<MetricFilter>{{u"region"_s, FilterOp::In, QJsonArray{u"us-east"_s}}}
        << u"latency_ms"_s << u"max"_s << QVariant(120.0) << QVariant();
    QTest::newRow("w2 outside eu-west: no events at all")
        << u"w2"_s << QList<MetricFilter>{{u"region"_s, FilterOp::Ne, u"eu-west"_s}} << u"quality"_s
        << u"avg"_s << QVariant() << QVariant();
    QTest::newRow("w2 sum with no current events is 0")
        << u"w2"_s << none << u"duration_seconds"_s << u"sum"_s << QVariant(0.0) << QVariant(120.0);
}

void TestAnalyticsService::customMetricValues()
{
    QFETCH(QString, project);
    QFETCH(QList<domain::MetricFilter>, filter);
    QFETCH(QString, valueField);
    QFETCH(QString, aggregation);
    QFETCH(QVariant, current);
    QFETCH(QVariant, previous);
    ingestWindowEvents();
    const StoredMetric metric = makeMetric(project, filter, valueField, aggregation);
    QVERIFY(m_analytics->createMetric(metric.metric, true));

    const UsageRepository usage(*m_database);
    const auto windows = customMetricWindows(usage, metric.metric, m_now, std::chrono::minutes(15));
    QVERIFY(windows);
    QCOMPARE(windows->current.has_value(), current.isValid());
    QCOMPARE(windows->previous.has_value(), previous.isValid());
    if (current.isValid())
        QCOMPARE(*windows->current, current.toDouble());
    if (previous.isValid())
        QCOMPARE(*windows->previous, previous.toDouble());

    // The alert loop's value and the real-time card read the same.
    const auto value = m_analytics->metricValue(project, metric.metric.name);
    QVERIFY(value);
    QCOMPARE(value->has_value(), current.isValid());
    if (current.isValid())
        QCOMPARE(value->value(), current.toDouble());
    const auto realtime = m_analytics->realtime(project);
    QVERIFY(realtime);
    const QJsonArray metrics = realtime->value(u"metrics"_s).toArray();
    QCOMPARE(metrics.size(), 6); // five built-in, then ours
    const QJsonObject card = metrics.last().toObject();
    QCOMPARE(card.value(u"metric_name"_s).toString(), u"custom one"_s);
    QCOMPARE(card.value(u"unit"_s).toString(), u"u"_s);
    QVERIFY(card.value(u"custom"_s).toBool());
    QCOMPARE(card.value(u"value"_s).isNull(), !current.isValid());
    if (current.isValid())
        QCOMPARE(card.value(u"value"_s).toDouble(), current.toDouble());
    const double now = current.toDouble();
    const double before = previous.toDouble();
    const double change = before == 0 ? (now > 0 ? 100.0 : 0.0) : (now - before) / before * 100.0;
    QCOMPARE(card.value(u"change_rate"_s).toDouble(), change);
    const QString trend = std::abs(change) < 5 ? u"stable"_s : change > 0 ? u"up"_s : u"down"_s;
    QCOMPARE(card.value(u"trend"_s).toString(), trend);

    // An inactive metric has no card.
    auto stored = m_analytics->metrics(project);
    QVERIFY(stored);
    StoredMetric off = stored->first();
    off.active = false;
    QVERIFY(m_analytics->updateMetric(off));
    QCOMPARE(m_analytics->realtime(project)->value(u"metrics"_s).toArray().size(), 5);
}

void TestAnalyticsService::alertOnCustomMetricFires()
{
    ingestWindowEvents();
    const StoredMetric metric = makeMetric(
        u"fleet"_s, {{u"region"_s, domain::FilterOp::Eq, u"eu-west"_s}}, u"latency_ms"_s, u"avg"_s);
    QVERIFY(m_analytics->createMetric(metric.metric, true));
    StoredAlert alert;
    alert.alert.projectId = u"fleet"_s;
    alert.alert.name = u"eu slow"_s;
    alert.alert.metric = metric.metric.name;
    alert.alert.condition = domain::AlertCondition::Gt;
    alert.alert.threshold = 35;
    alert.alert.durationMinutes = 0;
    QVERIFY(m_analytics->createAlert(alert));
    const auto checked = m_analytics->checkAlerts(u"fleet"_s);
    QVERIFY(checked);
    QCOMPARE(checked->checked, 1);
    QCOMPARE(checked->fired.size(), 1);
    QCOMPARE(checked->fired.first().value, 40.0); // (30 + 50) / 2
    // An unknown custom name is refused, naming the field.
    alert.alert.metric = u"no such metric"_s;
    const auto refused = m_analytics->createAlert(alert);
    QVERIFY(!refused);
    QCOMPARE(refused.error().field, u"metric_name"_s);
}

QTEST_GUILESS_MAIN(TestAnalyticsService)
#include "tst_analyticsservice.moc"
