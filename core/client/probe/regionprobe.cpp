#include "regionprobe.h"

#include "probesockets.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace waddle::client {

using domain::LatencySample;
using domain::SampleOutcome;

RegionProbe::RegionProbe(domain::Region region, const LatencyProber::Settings &settings,
                         Hooks hooks, QObject *parent)
    : QObject(parent)
    , m_region(std::move(region))
    , m_settings(settings)
    , m_hooks(std::move(hooks))
{
    m_clock.start();
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    m_gap.setSingleShot(true);
    m_gap.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &RegionProbe::onDeadline);
    connect(&m_gap, &QTimer::timeout, this, &RegionProbe::startSample);
}

RegionProbe::~RegionProbe() = default;

void RegionProbe::begin()
{
    m_deadline.start(m_settings.timeoutMs);
    warmUp();
}

void RegionProbe::abort()
{
    if (m_aborted)
        return;
    m_aborted = true;
    m_deadline.stop();
    m_gap.stop();
    closeAll();
}

void RegionProbe::resolveThen(const QString &host, std::function<void()> next)
{
    m_resolver.resolve(
        host, this,
        [this, next = std::move(next)](std::optional<QHostAddress> found, const QString &why) {
            if (!found) {
                unreachable(why);
                return;
            }
            m_address = *found;
            next();
        });
}

void RegionProbe::warmedUp(double connectMs)
{
    if (!m_warmingUp || m_aborted)
        return;
    m_warmingUp = false;
    m_deadline.stop();
    m_connectMs = connectMs;
    m_hooks.connected(connectMs);
    if (m_aborted)
        return;
    startSample();
}

void RegionProbe::sampleReceived(qint64 arrivalNs)
{
    if (!m_sampling || m_aborted)
        return;
    m_current.outcome = SampleOutcome::Received;
    m_current.rttMs = nsToMs(std::max<qint64>(0, arrivalNs - m_sentNs));
    endSample();
}

void RegionProbe::sampleLost(const QString &reason)
{
    if (!m_sampling || m_aborted)
        return;
    m_current.outcome = SampleOutcome::Lost;
    m_current.error = reason;
    endSample();
}

void RegionProbe::startSample()
{
    if (m_aborted)
        return;
    m_sampling = true;
    m_current = LatencySample{};
    m_current.sequence = static_cast<int>(m_samples.size()) + 1;
    m_current.sentAt = QDateTime::currentDateTimeUtc();
    m_sentNs = nowNs();
    m_deadline.start(m_settings.timeoutMs);
    sendSample();
}

void RegionProbe::endSample()
{
    m_sampling = false;
    m_deadline.stop();
    m_samples.append(m_current);
    m_hooks.sampleMeasured(m_current);
    if (m_aborted)
        return;
    if (m_samples.size() >= m_settings.samples)
        finish();
    else
        m_gap.start(m_settings.gapMs);
}

void RegionProbe::onDeadline()
{
    if (m_aborted)
        return;
    const QString why = u"no answer within %1 ms"_s.arg(m_settings.timeoutMs);
    if (m_warmingUp) {
        unreachable(why);
    } else if (m_sampling) {
        sampleTimedOut();
        sampleLost(why);
    }
}

void RegionProbe::endEarly(const QString &reason, bool isError)
{
    if (m_aborted)
        return;
    m_deadline.stop();
    m_gap.stop();
    m_warmingUp = false;
    closeAll();
    if (isError)
        m_error = reason;
    while (m_samples.size() < m_settings.samples) {
        if (!m_sampling) {
            m_current = LatencySample{};
            m_current.sequence = static_cast<int>(m_samples.size()) + 1;
            m_current.sentAt = QDateTime::currentDateTimeUtc();
        }
        m_sampling = false;
        m_current.outcome = SampleOutcome::Lost;
        m_current.error = reason;
        m_samples.append(m_current);
        m_hooks.sampleMeasured(m_current);
        if (m_aborted)
            return;
    }
    finish();
}

void RegionProbe::finish()
{
    closeAll();
    LatencyResult result;
    result.regionCode = m_region.code;
    result.mode = m_settings.mode;
    result.samples = m_samples;
    result.stats = domain::computeLatencyStats(m_samples);
    result.connectMs = m_connectMs;
    result.measuredAt = QDateTime::currentDateTimeUtc();
    result.error = m_error;
    m_aborted = true; // nothing more from this probe
    m_hooks.finished(std::move(result));
}

} // namespace waddle::client
