#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace waddle::client {

// Reads one HTTP/1.1 response off a byte stream: head, then a body framed by
// Content-Length, chunked transfer coding, or the end of the connection
// (RFC 9112 §6.3). Interim 1xx responses are skipped. Bytes may come in any
// pieces: feed() takes what arrived and says whether the reply is complete.
class HttpResponseReader
{
public:
    enum class State
    {
        NeedMore,
        Complete,
        Failed
    };

    // A /ping reply is a few bytes; anything this large is not one.
    static constexpr qsizetype kMaxHeadBytes = 16 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;

    void reset() { *this = HttpResponseReader(); }

    // Appends `bytes` and parses as far as they go.
    State feed(const QByteArray &bytes);
    // The server closed the connection: completes a body read until close.
    State endOfStream();

    [[nodiscard]] bool started() const { return m_phase != Phase::Head || !m_buffer.isEmpty(); }
    [[nodiscard]] int status() const { return m_status; }
    [[nodiscard]] const QByteArray &reasonPhrase() const { return m_reason; }
    [[nodiscard]] bool keepAlive() const { return m_keepAlive; }
    [[nodiscard]] const QString &error() const { return m_error; }
    // Bytes after the reply (nothing was asked for them).
    [[nodiscard]] qsizetype leftover() const { return m_buffer.size(); }

private:
    enum class Phase
    {
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
        Failed
    };

    State fail(const QString &why);
    // One CRLF- (or LF-) terminated line off the buffer, or nullopt.
    std::optional<QByteArray> takeLine();
    State parse();
    State parseHead(const QByteArray &head);

    QByteArray m_buffer;
    Phase m_phase = Phase::Head;
    int m_status = 0;
    QByteArray m_reason;
    bool m_keepAlive = true;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    QString m_error;
};

} // namespace waddle::client
