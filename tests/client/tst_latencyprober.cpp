// The latency prober (SPEC §4) against a real demo fleet on loopback: every
// mode's accuracy against the agents' model RTT, live signals, loss and
// faults, cancellation, regions that cannot be tested, and the HTTP client's
// framing against scripted servers.
#include "../support/rtt.h"
#include "client/probe/latencyprober.h"
#include "domain/catalogue.h"
#include "sim/demofleet.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <qcorotask.h>

#include <cmath>
#include <functional>
#include <optional>

using namespace waddle;
using namespace waddle::client;
using namespace Qt::StringLiterals;
using domain::LatencySample;
using domain::SampleOutcome;
using waddle::test::withinRtt;
using Fault = sim::RegionAgent::Fault;

namespace {

const domain::GeoPoint kFrankfurt{50.11, 8.68};

QString describe(const LatencyResult &r)
{
    QStringList samples;
    for (const LatencySample &s : r.samples)
        samples.append(s.outcome == SampleOutcome::Received ? QString::number(s.rttMs, 'f', 2)
                                                            : u"lost(%1)"_s.arg(s.error));
    return u"%1: avg %2 ms, loss %3 %, connect %4, error \"%5\", samples [%6]"_s.arg(r.regionCode)
        .arg(r.stats.averageMs, 0, 'f', 2)
        .arg(r.stats.lossPercent)
        .arg(r.connectMs ? QString::number(*r.connectMs, 'f', 2) : u"-"_s)
        .arg(r.error, samples.join(u", "_s));
}

const LatencyResult *resultFor(const QList<LatencyResult> &results, const QString &code)
{
    for (const LatencyResult &r : results) {
        if (r.regionCode == code)
            return &r;
    }
    return nullptr;
}

QList<domain::Region> only(const QList<domain::Region> &regions, const QStringList &codes)
{
    QList<domain::Region> out;
    for (const domain::Region &r : regions) {
        if (codes.contains(r.code))
            out.append(r);
    }
    return out;
}

domain::Region scriptedRegion(const QString &code, const QString &pingUrl)
{
    domain::Region region;
    region.code = code;
    region.name = code;
    region.pingUrl = pingUrl;
    return region;
}

// Every signal of a prober, with the time it came (ms since construction).
class Recorder
{
public:
    explicit Recorder(LatencyProber &prober)
    {
        m_clock.start();
        QObject::connect(&prober, &LatencyProber::started, &m_context,
                         [this](const QStringList &codes) {
                             ++signalCount;
                             startedCodes = codes;
                         });
        QObject::connect(&prober, &LatencyProber::connected, &m_context,
                         [this](const QString &code, double ms) {
                             ++signalCount;
                             connects.append({code, ms});
                         });
        QObject::connect(&prober, &LatencyProber::sampleMeasured, &m_context,
                         [this](const QString &code, const LatencySample &sample) {
                             ++signalCount;
                             samples.append({code, sample});
                             sampleAtMs.append(m_clock.elapsed());
                         });
        QObject::connect(&prober, &LatencyProber::regionFinished, &m_context,
                         [this](const LatencyResult &result) {
                             ++signalCount;
                             regionResults.append(result);
                             regionAtMs.insert(result.regionCode, m_clock.elapsed());
                         });
        QObject::connect(&prober, &LatencyProber::progress, &m_context,
                         [this](int done, int total) {
                             ++signalCount;
                             progress.append({done, total});
                         });
        QObject::connect(&prober, &LatencyProber::finished, &m_context,
                         [this](const QList<LatencyResult> &results) {
                             ++signalCount;
                             finished = results;
                             finishedAtMs = m_clock.elapsed();
                         });
        QObject::connect(&prober, &LatencyProber::cancelled, &m_context, [this] {
            ++signalCount;
            ++cancelled;
        });
    }

    [[nodiscard]] qint64 elapsed() const { return m_clock.elapsed(); }
    void restartClock() { m_clock.restart(); }

