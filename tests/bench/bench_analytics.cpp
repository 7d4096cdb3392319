// Analytics figures of issue 12, printed (not a test): ingest of 1,000,000
// usage events through POST /api/v1/usage in batches of 10,000 (rows/s end
// to end: JSON parse, validation, one transaction per batch with the hourly
// rollups and metric points); then, with 2,000,000 stored events, a 30-day
// hourly series of one region through GET /analytics/usage (from the
// rollups); and GET /analytics/realtime/fleet timed in a loop (median, p99).
// The control plane runs in this process on loopback, without the demo
// fleet, in a temporary folder.

#include "controlplane/controlplane.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace waddle;
using namespace Qt::StringLiterals;

namespace {

constexpr int kBatch = 10000;
constexpr int kBatches = 100; // 1,000,000 events
constexpr int kSeriesRuns = 15;
constexpr int kRealtimeRuns = 500;
const QStringList kRegions{u"us-east"_s, u"us-west"_s, u"eu-west"_s,
                           u"asia-ne"_s, u"asia-se"_s, u"sa-east"_s};

struct Answer
{
    int status = 0;
    QByteArray body;
};

Answer call(QNetworkAccessManager &network, const QByteArray &method, const QUrl &url,
            const QString &key, const QByteArray &body = {})
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Answer answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  reply->readAll()};
    reply->deleteLater();
    return answer;
}

// Batch `b` of the synthetic month: events spread over 30 days, six regions,
// 200 waddles.
QByteArray batchBody(int b, const QDateTime &start)
{
    QJsonArray events;
    for (int i = 0; i < kBatch; ++i) {
        const qint64 n = qint64(b) * kBatch + i;
        events.append(QJsonObject{
            {u"region"_s, kRegions.at(n % kRegions.size())},
            {u"waddle_id"_s, u"w-%1"_s.arg(n % 200, 4, 10, QLatin1Char('0'))},
            {u"channel_id"_s, u"c-%1"_s.arg(n % 7)},
            {u"participant_count"_s, int(1 + n % 9)},
            {u"duration_seconds"_s, double(60 + n % 1800)},
            {u"quality"_s, 3.0 + double(n % 20) / 10.0},
            {u"latency_ms"_s, double(20 + n % 280)},
            {u"started_at"_s, start.addSecs((n * 2591) % (30 * 86400)).toString(Qt::ISODateWithMs)},
        });
    }
    return QJsonDocument(QJsonObject{{u"events"_s, events}}).toJson(QJsonDocument::Compact);
}

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.at(std::min<qsizetype>(values.size() - 1, qsizetype(p * values.size())));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    cp::ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = dir.path();
    options.requestsPerMinute = 1000000;
    options.healthIntervalMs = 3600 * 1000;
    cp::ControlPlane plane(options);
    if (auto started = plane.start(); !started) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(started.error().message));
        return 1;
    }
    const QString key = plane.adminKey();
    QNetworkAccessManager network;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-30);

    std::printf("bench_analytics (issue 12)\n");
    for (int round = 0; round < 2; ++round) {
        QList<QByteArray> bodies;
        for (int b = 0; b < kBatches; ++b)
            bodies.append(batchBody(round * kBatches + b, start));
        QElapsedTimer timer;
        timer.start();
        for (const QByteArray &body : bodies) {
            const Answer a = call(network, "POST",
                                  plane.baseUrl().resolved(QUrl(u"/api/v1/usage"_s)), key, body);
            if (a.status != 200) {
                std::fprintf(stderr, "ingest failed: %d %s\n", a.status, a.body.constData());
                return 1;
            }
        }
        const double seconds = timer.nsecsElapsed() / 1e9;
        std::printf("  ingest %d events via POST /usage (batches of %d, %s): %.2f s, %.0f rows/s\n",
                    kBatch * kBatches, kBatch, round == 0 ? "empty store" : "1M stored", seconds,
                    kBatch * kBatches / seconds);
    }

    QUrl series = plane.baseUrl().resolved(QUrl(u"/api/v1/analytics/usage/fleet"_s));
    series.setQuery(u"region=eu-west&bucket=hour&from=%1&to=%2"_s.arg(
        start.date().toString(Qt::ISODate),
        QDateTime::currentDateTimeUtc().date().addDays(1).toString(Qt::ISODate)));
    QList<double> ms;
    int points = 0;
    for (int i = 0; i < kSeriesRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        const Answer a = call(network, "GET", series, key);
        ms.append(timer.nsecsElapsed() / 1e6);
        points = QJsonDocument::fromJson(a.body).object().value(u"count"_s).toInt();
    }
    std::printf("  30-day hourly series of eu-west from 2,000,000 events (GET /analytics/usage): "
                "%d points, median %.2f ms, p95 %.2f ms over %d runs\n",
                points, percentile(ms, 0.5), percentile(ms, 0.95), kSeriesRuns);

    const QUrl realtime = plane.baseUrl().resolved(QUrl(u"/api/v1/analytics/realtime/fleet"_s));
    ms.clear();
    QElapsedTimer all;
    all.start();
    for (int i = 0; i < kRealtimeRuns; ++i) {
        QElapsedTimer timer;
        timer.start();
        call(network, "GET", realtime, key);
        ms.append(timer.nsecsElapsed() / 1e6);
    }
    std::printf("  GET /analytics/realtime/fleet, one client in a loop: %.0f req/s, median %.2f "
                "ms, p99 %.2f ms (%d requests; wrk not used)\n",
                kRealtimeRuns / (all.nsecsElapsed() / 1e9), percentile(ms, 0.5),
                percentile(ms, 0.99), kRealtimeRuns);
    plane.stop();
    return 0;
}
