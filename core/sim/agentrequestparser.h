#pragma once

#include <QByteArray>

namespace waddle::sim {

// Reads HTTP/1.1 requests off a region agent's connection (RFC 9112), as
// much as the agent needs: the request line, Connection, Content-Length and
// the body. Requests may be pipelined and split across reads in any way; a
// body (framed by Content-Length) of up to kMaxBodyBytes is read whole
// before the request is returned (the room batch calls need it); a longer
// one is skipped and the request marked bodyTooLarge. Empty
// lines before a request line are ignored (RFC 9112 §2.2). A head over
// kMaxHeadBytes, a malformed head, or a chunked body (which the agent cannot
// frame) ends the stream: the agent answers 400 and closes.
class AgentRequestParser
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;  // as sent: "/ping?x=1"
        QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
        QByteArray path;    // the target's path: "/ping"
        bool keepAlive = true;
        qint64 contentLength = 0;
        QByteArray body;           // empty when bodyTooLarge
        bool bodyTooLarge = false; // contentLength over kMaxBodyBytes: body skipped

        friend bool operator==(const Request &, const Request &) = default;
    };

    enum class Outcome
    {
        NeedMore,     // no whole head yet (or the last body is still coming)
        Request,      // request() is the next request
        HeadTooLarge, // the head is over kMaxHeadBytes
        Malformed,    // not a request the agent can read
    };

    // Request head limit, the CRLF CRLF included.
    static constexpr qsizetype kMaxHeadBytes = 8 * 1024;
    // Body limit: a longer body is skipped, not kept (1 MiB: a room batch of
    // the agent's most rooms with their messages fits several times).
    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;

    // Appends what the connection read.
    void append(const QByteArray &bytes);
    // The next request off what was appended; call until it is not Request.
    [[nodiscard]] Outcome next();
    // The request the last next() returned Outcome::Request for.
    [[nodiscard]] const Request &request() const { return m_request; }
    [[nodiscard]] qsizetype buffered() const { return m_buffer.size(); }

private:
    [[nodiscard]] Outcome parseHead(const QByteArray &head);

    QByteArray m_buffer;
    qint64 m_bodyToSkip = 0;     // body bytes of the last request, ignored
    bool m_awaitingBody = false; // m_request is parsed, its body not yet whole
    Request m_request;
};

} // namespace waddle::sim
