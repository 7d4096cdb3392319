// SPEC §12 rate limit: a fixed one-minute window per client.
#include "controlplane/api/ratelimiter.h"
#include "support/manualclock.h"

#include <QTest>

using namespace waddle::cp;
using namespace Qt::StringLiterals;

class TestRateLimiter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void window();
    void retryAfter_data();
    void retryAfter();
    void peekSpendsNothing();
};

void TestRateLimiter::window()
{
    waddle::test::ManualClock clock(QDateTime::fromMSecsSinceEpoch(1'000'000, Qt::UTC));
    RateLimiter limiter(3, clock);
    QCOMPARE(limiter.take(u"a"_s).remaining, 2);
    QCOMPARE(limiter.take(u"a"_s).remaining, 1);
    QCOMPARE(limiter.take(u"a"_s).remaining, 0);
    QVERIFY(!limiter.take(u"a"_s).allowed);
    QVERIFY(limiter.take(u"b"_s).allowed); // clients are counted apart
    clock.advance(59'999);
    QVERIFY(!limiter.take(u"a"_s).allowed);
    clock.advance(1); // a minute after the window opened
    QVERIFY(limiter.take(u"a"_s).allowed);
}

void TestRateLimiter::retryAfter_data()
{
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<int>("seconds");
    // Window opened at 0; refused at t → wait ceil((60000 − t) / 1000) s.
    QTest::newRow("at once") << qint64(0) << 60;
    QTest::newRow("0.5 s in") << qint64(500) << 60; // 59.5 s → 60
    QTest::newRow("30 s in") << qint64(30'000) << 30;
    QTest::newRow("59.9 s in") << qint64(59'900) << 1; // 0.1 s → at least 1
}

void TestRateLimiter::retryAfter()
{
    QFETCH(qint64, elapsedMs);
    QFETCH(int, seconds);
    waddle::test::ManualClock clock(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    RateLimiter limiter(1, clock);
    QVERIFY(limiter.take(u"a"_s).allowed);
    clock.advance(elapsedMs);
    const RateLimiter::Decision refused = limiter.take(u"a"_s);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterSeconds, seconds);
}

void TestRateLimiter::peekSpendsNothing()
{
    // Issue 15: failed authentications are checked with peek before a key
    // lookup and counted with take only when the key is wrong.
    waddle::test::ManualClock clock(QDateTime::fromMSecsSinceEpoch(0, Qt::UTC));
    RateLimiter limiter(2, clock);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(limiter.peek(u"a"_s).remaining, 2);
    QVERIFY(limiter.take(u"a"_s).allowed);
    QCOMPARE(limiter.peek(u"a"_s).remaining, 1);
    QVERIFY(limiter.take(u"a"_s).allowed);
    clock.advance(20'000);
    const RateLimiter::Decision blocked = limiter.peek(u"a"_s);
    QVERIFY(!blocked.allowed);
    QCOMPARE(blocked.retryAfterSeconds, 40);
    QVERIFY(limiter.peek(u"b"_s).allowed);
    clock.advance(40'000); // the window has passed
    QVERIFY(limiter.peek(u"a"_s).allowed);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
