#include "domain/latency.h"

#include "domain/cpustate.h"
#include "domain/enumnames.h"
#include "domain/jsonreader.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace waddle::domain {

namespace {

constexpr std::array<EnumName<LatencyQuality>, 6> kQualityNames{{
    {LatencyQuality::Unknown, QLatin1String("unknown")},
    {LatencyQuality::Excellent, QLatin1String("excellent")},
    {LatencyQuality::Good, QLatin1String("good")},
    {LatencyQuality::Fair, QLatin1String("fair")},
    {LatencyQuality::Poor, QLatin1String("poor")},
    {LatencyQuality::Unreachable, QLatin1String("unreachable")},
}};

constexpr std::array<EnumName<SampleOutcome>, 3> kOutcomeNames{{
    {SampleOutcome::Received, QLatin1String("received")},
    {SampleOutcome::Lost, QLatin1String("lost")},
    {SampleOutcome::InFlight, QLatin1String("in_flight")},
}};

bool measured(const LatencyStats &s)
{
    return s.received > 0;
}

} // namespace

QString toString(LatencyQuality quality)
{
    return enumToName(kQualityNames, quality);
}

std::optional<LatencyQuality> latencyQualityFromString(QStringView name)
{
    return enumFromName(kQualityNames, name);
}

LatencyQuality qualityForAverage(double averageMs)
{
    if (averageMs < 50.0)
        return LatencyQuality::Excellent;
    if (averageMs < 100.0)
        return LatencyQuality::Good;
    if (averageMs < 150.0)
        return LatencyQuality::Fair;
    return LatencyQuality::Poor;
}

double percentileOfSorted(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0.0;
    const double rank = std::clamp(p, 0.0, 1.0) * static_cast<double>(sorted.size() - 1);
    const auto lower = static_cast<qsizetype>(std::floor(rank));
    const auto upper = std::min(lower + 1, sorted.size() - 1);
    const double fraction = rank - static_cast<double>(lower);
    return sorted.at(lower) + (sorted.at(upper) - sorted.at(lower)) * fraction;
}

LatencyStats computeLatencyStats(const QList<LatencySample> &samples)
{
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    LatencyStats stats;
    QList<LatencySample> ordered = samples;
    std::stable_sort(
        ordered.begin(), ordered.end(),
        [](const LatencySample &a, const LatencySample &b) { return a.sequence < b.sequence; });

    QList<double> valid;
    for (const LatencySample &sample : ordered) {
        ++stats.sent;
        switch (sample.outcome) {
        case SampleOutcome::Received:
            ++stats.received;
            valid.append(sample.rttMs);
            break;
        case SampleOutcome::Lost:
            ++stats.lost;
            break;
        case SampleOutcome::InFlight:
            ++stats.inFlight;
            break;
        }
    }

    const int finished = stats.sent - stats.inFlight;
    if (finished > 0)
        stats.lossPercent = 100.0 * stats.lost / finished;

    if (valid.isEmpty()) {
        stats.unreachable = stats.lost > 0;
        stats.quality = stats.unreachable ? LatencyQuality::Unreachable : LatencyQuality::Unknown;
        return stats;
    }

    for (qsizetype i = 1; i < valid.size(); ++i) {
        const double d = std::fabs(valid.at(i) - valid.at(i - 1));
        stats.jitterMs += d;
        stats.jitterRfc3550Ms += (d - stats.jitterRfc3550Ms) / 16.0;
    }
    if (valid.size() > 1)
        stats.jitterMs /= static_cast<double>(valid.size() - 1);

    stats.averageMs =
        std::accumulate(valid.cbegin(), valid.cend(), 0.0) / static_cast<double>(valid.size());
    QList<double> sorted = valid;
    std::sort(sorted.begin(), sorted.end());
    stats.minimumMs = sorted.front();
    stats.maximumMs = sorted.back();
    stats.medianMs = percentileOfSorted(sorted, 0.5);
    stats.p95Ms = percentileOfSorted(sorted, 0.95);
    stats.quality = qualityForAverage(stats.averageMs);
    return stats;
}