    int signalCount = 0;
    QStringList startedCodes;
    QList<std::pair<QString, double>> connects;
    QList<std::pair<QString, LatencySample>> samples;
    QList<qint64> sampleAtMs;
    QList<LatencyResult> regionResults;
    QHash<QString, qint64> regionAtMs;
    QList<std::pair<int, int>> progress;
    std::optional<QList<LatencyResult>> finished;
    qint64 finishedAtMs = -1;
    int cancelled = 0;

private:
    QObject m_context;
    QElapsedTimer m_clock;
};

// Runs a real event loop until `done()` or the timeout, waking every
// millisecond. Not QTRY_* or QTest::qWait: they process events only every
// 10 ms and sleep in between, which adds up to 10 ms to every round trip
// measured meanwhile. Not an idle loop either (QCoro::waitFor): with other
// builds keeping both cores busy, a thread that sleeps until its next event
// was seen to wake 4–140 ms late, and the round trips carry that.
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() >= timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(1, Qt::PreciseTimer, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

QCoro::Task<> runInto(LatencyProber *prober, QList<domain::Region> regions,
                      LatencyProber::Settings settings, std::optional<QList<LatencyResult>> *out)
{
    *out = co_await prober->run(regions, settings);
}

// prober.run(), awaited under waitUntil().
QList<LatencyResult> runAndWait(LatencyProber &prober, const QList<domain::Region> &regions,
                                const LatencyProber::Settings &settings, int timeoutMs = 30000)
{
    std::optional<QList<LatencyResult>> out;
    QCoro::Task<> task = runInto(&prober, regions, settings, &out);
    if (!waitUntil([&] { return out.has_value(); }, timeoutMs))
        prober.cancel(); // ends run() with what finished
    waitUntil([&] { return out.has_value(); }, 1000);
    return out.value_or(QList<LatencyResult>());
}

// How long a region's test takes when all goes well: warm-up (connect +
// one round trip) and the samples with their gaps.
double expectedDurationMs(double rttMs, const LatencyProber::Settings &s)
{
    return (s.samples + 1) * rttMs + (s.samples - 1) * s.gapMs;
}

// A loopback HTTP server that answers every request with a scripted reply,
// for the framing cases the demo agents never produce.
class ScriptedServer
{
public:
    // `reply` gets the request number (0 = the warm-up) and the socket.
    using Reply = std::function<void(int request, QTcpSocket *socket)>;

    explicit ScriptedServer(Reply reply)
        : m_reply(std::move(reply))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                // Without it Nagle holds a late body back for the client's
                // delayed ACK (~40 ms).
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    qsizetype end = -1;
                    while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
                        buffer->remove(0, end + 4);
                        m_reply(requests++, socket);
                    }
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    [[nodiscard]] QString url() const { return u"http://127.0.0.1:%1/ping"_s.arg(port()); }
    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }

    int connections = 0;
    int requests = 0;

private:
    QTcpServer m_server;
    Reply m_reply;
};

void pongKeepAlive(int, QTcpSocket *s)
{
    s->write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\npong");
}

// A TLS server with a self-signed certificate made for the test, so the
// prober meets a certificate it must not trust.
class SelfSignedTlsServer : public QTcpServer
{
public:
    bool setUp()
    {
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty() || !QSslSocket::supportsSsl() || !m_dir.isValid())
            return false;
        QProcess p;
        p.start(openssl, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                          u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s,
                          u"-subj"_s, u"/CN=waddle-test.invalid"_s, u"-keyout"_s,
                          m_dir.filePath(u"key.pem"_s), u"-out"_s, m_dir.filePath(u"cert.pem"_s)});
        if (!p.waitForFinished(20000) || p.exitCode() != 0)
            return false;
        QFile cert(m_dir.filePath(u"cert.pem"_s));
        QFile key(m_dir.filePath(u"key.pem"_s));
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            return false;
        m_certificate = QSslCertificate(cert.readAll());
        m_key = QSslKey(key.readAll(), QSsl::Ec);
        return !m_certificate.isNull() && !m_key.isNull() && listen(QHostAddress::LocalHost, 0);
    }

    int handshakes = 0;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->setLocalCertificate(m_certificate);
        socket->setPrivateKey(m_key);
        QObject::connect(socket, &QSslSocket::encrypted, socket, [this] { ++handshakes; });
        QObject::connect(socket, &QSslSocket::readyRead, socket,
                         [socket] { pongKeepAlive(0, socket); });
        socket->startServerEncryption();
    }

private:
    QTemporaryDir m_dir;
    QSslCertificate m_certificate;
    QSslKey m_key;
};

} // namespace

class TestLatencyProber : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheModel_data();
    void followsTheModel();
    void tcpReportsConnectTimes();
    void offlineRegionIsUnreachable_data();
    void offlineRegionIsUnreachable();
    void hangingServerDoesNotHoldUpTheOthers();
    void lateAnswersAreNotMiscounted_data();
    void lateAnswersAreNotMiscounted();
    void latencyFaultShowsInTheAverage_data();
    void latencyFaultShowsInTheAverage();
    void cancelMidRun_data();
    void cancelMidRun();
    void cancelWhenIdleSaysNothing();
    void startAgainCancelsTheRunningTest();
    void untestableRegionsAreReported_data();
    void untestableRegionsAreReported();
    void nothingTestableFinishesAtOnce();
    void runReturnsAllResults();
    void destroyedMidRunEndsRun();
    void httpFraming_data();
    void httpFraming();
    void tlsErrorsFailTheRegion();
};

