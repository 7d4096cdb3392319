// FailoverWizard and JobsDock (ui/operations/, issue 13) driven offscreen,
// as a person would with the keyboard and the wizard's buttons, against a
// real control plane with the demo fleet: a healthy region failed over only
// once its code is typed, followed live to completion and failed back; moves
// refused by a reject_rooms fault shown failed with why; an offline region
// (demo fault) under the "confirm" policy confirmed rather than duplicated,
// fail-back offered only once it is back online; a start the server refuses
// said plainly with nothing changed; the jobs dock opening a job. Screenshots
// of every page, light and dark, in $WADDLE_SCREENSHOT_DIR (else
// <working dir>/screenshots).

#include "client/apiclient.h"
#include "client/failovercontroller.h"
#include "client/jobsmodel.h"
#include "client/liveevents.h"
#include "client/regionfeed.h"
#include "client/regionsmodel.h"
#include "client/session.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"
#include "ui/common/services.h"
#include "ui/map/regiondetailspanel.h"
#include "ui/operations/capacitybars.h"
#include "ui/operations/failoverwizard.h"
#include "ui/operations/jobsdock.h"
#include "ui/operations/movesmodel.h"
#include "ui/theme.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using client::ApiClient;
using ui::FailoverWizard;
using waddle::test::await;

namespace {

using test::regionsOfWaddles;
using test::screenshotDir;

// What the main window makes once and hands to every screen, live.
struct World
{
    explicit World(test::TestBackend &backend)
    {
        const ApiClient::Options options = test::clientOptionsFor(backend);
        api = std::make_unique<ApiClient>(options);
        session.setServer(options.baseUrl);
        session.setApiKey(options.apiKey);
        const auto answer = await(api->regions());
        if (answer.ok())
            regions.setRegions(answer.value());
        feed = std::make_unique<client::RegionFeed>(*api, session, events, regions, nullptr);
        jobs = std::make_unique<client::JobsModel>(*api);
        jobs->setLiveEvents(&events);
        events.start(options.baseUrl, options.apiKey);
        services.api = api.get();
        services.session = &session;
        services.events = &events;
        services.regions = &regions;
        services.jobs = jobs.get();
        services.demo = true;
    }

    [[nodiscard]] bool isOffline(const QString &code) const
    {
        const Region *r = regions.region(regions.rowOf(code));
        return r && r->status == RegionStatus::Offline;
    }

    std::unique_ptr<ApiClient> api;
    client::Session session;
    client::RegionsModel regions;
    client::LiveEvents events;
    std::unique_ptr<client::RegionFeed> feed;
    std::unique_ptr<client::JobsModel> jobs;
    ui::Services services;
};

QAbstractButton *commitButton(FailoverWizard &wizard)
{
    return wizard.button(QWizard::CommitButton);
}

QTableView *visibleMoves(FailoverWizard &wizard)
{
    for (QTableView *view : wizard.currentPage()->findChildren<QTableView *>()) {
        if (view->isVisible())
            return view;
    }
    return nullptr;
}

// From the first page to the confirmation, the dry run answered and the
// region's code typed; false when the dry run did not come.
bool walkToConfirm(FailoverWizard &wizard, const QString &code)
{
    wizard.show();
    wizard.next();
    if (!QTest::qWaitFor([&] { return wizard.button(QWizard::NextButton)->isEnabled(); }, 10000))
        return false;
    wizard.next();
    QTest::keyClicks(wizard.currentPage()->findChild<QLineEdit *>(u"forceCode"_s), code);
    return wizard.currentId() == FailoverWizard::ConfirmPage;
}

QString label(FailoverWizard &wizard, const QString &name)
{
    const auto *l = wizard.currentPage()->findChild<QLabel *>(name);
    return l ? l->text() : QString();
}

} // namespace

class TestFailoverWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void healthyRegionNeedsItsCodeThenFailsOverAndBack_data();
    void healthyRegionNeedsItsCodeThenFailsOverAndBack();
    void refusedMovesShownFailedWithWhy();
    void offlineRegionUnderConfirmPolicy();
    void refusedStartSaidPlainly();
    void jobsDockOpensTheJob();
    void regionPanelAsksForTheWizard();

private:
    void startBackend(bool confirmPolicy = false);
    void faults(const QStringList &regions, const QString &kind);
    QStringList targetsOf(const QString &region);

    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<World> m_world;
};

void TestFailoverWizard::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
}

void TestFailoverWizard::init() {}

void TestFailoverWizard::cleanup()
{
    m_world.reset();
    m_backend.reset();
    ui::applyTheme(false);
}

void TestFailoverWizard::startBackend(bool confirmPolicy)
{
    m_backend = std::make_unique<test::TestBackend>([confirmPolicy](cp::ControlPlaneOptions &o) {
        o.healthIntervalMs = 200;
        o.failoverConfirm = confirmPolicy;
    });
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_world = std::make_unique<World>(*m_backend);
    QCOMPARE(m_world->regions.rowCount(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(m_world->events.isConnected(), 10000);
}

void TestFailoverWizard::faults(const QStringList &regions, const QString &kind)
{
    for (const QString &code : regions)
        QVERIFY(await(m_world->api->injectFault(code, kind, kind == u"slow_rooms" ? 40 : 0)).ok());
}

QStringList TestFailoverWizard::targetsOf(const QString &region)
{
    QStringList out;
    const auto plan = await(m_world->api->failoverDryRun(region));
    if (plan) {
        for (const CapacityChange &c : plan->capacity)
            out.append(c.region);
    }
    return out;
}

void TestFailoverWizard::healthyRegionNeedsItsCodeThenFailsOverAndBack_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestFailoverWizard::healthyRegionNeedsItsCodeThenFailsOverAndBack()
{
    QFETCH(bool, dark);
    startBackend();
    ui::applyTheme(dark);
    const QString theme = dark ? u"dark"_s : u"light"_s;
    const QString dir = screenshotDir();
    faults(targetsOf(u"asia-ne"_s), u"slow_rooms"_s); // slow enough to watch
    const QHash<QString, QString> before = regionsOfWaddles(*m_world->api);
    const auto plan = await(m_world->api->failoverDryRun(u"asia-ne"_s));
    QVERIFY(plan.ok());

    FailoverWizard wizard(m_world->services, u"asia-ne"_s);
    wizard.resize(dark ? QSize(900, 640) : QSize(1000, 720));
    wizard.show();
    QCOMPARE(wizard.currentId(), int(FailoverWizard::ChoosePage));
    auto *box = wizard.findChild<QComboBox *>(u"regionBox"_s);
    QVERIFY(box);
    QCOMPARE(box->currentData().toString(), u"asia-ne"_s);
    QVERIFY(label(wizard, u"regionStatus"_s).contains(u"online"_s));
    QVERIFY(wizard.grab().save(dir + u"/failover-1-region-%1.png"_s.arg(theme)));

    // The dry run, as the server plans it.
    wizard.next();
    QCOMPARE(wizard.currentId(), int(FailoverWizard::DryRunPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 10000);
    QTableView *moves = visibleMoves(wizard);
    QVERIFY(moves);
    QCOMPARE(moves->model()->rowCount(), plan->moves.size());
    QCOMPARE(moves->model()->index(0, ui::MovesModel::FromColumn).data().toString(),
             m_world->regions.region(m_world->regions.rowOf(u"asia-ne"_s))->name);
    // The page shows the plan the server gave the wizard. Its loads are live
    // (the health checks move them every 200 ms), so against the test's own
    // dry run only what they do not touch: the same waddles leave asia-ne.
    const std::optional<FailoverJob> &shown = wizard.controller().plan();
    QVERIFY(shown);
    const auto leaving = [](const FailoverJob &job) {
        QStringList out;
        for (const FailoverMove &move : job.moves)
            out.append(move.from + u'/' + move.waddleId);
        out.sort();
        return out;
    };
    QCOMPARE(leaving(*shown), leaving(*plan));
    auto *bars = wizard.currentPage()->findChild<ui::CapacityBars *>();
    QVERIFY(bars);
    QVERIFY(!shown->capacity.isEmpty());
    QCOMPARE(bars->changes(), shown->capacity);
    QCOMPARE(bars->lines().size(), shown->capacity.size());
    QVERIFY(label(wizard, u"planSummary"_s)
                .contains(u"can move: %1"_s.arg(tally(shown->moves).pending)));
    QVERIFY(wizard.grab().save(dir + u"/failover-2-dry-run-%1.png"_s.arg(theme)));
    QCOMPARE(await(m_world->api->failovers(0, 10))->total, 0); // a dry run stores nothing

    // Confirm: the code, typed exactly.
    wizard.next();
    QCOMPARE(wizard.currentId(), int(FailoverWizard::ConfirmPage));
    auto *code = wizard.currentPage()->findChild<QLineEdit *>(u"forceCode"_s);
    QVERIFY(code && code->isVisible());
    QVERIFY(!commitButton(wizard)->isEnabled());
    QTest::keyClicks(code, u"asia-se"_s);
    QVERIFY(!commitButton(wizard)->isEnabled());
    code->clear();
    QTest::keyClicks(code, u"asia-ne"_s);
    QVERIFY(commitButton(wizard)->isEnabled());
    QVERIFY(wizard.grab().save(dir + u"/failover-3-confirm-%1.png"_s.arg(theme)));
    commitButton(wizard)->click();

    // Live progress to the end.
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(FailoverWizard::ProgressPage), 10000);
    QVERIFY(wizard.controller().job().has_value());
    QVERIFY(wizard.controller().job()->trigger == FailoverTrigger::Operator);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled() || wizard.controller().isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(wizard.controller().isFinished(), 20000);
    QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    const FailoverTally done = tally(wizard.controller().job()->moves);
    QCOMPARE(
        label(wizard, u"counts"_s),
        u"%1 succeeded · 0 failed · %2 cannot be placed · 0 waiting (of %3)"_s.arg(done.succeeded)
            .arg(done.unplaced)
            .arg(done.affected));
    QCOMPARE(done.succeeded + done.unplaced, plan->moves.size());
    QCOMPARE(label(wizard, u"batches"_s),
             u"Batch %1 of %1 done"_s.arg(wizard.controller().batches()));
    moves = visibleMoves(wizard);
    QCOMPARE(moves->model()->rowCount(), plan->moves.size());
    QCOMPARE(moves->model()->index(0, ui::MovesModel::OutcomeColumn).data().toString(),
             done.unplaced == 0 ? u"Moved"_s : moves->model()->index(0, 3).data().toString());
    QVERIFY(wizard.grab().save(dir + u"/failover-4-progress-%1.png"_s.arg(theme)));
    QVERIFY(regionsOfWaddles(*m_world->api) != before);

    // Summary: asia-ne is online, so fail-back is offered; by keyboard.
    wizard.next();
    QCOMPARE(wizard.currentId(), int(FailoverWizard::SummaryPage));
    auto *failBack = wizard.currentPage()->findChild<QPushButton *>(u"failBack"_s);
    QVERIFY(failBack && failBack->isVisible() && failBack->isEnabled());
    QCOMPARE(label(wizard, u"summaryState"_s), u"Completed"_s);
    QVERIFY(wizard.grab().save(dir + u"/failover-5-summary-%1.png"_s.arg(theme)));
    failBack->setFocus();
    QTest::keyClick(failBack, Qt::Key_Space);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.controller().job()->state == FailoverState::FailedBack, 20000);
    QTRY_COMPARE(label(wizard, u"summaryState"_s), u"Failed back: the waddles are home"_s);
    QVERIFY(!failBack->isVisible());
    QCOMPARE(regionsOfWaddles(*m_world->api), before);
    QVERIFY(wizard.grab().save(dir + u"/failover-6-failed-back-%1.png"_s.arg(theme)));
}

void TestFailoverWizard::refusedMovesShownFailedWithWhy()
{
    startBackend();
    faults(targetsOf(u"asia-ne"_s), u"reject_rooms"_s);
    const QHash<QString, QString> before = regionsOfWaddles(*m_world->api);
    FailoverWizard wizard(m_world->services, u"asia-ne"_s);
    QVERIFY(walkToConfirm(wizard, u"asia-ne"_s));
    commitButton(wizard)->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(FailoverWizard::ProgressPage), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.controller().isFinished(), 20000);
    const FailoverTally t = tally(wizard.controller().job()->moves);
    QVERIFY(t.failed > 0);
    QCOMPARE(t.succeeded, 0);
    QTableView *moves = visibleMoves(wizard);
    int failedRows = 0;
    for (int row = 0; row < moves->model()->rowCount(); ++row) {
        const QModelIndex outcome = moves->model()->index(row, ui::MovesModel::OutcomeColumn);
        if (outcome.data().toString() != u"Failed"_s)
            continue;
        ++failedRows;
        QVERIFY(
            !moves->model()->index(row, ui::MovesModel::ReasonColumn).data().toString().isEmpty());
        QVERIFY(outcome.data(Qt::BackgroundRole).isValid()); // highlighted
    }
    QCOMPARE(failedRows, t.failed);
    QVERIFY(wizard.grab().save(screenshotDir() + u"/failover-4-progress-refused.png"_s));
    wizard.next();
    QCOMPARE(label(wizard, u"summaryState"_s), u"Failed: no waddle could be moved"_s);
    QVERIFY(!wizard.currentPage()->findChild<QPushButton *>(u"failBack"_s)->isVisible());
    QCOMPARE(regionsOfWaddles(*m_world->api), before);
}

