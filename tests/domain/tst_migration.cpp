// SPEC §10: the migration state machine as pure transitions, the preview of
// who gets faster or slower, and the wire format of M.
#include "domain/placement/migration.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QTest>

using namespace waddle::domain;
using namespace waddle::domain::test;
using namespace Qt::StringLiterals;

using RttMembers = QList<std::pair<double, qint64>>;
using StepStates = QList<StepState>;

Q_DECLARE_METATYPE(waddle::domain::MigrationStepName)
Q_DECLARE_METATYPE(waddle::domain::MigrationState)

namespace {

const QDateTime kCreated = QDateTime(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);

Migration fresh()
{
    return newMigration(u"m1"_s, u"w1"_s, u"eu-west"_s, u"us-east"_s, MigrationReason::Manual,
                        kCreated, {});
}

// Runs every step up to (not including) `stop`, or to the end, successfully,
// one second each.
Migration runUntil(Migration m, std::optional<MigrationStepName> stop = std::nullopt)
{
    QDateTime t = kCreated;
    while (const auto step = nextStep(m, t)) {
        if (*step == stop)
            break;
        m = stepStarted(m, *step, t);
        t = t.addSecs(1);
        m = stepFinished(m, *step, {}, t);
    }
    return m;
}

StepStates statesOf(const Migration &m)
{
    StepStates states;
    for (const MigrationStep &step : m.steps)
        states.append(step.state);
    return states;
}

} // namespace

class TestMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weightedP95_data();
    void weightedP95();
    void previewByHand();
    void previewOfNoMembers();
    void combinePreviews_data();
    void combinePreviews();
    void newMigrationHasSixPendingSteps();
    void scheduledWaitsForStartAt();
    void happyPathCompletes();
    void failure_data();
    void failure();
    void runningStepIsResumed();
    void cancel_data();
    void cancel();
    void roundTrip();
    void badJson_data();
    void badJson();
};

void TestMigration::weightedP95_data()
{
    QTest::addColumn<RttMembers>("input");
    QTest::addColumn<double>("p95");

    QTest::newRow("no members") << RttMembers{} << 0.0;
    QTest::newRow("one group") << RttMembers{{12.5, 1}} << 12.5;
    // 95 of 100 members at 10 ms: rank ceil(95) = 95 is reached at 10.
    QTest::newRow("95 of 100 at the low value") << RttMembers{{10.0, 95}, {100.0, 5}} << 10.0;
    // 94 of 100 at 10 ms: the 95th member is at 100 ms.
    QTest::newRow("94 of 100 at the low value") << RttMembers{{10.0, 94}, {100.0, 6}} << 100.0;
    QTest::newRow("unsorted input") << RttMembers{{100.0, 6}, {10.0, 94}} << 100.0;
    // 20 members: rank ceil(19) = 19; 18 below 30 ms, so the 19th is at 30.
    QTest::newRow("rank 19 of 20") << RttMembers{{5.0, 18}, {30.0, 1}, {80.0, 1}} << 30.0;
    QTest::newRow("empty groups ignored") << RttMembers{{5.0, 0}, {10.0, 1}} << 10.0;
}

void TestMigration::weightedP95()
{
    QFETCH(RttMembers, input);
    QFETCH(double, p95);
    QCOMPARE(waddle::domain::weightedP95(input), p95);
}

void TestMigration::previewByHand()
{
    // On the equator 1° = 111.19508 km; default model 5 ms + 0.02 ms/km.
    // A (0°, 0°) 10 members, B (0°, 20°) 30 members; from (0°, 10°), to (0°, 1°).
    //   A: before 5 + 0.02 × 1111.9508 = 27.239016, after 5 + 0.02 × 111.19508 = 7.2239016
    //   B: before 27.239016, after 5 + 0.02 × 2112.70652 = 47.2541304
    // mean before 27.239016; mean after (10 × 7.2239016 + 30 × 47.2541304) / 40 = 37.2465732
    // p95 after: rank ceil(0.95 × 40) = 38 → B's 47.2541304.
    const QList<LocationGroup> groups{{GeoPoint{0, 0}, u"A"_s, 10}, {GeoPoint{0, 20}, u"B"_s, 30}};
    const MigrationPreview p = previewMigration(groups, GeoPoint{0, 10}, GeoPoint{0, 1});
    QCOMPARE(p.groups.size(), 2);
    QCOMPARE(p.groups.at(0).place, u"B"_s); // largest first
    QCOMPARE(p.groups.at(0).members, qint64(30));
    QVERIFY(qAbs(p.groups.at(1).rttBeforeMs - 27.239016) < 1e-4);
    QVERIFY(qAbs(p.groups.at(1).rttAfterMs - 7.2239016) < 1e-4);
    QVERIFY(qAbs(p.groups.at(0).rttAfterMs - 47.2541304) < 1e-4);
    QVERIFY(qAbs(p.meanBeforeMs - 27.239016) < 1e-4);
    QVERIFY(qAbs(p.meanAfterMs - 37.2465732) < 1e-4);
    QVERIFY(qAbs(p.p95BeforeMs - 27.239016) < 1e-4);
    QVERIFY(qAbs(p.p95AfterMs - 47.2541304) < 1e-4);
    QCOMPARE(p.faster, qint64(10));
    QCOMPARE(p.slower, qint64(30));
    // Each place keeps where it is, for the map.
    QVERIFY(p.groups.at(0).point == (GeoPoint{0, 20}));
    QVERIFY(p.groups.at(1).point == (GeoPoint{0, 0}));
}

