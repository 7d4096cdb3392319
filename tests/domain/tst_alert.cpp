#include "domain/analytics/alert.h"
#include "fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace waddle::domain;
using namespace waddle::domain::test;

namespace {

QJsonObject goodAlert()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("a1")},
        {QStringLiteral("project_id"), QStringLiteral("p1")},
        {QStringLiteral("name"), QStringLiteral("Too many participants")},
        {QStringLiteral("metric"), QStringLiteral("participant_minutes")},
        {QStringLiteral("condition"), QStringLiteral("gt")},
        {QStringLiteral("threshold"), 1000},
        {QStringLiteral("duration"), 5},
        {QStringLiteral("severity"), QStringLiteral("high")},
        {QStringLiteral("channels"),
         QJsonArray{QStringLiteral("email"), QStringLiteral("webhook")}},
        {QStringLiteral("enabled"), true},
        {QStringLiteral("created_at"), QStringLiteral("2025-01-20T10:30:00Z")},
    };
}

QJsonObject goodTrigger()
{
    return QJsonObject{
        {QStringLiteral("id"), QStringLiteral("t1")},
        {QStringLiteral("alert_id"), QStringLiteral("a1")},
        {QStringLiteral("project_id"), QStringLiteral("p1")},
        {QStringLiteral("metric_value"), 1234.5},
        {QStringLiteral("threshold"), 1000},
        {QStringLiteral("status"), QStringLiteral("triggered")},
        {QStringLiteral("severity"), QStringLiteral("high")},
        {QStringLiteral("message"), QStringLiteral("participant_minutes 1234.5 > 1000")},
        {QStringLiteral("triggered_at"), QStringLiteral("2025-01-20T10:30:00Z")},
    };
}

QDateTime at(int hour, int minute)
{
    return QDateTime(QDate(2025, 1, 20), QTime(hour, minute), Qt::UTC);
}

Alert fullAlert()
{
    Alert a;
    a.id = QStringLiteral("a1");
    a.projectId = QStringLiteral("p1");
    a.name = QStringLiteral("Latency high");
    a.metric = QStringLiteral("latency_ms");
    a.condition = AlertCondition::Gte;
    a.threshold = 150.5;
    a.durationMinutes = 10080;
    a.severity = Severity::Critical;
    a.channels = {QStringLiteral("email"), QStringLiteral("webhook"), QStringLiteral("slack"),
                  QStringLiteral("desktop")};
    a.enabled = false;
    a.createdAt = at(9, 15);
    return a;
}

AlertTrigger fullTrigger()
{
    AlertTrigger t;
    t.id = QStringLiteral("t1");
    t.alertId = QStringLiteral("a1");
    t.projectId = QStringLiteral("p1");
    t.value = 200.25;
    t.threshold = 150.5;
    t.status = TriggerStatus::Resolved;
    t.severity = Severity::Warning;
    t.message = QStringLiteral("latency 200 ms");
    t.triggeredAt = at(10, 0);
    t.acknowledgedAt = at(10, 5);
    t.resolvedAt = at(10, 30);
    return t;
}

} // namespace

class TestAlert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conditionNames_data();
    void conditionNames();
    void severityNames_data();
    void severityNames();
    void triggerStatusNames_data();
    void triggerStatusNames();
    void conditionHolds_data();
    void conditionHolds();
    void channels_data();
    void channels();

    void alertRoundTrip_data();
    void alertRoundTrip();
    void alertDecodesFields();
    void alertDecode_data();
    void alertDecode();

    void triggerRoundTrip_data();
    void triggerRoundTrip();
    void triggerDecode_data();
    void triggerDecode();
};

void TestAlert::conditionNames_data()
{
    QTest::addColumn<AlertCondition>("condition");
    QTest::addColumn<QString>("name");
    QTest::newRow("gt") << AlertCondition::Gt << QStringLiteral("gt");
    QTest::newRow("gte") << AlertCondition::Gte << QStringLiteral("gte");
    QTest::newRow("lt") << AlertCondition::Lt << QStringLiteral("lt");
    QTest::newRow("lte") << AlertCondition::Lte << QStringLiteral("lte");
    QTest::newRow("eq") << AlertCondition::Eq << QStringLiteral("eq");
}

