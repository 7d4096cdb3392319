// Alert delivery (issue 12) against a real loopback HTTP receiver, with a
// manual clock: the body and its signature, grouping, retries after 500s,
// silences, and e-mail through a sendmail or "not configured".
#include "controlplane/services/alertdeliveryservice.h"
#include "controlplane/store/alertrepository.h"
#include "controlplane/store/database.h"
#include "support/manualclock.h"
#include "support/testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace waddle;
using namespace waddle::cp;
using waddle::test::storeLocation;
using namespace Qt::StringLiterals;

namespace {

// A loopback HTTP server that records each request and answers with the next
// scripted status (200 once the script runs out), closing the connection.
class Receiver : public QObject
{
public:
    struct Request
    {
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
    };

    Receiver()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        });
    }

    [[nodiscard]] QString url() const
    {
        return u"http://127.0.0.1:%1/hook"_s.arg(m_server.serverPort());
    }

    QList<int> statuses;
    QList<Request> requests;

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request request;
        for (const QByteArray &line : buffer.left(end).split('\n').mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.insert(line.left(colon).trimmed().toLower(),
                                       line.mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer.size() < end + 4 + length)
            return;
        request.body = buffer.mid(end + 4, length);
        m_buffers.remove(socket);
        requests.append(request);
        const int status = statuses.isEmpty() ? 200 : statuses.takeFirst();
        socket->write("HTTP/1.1 " + QByteArray::number(status) +
                      " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestAlertDeliveryService : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void signedGroupedWebhook();
    void retriesWithBackoffThenFails();
    void retrySucceedsAfter500s();
    void silencedTriggersAreNotSent();
    void slackAndEmail();
    void resolvedIsNotifiedToo();

private:
    StoredAlert makeAlert(const QString &name, domain::Severity severity,
                          const QStringList &channels);
    domain::AlertTrigger fire(const StoredAlert &alert, double value);
    // Whether the receiver's `count`th request comes at `due` and not a
    // second before (a tick at each).
    bool sentFirstAt(const QDateTime &due, qsizetype count);

    const QDateTime m_t0{QDate(2030, 5, 1), QTime(12, 0), Qt::UTC};
    std::unique_ptr<test::ManualClock> m_clock;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<AlertRepository> m_alerts;
    std::unique_ptr<AlertDeliveryService> m_delivery;
    std::unique_ptr<Receiver> m_receiver;
    AlertDeliveryService::Settings m_settings;
};

void TestAlertDeliveryService::init()
{
    m_clock = std::make_unique<test::ManualClock>(m_t0);
    auto database = Database::open(storeLocation());
    QVERIFY(database);
    m_database = std::move(database).value();
    m_alerts = std::make_unique<AlertRepository>(*m_database);
    m_receiver = std::make_unique<Receiver>();
    m_settings = {};
    m_settings.sendmail = u"/nonexistent/sendmail"_s;
    m_delivery = std::make_unique<AlertDeliveryService>(*m_database, m_settings, *m_clock);
}

void TestAlertDeliveryService::cleanup()
{
    m_delivery.reset();
    m_alerts.reset();
    m_database.reset();
}

StoredAlert TestAlertDeliveryService::makeAlert(const QString &name, domain::Severity severity,
                                                const QStringList &channels)
{
    StoredAlert stored;
    stored.alert.projectId = u"fleet"_s;
    stored.alert.name = name;
    stored.alert.metric = u"api_request"_s;
    stored.alert.threshold = 10;
    stored.alert.severity = severity;
    stored.alert.channels = channels;
    stored.targets.webhookUrl = m_receiver->url();
    stored.targets.webhookSecret = u"s3cret"_s;
    stored.targets.slackWebhookUrl = m_receiver->url() + u"/slack"_s;
    stored.targets.emailTo = u"ops@example.org"_s;
    return m_alerts->createAlert(stored, m_clock->now()).value();
}

domain::AlertTrigger TestAlertDeliveryService::fire(const StoredAlert &alert, double value)
{
    auto trigger = m_alerts->fire(alert, value, alert.alert.name + u" fired"_s, m_clock->now());
    m_delivery->enqueue({trigger.value()});
    return trigger.value();
}

bool TestAlertDeliveryService::sentFirstAt(const QDateTime &due, qsizetype count)
{
    m_clock->setNow(due.addSecs(-1));
    m_delivery->tick();
    QTest::qWait(50);
    if (m_receiver->requests.size() != count - 1)
        return false;
    m_clock->setNow(due);
    m_delivery->tick();
    return QTest::qWaitFor([&] { return m_receiver->requests.size() == count; }, 5000);
}

void TestAlertDeliveryService::signedGroupedWebhook()
{
    const StoredAlert a = makeAlert(u"a"_s, domain::Severity::High, {u"webhook"_s});
    const StoredAlert b = makeAlert(u"b"_s, domain::Severity::High, {u"webhook"_s});
    QSignalSpy recorded(m_delivery.get(), &AlertDeliveryService::recorded);
    const domain::AlertTrigger first = fire(a, 11);
    m_clock->advance(10 * 1000);
    const domain::AlertTrigger second = fire(b, 12);
    // The group waits 30 s from its first trigger to gather the rest.
    m_clock->setNow(m_t0.addSecs(29));
    m_delivery->tick();
    QTest::qWait(50);
    QCOMPARE(m_receiver->requests.size(), 0);
    m_clock->setNow(m_t0.addSecs(30));
    m_delivery->tick();
    QVERIFY(recorded.wait(5000));
    QCOMPARE(m_receiver->requests.size(), 1);
    const Receiver::Request request = m_receiver->requests.first();

    // Both triggers in one document, signed over the exact body.
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QStringList ids;
    for (const QJsonValue &t : body.value(u"triggers"_s).toArray())
        ids.append(t.toObject().value(u"id"_s).toString());
    ids.sort();
    QStringList expected{first.id, second.id};
    expected.sort();
    QCOMPARE(ids, expected);
    const QByteArray mac =
        QMessageAuthenticationCode::hash(request.body, "s3cret", QCryptographicHash::Sha256);
    QCOMPARE(request.headers.value("x-waddle-signature"), "sha256=" + mac.toHex());
    QCOMPARE(request.headers.value("content-type"), QByteArray("application/json"));
    const DeliveryRecord log = recorded.last().at(0).value<DeliveryRecord>();
    QCOMPARE(log.outcome, u"delivered"_s);
    QCOMPARE(log.httpStatus.value_or(0), 200);
    QCOMPARE(log.attempt, 1);

    // The next trigger of that group waits for 5 minutes after the send.
    m_clock->setNow(m_t0.addSecs(60));
    fire(a, 13);
    QVERIFY(sentFirstAt(m_t0.addSecs(30 + 300), 2));
    // Another severity is another group, not held back.
    const StoredAlert c = makeAlert(u"c"_s, domain::Severity::Low, {u"webhook"_s});
    fire(c, 1);
    m_clock->advance(30 * 1000);
    m_delivery->tick();
    QTRY_COMPARE(m_receiver->requests.size(), 3);
    // The log lists every attempt through the service.
    QTRY_COMPARE(m_delivery->deliveries(u"fleet"_s, 50)->size(), 3);
}

void TestAlertDeliveryService::retriesWithBackoffThenFails()
{
    const StoredAlert a = makeAlert(u"a"_s, domain::Severity::Critical, {u"webhook"_s});
    m_receiver->statuses = {500, 500, 500, 500, 500, 500};
    QSignalSpy recorded(m_delivery.get(), &AlertDeliveryService::recorded);
    fire(a, 99);
    m_clock->advance(30 * 1000);
    m_delivery->tick();
    QVERIFY(recorded.wait(5000));
    // Waits of 1, 2, 4 and 8 s between the five attempts; none early.
    for (const int waitMs : {1000, 2000, 4000, 8000}) {
        const qsizetype before = m_receiver->requests.size();
        m_clock->advance(waitMs - 1);
        m_delivery->tick();
        QTest::qWait(30);
        QCOMPARE(m_receiver->requests.size(), before);
        m_clock->advance(1);
        m_delivery->tick();
        QVERIFY(recorded.wait(5000));
    }
    QCOMPARE(m_receiver->requests.size(), 5);
    QStringList outcomes;
    for (const QList<QVariant> &args : recorded)
        outcomes.append(args.at(0).value<DeliveryRecord>().outcome + u'#' +
                        QString::number(args.at(0).value<DeliveryRecord>().attempt));
    QCOMPARE(outcomes, (QStringList{u"retrying#1"_s, u"retrying#2"_s, u"retrying#3"_s,
                                    u"retrying#4"_s, u"failed#5"_s}));
    // Nothing more after the last try.
    m_clock->advance(60 * 1000);
    m_delivery->tick();
    QTest::qWait(50);
    QCOMPARE(m_receiver->requests.size(), 5);
    // Every attempt carried the same signed body.
    QCOMPARE(m_receiver->requests.at(4).body, m_receiver->requests.at(0).body);
}

void TestAlertDeliveryService::retrySucceedsAfter500s()
{
    const StoredAlert a = makeAlert(u"a"_s, domain::Severity::Medium, {u"webhook"_s});
    m_receiver->statuses = {500, 503};
    QSignalSpy recorded(m_delivery.get(), &AlertDeliveryService::recorded);
    fire(a, 50);
    m_clock->advance(30 * 1000);
    m_delivery->tick();
    QVERIFY(recorded.wait(5000));
    m_clock->advance(1000);
    m_delivery->tick();
    QVERIFY(recorded.wait(5000));
    m_clock->advance(2000);
    m_delivery->tick();
    QVERIFY(recorded.wait(5000));
    const auto log = m_delivery->deliveries(u"fleet"_s, 10);
    QVERIFY(log);
    QCOMPARE(log->size(), 3);
    // Newest first.
    QCOMPARE(log->at(0).outcome, u"delivered"_s);
    QCOMPARE(log->at(0).attempt, 3);
    QCOMPARE(log->at(1).httpStatus.value_or(0), 503);
    QCOMPARE(log->at(2).httpStatus.value_or(0), 500);
}

void TestAlertDeliveryService::silencedTriggersAreNotSent()
{
    const StoredAlert loud = makeAlert(u"loud"_s, domain::Severity::High, {u"webhook"_s});
    const StoredAlert quiet = makeAlert(u"quiet"_s, domain::Severity::High, {u"webhook"_s});
    domain::Silence silence;
    silence.projectId = u"fleet"_s;
    silence.alertId = quiet.alert.id;
    silence.until = m_t0.addSecs(3600);
    silence.comment = u"maintenance"_s;
    QVERIFY(m_delivery->createSilence(silence));
    // A silence in the past is refused.
    silence.until = m_t0.addSecs(-1);
    QVERIFY(!m_delivery->createSilence(silence));
    QCOMPARE(m_delivery->silences(u"fleet"_s)->size(), 1);

    QSignalSpy recorded(m_delivery.get(), &AlertDeliveryService::recorded);
    const domain::AlertTrigger muted = fire(quiet, 1);
    const domain::AlertTrigger sent = fire(loud, 2);
    m_clock->advance(30 * 1000);
    m_delivery->tick();
    QTRY_COMPARE(m_receiver->requests.size(), 1);
    const QJsonArray triggers = QJsonDocument::fromJson(m_receiver->requests.first().body)
                                    .object()
                                    .value(u"triggers"_s)
                                    .toArray();
    QCOMPARE(triggers.size(), 1);
    QCOMPARE(triggers.at(0).toObject().value(u"id"_s).toString(), sent.id);
    QTRY_COMPARE(recorded.size(), 2);
    QCOMPARE(recorded.at(0).at(0).value<DeliveryRecord>().outcome, u"silenced"_s);
    QCOMPARE(recorded.at(0).at(0).value<DeliveryRecord>().triggerIds, QStringList{muted.id});

    // After the silence ends, the same alert is delivered.
    m_clock->setNow(m_t0.addSecs(3600));
    QCOMPARE(m_delivery->silences(u"fleet"_s)->size(), 0);
    fire(quiet, 3);
    m_clock->advance(30 * 1000);
    m_delivery->tick();
    QTRY_COMPARE(m_receiver->requests.size(), 2);
}

void TestAlertDeliveryService::slackAndEmail()
{
    const StoredAlert a = makeAlert(u"a"_s, domain::Severity::Critical, {u"slack"_s, u"email"_s});
    QSignalSpy recorded(m_delivery.get(), &AlertDeliveryService::recorded);
    fire(a, 7);
    m_clock->advance(30 * 1000);
    m_delivery->tick();
    QTRY_COMPARE(recorded.size(), 2);
    QStringList outcomes;
    for (const QList<QVariant> &args : recorded) {
        const DeliveryRecord r = args.at(0).value<DeliveryRecord>();
        outcomes.append(r.channel + u':' + r.outcome);
    }
    outcomes.sort();
    QCOMPARE(outcomes, (QStringList{u"email:not_configured"_s, u"slack:delivered"_s}));
    // Slack's incoming-webhook shape.
    QCOMPARE(m_receiver->requests.size(), 1);
    const QJsonObject slack = QJsonDocument::fromJson(m_receiver->requests.first().body).object();
    QVERIFY(slack.value(u"text"_s).toString().contains(u"critical"_s));
    QVERIFY(!m_receiver->requests.first().headers.contains("x-waddle-signature"));

    // With a sendmail, the message is handed to `sendmail -t`.
    QTemporaryDir dir;
    const QString script = dir.filePath(u"sendmail"_s);
    const QString out = dir.filePath(u"mail.txt"_s);
    QFile file(script);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write((u"#!/bin/sh\n[ \"$1\" = -t ] || exit 3\ncat > '"_s + out + u"'\n"_s).toUtf8());
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    AlertDeliveryService::Settings settings;
    settings.sendmail = script;
    AlertDeliveryService withMail(*m_database, settings, *m_clock);
    QSignalSpy mailed(&withMail, &AlertDeliveryService::recorded);
    const StoredAlert e = makeAlert(u"e"_s, domain::Severity::Low, {u"email"_s});
    auto trigger = m_alerts->fire(e, 1, u"e fired"_s, m_clock->now());
    withMail.enqueue({trigger.value()});
    m_clock->advance(30 * 1000);
    withMail.tick();
    QVERIFY(mailed.wait(5000));
    QCOMPARE(mailed.first().at(0).value<DeliveryRecord>().outcome, u"delivered"_s);
    QFile mail(out);
    QVERIFY(mail.open(QIODevice::ReadOnly));
    const QByteArray message = mail.readAll();
    QVERIFY(message.startsWith("To: ops@example.org\n"));
    QVERIFY(message.contains("Subject: "));
}

void TestAlertDeliveryService::resolvedIsNotifiedToo()
{
    // Alertmanager's send_resolved: the receiver hears when a trigger stops,
    // in its group's rhythm; one that resolves before its firing went out
    // is sent once, resolved.
    const StoredAlert a = makeAlert(u"a"_s, domain::Severity::High, {u"webhook"_s});
    fire(a, 11);
    m_clock->setNow(m_t0.addSecs(30));
    m_delivery->tick();
    QTRY_COMPARE(m_receiver->requests.size(), 1);
    const QJsonObject firing = QJsonDocument::fromJson(m_receiver->requests.at(0).body).object();
    QCOMPARE(firing.value(u"status"_s).toString(), u"firing"_s);

    m_clock->setNow(m_t0.addSecs(90));
    const auto over = m_alerts->resolveOpen(a.alert.id, m_clock->now());
    QVERIFY(over && over.value());
    m_delivery->enqueue({*over.value()});
    QVERIFY(sentFirstAt(m_t0.addSecs(30 + 300), 2)); // the group's interval after its send
    const QJsonObject body = QJsonDocument::fromJson(m_receiver->requests.at(1).body).object();
    QCOMPARE(body.value(u"status"_s).toString(), u"resolved"_s);
    QCOMPARE(body.value(u"count"_s).toInt(), 1);
    QCOMPARE(body.value(u"summary"_s).toString(), u"[high] 1 alert resolved in fleet: a fired"_s);
    QCOMPARE(body.value(u"triggers"_s).toArray().at(0).toObject().value(u"status"_s).toString(),
             u"resolved"_s);

    // Fired and resolved before the group went out: one entry, resolved.
    const StoredAlert b = makeAlert(u"b"_s, domain::Severity::Low, {u"webhook"_s});
    fire(b, 12);
    const auto gone = m_alerts->resolveOpen(b.alert.id, m_clock->now());
    QVERIFY(gone && gone.value());
    m_delivery->enqueue({*gone.value()});
    m_clock->advance(30 * 1000);
    m_delivery->tick();
    QTRY_COMPARE(m_receiver->requests.size(), 3);
    const QJsonObject once = QJsonDocument::fromJson(m_receiver->requests.at(2).body).object();
    QCOMPARE(once.value(u"count"_s).toInt(), 1);
    QCOMPARE(once.value(u"status"_s).toString(), u"resolved"_s);
    QTest::qWait(100);
    QCOMPARE(m_receiver->requests.size(), 3);
}

QTEST_GUILESS_MAIN(TestAlertDeliveryService)
#include "tst_alertdeliveryservice.moc"