void TestMigration::combinePreviews_data()
{
    QTest::addColumn<QList<MigrationPreview>>("previews");
    QTest::addColumn<MigrationPreview>("expected");

    QTest::newRow("none") << QList<MigrationPreview>{} << MigrationPreview{};
    // One preview comes back as it was: means (2×10 + 40)/3 = 20 and
    // (2×20 + 10)/3 = 50/3; p95 rank ceil(2.85) = 3 of 3 members.
    const MigrationPreview one{{{u"Oslo"_s, 2, 10.0, 20.0}, {u"Rome"_s, 1, 40.0, 10.0}},
                               20.0,
                               50.0 / 3.0,
                               40.0,
                               20.0,
                               1,
                               2};
    QTest::newRow("one") << QList<MigrationPreview>{one} << one;
    // Paris in both: 3 + 1 members, before (3×10 + 30)/4 = 15, after
    // (3×40 + 20)/4 = 35. All six members: before (30 + 30 + 100)/6, after
    // (120 + 20 + 20)/6; p95 rank ceil(5.7) = 6, the slowest: 50 before, 40
    // after. Faster and slower summed. Members with none are left out.
    const MigrationPreview first{{{u"Paris"_s, 3, 10.0, 40.0}}, 10.0, 40.0, 10.0, 40.0, 0, 3};
    const MigrationPreview second{
        {{u"Oslo"_s, 2, 50.0, 10.0}, {u"Paris"_s, 1, 30.0, 20.0}, {u"Nowhere"_s, 0, 99.0, 99.0}},
        130.0 / 3.0,
        40.0 / 3.0,
        50.0,
        20.0,
        3,
        0};
    QTest::newRow("same place merged")
        << QList<MigrationPreview>{first, second}
        << MigrationPreview{{{u"Paris"_s, 4, 15.0, 35.0}, {u"Oslo"_s, 2, 50.0, 10.0}},
                            160.0 / 6.0,
                            160.0 / 6.0,
                            50.0,
                            40.0,
                            3,
                            3};
}

void TestMigration::combinePreviews()
{
    QFETCH(QList<MigrationPreview>, previews);
    QFETCH(MigrationPreview, expected);
    const MigrationPreview combined = ::combinePreviews(previews);
    QCOMPARE(combined.groups.size(), expected.groups.size());
    for (qsizetype i = 0; i < expected.groups.size(); ++i) {
        QCOMPARE(combined.groups.at(i).place, expected.groups.at(i).place);
        QCOMPARE(combined.groups.at(i).members, expected.groups.at(i).members);
        QCOMPARE(combined.groups.at(i).rttBeforeMs, expected.groups.at(i).rttBeforeMs);
        QCOMPARE(combined.groups.at(i).rttAfterMs, expected.groups.at(i).rttAfterMs);
    }
    QCOMPARE(combined.meanBeforeMs, expected.meanBeforeMs);
    QCOMPARE(combined.meanAfterMs, expected.meanAfterMs);
    QCOMPARE(combined.p95BeforeMs, expected.p95BeforeMs);
    QCOMPARE(combined.p95AfterMs, expected.p95AfterMs);
    QCOMPARE(combined.faster, expected.faster);
    QCOMPARE(combined.slower, expected.slower);
}

void TestMigration::previewOfNoMembers()
{
    const MigrationPreview p =
        previewMigration({{GeoPoint{0, 0}, u"empty"_s, 0}}, GeoPoint{0, 10}, GeoPoint{0, 1});
    QVERIFY(p.groups.isEmpty());
    QCOMPARE(p.meanBeforeMs, 0.0);
    QCOMPARE(p.p95AfterMs, 0.0);
    QCOMPARE(p.faster + p.slower, qint64(0));
}

