#include "alertdeliveryservice.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>

#include <map>

namespace waddle::cp {

using namespace waddle::domain;

namespace {

QByteArray compact(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

QStringList idsOf(const NotificationGroup &group)
{
    QStringList ids;
    for (const AlertTrigger &trigger : group.triggers)
        ids.append(trigger.id);
    return ids;
}

} // namespace

AlertDeliveryService::AlertDeliveryService(const Database &database, Settings settings,
                                           Clock &clock, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_clock(clock)
    , m_alerts(database)
    , m_notifications(database)
{}

AlertDeliveryService::~AlertDeliveryService()
{
    stop();
}

void AlertDeliveryService::start()
{
    m_timer = m_clock.createTimer([this] { tick(); });
    m_timer->start(m_settings.tickMs);
}

void AlertDeliveryService::stop()
{
    m_timer.reset();
}

void AlertDeliveryService::enqueue(const QList<AlertTrigger> &triggers)
{
    // One entry a trigger: a trigger that resolves before its firing went
    // out is sent once, as it is now.
    for (const AlertTrigger &trigger : triggers) {
        m_pending.removeIf([&trigger](const AlertTrigger &t) { return t.id == trigger.id; });
        m_pending.append(trigger);
    }
}

void AlertDeliveryService::tick()
{
    const QDateTime now = m_clock.now();
    if (!m_pending.isEmpty()) {
        const QList<NotificationGroup> due =
            dueNotifications(m_pending, m_lastSent, now, m_settings.grouping);
        for (const NotificationGroup &group : due) {
            for (const AlertTrigger &trigger : group.triggers)
                m_pending.removeIf(
                    [&trigger](const AlertTrigger &t) { return t.id == trigger.id; });
            m_lastSent.insert(groupKey(group.projectId, group.severity), now);
            deliver(group);
        }
    }
    for (const std::shared_ptr<Outgoing> &outgoing : QList(m_outgoing)) {
        if (!outgoing->inFlight && outgoing->dueAt <= now)
            send(outgoing);
    }
}

void AlertDeliveryService::deliver(const NotificationGroup &group)
{
    const QDateTime now = m_clock.now();
    // Silenced triggers are recorded as such and go no further.
    const auto silences = m_notifications.silences(group.projectId, now);
    NotificationGroup loud = group;
    loud.triggers.clear();
    QStringList muted;
    for (const AlertTrigger &trigger : group.triggers) {
        if (silences && isSilenced(silences.value(), trigger, now))
            muted.append(trigger.id);
        else
            loud.triggers.append(trigger);
    }
    if (!muted.isEmpty()) {
        log(DeliveryRecord{now, group.projectId, QStringLiteral("all"), QString(), 0,
                           QStringLiteral("silenced"), std::nullopt,
                           QStringLiteral("%1 trigger(s) silenced").arg(muted.size()), muted});
    }
    if (loud.triggers.isEmpty())
        return;

    const auto alerts = m_alerts.alerts(group.projectId);
    if (!alerts) {
        log(DeliveryRecord{now, group.projectId, QStringLiteral("all"), QString(), 0,
                           QStringLiteral("failed"), std::nullopt, alerts.error().message,
                           idsOf(loud)});
        return;
    }
    QHash<QString, StoredAlert> byId;
    for (const StoredAlert &stored : alerts.value())
        byId.insert(stored.alert.id, stored);

    // One document per target: the triggers whose alerts name it.
    std::map<std::tuple<QString, QString, QString>, NotificationGroup> targets;
    for (const AlertTrigger &trigger : loud.triggers) {
        const StoredAlert stored = byId.value(trigger.alertId);
        for (const QString &channel : stored.alert.channels) {
            QString target;
            QString secret;
            if (channel == QLatin1String("webhook")) {
                target = stored.targets.webhookUrl;
                secret = stored.targets.webhookSecret;
            } else if (channel == QLatin1String("slack")) {
                target = stored.targets.slackWebhookUrl;
            } else if (channel == QLatin1String("email")) {
                target = stored.targets.emailTo;
            } else {
                continue; // desktop: the app's own notifications, from the API
            }
            NotificationGroup &sub = targets[{channel, target, secret}];
            sub.projectId = group.projectId;
            sub.severity = group.severity;
            sub.triggers.append(trigger);
        }
    }
    for (const auto &[key, sub] : targets) {
        const auto &[channel, target, secret] = key;
        if (channel == QLatin1String("email")) {
            email(sub, target);
            continue;
        }
        auto outgoing = std::make_shared<Outgoing>();
        outgoing->projectId = sub.projectId;
        outgoing->channel = channel;
        outgoing->url = QUrl(target);
        outgoing->body =
            compact(channel == QLatin1String("webhook") ? webhookPayload(sub) : slackPayload(sub));
        if (!secret.isEmpty())
            outgoing->signature = webhookSignature(secret.toUtf8(), outgoing->body);
        outgoing->triggerIds = idsOf(sub);
        outgoing->dueAt = now;
        m_outgoing.append(outgoing);
    }
}

void AlertDeliveryService::send(const std::shared_ptr<Outgoing> &outgoing)
{
    outgoing->inFlight = true;
    outgoing->attempt += 1;
    QNetworkRequest request(outgoing->url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(10000);
    if (!outgoing->signature.isEmpty())
        request.setRawHeader("X-Waddle-Signature", outgoing->signature);
    QNetworkReply *reply = m_network.post(request, outgoing->body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, outgoing] {
        reply->deleteLater();
        outgoing->inFlight = false;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const int code = status.isValid() ? status.toInt() : 0;
        const bool ok = reply->error() == QNetworkReply::NoError && code >= 200 && code < 300;
        DeliveryRecord record{m_clock.now(),
                              outgoing->projectId,
                              outgoing->channel,
                              outgoing->url.toString(),
                              outgoing->attempt,
                              QString(),
                              status.isValid() ? std::optional<int>(code) : std::nullopt,
                              ok ? QString() : reply->errorString(),
                              outgoing->triggerIds};
        const qint64 delay = ok ? -1 : retryDelayMs(outgoing->attempt);
        if (ok) {
            record.outcome = QStringLiteral("delivered");
        } else if (delay < 0) {
            record.outcome = QStringLiteral("failed");
        } else {
            record.outcome = QStringLiteral("retrying");
            outgoing->dueAt = m_clock.now().addMSecs(delay);
        }
        if (ok || delay < 0)
            m_outgoing.removeAll(outgoing);
        log(record);
    });
}

void AlertDeliveryService::email(const NotificationGroup &group, const QString &to)
{
    QString sendmail = m_settings.sendmail;
    if (sendmail.isEmpty()) {
        sendmail = QStandardPaths::findExecutable(QStringLiteral("sendmail"));
        if (sendmail.isEmpty() && QFileInfo(QStringLiteral("/usr/sbin/sendmail")).isExecutable())
            sendmail = QStringLiteral("/usr/sbin/sendmail");
    }
    DeliveryRecord record{
        m_clock.now(), group.projectId, QStringLiteral("email"), to, 1, QString(), std::nullopt,
        QString(),     idsOf(group)};
    if (sendmail.isEmpty() || !QFileInfo(sendmail).isExecutable()) {
        record.outcome = QStringLiteral("not_configured");
        record.detail = QStringLiteral("e-mail is not configured: no sendmail installed");
        return log(record);
    }
    auto *process = new QProcess(this);
    const QString summary = notificationSummary(group);
    const QByteArray message = (QStringLiteral("To: %1\nSubject: %2\nContent-Type: text/plain; "
                                               "charset=utf-8\n\n%3\n")
                                    .arg(to, summary.left(120), summary))
                                   .toUtf8();
    connect(process, &QProcess::finished, this,
            [this, process, record](int exitCode, QProcess::ExitStatus status) mutable {
                process->deleteLater();
                const bool ok = status == QProcess::NormalExit && exitCode == 0;
                record.outcome = ok ? QStringLiteral("delivered") : QStringLiteral("failed");
                if (!ok)
                    record.detail = QStringLiteral("sendmail exited with %1").arg(exitCode);
                log(record);
            });
    process->start(sendmail, {QStringLiteral("-t")});
    process->write(message);
    process->closeWriteChannel();
}

void AlertDeliveryService::log(DeliveryRecord record)
{
    if (auto stored = m_notifications.record(record); !stored)
        qWarning("alert delivery: cannot log: %s", qPrintable(stored.error().message));
    Q_EMIT recorded(record);
}

StoreResult<Silence> AlertDeliveryService::createSilence(const Silence &silence)
{
    if (silence.until <= m_clock.now()) {
        return StoreError{StoreError::Kind::Invalid, QStringLiteral("until: must be in the future"),
                          QStringLiteral("until")};
    }
    return m_notifications.createSilence(silence, m_clock.now());
}

StoreResult<QList<Silence>> AlertDeliveryService::silences(const QString &projectId) const
{
    return m_notifications.silences(projectId, m_clock.now());
}

StoreResult<void> AlertDeliveryService::removeSilence(const QString &projectId, const QString &id)
{
    return m_notifications.removeSilence(projectId, id);
}

StoreResult<QList<DeliveryRecord>> AlertDeliveryService::deliveries(const QString &projectId,
                                                                    qint64 limit) const
{
    return m_notifications.deliveries(projectId, limit);
}

} // namespace waddle::cp
