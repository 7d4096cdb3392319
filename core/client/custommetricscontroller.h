#pragma once

#include "analyticstypes.h"
#include "apierror.h"

#include <QCoroTask>
#include <QList>
#include <QObject>

namespace waddle::client {

class ApiClient;

// The custom metrics of one project (SPEC §11, seed 001 CustomMetric): the
// list, and create, edit and delete, each followed by a fresh list. A
// definition the domain's rules refuse is not sent (refused() with the
// problem, as the server would say it); one the server refuses comes back
// through refused() with the server's message. Screens bind to the signals.
class CustomMetricsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomMetricsController)

public:
    // `api` outlives the controller.
    explicit CustomMetricsController(ApiClient &api, QObject *parent = nullptr);
    ~CustomMetricsController() override;

    // "fleet" or a waddle's id; a new project forgets the old list.
    void setProject(const QString &projectId);
    [[nodiscard]] const QString &project() const { return m_project; }
    [[nodiscard]] const QList<MetricDefinition> &metrics() const { return m_metrics; }

    // GET the list: metricsChanged() or failed().
    void reload();
    // Creates (empty id) or updates the metric of the project: saved() then
    // metricsChanged(), or refused().
    void save(MetricDefinition definition);
    // removed() then metricsChanged(), or refused().
    void remove(const QString &id);

Q_SIGNALS:
    void metricsChanged(const QList<waddle::client::MetricDefinition> &metrics);
    void saved(const waddle::client::MetricDefinition &definition);
    void removed(const QString &id);
    // A change not made: the field at fault and the message.
    void refused(const waddle::client::ApiError &error);
    // The list could not be read.
    void failed(const waddle::client::ApiError &error);

private:
    QCoro::Task<> fetch(QString project);
    QCoro::Task<> send(MetricDefinition definition);
    QCoro::Task<> erase(QString project, QString id);

    ApiClient &m_api;
    QString m_project = QStringLiteral("fleet");
    QList<MetricDefinition> m_metrics;
};

// A domain problem as the ApiError the server would have answered (400,
// invalid_request, the field), so screens show both the same way.
ApiError refusal(const domain::Error &problem);

} // namespace waddle::client
