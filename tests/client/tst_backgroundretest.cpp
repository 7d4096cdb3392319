// BackgroundRetest (issue 13): re-tests every N minutes while no test runs,
// and says when the region fastest from here changes (never on the first
// test, never for regions that did not answer).
#include "client/backgroundretest.h"
#include "client/probe/latencyprober.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;

namespace {

// A result of `code`: `median` ms over `received` replies, or an error.
LatencyResult result(const QString &code, double median, int received = 5,
                     const QString &error = {}, bool unreachable = false)
{
    LatencyResult r;
    r.regionCode = code;
    r.stats.sent = 5;
    r.stats.received = received;
    r.stats.medianMs = median;
    r.stats.unreachable = unreachable;
    r.error = error;
    return r;
}

} // namespace

class TestBackgroundRetest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fastest_data();
    void fastest();
    void saysOnlyWhenTheFastestChanges();
    void dueEveryIntervalAndOff();
    void neverCutsIntoARunningTest();
};

void TestBackgroundRetest::fastest_data()
{
    QTest::addColumn<QList<LatencyResult>>("results");
    QTest::addColumn<QString>("expected"); // empty: none

    QTest::newRow("lowest median")
        << QList<LatencyResult>{result(u"a"_s, 40), result(u"b"_s, 23), result(u"c"_s, 31)}
        << u"b"_s;
    QTest::newRow("tie: the first")
        << QList<LatencyResult>{result(u"a"_s, 20), result(u"b"_s, 20)} << u"a"_s;
    QTest::newRow("an error is not fast")
        << QList<LatencyResult>{result(u"a"_s, 0, 0, u"offline"_s), result(u"b"_s, 50)} << u"b"_s;
    QTest::newRow("unreachable is not fast")
        << QList<LatencyResult>{result(u"a"_s, 1, 1, {}, true), result(u"b"_s, 50)} << u"b"_s;
    QTest::newRow("no reply is not fast")
        << QList<LatencyResult>{result(u"a"_s, 0, 0), result(u"b"_s, 9)} << u"b"_s;
    QTest::newRow("nothing answered") << QList<LatencyResult>{result(u"a"_s, 0, 0)} << QString();
    QTest::newRow("no results") << QList<LatencyResult>{} << QString();
}

void TestBackgroundRetest::fastest()
{
    QFETCH(QList<LatencyResult>, results);
    QFETCH(QString, expected);
    const auto best = BackgroundRetest::fastest(results);
    QCOMPARE(best.has_value(), !expected.isEmpty());
    if (best)
        QCOMPARE(best->regionCode, expected);
}

void TestBackgroundRetest::saysOnlyWhenTheFastestChanges()
{
    LatencyProber prober;
    BackgroundRetest retest(prober);
    QSignalSpy changed(&retest, &BackgroundRetest::fastestChanged);
    // The first test only sets what "fastest" is.
    retest.takeResults({result(u"eu-west"_s, 31), result(u"eu-north"_s, 38)});
    QCOMPARE(changed.size(), 0);
    QCOMPARE(retest.currentFastest()->regionCode, u"eu-west"_s);
    // Same region, other figures: no news.
    retest.takeResults({result(u"eu-west"_s, 29), result(u"eu-north"_s, 38)});
    QCOMPARE(changed.size(), 0);
    // Nothing answered: no news, and the last fastest stays.
    retest.takeResults({result(u"eu-west"_s, 0, 0, u"offline"_s)});
    QCOMPARE(changed.size(), 0);
    // Another region is faster now: from eu-west at 29 ms to eu-north at 23.
    retest.takeResults({result(u"eu-west"_s, 44), result(u"eu-north"_s, 23)});
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), u"eu-west"_s);
    QCOMPARE(changed.at(0).at(1).toDouble(), 29.0);
    QCOMPARE(changed.at(0).at(2).toString(), u"eu-north"_s);
    QCOMPARE(changed.at(0).at(3).toDouble(), 23.0);
    // The fastest going offline makes the next one the fastest.
    retest.takeResults({result(u"eu-north"_s, 0, 0, u"offline"_s), result(u"eu-west"_s, 30)});
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(2).toString(), u"eu-west"_s);
}

void TestBackgroundRetest::dueEveryIntervalAndOff()
{
    LatencyProber prober;
    // A "minute" of 20 ms: every 2 minutes is every 40 ms.
    BackgroundRetest retest(prober, std::chrono::milliseconds(20));
    QSignalSpy due(&retest, &BackgroundRetest::retestDue);
    QCOMPARE(retest.intervalMinutes(), 0);
    QVERIFY(!retest.isActive()); // off by default
    retest.setIntervalMinutes(2);
    QVERIFY(retest.isActive());
    QVERIFY(due.wait(2000));
    QVERIFY(due.wait(2000)); // and again
    retest.setIntervalMinutes(0);
    QVERIFY(!retest.isActive());
    const qsizetype seen = due.size();
    QTest::qWait(150);
    QCOMPARE(due.size(), seen);
    retest.setIntervalMinutes(-5); // bad input reads as off
    QCOMPARE(retest.intervalMinutes(), 0);
    QVERIFY(!retest.isActive());
}

void TestBackgroundRetest::neverCutsIntoARunningTest()
{
    // A region that accepts and never answers keeps a test running.
    QTcpServer blackHole;
    QVERIFY(blackHole.listen(QHostAddress::LocalHost, 0));
    domain::Region hang;
    hang.code = u"xx-hang"_s;
    hang.name = u"Hang"_s;
    hang.pingUrl = u"http://127.0.0.1:%1/ping"_s.arg(blackHole.serverPort());
    LatencyProber prober;
    BackgroundRetest retest(prober, std::chrono::milliseconds(10));
    QSignalSpy due(&retest, &BackgroundRetest::retestDue);
    LatencyProber::Settings settings;
    settings.timeoutMs = 3000;
    prober.start({hang}, settings);
    QVERIFY(prober.isRunning());
    retest.setIntervalMinutes(1);
    QTest::qWait(200); // ~20 rounds of the timer
    QVERIFY(prober.isRunning());
    QCOMPARE(due.size(), 0);
    prober.cancel();
    QVERIFY(due.wait(2000));
}

QTEST_GUILESS_MAIN(TestBackgroundRetest)
#include "tst_backgroundretest.moc"