void TestLatencyProber::followsTheModel_data()
{
    QTest::addColumn<ProbeMode>("mode");
    QTest::newRow("http") << ProbeMode::Http;
    QTest::newRow("stun") << ProbeMode::Stun;
}

void TestLatencyProber::followsTheModel()
{
    QFETCH(ProbeMode, mode);
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    const QList<domain::Region> regions = fleet.regions();

    LatencyProber prober;
    Recorder rec(prober);
    QSignalSpy sampleSpy(&prober, &LatencyProber::sampleMeasured);
    LatencyProber::Settings settings; // SPEC §4: 5 samples, 100 ms apart, 5 s timeout
    settings.mode = mode;
    prober.start(regions, settings);
    QVERIFY(prober.isRunning());
    QVERIFY(waitUntil([&] { return rec.finished.has_value(); }, 30000));
    QVERIFY(!prober.isRunning());

    QStringList codes;
    for (const domain::Region &r : regions)
        codes.append(r.code);
    QCOMPARE(rec.startedCodes, codes);
    // Samples are signalled live, one per sample.
    QCOMPARE(sampleSpy.count(), regions.size() * settings.samples);
    QCOMPARE(rec.connects.size(), regions.size());
    QCOMPARE(rec.regionResults.size(), regions.size());
    QCOMPARE(rec.progress.size(), regions.size());
    QVERIFY((rec.progress.last() == std::pair{6, 6}));
    QCOMPARE(rec.cancelled, 0);

    const QList<LatencyResult> &results = *rec.finished;
    QCOMPARE(results.size(), regions.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        const LatencyResult &r = results.at(i);
        const double model = fleet.agent(r.regionCode)->modelRttMs();
        qInfo("%s  model %.2f ms, diff %+.2f ms", qPrintable(describe(r)), model,
              r.stats.averageMs - model);
        QCOMPARE(r.regionCode, regions.at(i).code); // input order
        QCOMPARE(toString(r.mode), toString(mode));
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.samples.size(), settings.samples);
        QCOMPARE(r.stats.received, settings.samples);
        QCOMPARE(r.stats.lossPercent, 0.0);
        QVERIFY(r.connectMs && std::isfinite(*r.connectMs) && *r.connectMs > 0.0);
        QVERIFY(r.measuredAt.isValid());
        for (int s = 0; s < r.samples.size(); ++s)
            QCOMPARE(r.samples.at(s).sequence, s + 1);
        QVERIFY2(withinRtt(r.stats.averageMs, model), qPrintable(describe(r)));
    }

    // Results stream in: the nearest region is done long before the farthest,
    // and every region before finished().
    qint64 first = std::numeric_limits<qint64>::max();
    for (const qint64 at : std::as_const(rec.regionAtMs)) {
        first = std::min(first, at);
        QVERIFY(at <= rec.finishedAtMs);
    }
    QVERIFY2(
        rec.finishedAtMs - first > 500,
        qPrintable(u"first result at %1 ms, finished at %2 ms"_s.arg(first).arg(rec.finishedAtMs)));
    QVERIFY(rec.sampleAtMs.first() < first);
}

void TestLatencyProber::tcpReportsConnectTimes()
{
    // TCP mode times a fresh connect. On loopback the kernel completes the
    // handshake without the agent, so this cannot see the modelled delay:
    // only that every sample is a finite, small, positive connect time.
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    LatencyProber prober;
    Recorder rec(prober);
    LatencyProber::Settings settings;
    settings.mode = ProbeMode::Tcp;
    settings.gapMs = 20;
    prober.start(fleet.regions(), settings);
    QVERIFY(waitUntil([&] { return rec.finished.has_value(); }, 20000));
    QCOMPARE(rec.samples.size(), 6 * settings.samples);
    for (const LatencyResult &r : std::as_const(*rec.finished)) {
        qInfo("%s", qPrintable(describe(r)));
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.stats.received, settings.samples);
        QVERIFY(r.connectMs && std::isfinite(*r.connectMs));
        for (const LatencySample &s : r.samples)
            QVERIFY2(std::isfinite(s.rttMs) && s.rttMs > 0.0 && s.rttMs < 100.0,
                     qPrintable(describe(r)));
    }
}

