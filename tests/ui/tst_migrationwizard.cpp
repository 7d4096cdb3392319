// MigrationWizard (ui/operations/, issue 13) end to end against a real
// control plane with the demo fleet: the target page (the recommendation
// first, every region with who gets faster or slower, signed), the when page,
// the live steps to completion, a rollback under a reject_rooms fault said
// plainly, a scheduled migration cancelled, a drain's targets, an existing
// migration opened at its steps (the jobs dock's way in), and the whole way
// by keyboard; screenshots in light and dark in $WADDLE_SCREENSHOT_DIR (else
// <working dir>/screenshots).

#include "client/apiclient.h"
#include "client/jobsmodel.h"
#include "client/liveevents.h"
#include "client/migrationcontroller.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"
#include "ui/common/services.h"
#include "ui/operations/migrationwizard.h"
#include "ui/operations/previewmap.h"
#include "ui/theme.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDateTimeEdit>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using client::ApiClient;
using ui::MigrationWizard;
using waddle::test::await;

class TestMigrationWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void previewThenRunToCompletion();
    void rollbackSaidPlainly();
    void scheduledThenCancelled();
    void drainListsOtherRegions();
    void existingMigrationOpenedAtItsSteps();
    void keyboardOnly();

private:
    [[nodiscard]] static QString label(QWidget &w, const QString &name)
    {
        const auto *l = w.findChild<QLabel *>(name);
        return l ? l->text() : QString();
    }
    [[nodiscard]] static QTableWidget *table(QWidget &w, const QString &name)
    {
        return w.findChild<QTableWidget *>(name);
    }
    // Shows the wizard for the test's waddle and waits for the targets.
    bool openAtTargets(MigrationWizard &wizard);
    // The target table's row of `code`, or -1.
    static int rowOf(QTableWidget &targets, const QString &code);

    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<client::LiveEvents> m_events;
    std::unique_ptr<client::JobsModel> m_jobs;
    ui::Services m_services;
    [[nodiscard]] QString nameOf(const QString &code) const { return m_names.value(code, code); }

    Waddle m_waddle;
    QString m_target;
    QHash<QString, QString> m_names; // code → name, as the wizard says them
};

void TestMigrationWizard::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
}

void TestMigrationWizard::init()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
    m_events = std::make_unique<client::LiveEvents>();
    QSignalSpy connected(m_events.get(), &client::LiveEvents::connected);
    m_events->start(m_api->options().baseUrl, m_api->options().apiKey);
    QVERIFY(connected.wait(5000));
    m_jobs = std::make_unique<client::JobsModel>(*m_api);
    m_jobs->setLiveEvents(m_events.get());
    m_services.api = m_api.get();
    m_services.events = m_events.get();
    m_services.jobs = m_jobs.get();
    const auto page = await(m_api->waddles(0, 1));
    QVERIFY(page.ok() && !page->items.isEmpty());
    m_waddle = page->items.constFirst();
    m_target = m_waddle.currentRegion == u"eu-west"_s ? u"us-east"_s : u"eu-west"_s;
    const auto regions = await(m_api->regions());
    QVERIFY(regions.ok());
    for (const Region &r : regions.value())
        m_names.insert(r.code, r.name);
}

void TestMigrationWizard::cleanup()
{
    m_jobs.reset();
    m_events.reset();
    m_api.reset();
    m_backend.reset();
    ui::applyTheme(false);
}

bool TestMigrationWizard::openAtTargets(MigrationWizard &wizard)
{
    wizard.setWaddles({m_waddle.id});
    QSignalSpy ready(&wizard.controller(), &client::MigrationController::targetsReady);
    wizard.show();
    return ready.wait(15000) && table(wizard, u"targets"_s)->rowCount() > 0;
}

int TestMigrationWizard::rowOf(QTableWidget &targets, const QString &code)
{
    for (int row = 0; row < targets.rowCount(); ++row) {
        if (targets.item(row, 0)->text().contains(u"(%1)"_s.arg(code)))
            return row;
    }
    return -1;
}

