#pragma once

#include "domain/analytics/custommetric.h"
#include "storeerror.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>

namespace waddle::cp {

class Database;

// A stored custom metric (seed 001 CustomMetric) with its switch.
struct StoredMetric
{
    domain::CustomMetric metric;
    bool active = true;
    QDateTime createdAt; // UTC

    friend bool operator==(const StoredMetric &, const StoredMetric &) = default;
};

// Custom metrics per project (SPEC §11); a name is unique in its project.
// No repository knows another; each runs its own statements on the Database.
class CustomMetricRepository
{
public:
    explicit CustomMetricRepository(const Database &database);

    // Gives the metric an id; Conflict when the project has the name.
    [[nodiscard]] StoreResult<StoredMetric> create(domain::CustomMetric metric, bool active,
                                                   const QDateTime &now);
    // The project's metrics, oldest first.
    [[nodiscard]] StoreResult<QList<StoredMetric>> metrics(const QString &projectId) const;
    [[nodiscard]] StoreResult<StoredMetric> metric(const QString &projectId,
                                                   const QString &id) const;
    // The project's metric of that name (NotFound otherwise).
    [[nodiscard]] StoreResult<StoredMetric> named(const QString &projectId,
                                                  const QString &name) const;
    // Replaces the metric `id` of its project (NotFound otherwise).
    [[nodiscard]] StoreResult<StoredMetric> update(const StoredMetric &metric);
    [[nodiscard]] StoreResult<void> remove(const QString &projectId, const QString &id);

private:
    [[nodiscard]] QSqlDatabase db() const;
    // The project's metric whose `field` is `key`.
    [[nodiscard]] StoreResult<StoredMetric> find(const QString &projectId, const QString &key,
                                                 QString domain::CustomMetric::*field) const;

    const Database &m_database;
};

} // namespace waddle::cp
