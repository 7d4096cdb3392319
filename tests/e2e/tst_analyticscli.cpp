// `waddle-regions export` and `waddle-regions forecast` (issue 14, "Command
// line"), the real program as a process on the embedded demo (30 days of
// history) in a private data folder: a month exported as CSV and as JSON
// with the rows the job counted, a 14-day forecast with its band, and bad
// command lines refused with exit code 2 and a message, next to a server
// that is not there (exit code 1). Exit codes as `probe`'s.
#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestAnalyticsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportWritesTheFile_data();
    void exportWritesTheFile();
    void forecastPrintsBand();
    void badCommandLines_data();
    void badCommandLines();
    void serverNotThere();

private:
    Run run(const QStringList &arguments);

    QTemporaryDir m_home;
};

void TestAnalyticsCli::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(WADDLE_REGIONS)), WADDLE_REGIONS);
    QVERIFY(m_home.isValid());
}

Run TestAnalyticsCli::run(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // The demo's data folder is private to the test.
    env.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    env.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    env.insert(u"XDG_CACHE_HOME"_s, m_home.filePath(u"cache"_s));
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(WADDLE_REGIONS), arguments);
    Run result;
    if (!process.waitForFinished(80000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

void TestAnalyticsCli::exportWritesTheFile_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("csv") << u"csv"_s;
    QTest::newRow("json") << u"json"_s;
}

void TestAnalyticsCli::exportWritesTheFile()
{
    QFETCH(QString, format);
    const QString path = m_home.filePath(u"month."_s + format);
    const QDate today = QDate::currentDate();
    const Run r = run({u"export"_s, u"--project"_s, u"fleet"_s, u"--metrics"_s,
                       u"participant_minutes,api_request"_s, u"--from"_s,
                       today.addDays(-30).toString(Qt::ISODate), u"--to"_s,
                       today.toString(Qt::ISODate), u"--format"_s, format, u"-o"_s, path});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // "Wrote FILE: N rows, B bytes" — the job's counts, checked against the file.
    const QRegularExpression wrote(u"Wrote .*: (\\d+) rows, (\\d+) bytes"_s);
    const auto match = wrote.match(QString::fromUtf8(r.err));
    QVERIFY2(match.hasMatch(), r.err.constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QCOMPARE(bytes.size(), match.captured(2).toLongLong());
    const qint64 rows = match.captured(1).toLongLong();
    QVERIFY(rows > 0);
    if (format == QLatin1String("csv")) {
        const QList<QByteArray> lines = bytes.trimmed().split('\n');
        QCOMPARE(lines.size(), rows + 1); // the header row, then one per row
        QVERIFY(bytes.contains("participant_minutes"));
        QVERIFY(!bytes.contains("egress_minutes")); // only the metrics asked for
    } else {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(!bytes.contains("egress_minutes"));
    }
}

void TestAnalyticsCli::forecastPrintsBand()
{
    const Run r = run({u"forecast"_s, u"--project"_s, u"fleet"_s, u"--metric"_s,
                       u"participant_minutes"_s, u"--days"_s, u"14"_s, u"--json"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json[u"metric"_s].toString(), u"participant_minutes"_s);
    QCOMPARE(json[u"days"_s].toInt(), 14);
    const QJsonArray points = json[u"forecasts"_s].toArray();
    QCOMPARE(points.size(), 14);
    for (const QJsonValue &p : points) {
        QVERIFY(p[u"confidence_low"_s].toDouble() <= p[u"predicted_value"_s].toDouble());
        QVERIFY(p[u"predicted_value"_s].toDouble() <= p[u"confidence_high"_s].toDouble());
    }
    QVERIFY(points.at(0)[u"confidence_low"_s].toDouble() <
            points.at(0)[u"confidence_high"_s].toDouble()); // a band, not a line

    // Too little history: said plainly, exit code 1 (not a bad command line).
    const Run none = run({u"forecast"_s, u"--project"_s, u"fleet"_s, u"--metric"_s,
                          u"api_request"_s, u"--days"_s, u"3"_s});
    QCOMPARE(none.exitCode, 1);
    QVERIFY2(none.err.contains("needs at least"), none.err.constData());

    // The table, with Holt-Winters.
    const Run table =
        run({u"forecast"_s, u"--project"_s, u"fleet"_s, u"--metric"_s, u"participant_minutes"_s,
             u"--days"_s, u"3"_s, u"--model"_s, u"holt-winters"_s});
    QVERIFY2(table.exitCode == 0, table.err.constData());
    QVERIFY(table.out.startsWith("participant_minutes by holt_winters"));
    QCOMPARE(table.out.trimmed().split('\n').size(), 2 + 3);
}

void TestAnalyticsCli::badCommandLines_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList exportBase{u"export"_s, u"--project"_s, u"fleet"_s, u"-o"_s, u"x.csv"_s};
    QTest::newRow("export without dates") << exportBase << u"--from is required"_s;
    QTest::newRow("export xml") << (exportBase + QStringList{u"--from"_s, u"2026-01-01"_s,
                                                             u"--to"_s, u"2026-01-02"_s,
                                                             u"--format"_s, u"xml"_s})
                                << u"--format wants csv or json"_s;
    QTest::newRow("export bad date")
        << (exportBase + QStringList{u"--from"_s, u"2026-13-01"_s, u"--to"_s, u"2026-01-02"_s})
        << u"--from wants a date"_s;
    QTest::newRow("export reversed")
        << (exportBase + QStringList{u"--from"_s, u"2026-02-01"_s, u"--to"_s, u"2026-01-02"_s})
        << u"must not be after"_s;
    QTest::newRow("export unknown metric (server's 400)")
        << (exportBase + QStringList{u"--from"_s, u"2026-01-01"_s, u"--to"_s, u"2026-01-02"_s,
                                     u"--metrics"_s, u"happiness"_s})
        << u"metrics[]"_s;
    QTest::newRow("forecast days 0")
        << QStringList{u"forecast"_s,    u"--project"_s, u"fleet"_s, u"--metric"_s,
                       u"api_request"_s, u"--days"_s,    u"0"_s}
        << u"--days wants"_s;
    QTest::newRow("forecast model")
        << QStringList{u"forecast"_s,    u"--project"_s, u"fleet"_s, u"--metric"_s,
                       u"api_request"_s, u"--model"_s,   u"arima"_s}
        << u"--model wants"_s;
    QTest::newRow("forecast unknown option")
        << QStringList{u"forecast"_s, u"--colour"_s} << u"Unknown option"_s;
}

void TestAnalyticsCli::badCommandLines()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run r = run(arguments);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(!QFile::exists(m_home.filePath(u"x.csv"_s)));
}

void TestAnalyticsCli::serverNotThere()
{
    const Run r = run({u"forecast"_s, u"--server"_s, u"http://127.0.0.1:1"_s, u"--project"_s,
                       u"fleet"_s, u"--metric"_s, u"api_request"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("refused the connection"));
}

QTEST_GUILESS_MAIN(TestAnalyticsCli)
#include "tst_analyticscli.moc"