void TestMigrationWizard::previewThenRunToCompletion()
{
    QVERIFY(await(m_api->injectFault(m_target, u"slow_rooms"_s, 40)).ok());
    MigrationWizard wizard(m_services);
    QVERIFY(openAtTargets(wizard));
    QTableWidget *targets = table(wizard, u"targets"_s);
    // The recommendation first, and the waddle's own region not possible.
    const auto answer = await(m_api->recommendation(m_waddle.id));
    QVERIFY(answer.ok() && answer->recommendation);
    if (answer->recommendation->regionCode != m_waddle.currentRegion) {
        QVERIFY(targets->item(0, 0)->text().contains(u"recommended"_s));
        QCOMPARE(rowOf(*targets, answer->recommendation->regionCode), 0);
    }
    const int own = rowOf(*targets, m_waddle.currentRegion);
    QVERIFY(own > 0);
    QVERIFY(targets->item(own, 2)->text().startsWith(u"Not possible: "_s));
    targets->setCurrentCell(own, 0);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    // The chosen region's groups: members by place, the change signed.
    const int row = rowOf(*targets, m_target);
    QVERIFY(row >= 0);
    targets->setCurrentCell(row, 0);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    QCOMPARE(wizard.selectedTarget(), m_target);
    QTableWidget *groups = table(wizard, u"previewGroups"_s);
    const auto dryRun = await(m_api->createMigrations({m_waddle.id}, m_target, true));
    QVERIFY(dryRun.ok());
    const MigrationPreview &preview = dryRun->constFirst().preview;
    QCOMPARE(groups->rowCount(), preview.groups.size());
    for (int g = 0; g < groups->rowCount(); ++g) {
        const PreviewGroup &group = preview.groups.at(g);
        QCOMPARE(groups->item(g, 0)->text(), group.place);
        const double change = group.rttAfterMs - group.rttBeforeMs;
        const QString text = groups->item(g, 3)->text();
        if (change < -kPreviewToleranceMs)
            QVERIFY2(text.startsWith(u"−"_s) && text.endsWith(u"faster"_s), qPrintable(text));
        else if (change > kPreviewToleranceMs)
            QVERIFY2(text.startsWith(u"+"_s) && text.endsWith(u"slower"_s), qPrintable(text));
        else
            QCOMPARE(text, u"same"_s);
    }
    QCOMPARE(targets->item(row, 3)->text(), QLocale().toString(preview.faster));
    QCOMPARE(targets->item(row, 4)->text(), QLocale().toString(preview.slower));
    // The same places on the map: an arc from the waddle's region to the
    // target, a dot per place coloured by its change.
    auto *map = wizard.findChild<ui::PreviewMap *>(u"previewMap"_s);
    QVERIFY(map);
    QCOMPARE(map->arcs().size(), 1);
    QCOMPARE(map->arcs().first().from, m_waddle.currentRegion);
    QCOMPARE(map->arcs().first().to, m_target);
    QCOMPARE(map->placesShown(), preview.groups.size());
    map->grab(); // lays it out for the target
    for (const PreviewGroup &group : preview.groups) {
        QVERIFY(group.point.has_value());
        const QPointF at = map->positionOf(*group.point);
        QVERIFY2(map->rect().contains(at.toPoint()), qPrintable(group.place));
        const double change = group.rttAfterMs - group.rttBeforeMs;
        const QColor colour = map->colourOf(group);
        if (change < -kPreviewToleranceMs)
            QVERIFY(colour.green() > colour.red()); // bluish green
        else if (change > kPreviewToleranceMs)
            QVERIFY(colour.red() > colour.green()); // vermillion
        else
            QCOMPARE(colour.hsvSaturation(), 0); // grey
    }
    // A region that cannot be chosen clears the map.
    targets->setCurrentCell(own, 0);
    QCOMPARE(map->placesShown(), 0);
    targets->setCurrentCell(row, 0);
    QVERIFY(wizard.grab().save(test::screenshotDir() + u"/migration-wizard-target-light.png"_s));

    wizard.next();
    QCOMPARE(wizard.currentId(), int(MigrationWizard::WhenPage));
    QVERIFY(wizard.findChild<QRadioButton *>(u"startNow"_s)->isChecked());
    QCOMPARE(wizard.button(QWizard::CommitButton)->text(), u"&Migrate"_s);
    QVERIFY(wizard.grab().save(test::screenshotDir() + u"/migration-wizard-when-light.png"_s));
    wizard.next(); // commit
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(MigrationWizard::StepsPage), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(label(wizard, u"migrationState"_s).startsWith(u"Completed"_s), 15000);
    QCOMPARE(label(wizard, u"migrationState"_s),
             u"Completed: the waddle runs in %1"_s.arg(nameOf(m_target)));
    QTableWidget *steps = table(wizard, u"steps"_s);
    for (int s = 0; s < 6; ++s) {
        QCOMPARE(steps->item(s, 1)->text(), u"Done"_s);
        QVERIFY(!steps->item(s, 3)->text().isEmpty());
    }
    QVERIFY(!wizard.findChild<QPushButton *>(u"cancelMigration"_s)->isEnabled());
    QVERIFY(!wizard.findChild<QLabel *>(u"migrationProblem"_s)->isVisible());
    QVERIFY(wizard.grab().save(test::screenshotDir() + u"/migration-wizard-steps-light.png"_s));
    QVERIFY(m_jobs->rowOf(wizard.controller().migrations().constFirst().id) >= 0); // the dock
    wizard.next();
    QCOMPARE(wizard.currentId(), int(MigrationWizard::SummaryPage));
    QCOMPARE(label(wizard, u"summaryState"_s),
             u"Completed: the waddle runs in %1"_s.arg(nameOf(m_target)));
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_target);
}

