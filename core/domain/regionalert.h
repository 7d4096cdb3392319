#pragma once

#include "domain/analytics/alert.h"
#include "domain/region.h"
#include "domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace waddle::domain {

// A region status change the health monitor raised (SPEC §8): offline is
// critical, degraded a warning, recovered info. Stored by the control plane
// and listed by GET /alerts, newest first.
struct RegionAlert
{
    QString id; // assigned when stored, if empty
    QString regionCode;
    Severity severity = Severity::Info;
    QString title;
    QString description;
    RegionStatus from = RegionStatus::Online;
    RegionStatus to = RegionStatus::Online;
    QDateTime createdAt; // UTC; the store uses now when invalid
    std::optional<QDateTime> acknowledgedAt;

    friend bool operator==(const RegionAlert &, const RegionAlert &) = default;
};

// JSON: id, region, severity, title, description, from, to, created_at and,
// once acknowledged, acknowledged_at.
QJsonObject toJson(const RegionAlert &alert);
// description and acknowledged_at may be absent.
Result<RegionAlert> regionAlertFromJson(const QJsonValue &json, const QString &path = {});

} // namespace waddle::domain