void TestLatencyProber::offlineRegionIsUnreachable_data()
{
    QTest::addColumn<ProbeMode>("mode");
    QTest::addColumn<QString>("reason");
    // HTTP: the agent's port refuses at once. STUN: the responder is silent,
    // so the warm-up runs into the timeout, once, not once per sample.
    QTest::newRow("http: refused") << ProbeMode::Http << u"refused"_s;
    QTest::newRow("stun: silent") << ProbeMode::Stun << u"no answer within 800 ms"_s;
}

void TestLatencyProber::offlineRegionIsUnreachable()
{
    QFETCH(ProbeMode, mode);
    QFETCH(QString, reason);
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    QVERIFY(fleet.setFault(u"asia-ne"_s, {Fault::Kind::Offline, 0.0}));

    LatencyProber prober;
    Recorder rec(prober);
    LatencyProber::Settings settings;
    settings.mode = mode;
    settings.timeoutMs = 800;
    prober.start(fleet.regions(), settings);
    QVERIFY(waitUntil([&] { return rec.finished.has_value(); }, 20000));
    const qint64 wallMs = rec.finishedAtMs;

    double slowestMs = 0.0;
    for (const LatencyResult &r : std::as_const(*rec.finished)) {
        qInfo("%s", qPrintable(describe(r)));
        if (r.regionCode == u"asia-ne"_s) {
            QVERIFY(r.error.isEmpty()); // tested, and unreachable
            QVERIFY(r.stats.unreachable);
            QCOMPARE(toString(r.stats.quality), u"unreachable"_s);
            QCOMPARE(r.stats.lossPercent, 100.0);
            QCOMPARE(r.samples.size(), settings.samples);
            for (const LatencySample &s : r.samples)
                QVERIFY2(s.error.contains(reason), qPrintable(s.error));
            QVERIFY(!r.connectMs);
            // Given up after the warm-up: at most one timeout, not five.
            QVERIFY2(rec.regionAtMs.value(r.regionCode) < 2 * settings.timeoutMs,
                     qPrintable(QString::number(rec.regionAtMs.value(r.regionCode))));
            continue;
        }
        const double model = fleet.agent(r.regionCode)->modelRttMs();
        slowestMs = std::max(slowestMs, expectedDurationMs(model, settings));
        QCOMPARE(r.stats.received, settings.samples);
        QCOMPARE(r.stats.lossPercent, 0.0);
        QVERIFY2(withinRtt(r.stats.averageMs, model), qPrintable(describe(r)));
    }
    // The others are not held up: the run takes as long as the slowest
    // healthy region (plus slack for a busy machine), far from the
    // samples × timeout a prober that waited on the dead region would take.
    qInfo("run %lld ms; slowest healthy region expected %.0f ms", wallMs, slowestMs);
    QVERIFY2(wallMs < std::max<double>(slowestMs, settings.timeoutMs) + 800,
             qPrintable(QString::number(wallMs)));
}

void TestLatencyProber::hangingServerDoesNotHoldUpTheOthers()
{
    // Accepts connections and never answers.
    QTcpServer blackHole;
    QVERIFY(blackHole.listen(QHostAddress::LocalHost, 0));
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    QList<domain::Region> regions = only(fleet.regions(), {u"eu-west"_s, u"eu-north"_s});
    regions.prepend(
        scriptedRegion(u"xx-hang"_s, u"http://127.0.0.1:%1/ping"_s.arg(blackHole.serverPort())));

    LatencyProber prober;
    Recorder rec(prober);
    LatencyProber::Settings settings;
    settings.timeoutMs = 800;
    prober.start(regions, settings);
    QVERIFY(waitUntil([&] { return rec.finished.has_value(); }, 10000));
    const LatencyResult *hung = resultFor(*rec.finished, u"xx-hang"_s);
    QVERIFY(hung);
    qInfo("%s", qPrintable(describe(*hung)));
    QVERIFY(hung->stats.unreachable);
    QCOMPARE(hung->stats.lossPercent, 100.0);
    const qint64 hungAt = rec.regionAtMs.value(u"xx-hang"_s);
    QVERIFY2(hungAt >= settings.timeoutMs - 5 && hungAt < 2 * settings.timeoutMs,
             qPrintable(QString::number(hungAt)));
    // eu-west (~5 ms) is done well before the hung region gives up.
    QVERIFY(rec.regionAtMs.value(u"eu-west"_s) < hungAt);
    QCOMPARE(resultFor(*rec.finished, u"eu-west"_s)->stats.received, settings.samples);
    QCOMPARE(resultFor(*rec.finished, u"eu-north"_s)->stats.received, settings.samples);
}