void TestMigrationWizard::rollbackSaidPlainly()
{
    ui::applyTheme(true);
    QVERIFY(await(m_api->injectFault(m_target, u"reject_rooms"_s)).ok());
    MigrationWizard wizard(m_services);
    wizard.resize(1024, 700);
    QVERIFY(openAtTargets(wizard));
    QVERIFY(wizard.grab().save(test::screenshotDir() + u"/migration-wizard-target-dark.png"_s));
    QTableWidget *targets = table(wizard, u"targets"_s);
    targets->setCurrentCell(rowOf(*targets, m_target), 0);
    wizard.next();
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(label(wizard, u"migrationState"_s).startsWith(u"Rolled back"_s),
                             15000);
    QCOMPARE(label(wizard, u"migrationState"_s),
             u"Rolled back: the waddle stayed in %1"_s.arg(nameOf(m_waddle.currentRegion)));
    QVERIFY(wizard.findChild<QLabel *>(u"migrationProblem"_s)->isVisible());
    QTableWidget *steps = table(wizard, u"steps"_s);
    QCOMPARE(steps->item(0, 1)->text(), u"Failed"_s);
    QCOMPARE(label(wizard, u"migrationProblem"_s),
             u"Rolled back because: "_s + steps->item(0, 1)->toolTip()); // the step's error
    for (int s = 1; s < 6; ++s)
        QCOMPARE(steps->item(s, 1)->text(), u"Skipped (rolled back)"_s);
    QVERIFY(!wizard.findChild<QPushButton *>(u"cancelMigration"_s)->isEnabled());
    QVERIFY(
        wizard.grab().save(test::screenshotDir() + u"/migration-wizard-rolled-back-dark.png"_s));
    wizard.next();
    QVERIFY(
        label(wizard, u"summaryDetails"_s)
            .startsWith(u"%1 stayed in %2: "_s.arg(m_waddle.id, nameOf(m_waddle.currentRegion))));
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_waddle.currentRegion);
}

void TestMigrationWizard::scheduledThenCancelled()
{
    MigrationWizard wizard(m_services);
    QVERIFY(openAtTargets(wizard));
    QTableWidget *targets = table(wizard, u"targets"_s);
    targets->setCurrentCell(rowOf(*targets, m_target), 0);
    wizard.next();
    auto *later = wizard.findChild<QRadioButton *>(u"startLater"_s);
    auto *at = wizard.findChild<QDateTimeEdit *>(u"startAt"_s);
    QVERIFY(!at->isEnabled());
    later->setChecked(true);
    QVERIFY(at->isEnabled());
    QCOMPARE(wizard.button(QWizard::CommitButton)->text(), u"&Schedule"_s);
    const QDateTime when = QDateTime::currentDateTime().addSecs(7200);
    at->setDateTime(when);
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(label(wizard, u"migrationState"_s).startsWith(u"Scheduled for"_s),
                             5000);
    const Migration scheduled = wizard.controller().migrations().constFirst();
    QCOMPARE(scheduled.startAt.toSecsSinceEpoch() / 60, when.toSecsSinceEpoch() / 60);
    QTableWidget *steps = table(wizard, u"steps"_s);
    for (int s = 0; s < 6; ++s)
        QCOMPARE(steps->item(s, 1)->text(), u"Waiting"_s);
    auto *cancel = wizard.findChild<QPushButton *>(u"cancelMigration"_s);
    QVERIFY(cancel->isEnabled());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled()); // followed from the dock
    cancel->click();
    QTRY_COMPARE_WITH_TIMEOUT(
        label(wizard, u"migrationState"_s),
        u"Cancelled: the waddle stayed in %1"_s.arg(nameOf(m_waddle.currentRegion)), 5000);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(await(m_api->migration(scheduled.id))->state == MigrationState::Cancelled);
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_waddle.currentRegion);
}

