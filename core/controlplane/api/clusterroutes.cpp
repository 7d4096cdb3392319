#include "clusterroutes.h"

#include "apierrors.h"
#include "controlplane/services/clusterservice.h"
#include "domain/jsonreader.h"

#include <QJsonArray>
#include <QJsonObject>

namespace waddle::cp {

namespace {

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(domain::toIsoString(time)) : QJsonValue();
}

} // namespace

ClusterRoutes::ClusterRoutes(ClusterService &cluster)
    : m_cluster(cluster)
{}

void ClusterRoutes::registerOn(Router &router)
{
    router.add({.method = Method::Get,
                .pattern = QStringLiteral("/api/v1/cluster"),
                .access = Access::Viewer,
                .handler = bindRoute(this, &ClusterRoutes::show),
                .summary = QStringLiteral("The control planes sharing this store, and the leader"),
                .tag = QStringLiteral("cluster"),
                .statuses = {401, 500}});
}

void ClusterRoutes::show(const ApiRequest &, const Reply &reply)
{
    const auto view = m_cluster.view();
    if (!view)
        return reply(fromStoreError(view.error()));
    QJsonArray instances;
    for (const ClusterService::Instance &instance : view->instances) {
        instances.append(QJsonObject{{QStringLiteral("id"), instance.id},
                                     {QStringLiteral("address"), instance.address},
                                     {QStringLiteral("started_at"), timeOrNull(instance.startedAt)},
                                     {QStringLiteral("last_seen"), timeOrNull(instance.lastSeen)},
                                     {QStringLiteral("leader"), instance.leader}});
    }
    reply(HttpResponse::json(
        200,
        QJsonObject{{QStringLiteral("self"), view->self},
                    {QStringLiteral("leader"),
                     view->leader.isEmpty() ? QJsonValue() : QJsonValue(view->leader)},
                    {QStringLiteral("since"), timeOrNull(view->since)},
                    {QStringLiteral("engine"),
                     m_cluster.shared() ? QStringLiteral("postgresql") : QStringLiteral("sqlite")},
                    {QStringLiteral("instances"), instances}}));
}

} // namespace waddle::cp