void TestLatencyProber::lateAnswersAreNotMiscounted_data()
{
    QTest::addColumn<ProbeMode>("mode");
    QTest::newRow("http") << ProbeMode::Http;
    QTest::newRow("stun") << ProbeMode::Stun;
}

void TestLatencyProber::lateAnswersAreNotMiscounted()
{
    // New York (~129 ms) slowed by 200 ms after the warm-up: with a 250 ms
    // timeout and no gap, samples 1–3 time out and each answer arrives ~80 ms
    // into the next sample. The fault is lifted after sample 3, so samples 4
    // and 5 are answered at the model RTT. A prober that took a late answer
    // for the current one would report ~80 ms samples instead.
    QFETCH(ProbeMode, mode);
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    fleet.setJitterFraction(0.0);
    QVERIFY(fleet.start());
    const QString code = u"us-east"_s;
    const double model = fleet.agent(code)->modelRttMs();

    LatencyProber prober;
    Recorder rec(prober);
    connect(&prober, &LatencyProber::connected, this, [&](const QString &c) {
        if (c == code)
            fleet.setFault(code, {Fault::Kind::Latency, 200.0});
    });
    connect(&prober, &LatencyProber::sampleMeasured, this,
            [&](const QString &c, const LatencySample &s) {
                if (c == code && s.sequence == 3)
                    fleet.clearFault(code);
            });
    LatencyProber::Settings settings;
    settings.mode = mode;
    settings.timeoutMs = 250;
    settings.gapMs = 0;
    prober.start(only(fleet.regions(), {code}), settings);
    QVERIFY(waitUntil([&] { return rec.finished.has_value(); }, 10000));
    const LatencyResult &r = rec.finished->first();
    qInfo("%s", qPrintable(describe(r)));
    QCOMPARE(r.stats.lost, 3);
    QCOMPARE(r.stats.received, 2);
    for (int i = 0; i < 3; ++i)
        QVERIFY(r.samples.at(i).error.contains(u"no answer within 250 ms"_s));
    for (int i = 3; i < 5; ++i)
        QVERIFY2(withinRtt(r.samples.at(i).rttMs, model), qPrintable(describe(r)));
}

void TestLatencyProber::latencyFaultShowsInTheAverage_data()
{
    QTest::addColumn<ProbeMode>("mode");
    QTest::newRow("http") << ProbeMode::Http;
    QTest::newRow("stun") << ProbeMode::Stun;
}

void TestLatencyProber::latencyFaultShowsInTheAverage()
{
    QFETCH(ProbeMode, mode);
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    QVERIFY(fleet.setFault(u"eu-north"_s, {Fault::Kind::Latency, 50.0}));
    LatencyProber prober;
    LatencyProber::Settings settings;
    settings.mode = mode;
    const QList<LatencyResult> results =
        runAndWait(prober, only(fleet.regions(), {u"eu-west"_s, u"eu-north"_s}), settings);
    QCOMPARE(results.size(), 2);
    for (const LatencyResult &r : results) {
        const double extra = r.regionCode == u"eu-north"_s ? 50.0 : 0.0;
        const double expected = fleet.agent(r.regionCode)->modelRttMs() + extra;
        qInfo("%s  expected %.2f ms", qPrintable(describe(r)), expected);
        QVERIFY2(withinRtt(r.stats.averageMs, expected), qPrintable(describe(r)));
    }
}

void TestLatencyProber::cancelMidRun_data()
{
    QTest::addColumn<bool>("fromSlot");
    QTest::newRow("from outside") << false;
    QTest::newRow("from a sampleMeasured slot") << true;
}

void TestLatencyProber::cancelMidRun()
{
    QFETCH(bool, fromSlot);
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    LatencyProber prober;
    Recorder rec(prober);
    if (fromSlot) {
        connect(&prober, &LatencyProber::sampleMeasured, this, [&] {
            if (rec.samples.size() == 3)
                prober.cancel();
        });
    }
    prober.start(fleet.regions(), LatencyProber::Settings{});
    if (fromSlot) {
        QVERIFY(waitUntil([&] { return rec.cancelled == 1; }, 10000));
    } else {
        QVERIFY(waitUntil([&] { return rec.samples.size() >= 3; }, 10000));
        prober.cancel();
        QCOMPARE(rec.cancelled, 1);
    }
    QVERIFY(!prober.isRunning());
    QVERIFY(!rec.finished);
    const int signalsAtCancel = rec.signalCount;
    const qsizetype samplesAtCancel = rec.samples.size();
    QVERIFY(samplesAtCancel >= 3 && samplesAtCancel < 30);
    // Nothing after cancelled(): no late sample, result or finished().
    QTest::qWait(1500);
    QCOMPARE(rec.signalCount, signalsAtCancel);
    QCOMPARE(rec.samples.size(), samplesAtCancel);
    QCOMPARE(rec.cancelled, 1);
    prober.cancel(); // again: nothing
    QCOMPARE(rec.signalCount, signalsAtCancel);
}

