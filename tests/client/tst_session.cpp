#include "client/session.h"

#include <QSignalSpy>
#include <QTest>

using namespace waddle::client;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kStart(QDate(2025, 3, 9), QTime(10, 0), Qt::UTC);

QDateTime at(qint64 seconds)
{
    return kStart.addSecs(seconds);
}

// "net", "timeout", "tls", "decode", "cancel" or an HTTP status ("401", "500").
ApiError errorFor(const QString &name)
{
    ApiError error;
    error.message = u"test failure"_s;
    if (name == u"net") {
        error.kind = ApiError::Kind::Network;
    } else if (name == u"timeout") {
        error.kind = ApiError::Kind::Timeout;
    } else if (name == u"tls") {
        error.kind = ApiError::Kind::Tls;
    } else if (name == u"decode") {
        error.kind = ApiError::Kind::Decode;
    } else if (name == u"cancel") {
        error.kind = ApiError::Kind::Cancelled;
    } else {
        error.kind = ApiError::Kind::Http;
        error.status = name.toInt();
    }
    return error;
}

// Applies one step, "ok 12" or "<error> 12" (seconds after kStart).
void apply(Session &session, const QString &step)
{
    const QStringList parts = step.split(u' ');
    QCOMPARE(parts.size(), 2);
    const QDateTime when = at(parts.at(1).toLongLong());
    if (parts.at(0) == u"ok")
        session.markSuccess(when);
    else
        session.markFailure(errorFor(parts.at(0)), when);
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalisesServerUrls_data();
    void normalisesServerUrls();
    void transitions_data();
    void transitions();
    void signalsAndStaleness();
    void newServerStartsOver();
    void newKeyAfterRefusal();
    void offlineAfterIsConfigurable();
    void restoredUpdateShowsAge();
    void statusText_data();
    void statusText();
    void permissions_data();
    void permissions();
    void roleForgottenWithAnotherKeyOrServer();
};

void TestSession::normalisesServerUrls_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("key");
    QTest::newRow("plain") << u"http://127.0.0.1:8740"_s << u"http://127.0.0.1:8740"_s;
    QTest::newRow("trailing slash") << u"http://127.0.0.1:8740/"_s << u"http://127.0.0.1:8740"_s;
    QTest::newRow("case") << u"HTTP://Example.COM:8740/"_s << u"http://example.com:8740"_s;
    QTest::newRow("default http port") << u"http://example.com:80/"_s << u"http://example.com"_s;
    QTest::newRow("default https port") << u"https://example.com:443"_s << u"https://example.com"_s;
    QTest::newRow("path kept") << u"https://example.com/waddle//"_s
                               << u"https://example.com/waddle"_s;
    QTest::newRow("query, fragment, user dropped")
        << u"https://me:pw@example.com/x?a=1#f"_s << u"https://example.com/x"_s;
}

void TestSession::normalisesServerUrls()
{
    QFETCH(QString, input);
    QFETCH(QString, key);
    QCOMPARE(serverKey(QUrl(input)), key);
    Session session;
    session.setServer(QUrl(input));
    QCOMPARE(session.serverKey(), key);
}

