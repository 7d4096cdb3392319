// The demo fleet's STUN binding responder (SPEC §2 item 3, §4 STUN mode):
// RFC 5389 answers with the sender's address, held back by the agent's
// modelled round trip, silent under an Offline fault. The client's decoder
// is not used here on purpose: the answers are decoded by hand below, so
// the responder and the client's StunMessage check each other.
#include "../support/rtt.h"
#include "domain/catalogue.h"
#include "sim/demofleet.h"
#include "sim/regionagent.h"
#include "sim/stunresponder.h"

#include <QElapsedTimer>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUdpSocket>
#include <QtEndian>

#include <cmath>
#include <optional>

using namespace waddle;
using namespace waddle::sim;
using namespace Qt::StringLiterals;
using waddle::test::withinRtt;

namespace {

const domain::GeoPoint kFrankfurt{50.1109, 8.6821};
constexpr quint32 kCookie = 0x2112A442;

domain::Region catalogueRegion(const QString &code)
{
    const QList<domain::Region> regions = domain::defaultCatalogue();
    for (const domain::Region &r : regions) {
        if (r.code == code)
            return r;
    }
    return {};
}

QByteArray newId()
{
    QByteArray id(12, Qt::Uninitialized);
    for (char &c : id)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return id;
}

QByteArray header(quint16 type, quint16 length, const QByteArray &id, quint32 cookie = kCookie)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(type, out.data());
    qToBigEndian(length, out.data() + 2);
    qToBigEndian(cookie, out.data() + 4);
    return out + id;
}

QByteArray bindingRequest(const QByteArray &id)
{
    return header(0x0001, 0, id);
}

// What a Binding Success Response says, decoded by hand (RFC 5389 §6, §15.2).
struct Answer
{
    QByteArray id;
    QHostAddress address;
    quint16 port = 0;
    QByteArray software;
};

std::optional<Answer> decode(const QByteArray &m)
{
    if (m.size() < 20)
        return std::nullopt;
    const auto *p = reinterpret_cast<const uchar *>(m.constData());
    const quint16 length = qFromBigEndian<quint16>(p + 2);
    if (qFromBigEndian<quint16>(p) != 0x0101 || length % 4 != 0 || 20 + length != m.size() ||
        qFromBigEndian<quint32>(p + 4) != kCookie)
        return std::nullopt;
    Answer a;
    a.id = m.mid(8, 12);
    bool mapped = false;
    for (qsizetype at = 20; at + 4 <= m.size();) {
        const quint16 type = qFromBigEndian<quint16>(p + at);
        const quint16 len = qFromBigEndian<quint16>(p + at + 2);
        const qsizetype value = at + 4;
        if (value + len > m.size())
            return std::nullopt;
        if (type == 0x0020) {
            a.port = qFromBigEndian<quint16>(p + value + 2) ^ 0x2112;
            if (p[value + 1] == 0x01 && len == 8) {
                a.address = QHostAddress(qFromBigEndian<quint32>(p + value + 4) ^ kCookie);
            } else if (p[value + 1] == 0x02 && len == 20) {
                Q_IPV6ADDR ip;
                for (int i = 0; i < 16; ++i)
                    ip[i] = p[value + 4 + i] ^ p[4 + i];
                a.address = QHostAddress(ip);
            } else {
                return std::nullopt;
            }
            mapped = true;
        } else if (type == 0x8022) {
            a.software = m.mid(value, len);
        }
        at = value + ((len + 3) & ~3);
    }
    if (!mapped)
        return std::nullopt;
    return a;
}

