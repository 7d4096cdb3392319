#include "testbackend.h"

#include "sim/demofleet.h"

#include <QNetworkReply>
#include <QSignalSpy>

namespace waddle::test {

QString HttpResult::errorCode() const
{
    return json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

QString HttpResult::errorField() const
{
    return json()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("field"))
        .toString();
}

TestBackend::TestBackend(const std::function<void(cp::ControlPlaneOptions &)> &tune,
                         const QString &dataDir)
    : m_tune(tune)
{
    if (dataDir.isEmpty()) {
        m_tempDir = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tempDir->path();
    } else {
        m_dataDir = dataDir;
    }
    restart();
}

TestBackend::~TestBackend() = default;

bool TestBackend::restart()
{
    m_backend.reset();
    cp::ControlPlaneOptions options;
    options.port = 0;
    options.dataDir = m_dataDir;
    options.demo = true;
    options.demoSeed = 7;
    options.vantage = {50.11, 8.68};
    if (m_tune)
        m_tune(options);
    m_backend = std::make_unique<embedded::Backend>(options);
    const domain::Result<void> started = m_backend->start();
    m_error = started ? QString() : started.error().message;
    return started.ok();
}

QUrl TestBackend::url(const QString &path) const
{
    QUrl url = m_backend->plane().baseUrl();
    const qsizetype q = path.indexOf(u'?');
    url.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    return url;
}

HttpResult TestBackend::request(const QByteArray &method, const QString &path,
                                const QByteArray &body,
                                const QList<std::pair<QByteArray, QByteArray>> &headers,
                                int timeoutMs)
{
    QNetworkRequest request(url(path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(timeoutMs);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(timeoutMs + 1000);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.insert(name.toLower(), value);
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    reply->deleteLater();
    return result;
}

HttpResult TestBackend::get(const QString &path, const QString &key)
{
    QList<std::pair<QByteArray, QByteArray>> headers;
    if (!key.isEmpty())
        headers.append({"Authorization", "Bearer " + key.toLatin1()});
    return request("GET", path, {}, headers);
}

HttpResult TestBackend::send(const QByteArray &method, const QString &path, const QJsonObject &body,
                             const QString &key, const QByteArray &ifMatch)
{
    QList<std::pair<QByteArray, QByteArray>> headers{{"Content-Type", "application/json"}};
    if (!key.isEmpty())
        headers.append({"Authorization", "Bearer " + key.toLatin1()});
    if (!ifMatch.isEmpty())
        headers.append({"If-Match", ifMatch});
    return request(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

} // namespace waddle::test
