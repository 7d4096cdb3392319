#include "healthprobe.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <cmath>
#include <memory>

namespace waddle::cp {

using namespace waddle::domain;

HealthReading readingFrom(const ProbeOutcome &outcome)
{
    HealthReading reading;
    reading.responseMs = outcome.responseMs;
    const QString status = outcome.body.value(QStringLiteral("status")).toString();
    reading.endpointHealthy = outcome.reached && outcome.httpStatus >= 200 &&
                              outcome.httpStatus < 300 && !outcome.body.isEmpty() &&
                              status != QLatin1String("down") &&
                              status != QLatin1String("unhealthy");
    if (!reading.endpointHealthy)
        return reading;
    auto figure = [&outcome](const char *key, double max) {
        const double v = outcome.body.value(QLatin1String(key)).toDouble(0.0);
        return std::isfinite(v) ? std::clamp(v, 0.0, max) : 0.0;
    };
    reading.utilisation = figure("utilisation", 10.0);
    reading.p99Ms = figure("p99_ms", 1e6);
    reading.errorRatePercent = figure("error_rate", 100.0);
    return reading;
}

HttpHealthProbe::HttpHealthProbe(int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_timeoutMs(timeoutMs)
{}

void HttpHealthProbe::probe(const Region &region, std::function<void(const ProbeOutcome &)> done)
{
    const QUrl url(region.healthUrl);
    if (!url.isValid() || url.scheme().isEmpty()) {
        done(ProbeOutcome{
            false, 0, 0.0, {}, QStringLiteral("region %1 has no health URL").arg(region.code)});
        return;
    }
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setTransferTimeout(m_timeoutMs);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply = m_network.get(request);
    connect(reply, &QNetworkReply::finished, this, [reply, timer, done = std::move(done)] {
        reply->deleteLater();
        ProbeOutcome outcome;
        outcome.responseMs = static_cast<double>(timer->nsecsElapsed()) / 1e6;
        outcome.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        outcome.reached = outcome.httpStatus > 0;
        if (reply->error() != QNetworkReply::NoError && !outcome.reached) {
            outcome.error = reply->error() == QNetworkReply::OperationCanceledError
                                ? QStringLiteral("no answer within the timeout")
                                : reply->errorString();
        } else {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(reply->readAll(), &parseError);
            outcome.body = document.object();
            if (parseError.error != QJsonParseError::NoError || !document.isObject())
                outcome.error = QStringLiteral("the health answer is not a JSON object");
            else if (outcome.httpStatus >= 300)
                outcome.error = QStringLiteral("HTTP %1").arg(outcome.httpStatus);
        }
        done(outcome);
    });
}

} // namespace waddle::cp
