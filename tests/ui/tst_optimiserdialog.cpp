// OptimiserDialog (ui/operations/, issue 13), Operations › Optimise Fleet…,
// against a real control plane with the demo fleet: the dry run's proposals
// listed with the preview of the current one, ticked by keyboard (Space),
// applied as migrations that the jobs model follows; screenshots in light
// and dark in $WADDLE_SCREENSHOT_DIR (else <working dir>/screenshots).

#include "client/apiclient.h"
#include "client/jobsmodel.h"
#include "client/optimisercontroller.h"
#include "support/await.h"
#include "support/clientfixtures.h"
#include "support/testbackend.h"
#include "ui/common/services.h"
#include "ui/operations/optimiserdialog.h"
#include "ui/theme.h"

#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace waddle;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using client::ApiClient;
using ui::OptimiserDialog;
using waddle::test::await;

class TestOptimiserDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void proposalsPreviewedAndApplied_data();
    void proposalsPreviewedAndApplied();

private:
    std::unique_ptr<test::TestBackend> m_backend;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<client::JobsModel> m_jobs;
    ui::Services m_services;
};

void TestOptimiserDialog::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
}

void TestOptimiserDialog::init()
{
    m_backend = std::make_unique<test::TestBackend>();
    QVERIFY2(m_backend->ok(), qPrintable(m_backend->error()));
    m_api = std::make_unique<ApiClient>(test::clientOptionsFor(*m_backend));
    m_jobs = std::make_unique<client::JobsModel>(*m_api);
    m_services.api = m_api.get();
    m_services.jobs = m_jobs.get();
}

void TestOptimiserDialog::cleanup()
{
    m_jobs.reset();
    m_api.reset();
    m_backend.reset();
    ui::applyTheme(false);
}

void TestOptimiserDialog::proposalsPreviewedAndApplied_data()
{
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

void TestOptimiserDialog::proposalsPreviewedAndApplied()
{
    QFETCH(bool, dark);
    ui::applyTheme(dark);
    OptimiserDialog dialog(m_services);
    if (dark)
        dialog.resize(1024, 700);
    QSignalSpy ready(&dialog.controller(), &client::OptimiserController::proposalsReady);
    dialog.show();
    QApplication::setActiveWindow(&dialog);
    QVERIFY(ready.wait(15000));
    const client::OptimiserRun &run = dialog.controller().result();
    QVERIFY(run.proposals.size() >= 2); // the demo fleet has some
    QTableWidget *table = dialog.proposalsTable();
    QCOMPARE(table->rowCount(), run.proposals.size());
    for (int row = 0; row < table->rowCount(); ++row) {
        const client::OptimiserProposal &p = run.proposals.at(row);
        QCOMPARE(table->item(row, 0)->text(), p.waddleId);
        QCOMPARE(table->item(row, 1)->text(), u"%1 → %2"_s.arg(p.from, p.to));
        QCOMPARE(table->item(row, 2)->text(),
                 u"%1 %"_s.arg(QLocale().toString(p.improvementPercent, 'f', 1)));
        QCOMPARE(table->item(row, 3)->text(), QLocale().toString(p.affectedUsers));
    }
    // The preview of the current proposal, on demand as the current row moves.
    auto *preview = dialog.findChild<QTableWidget *>(u"proposalPreview"_s);
    QCOMPARE(preview->rowCount(), run.proposals.at(0).preview.groups.size());
    QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(table->currentRow(), 1);
    QCOMPARE(preview->rowCount(), run.proposals.at(1).preview.groups.size());
    QCOMPARE(preview->item(0, 0)->text(), run.proposals.at(1).preview.groups.at(0).place);
    // Nothing ticked, nothing to apply; Space ticks the current one.
    QVERIFY(!dialog.applyButton()->isEnabled());
    QTest::keyClick(table, Qt::Key_Space);
    QCOMPARE(table->item(1, 0)->checkState(), Qt::Checked);
    QVERIFY(dialog.applyButton()->isEnabled());
    QVERIFY(dialog.applyButton()->toolTip().contains(u"(1 ticked)"_s));
    QVERIFY(dialog.grab().save(test::screenshotDir() +
                               (dark ? u"/optimiser-dark.png"_s : u"/optimiser-light.png"_s)));
    QSignalSpy applied(&dialog.controller(), &client::OptimiserController::applied);
    dialog.applyButton()->click();
    QVERIFY(applied.wait(10000));
    QCOMPARE(dialog.controller().started().size(), 1);
    const Migration &m = dialog.controller().started().constFirst();
    QCOMPARE(m.waddleId, run.proposals.at(1).waddleId);
    QVERIFY(m.reason == MigrationReason::Optimization);
    QVERIFY(m_jobs->rowOf(m.id) >= 0);
    QVERIFY(table->item(1, 1)->text().endsWith(u"(migrating)"_s));
    QVERIFY(!(table->item(1, 0)->flags() & Qt::ItemIsUserCheckable));
    QCOMPARE(dialog.findChild<QLabel *>(u"optimiserStatus"_s)->text(),
             u"Migrations started: 1. Follow them in the Jobs dock."_s);
    QVERIFY(!dialog.applyButton()->isEnabled());
    QCOMPARE(await(m_api->migrations(0, 10))->total, 1);
}

QTEST_MAIN(TestOptimiserDialog)
#include "tst_optimiserdialog.moc"
