#include "storefixtures.h"

using namespace Qt::StringLiterals;
using domain::Migration;
using domain::MigrationState;
using domain::MigrationStepName;
using domain::StepState;

// Migrations with their six steps in the store (SPEC §10, issue 11).
class TestMigrationRepository : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsWithStepsAndPreview();
    void badMigrationsAreRefused_data();
    void badMigrationsAreRefused();
    void oneUnfinishedMigrationPerWaddle();
    void listsFilterAndPage();
    void saveWithMoveMovesTheWaddle();

private:
    static Migration sample(const QString &id, const QString &waddle);
};

Migration TestMigrationRepository::sample(const QString &id, const QString &waddle)
{
    Migration m = domain::newMigration(id, waddle, u"eu-west"_s, u"us-east"_s,
                                       domain::MigrationReason::Manual, utc(7, 9), utc(7, 10));
    m.preview.groups = {domain::PreviewGroup{u"Berlin, DE"_s, 3, 20.5, 95.25}};
    m.preview.meanBeforeMs = 20.5;
    m.preview.meanAfterMs = 95.25;
    m.preview.p95BeforeMs = 20.5;
    m.preview.p95AfterMs = 95.25;
    m.preview.slower = 3;
    return m;
}

void TestMigrationRepository::roundTripsWithStepsAndPreview()
{
    auto store = memoryStore();
    QVERIFY(store);
    const Migration m = sample(u"m1"_s, u"w1"_s);
    CHECK_OK(store->migrations.create({m}));
    auto read = store->migrations.migration(u"m1"_s);
    CHECK_OK(read);
    QVERIFY(read.value() == m);
    QCOMPARE(failureKind(store->migrations.migration(u"m9"_s)), u"NotFound"_s);

    Migration running = domain::stepStarted(m, MigrationStepName::Prepare, utc(7, 10));
    running = domain::stepFinished(running, MigrationStepName::Prepare, u"room refused"_s,
                                   utc(7, 10, 0, 1));
    QVERIFY(running.state == MigrationState::RolledBack);
    CHECK_OK(store->migrations.save(running));
    read = store->migrations.migration(u"m1"_s);
    QVERIFY(read.value() == running);
    QCOMPARE(read->steps.at(0).error, u"room refused"_s);
    QVERIFY(read->steps.at(1).state == StepState::Skipped);

    Migration unknown = running;
    unknown.id = u"m9"_s;
    QCOMPARE(failureKind(store->migrations.save(unknown)), u"NotFound"_s);
}

void TestMigrationRepository::badMigrationsAreRefused_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("waddle");
    QTest::addColumn<int>("steps");
    QTest::addColumn<QString>("field");

    QTest::newRow("no id") << QString() << u"w1"_s << 6 << u"migrations[1].id"_s;
    QTest::newRow("no waddle") << u"m2"_s << QString() << 6 << u"migrations[1].waddle_id"_s;
    QTest::newRow("five steps") << u"m2"_s << u"w2"_s << 5 << u"migrations[1].steps"_s;
}

void TestMigrationRepository::badMigrationsAreRefused()
{
    QFETCH(QString, id);
    QFETCH(QString, waddle);
    QFETCH(int, steps);
    QFETCH(QString, field);

    auto store = memoryStore();
    QVERIFY(store);
    Migration bad = sample(id, waddle);
    bad.steps.resize(steps);
    const auto created = store->migrations.create({sample(u"m1"_s, u"w1"_s), bad});
    QCOMPARE(failureKind(created), u"Invalid"_s);
    QCOMPARE(created.error().field, field);
    QCOMPARE(store->migrations.migrationCount({}, std::nullopt).value(), 0);
}

