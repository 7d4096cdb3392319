#pragma once

#include "clock.h"
#include "controlplane/store/apikey.h"
#include "domain/waddle.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QWebSocket>

#include <memory>

namespace waddle::cp {

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

    // Takes over an upgraded connection; `key` is the caller's, if any.
    void add(std::unique_ptr<QWebSocket> socket, const std::optional<ApiKey> &key);
    void publish(const QString &type, QJsonObject payload, Audience audience = Audience::Everyone);
    void closeAll();

    // A waddle's change of effective region, for key holders; nothing when
    // neither its voice region nor its current region changed.
    void publishWaddleChange(const domain::Waddle &before, const domain::Waddle &after,
                             const QString &reason);

    [[nodiscard]] int clientCount() const { return static_cast<int>(m_clients.size()); }

Q_SIGNALS:
    void clientCountChanged(int count);

private:
    struct Client
    {
        QWebSocket *socket;
        bool keyHolder;
    };
    const Clock &m_clock;
    QList<Client> m_clients;
};

} // namespace waddle::cp