void TestAlert::conditionNames()
{
    QFETCH(AlertCondition, condition);
    QFETCH(QString, name);
    QCOMPARE(toString(condition), name);
    QVERIFY(alertConditionFromString(name) == condition);
    QVERIFY(!alertConditionFromString(name.toUpper()));
    QVERIFY(!alertConditionFromString(QStringLiteral(">")));
}

void TestAlert::severityNames_data()
{
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("name");
    QTest::newRow("info") << Severity::Info << QStringLiteral("info");
    QTest::newRow("low") << Severity::Low << QStringLiteral("low");
    QTest::newRow("medium") << Severity::Medium << QStringLiteral("medium");
    QTest::newRow("warning") << Severity::Warning << QStringLiteral("warning");
    QTest::newRow("high") << Severity::High << QStringLiteral("high");
    QTest::newRow("critical") << Severity::Critical << QStringLiteral("critical");
}

void TestAlert::severityNames()
{
    QFETCH(Severity, severity);
    QFETCH(QString, name);
    QCOMPARE(toString(severity), name);
    QVERIFY(severityFromString(name) == severity);
    QVERIFY(!severityFromString(name.toUpper()));
    QVERIFY(!severityFromString(QStringLiteral("urgent")));
    // Ordered from least to most urgent.
    QVERIFY(severity == Severity::Info || Severity::Info < severity);
    QVERIFY(severity == Severity::Critical || severity < Severity::Critical);
}

void TestAlert::triggerStatusNames_data()
{
    QTest::addColumn<TriggerStatus>("status");
    QTest::addColumn<QString>("name");
    QTest::newRow("triggered") << TriggerStatus::Triggered << QStringLiteral("triggered");
    QTest::newRow("resolved") << TriggerStatus::Resolved << QStringLiteral("resolved");
    QTest::newRow("acknowledged") << TriggerStatus::Acknowledged << QStringLiteral("acknowledged");
}

void TestAlert::triggerStatusNames()
{
    QFETCH(TriggerStatus, status);
    QFETCH(QString, name);
    QCOMPARE(toString(status), name);
    QVERIFY(triggerStatusFromString(name) == status);
    QVERIFY(!triggerStatusFromString(QStringLiteral("open")));
}

void TestAlert::conditionHolds_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("threshold");
    // What gt, gte, lt, lte, eq each say.
    QTest::addColumn<bool>("gt");
    QTest::addColumn<bool>("gte");
    QTest::addColumn<bool>("lt");
    QTest::addColumn<bool>("lte");
    QTest::addColumn<bool>("eq");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    //                                  value   threshold  gt     gte    lt     lte    eq
    QTest::newRow("below") << 99.0 << 100.0 << false << false << true << true << false;
    QTest::newRow("equal") << 100.0 << 100.0 << false << true << false << true << true;
    QTest::newRow("above") << 101.0 << 100.0 << true << true << false << false << false;
    QTest::newRow("just above (1e-6)")
        << 100.0001 << 100.0 << true << true << false << false << false;
    QTest::newRow("within tolerance above")
        << 100.0 * (1 + 5e-10) << 100.0 << false << true << false << true << true;
    QTest::newRow("within tolerance below")
        << 100.0 * (1 - 5e-10) << 100.0 << false << true << false << true << true;
    QTest::newRow("beyond tolerance above")
        << 100.0 * (1 + 2e-9) << 100.0 << true << true << false << false << false;
    QTest::newRow("beyond tolerance below")
        << 100.0 * (1 - 2e-9) << 100.0 << false << false << true << true << false;
    QTest::newRow("0.1 + 0.2 vs 0.3") << 0.1 + 0.2 << 0.3 << false << true << false << true << true;
    QTest::newRow("zero") << 0.0 << 0.0 << false << true << false << true << true;
    QTest::newRow("-0 vs 0") << -0.0 << 0.0 << false << true << false << true << true;
    QTest::newRow("tiny vs 0 (absolute 1e-9)")
        << 1e-12 << 0.0 << false << true << false << true << true;
    QTest::newRow("1e-6 vs 0") << 1e-6 << 0.0 << true << true << false << false << false;
    QTest::newRow("negative below") << -5.0 << -4.0 << false << false << true << true << false;
    QTest::newRow("negative equal") << -4.0 << -4.0 << false << true << false << true << true;
    QTest::newRow("large relative") << 1e12 + 1 << 1e12 << false << true << false << true << true;
    QTest::newRow("large, 0.1 % above")
        << 1.001e12 << 1e12 << true << true << false << false << false;
    QTest::newRow("inf above") << inf << 100.0 << true << true << false << false << false;
    QTest::newRow("-inf below") << -inf << -1e300 << false << false << true << true << false;
    QTest::newRow("inf equal") << inf << inf << false << true << false << true << true;
    QTest::newRow("NaN value") << nan << 100.0 << false << false << false << false << false;
    QTest::newRow("NaN threshold") << 100.0 << nan << false << false << false << false << false;
}