void TestSession::transitions_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<QStringList>("states"); // after each step

    QTest::newRow("refused on first contact: offline at once")
        << QStringList{u"net 0"_s} << QStringList{u"offline"_s};
    QTest::newRow("bad certificate on first contact")
        << QStringList{u"tls 0"_s} << QStringList{u"offline"_s};
    QTest::newRow("first contact slow, then answers")
        << QStringList{u"timeout 0"_s, u"timeout 10"_s, u"ok 12"_s}
        << QStringList{u"connecting"_s, u"connecting"_s, u"connected"_s};
    QTest::newRow("first contact times out for 30 s")
        << QStringList{u"timeout 0"_s, u"timeout 29"_s, u"timeout 30"_s}
        << QStringList{u"connecting"_s, u"connecting"_s, u"offline"_s};
    QTest::newRow("connection lost, offline after 30 s of failures")
        << QStringList{u"ok 0"_s, u"net 10"_s, u"net 25"_s, u"net 39"_s, u"net 40"_s}
        << QStringList{u"connected"_s, u"reconnecting"_s, u"reconnecting"_s, u"reconnecting"_s,
                       u"offline"_s};
    QTest::newRow("a single failure after a quiet minute is not offline")
        << QStringList{u"ok 0"_s, u"timeout 90"_s}
        << QStringList{u"connected"_s, u"reconnecting"_s};
    QTest::newRow("reconnects") << QStringList{u"ok 0"_s, u"timeout 5"_s, u"ok 8"_s}
                                << QStringList{u"connected"_s, u"reconnecting"_s, u"connected"_s};
    QTest::newRow("a success ends the streak")
        << QStringList{u"ok 0"_s, u"net 10"_s, u"ok 20"_s, u"net 35"_s, u"net 50"_s}
        << QStringList{u"connected"_s, u"reconnecting"_s, u"connected"_s, u"reconnecting"_s,
                       u"reconnecting"_s};
    QTest::newRow("server errors and rate limits are transient")
        << QStringList{u"ok 0"_s, u"500 1"_s, u"429 2"_s, u"503 31"_s}
        << QStringList{u"connected"_s, u"reconnecting"_s, u"reconnecting"_s, u"offline"_s};
    QTest::newRow("key refused while connected")
        << QStringList{u"ok 0"_s, u"401 5"_s} << QStringList{u"connected"_s, u"offline"_s};
    QTest::newRow("key refused on first contact")
        << QStringList{u"403 0"_s} << QStringList{u"offline"_s};
    QTest::newRow("answers that are not about the connection change nothing")
        << QStringList{u"ok 0"_s, u"404 1"_s, u"409 2"_s, u"400 3"_s, u"decode 4"_s, u"cancel 5"_s}
        << QStringList{u"connected"_s, u"connected"_s, u"connected"_s,
                       u"connected"_s, u"connected"_s, u"connected"_s};
    QTest::newRow("nothing about the connection on first contact either")
        << QStringList{u"404 0"_s, u"cancel 1"_s} << QStringList{u"connecting"_s, u"connecting"_s};
    QTest::newRow("offline comes back") << QStringList{u"net 0"_s, u"net 40"_s, u"ok 60"_s}
                                        << QStringList{u"offline"_s, u"offline"_s, u"connected"_s};
    QTest::newRow("a failure that finished before the last success is ignored")
        << QStringList{u"ok 10"_s, u"timeout 5"_s} << QStringList{u"connected"_s, u"connected"_s};
}

void TestSession::transitions()
{
    QFETCH(QStringList, steps);
    QFETCH(QStringList, states);
    QCOMPARE(steps.size(), states.size());
    Session session;
    session.setServer(QUrl(u"http://127.0.0.1:8740"_s));
    QCOMPARE(toString(session.state()), u"connecting"_s);
    for (qsizetype i = 0; i < steps.size(); ++i) {
        apply(session, steps.at(i));
        QVERIFY2(toString(session.state()) == states.at(i),
                 qPrintable(u"after \"%1\": %2, expected %3"_s.arg(
                     steps.at(i), toString(session.state()), states.at(i))));
    }
}

void TestSession::signalsAndStaleness()
{
    Session session;
    QSignalSpy stateSpy(&session, &Session::stateChanged);
    QSignalSpy updateSpy(&session, &Session::lastUpdateChanged);
    QVERIFY(!session.staleSince().isValid());

    session.markSuccess(at(0));
    QCOMPARE(stateSpy.size(), 1);
    QVERIFY(stateSpy.at(0).at(0).value<Session::State>() == Session::State::Connected);
    QCOMPARE(updateSpy.size(), 1);
    QCOMPARE(session.lastUpdate(), at(0));
    QVERIFY(!session.staleSince().isValid()); // connected: not stale

    session.markSuccess(at(5));
    QCOMPARE(stateSpy.size(), 1); // no change of state
    QCOMPARE(updateSpy.size(), 2);

    session.markFailure(errorFor(u"timeout"_s), at(10));
    QCOMPARE(stateSpy.size(), 2);
    QCOMPARE(session.staleSince(), at(5));
    QVERIFY(session.lastError().has_value());
    QVERIFY(session.lastError()->kind == ApiError::Kind::Timeout);

    session.markFailure(errorFor(u"timeout"_s), at(20));
    QCOMPARE(stateSpy.size(), 2); // still reconnecting
    session.markFailure(errorFor(u"timeout"_s), at(40));
    QCOMPARE(stateSpy.size(), 3);
    QVERIFY(session.state() == Session::State::Offline);
    QCOMPARE(session.staleSince(), at(5));
    QCOMPARE(updateSpy.size(), 2); // failures do not move lastUpdate

    session.markSuccess(at(50));
    QVERIFY(session.isConnected());
    QVERIFY(!session.lastError().has_value());
    QVERIFY(!session.staleSince().isValid());
}

