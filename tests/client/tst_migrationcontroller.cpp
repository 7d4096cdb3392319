// MigrationController (core/client/, issue 13), the migration wizard's flow
// without widgets, against a real control plane with the demo fleet over
// HTTP: every region with its preview (the same as the server's own dry run
// for that region), the recommendation first, the waddle's own region not
// offered (with the server's reason); a drain lists every waddle of the
// region; a migration followed live to completion, one rolled back under a
// reject_rooms fault, a scheduled one cancelled; bad input refused with
// nothing stored.
#include "client/apiclient.h"
#include "client/jobsmodel.h"
#include "client/liveevents.h"
#include "client/migrationcontroller.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::client;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using waddle::test::await;

class TestMigrationController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void targetsOfOneWaddle();
    void targetsOfADrain();
    void runsLiveToCompletion();
    void rollsBackUnderRejectRooms();
    void scheduledOneCancelled();
    void badStartChangesNothing_data();
    void badStartChangesNothing();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<LiveEvents> m_events;
    std::unique_ptr<JobsModel> m_jobs;
    Waddle m_waddle;
    QString m_target;
};

void TestMigrationController::init()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
    m_events = std::make_unique<LiveEvents>();
    QSignalSpy connected(m_events.get(), &LiveEvents::connected);
    m_events->start(m_api->options().baseUrl, m_api->options().apiKey);
    QVERIFY(connected.wait(5000));
    m_jobs = std::make_unique<JobsModel>(*m_api);
    m_jobs->setLiveEvents(m_events.get());
    const auto page = await(m_api->waddles(0, 1));
    QVERIFY(page.ok() && !page->items.isEmpty());
    m_waddle = page->items.constFirst();
    m_target = m_waddle.currentRegion == u"eu-west"_s ? u"us-east"_s : u"eu-west"_s;
}

void TestMigrationController::cleanup()
{
    m_jobs.reset();
    m_events.reset();
    m_api.reset();
    m_backend.reset();
}

void TestMigrationController::targetsOfOneWaddle()
{
    MigrationController controller(*m_api, *m_jobs);
    controller.setWaddles({m_waddle.id});
    QSignalSpy ready(&controller, &MigrationController::targetsReady);
    QVERIFY(await(controller.loadTargets()));
    QCOMPARE(ready.count(), 1);
    const auto regions = await(m_api->regions());
    QVERIFY(regions.ok());
    QCOMPARE(controller.targets().size(), regions->size()); // every region
    // The server's recommendation first, marked, and only it.
    const auto answer = await(m_api->recommendation(m_waddle.id));
    QVERIFY(answer.ok() && answer->recommendation);
    QCOMPARE(controller.serverRecommendation(), answer->recommendation->regionCode);
    const MigrationTarget &first = controller.targets().constFirst();
    if (answer->recommendation->regionCode != m_waddle.currentRegion) {
        QCOMPARE(first.code, answer->recommendation->regionCode);
        QVERIFY(first.recommended);
    }
    QCOMPARE(std::count_if(controller.targets().cbegin(), controller.targets().cend(),
                           [](const MigrationTarget &t) { return t.recommended; }),
             1);
    // Each possible region's preview is the server's dry run for it; its
    // score the recommendation's.
    bool afterImpossible = false;
    for (const MigrationTarget &t : controller.targets()) {
        if (t.code == m_waddle.currentRegion) {
            QVERIFY2(!t.possible(), "the waddle's own region is no target");
            QVERIFY(!t.problem.isEmpty());
        }
        if (!t.possible()) {
            afterImpossible = true;
            continue;
        }
        QVERIFY2(!afterImpossible || t.recommended, "possible targets come first");
        QCOMPARE(t.waddles, 1);
        const auto dryRun = await(m_api->createMigrations({m_waddle.id}, t.code, true));
        QVERIFY(dryRun.ok() && dryRun->size() == 1);
        QVERIFY(t.preview == dryRun->constFirst().preview);
        QVERIFY(!t.preview.groups.isEmpty());
        for (const RegionScore &score : answer->recommendation->scores) {
            if (score.code == t.code && score.eligible) {
                QVERIFY(t.score.has_value());
                QCOMPARE(*t.score, score.score);
            }
        }
    }
    QCOMPARE(test::storedMigrations(*m_api), 0); // previews store nothing
}

void TestMigrationController::targetsOfADrain()
{
    const QHash<QString, QString> before = test::regionsOfWaddles(*m_api);
    const QString drained = m_waddle.currentRegion;
    const qint64 onRegion = std::count(before.cbegin(), before.cend(), drained);
    QVERIFY(onRegion > 0);
    MigrationController controller(*m_api, *m_jobs);
    controller.setDrain(drained);
    QVERIFY(await(controller.loadTargets()));
    QVERIFY(!controller.targets().isEmpty());
    QVERIFY(!controller.target(drained)); // not a target of itself
    const MigrationTarget &best = controller.targets().constFirst();
    QVERIFY(best.recommended && best.possible());
    QCOMPARE(best.waddles, onRegion);
    // Lowest mean RTT after the move among the possible ones.
    for (const MigrationTarget &t : controller.targets()) {
        if (t.possible()) {
            QCOMPARE(t.waddles, onRegion);
            QVERIFY(best.preview.meanAfterMs <= t.preview.meanAfterMs);
        }
    }
    qint64 members = 0;
    for (const PreviewGroup &g : best.preview.groups)
        members += g.members;
    QVERIFY(best.preview.faster + best.preview.slower <= members);
    QCOMPARE(test::storedMigrations(*m_api), 0);
    QCOMPARE(test::regionsOfWaddles(*m_api), before);
}

