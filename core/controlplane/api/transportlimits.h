#pragma once

#include <QtGlobal>

#include <cstddef>

namespace waddle::cp {

// What the HTTP and WebSocket transport (ApiServer) allows one connection
// and all of them together (issue 15). The defaults are the production
// ones; tests shrink the timeouts and caps so they run in well under 2 s.
struct TransportLimits
{
    std::size_t maxHeaderBytes = 16 * 1024; // request line + headers → 431
    int maxHeaderFields = 100;              // → 431
    qint64 maxBodyBytes = 1024 * 1024; // on Content-Length, or as a chunked body passes it → 413
    int headerTimeoutMs = 10'000;      // first byte to the end of the headers
    int bodyTimeoutMs = 30'000;        // between two reads of the body (progress), and per write
    int idleTimeoutMs = 60'000;        // keep-alive: between requests
    int lingerMs = 2'000;              // draining a refused request before the close
    int maxConnections = 10'000;       // open HTTP and WebSocket connections → 503
    int maxConnectionsPerAddress = 1'000;      // of those, from one remote address → 503
    std::size_t wsMaxMessageBytes = 64 * 1024; // a client's message; over it the stream closes 1009
    std::size_t wsQueueBytes = 1024 * 1024;    // one client's unsent events → close 1008
    int wsQueueMessages = 1'000;               // (either cap)
    int wsCloseGraceMs = 5'000; // a dropped client's close handshake, then the socket goes
    int ioThreads = 1;          // asio threads (accept, parse, write); handlers stay on Qt's
};

} // namespace waddle::cp
