#include "custommetricrepository.h"

#include "database.h"
#include "statements.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace waddle::cp {

using namespace store;
using domain::CustomMetric;

namespace {

QString document(const CustomMetric &metric)
{
    return QString::fromUtf8(QJsonDocument(toJson(metric)).toJson(QJsonDocument::Compact));
}

} // namespace

CustomMetricRepository::CustomMetricRepository(const Database &database)
    : m_database(database)
{}

QSqlDatabase CustomMetricRepository::db() const
{
    return m_database.connection();
}

StoreResult<StoredMetric> CustomMetricRepository::create(CustomMetric metric, bool active,
                                                         const QDateTime &now)
{
    metric.id = newId();
    StoredMetric stored{std::move(metric), active, timeFrom(timeText(now))};
    QSqlQuery q(db());
    if (auto error =
            run(q,
                QStringLiteral("INSERT INTO custom_metrics (id, project_id, name, "
                               "document, is_active, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                {stored.metric.id, stored.metric.projectId, stored.metric.name,
                 document(stored.metric), flag(active), timeText(now)},
                QStringLiteral("create custom metric %1").arg(stored.metric.name))) {
        if (error->kind == StoreError::Kind::Conflict) {
            return StoreError{
                StoreError::Kind::Conflict,
                QStringLiteral("the project already has a metric \"%1\"").arg(stored.metric.name),
                QStringLiteral("name")};
        }
        return *error;
    }
    return stored;
}

StoreResult<QList<StoredMetric>> CustomMetricRepository::metrics(const QString &projectId) const
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("SELECT document, is_active, created_at FROM "
                                        "custom_metrics WHERE project_id = ? ORDER BY created_at, "
                                        "id"),
                         {projectId}, QStringLiteral("list custom metrics"))) {
        return *error;
    }
    QList<StoredMetric> out;
    while (q.next()) {
        auto metric = domain::customMetricFromJson(
            QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object());
        if (!metric)
            return internal(QStringLiteral("a stored custom metric does not decode: %1")
                                .arg(metric.error().message));
        out.append(StoredMetric{metric.value(), q.value(1).toInt() != 0, timeFrom(q.value(2))});
    }
    return out;
}

StoreResult<StoredMetric> CustomMetricRepository::find(const QString &projectId, const QString &key,
                                                       QString domain::CustomMetric::*field) const
{
    auto all = metrics(projectId);
    if (!all)
        return all.error();
    for (const StoredMetric &stored : all.value()) {
        if (stored.metric.*field == key)
            return stored;
    }
    return notFound(
        QStringLiteral("no custom metric \"%1\" in project \"%2\"").arg(key, projectId));
}

StoreResult<StoredMetric> CustomMetricRepository::metric(const QString &projectId,
                                                         const QString &id) const
{
    return find(projectId, id, &domain::CustomMetric::id);
}

StoreResult<StoredMetric> CustomMetricRepository::named(const QString &projectId,
                                                        const QString &name) const
{
    return find(projectId, name, &domain::CustomMetric::name);
}

StoreResult<StoredMetric> CustomMetricRepository::update(const StoredMetric &metric)
{
    QSqlQuery q(db());
    if (auto error = run(q,
                         QStringLiteral("UPDATE custom_metrics SET name = ?, document = ?, "
                                        "is_active = ? WHERE id = ? AND project_id = ?"),
                         {metric.metric.name, document(metric.metric), flag(metric.active),
                          metric.metric.id, metric.metric.projectId},
                         QStringLiteral("update custom metric %1").arg(metric.metric.id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0) {
        return notFound(QStringLiteral("no custom metric \"%1\" in project \"%2\"")
                            .arg(metric.metric.id, metric.metric.projectId));
    }
    return this->metric(metric.metric.projectId, metric.metric.id);
}

StoreResult<void> CustomMetricRepository::remove(const QString &projectId, const QString &id)
{
    QSqlQuery q(db());
    if (auto error =
            run(q, QStringLiteral("DELETE FROM custom_metrics WHERE id = ? AND project_id = ?"),
                {id, projectId}, QStringLiteral("delete custom metric %1").arg(id))) {
        return *error;
    }
    if (q.numRowsAffected() == 0)
        return notFound(
            QStringLiteral("no custom metric \"%1\" in project \"%2\"").arg(id, projectId));
    return {};
}

} // namespace waddle::cp