void TestAlert::conditionHolds()
{
    QFETCH(double, value);
    QFETCH(double, threshold);
    QFETCH(bool, gt);
    QFETCH(bool, gte);
    QFETCH(bool, lt);
    QFETCH(bool, lte);
    QFETCH(bool, eq);

    QCOMPARE(waddle::domain::conditionHolds(AlertCondition::Gt, value, threshold), gt);
    QCOMPARE(waddle::domain::conditionHolds(AlertCondition::Gte, value, threshold), gte);
    QCOMPARE(waddle::domain::conditionHolds(AlertCondition::Lt, value, threshold), lt);
    QCOMPARE(waddle::domain::conditionHolds(AlertCondition::Lte, value, threshold), lte);
    QCOMPARE(waddle::domain::conditionHolds(AlertCondition::Eq, value, threshold), eq);
    // One of lt, eq, gt exactly, unless a NaN takes part.
    if (!qIsNaN(value) && !qIsNaN(threshold))
        QCOMPARE(int(gt) + int(lt) + int(eq), 1);
}

void TestAlert::channels_data()
{
    QTest::addColumn<QString>("channel");
    QTest::addColumn<bool>("valid");
    QTest::newRow("email") << QStringLiteral("email") << true;
    QTest::newRow("webhook") << QStringLiteral("webhook") << true;
    QTest::newRow("slack") << QStringLiteral("slack") << true;
    QTest::newRow("desktop") << QStringLiteral("desktop") << true;
    QTest::newRow("sms") << QStringLiteral("sms") << false;
    QTest::newRow("Email") << QStringLiteral("Email") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestAlert::channels()
{
    QFETCH(QString, channel);
    QFETCH(bool, valid);
    QCOMPARE(isValidAlertChannel(channel), valid);
    QCOMPARE(alertChannelNames().contains(channel), valid);
}

void TestAlert::alertRoundTrip_data()
{
    QTest::addColumn<Alert>("alert");
    QTest::newRow("full") << fullAlert();
    Alert draft = fullAlert();
    draft.id.clear();
    draft.createdAt = QDateTime();
    draft.channels.clear();
    draft.durationMinutes = 0;
    draft.threshold = -3.25;
    QTest::newRow("draft: no id, no time, no channels") << draft;
    for (const auto &entry : kAlertConditionNames) {
        Alert a = fullAlert();
        a.condition = entry.value;
        QTest::newRow(qPrintable(QStringLiteral("condition ") + QString(entry.name))) << a;
    }
    for (const auto &entry : kSeverityNames) {
        Alert a = fullAlert();
        a.severity = entry.value;
        QTest::newRow(qPrintable(QStringLiteral("severity ") + QString(entry.name))) << a;
    }
}

void TestAlert::alertRoundTrip()
{
    QFETCH(Alert, alert);
    const QJsonObject json = toJson(alert);
    QCOMPARE(json.contains(QStringLiteral("id")), !alert.id.isEmpty());
    QCOMPARE(json.contains(QStringLiteral("created_at")), alert.createdAt.isValid());
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    const Result<Alert> decoded = alertFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), alert);
}

void TestAlert::alertDecodesFields()
{
    const Alert a = alertFromJson(goodAlert()).value();
    QCOMPARE(a.id, QStringLiteral("a1"));
    QCOMPARE(a.projectId, QStringLiteral("p1"));
    QCOMPARE(a.metric, QStringLiteral("participant_minutes"));
    QVERIFY(a.condition == AlertCondition::Gt);
    QCOMPARE(a.threshold, 1000.0);
    QCOMPARE(a.durationMinutes, 5);
    QVERIFY(a.severity == Severity::High);
    QCOMPARE(a.channels, (QStringList{QStringLiteral("email"), QStringLiteral("webhook")}));
    QCOMPARE(a.enabled, true);
    QCOMPARE(a.createdAt, at(10, 30));

    const Alert defaults = alertFromJson(without(without(goodAlert(), QStringLiteral("channels")),
                                                 QStringLiteral("enabled")))
                               .value();
    QVERIFY(defaults.channels.isEmpty());
    QCOMPARE(defaults.enabled, true);
}