void TestSession::newServerStartsOver()
{
    Session session;
    QSignalSpy serverSpy(&session, &Session::serverChanged);
    session.setServer(QUrl(u"http://a.example:8740"_s));
    session.markSuccess(at(0));
    QCOMPARE(serverSpy.size(), 1);

    session.setServer(QUrl(u"http://A.example:8740/"_s)); // the same server
    QCOMPARE(serverSpy.size(), 1);
    QVERIFY(session.isConnected());

    session.setServer(QUrl(u"http://b.example:8740"_s));
    QCOMPARE(serverSpy.size(), 2);
    QVERIFY(session.state() == Session::State::Connecting);
    QVERIFY(!session.lastUpdate().isValid());
}

void TestSession::newKeyAfterRefusal()
{
    Session session;
    session.setServer(QUrl(u"http://a.example:8740"_s));
    session.setApiKey(u"wrong"_s);
    session.markSuccess(at(0));
    session.markFailure(errorFor(u"401"_s), at(1));
    QVERIFY(session.keyRefused());
    QCOMPARE(session.statusText(at(2)), u"Offline — the API key was refused"_s);

    QSignalSpy keySpy(&session, &Session::apiKeyChanged);
    session.setApiKey(u"right"_s);
    QCOMPARE(keySpy.size(), 1);
    QCOMPARE(session.apiKey(), u"right"_s);
    QVERIFY(session.state() == Session::State::Connecting);
    QVERIFY(!session.keyRefused());
    QCOMPARE(session.lastUpdate(), at(0)); // same server: its data stays
}

void TestSession::offlineAfterIsConfigurable()
{
    Session session;
    session.setOfflineAfter(std::chrono::seconds(5));
    session.markSuccess(at(0));
    session.markFailure(errorFor(u"timeout"_s), at(1));
    QVERIFY(session.state() == Session::State::Reconnecting);
    session.markFailure(errorFor(u"timeout"_s), at(6));
    QVERIFY(session.state() == Session::State::Offline);
}

void TestSession::restoredUpdateShowsAge()
{
    Session session;
    QSignalSpy updateSpy(&session, &Session::lastUpdateChanged);
    session.restoreLastUpdate(at(0));
    QCOMPARE(updateSpy.size(), 1);
    QVERIFY(session.state() == Session::State::Connecting);
    QCOMPARE(session.statusText(at(12 * 60)), u"Connecting — showing data from 12 min ago"_s);
    session.restoreLastUpdate(at(-60)); // older: ignored
    QCOMPARE(session.lastUpdate(), at(0));
    session.markFailure(errorFor(u"net"_s), at(12 * 60));
    QCOMPARE(session.statusText(at(12 * 60)), u"Offline — showing data from 12 min ago"_s);
}

void TestSession::statusText_data()
{
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<qint64>("now"); // seconds after kStart
    QTest::addColumn<QString>("text");

    QTest::newRow("connecting") << QStringList{} << qint64(0) << u"Connecting…"_s;
    QTest::newRow("connected") << QStringList{u"ok 0"_s} << qint64(600) << u"Connected"_s;
    QTest::newRow("reconnecting") << QStringList{u"ok 0"_s, u"net 5"_s} << qint64(6)
                                  << u"Reconnecting…"_s;
    QTest::newRow("offline, no data")
        << QStringList{u"net 0"_s} << qint64(1) << u"Offline — no data yet"_s;
    QTest::newRow("offline, just now") << QStringList{u"ok 0"_s, u"net 1"_s, u"net 31"_s}
                                       << qint64(45) << u"Offline — showing data from just now"_s;
    QTest::newRow("offline, 1 min")
        << QStringList{u"ok 0"_s, u"net 1"_s, u"net 31"_s} << qint64(60 + 59)
        << u"Offline — showing data from 1 min ago"_s;
    QTest::newRow("offline, 12 min")
        << QStringList{u"ok 0"_s, u"net 1"_s, u"net 31"_s} << qint64(12 * 60 + 30)
        << u"Offline — showing data from 12 min ago"_s;
    QTest::newRow("offline, 2 h") << QStringList{u"ok 0"_s, u"net 1"_s, u"net 31"_s}
                                  << qint64(2 * 3600 + 59 * 60)
                                  << u"Offline — showing data from 2 h ago"_s;
    QTest::newRow("offline, 1 day")
        << QStringList{u"ok 0"_s, u"net 1"_s, u"net 31"_s} << qint64(30 * 3600)
        << u"Offline — showing data from 1 day ago"_s;
    QTest::newRow("offline, 3 days")
        << QStringList{u"ok 0"_s, u"net 1"_s, u"net 31"_s} << qint64(3 * 86400 + 5)
        << u"Offline — showing data from 3 days ago"_s;
    QTest::newRow("key refused") << QStringList{u"ok 0"_s, u"401 5"_s} << qint64(600)
                                 << u"Offline — the API key was refused"_s;
    QTest::newRow("key refused, then the network went too")
        << QStringList{u"ok 0"_s, u"401 5"_s, u"net 6"_s} << qint64(12 * 60)
        << u"Offline — showing data from 12 min ago"_s;
}