void TestMigration::newMigrationHasSixPendingSteps()
{
    const Migration m = fresh();
    QCOMPARE(m.state, MigrationState::Scheduled);
    QCOMPARE(m.startAt, kCreated);
    QCOMPARE(statesOf(m), StepStates(6, StepState::Pending));
    QCOMPARE(m.steps.at(0).name, MigrationStepName::Prepare);
    QCOMPARE(m.steps.at(5).name, MigrationStepName::Record);
}

void TestMigration::scheduledWaitsForStartAt()
{
    const QDateTime start = kCreated.addSecs(3600);
    const Migration m =
        newMigration(u"m"_s, u"w"_s, u"a"_s, u"b"_s, MigrationReason::Maintenance, kCreated, start);
    QVERIFY(!nextStep(m, start.addSecs(-1)));
    QCOMPARE(nextStep(m, start), MigrationStepName::Prepare);
}

void TestMigration::happyPathCompletes()
{
    const Migration m = runUntil(fresh());
    QCOMPARE(m.state, MigrationState::Completed);
    QCOMPARE(statesOf(m), StepStates(6, StepState::Done));
    QCOMPARE(m.finishedAt, kCreated.addSecs(6));
    QCOMPARE(m.steps.at(2).startedAt, kCreated.addSecs(2));
    QCOMPARE(m.steps.at(2).finishedAt, kCreated.addSecs(3));
    QVERIFY(!nextStep(m, kCreated.addDays(1)));
}

void TestMigration::failure_data()
{
    QTest::addColumn<MigrationStepName>("failing");
    QTest::addColumn<MigrationState>("state");
    QTest::addColumn<StepStates>("steps");

    using S = StepState;
    QTest::newRow("prepare rolls back")
        << MigrationStepName::Prepare << MigrationState::RolledBack
        << StepStates{S::Failed, S::Skipped, S::Skipped, S::Skipped, S::Skipped, S::Skipped};
    QTest::newRow("notify rolls back")
        << MigrationStepName::Notify << MigrationState::RolledBack
        << StepStates{S::Done, S::Failed, S::Skipped, S::Skipped, S::Skipped, S::Skipped};
    QTest::newRow("move rolls back")
        << MigrationStepName::Move << MigrationState::RolledBack
        << StepStates{S::Done, S::Done, S::Failed, S::Skipped, S::Skipped, S::Skipped};
    // After update the waddle runs in the target: the job still completes.
    QTest::newRow("cleanup is kept as an error")
        << MigrationStepName::Cleanup << MigrationState::Completed
        << StepStates{S::Done, S::Done, S::Done, S::Done, S::Failed, S::Done};
}

void TestMigration::failure()
{
    QFETCH(MigrationStepName, failing);
    QFETCH(MigrationState, state);
    QFETCH(StepStates, steps);

    Migration m = runUntil(fresh(), failing);
    m = stepStarted(m, failing, kCreated.addSecs(60));
    m = stepFinished(m, failing, u"room API answered 503"_s, kCreated.addSecs(61));
    m = runUntil(m);
    QCOMPARE(m.state, state);
    QCOMPARE(statesOf(m), steps);
    QCOMPARE(m.error, u"room API answered 503"_s);
    QCOMPARE(m.steps.at(qsizetype(failing)).error, u"room API answered 503"_s);
    QVERIFY(m.finishedAt.has_value());
}

void TestMigration::runningStepIsResumed()
{
    Migration m = runUntil(fresh(), MigrationStepName::Move);
    m = stepStarted(m, MigrationStepName::Move, kCreated.addSecs(10));
    // A restart finds Move running: it is the step to run again.
    QCOMPARE(nextStep(m, kCreated.addSecs(20)), MigrationStepName::Move);
    QCOMPARE(m.state, MigrationState::Running);
}

void TestMigration::cancel_data()
{
    QTest::addColumn<MigrationStepName>("reached");
    QTest::addColumn<bool>("moveStarted");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("scheduled") << MigrationStepName::Prepare << false << true;
    QTest::newRow("after notify") << MigrationStepName::Move << false << true;
    QTest::newRow("move running") << MigrationStepName::Move << true << false;
    QTest::newRow("after update") << MigrationStepName::Cleanup << false << false;
}