void TestLatencyProber::cancelWhenIdleSaysNothing()
{
    LatencyProber prober;
    Recorder rec(prober);
    prober.cancel();
    QCOMPARE(rec.signalCount, 0);
}

void TestLatencyProber::startAgainCancelsTheRunningTest()
{
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    LatencyProber prober;
    Recorder rec(prober);
    LatencyProber::Settings settings;
    settings.samples = 2;
    settings.gapMs = 10;
    prober.start(fleet.regions(), settings);
    QVERIFY(waitUntil([&] { return !rec.samples.isEmpty(); }, 10000));
    const qsizetype resultsOfTheFirstRun = rec.regionResults.size();
    prober.start(only(fleet.regions(), {u"eu-west"_s}), settings);
    QCOMPARE(rec.cancelled, 1);
    QVERIFY(waitUntil([&] { return rec.finished.has_value(); }, 10000));
    QCOMPARE(rec.finished->size(), 1);
    QCOMPARE(rec.finished->first().regionCode, u"eu-west"_s);
    QTest::qWait(500); // nothing of the first run leaks into the second
    QCOMPARE(rec.regionResults.size(), resultsOfTheFirstRun + 1);
}

void TestLatencyProber::untestableRegionsAreReported_data()
{
    QTest::addColumn<ProbeMode>("mode");
    QTest::addColumn<QString>("change"); // what is done to eu-north
    QTest::addColumn<QString>("error");  // a part of the expected error

    QTest::newRow("offline") << ProbeMode::Http << u"offline"_s << u"offline"_s;
    QTest::newRow("maintenance") << ProbeMode::Http << u"maintenance"_s << u"in maintenance"_s;
    QTest::newRow("inactive") << ProbeMode::Http << u"inactive"_s << u"inactive"_s;
    QTest::newRow("no ping_url") << ProbeMode::Http << u"no ping_url"_s << u"no ping_url"_s;
    QTest::newRow("ftp ping_url") << ProbeMode::Http << u"ftp"_s << u"not an http or https URL"_s;
    QTest::newRow("tcp, no ping_url") << ProbeMode::Tcp << u"no ping_url"_s << u"no ping_url"_s;
    QTest::newRow("stun, no stun") << ProbeMode::Stun << u"no stun"_s << u"no STUN endpoint"_s;
    QTest::newRow("stun, bad port") << ProbeMode::Stun << u"bad stun"_s << u"is not host:port"_s;
    QTest::newRow("stun, offline") << ProbeMode::Stun << u"offline"_s << u"offline"_s;
}

void TestLatencyProber::untestableRegionsAreReported()
{
    QFETCH(ProbeMode, mode);
    QFETCH(QString, change);
    QFETCH(QString, error);
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    QList<domain::Region> regions = only(fleet.regions(), {u"eu-west"_s, u"eu-north"_s});
    domain::Region &bad = regions[regions[0].code == u"eu-north"_s ? 0 : 1];
    if (change == u"offline"_s)
        bad.status = domain::RegionStatus::Offline;
    else if (change == u"maintenance"_s)
        bad.status = domain::RegionStatus::Maintenance;
    else if (change == u"inactive"_s)
        bad.isActive = false;
    else if (change == u"no ping_url"_s)
        bad.pingUrl.clear();
    else if (change == u"ftp"_s)
        bad.pingUrl = u"ftp://127.0.0.1/ping"_s;
    else if (change == u"no stun"_s)
        bad.stun.clear();
    else if (change == u"bad stun"_s)
        bad.stun = u"127.0.0.1:stun"_s;
    // A degraded region is still tested.
    regions[regions[0].code == u"eu-west"_s ? 0 : 1].status = domain::RegionStatus::Degraded;

    LatencyProber prober;
    Recorder rec(prober);
    LatencyProber::Settings settings;
    settings.mode = mode;
    settings.samples = 2;
    settings.gapMs = 10;
    prober.start(regions, settings);
    // Reported at once, before start() returns, and counted in progress.
    QCOMPARE(rec.regionResults.size(), 1);
    QCOMPARE(rec.regionResults.first().regionCode, u"eu-north"_s);
    QVERIFY((rec.progress.value(0) == std::pair{1, 2}));
    QVERIFY(waitUntil([&] { return rec.finished.has_value(); }, 10000));
    QCOMPARE(rec.finished->size(), 2);
    const LatencyResult *north = resultFor(*rec.finished, u"eu-north"_s);
    const LatencyResult *west = resultFor(*rec.finished, u"eu-west"_s);
    QVERIFY(north && west);
    QVERIFY2(north->error.contains(error), qPrintable(north->error));
    QVERIFY(north->samples.isEmpty());
    QCOMPARE(toString(north->stats.quality), u"unknown"_s);
    QVERIFY(west->error.isEmpty());
    QCOMPARE(west->stats.received, 2);
}