// A client socket that sends datagrams to a port and waits for answers.
class Client
{
public:
    explicit Client(const QHostAddress &bindTo = QHostAddress::LocalHost)
    {
        m_ok = m_socket.bind(bindTo, 0);
    }

    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] quint16 port() const { return m_socket.localPort(); }

    void send(const QByteArray &datagram, const QHostAddress &to, quint16 port)
    {
        m_socket.writeDatagram(datagram, to, port);
    }

    // The next datagram within timeoutMs, and when it came (ms after `since`).
    std::optional<QNetworkDatagram> receive(int timeoutMs)
    {
        if (!m_socket.hasPendingDatagrams()) {
            QSignalSpy ready(&m_socket, &QUdpSocket::readyRead);
            if (!ready.wait(timeoutMs) && !m_socket.hasPendingDatagrams())
                return std::nullopt;
        }
        return m_socket.receiveDatagram();
    }

    // One Binding Request and its answer: round trip in ms, or nullopt.
    std::optional<std::pair<Answer, double>> exchange(const QHostAddress &to, quint16 port,
                                                      int timeoutMs = 2000)
    {
        const QByteArray id = newId();
        QElapsedTimer timer;
        timer.start();
        send(bindingRequest(id), to, port);
        while (timer.elapsed() < timeoutMs) {
            const auto datagram = receive(int(timeoutMs - timer.elapsed()));
            if (!datagram)
                break;
            const double ms = timer.nsecsElapsed() / 1e6;
            const std::optional<Answer> answer = decode(datagram->data());
            if (answer && answer->id == id)
                return std::pair{*answer, ms};
        }
        return std::nullopt;
    }

private:
    QUdpSocket m_socket;
    bool m_ok = false;
};

double meanRttMs(Client &client, quint16 port, int count = 5)
{
    double sum = 0.0;
    for (int i = 0; i < count; ++i) {
        const auto r = client.exchange(QHostAddress::LocalHost, port);
        if (!r)
            return -1.0;
        sum += r->second;
    }
    return sum / count;
}

} // namespace

class TestStunResponder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersWithTheSendersAddress();
    void answersOverIpv6();
    void ignoresWhatIsNotABindingRequest_data();
    void ignoresWhatIsNotABindingRequest();
    void requestWithAttributesIsAnswered();
    void schedulerDecides();
    void stopCloses();
    void agentAnswersAfterTheModelRtt_data();
    void agentAnswersAfterTheModelRtt();
    void agentLatencyFault();
    void agentOfflineIsSilent();
    void agentLossDropsTheAnswer();
    void agentStop();
    void fleetAdvertisesTheResponders();
};

