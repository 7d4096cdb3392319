#pragma once

#include "clock.h"
#include "controlplane/store/alertdeliveryrepository.h"
#include "controlplane/store/alertrepository.h"
#include "domain/analytics/alertnotification.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <memory>

namespace waddle::cp {

class Database;

// Delivery of analytics alert triggers (issue 12, after Alertmanager):
// triggers wait in groups per project and severity (30 s to gather, 5 min
// between sends of a group), silenced ones are dropped, then each alert's
// channels get one document per target: webhook (our JSON, signed with
// X-Waddle-Signature: sha256=HMAC of the body), Slack (incoming-webhook
// JSON), e-mail (`sendmail -t` when installed, "not configured" otherwise).
// Failed HTTP deliveries are retried with exponential backoff, 5 tries in
// all; every attempt is logged. Owns its repositories and its timer.
class AlertDeliveryService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertDeliveryService)

public:
    struct Settings
    {
        domain::GroupingSettings grouping;
        int tickMs = 1000;
        QString sendmail; // empty: look for one on the PATH and in /usr/sbin
    };

    AlertDeliveryService(const Database &database, Settings settings,
                         Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~AlertDeliveryService() override;

    void start();
    void stop();

    // Triggers just opened or resolved, to be delivered (one pending entry
    // a trigger: its latest state).
    void enqueue(const QList<domain::AlertTrigger> &triggers);
    // One round now: due groups out, due retries sent.
    void tick();

    [[nodiscard]] StoreResult<domain::Silence> createSilence(const domain::Silence &silence);
    [[nodiscard]] StoreResult<QList<domain::Silence>> silences(const QString &projectId) const;
    [[nodiscard]] StoreResult<void> removeSilence(const QString &projectId, const QString &id);
    [[nodiscard]] StoreResult<QList<DeliveryRecord>> deliveries(const QString &projectId,
                                                                qint64 limit) const;

Q_SIGNALS:
    // After each logged attempt or decision (tests wait on it).
    void recorded(const waddle::cp::DeliveryRecord &record);

private:
    struct Outgoing
    {
        QString projectId;
        QString channel;
        QUrl url;
        QByteArray body;
        QByteArray signature;
        QStringList triggerIds;
        int attempt = 0;
        QDateTime dueAt;
        bool inFlight = false;
    };

    void deliver(const domain::NotificationGroup &group);
    void send(const std::shared_ptr<Outgoing> &outgoing);
    void email(const domain::NotificationGroup &group, const QString &to);
    void log(DeliveryRecord record);

    Settings m_settings;
    Clock &m_clock;
    AlertRepository m_alerts;
    AlertDeliveryRepository m_notifications;
    QNetworkAccessManager m_network;
    std::unique_ptr<Timer> m_timer;
    QList<domain::AlertTrigger> m_pending;
    QHash<QString, QDateTime> m_lastSent;
    QList<std::shared_ptr<Outgoing>> m_outgoing;
};

} // namespace waddle::cp