void TestSession::statusText()
{
    QFETCH(QStringList, steps);
    QFETCH(qint64, now);
    QFETCH(QString, text);
    Session session;
    for (const QString &step : std::as_const(steps))
        apply(session, step);
    QCOMPARE(session.statusText(at(now)), text);
}

void TestSession::permissions_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("role"); // empty: not known (yet)
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("whyNot"); // empty: allowed
    QTest::newRow("viewer, failover") << u"wrk_v"_s << u"viewer"_s << u"failover"_s
                                      << u"Needs the operator role; this key is a viewer key."_s;
    QTest::newRow("viewer, migrate") << u"wrk_v"_s << u"viewer"_s << u"migrate-waddles"_s
                                     << u"Needs the owner role; this key is a viewer key."_s;
    QTest::newRow("analyst, ack") << u"wrk_a"_s << u"analyst"_s << u"acknowledge-alert"_s
                                  << u"Needs the operator role; this key is an analyst key."_s;
    QTest::newRow("analyst, export")
        << u"wrk_a"_s << u"analyst"_s << u"export-analytics"_s << QString();
    QTest::newRow("owner, voice region")
        << u"wrk_o"_s << u"owner"_s << u"change-voice-region"_s << QString();
    QTest::newRow("owner, drain") << u"wrk_o"_s << u"owner"_s << u"drain-region"_s
                                  << u"Needs the operator role; this key is an owner key."_s;
    QTest::newRow("operator, failover")
        << u"wrk_op"_s << u"operator"_s << u"failover"_s << QString();
    QTest::newRow("operator, keys") << u"wrk_op"_s << u"operator"_s << u"manage-keys"_s
                                    << u"Needs the admin role; this key is an operator key."_s;
    QTest::newRow("admin, keys") << u"wrk_ad"_s << u"admin"_s << u"manage-keys"_s << QString();
    QTest::newRow("role not known: the server decides")
        << u"wrk_x"_s << QString() << u"failover"_s << QString();
    QTest::newRow("no key") << QString() << QString() << u"export-analytics"_s
                            << u"Needs the analyst role; no API key is set."_s;
}

void TestSession::permissions()
{
    QFETCH(QString, key);
    QFETCH(QString, role);
    QFETCH(QString, action);
    QFETCH(QString, whyNot);
    Session session;
    session.setServer(QUrl(u"https://regions.example.com"_s));
    session.setApiKey(key);
    if (!role.isEmpty())
        session.setRole(waddle::domain::roleFromString(role));
    const auto a = waddle::domain::actionFromString(action);
    QVERIFY(a);
    QCOMPARE(session.allows(*a), whyNot.isEmpty());
    QCOMPARE(session.whyNot(*a), whyNot);
}

void TestSession::roleForgottenWithAnotherKeyOrServer()
{
    Session session;
    session.setServer(QUrl(u"https://regions.example.com"_s));
    session.setApiKey(u"wrk_one"_s);
    QSignalSpy changed(&session, &Session::permissionsChanged);
    session.setRole(waddle::domain::Role::Viewer);
    session.setRole(waddle::domain::Role::Viewer); // no change, no signal
    QCOMPARE(changed.size(), 1);
    QVERIFY(!session.allows(waddle::domain::Action::Failover));
    session.setApiKey(u"wrk_two"_s);
    QVERIFY(!session.role());
    QCOMPARE(changed.size(), 2);
    session.setRole(waddle::domain::Role::Operator);
    session.setServer(QUrl(u"https://other.example.com"_s));
    QVERIFY(!session.role());
    QCOMPARE(changed.size(), 4);
}

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
