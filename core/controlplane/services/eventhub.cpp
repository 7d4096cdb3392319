#include "eventhub.h"

#include "domain/jsonreader.h"

#include <QDateTime>
#include <QJsonDocument>

#include <algorithm>

namespace waddle::cp {

EventHub::EventHub(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

EventHub::~EventHub()
{
    closeAll();
}

void EventHub::add(std::shared_ptr<EventClient> client, const std::optional<ApiKey> &key)
{
    const QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                            {QStringLiteral("at"), domain::toIsoString(m_clock.now())},
                            {QStringLiteral("waddle_events"), key.has_value()}};
    client->send(
        std::make_shared<const QByteArray>(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    m_clients.append(Client{std::move(client), key.has_value()});
    Q_EMIT clientCountChanged(clientCount());
}

void EventHub::remove(const EventClient *client)
{
    if (m_clients.removeIf([client](const Client &c) { return c.client.get() == client; }) > 0)
        Q_EMIT clientCountChanged(clientCount());
}

void EventHub::publish(const QString &type, QJsonObject payload, Audience audience)
{
    if (m_clients.isEmpty() && !m_relay)
        return;
    payload.insert(QStringLiteral("type"), type);
    if (!payload.contains(QStringLiteral("at")))
        payload.insert(QStringLiteral("at"), domain::toIsoString(m_clock.now()));
    // One copy of the message, shared by every client's send queue.
    const auto message =
        std::make_shared<const QByteArray>(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    send(message, audience);
    if (m_relay)
        m_relay(*message, audience);
}

void EventHub::deliver(const QByteArray &message, Audience audience)
{
    if (!m_clients.isEmpty())
        send(std::make_shared<const QByteArray>(message), audience);
}

void EventHub::send(const std::shared_ptr<const QByteArray> &message, Audience audience)
{
    for (const Client &client : std::as_const(m_clients)) {
        if (audience == Audience::Everyone || client.keyHolder)
            client.client->send(message);
    }
}

void EventHub::closeAll()
{
    const QList<Client> clients = std::exchange(m_clients, {});
    for (const Client &client : clients)
        client.client->close(1001, QStringLiteral("the control plane is stopping"));
}

void EventHub::publishWaddleChange(const domain::Waddle &before, const domain::Waddle &after,
                                   const QString &reason)
{
    if (before.currentRegion == after.currentRegion && before.voiceRegion == after.voiceRegion)
        return;
    // A failover sends thousands of these: no JSON for nobody.
    if (!m_relay && std::none_of(m_clients.cbegin(), m_clients.cend(),
                                 [](const Client &c) { return c.keyHolder; }))
        return;
    publish(QStringLiteral("waddle.region"),
            {{QStringLiteral("waddle"), domain::toJson(after)},
             {QStringLiteral("from"), before.currentRegion},
             {QStringLiteral("to"), after.currentRegion},
             {QStringLiteral("reason"), reason}},
            Audience::KeyHolders);
}

} // namespace waddle::cp
