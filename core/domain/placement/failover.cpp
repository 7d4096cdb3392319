#include "domain/placement/failover.h"

#include "domain/cpustate.h"

#include <algorithm>

namespace waddle::domain {

namespace {

bool canTake(const Region &region, RegionStatus wanted, qint64 seats)
{
    return region.isActive && region.status == wanted && region.capacity.maximum > 0 &&
           region.capacity.free() >= seats;
}

FailoverCandidate weigh(const Region &region, const QHash<QString, double> &healthScores,
                        GeoPoint from, bool fromList)
{
    FailoverCandidate c;
    c.code = region.code;
    c.fromConfiguredList = fromList;
    // The QHash<QString> lookup first, then a clean vector state for the
    // arithmetic (issue 8, domain/cpustate.h): planning a failover weighs
    // every region for every waddle.
    c.healthScore = healthScores.value(region.code, 0.0);
    clearUpperVectorState();
    c.distanceKm =
        region.locationKnown
            ? greatCircleKm(from, GeoPoint{region.location.latitude, region.location.longitude})
            : 0.0;
    c.freeShare =
        static_cast<double>(region.capacity.free()) / static_cast<double>(region.capacity.maximum);
    c.score = c.distanceKm / 1000.0 - 10.0 * c.healthScore - 100.0 * c.freeShare;
    return c;
}

} // namespace

Result<FailoverChoice> chooseFailoverTarget(const Region &failed, const QList<Region> &regions,
                                            const QHash<QString, double> &healthScores,
                                            GeoPoint from, qint64 seatsNeeded)
{
    FailoverChoice choice;
    for (const QString &code : failed.failoverRegions) {
        const Region *backup = findRegion(regions, code);
        if (backup && backup->code != failed.code &&
            canTake(*backup, RegionStatus::Online, seatsNeeded)) {
            choice.code = backup->code;
            choice.fromConfiguredList = true;
            choice.ranked.append(weigh(*backup, healthScores, from, true));
            return choice;
        }
    }

    for (const RegionStatus tier : {RegionStatus::Online, RegionStatus::Degraded}) {
        for (const Region &region : regions) {
            if (region.code != failed.code && canTake(region, tier, seatsNeeded))
                choice.ranked.append(weigh(region, healthScores, from,
                                           failed.failoverRegions.contains(region.code)));
        }
        if (!choice.ranked.isEmpty())
            break;
    }
    if (choice.ranked.isEmpty()) {
        return Error{QStringLiteral("regions"),
                     QStringLiteral("no online or degraded region has room for %1 more members")
                         .arg(seatsNeeded)};
    }
    std::stable_sort(choice.ranked.begin(), choice.ranked.end(),
                     [](const FailoverCandidate &a, const FailoverCandidate &b) {
                         if (a.score != b.score)
                             return a.score < b.score;
                         return a.code < b.code;
                     });
    choice.code = choice.ranked.front().code;
    choice.fromConfiguredList = choice.ranked.front().fromConfiguredList;
    return choice;
}

QList<FailoverAssignment> planFailover(const Region &failed, QList<Region> regions,
                                       const QHash<QString, double> &healthScores,
                                       const QList<FailoverWaddle> &waddles)
{
    QList<FailoverAssignment> plan;
    plan.reserve(waddles.size());
    for (const FailoverWaddle &waddle : waddles) {
        FailoverAssignment assignment;
        assignment.waddleId = waddle.waddleId;
        const Result<FailoverChoice> choice =
            chooseFailoverTarget(failed, regions, healthScores, waddle.from, waddle.seats);
        if (choice) {
            assignment.target = choice->code;
            assignment.fromConfiguredList = choice->fromConfiguredList;
            for (Region &region : regions) {
                if (region.code == choice->code)
                    region.capacity.current += waddle.seats;
            }
        } else {
            assignment.error = choice.error().message;
        }
        plan.append(assignment);
    }
    return plan;
}

QJsonObject toJson(const FailoverAssignment &assignment)
{
    QJsonObject json{{QStringLiteral("waddle_id"), assignment.waddleId},
                     {QStringLiteral("success"), !assignment.target.isEmpty()}};
    if (!assignment.target.isEmpty()) {
        json.insert(QStringLiteral("new_region"), assignment.target);
        json.insert(QStringLiteral("from_failover_list"), assignment.fromConfiguredList);
    }
    if (!assignment.error.isEmpty())
        json.insert(QStringLiteral("error"), assignment.error);
    return json;
}

} // namespace waddle::domain
