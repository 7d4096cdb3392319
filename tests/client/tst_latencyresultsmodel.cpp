// LatencyResultsModel: live rows from the prober, stats per sample, ties,
// cached ages, no jumping during a test, CSV export (SPEC §4, §14).
#include "client/latencyresultsmodel.h"
#include "client/probe/latencyprober.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace waddle::client;
using namespace waddle::domain;

namespace {

constexpr double kLost = -1.0;

LatencySample sample(int sequence, double rtt)
{
    LatencySample s;
    s.sequence = sequence;
    if (rtt < 0) {
        s.outcome = SampleOutcome::Lost;
        s.error = QStringLiteral("timeout after 5000 ms");
    } else {
        s.outcome = SampleOutcome::Received;
        s.rttMs = rtt;
    }
    return s;
}

LatencyResult result(const QString &code, const QList<double> &rtts,
                     const QDateTime &at = QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC))
{
    LatencyResult r;
    r.regionCode = code;
    for (qsizetype i = 0; i < rtts.size(); ++i)
        r.samples.append(sample(static_cast<int>(i), rtts.at(i)));
    r.stats = computeLatencyStats(r.samples);
    r.measuredAt = at;
    return r;
}

QStringList describe(const QSignalSpy &spy)
{
    QStringList out;
    for (const QList<QVariant> &args : spy) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        QStringList roles;
        for (int role : args.at(2).value<QList<int>>())
            roles.append(QString::number(role));
        out.append(QStringLiteral("(%1,%2)-(%3,%4)[%5]")
                       .arg(topLeft.row())
                       .arg(topLeft.column())
                       .arg(bottomRight.row())
                       .arg(bottomRight.column())
                       .arg(roles.join(u',')));
    }
    return out;
}

QString cells(int row, int first, int last, const QList<int> &roles = {})
{
    QStringList r;
    for (int role : roles)
        r.append(QString::number(role));
    return QStringLiteral("(%1,%2)-(%1,%3)[%4]").arg(row).arg(first).arg(last).arg(r.join(u','));
}

} // namespace

class TestLatencyResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsAProberOnce();
    void initTestCase();
    void init();
    void cleanup();

    void columnsAndHeaders();
    void rowsAppearOnStart();
    void statsUpdatePerSample();
    void sampleAnsweredReplacesInFlight();
    void connectTime();
    void unreachable();
    void rowsDoNotMoveDuringATest();
    void restartKeepsRowsAndClearsFigures();
    void overlappingRangesShareARank();
    void cachedRowsShowTheirAge();
    void liveTestWinsOverCache();
    void regionNames();
    void sortRoleSortsNumbersAsNumbers();
    void csv();
    void medianAndP95Columns();
    void connectTimeOnlyWithAConnection();
    void eachRowSaysItsMode();

private:
    QString text(int row, int column) const;

    LatencyResultsModel *m_model = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void TestLatencyResultsModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestLatencyResultsModel::init()
{
    m_model = new LatencyResultsModel(this);
    m_tester = new QAbstractItemModelTester(
        m_model, QAbstractItemModelTester::FailureReportingMode::Fatal, this);
}

void TestLatencyResultsModel::cleanup()
{
    delete m_tester;
    delete m_model;
    QLocale::setDefault(QLocale::c());
}

QString TestLatencyResultsModel::text(int row, int column) const
{
    return m_model->index(row, column).data().toString();
}

void TestLatencyResultsModel::columnsAndHeaders()
{
    // Issue 10: median and p95 as columns, right after the average (peers
    // show the median first), and the mode each row was measured by.
    QCOMPARE(m_model->columnCount(), 13);
    QStringList headers;
    for (int c = 0; c < m_model->columnCount(); ++c)
        headers.append(m_model->headerData(c, Qt::Horizontal).toString());
    QCOMPARE(headers,
             (QStringList{QStringLiteral("Region"), QStringLiteral("Quality"),
                          QStringLiteral("Average ms"), QStringLiteral("Median ms"),
                          QStringLiteral("p95 ms"), QStringLiteral("Jitter ms"),
                          QStringLiteral("Loss %"), QStringLiteral("Connect ms"),
                          QStringLiteral("Range ms"), QStringLiteral("Samples"),
                          QStringLiteral("Mode"), QStringLiteral("Rank"), QStringLiteral("Age")}));
    QCOMPARE(m_model->roleNames().value(LatencyResultsModel::QualityRole),
             QByteArrayLiteral("quality"));
}