void TestMigration::cancel()
{
    QFETCH(MigrationStepName, reached);
    QFETCH(bool, moveStarted);
    QFETCH(bool, allowed);

    Migration m = runUntil(fresh(), reached);
    if (moveStarted)
        m = stepStarted(m, MigrationStepName::Move, kCreated.addSecs(30));
    QCOMPARE(canCancel(m), allowed);
    const Result<Migration> cancelled = cancelMigration(m, kCreated.addSecs(40));
    QCOMPARE(cancelled.ok(), allowed);
    if (allowed) {
        QCOMPARE(cancelled->state, MigrationState::Cancelled);
        QVERIFY(!statesOf(*cancelled).contains(StepState::Pending));
        QVERIFY(!nextStep(*cancelled, kCreated.addSecs(50)));
    } else {
        QVERIFY(!cancelled.error().message.isEmpty());
    }
}

void TestMigration::roundTrip()
{
    Migration m = runUntil(fresh(), MigrationStepName::Move);
    m = stepStarted(m, MigrationStepName::Move, kCreated.addSecs(5));
    m = stepFinished(m, MigrationStepName::Move, u"timeout"_s, kCreated.addSecs(6));
    m.preview = previewMigration({{GeoPoint{0, 0}, u"A"_s, 10}}, GeoPoint{0, 10}, GeoPoint{0, 1});
    const Result<Migration> back = migrationFromJson(toJson(m));
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
    QCOMPARE(*back, m);
    QCOMPARE(toJson(m).value(u"state"_s).toString(), u"rolled_back"_s);
    QVERIFY(back->preview.groups.at(0).point == (GeoPoint{0, 0}));
    // A preview stored before places had coordinates still reads.
    QJsonObject old = toJson(m);
    QJsonObject preview = old.value(u"preview"_s).toObject();
    QJsonArray groups = preview.value(u"groups"_s).toArray();
    QJsonObject group = groups.at(0).toObject();
    group.remove(u"latitude"_s);
    group.remove(u"longitude"_s);
    groups[0] = group;
    preview.insert(u"groups"_s, groups);
    old.insert(u"preview"_s, preview);
    const Result<Migration> oldBack = migrationFromJson(old);
    QVERIFY(oldBack.ok());
    QVERIFY(!oldBack->preview.groups.at(0).point.has_value());
    QCOMPARE(toJson(m).value(u"steps"_s).toArray().at(3).toObject().value(u"started_at"_s),
             QJsonValue(QJsonValue::Null));
}

void TestMigration::badJson_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<QString>("field");

    const QJsonObject good = toJson(fresh());
    QTest::newRow("unknown state") << with(good, u"state"_s, u"paused"_s) << u"state"_s;
    QTest::newRow("no waddle") << without(good, u"waddle_id"_s) << u"waddle_id"_s;
    QJsonArray steps = good.value(u"steps"_s).toArray();
    steps.removeAt(2);
    QTest::newRow("a step missing") << with(good, u"steps"_s, steps) << u"steps"_s;
    QJsonArray badStep = good.value(u"steps"_s).toArray();
    badStep[1] = with(badStep.at(1).toObject(), u"state"_s, u"asleep"_s);
    QTest::newRow("bad step state") << with(good, u"steps"_s, badStep) << u"steps[1].state"_s;
    // A preview place's coordinates: both, in range.
    Migration previewed = fresh();
    previewed.preview =
        previewMigration({{GeoPoint{10, 20}, u"A"_s, 10}}, GeoPoint{0, 10}, GeoPoint{0, 1});
    const QJsonObject withPreview = toJson(previewed);
    const auto groupWith = [&withPreview](const QString &key, const QJsonValue &value) {
        QJsonObject preview = withPreview.value(u"preview"_s).toObject();
        QJsonArray groups = preview.value(u"groups"_s).toArray();
        QJsonObject group = groups.at(0).toObject();
        if (value.isUndefined())
            group.remove(key);
        else
            group.insert(key, value);
        groups[0] = group;
        preview.insert(u"groups"_s, groups);
        return with(withPreview, u"preview"_s, preview);
    };
    QTest::newRow("place latitude 91")
        << groupWith(u"latitude"_s, 91) << u"preview.groups[0].latitude"_s;
    QTest::newRow("place longitude a word")
        << groupWith(u"longitude"_s, u"east"_s) << u"preview.groups[0].longitude"_s;
    QTest::newRow("place latitude alone")
        << groupWith(u"longitude"_s, QJsonValue::Undefined) << u"preview.groups[0].longitude"_s;
}

void TestMigration::badJson()
{
    QFETCH(QJsonObject, json);
    QFETCH(QString, field);
    const Result<Migration> m = migrationFromJson(json);
    QVERIFY(!m.ok());
    QCOMPARE(m.error().field, field);
}

QTEST_GUILESS_MAIN(TestMigration)
#include "tst_migration.moc"
