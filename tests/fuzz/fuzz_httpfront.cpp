// libFuzzer target for the control plane's HTTP front (ApiServer, issue 16):
// the bytes a client sends on one connection, pipelined and cut anyhow,
// through the server's own framing (controlplane/api/requestframing.h:
// Beast's request parser with our header and body limits, the checks on a
// head, a route's body limit, the refusals). The driver below walks the
// same steps as ApiServer's HttpSession (read the head, check it, hold the
// body to its route's limit, read the body, next request while keep-alive),
// with Beast's synchronous reads over an in-memory stream instead of its
// asynchronous ones over a socket: the same parser calls on the same buffer.
// Oracle besides the sanitizers: fed in pieces or whole, the same requests
// (method, target, body) and the same ending (refusal, or where the bytes
// ran out; while a head is read, Beast's 400, 413, 431 and "cut short" depend on
// how the bytes arrive, see Transcript); every request let through keeps
// the limits.
#include "controlplane/api/apiserver.h"
#include "controlplane/api/requestframing.h"
#include "splits.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/system/system_error.hpp>
#include <cstdio>
#include <iterator>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using namespace waddle::cp;

namespace {

// Small limits, so that inputs of a few kB reach every one of them; the
// server takes any (tests shrink them the same way).
TransportLimits fuzzLimits()
{
    TransportLimits limits;
    limits.maxHeaderBytes = 512;
    limits.maxHeaderFields = 8;
    limits.maxBodyBytes = 256;
    return limits;
}

// The Dispatcher's part: each route's body limit (Dispatcher::bodyLimit),
// here three kinds of path.
constexpr qint64 kLargestRouteLimit = 1024;
qint64 routeLimit(std::string_view path)
{
    if (path.starts_with("/big"))
        return kLargestRouteLimit;
    if (path.starts_with("/small"))
        return 16;
    return fuzzLimits().maxBodyBytes;
}

// A SyncReadStream over the pieces: each read returns at most the rest of
// the current piece (as a socket returns what has arrived), then eof.
class PieceStream
{
public:
    explicit PieceStream(const QList<QByteArray> &pieces)
        : m_pieces(pieces)
    {}

    template <typename MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence &buffers, beast::error_code &ec)
    {
        ec = {};
        while (m_piece < m_pieces.size() && m_at == m_pieces[m_piece].size()) {
            ++m_piece;
            m_at = 0;
        }
        if (m_piece == m_pieces.size()) {
            ec = asio::error::eof;
            return 0;
        }
        const QByteArray &piece = m_pieces[m_piece];
        const std::size_t copied =
            asio::buffer_copy(buffers, asio::buffer(piece.constData() + m_at,
                                                    static_cast<std::size_t>(piece.size() - m_at)));
        m_at += static_cast<qsizetype>(copied);
        return copied;
    }

    template <typename MutableBufferSequence>
    std::size_t read_some(const MutableBufferSequence &buffers)
    {
        beast::error_code ec;
        const std::size_t copied = read_some(buffers, ec);
        if (ec)
            throw boost::system::system_error(ec);
        return copied;
    }

private:
    const QList<QByteArray> &m_pieces;
    qsizetype m_piece = 0;
    qsizetype m_at = 0;
};

struct Seen
{
    std::string method;
    std::string target;
    std::string body;

    bool operator==(const Seen &) const = default;
};

struct Transcript
{
    std::vector<Seen> requests;
    std::optional<FrameRefusal> refusal; // the transport's answer, then the close
    std::string end;     // why the connection ends: refused, close, upgrade, or the read's error
    bool inHead = false; // it ended while a head was read or checked

    // The same requests and the same ending, with one latitude while a head
    // is read, where Beast's answer depends on how the bytes arrive: whole,
    // it parses the head at once and stops at the first fault, a bad byte
    // (400), a Content-Length over the body limit (413) or the header limit
    // (431); once a read has left part of the head unparsed, it waits for
    // the head's end before parsing again, so the same bytes in pieces may
    // end at the header limit (431) or cut short (no answer) instead. All
    // of these refuse the head and close.
    bool operator==(const Transcript &other) const
    {
        if (requests != other.requests)
            return false;
        if (end == other.end && refusal == other.refusal && inHead == other.inHead)
            return true;
        return refusesHead() && other.refusesHead();
    }
    [[nodiscard]] bool refusesHead() const
    {
        if (!inHead)
            return false;
        if (!refusal)
            return end == "partial message";
        return (refusal->status == 431 && refusal->message.contains(u"exceed")) ||
               refusal->status == 413 ||
               (refusal->status == 400 && refusal->message.startsWith(u"malformed HTTP request"));
    }
};

Transcript ended(Transcript transcript, const beast::error_code &ec, const TransportLimits &limits,
                 qint64 bodyLimit, bool inHead)
{
    transcript.inHead = inHead;
    transcript.refusal = refusalOfReadError(ec, limits, bodyLimit);
    transcript.end = transcript.refusal ? "refused" : ec.message();
    return transcript;
}