void TestLatencyResultsModel::rowsAppearOnStart()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy testing(m_model, &LatencyResultsModel::testingChanged);
    m_model->onStarted({QStringLiteral("us-west"), QStringLiteral("eu-west")});

    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(m_model->rowCount(), 2);
    QVERIFY(m_model->testing());
    QCOMPARE(testing.count(), 1);
    QCOMPARE(text(0, LatencyResultsModel::RegionColumn), QStringLiteral("us-west"));
    QCOMPARE(text(1, LatencyResultsModel::QualityColumn), QStringLiteral("testing…"));
    QCOMPARE(m_model->index(1, 0).data(LatencyResultsModel::TestingRole).toBool(), true);
    QCOMPARE(text(1, LatencyResultsModel::AverageColumn), QString());
    QCOMPARE(text(1, LatencyResultsModel::RankColumn), QString());
    QCOMPARE(text(1, LatencyResultsModel::AgeColumn), QString());
    QVERIFY(!m_model->index(1, 0).data(LatencyResultsModel::AverageRole).isValid());
}

void TestLatencyResultsModel::statsUpdatePerSample()
{
    const QString eu = QStringLiteral("eu-west");
    m_model->onStarted({QStringLiteral("us-west"), eu});
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    QSignalSpy layouts(m_model, &QAbstractItemModel::layoutChanged);

    m_model->onSample(eu, sample(0, 20));
    QCOMPARE(text(1, LatencyResultsModel::AverageColumn), QStringLiteral("20"));
    QCOMPARE(text(1, LatencyResultsModel::SamplesColumn), QStringLiteral("1/1"));
    m_model->onSample(eu, sample(1, 30));
    QCOMPARE(text(1, LatencyResultsModel::AverageColumn), QStringLiteral("25"));
    // One format per unit (client/units.h): 10 ms and above are whole.
    QCOMPARE(text(1, LatencyResultsModel::JitterColumn), QStringLiteral("10"));

    changes.clear();
    m_model->onSample(eu, sample(2, 25));
    // Hand-worked: average (20 + 30 + 25) / 3 = 25; jitter (|30−20| + |25−30|) / 2 = 7.5.
    QCOMPARE(text(1, LatencyResultsModel::AverageColumn), QStringLiteral("25"));
    QCOMPARE(text(1, LatencyResultsModel::JitterColumn), QStringLiteral("7.5"));
    QCOMPARE(text(1, LatencyResultsModel::LossColumn), QStringLiteral("0.0"));
    // The range is min–max; the average has its own column.
    QCOMPARE(text(1, LatencyResultsModel::RangeColumn), QStringLiteral("20–30"));
    QCOMPARE(text(1, LatencyResultsModel::MedianColumn), QStringLiteral("25"));
    QCOMPARE(text(1, LatencyResultsModel::SamplesColumn), QStringLiteral("3/3"));
    QCOMPARE(text(1, LatencyResultsModel::QualityColumn), QStringLiteral("excellent"));
    const QModelIndex row = m_model->index(1, 0);
    QCOMPARE(row.data(LatencyResultsModel::AverageRole).toDouble(), 25.0);
    QCOMPARE(row.data(LatencyResultsModel::JitterRole).toDouble(), 7.5);
    QCOMPARE(row.data(LatencyResultsModel::MinRole).toDouble(), 20.0);
    QCOMPARE(row.data(LatencyResultsModel::MaxRole).toDouble(), 30.0);
    QCOMPARE(row.data(LatencyResultsModel::QualityRole).toInt(),
             static_cast<int>(LatencyQuality::Excellent));

    // Only that row's stats cells (Connect is not among them) and its roles.
    QCOMPARE(changes.count(), 3);
    const QStringList described = describe(changes);
    QCOMPARE(described.at(0),
             cells(1, LatencyResultsModel::QualityColumn, LatencyResultsModel::LossColumn));
    QCOMPARE(described.at(1),
             cells(1, LatencyResultsModel::RangeColumn, LatencyResultsModel::SamplesColumn));
    QVERIFY(described.at(2).startsWith(QStringLiteral("(1,0)-(1,12)[")));
    QVERIFY(changes.at(2).at(2).value<QList<int>>().contains(LatencyResultsModel::AverageRole));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(layouts.count(), 0);
    // No rank while still testing.
    QCOMPARE(text(1, LatencyResultsModel::RankColumn), QString());
}

