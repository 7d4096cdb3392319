// OptimiserController (core/client/, issue 13), Operations › Optimise
// Fleet… without widgets, against a real control plane with the demo fleet
// over HTTP: the dry run lists the server's proposals and stores nothing;
// applying chosen ones starts one migration each (reason optimization) that
// the jobs model follows; a refused one (its waddle already migrating) is
// reported by waddle while the others still start.
#include "client/apiclient.h"
#include "client/jobsmodel.h"
#include "client/optimisercontroller.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::await;

class TestOptimiserController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void dryRunListsTheServersProposals();
    void applyStartsTheChosenOnes();
    void refusedOneReportedOthersStart();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<JobsModel> m_jobs;
};

void TestOptimiserController::init()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
    m_jobs = std::make_unique<JobsModel>(*m_api);
}

void TestOptimiserController::cleanup()
{
    m_jobs.reset();
    m_api.reset();
    m_backend.reset();
}

void TestOptimiserController::dryRunListsTheServersProposals()
{
    OptimiserController controller(*m_api, *m_jobs);
    QSignalSpy ready(&controller, &OptimiserController::proposalsReady);
    QVERIFY(!controller.hasResult());
    QVERIFY(await(controller.run()));
    QCOMPARE(ready.count(), 1);
    // The same as the raw answer, field by field.
    const QJsonObject raw = m_backend
                                ->send("POST", u"/api/v1/optimiser/run"_s, {{u"dry_run"_s, true}},
                                       m_backend->adminKey())
                                .json();
    const QJsonArray proposals = raw[u"proposals"_s].toArray();
    const OptimiserRun &run = controller.result();
    QVERIFY(!run.proposals.isEmpty()); // the demo fleet has some
    QCOMPARE(run.proposals.size(), proposals.size());
    QCOMPARE(run.considered, raw[u"considered"_s].toInteger());
    QCOMPARE(run.skipped, raw[u"skipped"_s].toInteger());
    for (qsizetype i = 0; i < proposals.size(); ++i) {
        const OptimiserProposal &p = run.proposals.at(i);
        const QJsonObject json = proposals.at(i).toObject();
        QCOMPARE(p.waddleId, json[u"waddle_id"_s].toString());
        QCOMPARE(p.from, json[u"from"_s].toString());
        QCOMPARE(p.to, json[u"to"_s].toString());
        QCOMPARE(p.improvementPercent, json[u"improvement"_s].toDouble());
        QVERIFY(p.improvementPercent > 20.0); // the threshold
        QCOMPARE(p.affectedUsers, json[u"affected_users"_s].toInteger());
        QCOMPARE(p.preview.groups.size(), json[u"preview"_s][u"groups"_s].toArray().size());
        QVERIFY(p.migrationId.isEmpty());
    }
    QCOMPARE(test::storedMigrations(*m_api), 0);
}

void TestOptimiserController::applyStartsTheChosenOnes()
{
    OptimiserController controller(*m_api, *m_jobs);
    QVERIFY(await(controller.run()));
    QVERIFY(!controller.result().proposals.isEmpty());
    const OptimiserProposal chosen = controller.result().proposals.constLast();
    QSignalSpy applied(&controller, &OptimiserController::applied);
    QVERIFY(await(controller.apply({int(controller.result().proposals.size() - 1)})));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(controller.started().size(), 1);
    const Migration &m = controller.started().constFirst();
    QCOMPARE(m.waddleId, chosen.waddleId);
    QCOMPARE(m.from, chosen.from);
    QCOMPARE(m.to, chosen.to);
    QVERIFY(m.reason == MigrationReason::Optimization);
    QVERIFY(m_jobs->rowOf(m.id) >= 0); // the dock follows it
    QVERIFY(controller.problems().isEmpty());
    QCOMPARE(test::storedMigrations(*m_api), 1);
    QVERIFY(await(m_api->migration(m.id))->reason == MigrationReason::Optimization);
}

void TestOptimiserController::refusedOneReportedOthersStart()
{
    OptimiserController controller(*m_api, *m_jobs);
    QVERIFY(await(controller.run()));
    QVERIFY(controller.result().proposals.size() >= 2);
    const OptimiserProposal busy = controller.result().proposals.at(0);
    const OptimiserProposal free = controller.result().proposals.at(1);
    // The first one's waddle is already migrating (scheduled in an hour).
    QVERIFY(await(m_api->createMigrations({busy.waddleId}, busy.to, false,
                                          QDateTime::currentDateTimeUtc().addSecs(3600)))
                .ok());
    QSignalSpy failed(&controller, &OptimiserController::failed);
    QVERIFY(!await(controller.apply({0, 1})));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(controller.problems().size(), 1);
    QVERIFY(controller.problems().constFirst().startsWith(busy.waddleId + u": "_s));
    QCOMPARE(controller.started().size(), 1);
    QCOMPARE(controller.started().constFirst().waddleId, free.waddleId);
    QCOMPARE(test::storedMigrations(*m_api), 2); // the scheduled one and the free one
}

QTEST_MAIN(TestOptimiserController)
#include "tst_optimisercontroller.moc"