void TestMigrationWizard::drainListsOtherRegions()
{
    const QString drained = m_waddle.currentRegion;
    const QHash<QString, QString> before = test::regionsOfWaddles(*m_api);
    const qint64 onRegion = std::count(before.cbegin(), before.cend(), drained);
    MigrationWizard wizard(m_services);
    wizard.setDrain(drained);
    QSignalSpy ready(&wizard.controller(), &client::MigrationController::targetsReady);
    wizard.show();
    QVERIFY(ready.wait(15000));
    QTableWidget *targets = table(wizard, u"targets"_s);
    QVERIFY(targets->rowCount() > 0);
    QCOMPARE(rowOf(*targets, drained), -1);
    QVERIFY(targets->item(0, 0)->text().contains(u"recommended"_s));
    QCOMPARE(wizard.subject(), u"every waddle on %1"_s.arg(nameOf(drained)));
    wizard.next();
    QVERIFY(label(wizard, u"whenText"_s).contains(u"(waddles: %1)"_s.arg(onRegion)));
    QVERIFY(
        wizard.grab().save(test::screenshotDir() + u"/migration-wizard-drain-when-light.png"_s));
    QCOMPARE(test::regionsOfWaddles(*m_api), before); // nothing moved
}

void TestMigrationWizard::existingMigrationOpenedAtItsSteps()
{
    QVERIFY(await(m_api->injectFault(m_target, u"slow_rooms"_s, 40)).ok());
    const auto created = await(m_api->createMigrations({m_waddle.id}, m_target, false));
    QVERIFY(created.ok());
    MigrationWizard wizard(m_services);
    wizard.openJob(created->constFirst().id);
    wizard.show();
    QCOMPARE(wizard.currentId(), int(MigrationWizard::StepsPage));
    QTRY_VERIFY_WITH_TIMEOUT(label(wizard, u"migrationState"_s).startsWith(u"Completed"_s), 15000);
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
}

void TestMigrationWizard::keyboardOnly()
{
    QVERIFY(await(m_api->injectFault(m_target, u"slow_rooms"_s, 20)).ok());
    MigrationWizard wizard(m_services);
    QVERIFY(openAtTargets(wizard));
    QApplication::setActiveWindow(&wizard);
    QVERIFY(QTest::qWaitForWindowActive(&wizard));
    QTableWidget *targets = table(wizard, u"targets"_s);
    QCOMPARE(QApplication::focusWidget(), targets); // the list has the focus
    const int row = rowOf(*targets, m_target);
    while (targets->currentRow() < row)
        QTest::keyClick(targets, Qt::Key_Down);
    QCOMPARE(wizard.selectedTarget(), m_target);
    // Return presses the default button (Next, then Migrate, then Finish)
    // from wherever the focus is, as a user would.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(wizard.currentId(), int(MigrationWizard::WhenPage));
    QVERIFY(QApplication::focusWidget() == wizard.findChild<QRadioButton *>(u"startNow"_s));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(MigrationWizard::StepsPage), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(label(wizard, u"migrationState"_s).startsWith(u"Completed"_s), 15000);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QCOMPARE(wizard.currentId(), int(MigrationWizard::SummaryPage));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_VERIFY(!wizard.isVisible());
    QCOMPARE(wizard.result(), int(QDialog::Accepted));
    QCOMPARE(await(m_api->waddle(m_waddle.id))->waddle.currentRegion, m_target);
}

QTEST_MAIN(TestMigrationWizard)
#include "tst_migrationwizard.moc"