void TestAlert::alertDecode_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field"); // empty: decodes

    QTest::newRow("alert") << QJsonValue(goodAlert()) << QString();
    QTest::newRow("without id") << QJsonValue(without(goodAlert(), QStringLiteral("id")))
                                << QString();
    QTest::newRow("missing project_id")
        << QJsonValue(without(goodAlert(), QStringLiteral("project_id")))
        << QStringLiteral("project_id");
    QTest::newRow("empty name") << QJsonValue(with(goodAlert(), QStringLiteral("name"), QString()))
                                << QStringLiteral("name");
    QTest::newRow("missing metric")
        << QJsonValue(without(goodAlert(), QStringLiteral("metric"))) << QStringLiteral("metric");

    QTest::newRow("condition eq") << QJsonValue(with(goodAlert(), QStringLiteral("condition"),
                                                     QStringLiteral("eq")))
                                  << QString();
    QTest::newRow("condition >") << QJsonValue(with(goodAlert(), QStringLiteral("condition"),
                                                    QStringLiteral(">")))
                                 << QStringLiteral("condition");
    QTest::newRow("condition ne") << QJsonValue(with(goodAlert(), QStringLiteral("condition"),
                                                     QStringLiteral("ne")))
                                  << QStringLiteral("condition");
    QTest::newRow("missing condition")
        << QJsonValue(without(goodAlert(), QStringLiteral("condition")))
        << QStringLiteral("condition");

    QTest::newRow("negative threshold")
        << QJsonValue(with(goodAlert(), QStringLiteral("threshold"), -1.5)) << QString();
    QTest::newRow("threshold a string")
        << QJsonValue(with(goodAlert(), QStringLiteral("threshold"), QStringLiteral("1000")))
        << QStringLiteral("threshold");
    QTest::newRow("threshold NaN")
        << QJsonValue(with(goodAlert(), QStringLiteral("threshold"), qQNaN()))
        << QStringLiteral("threshold");
    QTest::newRow("missing threshold")
        << QJsonValue(without(goodAlert(), QStringLiteral("threshold")))
        << QStringLiteral("threshold");

    QTest::newRow("duration 0") << QJsonValue(with(goodAlert(), QStringLiteral("duration"), 0))
                                << QString();
    QTest::newRow("duration a week")
        << QJsonValue(with(goodAlert(), QStringLiteral("duration"), 10080)) << QString();
    QTest::newRow("duration over a week")
        << QJsonValue(with(goodAlert(), QStringLiteral("duration"), 10081))
        << QStringLiteral("duration");
    QTest::newRow("duration negative")
        << QJsonValue(with(goodAlert(), QStringLiteral("duration"), -1))
        << QStringLiteral("duration");
    QTest::newRow("duration fractional")
        << QJsonValue(with(goodAlert(), QStringLiteral("duration"), 1.5))
        << QStringLiteral("duration");
    QTest::newRow("missing duration")
        << QJsonValue(without(goodAlert(), QStringLiteral("duration")))
        << QStringLiteral("duration");

    QTest::newRow("severity info")
        << QJsonValue(with(goodAlert(), QStringLiteral("severity"), QStringLiteral("info")))
        << QString();
    QTest::newRow("severity urgent")
        << QJsonValue(with(goodAlert(), QStringLiteral("severity"), QStringLiteral("urgent")))
        << QStringLiteral("severity");
    QTest::newRow("severity High")
        << QJsonValue(with(goodAlert(), QStringLiteral("severity"), QStringLiteral("High")))
        << QStringLiteral("severity");

    QTest::newRow("all channels")
        << QJsonValue(with(goodAlert(), QStringLiteral("channels"),
                           QJsonArray{QStringLiteral("email"), QStringLiteral("webhook"),
                                      QStringLiteral("slack"), QStringLiteral("desktop")}))
        << QString();
    QTest::newRow("no channels") << QJsonValue(
                                        with(goodAlert(), QStringLiteral("channels"), QJsonArray{}))
                                 << QString();
    QTest::newRow("channel sms") << QJsonValue(with(
                                        goodAlert(), QStringLiteral("channels"),
                                        QJsonArray{QStringLiteral("email"), QStringLiteral("sms")}))
                                 << QStringLiteral("channels[1]");
    QTest::newRow("channel twice")
        << QJsonValue(with(goodAlert(), QStringLiteral("channels"),
                           QJsonArray{QStringLiteral("slack"), QStringLiteral("email"),
                                      QStringLiteral("slack")}))
        << QStringLiteral("channels[2]");
    QTest::newRow("channel a number")
        << QJsonValue(with(goodAlert(), QStringLiteral("channels"), QJsonArray{1}))
        << QStringLiteral("channels[0]");
    QTest::newRow("channels a string")
        << QJsonValue(with(goodAlert(), QStringLiteral("channels"), QStringLiteral("email")))
        << QStringLiteral("channels");

    QTest::newRow("enabled a number")
        << QJsonValue(with(goodAlert(), QStringLiteral("enabled"), 1)) << QStringLiteral("enabled");
    QTest::newRow("created_at garbage")
        << QJsonValue(with(goodAlert(), QStringLiteral("created_at"), QStringLiteral("today")))
        << QStringLiteral("created_at");
}

