// libFuzzer target for the control plane's event stream (ApiServer's
// WsSession, issue 16): the frames a client sends after the upgrade, cut
// anyhow. As the server does it: the upgrade request read by the server's
// own framing (requestframing.h), a server-role Beast WebSocket configured
// by configureEventStream (the suggested server timeouts, read_message_max
// from our limits) accepting it, then a read loop that drops what it reads;
// Beast answers pings and close frames itself. The stream under it is
// Beast's in-memory test stream; the client's bytes are written into it
// piece by piece, each followed by a poll of the io_context, and its close
// ends the input.
// Oracle besides the sanitizers: no message over the limit is read; the
// read ends (a close, an error, or the end of the input), never waits for
// more once the input has ended; fed in pieces or whole, the same messages
// and the same ending.
#include "controlplane/api/apiserver.h"
#include "controlplane/api/requestframing.h"
#include "splits.h"

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/stream.hpp>
#include <cstdio>
#include <string>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using namespace waddle::cp;

namespace {

TransportLimits fuzzLimits()
{
    TransportLimits limits;
    limits.wsMaxMessageBytes = 256; // small, so that the fuzzer reaches it
    return limits;
}

// A client's upgrade of the event stream's path (RFC 6455 §1.3's key).
constexpr char kUpgrade[] = "GET /api/v1/events HTTP/1.1\r\n"
                            "Host: localhost\r\n"
                            "Upgrade: websocket\r\n"
                            "Connection: Upgrade\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            "Sec-WebSocket-Version: 13\r\n"
                            "Authorization: Bearer wdl_fuzz\r\n"
                            "\r\n";

// The upgrade request as HttpSession hands it to the WebSocket: read by
// the server's parser set-up and checks.
BeastRequest upgradeRequest(const TransportLimits &limits)
{
    RequestParser parser;
    prepareRequestParser(parser, limits, limits.maxBodyBytes);
    beast::error_code ec;
    const std::size_t used = parser.put(asio::buffer(kUpgrade, sizeof(kUpgrade) - 1), ec);
    if (ec || !parser.is_done() || checkRequestHead(parser, used, limits).has_value() ||
        upgradeAsked(parser.get(), kEventsPath) != UpgradeAsk::EventStream)
        waddle::fuzz::oracleFailed("the fixed upgrade request is refused");
    return parser.release();
}

struct Message
{
    bool text = false;
    std::string bytes;

    bool operator==(const Message &) const = default;
};

struct Transcript
{
    bool accepted = false;
    std::vector<Message> messages;
    std::string end;    // the read's error: closed, message too big, eof, …
    int closeCode = -1; // the client's close frame's code, when it sent one
    std::string closeReason;

    bool operator==(const Transcript &) const = default;
};

// WsSession after the upgrade: accept, then read and drop messages until
// the read fails.
class Session
{
public:
    Session(asio::io_context &io, const TransportLimits &limits, std::size_t maxMessages)
        : m_ws(io)
        , m_limits(limits)
        , m_maxMessages(maxMessages)
    {
        configureEventStream(m_ws, limits);
    }

    beast::test::stream &socket() { return m_ws.next_layer(); }
    [[nodiscard]] bool done() const { return m_done; }
    [[nodiscard]] const Transcript &transcript() const { return m_transcript; }

    void start(BeastRequest request)
    {
        m_ws.async_accept(request, [this](beast::error_code ec) {
            if (ec) {
                finish(ec);
                return;
            }
            m_transcript.accepted = true;
            read();
        });
    }

private:
    void read()
    {
        m_ws.async_read(m_in, [this](beast::error_code ec, std::size_t) {
            if (ec) {
                finish(ec);
                return;
            }
            if (m_in.size() > m_limits.wsMaxMessageBytes)
                waddle::fuzz::oracleFailed("a message over read_message_max was read");
            if (m_transcript.messages.size() >= m_maxMessages)
                waddle::fuzz::oracleFailed("more messages than the input can hold");
            const auto data = m_in.cdata();
            m_transcript.messages.push_back(Message{
                m_ws.got_text(), std::string(static_cast<const char *>(data.data()), data.size())});
            m_in.consume(m_in.size());
            read();
        });
    }

    void finish(const beast::error_code &ec)
    {
        m_done = true;
        m_transcript.end = ec.message();
        if (ec == websocket::error::closed) {
            m_transcript.closeCode = m_ws.reason().code;
            m_transcript.closeReason = std::string(m_ws.reason().reason);
        }
    }

    websocket::stream<beast::test::stream> m_ws;
    TransportLimits m_limits;
    std::size_t m_maxMessages;
    beast::flat_buffer m_in;
    Transcript m_transcript;
    bool m_done = false;
};

void drain(asio::io_context &io)
{
    // Handlers that are ready, nothing that waits: the timers (handshake,
    // idle) never fire here, so a read that has not ended waits for bytes.
    io.restart();
    io.poll();
}

Transcript serve(const QList<QByteArray> &pieces)
{
    const TransportLimits limits = fuzzLimits();
    std::size_t bytes = 0;
    for (const QByteArray &piece : pieces)
        bytes += static_cast<std::size_t>(piece.size());
    asio::io_context io;
    beast::test::stream client(io);
    // The smallest message is a masked empty frame, 6 bytes.
    Session session(io, limits, bytes / 6 + 1);
    session.socket().connect(client);
    session.start(upgradeRequest(limits));
    drain(io);
    for (const QByteArray &piece : pieces) {
        if (session.done())
            break;
        beast::error_code ec;
        asio::write(client, asio::buffer(piece.constData(), static_cast<std::size_t>(piece.size())),
                    ec);
        if (ec)
            break; // the server has closed its end
        drain(io);
    }
    client.close();
    drain(io);
    if (!session.done())
        waddle::fuzz::oracleFailed("the read still waits after the input has ended");
    return session.transcript();
}

QByteArray describe(const Transcript &transcript)
{
    QByteArray text = transcript.accepted ? "accepted, " : "not accepted, ";
    text += QByteArray::number(qsizetype(transcript.messages.size())) + " messages";
    for (const Message &message : transcript.messages) {
        text += "\n  " + QByteArray(message.text ? "text " : "binary ") +
                QByteArray::number(qsizetype(message.bytes.size()));
    }
    text += "\n  end " + QByteArray::fromStdString(transcript.end);
    if (transcript.closeCode >= 0) {
        text += ", close " + QByteArray::number(transcript.closeCode) + ' ' +
                QByteArray::fromStdString(transcript.closeReason);
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