void TestLatencyResultsModel::sampleAnsweredReplacesInFlight()
{
    const QString eu = QStringLiteral("eu-west");
    m_model->onStarted({eu});
    LatencySample waiting;
    waiting.sequence = 0;
    waiting.outcome = SampleOutcome::InFlight;
    m_model->onSample(eu, waiting);
    QCOMPARE(text(0, LatencyResultsModel::SamplesColumn), QStringLiteral("0/1"));
    QCOMPARE(text(0, LatencyResultsModel::LossColumn), QString()); // in flight is not lost
    m_model->onSample(eu, sample(0, 42));
    QCOMPARE(text(0, LatencyResultsModel::SamplesColumn), QStringLiteral("1/1"));
    QCOMPARE(text(0, LatencyResultsModel::AverageColumn), QStringLiteral("42"));
}

void TestLatencyResultsModel::connectTime()
{
    const QString eu = QStringLiteral("eu-west");
    m_model->onStarted({QStringLiteral("us-west"), eu});
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);
    m_model->onConnected(eu, 12.6);
    QCOMPARE(text(1, LatencyResultsModel::ConnectColumn), QStringLiteral("13"));
    QCOMPARE(describe(changes), (QStringList{cells(1, LatencyResultsModel::ConnectColumn,
                                                   LatencyResultsModel::ConnectColumn),
                                             cells(1, 0, 12, {LatencyResultsModel::ConnectRole})}));
}

void TestLatencyResultsModel::unreachable()
{
    const QString asia = QStringLiteral("asia-se");
    m_model->onStarted({asia});
    m_model->onRegionFinished(result(asia, {kLost, kLost, kLost}));
    QVERIFY(!m_model->testing());
    QCOMPARE(text(0, LatencyResultsModel::QualityColumn), QStringLiteral("unreachable"));
    QCOMPARE(m_model->index(0, 0).data(LatencyResultsModel::QualityRole).toInt(),
             static_cast<int>(LatencyQuality::Unreachable));
    QCOMPARE(text(0, LatencyResultsModel::LossColumn), QStringLiteral("100"));
    QCOMPARE(text(0, LatencyResultsModel::AverageColumn), QString());
    QCOMPARE(text(0, LatencyResultsModel::RangeColumn), QString());
    QCOMPARE(text(0, LatencyResultsModel::SamplesColumn), QStringLiteral("0/3"));
    QCOMPARE(text(0, LatencyResultsModel::RankColumn), QString());

    // A region that could not be tested at all says why.
    LatencyResult failed;
    failed.regionCode = QStringLiteral("eu-north");
    failed.error = QStringLiteral("no ping URL");
    m_model->onRegionFinished(failed);
    const int row = m_model->rowOf(u"eu-north");
    QCOMPARE(text(row, LatencyResultsModel::QualityColumn), QStringLiteral("unreachable"));
    QCOMPARE(m_model->index(row, LatencyResultsModel::QualityColumn).data(Qt::ToolTipRole),
             QVariant(QStringLiteral("no ping URL")));
}