void TestAlert::alertDecode()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);

    const Result<Alert> decoded = alertFromJson(json, QStringLiteral("alerts[1]"));
    if (field.isEmpty()) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        return;
    }
    QVERIFY(!decoded.ok());
    const QString full = QStringLiteral("alerts[1].") + field;
    QCOMPARE(decoded.error().field, full);
    QVERIFY2(decoded.error().message.startsWith(full + QStringLiteral(": ")),
             qPrintable(decoded.error().message));
}

void TestAlert::triggerRoundTrip_data()
{
    QTest::addColumn<AlertTrigger>("trigger");

    QTest::newRow("resolved after acknowledgement") << fullTrigger();
    AlertTrigger open = fullTrigger();
    open.status = TriggerStatus::Triggered;
    open.resolvedAt.reset();
    open.acknowledgedAt.reset();
    open.message.clear();
    QTest::newRow("triggered") << open;
    AlertTrigger acknowledged = open;
    acknowledged.status = TriggerStatus::Acknowledged;
    acknowledged.acknowledgedAt = acknowledged.triggeredAt;
    QTest::newRow("acknowledged at once") << acknowledged;
    AlertTrigger resolved = fullTrigger();
    resolved.acknowledgedAt.reset();
    resolved.severity = Severity::Info;
    QTest::newRow("resolved unacknowledged") << resolved;
}

void TestAlert::triggerRoundTrip()
{
    QFETCH(AlertTrigger, trigger);
    const QJsonObject json = toJson(trigger);
    // Seed 001's name (issue 12), also in the webhook's triggers.
    QVERIFY(json.contains(QStringLiteral("metric_value")));
    QVERIFY(!json.contains(QStringLiteral("value")));
    QCOMPARE(json.contains(QStringLiteral("resolved_at")), trigger.resolvedAt.has_value());
    QCOMPARE(json.contains(QStringLiteral("acknowledged_at")), trigger.acknowledgedAt.has_value());
    const QByteArray text = QJsonDocument(json).toJson(QJsonDocument::Compact);
    const Result<AlertTrigger> decoded =
        alertTriggerFromJson(QJsonDocument::fromJson(text).object());
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), trigger);
}

