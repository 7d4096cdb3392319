// Issue 12: grouping of triggers for delivery, retry schedule, webhook
// signature and payloads.
#include "domain/analytics/alertnotification.h"

#include <QJsonArray>
#include <QTest>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

const QDateTime kT = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);

AlertTrigger fired(const QString &id, const QString &project, Severity severity, int atSecs)
{
    AlertTrigger t;
    t.id = id;
    t.alertId = u"a-"_s + id;
    t.projectId = project;
    t.severity = severity;
    t.message = u"m-"_s + id;
    t.value = 11;
    t.threshold = 10;
    t.triggeredAt = kT.addSecs(atSecs);
    return t;
}

QStringList ids(const NotificationGroup &group)
{
    QStringList out;
    for (const AlertTrigger &t : group.triggers)
        out.append(t.id);
    return out;
}

} // namespace

class TestAlertNotification : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newGroupWaits();
    void gathersWhatFiresWithIt();
    void severitiesApartMostSevereFirst();
    void afterASendWaitsForTheInterval();
    void oldSendDoesNotDelay();
    void retryDelays_data();
    void retryDelays();
    void signatureKnownVector();
    void payloads();
};

void TestAlertNotification::newGroupWaits()
{
    const QList<AlertTrigger> pending{fired(u"1"_s, u"fleet"_s, Severity::High, 0)};
    QVERIFY(dueNotifications(pending, {}, kT.addSecs(29)).isEmpty());
    QCOMPARE(dueNotifications(pending, {}, kT.addSecs(30)).size(), 1);
}

void TestAlertNotification::gathersWhatFiresWithIt()
{
    const QList<AlertTrigger> pending{fired(u"2"_s, u"fleet"_s, Severity::High, 10),
                                      fired(u"1"_s, u"fleet"_s, Severity::High, 0)};
    const QList<NotificationGroup> due = dueNotifications(pending, {}, kT.addSecs(30));
    QCOMPARE(due.size(), 1);
    QCOMPARE(ids(due.at(0)), (QStringList{u"1"_s, u"2"_s})); // oldest first
}

void TestAlertNotification::severitiesApartMostSevereFirst()
{
    const QList<AlertTrigger> pending{fired(u"1"_s, u"fleet"_s, Severity::Low, 0),
                                      fired(u"2"_s, u"fleet"_s, Severity::Critical, 0),
                                      fired(u"3"_s, u"w-1"_s, Severity::Critical, 0)};
    const QList<NotificationGroup> due = dueNotifications(pending, {}, kT.addSecs(60));
    QCOMPARE(due.size(), 3);
    QVERIFY(due.at(0).severity == Severity::Critical);
    QCOMPARE(due.at(0).projectId, u"fleet"_s);
    QVERIFY(due.at(1).severity == Severity::Low);
    QCOMPARE(due.at(2).projectId, u"w-1"_s);
}

void TestAlertNotification::afterASendWaitsForTheInterval()
{
    // A group went out at T+30; what fires at T+60 waits until T+330.
    const QHash<QString, QDateTime> sent{{groupKey(u"fleet"_s, Severity::High), kT.addSecs(30)}};
    const QList<AlertTrigger> pending{fired(u"4"_s, u"fleet"_s, Severity::High, 60),
                                      fired(u"5"_s, u"fleet"_s, Severity::High, 200)};
    QVERIFY(dueNotifications(pending, sent, kT.addSecs(100)).isEmpty());
    QVERIFY(dueNotifications(pending, sent, kT.addSecs(329)).isEmpty());
    const QList<NotificationGroup> due = dueNotifications(pending, sent, kT.addSecs(330));
    QCOMPARE(due.size(), 1);
    QCOMPARE(ids(due.at(0)), (QStringList{u"4"_s, u"5"_s}));
}