void TestStunResponder::answersWithTheSendersAddress()
{
    StunResponder responder;
    QVERIFY(responder.start());
    QVERIFY(responder.isListening());
    QVERIFY(responder.port() != 0);
    Client client;
    QVERIFY(client.ok());
    const auto r = client.exchange(QHostAddress::LocalHost, responder.port());
    QVERIFY(r);
    QCOMPARE(r->first.address, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(r->first.port, client.port());
    QCOMPARE(r->first.software, "waddle demo fleet"_ba);
    QCOMPARE(responder.requestsReceived(), 1);
    QCOMPARE(responder.answersSent(), 1);
    QCOMPARE(responder.datagramsIgnored(), 0);
}

void TestStunResponder::answersOverIpv6()
{
    StunResponder responder;
    if (!responder.start(QHostAddress::LocalHostIPv6))
        QSKIP("no IPv6 loopback here");
    Client client(QHostAddress::LocalHostIPv6);
    QVERIFY(client.ok());
    const auto r = client.exchange(QHostAddress::LocalHostIPv6, responder.port());
    QVERIFY(r);
    QCOMPARE(r->first.address, QHostAddress(QHostAddress::LocalHostIPv6));
    QCOMPARE(r->first.port, client.port());
}

void TestStunResponder::ignoresWhatIsNotABindingRequest_data()
{
    QTest::addColumn<QByteArray>("datagram");
    const QByteArray id = newId();
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("HTTP") << "GET /ping HTTP/1.1\r\n\r\n"_ba;
    QTest::newRow("RFC 3489 request (no cookie)") << header(0x0001, 0, id, 0);
    QTest::newRow("Binding Indication") << header(0x0011, 0, id);
    QTest::newRow("Binding Success Response") << header(0x0101, 0, id);
    QTest::newRow("Allocate request (TURN)") << header(0x0003, 0, id);
    QTest::newRow("length says more than sent") << header(0x0001, 8, id);
    QTest::newRow("length not a multiple of 4") << header(0x0001, 2, id) + "ab"_ba;
    QTest::newRow("truncated header") << bindingRequest(id).left(12);
}

void TestStunResponder::ignoresWhatIsNotABindingRequest()
{
    QFETCH(QByteArray, datagram);
    StunResponder responder;
    QVERIFY(responder.start());
    Client client;
    client.send(datagram, QHostAddress::LocalHost, responder.port());
    // A good request right behind it: its answer is the first thing back.
    const auto r = client.exchange(QHostAddress::LocalHost, responder.port());
    QVERIFY(r);
    QCOMPARE(responder.datagramsIgnored(), 1);
    QCOMPARE(responder.requestsReceived(), 1);
    QCOMPARE(responder.answersSent(), 1);
    QVERIFY(!client.receive(50));
}

void TestStunResponder::requestWithAttributesIsAnswered()
{
    StunResponder responder;
    QVERIFY(responder.start());
    Client client;
    // SOFTWARE "probe" (5 bytes, padded to 8): length 12.
    const QByteArray id = newId();
    QByteArray attribute = QByteArray::fromHex("80220005") + "probe"_ba + QByteArray(3, '\0');
    client.send(header(0x0001, 12, id) + attribute, QHostAddress::LocalHost, responder.port());
    const auto datagram = client.receive(2000);
    QVERIFY(datagram);
    const std::optional<Answer> a = decode(datagram->data());
    QVERIFY(a);
    QCOMPARE(a->id, id);
    QCOMPARE(a->port, client.port());
}

void TestStunResponder::schedulerDecides()
{
    StunResponder responder;
    int calls = 0;
    std::function<void()> held;
    responder.setScheduler([&](std::function<void()> send) {
        ++calls;
        held = std::move(send);
    });
    QVERIFY(responder.start());
    Client client;
    client.send(bindingRequest(newId()), QHostAddress::LocalHost, responder.port());
    QTRY_COMPARE(calls, 1);
    QVERIFY(!client.receive(100)); // held back
    held();
    QVERIFY(client.receive(2000));
    QCOMPARE(responder.answersSent(), 1);
}

void TestStunResponder::stopCloses()
{
    StunResponder responder;
    std::function<void()> held;
    responder.setScheduler([&](std::function<void()> send) { held = std::move(send); });
    QVERIFY(responder.start());
    const quint16 port = responder.port();
    Client client;
    client.send(bindingRequest(newId()), QHostAddress::LocalHost, port);
    QTRY_VERIFY(held != nullptr);
    responder.stop();
    QVERIFY(!responder.isListening());
    held(); // an answer due after stop() is dropped
    QCOMPARE(responder.answersSent(), 0);
    QVERIFY(responder.start());
    QVERIFY(responder.isListening());
}

void TestStunResponder::agentAnswersAfterTheModelRtt_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("Stockholm, ~29 ms") << u"eu-north"_s;
    QTest::newRow("New York, ~129 ms") << u"us-east"_s;
}

void TestStunResponder::agentAnswersAfterTheModelRtt()
{
    QFETCH(QString, code);
    AgentSettings settings;
    settings.seed = 7;
    RegionAgent agent(catalogueRegion(code), kFrankfurt, settings);
    QVERIFY(agent.start());
    QVERIFY(agent.stunPort() != 0);
    QCOMPARE(agent.stunEndpoint(), u"127.0.0.1:%1"_s.arg(agent.stunPort()));
    Client client;
    QVERIFY(client.exchange(QHostAddress::LocalHost, agent.stunPort())); // warm-up
    const double mean = meanRttMs(client, agent.stunPort());
    qInfo("%s: model %.2f ms, STUN mean of 5 %.2f ms", qPrintable(code), agent.modelRttMs(), mean);
    QVERIFY2(withinRtt(mean, agent.modelRttMs()),
             qPrintable(u"mean %1 ms, model %2 ms"_s.arg(mean).arg(agent.modelRttMs())));
}

