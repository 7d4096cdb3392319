#include "jobarcs.h"

#include "client/jobsmodel.h"

#include <algorithm>

namespace waddle::ui {

using namespace waddle::domain;

QList<MapArc> arcsOfJobs(const client::JobsModel &jobs)
{
    // (kind, from, to) → moves, in first-seen order.
    QList<MapArc> arcs;
    QList<qint64> counts;
    const auto add = [&](MapArcKind kind, const QString &from, const QString &to) {
        if (from.isEmpty() || to.isEmpty() || from == to)
            return;
        for (qsizetype i = 0; i < arcs.size(); ++i) {
            if (arcs.at(i).kind == kind && arcs.at(i).from == from && arcs.at(i).to == to) {
                ++counts[i];
                return;
            }
        }
        arcs.append(MapArc{from, to, kind, 1.0});
        counts.append(1);
    };
    for (int row = 0; row < jobs.rowCount(); ++row) {
        const client::JobsModel::Job *job = jobs.job(row);
        if (!job)
            continue;
        if (job->migration && job->migration->state == MigrationState::Running)
            add(MapArcKind::Migration, job->migration->from, job->migration->to);
        if (!job->failover)
            continue;
        const FailoverJob &f = *job->failover;
        if (f.state == FailoverState::Running) {
            for (const FailoverMove &move : f.moves) {
                if (move.state == MoveState::Pending || move.state == MoveState::Moved)
                    add(MapArcKind::Failover, move.from, move.to);
            }
        } else if (f.state == FailoverState::FailingBack) {
            for (const FailoverMove &move : f.moves) {
                if (move.state == MoveState::Moved)
                    add(MapArcKind::Failover, move.to, move.from);
            }
        }
    }
    const qint64 most = counts.isEmpty() ? 1 : *std::max_element(counts.cbegin(), counts.cend());
    for (qsizetype i = 0; i < arcs.size(); ++i)
        arcs[i].weight = static_cast<double>(counts.at(i)) / static_cast<double>(most);
    return arcs;
}

QSet<QString> drainingRegionsOfJobs(const client::JobsModel &jobs)
{
    QSet<QString> codes;
    for (int row = 0; row < jobs.rowCount(); ++row) {
        const client::JobsModel::Job *job = jobs.job(row);
        if (job && job->failover && job->failover->state == FailoverState::Running)
            codes.insert(job->failover->region);
    }
    return codes;
}

} // namespace waddle::ui
