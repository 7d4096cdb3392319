#pragma once

// What the e2e tests share to drive a real waddle-regiond: a catalogue with
// room for every demo member, starting the program and waiting until it
// serves, calling its API with a key, and reading every waddle.
#include <QCryptographicHash>
#include <QDate>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace waddle::e2e {

struct Answer
{
    int status = 0;
    QJsonObject json;
};

// The default catalogue with every region's capacity raised to ten million,
// so thousands of demo waddles really move (capacity accounting is tested
// elsewhere), written into `dir`. Empty on failure.
inline QString roomyCatalogue(const QTemporaryDir &dir)
{
    QFile source(QStringLiteral(WADDLE_SOURCE_DIR "/resources/regions/default-catalogue.json"));
    if (!source.open(QIODevice::ReadOnly))
        return {};
    QJsonObject catalogue = QJsonDocument::fromJson(source.readAll()).object();
    QJsonArray regions = catalogue.value(QStringLiteral("regions")).toArray();
    for (qsizetype i = 0; i < regions.size(); ++i) {
        QJsonObject region = regions.at(i).toObject();
        QJsonObject capacity = region.value(QStringLiteral("capacity")).toObject();
        capacity.insert(QStringLiteral("maximum"), 10'000'000);
        region.insert(QStringLiteral("capacity"), capacity);
        regions[i] = region;
    }
    catalogue.insert(QStringLiteral("regions"), regions);
    const QString path = dir.filePath(QStringLiteral("catalogue.json"));
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    out.write(QJsonDocument(catalogue).toJson());
    return path;
}

// Starts waddle-regiond with `arguments` (plus `env` over this process's
// environment) and waits until it says where it serves: its base URL, or an
// empty one (with its output in a warning) when it does not serve within
// two minutes — seeding thousands of demo waddles takes tens of seconds of
// CPU on a shared 2-core machine. `wrapper`: a command that runs the program
// given after it (e.g. unshare … sh -c '… exec "$@"'), or none.
inline QUrl startRegiond(QProcess &process, const QStringList &arguments,
                         const QProcessEnvironment &env, const QStringList &wrapper = {})
{
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (wrapper.isEmpty())
        process.start(QStringLiteral(WADDLE_REGIOND), arguments);
    else
        process.start(wrapper.first(),
                      wrapper.mid(1) + QStringList{QStringLiteral(WADDLE_REGIOND)} + arguments);
    if (!process.waitForStarted(5000))
        return {};
    QByteArray output;
    const QRegularExpression serving(QStringLiteral("serving (http://[^ ]+)/api/v1"));
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 120'000) {
        process.waitForReadyRead(500);
        output += process.readAll();
        const auto match = serving.match(QString::fromUtf8(output));
        if (match.hasMatch())
            return QUrl(match.captured(1));
        if (process.state() != QProcess::Running)
            break;
    }
    qWarning("waddle-regiond did not start: %s", output.constData());
    return {};
}

// One API call with `key`; status 0 when no answer came within 10 s.
inline Answer call(QNetworkAccessManager &network, const QUrl &base, const QString &key,
                   const QByteArray &method, const QString &path, const QJsonObject &body = {})
{
    QNetworkRequest request(base.resolved(QUrl(path)));
    request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(
        request, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson()));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10'000))
        return {};
    return Answer{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                  QJsonDocument::fromJson(reply->readAll()).object()};
}

// GETs `path` every 100 ms until `done` holds for the answer or `timeoutMs`
// has passed: the last answer.
inline Answer pollUntil(QNetworkAccessManager &network, const QUrl &base, const QString &key,
                        const QString &path, const std::function<bool(const Answer &)> &done,
                        int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    Answer answer = call(network, base, key, "GET", path);
    while (!done(answer) && timer.elapsed() < timeoutMs) {
        QTest::qWait(100);
        answer = call(network, base, key, "GET", path);
    }
    return answer;
}