void TestFailoverWizard::offlineRegionUnderConfirmPolicy()
{
    startBackend(true);
    const QHash<QString, QString> before = regionsOfWaddles(*m_world->api);
    faults({u"us-west"_s}, u"offline"_s);
    // Detected (200 ms checks), held for an operator.
    QTRY_VERIFY_WITH_TIMEOUT(m_world->isOffline(u"us-west"_s), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_world->jobs->pendingFailover(u"us-west"_s).isEmpty(), 10000);
    const QString pending = m_world->jobs->pendingFailover(u"us-west"_s);

    FailoverWizard wizard(m_world->services, u"us-west"_s);
    wizard.show();
    QVERIFY(label(wizard, u"regionStatus"_s).contains(u"offline"_s));
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 10000);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(FailoverWizard::ConfirmPage));
    QVERIFY(!wizard.currentPage()->findChild<QLineEdit *>(u"forceCode"_s)->isVisible());
    QVERIFY(commitButton(wizard)->isEnabled()); // offline: no code to type
    commitButton(wizard)->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(FailoverWizard::ProgressPage), 10000);
    QCOMPARE(wizard.controller().job()->id, pending); // confirmed, not a second job
    QTRY_VERIFY_WITH_TIMEOUT(wizard.controller().isFinished(), 20000);
    QCOMPARE(await(m_world->api->failovers(0, 10))->total, 1);
    wizard.next();
    auto *failBack = wizard.currentPage()->findChild<QPushButton *>(u"failBack"_s);
    QVERIFY(failBack->isVisible());
    QVERIFY(!failBack->isEnabled()); // still offline
    QVERIFY(label(wizard, u"failBackHint"_s).contains(u"online again"_s));
    QVERIFY(wizard.grab().save(screenshotDir() + u"/failover-5-summary-offline.png"_s));

    QVERIFY(await(m_world->api->clearFault(u"us-west"_s)).ok());
    QTRY_VERIFY_WITH_TIMEOUT(failBack->isEnabled(), 10000);
    failBack->click();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.controller().job()->state == FailoverState::FailedBack, 20000);
    QCOMPARE(regionsOfWaddles(*m_world->api), before);
}

