// Issue 16 crash safety, end to end: the real waddle-regiond takes a burst
// of writes (voice-region updates of distinct waddles, eight in flight) and
// is killed with SIGKILL in the middle of it. After a restart on the same
// store every write it acknowledged (200) is there, on SQLite and on
// PostgreSQL (that row skipped, with a line saying so, without a server).
#include "regiond.h"
#include "support/testdatabase.h"

#include <QTest>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

const QString kAdminKey = u"wrk_e2e_write_crash_key_01"_s;
const QStringList kRegions{u"eu-west"_s, u"us-east"_s, u"us-west"_s, u"asia-ne"_s};

} // namespace

class TestWriteCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acknowledgedWritesSurviveKill_data();
    void acknowledgedWritesSurviveKill();
};

void TestWriteCrash::acknowledgedWritesSurviveKill_data()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << u"sqlite"_s;
    QTest::newRow("postgresql") << u"postgresql"_s;
}

void TestWriteCrash::acknowledgedWritesSurviveKill()
{
    QFETCH(QString, engine);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"WADDLE_ADMIN_KEY"_s, kAdminKey);
    if (engine == u"postgresql"_s) {
        const QString store = test::freshPostgreSqlSchema();
        if (store.isEmpty())
            QSKIP("PostgreSQL half skipped: WADDLE_TEST_POSTGRESQL is not set");
        env.insert(u"WADDLE_DATABASE"_s, store);
    }
    const QStringList arguments{u"--demo"_s,   u"--data-dir"_s,     dir.path(),
                                u"--listen"_s, u"127.0.0.1:0"_s,    u"--rate-limit"_s,
                                u"1000000"_s,  u"--demo-waddles"_s, u"240"_s};
    QNetworkAccessManager network;
    auto daemon = std::make_unique<QProcess>();
    QUrl base = e2e::startRegiond(*daemon, arguments, env);
    QVERIFY(base.isValid());

    // Eight writes in flight, each to its own waddle; the process is killed
    // once some 150 are acknowledged, with more on the way.
    QHash<QString, QString> acknowledged; // waddle → the region it was given
    int sent = 0;
    int inFlight = 0;
    std::vector<std::unique_ptr<QNetworkReply>> replies;
    const auto sendOne = [&] {
        const int n = ++sent;
        const QString id = u"w-%1"_s.arg(n, 4, 10, QLatin1Char('0'));
        const QString region = kRegions.at(n % kRegions.size());
        QNetworkRequest request(base.resolved(QUrl(u"/api/v1/waddles/%1/voice-region"_s.arg(id))));
        request.setRawHeader("Authorization", "Bearer " + kAdminKey.toLatin1());
        request.setRawHeader("If-Match", "*");
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        QNetworkReply *reply =
            network.put(request, QJsonDocument(QJsonObject{{u"region"_s, region}}).toJson());
        ++inFlight;
        connect(reply, &QNetworkReply::finished, this, [&, reply, id, region] {
            --inFlight;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200)
                acknowledged.insert(id, region);
        });
        replies.emplace_back(reply);
    };
    for (int i = 0; i < 8; ++i)
        sendOne();
    QElapsedTimer timer;
    timer.start();
    while (acknowledged.size() < 150 && sent < 240 && timer.elapsed() < 30'000) {
        QTest::qWait(1);
        while (inFlight < 8 && sent < 240)
            sendOne();
    }
    daemon->kill(); // SIGKILL, writes in flight
    QVERIFY(daemon->waitForFinished(5000));
    QTest::qWait(100);
    const qsizetype ackedAtKill = acknowledged.size();
    QVERIFY2(ackedAtKill >= 100, qPrintable(QString::number(ackedAtKill)));
    QVERIFY2(sent > ackedAtKill, "the kill came after the burst, not in it");

    daemon = std::make_unique<QProcess>();
    base = e2e::startRegiond(*daemon, arguments, env);
    QVERIFY(base.isValid());
    const QHash<QString, QJsonObject> after = e2e::allWaddles(network, base, kAdminKey);
    QCOMPARE(after.size(), 240);
    for (auto it = acknowledged.cbegin(); it != acknowledged.cend(); ++it)
        QCOMPARE(after.value(it.key())[u"voice_region"_s].toString(), it.value());
    qInfo("%s: %d writes sent, %lld acknowledged before the kill, all there after the restart",
          qPrintable(engine), sent, qint64(ackedAtKill));
    daemon->kill();
    daemon->waitForFinished(5000);
}

QTEST_GUILESS_MAIN(TestWriteCrash)
#include "tst_writecrash.moc"
