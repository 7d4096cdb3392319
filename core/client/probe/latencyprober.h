#pragma once

#include "client/latencyresult.h"
#include "domain/latency.h"
#include "domain/region.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QPromise>
#include <QStringList>
#include <qcorotask.h>

#include <memory>

namespace waddle::client {

// Measures the round trip to every testable region at once (SPEC §4): per
// region one warm-up, whose set-up time is reported apart as connectMs, then
// `samples` samples `gapMs` apart, each timed with QElapsedTimer::nsecsElapsed
// on the warm path; a timeout or error is a lost sample; the statistics come
// from domain::computeLatencyStats.
//
//  - Http (default): GET ping_url over our own HTTP/1.1 keep-alive client on
//    one QTcpSocket (QSslSocket for https; TLS errors are never ignored), one
//    request in flight, the whole response read (Content-Length, chunked or
//    until close) before the next. Not QNetworkAccessManager: it adds
//    ~0.12 ms a round trip and its connection pool decides which connection
//    a request takes (PERFORMANCE.md, SPEC §14). A server that closes the
//    connection is reconnected before the next sample; that set-up time is
//    never part of a sample. Proxies are bypassed in every mode: the test
//    is of the path to the region.
//  - Tcp: each sample is the time of a fresh TCP connect to ping_url's
//    host:port (the warm-up resolves the name, so DNS is not timed). On
//    loopback this sees the kernel's handshake only, not a demo agent's
//    modelled delay.
//  - Stun: RFC 5389 Binding Requests over UDP to the region's `stun`
//    host:port, a new transaction id per sample; answers are matched by id,
//    so a late answer to an earlier sample is ignored, never miscounted.
//
// Regions that cannot be tested (offline or in maintenance, inactive, no
// ping_url or stun for the mode, a malformed one) are reported at once with
// LatencyResult::error and no samples, never dropped. A region that cannot be
// reached (refused, no answer to the warm-up within the timeout, name not
// found) is unreachable: it is given up after the warm-up, and every sample
// is reported lost with the reason, so loss reads 100 %. A region that
// answers wrongly (TLS failure, HTTP error status, malformed reply) is given
// up the same way, with the reason in `error` as well. Every region runs on
// its own sockets and timers, so one that fails or hangs costs at most one
// timeout and never holds up the others.
class LatencyProber final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LatencyProber)

public:
    struct Settings
    {
        int samples = 5;      // per region, 1…1000
        int gapMs = 100;      // from one sample's end to the next one's start
        int timeoutMs = 5000; // per sample, and for the warm-up
        ProbeMode mode = ProbeMode::Http;
    };

    explicit LatencyProber(QObject *parent = nullptr);
    ~LatencyProber() override;

    // Starts a test of `regions`. A test still running is cancelled first
    // (cancelled() is emitted for it). Regions that cannot be tested are
    // reported before start() returns; so is finished() when none can.
    void start(const QList<domain::Region> &regions, Settings settings);
    // Stops every timer and socket at once and emits cancelled(); nothing is
    // emitted after it. No-op when nothing runs.
    void cancel();
    [[nodiscard]] bool isRunning() const;

    // start() and wait: every region's result, in the order of `regions`.
    // When the test is cancelled (or the prober destroyed) meanwhile, the
    // results finished until then.
    QCoro::Task<QList<LatencyResult>> run(const QList<domain::Region> &regions, Settings settings);

    // Why `region` cannot be tested in `mode`, or an empty string when it
    // can: "offline", "in maintenance", "inactive", "no ping_url",
    // "no STUN endpoint", or what is wrong with the URL or host:port.
    static QString untestableReason(const domain::Region &region, ProbeMode mode);

Q_SIGNALS:
    void started(const QStringList &codes);
    // The warm-up's set-up time: TCP (+ TLS) handshake for Http and Tcp, the
    // first answered Binding transaction for Stun; DNS is not in it. Once per
    // region; reconnects later on are not reported.
    void connected(const QString &code, double connectMs);
    void sampleMeasured(const QString &code, const waddle::domain::LatencySample &sample);
    void regionFinished(const waddle::client::LatencyResult &result);
    void progress(int done, int total);
    void finished(const QList<waddle::client::LatencyResult> &results);
    void cancelled();

private:
    struct Run;

    void startRun(const QList<domain::Region> &regions, Settings settings,
                  std::shared_ptr<QPromise<QList<LatencyResult>>> promise);
    void finishRegion(quint64 runId, qsizetype index, LatencyResult result);
    void completeRun(bool wasCancelled);
    void abortProbes();

    std::unique_ptr<Run> m_run;
    quint64 m_nextRunId = 1;
};

} // namespace waddle::client
