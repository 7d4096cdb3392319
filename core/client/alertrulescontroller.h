#pragma once

#include "analyticstypes.h"
#include "apierror.h"

#include <QCoroTask>
#include <QList>
#include <QObject>

namespace waddle::client {

class ApiClient;

// The analytics alerts of one project (SPEC §11, seed 001 MetricAlert): the
// rules with create, edit, on/off and delete; the triggers timeline (newest
// first) with acknowledge; the silences with add and delete; "check now".
// Every change is followed by a fresh list of what it touched. A rule the
// domain refuses is not sent (refused() with the server's wording); one the
// server refuses comes back through refused() with its message.
class AlertRulesController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertRulesController)

public:
    static constexpr int kTriggerLimit = 50;

    // `api` outlives the controller.
    explicit AlertRulesController(ApiClient &api, QObject *parent = nullptr);
    ~AlertRulesController() override;

    void setProject(const QString &projectId);
    [[nodiscard]] const QString &project() const { return m_project; }
    [[nodiscard]] const QList<AlertDefinition> &alerts() const { return m_alerts; }
    [[nodiscard]] const QList<domain::AlertTrigger> &triggers() const { return m_triggers; }
    [[nodiscard]] const QList<domain::Silence> &silences() const { return m_silences; }

    // Reads the alerts, the triggers and the silences.
    void reload();
    void save(AlertDefinition definition);
    void setEnabled(const QString &id, bool enabled);
    void remove(const QString &id);
    // POST …/check: evaluates at once; checked(fired) then a reload.
    void checkNow();
    void acknowledge(const QString &triggerId);
    void addSilence(domain::Silence silence);
    void removeSilence(const QString &id);

Q_SIGNALS:
    void alertsChanged(const QList<waddle::client::AlertDefinition> &alerts);
    void triggersChanged(const QList<waddle::domain::AlertTrigger> &triggers);
    void silencesChanged(const QList<waddle::domain::Silence> &silences);
    void saved(const waddle::client::AlertDefinition &definition);
    void removed(const QString &id);
    void checked(const QList<waddle::domain::AlertTrigger> &fired);
    void acknowledged(const waddle::domain::AlertTrigger &trigger);
    void refused(const waddle::client::ApiError &error);
    void failed(const waddle::client::ApiError &error);

private:
    QCoro::Task<> fetchAlerts(QString project);
    QCoro::Task<> fetchTriggers(QString project);
    QCoro::Task<> fetchSilences(QString project);
    QCoro::Task<> send(AlertDefinition definition);
    QCoro::Task<> erase(QString project, QString id);
    QCoro::Task<> check(QString project);
    QCoro::Task<> ack(QString project, QString id);
    QCoro::Task<> silence(domain::Silence silence);
    QCoro::Task<> unsilence(QString project, QString id);

    ApiClient &m_api;
    QString m_project = QStringLiteral("fleet");
    QList<AlertDefinition> m_alerts;
    QList<domain::AlertTrigger> m_triggers;
    QList<domain::Silence> m_silences;
};

} // namespace waddle::client