Transcript refused(Transcript transcript, FrameRefusal refusal, bool inHead)
{
    transcript.inHead = inHead;
    transcript.refusal = std::move(refusal);
    transcript.end = "refused";
    return transcript;
}

// The limits a request let through must keep.
void checkAccepted(const RequestParser &parser, std::size_t headerBytes, qint64 bodyLimit,
                   const TransportLimits &limits)
{
    const BeastRequest &request = parser.get();
    if (headerBytes > limits.maxHeaderBytes)
        waddle::fuzz::oracleFailed("a head over the header limit let through");
    if (std::distance(request.begin(), request.end()) > limits.maxHeaderFields)
        waddle::fuzz::oracleFailed("more header fields than the limit let through");
    if (request.body().size() > static_cast<std::size_t>(bodyLimit))
        waddle::fuzz::oracleFailed("a body over its route's limit let through");
    if (const auto length = parser.content_length(); length && *length != request.body().size())
        waddle::fuzz::oracleFailed("a body of another length than its Content-Length");
    if (request.target().empty() || request.target().front() != '/')
        waddle::fuzz::oracleFailed("a target that is not a path let through");
    if (request.version() >= 11 && request.count(http::field::host) != 1)
        waddle::fuzz::oracleFailed("an HTTP/1.1 request without exactly one Host let through");
}

// HttpSession's read path: awaitRequest → readHeader → onHeader → readBody
// → onRequest, one request at a time, until the connection ends.
Transcript serve(const QList<QByteArray> &pieces)
{
    const TransportLimits limits = fuzzLimits();
    PieceStream stream(pieces);
    beast::flat_buffer buffer;
    Transcript transcript;
    std::size_t bytes = 0;
    for (const QByteArray &piece : pieces)
        bytes += static_cast<std::size_t>(piece.size());
    // Every request's head takes at least a byte: more rounds than bytes
    // would be a loop that never ends.
    for (std::size_t round = 0; round <= bytes + 1; ++round) {
        RequestParser parser;
        qint64 bodyLimit = prepareRequestParser(parser, limits, kLargestRouteLimit);
        beast::error_code ec;
        const std::size_t headerBytes = http::read_header(stream, buffer, parser, ec);
        if (ec)
            return ended(std::move(transcript), ec, limits, bodyLimit, true);
        if (std::optional<FrameRefusal> refusal = checkRequestHead(parser, headerBytes, limits))
            return refused(std::move(transcript), std::move(*refusal), true);
        const BeastRequest &request = parser.get();
        const std::size_t headFields = fieldCount(request);
        const std::optional<RequestHead> chunkedHead = headBeforeTrailer(parser);
        if (announcesBody(parser)) {
            bodyLimit = routeLimit(pathOf(request.target()));
            if (std::optional<FrameRefusal> refusal = holdBodyTo(parser, bodyLimit))
                return refused(std::move(transcript), std::move(*refusal), false);
        }
        switch (upgradeAsked(request, kEventsPath)) {
        case UpgradeAsk::EventStream:
            transcript.end = "upgrade"; // the rest is WebSocket (fuzz_websocket)
            return transcript;
        case UpgradeAsk::Malformed:
            return refused(std::move(transcript), malformedUpgrade(), false);
        case UpgradeAsk::None:
            break;
        }
        while (!parser.is_done()) {
            http::read_some(stream, buffer, parser, ec);
            if (ec)
                return ended(std::move(transcript), ec, limits, bodyLimit, false);
        }
        dropTrailerFields(parser.get(), chunkedHead);
        if (fieldCount(request) != headFields)
            waddle::fuzz::oracleFailed("a trailer's fields kept with the head's");
        checkAccepted(parser, headerBytes, bodyLimit, limits);
        transcript.requests.push_back(Seen{std::string(request.method_string()),
                                           std::string(request.target()), request.body()});
        if (!request.keep_alive()) {
            transcript.end = "close"; // the answer, then the rest is drained unread
            return transcript;
        }
    }
    waddle::fuzz::oracleFailed("more requests than bytes");
}

QByteArray describe(const Transcript &transcript)
{
    QByteArray text = QByteArray::number(qsizetype(transcript.requests.size())) + " requests";
    for (const Seen &seen : transcript.requests) {
        text += "\n  " + QByteArray::fromStdString(seen.method) + ' ' +
                QByteArray::fromStdString(seen.target) + " body " +
                QByteArray::number(qsizetype(seen.body.size()));
    }
    text += "\n  end " + QByteArray::fromStdString(transcript.end);
    if (transcript.inHead)
        text += " (in a head)";
    if (transcript.refusal) {
        text += ": " + QByteArray::number(transcript.refusal->status) + ' ' +
                transcript.refusal->code.toUtf8() + ' ' + transcript.refusal->message.toUtf8();
    }
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const Transcript transcript = waddle::fuzz::sameInPiecesAndWhole(data, size, serve, describe);
    if (qEnvironmentVariableIsSet("WADDLE_FUZZ_VERBOSE"))
        std::fprintf(stderr, "%s\n", describe(transcript).constData());
    return 0;
}
