#pragma once

#include "client/latencyresult.h"
#include "client/probe/latencyprober.h"
#include "domain/latency.h"
#include "domain/region.h"
#include "resolver.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace waddle::client {

// One region's test: warm-up, then the samples, each with a deadline, the
// gap between them, and the result. Subclasses (HttpProbe, TcpProbe,
// StunProbe) do the talking; this class keeps the clock and the books. After
// abort() it says nothing more.
class RegionProbe : public QObject
{
    Q_DISABLE_COPY_MOVE(RegionProbe)

public:
    struct Hooks
    {
        std::function<void(double connectMs)> connected;
        std::function<void(const domain::LatencySample &sample)> sampleMeasured;
        std::function<void(LatencyResult result)> finished;
    };

    RegionProbe(domain::Region region, const LatencyProber::Settings &settings, Hooks hooks,
                QObject *parent);
    ~RegionProbe() override;

    void begin();
    // Stops timers and sockets at once; no hook is called after this.
    void abort();

protected:
    // Connects (and whatever else the mode needs before samples); ends in
    // warmedUp(), unreachable() or failRegion().
    virtual void warmUp() = 0;
    // Sends sample m_samples.size() + 1; ends in sampleReceived() or
    // sampleLost(), or the deadline ends it.
    virtual void sendSample() = 0;
    // The sample in flight timed out: drop what could still answer it.
    virtual void sampleTimedOut() {}
    // Stops every socket and lookup, silently.
    virtual void closeAll() = 0;

    [[nodiscard]] const domain::Region &region() const { return m_region; }
    [[nodiscard]] const LatencyProber::Settings &settings() const { return m_settings; }
    [[nodiscard]] qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    [[nodiscard]] bool warmingUp() const { return m_warmingUp; }
    [[nodiscard]] bool sampling() const { return m_sampling; }

    // Looks `host` up (outside every timed step): the region is unreachable
    // when it cannot be; else address() has it and `next` runs.
    void resolveThen(const QString &host, std::function<void()> next);
    void abortLookup() { m_resolver.abort(); }
    [[nodiscard]] const QHostAddress &address() const { return m_address; }

    // The sample's clock starts now: call right before the request leaves.
    void markSent() { m_sentNs = nowNs(); }

    void warmedUp(double connectMs);
    // The region could not be reached: every sample lost with `reason`.
    void unreachable(const QString &reason) { endEarly(reason, false); }
    // The region answered wrongly (TLS, HTTP status, malformed reply): the
    // reason becomes the result's error and every sample left is lost.
    void failRegion(const QString &reason) { endEarly(reason, true); }
    void sampleReceived(qint64 arrivalNs);
    void sampleLost(const QString &reason);

private:
    void startSample();
    void endSample();
    void onDeadline();
    void endEarly(const QString &reason, bool isError);
    void finish();

    domain::Region m_region;
    LatencyProber::Settings m_settings;
    Hooks m_hooks;
    Resolver m_resolver;
    QHostAddress m_address;
    QElapsedTimer m_clock;
    QTimer m_deadline; // the warm-up's or the current sample's
    QTimer m_gap;
    bool m_aborted = false;
    bool m_warmingUp = true;
    bool m_sampling = false;
    qint64 m_sentNs = 0;
    domain::LatencySample m_current;
    QList<domain::LatencySample> m_samples;
    std::optional<double> m_connectMs;
    QString m_error;
};

} // namespace waddle::client
