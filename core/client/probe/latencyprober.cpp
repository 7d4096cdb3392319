#include "latencyprober.h"

#include "httpprobe.h"
#include "probeendpoint.h"
#include "regionprobe.h"
#include "stunprobe.h"
#include "tcpprobe.h"

#include <QPointer>
#include <QPromise>
#include <qcorofuture.h>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace waddle::client {

namespace {

constexpr int kMaxSamples = 1000;

} // namespace

struct LatencyProber::Run
{
    quint64 id = 0;
    Settings settings;
    QStringList codes;
    QList<std::optional<LatencyResult>> results;
    int done = 0;
    QList<QPointer<RegionProbe>> probes;
    std::shared_ptr<QPromise<QList<LatencyResult>>> promise;

    [[nodiscard]] QList<LatencyResult> finishedResults() const
    {
        QList<LatencyResult> out;
        for (const std::optional<LatencyResult> &r : results) {
            if (r)
                out.append(*r);
        }
        return out;
    }
};

LatencyProber::LatencyProber(QObject *parent)
    : QObject(parent)
{}

LatencyProber::~LatencyProber()
{
    // Silently: whoever awaits run() gets what finished.
    if (m_run) {
        abortProbes();
        std::unique_ptr<Run> run = std::move(m_run);
        run->promise->addResult(run->finishedResults());
        run->promise->finish();
    }
}

QString LatencyProber::untestableReason(const domain::Region &region, ProbeMode mode)
{
    if (!region.isActive)
        return u"inactive"_s;
    switch (region.status) {
    case domain::RegionStatus::Offline:
        return u"offline"_s;
    case domain::RegionStatus::Maintenance:
        return u"in maintenance"_s;
    case domain::RegionStatus::Online:
    case domain::RegionStatus::Degraded:
        break;
    }
    if (mode == ProbeMode::Stun) {
        if (region.stun.trimmed().isEmpty())
            return u"no STUN endpoint"_s;
        if (!parseHostPort(region.stun, kDefaultStunPort))
            return u"stun \"%1\" is not host:port"_s.arg(region.stun);
        return {};
    }
    if (region.pingUrl.trimmed().isEmpty())
        return u"no ping_url"_s;
    if (!parsePingUrl(region.pingUrl))
        return u"ping_url \"%1\" is not an http or https URL"_s.arg(region.pingUrl);
    return {};
}

void LatencyProber::start(const QList<domain::Region> &regions, Settings settings)
{
    // The results are told by the signals: nobody awaits this promise.
    startRun(regions, settings, std::make_shared<QPromise<QList<LatencyResult>>>());
}

void LatencyProber::startRun(const QList<domain::Region> &regions, Settings settings,
                             std::shared_ptr<QPromise<QList<LatencyResult>>> promise)
{
    cancel();

    settings.samples = std::clamp(settings.samples, 1, kMaxSamples);
    settings.gapMs = std::max(0, settings.gapMs);
    settings.timeoutMs = std::max(1, settings.timeoutMs);

    auto run = std::make_unique<Run>();
    run->id = m_nextRunId++;
    run->settings = settings;
    run->results.resize(regions.size());
    run->promise = std::move(promise);
    run->promise->start();
    for (const domain::Region &region : regions)
        run->codes.append(region.code);
    const quint64 runId = run->id;
    m_run = std::move(run);

    // Every probe exists (and every region is accounted for) before the
    // first signal, so a slot that cancels sees the whole run.
    QList<std::pair<qsizetype, QString>> untestable;
    for (qsizetype i = 0; i < regions.size(); ++i) {
        const domain::Region &region = regions.at(i);
        const QString why = untestableReason(region, settings.mode);
        if (!why.isEmpty()) {
            untestable.append({i, why});
            continue;
        }
        RegionProbe::Hooks hooks;
        hooks.connected = [this, runId, code = region.code](double ms) {
            if (m_run && m_run->id == runId)
                Q_EMIT connected(code, ms);
        };
        hooks.sampleMeasured = [this, runId,
                                code = region.code](const domain::LatencySample &sample) {
            if (m_run && m_run->id == runId)
                Q_EMIT sampleMeasured(code, sample);
        };
        hooks.finished = [this, runId, i](LatencyResult result) {
            finishRegion(runId, i, std::move(result));
        };
        RegionProbe *probe = nullptr;
        switch (settings.mode) {
        case ProbeMode::Http:
            probe = new HttpProbe(region, settings, std::move(hooks), this);
            break;
        case ProbeMode::Tcp:
            probe = new TcpProbe(region, settings, std::move(hooks), this);
            break;
        case ProbeMode::Stun:
            probe = new StunProbe(region, settings, std::move(hooks), this);
            break;
        }
        m_run->probes.append(probe);
    }

    Q_EMIT started(m_run ? m_run->codes : QStringList());
    for (const auto &[index, why] : untestable) {
        if (!m_run || m_run->id != runId)
            return;
        LatencyResult result;
        result.regionCode = regions.at(index).code;
        result.mode = settings.mode;
        result.stats = domain::computeLatencyStats({});
        result.measuredAt = QDateTime::currentDateTimeUtc();
        result.error = why;
        finishRegion(runId, index, std::move(result));
    }
    if (!m_run || m_run->id != runId)
        return;
    if (regions.isEmpty()) {
        completeRun(false);
        return;
    }
    const QList<QPointer<RegionProbe>> probes = m_run->probes;
    for (const QPointer<RegionProbe> &probe : probes) {
        if (!m_run || m_run->id != runId)
            return;
        if (probe)
            probe->begin();
    }
}

void LatencyProber::cancel()
{
    if (m_run)
        completeRun(true);
}

bool LatencyProber::isRunning() const
{
    return m_run != nullptr;
}

QCoro::Task<QList<LatencyResult>> LatencyProber::run(const QList<domain::Region> &regions,
                                                     Settings settings)
{
    // The promise outlives the run (and this prober): the future holds the
    // results even when the run ended inside start().
    auto promise = std::make_shared<QPromise<QList<LatencyResult>>>();
    const QFuture<QList<LatencyResult>> future = promise->future();
    startRun(regions, settings, std::move(promise));
    co_return co_await future;
}

void LatencyProber::finishRegion(quint64 runId, qsizetype index, LatencyResult result)
{
    if (!m_run || m_run->id != runId)
        return;
    m_run->results[index] = result;
    ++m_run->done;
    const int done = m_run->done;
    const auto total = static_cast<int>(m_run->results.size());
    Q_EMIT regionFinished(result);
    if (!m_run || m_run->id != runId)
        return;
    Q_EMIT progress(done, total);
    if (!m_run || m_run->id != runId)
        return;
    if (done == total)
        completeRun(false);
}

void LatencyProber::completeRun(bool wasCancelled)
{
    abortProbes();
    std::unique_ptr<Run> run = std::move(m_run);
    const QList<LatencyResult> results = run->finishedResults();
    run->promise->addResult(results);
    run->promise->finish();
    if (wasCancelled)
        Q_EMIT cancelled();
    else
        Q_EMIT finished(results);
}

void LatencyProber::abortProbes()
{
    if (!m_run)
        return;
    for (const QPointer<RegionProbe> &probe : std::as_const(m_run->probes)) {
        if (probe) {
            probe->abort();
            probe->deleteLater();
        }
    }
    m_run->probes.clear();
}

} // namespace waddle::client