void TestMigrationRepository::oneUnfinishedMigrationPerWaddle()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->migrations.create({sample(u"m1"_s, u"w1"_s)}));
    // w1 again (with w2 beside it): nothing of the batch is stored.
    QCOMPARE(
        failureKind(store->migrations.create({sample(u"m2"_s, u"w2"_s), sample(u"m3"_s, u"w1"_s)})),
        u"Conflict"_s);
    QCOMPARE(
        failureKind(store->migrations.create({sample(u"m4"_s, u"w5"_s), sample(u"m5"_s, u"w5"_s)})),
        u"Conflict"_s);
    QCOMPARE(store->migrations.migrationCount({}, std::nullopt).value(), 1);
    QCOMPARE(failureKind(store->migrations.migration(u"m2"_s)), u"NotFound"_s);

    auto cancelled =
        domain::cancelMigration(store->migrations.migration(u"m1"_s).value(), utc(7, 9, 30));
    QVERIFY(cancelled.ok());
    CHECK_OK(store->migrations.save(cancelled.value()));
    CHECK_OK(store->migrations.create({sample(u"m3"_s, u"w1"_s)}));
    QCOMPARE(store->migrations.unfinished()->size(), 1);
}

void TestMigrationRepository::listsFilterAndPage()
{
    auto store = memoryStore();
    QVERIFY(store);
    for (int i = 0; i < 4; ++i) {
        Migration m = sample(u"m%1"_s.arg(i), i < 3 ? u"w%1"_s.arg(i) : u"w0"_s);
        m.createdAt = utc(7, 1 + i);
        if (i == 0) {
            m.state = MigrationState::Completed;
            m.finishedAt = utc(7, 2);
        }
        CHECK_OK(store->migrations.create({m}));
    }
    auto all = store->migrations.migrations({}, std::nullopt, 0, 10);
    CHECK_OK(all);
    QCOMPARE(all->size(), 4);
    QCOMPARE(all->at(0).id, u"m3"_s);
    QCOMPARE(all->at(3).id, u"m0"_s);
    auto ofW0 = store->migrations.migrations(u"w0"_s, std::nullopt, 0, 10);
    QCOMPARE(ofW0->size(), 2);
    QCOMPARE(store->migrations.migrationCount(u"w0"_s, MigrationState::Scheduled).value(), 1);
    QCOMPARE(store->migrations.migrations({}, MigrationState::Completed, 0, 10)->size(), 1);
    QCOMPARE(store->migrations.migrations({}, std::nullopt, 1, 2)->constFirst().id, u"m2"_s);
    QCOMPARE(failureKind(store->migrations.migrations({}, std::nullopt, 0, -1)), u"Invalid"_s);
    auto unfinished = store->migrations.unfinished();
    CHECK_OK(unfinished);
    QCOMPARE(unfinished->size(), 3);
}

void TestMigrationRepository::saveWithMoveMovesTheWaddle()
{
    auto store = memoryStore();
    QVERIFY(store);
    CHECK_OK(store->waddles.insertWaddles({makeWaddle(u"w1"_s)}, {}));
    Migration m = sample(u"m1"_s, u"w1"_s);
    CHECK_OK(store->migrations.create({m}));
    m = domain::stepStarted(m, MigrationStepName::Update, utc(7, 10));
    m = domain::stepFinished(m, MigrationStepName::Update, {}, utc(7, 10, 0, 1));
    auto moved = store->migrations.saveWithMove(m);
    CHECK_OK(moved);
    QCOMPARE(moved->before.currentRegion, u"eu-west"_s);
    QCOMPARE(moved->after.currentRegion, u"us-east"_s);
    QCOMPARE(moved->after.version, 2);
    QVERIFY(store->migrations.migration(u"m1"_s).value() == m);

    // Run again (a restart re-running the step): the waddle is no longer on
    // the source, so nothing changes.
    QCOMPARE(failureKind(store->migrations.saveWithMove(m)), u"Conflict"_s);
    QCOMPARE(store->waddles.waddle(u"w1"_s)->version, 2);
    Migration ghost = sample(u"m2"_s, u"w9"_s);
    CHECK_OK(store->migrations.create({ghost}));
    QCOMPARE(failureKind(store->migrations.saveWithMove(ghost)), u"NotFound"_s);
}

QTEST_GUILESS_MAIN(TestMigrationRepository)
#include "tst_migrationrepository.moc"