void TestAlert::triggerDecode_data()
{
    QTest::addColumn<QJsonValue>("json");
    QTest::addColumn<QString>("field"); // empty: decodes

    const QString before = QStringLiteral("2025-01-20T10:29:59Z");
    const QString after = QStringLiteral("2025-01-20T10:45:00Z");
    const QJsonObject resolved =
        with(with(goodTrigger(), QStringLiteral("status"), QStringLiteral("resolved")),
             QStringLiteral("resolved_at"), after);
    const QJsonObject acknowledged =
        with(with(goodTrigger(), QStringLiteral("status"), QStringLiteral("acknowledged")),
             QStringLiteral("acknowledged_at"), after);

    QTest::newRow("triggered") << QJsonValue(goodTrigger()) << QString();
    QTest::newRow("missing id") << QJsonValue(without(goodTrigger(), QStringLiteral("id")))
                                << QStringLiteral("id");
    QTest::newRow("empty alert_id")
        << QJsonValue(with(goodTrigger(), QStringLiteral("alert_id"), QString()))
        << QStringLiteral("alert_id");
    QTest::newRow("missing project_id")
        << QJsonValue(without(goodTrigger(), QStringLiteral("project_id")))
        << QStringLiteral("project_id");
    // Seed 001's metric_value, or our older name for it.
    QTest::newRow("value for metric_value")
        << QJsonValue(with(without(goodTrigger(), QStringLiteral("metric_value")),
                           QStringLiteral("value"), 1234.5))
        << QString();
    QTest::newRow("missing metric_value")
        << QJsonValue(without(goodTrigger(), QStringLiteral("metric_value")))
        << QStringLiteral("metric_value");
    QTest::newRow("metric_value a string")
        << QJsonValue(with(goodTrigger(), QStringLiteral("metric_value"), QStringLiteral("1")))
        << QStringLiteral("metric_value");
    QTest::newRow("value a string")
        << QJsonValue(with(without(goodTrigger(), QStringLiteral("metric_value")),
                           QStringLiteral("value"), QStringLiteral("1")))
        << QStringLiteral("value");
    QTest::newRow("threshold NaN")
        << QJsonValue(with(goodTrigger(), QStringLiteral("threshold"), qQNaN()))
        << QStringLiteral("threshold");
    QTest::newRow("status open") << QJsonValue(with(goodTrigger(), QStringLiteral("status"),
                                                    QStringLiteral("open")))
                                 << QStringLiteral("status");
    QTest::newRow("severity missing")
        << QJsonValue(without(goodTrigger(), QStringLiteral("severity")))
        << QStringLiteral("severity");
    QTest::newRow("severity warning (health alert)")
        << QJsonValue(with(goodTrigger(), QStringLiteral("severity"), QStringLiteral("warning")))
        << QString();
    QTest::newRow("message a number")
        << QJsonValue(with(goodTrigger(), QStringLiteral("message"), 5))
        << QStringLiteral("message");
    QTest::newRow("missing triggered_at")
        << QJsonValue(without(goodTrigger(), QStringLiteral("triggered_at")))
        << QStringLiteral("triggered_at");

    QTest::newRow("resolved") << QJsonValue(resolved) << QString();
    QTest::newRow("resolved without resolved_at")
        << QJsonValue(without(resolved, QStringLiteral("resolved_at")))
        << QStringLiteral("resolved_at");
    QTest::newRow("resolved before triggered")
        << QJsonValue(with(resolved, QStringLiteral("resolved_at"), before))
        << QStringLiteral("resolved_at");
    QTest::newRow("resolved_at not a date")
        << QJsonValue(with(resolved, QStringLiteral("resolved_at"), QStringLiteral("soon")))
        << QStringLiteral("resolved_at");
    QTest::newRow("triggered with resolved_at")
        << QJsonValue(with(goodTrigger(), QStringLiteral("resolved_at"), after))
        << QStringLiteral("resolved_at");

    QTest::newRow("acknowledged") << QJsonValue(acknowledged) << QString();
    QTest::newRow("acknowledged without acknowledged_at")
        << QJsonValue(without(acknowledged, QStringLiteral("acknowledged_at")))
        << QStringLiteral("acknowledged_at");
    QTest::newRow("acknowledged before triggered")
        << QJsonValue(with(acknowledged, QStringLiteral("acknowledged_at"), before))
        << QStringLiteral("acknowledged_at");
    QTest::newRow("acknowledged with resolved_at")
        << QJsonValue(with(acknowledged, QStringLiteral("resolved_at"), after))
        << QStringLiteral("resolved_at");
    QTest::newRow("triggered with acknowledged_at")
        << QJsonValue(with(goodTrigger(), QStringLiteral("acknowledged_at"), after))
        << QStringLiteral("acknowledged_at");
    QTest::newRow("resolved and acknowledged")
        << QJsonValue(with(resolved, QStringLiteral("acknowledged_at"), after)) << QString();
}

void TestAlert::triggerDecode()
{
    QFETCH(QJsonValue, json);
    QFETCH(QString, field);

    const Result<AlertTrigger> decoded = alertTriggerFromJson(json, QStringLiteral("triggers[0]"));
    if (field.isEmpty()) {
        QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
        return;
    }
    QVERIFY(!decoded.ok());
    const QString full = QStringLiteral("triggers[0].") + field;
    QCOMPARE(decoded.error().field, full);
    QVERIFY2(decoded.error().message.startsWith(full + QStringLiteral(": ")),
             qPrintable(decoded.error().message));
}

QTEST_GUILESS_MAIN(TestAlert)
#include "tst_alert.moc"
