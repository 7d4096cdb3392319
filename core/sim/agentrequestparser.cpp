#include "agentrequestparser.h"

#include <QList>
#include <QUrl>

#include <algorithm>

namespace waddle::sim {

void AgentRequestParser::append(const QByteArray &bytes)
{
    m_buffer += bytes;
}

AgentRequestParser::Outcome AgentRequestParser::next()
{
    if (m_bodyToSkip > 0) {
        const qint64 skip = std::min<qint64>(m_bodyToSkip, m_buffer.size());
        m_buffer.remove(0, skip);
        m_bodyToSkip -= skip;
        if (m_bodyToSkip > 0)
            return Outcome::NeedMore;
    }
    if (m_awaitingBody) {
        if (m_buffer.size() < m_request.contentLength)
            return Outcome::NeedMore;
        m_request.body = m_buffer.left(m_request.contentLength);
        m_buffer.remove(0, m_request.contentLength);
        m_awaitingBody = false;
        return Outcome::Request;
    }
    // RFC 9112 §2.2: ignore empty lines before a request line.
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return m_buffer.size() > kMaxHeadBytes ? Outcome::HeadTooLarge : Outcome::NeedMore;
    if (end + 4 > kMaxHeadBytes)
        return Outcome::HeadTooLarge;
    const QByteArray head = m_buffer.left(end);
    m_buffer.remove(0, end + 4);
    const Outcome outcome = parseHead(head);
    if (outcome != Outcome::Request || m_request.contentLength == 0)
        return outcome;
    if (m_request.contentLength > kMaxBodyBytes) {
        m_request.bodyTooLarge = true;
        m_bodyToSkip = m_request.contentLength;
        return outcome;
    }
    m_awaitingBody = true;
    return next();
}

AgentRequestParser::Outcome AgentRequestParser::parseHead(const QByteArray &head)
{
    Request request;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> parts = lines.first().trimmed().split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || !parts[1].startsWith('/') ||
        (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0"))
        return Outcome::Malformed;
    request.method = parts[0];
    request.target = parts[1];
    request.version = parts[2];
    request.keepAlive = request.version == "HTTP/1.1";
    request.path = QUrl::fromEncoded(request.target).path(QUrl::FullyEncoded).toLatin1();

    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return Outcome::Malformed;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            request.contentLength = value.toLongLong(&ok);
            if (!ok || request.contentLength < 0)
                return Outcome::Malformed;
        } else if (name == "transfer-encoding") {
            // A body the agent cannot frame: the rest of the stream cannot
            // be read.
            return Outcome::Malformed;
        } else if (name == "connection") {
            const QByteArray v = value.toLower();
            if (v.contains("close"))
                request.keepAlive = false;
            else if (v.contains("keep-alive"))
                request.keepAlive = true;
        }
    }
    m_request = std::move(request);
    return Outcome::Request;
}

} // namespace waddle::sim