// A failover job once completed (or as it was after `timeoutMs`: seeding
// thousands of demo waddles takes seconds, on a loaded machine more).
inline QJsonObject completedFailover(QNetworkAccessManager &network, const QUrl &base,
                                     const QString &key, const QString &id, int timeoutMs = 90'000)
{
    const auto job = [](const Answer &a) { return a.json[QStringLiteral("failover")].toObject(); };
    return job(pollUntil(
        network, base, key, QStringLiteral("/api/v1/failovers/") + id,
        [&job](const Answer &a) {
            return job(a)[QStringLiteral("state")].toString() == QLatin1String("completed");
        },
        timeoutMs));
}

// Every waddle, id → its JSON, read page by page.
inline QHash<QString, QJsonObject> allWaddles(QNetworkAccessManager &network, const QUrl &base,
                                              const QString &key)
{
    QHash<QString, QJsonObject> out;
    for (int offset = 0;; offset += 500) {
        const Answer page = call(network, base, key, "GET",
                                 QStringLiteral("/api/v1/waddles?limit=500&offset=%1").arg(offset));
        const QJsonArray items = page.json.value(QStringLiteral("waddles")).toArray();
        for (const QJsonValue &w : items)
            out.insert(w[QStringLiteral("id")].toString(), w.toObject());
        if (items.size() < 500)
            break;
    }
    return out;
}

// How many of `waddles` are on each region, and the fullest region.
inline QHash<QString, int> waddlesPerRegion(const QHash<QString, QJsonObject> &waddles)
{
    QHash<QString, int> out;
    for (const QJsonObject &w : waddles)
        ++out[w[QStringLiteral("current_region")].toString()];
    return out;
}

inline QString fullestRegion(const QHash<QString, int> &perRegion)
{
    QString fullest;
    for (auto it = perRegion.cbegin(); it != perRegion.cend(); ++it) {
        if (fullest.isEmpty() || it.value() > perRegion.value(fullest))
            fullest = it.key();
    }
    return fullest;
}

// A failover job's moves: each placed waddle's target, the unplaced ones,
// and the first waddle that has more than one move (none: empty).
struct FailoverMoves
{
    QHash<QString, QString> target;
    QSet<QString> unplaced;
    QString repeated;
};

inline FailoverMoves movesOf(const QJsonObject &job)
{
    FailoverMoves out;
    for (const QJsonValue &move : job[QStringLiteral("moves")].toArray()) {
        const QString waddle = move[QStringLiteral("waddle_id")].toString();
        if (out.repeated.isEmpty() &&
            (out.target.contains(waddle) || out.unplaced.contains(waddle)))
            out.repeated = waddle;
        if (move[QStringLiteral("state")].toString() == QLatin1String("unplaced"))
            out.unplaced.insert(waddle);
        else
            out.target.insert(waddle, move[QStringLiteral("to")].toString());
    }
    return out;
}

// Starts a CSV export of the demo project "fleet"; its id, or empty (with
// a warning saying what the server answered).
inline QString startExport(QNetworkAccessManager &network, const QUrl &base, const QString &key,
                           const QDate &from, const QDate &to, const QStringList &metrics)
{
    QString path = QStringLiteral("/api/v1/analytics/export/fleet?export_type=csv&date_from=%1&"
                                  "date_to=%2")
                       .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate));
    for (const QString &metric : metrics)
        path += QStringLiteral("&metrics[]=") + metric;
    const Answer started = call(network, base, key, "POST", path);
    if (started.status != 202)
        qWarning("export not started: %d %s", started.status,
                 QJsonDocument(started.json).toJson().constData());
    return started.json[QStringLiteral("export_id")].toString();
}

// An export job once completed or failed (or as it was after `timeoutMs`).
inline QJsonObject settledExport(QNetworkAccessManager &network, const QUrl &base,
                                 const QString &key, const QString &id, int timeoutMs = 30'000)
{
    return pollUntil(
               network, base, key, QStringLiteral("/api/v1/analytics/export/status/") + id,
               [](const Answer &a) {
                   const QString state = a.json[QStringLiteral("status")].toString();
                   return state == QLatin1String("completed") || state == QLatin1String("failed");
               },
               timeoutMs)
        .json;
}

// A completed export's download: its status, and its bytes when they match
// the job's size and SHA-256 (else empty, with a warning).
inline std::pair<int, QByteArray> downloadExport(QNetworkAccessManager &network, const QUrl &base,
                                                 const QString &key, const QJsonObject &job)
{
    const QString id = job[QStringLiteral("export_id")].toString();
    QNetworkRequest request(
        base.resolved(QUrl(QStringLiteral("/api/v1/analytics/export/%1/download").arg(id))));
    request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10'000))
        return {0, {}};
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = reply->readAll();
    const QString sha256 =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (status == 200 && (bytes.size() != job[QStringLiteral("file_size")].toInteger() ||
                          sha256 != job[QStringLiteral("sha256")].toString())) {
        qWarning("export %s: %lld bytes, SHA-256 %s; the job says %lld, %s", qPrintable(id),
                 qint64(bytes.size()), qPrintable(sha256),
                 job[QStringLiteral("file_size")].toInteger(),
                 qPrintable(job[QStringLiteral("sha256")].toString()));
        return {status, {}};
    }
    return {status, bytes};
}

} // namespace waddle::e2e