void TestMigrationController::runsLiveToCompletion()
{
    QVERIFY(await(m_api->injectFault(m_target, u"slow_rooms"_s, 40)).ok());
    MigrationController controller(*m_api, *m_jobs);
    controller.setWaddles({m_waddle.id});
    QSignalSpy finished(&controller, &MigrationController::finished);
    QSignalSpy changed(&controller, &MigrationController::migrationsChanged);
    QVERIFY(await(controller.start(m_target)));
    QCOMPARE(controller.migrations().size(), 1);
    QVERIFY(m_jobs->rowOf(controller.migrations().constFirst().id) >= 0); // in the dock
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.count(), 1);
    QVERIFY(changed.count() >= 3); // created, then live step changes
    const Migration &m = controller.migrations().constFirst();
    QVERIFY(m.state == MigrationState::Completed);
    for (const MigrationStep &step : m.steps) {
        QVERIFY(step.state == StepState::Done);
        QVERIFY(step.startedAt && step.finishedAt);
    }
    QCOMPARE(controller.tally().completed, 1);
    QVERIFY(!controller.canCancel());
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_target);
}

void TestMigrationController::rollsBackUnderRejectRooms()
{
    QVERIFY(await(m_api->injectFault(m_target, u"reject_rooms"_s)).ok());
    MigrationController controller(*m_api, *m_jobs);
    controller.setWaddles({m_waddle.id});
    QSignalSpy finished(&controller, &MigrationController::finished);
    QVERIFY(await(controller.start(m_target)));
    QVERIFY(finished.wait(15000));
    const Migration &m = controller.migrations().constFirst();
    QVERIFY(m.state == MigrationState::RolledBack);
    QVERIFY(!m.error.isEmpty());
    QVERIFY(m.steps.constFirst().state == StepState::Failed); // prepare
    for (qsizetype i = 1; i < m.steps.size(); ++i)
        QVERIFY(m.steps.at(i).state == StepState::Skipped);
    const MigrationTally t = controller.tally();
    QCOMPARE(t.rolledBack, 1);
    QCOMPARE(t.finished(), 1);
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_waddle.currentRegion);
}

void TestMigrationController::scheduledOneCancelled()
{
    MigrationController controller(*m_api, *m_jobs);
    controller.setWaddles({m_waddle.id});
    QSignalSpy finished(&controller, &MigrationController::finished);
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(3600);
    QVERIFY(await(controller.start(m_target, at)));
    const Migration &scheduled = controller.migrations().constFirst();
    QVERIFY(scheduled.state == MigrationState::Scheduled);
    QCOMPARE(scheduled.startAt.toSecsSinceEpoch(), at.toSecsSinceEpoch());
    QVERIFY(controller.canCancel());
    QVERIFY(!controller.isFinished());
    QVERIFY(await(controller.cancel()));
    QCOMPARE(finished.count(), 1);
    QVERIFY(controller.migrations().constFirst().state == MigrationState::Cancelled);
    QVERIFY(!controller.canCancel());
    QVERIFY(await(m_api->migration(scheduled.id))->state == MigrationState::Cancelled);
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_waddle.currentRegion);
}

void TestMigrationController::badStartChangesNothing_data()
{
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("startInSeconds"); // 0: now
    QTest::addColumn<int>("status");

    QTest::newRow("good: now") << u"target"_s << 0 << 202;
    QTest::newRow("its own region") << u"current"_s << 0 << 400;
    QTest::newRow("unknown region") << u"xx-nowhere"_s << 0 << 404;
    QTest::newRow("start in the past") << u"target"_s << -3600 << 400;
}

void TestMigrationController::badStartChangesNothing()
{
    QFETCH(QString, to);
    QFETCH(int, startInSeconds);
    QFETCH(int, status);
    if (to == u"target"_s)
        to = m_target;
    else if (to == u"current"_s)
        to = m_waddle.currentRegion;
    MigrationController controller(*m_api, *m_jobs);
    controller.setWaddles({m_waddle.id});
    QSignalSpy failed(&controller, &MigrationController::failed);
    std::optional<QDateTime> at;
    if (startInSeconds != 0)
        at = QDateTime::currentDateTimeUtc().addSecs(startInSeconds);
    const bool started = await(controller.start(to, at));
    if (status == 202) {
        QVERIFY(started);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(test::storedMigrations(*m_api), 1);
        return;
    }
    QVERIFY(!started);
    QCOMPARE(failed.count(), 1);
    QVERIFY(!failed.constFirst().constFirst().toString().isEmpty()); // the server's words
    QCOMPARE(controller.lastError(), failed.constFirst().constFirst().toString());
    QVERIFY(!controller.isStarted());
    QCOMPARE(test::storedMigrations(*m_api), 0);
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_waddle.currentRegion);
}

QTEST_MAIN(TestMigrationController)
#include "tst_migrationcontroller.moc"
