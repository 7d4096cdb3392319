// The control plane embedded on its own thread (SPEC §2), reached over HTTP.
#include "embedded/embeddedbackend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace waddle;
using namespace Qt::StringLiterals;

class TestEmbeddedBackend : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsOnItsOwnThreadAndServes();
    void reportsFailure();
};

void TestEmbeddedBackend::startsOnItsOwnThreadAndServes()
{
    QTemporaryDir dir;
    cp::ControlPlaneOptions options;
    options.dataDir = dir.path();
    options.demo = true;
    options.port = 8740; // ignored: embedded backends take a free port
    embedded::EmbeddedBackend backend(options);
    QSignalSpy ready(&backend, &embedded::EmbeddedBackend::ready);
    QSignalSpy failed(&backend, &embedded::EmbeddedBackend::failed);
    backend.start();
    QVERIFY(!backend.isReady()); // asynchronous: the caller's thread is not held up
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 20000);
    QVERIFY(failed.isEmpty());
    const QUrl url = ready.at(0).at(0).toUrl();
    QCOMPARE(url.host(), u"127.0.0.1"_s);
    QVERIFY(url.port() > 0);
    QVERIFY(backend.adminKey().startsWith(u"wrk_"_s));

    // Served from the other thread while this one runs its event loop.
    QNetworkAccessManager network;
    QUrl regions = url;
    regions.setPath(u"/api/v1/regions"_s);
    QNetworkReply *reply = network.get(QNetworkRequest(regions));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(u"count"_s).toInt(), 6);
    reply->deleteLater();

    backend.stop();
    QVERIFY(!backend.isReady());
    QNetworkReply *after = network.get(QNetworkRequest(regions));
    QSignalSpy afterFinished(after, &QNetworkReply::finished);
    QVERIFY(afterFinished.wait(10000));
    QCOMPARE(after->error(), QNetworkReply::ConnectionRefusedError);
    after->deleteLater();
}

void TestEmbeddedBackend::reportsFailure()
{
    cp::ControlPlaneOptions options; // no data folder
    embedded::EmbeddedBackend backend(options);
    QSignalSpy failed(&backend, &embedded::EmbeddedBackend::failed);
    backend.start();
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
    QVERIFY(failed.at(0).at(0).toString().contains(u"data directory"_s));
    QVERIFY(!backend.isReady());
}

QTEST_GUILESS_MAIN(TestEmbeddedBackend)
#include "tst_embeddedbackend.moc"