void TestLatencyResultsModel::rowsDoNotMoveDuringATest()
{
    const QString far = QStringLiteral("asia-se");
    const QString near = QStringLiteral("eu-west");
    m_model->onStarted({far, near});
    QSignalSpy layouts(m_model, &QAbstractItemModel::layoutChanged);
    QSignalSpy testing(m_model, &LatencyResultsModel::testingChanged);
    const QPersistentModelIndex nearCell = m_model->index(1, LatencyResultsModel::AverageColumn);

    // The near region answers first and fastest: it gets rank 1 but stays in
    // row 1 while the far one is still being tested.
    m_model->onRegionFinished(result(near, {10, 12, 11}));
    QCOMPARE(layouts.count(), 0);
    QCOMPARE(m_model->index(1, 0).data(LatencyResultsModel::CodeRole).toString(), near);
    QCOMPARE(text(1, LatencyResultsModel::RankColumn), QStringLiteral("1"));
    QCOMPARE(text(1, LatencyResultsModel::AgeColumn), QStringLiteral("just now"));
    QVERIFY(m_model->testing());

    // The test ends: one re-sort by average; selections follow their rows.
    m_model->onRegionFinished(result(far, {180, 190, 185}));
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(m_model->index(0, 0).data(LatencyResultsModel::CodeRole).toString(), near);
    QCOMPARE(m_model->index(1, 0).data(LatencyResultsModel::CodeRole).toString(), far);
    QCOMPARE(nearCell.row(), 0);
    QCOMPARE(nearCell.column(), static_cast<int>(LatencyResultsModel::AverageColumn));
    QCOMPARE(text(0, LatencyResultsModel::RankColumn), QStringLiteral("1"));
    QCOMPARE(text(1, LatencyResultsModel::RankColumn), QStringLiteral("2"));
    QCOMPARE(text(1, LatencyResultsModel::QualityColumn), QStringLiteral("poor"));
    QVERIFY(!m_model->testing());
    QCOMPARE(testing.count(), 1);
    QCOMPARE(testing.at(0).at(0).toBool(), false);
}

void TestLatencyResultsModel::restartKeepsRowsAndClearsFigures()
{
    const QString eu = QStringLiteral("eu-west");
    m_model->onStarted({eu});
    m_model->onRegionFinished(result(eu, {20, 30, 25}));
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(m_model, &QAbstractItemModel::modelReset);
    m_model->onStarted({eu});
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(text(0, LatencyResultsModel::QualityColumn), QStringLiteral("testing…"));
    QCOMPARE(text(0, LatencyResultsModel::AverageColumn), QString());
    QCOMPARE(text(0, LatencyResultsModel::RankColumn), QString());
    // The whole run was cancelled: the row stops testing with what it has.
    m_model->onSample(eu, sample(0, 33));
    m_model->onFinished();
    QVERIFY(!m_model->testing());
    QCOMPARE(text(0, LatencyResultsModel::AverageColumn), QStringLiteral("33"));
    QCOMPARE(text(0, LatencyResultsModel::RankColumn), QStringLiteral("1"));
}

void TestLatencyResultsModel::overlappingRangesShareARank()
{
    // A 20–30 and B 25–40 overlap: tied for first; C 100–120 is third.
    m_model->onStarted(
        {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")});
    m_model->onRegionFinished(result(QStringLiteral("c"), {100, 120, 110}));
    m_model->onRegionFinished(result(QStringLiteral("b"), {25, 40, 30}));
    m_model->onRegionFinished(result(QStringLiteral("a"), {20, 30, 25}));
    m_model->onRegionFinished(result(QStringLiteral("d"), {kLost, kLost}));

    QStringList order;
    QStringList ranks;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        order.append(m_model->index(row, 0).data(LatencyResultsModel::CodeRole).toString());
        ranks.append(text(row, LatencyResultsModel::RankColumn));
    }
    QCOMPARE(order, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                 QStringLiteral("d")}));
    QCOMPARE(ranks, (QStringList{QStringLiteral("=1"), QStringLiteral("=1"), QStringLiteral("3"),
                                 QString()}));
    QCOMPARE(m_model->index(0, 0).data(LatencyResultsModel::TiedRole).toBool(), true);
    QCOMPARE(m_model->index(1, 0).data(LatencyResultsModel::RankRole).toInt(), 1);
    QCOMPARE(m_model->index(2, 0).data(LatencyResultsModel::TiedRole).toBool(), false);
    QVERIFY(!m_model->index(3, 0).data(LatencyResultsModel::RankRole).isValid());
}

