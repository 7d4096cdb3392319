// JobsModel and FailoverController (core/client/, issue 13) with the
// ApiClient's failover and migration calls, against a real control plane
// with the demo fleet over HTTP: the dry run stores nothing, a healthy region
// needs force (a 409 naming the field otherwise), a forced failover followed
// live to completion and failed back, moves refused by a reject_rooms fault
// counted as failed, migrations previewed (nothing stored) and run, bad input
// answered with nothing changed, and the polling fallback without a stream.
#include "client/apiclient.h"
#include "client/failovercontroller.h"
#include "client/jobsmodel.h"
#include "client/liveevents.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::await;

namespace {

using test::regionsOfWaddles;

// A stream for the backend, connected.
bool startEvents(LiveEvents &events, const ApiClient &api)
{
    QSignalSpy connected(&events, &LiveEvents::connected);
    events.start(api.options().baseUrl, api.options().apiKey);
    return connected.wait(5000);
}

} // namespace

class TestJobsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dryRunStoresNothing();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void failoverFollowedLiveAndFailedBack();
    void refusedMovesCountAsFailed();
    void migrationPreviewAndRun();
    void pollsWithoutStream();

private:
    void slowRooms(const QStringList &regions, const QString &kind = u"slow_rooms"_s);

    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
};

void TestJobsModel::init()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
}

void TestJobsModel::cleanup()
{
    m_api.reset();
    m_backend.reset();
}

void TestJobsModel::slowRooms(const QStringList &regions, const QString &kind)
{
    for (const QString &code : regions)
        QVERIFY(await(m_api->injectFault(code, kind, 40)).ok());
}

void TestJobsModel::dryRunStoresNothing()
{
    const QHash<QString, QString> before = regionsOfWaddles(*m_api);
    const qint64 onRegion = std::count(before.cbegin(), before.cend(), u"asia-ne"_s);
    QVERIFY(onRegion > 0);
    const auto plan = await(m_api->failoverDryRun(u"asia-ne"_s));
    QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().message));
    QCOMPARE(plan->region, u"asia-ne"_s);
    QCOMPARE(plan->moves.size(), onRegion);
    const FailoverTally counts = tally(plan->moves);
    QCOMPARE(counts.affected, onRegion);
    for (const FailoverMove &move : plan->moves) {
        QCOMPARE(move.from, u"asia-ne"_s);
        if (move.state == MoveState::Unplaced) {
            QVERIFY(move.to.isEmpty());
            QVERIFY(!move.error.isEmpty()); // the why the wizard shows
        } else {
            QVERIFY(!move.to.isEmpty() && move.to != u"asia-ne"_s);
        }
    }
    QVERIFY(!plan->capacity.isEmpty());
    for (const CapacityChange &c : plan->capacity) {
        QVERIFY(c.after >= c.before);
        QVERIFY(c.after <= c.maximum);
    }
    const auto listed = await(m_api->failovers(0, 20));
    QVERIFY(listed.ok());
    QCOMPARE(listed->total, 0);
    QCOMPARE(regionsOfWaddles(*m_api), before);
}

void TestJobsModel::badInputChangesNothing_data()
{
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("field");

    QTest::newRow("healthy region without force") << u"start asia-ne"_s << 409 << u"force"_s;
    QTest::newRow("unknown region, dry run") << u"dry mars-1"_s << 404 << QString();
    QTest::newRow("unknown region") << u"start mars-1"_s << 404 << QString();
    QTest::newRow("unknown failover") << u"get nope"_s << 404 << QString();
    QTest::newRow("fail back unknown") << u"failback nope"_s << 404 << QString();
    QTest::newRow("migrate to unknown") << u"migrate mars-1"_s << 404 << QString();
    QTest::newRow("cancel unknown") << u"cancel nope"_s << 404 << QString();
}

void TestJobsModel::badInputChangesNothing()
{
    QFETCH(QString, call);
    QFETCH(int, status);
    QFETCH(QString, field);

    const QHash<QString, QString> before = regionsOfWaddles(*m_api);
    const QString verb = call.section(u' ', 0, 0);
    const QString arg = call.section(u' ', 1, 1);
    std::optional<ApiError> error;
    const auto keep = [&error](const auto &result) {
        if (!result.ok())
            error = result.error();
    };
    if (verb == u"start")
        keep(await(m_api->startFailover(arg, false)));
    else if (verb == u"dry")
        keep(await(m_api->failoverDryRun(arg)));
    else if (verb == u"get")
        keep(await(m_api->failover(arg)));
    else if (verb == u"failback")
        keep(await(m_api->failBack(arg)));
    else if (verb == u"migrate")
        keep(await(m_api->createMigrations({before.cbegin().key()}, arg, false)));
    else if (verb == u"cancel")
        keep(await(m_api->cancelMigration(arg)));
    QVERIFY2(error.has_value(), qPrintable(call));
    QVERIFY(error->kind == ApiError::Kind::Http);
    QCOMPARE(error->status, status);
    QVERIFY(!error->message.isEmpty());
    QCOMPARE(error->field, field);
    QCOMPARE(regionsOfWaddles(*m_api), before);
    QCOMPARE(await(m_api->failovers(0, 20))->total, 0);
    QCOMPARE(await(m_api->migrations(0, 20))->total, 0);
}

