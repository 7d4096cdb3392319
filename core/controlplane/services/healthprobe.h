#pragma once

#include "domain/health.h"
#include "domain/region.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>

#include <functional>

namespace waddle::cp {

// What one request to a region agent's /health came back with.
struct ProbeOutcome
{
    bool reached = false; // an HTTP answer arrived in time
    int httpStatus = 0;
    double responseMs = 0.0;
    QJsonObject body;
    QString error; // why not, in words
};

// Reads the agent's answer as SPEC §8 figures. Unreachable, a non-2xx status,
// an unreadable body or status "down"/"unhealthy" is an unhealthy endpoint.
domain::HealthReading readingFrom(const ProbeOutcome &outcome);

// Asks a region agent how it is. Injected into the monitor so tests can
// script answers and run an hour of checks in milliseconds.
class HealthProbe
{
public:
    virtual ~HealthProbe() = default;
    virtual void probe(const domain::Region &region,
                       std::function<void(const ProbeOutcome &)> done) = 0;
};

// The real probe: GET health_url with a timeout (default 2 s), HTTP/2 off.
class HttpHealthProbe final : public QObject, public HealthProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpHealthProbe)

public:
    explicit HttpHealthProbe(int timeoutMs = 2000, QObject *parent = nullptr);
    void probe(const domain::Region &region,
               std::function<void(const ProbeOutcome &)> done) override;

private:
    QNetworkAccessManager m_network;
    int m_timeoutMs;
};

} // namespace waddle::cp