void TestLatencyResultsModel::cachedRowsShowTheirAge()
{
    const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    m_model->setCachedResults({result(QStringLiteral("eu-west"), {40, 41, 42}, now.addSecs(-180)),
                               result(QStringLiteral("us-east"), {90, 91}, now.addSecs(-2 * 3600)),
                               result(QStringLiteral("asia-se"), {150}, now.addSecs(-20))},
                              now);
    QCOMPARE(m_model->rowCount(), 3);
    QVERIFY(!m_model->testing());
    const int eu = m_model->rowOf(u"eu-west");
    QCOMPARE(eu, 0); // sorted by average outside a test
    QCOMPARE(text(eu, LatencyResultsModel::AgeColumn), QStringLiteral("3 min ago"));
    QCOMPARE(text(m_model->rowOf(u"us-east"), LatencyResultsModel::AgeColumn),
             QStringLiteral("2 h ago"));
    QCOMPARE(text(m_model->rowOf(u"asia-se"), LatencyResultsModel::AgeColumn),
             QStringLiteral("just now"));
    QCOMPARE(m_model->index(eu, 0).data(LatencyResultsModel::CachedRole).toBool(), true);
    QVERIFY(!m_model->index(eu, LatencyResultsModel::AgeColumn)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
    QCOMPARE(m_model->index(eu, LatencyResultsModel::AgeColumn).data(LatencyResultsModel::SortRole),
             QVariant(qint64(180)));

    // Time passes: only the Age column changes.
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);
    m_model->setNow(now.addSecs(120));
    QCOMPARE(describe(changes), QStringList{QStringLiteral("(0,12)-(2,12)[]")});
    QCOMPARE(text(eu, LatencyResultsModel::AgeColumn), QStringLiteral("5 min ago"));

    // A fresh test of the region replaces its cached row in place.
    m_model->onStarted({QStringLiteral("eu-west")});
    m_model->onRegionFinished(result(QStringLiteral("eu-west"), {40}, now.addSecs(120)));
    const int fresh = m_model->rowOf(u"eu-west");
    QCOMPARE(m_model->index(fresh, 0).data(LatencyResultsModel::CachedRole).toBool(), false);
    QCOMPARE(text(fresh, LatencyResultsModel::AgeColumn), QStringLiteral("just now"));
}

void TestLatencyResultsModel::liveTestWinsOverCache()
{
    const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    const QString eu = QStringLiteral("eu-west");
    m_model->onStarted({eu});
    m_model->onSample(eu, sample(0, 30));
    m_model->setCachedResults({result(eu, {90}, now.addSecs(-60))}, now);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(text(0, LatencyResultsModel::AverageColumn), QStringLiteral("30"));
    QCOMPARE(m_model->index(0, 0).data(LatencyResultsModel::CachedRole).toBool(), false);
}

void TestLatencyResultsModel::regionNames()
{
    m_model->onStarted({QStringLiteral("eu-west"), QStringLiteral("us-east")});
    QSignalSpy changes(m_model, &QAbstractItemModel::dataChanged);
    m_model->setRegionNames({{QStringLiteral("eu-west"), QStringLiteral("Frankfurt")}});
    QCOMPARE(describe(changes), QStringList{QStringLiteral("(0,0)-(1,0)[]")});
    QCOMPARE(text(0, LatencyResultsModel::RegionColumn), QStringLiteral("Frankfurt"));
    QCOMPARE(text(1, LatencyResultsModel::RegionColumn), QStringLiteral("us-east"));
    QCOMPARE(m_model->index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("eu-west"));
}