void TestLatencyProber::nothingTestableFinishesAtOnce()
{
    domain::Region a = scriptedRegion(u"xx-a"_s, QString());
    domain::Region b = scriptedRegion(u"xx-b"_s, u"http://127.0.0.1:1/ping"_s);
    b.status = domain::RegionStatus::Offline;
    LatencyProber prober;
    Recorder rec(prober);
    prober.start({a, b}, LatencyProber::Settings{});
    QVERIFY(rec.finished.has_value());
    QCOMPARE(rec.finished->size(), 2);
    QVERIFY(!prober.isRunning());
    const QList<LatencyResult> viaRun = runAndWait(prober, {a, b}, {});
    QCOMPARE(viaRun.size(), 2);
    QCOMPARE(viaRun.at(0).error, u"no ping_url"_s);
    QCOMPARE(viaRun.at(1).error, u"offline"_s);
    const QList<LatencyResult> none = runAndWait(prober, {}, {});
    QVERIFY(none.isEmpty());
}

void TestLatencyProber::runReturnsAllResults()
{
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    QList<domain::Region> regions = fleet.regions();
    regions[2].status = domain::RegionStatus::Offline;
    LatencyProber prober;
    LatencyProber::Settings settings;
    settings.samples = 2;
    settings.gapMs = 10;
    const QList<LatencyResult> results = runAndWait(prober, regions, settings);
    QCOMPARE(results.size(), regions.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        QCOMPARE(results.at(i).regionCode, regions.at(i).code);
        if (i == 2) {
            QCOMPARE(results.at(i).error, u"offline"_s);
        } else {
            QVERIFY2(results.at(i).error.isEmpty(), qPrintable(describe(results.at(i))));
            QCOMPARE(results.at(i).stats.received, 2);
        }
    }
}

void TestLatencyProber::destroyedMidRunEndsRun()
{
    // Whoever awaits run() is not left hanging when the prober goes away: it
    // gets the regions finished until then.
    sim::DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.start());
    auto *prober = new LatencyProber;
    LatencyProber::Settings settings;
    settings.samples = 2;
    settings.gapMs = 10;
    QCoro::Task<QList<LatencyResult>> task = prober->run(fleet.regions(), settings);
    QList<QString> finishedCodes;
    connect(prober, &LatencyProber::regionFinished, this,
            [&](const LatencyResult &r) { finishedCodes.append(r.regionCode); });
    // eu-west (~5 ms) is done after ~20 ms, asia-se (~210 ms) after ~630 ms.
    QTimer::singleShot(300, this, [&] {
        delete prober;
        prober = nullptr;
    });
    const QList<LatencyResult> results = QCoro::waitFor(task);
    QVERIFY(!prober);
    QVERIFY(!results.isEmpty());
    QVERIFY(results.size() < 6);
    QCOMPARE(results.size(), finishedCodes.size());
    QVERIFY(finishedCodes.contains(u"eu-west"_s));
}

