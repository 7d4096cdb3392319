#pragma once

#include "clock.h"
#include "controlplane/store/apikey.h"
#include "domain/waddle.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace waddle::cp {

// One connected event-stream client as the hub sees it: the transport
// (ApiServer) implements it. Both calls are cheap and never block: send
// queues the message for the connection's own I/O (where the per-client
// send queue cap applies), close starts a close handshake.
class EventClient
{
public:
    virtual ~EventClient() = default;
    virtual void send(const std::shared_ptr<const QByteArray> &message) = 0;
    virtual void close(quint16 code, const QString &reason) = 0;
};

// The live event stream (WebSocket /api/v1/events, SPEC §12): region health
// and status changes, alerts and waddle region changes, pushed as JSON text
// messages {"type": ..., "at": ..., ...}. Region events are public like
// region reads; waddle events go only to clients that presented a key.
class EventHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventHub)

public:
    explicit EventHub(const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~EventHub() override;

    enum class Audience
    {
        Everyone,
        KeyHolders
    };

    // Takes on an upgraded connection; `key` is the caller's, if any. The
    // transport calls remove() when the connection has gone.
    void add(std::shared_ptr<EventClient> client, const std::optional<ApiKey> &key);
    void remove(const EventClient *client);
    void publish(const QString &type, QJsonObject payload, Audience audience = Audience::Everyone);
    void closeAll();

    // A waddle's change of effective region, for key holders; nothing when
    // neither its voice region nor its current region changed.
    void publishWaddleChange(const domain::Waddle &before, const domain::Waddle &after,
                             const QString &reason);

    [[nodiscard]] int clientCount() const { return static_cast<int>(m_clients.size()); }

    // Several control planes (issue 16): every event published here is also
    // handed to `relay` (ClusterService: PostgreSQL NOTIFY), and the other
    // instances' events come in through deliver(), to this instance's
    // clients only (never relayed again).
    using Relay = std::function<void(const QByteArray &message, Audience audience)>;
    void setRelay(Relay relay) { m_relay = std::move(relay); }
    void deliver(const QByteArray &message, Audience audience);

Q_SIGNALS:
    void clientCountChanged(int count);

private:
    struct Client
    {
        std::shared_ptr<EventClient> client;
        bool keyHolder;
    };
    void send(const std::shared_ptr<const QByteArray> &message, Audience audience);

    const Clock &m_clock;
    QList<Client> m_clients;
    Relay m_relay;
};

} // namespace waddle::cp