QList<int> rankWithTies(const QList<LatencyStats> &results)
{
    clearUpperVectorState(); // numeric kernel (issue 8, domain/cpustate.h)
    QList<qsizetype> order(results.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&results](qsizetype a, qsizetype b) {
        const LatencyStats &x = results.at(a);
        const LatencyStats &y = results.at(b);
        if (measured(x) != measured(y))
            return measured(x);
        return measured(x) && x.averageMs < y.averageMs;
    });

    QList<int> ranks(results.size(), 0);
    for (qsizetype position = 0; position < order.size(); ++position) {
        const LatencyStats &current = results.at(order.at(position));
        if (position == 0) {
            ranks[order.at(position)] = 1;
            continue;
        }
        const qsizetype previousIndex = order.at(position - 1);
        const LatencyStats &previous = results.at(previousIndex);
        const bool tied =
            measured(current) ? current.minimumMs <= previous.maximumMs : !measured(previous);
        ranks[order.at(position)] = tied ? ranks.at(previousIndex) : static_cast<int>(position) + 1;
    }
    return ranks;
}

QJsonObject toJson(const LatencySample &sample)
{
    QJsonObject json{{QStringLiteral("sequence"), sample.sequence},
                     {QStringLiteral("outcome"), enumToName(kOutcomeNames, sample.outcome)}};
    if (sample.sentAt.isValid())
        json.insert(QStringLiteral("sent_at"), toIsoString(sample.sentAt));
    if (sample.outcome == SampleOutcome::Received)
        json.insert(QStringLiteral("rtt_ms"), sample.rttMs);
    if (!sample.error.isEmpty())
        json.insert(QStringLiteral("error"), sample.error);
    return json;
}

Result<LatencySample> latencySampleFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    LatencySample sample;
    sample.sequence = static_cast<int>(r.integer(QLatin1String("sequence"), 0, 1e6));
    sample.outcome = r.enumeration(QLatin1String("outcome"), kOutcomeNames);
    if (sample.outcome == SampleOutcome::Received)
        sample.rttMs = r.number(QLatin1String("rtt_ms"), 0.0);
    sample.sentAt = r.optionalDateTime(QLatin1String("sent_at")).value_or(QDateTime());
    sample.error = r.optionalString(QLatin1String("error")).value_or(QString());
    return r.finish(sample);
}

QJsonObject toJson(const LatencyStats &stats)
{
    return QJsonObject{
        {QStringLiteral("sent"), stats.sent},
        {QStringLiteral("received"), stats.received},
        {QStringLiteral("lost"), stats.lost},
        {QStringLiteral("in_flight"), stats.inFlight},
        {QStringLiteral("average"), stats.averageMs},
        {QStringLiteral("min"), stats.minimumMs},
        {QStringLiteral("max"), stats.maximumMs},
        {QStringLiteral("median"), stats.medianMs},
        {QStringLiteral("p95"), stats.p95Ms},
        {QStringLiteral("jitter"), stats.jitterMs},
        {QStringLiteral("jitter_rfc3550"), stats.jitterRfc3550Ms},
        {QStringLiteral("loss"), stats.lossPercent},
        {QStringLiteral("unreachable"), stats.unreachable},
        {QStringLiteral("quality"), toString(stats.quality)},
    };
}

Result<LatencyStats> latencyStatsFromJson(const QJsonValue &json, const QString &path)
{
    JsonReader r(json, path);
    LatencyStats stats;
    constexpr double kMaxCount = 1e6;
    stats.sent = static_cast<int>(r.integer(QLatin1String("sent"), 0, kMaxCount));
    stats.received = static_cast<int>(r.integer(QLatin1String("received"), 0, kMaxCount));
    stats.lost = static_cast<int>(r.integer(QLatin1String("lost"), 0, kMaxCount));
    stats.inFlight =
        static_cast<int>(r.optionalInteger(QLatin1String("in_flight"), 0, kMaxCount).value_or(0));
    stats.averageMs = r.number(QLatin1String("average"), 0.0);
    stats.minimumMs = r.number(QLatin1String("min"), 0.0);
    stats.maximumMs = r.number(QLatin1String("max"), 0.0);
    stats.medianMs = r.number(QLatin1String("median"), 0.0);
    stats.p95Ms = r.number(QLatin1String("p95"), 0.0);
    stats.jitterMs = r.number(QLatin1String("jitter"), 0.0);
    stats.jitterRfc3550Ms = r.optionalNumber(QLatin1String("jitter_rfc3550"), 0.0).value_or(0.0);
    stats.lossPercent = r.number(QLatin1String("loss"), 0.0, 100.0);
    stats.unreachable = r.boolean(QLatin1String("unreachable"));
    stats.quality = r.enumeration(QLatin1String("quality"), kQualityNames);
    if (!r.failed() && stats.received + stats.lost + stats.inFlight != stats.sent) {
        r.failField(QLatin1String("sent"),
                    QStringLiteral("must equal received + lost + in_flight"));
    }
    return r.finish(stats);
}

} // namespace waddle::domain
