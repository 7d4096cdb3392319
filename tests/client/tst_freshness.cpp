// Freshness (core/client/): when the shown data turns stale and how old it
// is said to be, on an injected clock (issue 10: 20 s after the server died
// the app still said "Connected"; the status bar and the list gave two ages).
#include "client/apierror.h"
#include "client/freshness.h"
#include "client/session.h"

#include <QSignalSpy>
#include <QTest>

using namespace waddle::client;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QDateTime kStart(QDate(2026, 3, 9), QTime(10, 0), Qt::UTC);

ApiError refused()
{
    ApiError error;
    error.kind = ApiError::Kind::Network;
    error.message = u"Connection refused"_s;
    return error;
}

// A session for one server, the freshness of its data, and the clock both
// read, which the test moves by hand.
struct Clocked
{
    Clocked() { session.setServer(QUrl(u"http://cp.example"_s)); }

    Session session;
    QDateTime now = kStart;
    Freshness freshness{session, 30s, [this] { return now; }};
};

} // namespace

class TestFreshness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void freshWhileAnswersCome();
    void staleWithinOneIntervalOfSilence();
    void staleAtOnceWhenCallsFail();
    void oneAgeForEveryPlace();
    void nothingToSayWithoutData();
};

void TestFreshness::freshWhileAnswersCome()
{
    Clocked c;
    Session &session = c.session;
    QDateTime &now = c.now;
    Freshness &freshness = c.freshness;
    session.markSuccess(now);
    QVERIFY(!freshness.isStale());
    for (int i = 0; i < 10; ++i) {
        now = now.addSecs(10);
        session.markSuccess(now);
        freshness.tick();
        QVERIFY(!freshness.isStale());
        QVERIFY(freshness.bannerText().isEmpty());
    }
}

void TestFreshness::staleWithinOneIntervalOfSilence()
{
    Clocked c;
    Session &session = c.session;
    QDateTime &now = c.now;
    Freshness &freshness = c.freshness;
    QSignalSpy stale(&freshness, &Freshness::staleChanged);
    session.markSuccess(now);
    // The session still says Connected (no call failed yet), but nothing
    // came for longer than one interval: stale, on the next tick.
    now = now.addSecs(30);
    freshness.tick();
    QVERIFY(!freshness.isStale());
    now = now.addSecs(1);
    freshness.tick();
    QVERIFY(freshness.isStale());
    QCOMPARE(stale.size(), 1);
    QCOMPARE(stale.constFirst().at(0).toBool(), true);
    QVERIFY2(freshness.bannerText().contains(u"may be out of date"_s),
             qPrintable(freshness.bannerText()));
    // An answer: fresh again at once (no tick needed).
    session.markSuccess(now);
    QTRY_VERIFY(!freshness.isStale());
    QCOMPARE(stale.size(), 2);
}

void TestFreshness::staleAtOnceWhenCallsFail()
{
    Clocked c;
    Session &session = c.session;
    QDateTime &now = c.now;
    Freshness &freshness = c.freshness;
    session.markSuccess(now);
    now = now.addSecs(2);
    QSignalSpy stale(&freshness, &Freshness::staleChanged);
    session.markFailure(refused(), now);
    QCOMPARE(toString(session.state()), toString(Session::State::Reconnecting));
    QTRY_COMPARE(stale.size(), 1);
    QVERIFY(freshness.isStale());
    QVERIFY2(freshness.bannerText().contains(u"reconnecting"_s),
             qPrintable(freshness.bannerText()));
}

void TestFreshness::oneAgeForEveryPlace()
{
    Clocked c;
    Session &session = c.session;
    QDateTime &now = c.now;
    Freshness &freshness = c.freshness;
    session.markSuccess(now);
    session.markFailure(refused(), now.addSecs(1));
    QSignalSpy age(&freshness, &Freshness::ageChanged);
    now = now.addSecs(5 * 60 + 10);
    freshness.tick();
    QCOMPARE(freshness.ageText(), u"5 min ago"_s);
    QCOMPARE(age.size(), 1);
    // The banner and the status bar say the same age.
    QVERIFY2(freshness.bannerText().contains(u"(5 min ago)"_s), qPrintable(freshness.bannerText()));
    session.markFailure(refused(), now.addSecs(-5)); // long enough: offline
    QVERIFY(session.statusText(now).contains(freshness.ageText()));
    // Nothing new within the minute: no signal.
    now = now.addSecs(20);
    freshness.tick();
    QCOMPARE(freshness.ageText(), u"5 min ago"_s);
}

void TestFreshness::nothingToSayWithoutData()
{
    Session session;
    QDateTime now = kStart;
    Freshness freshness(session, 30s, [&now] { return now; });
    now = now.addSecs(3600);
    freshness.tick();
    QVERIFY(!freshness.isStale());
    QVERIFY(freshness.ageText().isEmpty());
}

QTEST_GUILESS_MAIN(TestFreshness)
#include "tst_freshness.moc"