void TestJobsModel::failoverFollowedLiveAndFailedBack()
{
    // Slow rooms keep the job running long enough to be followed.
    slowRooms({u"asia-se"_s, u"us-west"_s, u"us-east"_s, u"eu-west"_s, u"eu-north"_s});
    const QHash<QString, QString> before = regionsOfWaddles(*m_api);
    LiveEvents events;
    QVERIFY(startEvents(events, *m_api));

    JobsModel jobs(*m_api);
    QAbstractItemModelTester tester(&jobs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    jobs.setLiveEvents(&events);
    jobs.setPollInterval(std::chrono::hours(1)); // only the stream may update it
    FailoverController controller(*m_api, jobs, &events);
    QSignalSpy finished(&controller, &FailoverController::finished);
    QSignalSpy failed(&controller, &FailoverController::failed);

    QVERIFY(await(controller.dryRun(u"asia-ne"_s)));
    QVERIFY(controller.plan().has_value());
    const qint64 affected = controller.plan()->moves.size();
    QCOMPARE(jobs.rowCount(), 0); // a dry run is no job

    QVERIFY(!await(controller.start(false))); // healthy: needs force
    QCOMPARE(failed.size(), 1);
    QVERIFY(controller.lastError().contains(u"force"_s) ||
            controller.lastError().contains(u"offline"_s));
    QCOMPARE(jobs.rowCount(), 0);

    QVERIFY(await(controller.start(true)));
    QVERIFY(controller.job().has_value());
    const QString id = controller.job()->id;
    QCOMPARE(jobs.rowCount(), 1);
    QCOMPARE(jobs.data(jobs.index(0, 0), JobsModel::IdRole).toString(), id);
    QVERIFY(jobs.data(jobs.index(0, 0), JobsModel::RunningRole).toBool());

    QVERIFY(finished.wait(20000));
    QVERIFY(controller.job()->state == FailoverState::Completed);
    QVERIFY(controller.batches() > 0);
    QCOMPARE(controller.batch(), controller.batches());
    const FailoverTally done = tally(controller.job()->moves);
    QCOMPARE(done.affected, affected);
    QCOMPARE(done.pending, 0);
    QCOMPARE(done.succeeded + done.unplaced, affected);
    QCOMPARE(jobs.data(jobs.index(0, 0), JobsModel::ProgressRole).toInt(), 100);
    QCOMPARE(jobs.data(jobs.index(0, 0), JobsModel::StateNameRole).toString(), u"completed"_s);
    QVERIFY(!jobs.data(jobs.index(0, 0), JobsModel::RunningRole).toBool());
    QVERIFY(controller.canFailBack());
    QVERIFY(regionsOfWaddles(*m_api) != before);

    QVERIFY(await(controller.failBack()));
    QTRY_VERIFY_WITH_TIMEOUT(controller.job()->state == FailoverState::FailedBack, 20000);
    QCOMPARE(jobs.data(jobs.index(0, 0), JobsModel::StateNameRole).toString(), u"failed_back"_s);
    QCOMPARE(jobs.data(jobs.index(0, 0)).toString(), u"Fail-back of asia-ne"_s);
    QVERIFY(!controller.canFailBack());
    QCOMPARE(regionsOfWaddles(*m_api), before);
}

void TestJobsModel::refusedMovesCountAsFailed()
{
    const auto plan = await(m_api->failoverDryRun(u"asia-ne"_s));
    QVERIFY(plan.ok());
    // Every other region refuses rooms: each move fails, nothing moves. (Not
    // only the dry run's targets: the run plans again on the loads of the
    // moment, which the demo fleet varies, and may overflow elsewhere.)
    const auto regions = await(m_api->regions());
    QVERIFY(regions.ok());
    QStringList targets;
    for (const domain::Region &r : *regions)
        if (r.code != u"asia-ne"_s)
            targets.append(r.code);
    QVERIFY(targets.size() >= 2);
    slowRooms(targets, u"reject_rooms"_s);
    const QHash<QString, QString> before = regionsOfWaddles(*m_api);

    JobsModel jobs(*m_api);
    QAbstractItemModelTester tester(&jobs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    jobs.setPollInterval(std::chrono::milliseconds(100));
    FailoverController controller(*m_api, jobs);
    QSignalSpy finished(&controller, &FailoverController::finished);
    QVERIFY(await(controller.dryRun(u"asia-ne"_s)));
    QVERIFY(await(controller.start(true)));
    QVERIFY(finished.wait(20000));
    const FailoverTally counts = tally(controller.job()->moves);
    QCOMPARE(counts.succeeded, 0);
    QCOMPARE(counts.failed + counts.unplaced, counts.affected);
    QVERIFY(counts.failed > 0);
    for (const FailoverMove &move : controller.job()->moves) {
        if (move.state == MoveState::Failed)
            QVERIFY(!move.error.isEmpty());
    }
    QVERIFY(controller.job()->state == FailoverState::Failed);
    QVERIFY(!controller.canFailBack());
    QCOMPARE(regionsOfWaddles(*m_api), before);
}

void TestJobsModel::migrationPreviewAndRun()
{
    const auto page = await(m_api->waddles(0, 1));
    QVERIFY(page.ok() && !page->items.isEmpty());
    const Waddle waddle = page->items.constFirst();
    const QString to = waddle.currentRegion == u"eu-west"_s ? u"us-east"_s : u"eu-west"_s;

    const auto preview = await(m_api->createMigrations({waddle.id}, to, true));
    QVERIFY2(preview.ok(), qPrintable(preview.ok() ? QString() : preview.error().message));
    QCOMPARE(preview->size(), 1);
    QCOMPARE(preview->constFirst().from, waddle.currentRegion);
    QCOMPARE(preview->constFirst().to, to);
    QVERIFY(!preview->constFirst().preview.groups.isEmpty());
    qint64 members = 0;
    for (const PreviewGroup &g : preview->constFirst().preview.groups)
        members += g.members;
    QVERIFY(members > 0);
    QCOMPARE(await(m_api->migrations(0, 20))->total, 0); // nothing stored

    LiveEvents events;
    QVERIFY(startEvents(events, *m_api));
    JobsModel jobs(*m_api);
    QAbstractItemModelTester tester(&jobs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    jobs.setLiveEvents(&events);
    jobs.setPollInterval(std::chrono::hours(1));
    QSignalSpy changed(&jobs, &JobsModel::jobChanged);

    const auto created = await(m_api->createMigrations({waddle.id}, to, false));
    QVERIFY(created.ok());
    const QString id = created->constFirst().id;
    QCOMPARE(created->constFirst().steps.size(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(
        jobs.rowOf(id) >= 0 &&
            jobs.data(jobs.index(jobs.rowOf(id), 0), JobsModel::StateNameRole).toString() ==
                u"completed"_s,
        15000);
    const int row = jobs.rowOf(id);
    QCOMPARE(jobs.data(jobs.index(row, 0), JobsModel::ProgressRole).toInt(), 100);
    QCOMPARE(jobs.data(jobs.index(row, 0)).toString(),
             u"Migration of %1: %2 → %3"_s.arg(waddle.id, waddle.currentRegion, to));
    QVERIFY(changed.size() >= 2); // created, steps, finished
    QCOMPARE(await(m_api->waddle(waddle.id))->waddle.currentRegion, to);

    // Too late to cancel: a 409, and the migration stays completed.
    const auto cancel = await(m_api->cancelMigration(id));
    QVERIFY(!cancel.ok());
    QCOMPARE(cancel.error().status, 409);
    QVERIFY(await(m_api->migration(id))->state == MigrationState::Completed);
}

void TestJobsModel::pollsWithoutStream()
{
    slowRooms({u"asia-se"_s, u"us-west"_s, u"us-east"_s, u"eu-west"_s, u"eu-north"_s});
    const auto started = await(m_api->startFailover(u"asia-ne"_s, true));
    QVERIFY(started.ok());
    JobsModel jobs(*m_api);
    QAbstractItemModelTester tester(&jobs, QAbstractItemModelTester::FailureReportingMode::QtTest);
    jobs.setPollInterval(std::chrono::milliseconds(100));
    QVERIFY(await(jobs.refresh()));
    QCOMPARE(jobs.rowCount(), 1);
    QVERIFY(jobs.data(jobs.index(0, 0), JobsModel::RunningRole).toBool());
    QCOMPARE(jobs.data(jobs.index(0, 0)).toString(), u"Failover of asia-ne"_s);
    // No stream: the poll alone brings it to its end.
    QTRY_COMPARE_WITH_TIMEOUT(jobs.data(jobs.index(0, 0), JobsModel::StateNameRole).toString(),
                              u"completed"_s, 20000);
    QCOMPARE(jobs.runningCount(), 0);
    QCOMPARE(jobs.rowCount(), 1);

    // A refresh against a server that is gone fails and keeps the rows.
    QSignalSpy refreshFailed(&jobs, &JobsModel::refreshFailed);
    m_backend.reset();
    QVERIFY(!await(jobs.refresh()));
    QCOMPARE(refreshFailed.size(), 1);
    QVERIFY(!jobs.lastError().isEmpty());
    QCOMPARE(jobs.rowCount(), 1);
}

QTEST_MAIN(TestJobsModel)
#include "tst_jobsmodel.moc"