void TestLatencyProber::httpFraming_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<int>("connections"); // the server saw, for 1 warm-up + 3 samples
    QTest::addColumn<int>("requests");
    QTest::addColumn<double>("minRttMs");
    QTest::addColumn<QString>("error"); // empty: every sample received

    QTest::newRow("keep-alive, Content-Length") << u"keep-alive"_s << 1 << 4 << 0.0 << QString();
    QTest::newRow("server closes after each reply: reconnected, not timed")
        << u"close"_s << 4 << 4 << 0.0 << QString();
    // Closes a kept-alive connection on its second request without a reply:
    // each sample is sent once more on a new connection, not counted lost.
    QTest::newRow("server drops the kept-alive connection: resent once")
        << u"stale"_s << 4 << 7 << 0.0 << QString();
    QTest::newRow("chunked") << u"chunked"_s << 1 << 4 << 0.0 << QString();
    QTest::newRow("HTTP/1.0, body until close") << u"http10"_s << 4 << 4 << 0.0 << QString();
    QTest::newRow("100 Continue first") << u"continue"_s << 1 << 4 << 0.0 << QString();
    QTest::newRow("body 30 ms after the head: read fully")
        << u"split"_s << 1 << 4 << 29.0 << QString();
    QTest::newRow("404") << u"404"_s << 1 << 1 << 0.0 << u"ping_url answered HTTP 404 Not Found"_s;
    QTest::newRow("not HTTP") << u"garbage"_s << 1 << 1 << 0.0 << u"bad HTTP reply"_s;
}

void TestLatencyProber::httpFraming()
{
    QFETCH(QString, script);
    QFETCH(int, connections);
    QFETCH(int, requests);
    QFETCH(double, minRttMs);
    QFETCH(QString, error);
    ScriptedServer server([script](int, QTcpSocket *s) {
        if (script == u"keep-alive"_s) {
            pongKeepAlive(0, s);
        } else if (script == u"close"_s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\npong");
            s->disconnectFromHost();
        } else if (script == u"stale"_s) {
            const int n = s->property("requests").toInt();
            s->setProperty("requests", n + 1);
            if (n == 0)
                pongKeepAlive(0, s);
            else
                s->disconnectFromHost();
        } else if (script == u"chunked"_s) {
            s->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;x=y\r\npo\r\n"
                     "2\r\nng\r\n0\r\nX-Trailer: 1\r\n\r\n");
        } else if (script == u"http10"_s) {
            s->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\npong");
            s->disconnectFromHost();
        } else if (script == u"continue"_s) {
            s->write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
        } else if (script == u"split"_s) {
            s->write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n");
            s->flush();
            QTimer::singleShot(30, Qt::PreciseTimer, s, [s] { s->write("pong"); });
        } else if (script == u"404"_s) {
            s->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        } else {
            s->write("SSH-2.0-OpenSSH_9.2\r\n\r\n");
        }
    });
    LatencyProber prober;
    LatencyProber::Settings settings;
    settings.samples = 3;
    settings.gapMs = 10;
    settings.timeoutMs = 2000;
    const QList<LatencyResult> results =
        runAndWait(prober, {scriptedRegion(u"xx-script"_s, server.url())}, settings);
    QCOMPARE(results.size(), 1);
    const LatencyResult &r = results.first();
    qInfo("%s", qPrintable(describe(r)));
    QCOMPARE(r.samples.size(), 3);
    if (!error.isEmpty()) {
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
        QCOMPARE(r.stats.lossPercent, 100.0);
        return;
    }
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.stats.received, 3);
    QCOMPARE(server.connections, connections);
    QCOMPARE(server.requests, requests);
    QVERIFY2(r.stats.minimumMs >= minRttMs, qPrintable(describe(r)));
    // A reconnect is not part of a sample: loopback requests stay quick.
    QVERIFY2(r.stats.maximumMs < minRttMs + 20.0, qPrintable(describe(r)));
}

void TestLatencyProber::tlsErrorsFailTheRegion()
{
    SelfSignedTlsServer server;
    if (!server.setUp())
        QSKIP("no openssl tool or no TLS backend to make a self-signed server");
    LatencyProber prober;
    LatencyProber::Settings settings;
    settings.samples = 2;
    settings.timeoutMs = 3000;
    const domain::Region region =
        scriptedRegion(u"xx-tls"_s, u"https://127.0.0.1:%1/ping"_s.arg(server.serverPort()));
    const QList<LatencyResult> results = runAndWait(prober, {region}, settings);
    QCOMPARE(results.size(), 1);
    const LatencyResult &r = results.first();
    qInfo("%s", qPrintable(describe(r)));
    QVERIFY2(r.error.startsWith(u"TLS: "_s), qPrintable(r.error));
    QVERIFY2(r.error.contains(u"self signed"_s, Qt::CaseInsensitive) ||
                 r.error.contains(u"self-signed"_s, Qt::CaseInsensitive),
             qPrintable(r.error));
    QCOMPARE(r.stats.lossPercent, 100.0);
    QCOMPARE(server.handshakes, 0); // never trusted, never completed
}

QTEST_GUILESS_MAIN(TestLatencyProber)
#include "tst_latencyprober.moc"