void TestFailoverWizard::refusedStartSaidPlainly()
{
    startBackend();
    faults(targetsOf(u"asia-ne"_s), u"slow_rooms"_s);
    FailoverWizard wizard(m_world->services, u"asia-ne"_s);
    QVERIFY(walkToConfirm(wizard, u"asia-ne"_s));
    // Someone else was quicker.
    const auto other = await(m_world->api->startFailover(u"asia-ne"_s, true));
    QVERIFY(other.ok());
    commitButton(wizard)->click();
    QTRY_VERIFY_WITH_TIMEOUT(label(wizard, u"startError"_s)
                                 .startsWith(u"The failover did not "
                                             "start: "_s),
                             10000);
    QCOMPARE(wizard.currentId(), int(FailoverWizard::ConfirmPage));
    QVERIFY(commitButton(wizard)->isEnabled()); // can try again
    QCOMPARE(await(m_world->api->failovers(0, 10))->total, 1);
    QVERIFY(wizard.grab().save(screenshotDir() + u"/failover-3-confirm-refused.png"_s));
}

void TestFailoverWizard::jobsDockOpensTheJob()
{
    startBackend();
    faults(targetsOf(u"asia-ne"_s), u"slow_rooms"_s);
    ui::JobsDock dock(*m_world->jobs);
    dock.resize(700, 200);
    dock.show();
    const auto started = await(m_world->api->startFailover(u"asia-ne"_s, true));
    QVERIFY(started.ok());
    // Live: the started event brings it in.
    QTRY_COMPARE_WITH_TIMEOUT(dock.view()->model()->rowCount(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(
        !dock.view()->model()->index(0, 0).data(client::JobsModel::RunningRole).toBool(), 20000);
    QCOMPARE(dock.view()->model()->index(0, client::JobsModel::ProgressColumn).data().toString(),
             u"100 %"_s);
    QVERIFY(dock.grab().save(screenshotDir() + u"/jobs-dock.png"_s));

    QSignalSpy open(&dock, &ui::JobsDock::openRequested);
    dock.view()->setFocus();
    dock.view()->setCurrentIndex(dock.view()->model()->index(0, 0));
    QTest::keyClick(dock.view(), Qt::Key_Return);
    QCOMPARE(open.size(), 1);
    QCOMPARE(open.at(0).at(1).toString(), started->id);

    FailoverWizard wizard(m_world->services);
    wizard.openJob(started->id);
    wizard.show();
    QCOMPARE(wizard.currentId(), int(FailoverWizard::ProgressPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.controller().isFinished(), 10000);
    QCOMPARE(wizard.selectedRegion(), u"asia-ne"_s);
    QCOMPARE(label(wizard, u"jobState"_s), u"Completed"_s);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestFailoverWizard::regionPanelAsksForTheWizard()
{
    ui::RegionDetailsPanel panel;
    QSignalSpy asked(&panel, &ui::RegionDetailsPanel::failoverRequested);
    panel.show();
    QVERIFY(!panel.failoverButton()->isVisible()); // no region yet
    panel.failoverButton()->click();
    QCOMPARE(asked.size(), 0);
    Region region;
    region.code = u"us-west"_s;
    region.name = u"US West"_s;
    region.status = RegionStatus::Offline;
    panel.setRegion(region);
    QVERIFY(panel.failoverButton()->isVisible());
    // By keyboard: it has a mnemonic, and takes focus and Space.
    QCOMPARE(QKeySequence::mnemonic(panel.failoverButton()->text()),
             QKeySequence(Qt::ALT | Qt::Key_L));
    QVERIFY(panel.failoverButton()->focusPolicy() & Qt::TabFocus);
    panel.failoverButton()->setFocus();
    QTest::keyClick(panel.failoverButton(), Qt::Key_Space);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).at(0).toString(), u"us-west"_s);
}

QTEST_MAIN(TestFailoverWizard)
#include "tst_failoverwizard.moc"