void TestLatencyResultsModel::sortRoleSortsNumbersAsNumbers()
{
    // Averages 9, 10 and 100: as text "10" < "100" < "9".
    m_model->onStarted({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    m_model->onSample(QStringLiteral("a"), sample(0, 100));
    m_model->onSample(QStringLiteral("b"), sample(0, 9));
    m_model->onSample(QStringLiteral("c"), sample(0, 10));
    const QVariant key =
        m_model->index(0, LatencyResultsModel::AverageColumn).data(LatencyResultsModel::SortRole);
    QCOMPARE(key.metaType(), QMetaType::fromType<double>());

    QSortFilterProxyModel proxy;
    proxy.setSourceModel(m_model);
    proxy.setSortRole(LatencyResultsModel::SortRole);
    proxy.sort(LatencyResultsModel::AverageColumn);
    QStringList codes;
    for (int row = 0; row < proxy.rowCount(); ++row)
        codes.append(proxy.index(row, 0).data(LatencyResultsModel::CodeRole).toString());
    QCOMPARE(codes, (QStringList{QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("a")}));
}

void TestLatencyResultsModel::csv()
{
    // A locale with a decimal comma: the CSV still uses '.'.
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    LatencyResult eu = result(QStringLiteral("eu-west"), {20, 30, 25}, now);
    eu.connectMs = 12.34;
    const LatencyResult asia = result(QStringLiteral("asia-se"), {kLost, kLost}, now.addSecs(-120));
    m_model->setRegionNames({{QStringLiteral("eu-west"), QStringLiteral("Frankfurt, \"Main\"")}});
    m_model->setCachedResults({asia, eu}, now);

    // The display follows the locale...
    QCOMPARE(text(0, LatencyResultsModel::JitterColumn), QStringLiteral("7,5"));
    // ...the export does not.
    const QString expected = QStringLiteral(
        "Region,Code,Quality,Average ms,Jitter ms,Loss %,Connect ms,Min ms,Median ms,P95 ms,"
        "Max ms,Received,Sent,Mode,Rank,Tied,Measured at\r\n"
        "\"Frankfurt, \"\"Main\"\"\",eu-west,excellent,25.0,7.5,0.0,12.3,20.0,25.0,29.5,30.0,"
        "3,3,HTTP,1,,2024-05-01T12:00:00Z\r\n"
        "asia-se,asia-se,unreachable,,,100.0,,,,,,0,2,HTTP,,,2024-05-01T11:58:00Z\r\n");
    QCOMPARE(m_model->toCsv(), expected);

    // In a view's order (issue 10: the export follows the on-screen sort).
    const QStringList reversed = m_model->toCsv({1, 0}).split(QStringLiteral("\r\n"));
    QVERIFY(reversed.at(1).startsWith(QStringLiteral("asia-se,")));
    QVERIFY(reversed.at(2).startsWith(QStringLiteral("\"Frankfurt")));
    QCOMPARE(m_model->toCsv({1}).count(QStringLiteral("\r\n")), 2);
}

void TestLatencyResultsModel::followsAProberOnce()
{
    // Two screens share one model and one prober; each asks the model to
    // follow it. Every update must still arrive once: the model asked twice
    // signals exactly what a model asked once does.
    LatencyProber prober;
    LatencyResultsModel once;
    LatencyResultsModel twice;
    QAbstractItemModelTester tester(&twice, QAbstractItemModelTester::FailureReportingMode::Fatal);
    once.follow(&prober);
    twice.follow(&prober);
    twice.follow(&prober);
    QSignalSpy insertedOnce(&once, &QAbstractItemModel::rowsInserted);
    QSignalSpy insertedTwice(&twice, &QAbstractItemModel::rowsInserted);
    QSignalSpy changedOnce(&once, &QAbstractItemModel::dataChanged);
    QSignalSpy changedTwice(&twice, &QAbstractItemModel::dataChanged);
    Q_EMIT prober.started({QStringLiteral("eu-west")});
    Q_EMIT prober.sampleMeasured(QStringLiteral("eu-west"), sample(1, 12.0));
    QCOMPARE(twice.rowCount(), 1);
    QCOMPARE(insertedTwice.size(), insertedOnce.size());
    QVERIFY(!changedOnce.isEmpty());
    QCOMPARE(changedTwice.size(), changedOnce.size());
    QCOMPARE(twice.data(twice.index(0, 0), LatencyResultsModel::AverageRole).toDouble(), 12.0);
}

void TestLatencyResultsModel::medianAndP95Columns()
{
    // 10, 20, …, 100 and one slow outlier: the average is pulled up, the
    // median is not.
    m_model->setCachedResults(
        {result(QStringLiteral("eu-west"), {10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 1000})},
        QDateTime(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(text(0, LatencyResultsModel::AverageColumn), QStringLiteral("141"));
    QCOMPARE(text(0, LatencyResultsModel::MedianColumn), QStringLiteral("60"));
    QVERIFY(text(0, LatencyResultsModel::P95Column).toDouble() > 100.0);
    QCOMPARE(m_model->index(0, LatencyResultsModel::MedianColumn)
                 .data(LatencyResultsModel::SortRole)
                 .toDouble(),
             60.0);
    QCOMPARE(text(0, LatencyResultsModel::RangeColumn), QStringLiteral("10–1000"));
}

void TestLatencyResultsModel::connectTimeOnlyWithAConnection()
{
    const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    LatencyResult http = result(QStringLiteral("eu-west"), {20, 30}, now);
    http.connectMs = 14.0;
    LatencyResult stun = result(QStringLiteral("us-east"), {80, 90}, now);
    stun.mode = ProbeMode::Stun;
    stun.connectMs = 77.7; // the prober's warm-up: a round trip, not a connect
    m_model->setCachedResults({http, stun}, now);
    const int h = m_model->rowOf(u"eu-west");
    const int s = m_model->rowOf(u"us-east");
    QCOMPARE(text(h, LatencyResultsModel::ConnectColumn), QStringLiteral("14"));
    QCOMPARE(text(s, LatencyResultsModel::ConnectColumn), QStringLiteral("—"));
    QVERIFY(!m_model->index(s, 0).data(LatencyResultsModel::ConnectRole).isValid());
    QVERIFY(!m_model->index(s, LatencyResultsModel::ConnectColumn)
                 .data(LatencyResultsModel::SortRole)
                 .isValid());
    QVERIFY(!m_model->index(s, LatencyResultsModel::ConnectColumn)
                 .data(Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
    QVERIFY(m_model->toCsv().contains(QStringLiteral(",2,2,STUN,")));
    QVERIFY(!m_model->toCsv().contains(QStringLiteral("77.7")));

    // Live: a STUN test announced as such never shows its warm-up.
    m_model->clear();
    m_model->expectMode(ProbeMode::Stun);
    m_model->onStarted({QStringLiteral("eu-west")});
    m_model->onConnected(QStringLiteral("eu-west"), 31.0);
    QCOMPARE(text(0, LatencyResultsModel::ConnectColumn), QStringLiteral("—"));
}

void TestLatencyResultsModel::eachRowSaysItsMode()
{
    // Announced: known from the start.
    m_model->expectMode(ProbeMode::Tcp);
    m_model->onStarted({QStringLiteral("eu-west")});
    QCOMPARE(text(0, LatencyResultsModel::ModeColumn), QStringLiteral("TCP"));
    QCOMPARE(m_model->index(0, 0).data(LatencyResultsModel::ModeRole).toInt(), int(ProbeMode::Tcp));
    LatencyResult done = result(QStringLiteral("eu-west"), {12, 14});
    done.mode = ProbeMode::Tcp;
    m_model->onRegionFinished(done);

    // The next test, started by someone who did not say: no guess while it
    // runs, the truth when the region finishes.
    m_model->onStarted({QStringLiteral("eu-west")});
    QCOMPARE(text(0, LatencyResultsModel::ModeColumn), QString());
    QVERIFY(!m_model->index(0, 0).data(LatencyResultsModel::ModeRole).isValid());
    LatencyResult stun = result(QStringLiteral("eu-west"), {30, 31, 32, 33, 34});
    stun.mode = ProbeMode::Stun;
    m_model->onRegionFinished(stun);
    QCOMPARE(text(0, LatencyResultsModel::ModeColumn), QStringLiteral("STUN"));
    QCOMPARE(text(0, LatencyResultsModel::SamplesColumn), QStringLiteral("5/5"));
}

QTEST_GUILESS_MAIN(TestLatencyResultsModel)
#include "tst_latencyresultsmodel.moc"
