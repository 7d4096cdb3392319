#pragma once

#include "domain/geo.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>

namespace waddle::domain {

// One region weighed as a new home for a waddle whose region failed.
struct FailoverCandidate
{
    QString code;
    bool fromConfiguredList = false;
    double distanceKm = 0.0;
    double healthScore = 0.0; // 0–100 (SPEC §8)
    double freeShare = 0.0;   // free / maximum capacity
    double score = 0.0;       // SPEC §9, lower wins

    friend bool operator==(const FailoverCandidate &, const FailoverCandidate &) = default;
};

struct FailoverChoice
{
    QString code;
    bool fromConfiguredList = false;
    QList<FailoverCandidate> ranked; // the scored candidates, best first

    friend bool operator==(const FailoverChoice &, const FailoverChoice &) = default;
};

// SPEC §9 target for one waddle of a failed region. First the first online,
// active region of the failed region's ordered failover_regions with room for
// the waddle; else the best online region by score = distance km / 1000 − 10
// × health score − 100 × free capacity share (lower wins); else, so that no
// waddle is left without a region, the best degraded one by the same score.
// `from` is where the waddle's members are (or the failed region itself);
// a region missing from `healthScores` counts as health 0.
Result<FailoverChoice> chooseFailoverTarget(const Region &failed, const QList<Region> &regions,
                                            const QHash<QString, double> &healthScores,
                                            GeoPoint from, qint64 seatsNeeded = 0);

// A waddle to move off a failed region.
struct FailoverWaddle
{
    QString waddleId;
    qint64 seats = 0; // members it brings
    GeoPoint from;

    friend bool operator==(const FailoverWaddle &, const FailoverWaddle &) = default;
};

struct FailoverAssignment
{
    QString waddleId;
    QString target; // empty when no region could take it
    bool fromConfiguredList = false;
    QString error;

    friend bool operator==(const FailoverAssignment &, const FailoverAssignment &) = default;
};

// A whole failover as a plan (also the dry run of SPEC §14): waddles are
// placed in the given order and each placement uses up capacity, so later
// waddles see what is left.
QList<FailoverAssignment> planFailover(const Region &failed, QList<Region> regions,
                                       const QHash<QString, double> &healthScores,
                                       const QList<FailoverWaddle> &waddles);

// SPEC §9: waddles move in batches of 10, each batch in parallel.
inline constexpr qsizetype kFailoverBatchSize = 10;

template <typename T>
QList<QList<T>> inBatches(const QList<T> &items, qsizetype size = kFailoverBatchSize)
{
    QList<QList<T>> batches;
    if (size <= 0)
        return batches;
    for (qsizetype i = 0; i < items.size(); i += size)
        batches.append(items.mid(i, size));
    return batches;
}

QJsonObject toJson(const FailoverAssignment &assignment);

} // namespace waddle::domain
