#include "httpresponsereader.h"

#include <QList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace waddle::client {

HttpResponseReader::State HttpResponseReader::feed(const QByteArray &bytes)
{
    m_buffer += bytes;
    return parse();
}

HttpResponseReader::State HttpResponseReader::endOfStream()
{
    if (m_phase == Phase::UntilClose) {
        m_phase = Phase::Done;
        return State::Complete;
    }
    return fail(u"the connection closed in the middle of the reply"_s);
}

HttpResponseReader::State HttpResponseReader::fail(const QString &why)
{
    m_phase = Phase::Failed;
    m_error = why;
    return State::Failed;
}

std::optional<QByteArray> HttpResponseReader::takeLine()
{
    const qsizetype end = m_buffer.indexOf('\n');
    if (end < 0)
        return std::nullopt;
    QByteArray line = m_buffer.left(end);
    m_buffer.remove(0, end + 1);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

HttpResponseReader::State HttpResponseReader::parse()
{
    for (;;) {
        switch (m_phase) {
        case Phase::Head: {
            // The head ends at its first empty line, CRLF or bare LF
            // (RFC 9112 §2.2) — the first, whatever follows: looking for
            // CRLF CRLF before LF LF made the answer depend on how the
            // bytes were cut (found by fuzz_httpresponse).
            qsizetype lineStart = 0;
            qsizetype bodyStart = -1;
            for (qsizetype newline = m_buffer.indexOf('\n'); newline >= 0;
                 newline = m_buffer.indexOf('\n', lineStart)) {
                const qsizetype length = newline - lineStart;
                if (length == 0 || (length == 1 && m_buffer[lineStart] == '\r')) {
                    bodyStart = newline + 1;
                    break;
                }
                lineStart = newline + 1;
            }
            if (bodyStart < 0) {
                if (m_buffer.size() > kMaxHeadBytes)
                    return fail(u"the reply head is over 16 KiB"_s);
                return State::NeedMore;
            }
            QByteArray head = m_buffer.left(lineStart);
            if (head.endsWith('\n'))
                head.chop(1);
            if (head.endsWith('\r'))
                head.chop(1);
            m_buffer.remove(0, bodyStart);
            if (const State s = parseHead(head); s == State::Failed)
                return s;
            break;
        }
        case Phase::Body: {
            const qsizetype take = std::min<qsizetype>(m_remaining, m_buffer.size());
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return State::NeedMore;
            m_phase = Phase::Done;
            break;
        }
        case Phase::ChunkSize: {
            const std::optional<QByteArray> line = takeLine();
            if (!line)
                return m_buffer.size() > kMaxHeadBytes ? fail(u"a chunk size line is too long"_s)
                                                       : State::NeedMore;
            const QByteArray size = line->split(';').first().trimmed();
            bool ok = false;
            const qint64 n = size.toLongLong(&ok, 16);
            if (!ok || n < 0)
                return fail(u"a chunk size is not a hexadecimal number"_s);
            m_bodyBytes += n;
            if (m_bodyBytes > kMaxBodyBytes)
                return fail(u"the reply body is over 1 MiB"_s);
            m_remaining = n;
            m_phase = n == 0 ? Phase::Trailers : Phase::ChunkData;
            break;
        }
        case Phase::ChunkData: {
            const qsizetype take = std::min<qsizetype>(m_remaining, m_buffer.size());
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining > 0)
                return State::NeedMore;
            m_phase = Phase::ChunkDataEnd;
            break;
        }
        case Phase::ChunkDataEnd: {
            const std::optional<QByteArray> line = takeLine();
            if (!line)
                return State::NeedMore;
            if (!line->isEmpty())
                return fail(u"a chunk does not end with CRLF"_s);
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Trailers: {
            const std::optional<QByteArray> line = takeLine();
            if (!line)
                return m_buffer.size() > kMaxHeadBytes ? fail(u"the trailers are over 16 KiB"_s)
                                                       : State::NeedMore;
            if (line->isEmpty())
                m_phase = Phase::Done;
            break;
        }
        case Phase::UntilClose:
            m_bodyBytes += m_buffer.size();
            m_buffer.clear();
            if (m_bodyBytes > kMaxBodyBytes)
                return fail(u"the reply body is over 1 MiB"_s);
            return State::NeedMore;
        case Phase::Done:
            return State::Complete;
        case Phase::Failed:
            return State::Failed;
        }
    }
}

HttpResponseReader::State HttpResponseReader::parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray statusLine = lines.first().trimmed();
    // HTTP/1.x SP 3DIGIT SP reason
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12 || statusLine[8] != ' ')
        return fail(u"not an HTTP/1.x reply"_s);
    const bool http10 = statusLine.startsWith("HTTP/1.0");
    bool ok = false;
    m_status = statusLine.mid(9, 3).toInt(&ok);
    if (!ok || m_status < 100 || m_status > 599)
        return fail(u"the reply has no valid status code"_s);
    m_reason = statusLine.mid(13).trimmed();

    std::optional<qint64> contentLength;
    bool chunked = false;
    bool close = http10;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(u"a reply header line is malformed"_s);
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed().toLower();
        if (name == "content-length") {
            const qint64 n = value.toLongLong(&ok);
            if (!ok || n < 0 || (contentLength && *contentLength != n))
                return fail(u"the reply's Content-Length is invalid"_s);
            contentLength = n;
        } else if (name == "transfer-encoding") {
            chunked = value.endsWith("chunked");
        } else if (name == "connection") {
            if (value.contains("close"))
                close = true;
            else if (value.contains("keep-alive"))
                close = false;
        }
    }
    if (m_status >= 100 && m_status < 200) {
        if (m_status == 101)
            return fail(u"the server switched protocols"_s);
        return State::NeedMore; // interim: the real reply follows
    }
    m_keepAlive = !close;
    if (m_status == 204 || m_status == 304) {
        m_phase = Phase::Done;
    } else if (chunked) {
        m_phase = Phase::ChunkSize;
    } else if (contentLength) {
        if (*contentLength > kMaxBodyBytes)
            return fail(u"the reply body is over 1 MiB"_s);
        m_remaining = *contentLength;
        m_phase = Phase::Body;
    } else {
        m_keepAlive = false;
        m_phase = Phase::UntilClose;
    }
    return State::NeedMore;
}

} // namespace waddle::client
