#pragma once

#include "dispatcher.h"
#include "transportlimits.h"

#include <QHostAddress>
#include <QObject>

#include <memory>

namespace waddle::cp {

class EventHub;

// The live event stream's path (WebSocket upgrade).
inline constexpr char kEventsPath[] = "/api/v1/events";

// The control plane's HTTP and WebSocket transport, on Boost.Beast (issue
// 15): turns each request into an ApiRequest for the Dispatcher and writes
// its answer back, and turns upgrades of the event stream's path into
// EventHub clients. The rules (auth, roles, rate limits, routes) stay in the
// Dispatcher; this class owns only the wire.
//
// Threading (ARCHITECTURE.md "threads are few and named"):
// - asio I/O thread(s) (TransportLimits::ioThreads, default one) accept,
//   parse and write. Each connection runs on its own strand, so its reads,
//   writes and timers never race; nothing on them touches a service.
// - Handlers run on the thread this object lives on (the control plane's
//   thread, where the services and the database connection live): a fully
//   read request is posted to it (QMetaObject::invokeMethod, queued), and
//   the serialised answer is posted back to the connection's strand. The
//   Qt thread never blocks on I/O, and the I/O thread never waits for Qt:
//   while a handler works, its connection only holds a parked timer.
// - One request at a time per connection: the next pipelined request is
//   parsed only after the answer to the previous one is written, so answers
//   come back in order and a pipelining client cannot queue unbounded work.
// - Event-stream clients: EventHub (Qt thread) hands each message, one
//   shared copy, to every client's strand; each client has a send queue
//   capped in bytes and messages, and a client over it is closed with 1008.
// - Cached answers: a public GET whose answer the Qt thread publishes
//   (publish(), e.g. GET /api/v1/regions, republished by the control plane
//   on every region change) is answered straight from the I/O thread when
//   it carries no key and no query: the bytes are an immutable snapshot
//   swapped whole under a lock, the per-address rate limit is the
//   Dispatcher's own (thread-safe), and the api_request metric is counted
//   on the Qt thread once a second or at its next dispatch, so the Qt thread
//   is never woken per request. A request with a key, a query or any other
//   path takes the Qt-thread hop (two context switches). Measured by
//   tests/bench/bench_transport (bench preset, this 2-core machine, wrk
//   sharing it): 13-17k req/s (0.6-0.9x nginx with one worker) through the
//   hop; 69-77k req/s (1.03-1.18x nginx) from the snapshot, p99 within
//   nginx's + 1 ms. Request heads are parsed on the I/O thread without the
//   router unless a body follows (its route's limit applies).
// Lifetime: the destructor stops the I/O threads and joins them before any
// connection is destroyed; answers that arrive later find their connection
// gone (weak references) and are dropped.
//
// Protocol rules enforced here, before the Dispatcher sees anything: strict
// RFC 9112 framing (Beast's parser: bad or conflicting Content-Length, CL
// with TE, bad chunks → 400 and close); request line + headers over
// maxHeaderBytes or more than maxHeaderFields fields → 431; bodies over the
// limit → 413 on Content-Length before reading, or as soon as a chunked body
// passes it; timeouts for headers, body progress and keep-alive idleness;
// a cap on open connections in all and per remote address (503, then
// close); HTTP/1.1 without exactly one Host → 400; two Authorization
// headers → 400; a chunked body's trailer fields dropped (they are not
// headers); HEAD answered as GET without the body; Connection tokens
// parsed (Beast's keep_alive()); an upgrade of the event stream's path
// without "Connection: Upgrade" → 400.
class ApiServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    // `dispatcher` and `events` must outlive the server.
    ApiServer(Dispatcher &dispatcher, EventHub &events, TransportLimits limits,
              QObject *parent = nullptr);
    ~ApiServer() override;

    // Listens on address:port (0: any free port) with a large accept
    // backlog (PERFORMANCE.md: the default 50 stalls bursts) and starts the
    // I/O threads. Returns the port, or 0 when the address cannot be bound.
    quint16 start(const QHostAddress &address, quint16 port);
    [[nodiscard]] quint16 port() const { return m_port; }
    // Answers keyless GET and HEAD requests of exactly `path` (no query)
    // with `response` from the I/O threads from now on, until the next
    // publish or withdraw. Call on this object's thread whenever what the
    // route would answer changes.
    void publish(const QString &path, const HttpResponse &response);
    void withdraw(const QString &path);
    // Open HTTP and WebSocket connections (tests, figures).
    [[nodiscard]] int openConnections() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
    quint16 m_port = 0;
};

} // namespace waddle::cp
