#include "eventhub.h"

#include "domain/jsonreader.h"

#include <QDateTime>
#include <QJsonDocument>

namespace waddle::cp {

EventHub::EventHub(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{}

EventHub::~EventHub()
{
    closeAll();
}

void EventHub::add(std::unique_ptr<QWebSocket> socket, const std::optional<ApiKey> &key)
{
    QWebSocket *raw = socket.release();
    raw->setParent(this);
    m_clients.append(Client{raw, key.has_value()});
    connect(raw, &QWebSocket::disconnected, this, [this, raw] {
        m_clients.removeIf([raw](const Client &c) { return c.socket == raw; });
        raw->deleteLater();
        Q_EMIT clientCountChanged(clientCount());
    });
    const QJsonObject hello{{QStringLiteral("type"), QStringLiteral("hello")},
                            {QStringLiteral("at"), domain::toIsoString(m_clock.now())},
                            {QStringLiteral("waddle_events"), key.has_value()}};
    raw->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    Q_EMIT clientCountChanged(clientCount());
}

void EventHub::publish(const QString &type, QJsonObject payload, Audience audience)
{
    if (m_clients.isEmpty())
        return;
    payload.insert(QStringLiteral("type"), type);
    if (!payload.contains(QStringLiteral("at")))
        payload.insert(QStringLiteral("at"), domain::toIsoString(m_clock.now()));
    const QString message =
        QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    for (const Client &client : std::as_const(m_clients)) {
        if (audience == Audience::Everyone || client.keyHolder)
            client.socket->sendTextMessage(message);
    }
}

void EventHub::closeAll()
{
    const QList<Client> clients = std::exchange(m_clients, {});
    for (const Client &client : clients) {
        client.socket->disconnect(this);
        client.socket->close(QWebSocketProtocol::CloseCodeGoingAway);
        client.socket->deleteLater();
    }
}

void EventHub::publishWaddleChange(const domain::Waddle &before, const domain::Waddle &after,
                                   const QString &reason)
{
    if (before.currentRegion == after.currentRegion && before.voiceRegion == after.voiceRegion)
        return;
    publish(QStringLiteral("waddle.region"),
            {{QStringLiteral("waddle"), domain::toJson(after)},
             {QStringLiteral("from"), before.currentRegion},
             {QStringLiteral("to"), after.currentRegion},
             {QStringLiteral("reason"), reason}},
            Audience::KeyHolders);
}

} // namespace waddle::cp