void TestStunResponder::agentLatencyFault()
{
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    agent.setFault({RegionAgent::Fault::Kind::Latency, 60.0});
    Client client;
    const double expected = agent.modelRttMs() + 60.0;
    const double mean = meanRttMs(client, agent.stunPort());
    qInfo("latency fault: expected %.2f ms, STUN mean %.2f ms", expected, mean);
    QVERIFY2(withinRtt(mean, expected), qPrintable(QString::number(mean)));
}

void TestStunResponder::agentOfflineIsSilent()
{
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, AgentSettings{});
    QVERIFY(agent.start());
    const quint16 port = agent.stunPort();
    Client client;
    QVERIFY(client.exchange(QHostAddress::LocalHost, port));

    agent.setFault({RegionAgent::Fault::Kind::Offline, 0.0});
    QCOMPARE(agent.stunPort(), port); // still bound: silent, not refused
    // The model RTT is ~29 ms: 300 ms is ten times that.
    QVERIFY(!client.exchange(QHostAddress::LocalHost, port, 300));

    agent.clearFault();
    QVERIFY(client.exchange(QHostAddress::LocalHost, port));
    // An answer already scheduled when the fault strikes is not sent.
    client.send(bindingRequest(newId()), QHostAddress::LocalHost, port);
    QTest::qWait(5); // read and held back, due in ~29 ms
    agent.setFault({RegionAgent::Fault::Kind::Offline, 0.0});
    QVERIFY(!client.receive(200));

    // Started under the fault: bound (the port is known) but silent.
    RegionAgent dark(catalogueRegion(u"eu-west"_s), kFrankfurt, AgentSettings{});
    dark.setFault({RegionAgent::Fault::Kind::Offline, 0.0});
    QVERIFY(dark.start());
    QVERIFY(dark.stunPort() != 0);
    QVERIFY(!client.exchange(QHostAddress::LocalHost, dark.stunPort(), 200));
    dark.clearFault();
    QVERIFY(client.exchange(QHostAddress::LocalHost, dark.stunPort()));
}

void TestStunResponder::agentLossDropsTheAnswer()
{
    AgentSettings settings;
    settings.lossProbability = 1.0;
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, settings);
    QVERIFY(agent.start());
    Client client;
    QVERIFY(!client.exchange(QHostAddress::LocalHost, agent.stunPort(), 300));
}

void TestStunResponder::agentStop()
{
    RegionAgent agent(catalogueRegion(u"eu-north"_s), kFrankfurt, AgentSettings{});
    QCOMPARE(agent.stunPort(), quint16(0));
    QVERIFY(agent.stunEndpoint().isEmpty());
    QVERIFY(agent.start());
    QVERIFY(agent.stunPort() != 0);
    agent.stop();
    QCOMPARE(agent.stunPort(), quint16(0));
    QVERIFY(agent.start());
    QVERIFY(agent.stunPort() != 0);
}

void TestStunResponder::fleetAdvertisesTheResponders()
{
    DemoFleet fleet(domain::defaultCatalogue(), kFrankfurt, 42);
    fleet.setLossProbability(0.0);
    QVERIFY(fleet.regions().first().stun.isEmpty()); // not started
    QVERIFY(fleet.start());
    Client client;
    for (const domain::Region &region : fleet.regions()) {
        const RegionAgent *agent = fleet.agent(region.code);
        QCOMPARE(region.stun, u"127.0.0.1:%1"_s.arg(agent->stunPort()));
        const auto r = client.exchange(QHostAddress::LocalHost, agent->stunPort());
        QVERIFY2(r, qPrintable(region.code));
        QCOMPARE(r->first.port, client.port());
    }
}

QTEST_GUILESS_MAIN(TestStunResponder)
#include "tst_stunresponder.moc"