void TestAlertNotification::oldSendDoesNotDelay()
{
    const QHash<QString, QDateTime> sent{{groupKey(u"fleet"_s, Severity::High), kT.addSecs(-1000)}};
    const QList<AlertTrigger> pending{fired(u"1"_s, u"fleet"_s, Severity::High, 0)};
    QVERIFY(dueNotifications(pending, sent, kT.addSecs(29)).isEmpty());
    QCOMPARE(dueNotifications(pending, sent, kT.addSecs(30)).size(), 1);
}

void TestAlertNotification::retryDelays_data()
{
    QTest::addColumn<int>("failedAttempt");
    QTest::addColumn<qint64>("delay");

    QTest::newRow("after the 1st") << 1 << qint64(1000);
    QTest::newRow("after the 2nd") << 2 << qint64(2000);
    QTest::newRow("after the 3rd") << 3 << qint64(4000);
    QTest::newRow("after the 4th") << 4 << qint64(8000);
    QTest::newRow("the 5th was the last") << 5 << qint64(-1);
    QTest::newRow("no attempt yet") << 0 << qint64(-1);
}

void TestAlertNotification::retryDelays()
{
    QFETCH(int, failedAttempt);
    QFETCH(qint64, delay);
    QCOMPARE(retryDelayMs(failedAttempt), delay);
}

void TestAlertNotification::signatureKnownVector()
{
    // The well-known HMAC-SHA256 example (key "key").
    QCOMPARE(webhookSignature("key", "The quick brown fox jumps over the lazy dog"),
             QByteArray("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"));
    QVERIFY(webhookSignature("key2", "x") != webhookSignature("key", "x"));
}

void TestAlertNotification::payloads()
{
    NotificationGroup group{u"fleet"_s,
                            Severity::Critical,
                            {fired(u"1"_s, u"fleet"_s, Severity::Critical, 0),
                             fired(u"2"_s, u"fleet"_s, Severity::Critical, 5)}};
    QCOMPARE(notificationSummary(group), u"[critical] 2 alerts firing in fleet: m-1; m-2"_s);
    const QJsonObject hook = webhookPayload(group);
    QCOMPARE(hook.value(u"count"_s).toInt(), 2);
    QCOMPARE(hook.value(u"triggers"_s).toArray().at(1).toObject().value(u"id"_s).toString(),
             u"2"_s);
    QCOMPARE(slackPayload(group).value(u"text"_s).toString(), notificationSummary(group));
    QCOMPARE(hook.value(u"status"_s).toString(), u"firing"_s);
    group.triggers.removeLast();
    QCOMPARE(notificationSummary(group), u"[critical] 1 alert firing in fleet: m-1"_s);

    // Resolved ones are told too (send_resolved): alone, and beside firing ones.
    AlertTrigger over = fired(u"3"_s, u"fleet"_s, Severity::Critical, 9);
    over.status = TriggerStatus::Resolved;
    over.resolvedAt = kT.addSecs(60);
    group.triggers.append(over);
    QCOMPARE(notificationSummary(group),
             u"[critical] 1 alert firing, 1 resolved in fleet: m-1; resolved: m-3"_s);
    QCOMPARE(webhookPayload(group).value(u"status"_s).toString(), u"firing"_s);
    group.triggers.removeFirst();
    QCOMPARE(notificationSummary(group), u"[critical] 1 alert resolved in fleet: m-3"_s);
    const QJsonObject resolved = webhookPayload(group);
    QCOMPARE(resolved.value(u"status"_s).toString(), u"resolved"_s);
    QCOMPARE(resolved.value(u"triggers"_s).toArray().at(0).toObject().value(u"status"_s).toString(),
             u"resolved"_s);
    group.triggers.append(over);
    group.triggers.last().id = u"4"_s;
    group.triggers.last().message = u"m-4"_s;
    QCOMPARE(notificationSummary(group), u"[critical] 2 alerts resolved in fleet: m-3; m-4"_s);
}

QTEST_GUILESS_MAIN(TestAlertNotification)
#include "tst_alertnotification.moc"
