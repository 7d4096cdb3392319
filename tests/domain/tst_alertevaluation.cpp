// Issue 12: an alert fires only after its condition held for its duration,
// opens one trigger at a time, and resolves after two clear evaluations.
#include "domain/analytics/alertevaluation.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace waddle::domain;
using namespace Qt::StringLiterals;

namespace {

constexpr double kNoData = std::numeric_limits<double>::quiet_NaN();
const QDateTime kStart = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);

Alert alertAbove10(int durationMinutes)
{
    Alert alert;
    alert.projectId = u"fleet"_s;
    alert.name = u"busy"_s;
    alert.metric = u"api_request"_s;
    alert.condition = AlertCondition::Gt;
    alert.threshold = 10.0;
    alert.durationMinutes = durationMinutes;
    return alert;
}

// Evaluates once a minute; '-' nothing, 'F' fire, 'R' resolve.
QString run(const Alert &alert, const QList<double> &values, AlertWatch watch = {})
{
    QString actions;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const double v = values.at(i);
        const AlertStep step =
            evaluateAlert(alert, watch, std::isnan(v) ? std::nullopt : std::optional<double>(v),
                          kStart.addSecs(60 * i));
        watch = step.watch;
        actions += step.action == AlertAction::Fire      ? u'F'
                   : step.action == AlertAction::Resolve ? u'R'
                                                         : u'-';
    }
    return actions;
}

} // namespace

class TestAlertEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sequence_data();
    void sequence();
    void disabledForgetsPendingCondition();
    void watchRecordsWhenItHeld();
};

void TestAlertEvaluation::sequence_data()
{
    QTest::addColumn<int>("duration");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QString>("actions");

    QTest::newRow("at once, then two clear to resolve")
        << 0 << QList<double>{5, 11, 12, 5, 5} << u"-F--R"_s;
    // Held since minute 0: 60 s at minute 1, 120 s = 2 min at minute 2.
    QTest::newRow("fires when held for the duration")
        << 2 << QList<double>{11, 11, 11, 11} << u"--F-"_s;
    QTest::newRow("an interruption restarts the clock")
        << 2 << QList<double>{11, 11, 5, 11, 11, 11} << u"-----F"_s;
    QTest::newRow("equal to the threshold is not above") << 0 << QList<double>{10, 10} << u"--"_s;
    QTest::newRow("one clear evaluation does not resolve (no flapping)")
        << 0 << QList<double>{11, 5, 11, 5, 5} << u"F---R"_s;
    QTest::newRow("no data counts as clear")
        << 0 << QList<double>{11, kNoData, kNoData} << u"F-R"_s;
    QTest::newRow("no data never fires") << 0 << QList<double>{kNoData, kNoData} << u"--"_s;
    QTest::newRow("fires again after resolving") << 0 << QList<double>{11, 5, 5, 11} << u"F-RF"_s;
}

void TestAlertEvaluation::sequence()
{
    QFETCH(int, duration);
    QFETCH(QList<double>, values);
    QFETCH(QString, actions);
    QCOMPARE(run(alertAbove10(duration), values), actions);
}

void TestAlertEvaluation::disabledForgetsPendingCondition()
{
    Alert alert = alertAbove10(2);
    AlertStep step = evaluateAlert(alert, {}, 11.0, kStart);
    QCOMPARE(step.watch.holdingSince, kStart);
    alert.enabled = false;
    step = evaluateAlert(alert, step.watch, 11.0, kStart.addSecs(180));
    QCOMPARE(step.action, AlertAction::None);
    QVERIFY(!step.watch.holdingSince);
    alert.enabled = true;
    // The clock starts again when it is turned back on.
    step = evaluateAlert(alert, step.watch, 11.0, kStart.addSecs(240));
    QCOMPARE(step.action, AlertAction::None);
    QCOMPARE(step.watch.holdingSince, kStart.addSecs(240));
}

void TestAlertEvaluation::watchRecordsWhenItHeld()
{
    const AlertStep first = evaluateAlert(alertAbove10(5), {}, 20.0, kStart);
    QCOMPARE(first.watch.lastEvaluated, kStart);
    const AlertStep second = evaluateAlert(alertAbove10(5), first.watch, 20.0, kStart.addSecs(30));
    QCOMPARE(second.watch.holdingSince, kStart); // not moved by later evaluations
    QVERIFY(!second.watch.open);
}

QTEST_GUILESS_MAIN(TestAlertEvaluation)
#include "tst_alertevaluation.moc"
