#pragma once

#include "domain/health.h"
#include "domain/result.h"

#include <QJsonObject>
#include <QList>

namespace waddle::domain {

// GET /regions/{code}/health: the latest check (its fields at the top
// level, as toReportJson writes them) and the stored history, newest first.
struct RegionHealthDetail
{
    RegionHealth latest;
    QList<RegionHealth> history;

    friend bool operator==(const RegionHealthDetail &, const RegionHealthDetail &) = default;
};

QJsonObject toJson(const RegionHealthDetail &detail);
Result<RegionHealthDetail> regionHealthDetailFromJson(const QJsonValue &json,
                                                      const QString &path = {});

} // namespace waddle::domain
