// arcsOfJobs (ui/operations/, issue 13): the moves in progress the map draws
// as arcs, from the jobs model — running migrations and failovers only,
// failing back the other way, the same pair of regions drawn once with its
// weight the share of the busiest pair.
#include "client/apiclient.h"
#include "client/jobsmodel.h"
#include "ui/operations/jobarcs.h"

#include <QTest>

#include <algorithm>

using namespace waddle;
using namespace waddle::domain;
using namespace Qt::StringLiterals;
using ui::MapArc;
using ui::MapArcKind;

namespace {

const QDateTime kCreated(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);

// "m:<state>:<from>:<to>" or "f:<state>:<region>:<to>/<move state>,…"
struct JobSpec
{
    bool migration = true;
    QString state;
    QString from;
    QString to; // migration only
    QList<std::pair<QString, MoveState>> moves;
};

QList<MapArc> sorted(QList<MapArc> arcs)
{
    std::sort(arcs.begin(), arcs.end(), [](const MapArc &a, const MapArc &b) {
        return std::tie(a.from, a.to) < std::tie(b.from, b.to);
    });
    return arcs;
}

} // namespace

Q_DECLARE_METATYPE(JobSpec)

class TestJobArcs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void arcs_data();
    void arcs();
    void draining();
};

void TestJobArcs::arcs_data()
{
    QTest::addColumn<QList<JobSpec>>("jobs");
    QTest::addColumn<QList<MapArc>>("expected");

    const auto migration = [](const QString &state, const QString &from, const QString &to) {
        return JobSpec{true, state, from, to, {}};
    };
    const auto failover = [](const QString &state, const QString &region,
                             const QList<std::pair<QString, MoveState>> &moves) {
        return JobSpec{false, state, region, {}, moves};
    };
    QTest::newRow("no jobs") << QList<JobSpec>{} << QList<MapArc>{};
    QTest::newRow("scheduled, finished: nothing")
        << QList<JobSpec>{migration(u"scheduled"_s, u"eu-west"_s, u"us-east"_s),
                          migration(u"completed"_s, u"eu-west"_s, u"us-east"_s),
                          migration(u"rolled_back"_s, u"eu-west"_s, u"asia-se"_s)}
        << QList<MapArc>{};
    // Two moves eu-west → us-east, one eu-west → asia-se: weights 2/2, 1/2.
    QTest::newRow("running migrations, same pair once")
        << QList<JobSpec>{migration(u"running"_s, u"eu-west"_s, u"us-east"_s),
                          migration(u"running"_s, u"eu-west"_s, u"us-east"_s),
                          migration(u"running"_s, u"eu-west"_s, u"asia-se"_s)}
        << QList<MapArc>{{u"eu-west"_s, u"us-east"_s, MapArcKind::Migration, 1.0},
                         {u"eu-west"_s, u"asia-se"_s, MapArcKind::Migration, 0.5}};
    // Three moves to us-east (pending or moved), one to asia-se; the failed
    // and the unplaced ones draw nothing: weights 3/3, 1/3.
    QTest::newRow("running failover")
        << QList<JobSpec>{failover(u"running"_s, u"eu-west"_s,
                                   {{u"us-east"_s, MoveState::Pending},
                                    {u"us-east"_s, MoveState::Moved},
                                    {u"us-east"_s, MoveState::Moved},
                                    {u"asia-se"_s, MoveState::Moved},
                                    {u"us-west"_s, MoveState::Failed},
                                    {QString(), MoveState::Unplaced}})}
        << QList<MapArc>{{u"eu-west"_s, u"us-east"_s, MapArcKind::Failover, 1.0},
                         {u"eu-west"_s, u"asia-se"_s, MapArcKind::Failover, 1.0 / 3.0}};
    QTest::newRow("failing back: home again")
        << QList<JobSpec>{failover(u"failing_back"_s, u"eu-west"_s,
                                   {{u"us-east"_s, MoveState::Moved},
                                    {u"us-east"_s, MoveState::Moved},
                                    {u"asia-se"_s, MoveState::Restored}})}
        << QList<MapArc>{{u"us-east"_s, u"eu-west"_s, MapArcKind::Failover, 1.0}};
    QTest::newRow("completed failover: nothing")
        << QList<JobSpec>{failover(u"completed"_s, u"eu-west"_s,
                                   {{u"us-east"_s, MoveState::Moved}})}
        << QList<MapArc>{};
}

void TestJobArcs::arcs()
{
    QFETCH(QList<JobSpec>, jobs);
    QFETCH(QList<MapArc>, expected);
    client::ApiClient api(client::ApiClient::Options{QUrl(u"http://127.0.0.1:9"_s)});
    client::JobsModel model(api);
    int n = 0;
    for (const JobSpec &spec : jobs) {
        ++n;
        const QDateTime created = kCreated.addSecs(n);
        if (spec.migration) {
            Migration m = newMigration(u"m%1"_s.arg(n), u"w%1"_s.arg(n), spec.from, spec.to,
                                       MigrationReason::Manual, created, created);
            m.state = *enumFromName(kMigrationStateNames, spec.state);
            model.upsert(m);
            continue;
        }
        FailoverJob f;
        f.id = u"f%1"_s.arg(n);
        f.region = spec.from;
        f.state = *enumFromName(kFailoverStateNames, spec.state);
        f.createdAt = created;
        int w = 0;
        for (const auto &[to, state] : spec.moves)
            f.moves.append(FailoverMove{u"w%1-%2"_s.arg(n).arg(++w), spec.from, to, state, {}});
        model.upsert(f);
    }
    QCOMPARE(model.rowCount(), jobs.size());
    const QList<MapArc> arcs = sorted(ui::arcsOfJobs(model));
    expected = sorted(expected);
    QCOMPARE(arcs.size(), expected.size());
    for (qsizetype i = 0; i < arcs.size(); ++i) {
        QCOMPARE(arcs.at(i).from, expected.at(i).from);
        QCOMPARE(arcs.at(i).to, expected.at(i).to);
        QVERIFY(arcs.at(i).kind == expected.at(i).kind);
        QCOMPARE(arcs.at(i).weight, expected.at(i).weight);
    }
}

void TestJobArcs::draining()
{
    client::ApiClient api(client::ApiClient::Options{QUrl(u"http://127.0.0.1:9"_s)});
    client::JobsModel model(api);
    QVERIFY(ui::drainingRegionsOfJobs(model).isEmpty());
    int n = 0;
    const auto add = [&](const QString &region, const QString &state) {
        FailoverJob f;
        f.id = u"f%1"_s.arg(++n);
        f.region = region;
        f.state = *enumFromName(kFailoverStateNames, state);
        f.createdAt = kCreated.addSecs(n);
        model.upsert(f);
    };
    add(u"eu-west"_s, u"running"_s);
    add(u"us-east"_s, u"failing_back"_s); // filling up again
    add(u"asia-se"_s, u"completed"_s);
    // A migration out of a region does not drain it.
    model.upsert(newMigration(u"m1"_s, u"w1"_s, u"asia-ne"_s, u"us-west"_s, MigrationReason::Manual,
                              kCreated, kCreated));
    QCOMPARE(ui::drainingRegionsOfJobs(model), QSet<QString>{u"eu-west"_s});
}

QTEST_MAIN(TestJobArcs)
#include "tst_jobarcs.moc"
