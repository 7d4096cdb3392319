#pragma once

#include "dispatcher.h"

#include <QObject>

namespace waddle::cp {

class ApiServer;
class EventHub;

// GET /api/v1/events upgraded to a WebSocket (SPEC §12): checks the key the
// caller presents (Authorization: Bearer, or ?access_token= where a browser
// cannot set headers) and hands the connection to the event hub. No key is
// allowed (region events are public); an unknown or revoked one is refused.
class EventStreamEndpoint final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventStreamEndpoint)

public:
    EventStreamEndpoint(ApiServer &server, Dispatcher::KeyLookup keys, EventHub &events,
                        QObject *parent = nullptr);

private:
    void onConnection();

    ApiServer &m_server;
    Dispatcher::KeyLookup m_keys;
    EventHub &m_events;
};

} // namespace waddle::cp
