#pragma once

// The HTTP front's framing rules (ApiServer, issue 15), apart from its
// sockets and threads so that tests/fuzz/fuzz_httpfront and fuzz_websocket
// drive exactly the parser, limits and checks the server uses.

// Beast's string_view is std::string_view in every file that uses Beast
// (apiserver.cpp, requestframing.cpp, the fuzz targets).
#ifndef BOOST_BEAST_USE_STD_STRING_VIEW
#define BOOST_BEAST_USE_STD_STRING_VIEW
#endif

#include "transportlimits.h"

#include <QString>

#include <boost/beast/core/error.hpp>
#include <boost/beast/core/role.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/websocket/stream_base.hpp>
#include <cstddef>
#include <optional>
#include <string_view>

namespace waddle::cp {

// One request's parser: Beast's, strict RFC 9112 framing.
using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;
using BeastRequest = RequestParser::value_type;

// The answer the transport gives itself, before the Dispatcher sees
// anything; the connection closes after it.
struct FrameRefusal
{
    int status = 400;
    QString code;
    QString message;

    bool operator==(const FrameRefusal &) const = default;
};

// Sets up a fresh parser for a connection's next request: the header limit,
// and as the body limit the largest any route allows (the route is not known
// until the head is read). Returns that body limit.
qint64 prepareRequestParser(RequestParser &parser, const TransportLimits &limits,
                            qint64 largestRouteLimit);

// The checks on a head the parser has read whole, `headerBytes` long (what
// the read consumed for it): the size and number of header fields (431),
// exactly one Host on HTTP/1.1, at most one Authorization, a path as the
// target (400). The size is counted here as well as by Beast, whose
// header_limit holds each read's unparsed rest, so a head sent in pieces
// could pass it with up to twice the limit.
[[nodiscard]] std::optional<FrameRefusal> checkRequestHead(const RequestParser &parser,
                                                           std::size_t headerBytes,
                                                           const TransportLimits &limits);

// The fields of a request, once its head is read.
[[nodiscard]] std::size_t fieldCount(const BeastRequest &request);

// A chunked request's head as read, to put back after the body: Beast adds
// a trailer's fields to the head's (beside any of the same name), where
// they passed none of checkRequestHead's checks (a second Host or
// Authorization, more fields than the limit, a Connection: close) yet would
// reach the Dispatcher as headers; trailer fields are not headers (RFC 9110
// §6.5.1). Nothing for other requests: only a chunked body has a trailer.
using RequestHead = boost::beast::http::request_header<>;
[[nodiscard]] std::optional<RequestHead> headBeforeTrailer(const RequestParser &parser);
// Drops the trailer's fields: puts the head back.
void dropTrailerFields(BeastRequest &request, const std::optional<RequestHead> &head);

// Whether the head announces a body (Content-Length above 0, or chunked).
[[nodiscard]] bool announcesBody(const RequestParser &parser);

// Holds the body to its route's limit: 413 at once on a Content-Length
// over it, otherwise the parser stops a chunked body as it passes it.
[[nodiscard]] std::optional<FrameRefusal> holdBodyTo(RequestParser &parser, qint64 routeLimit);

// What a failed read is answered with: 431 (header over the limit), 413
// (body over `bodyLimit`), 400 (malformed); nothing when the peer has gone
// or a timeout closed the socket (no one to answer).
[[nodiscard]] std::optional<FrameRefusal> refusalOfReadError(const boost::beast::error_code &ec,
                                                             const TransportLimits &limits,
                                                             qint64 bodyLimit);

// What a head asks for besides an answer: an upgrade of the event stream's
// path (`eventsPath`), or such an upgrade without the headers it needs (400).
enum class UpgradeAsk
{
    None,
    EventStream,
    Malformed
};
[[nodiscard]] UpgradeAsk upgradeAsked(const BeastRequest &request, std::string_view eventsPath);
[[nodiscard]] FrameRefusal malformedUpgrade();

// The target's path, without the query.
[[nodiscard]] std::string_view pathOf(std::string_view target);

// An event-stream client's WebSocket after the upgrade (server role): the
// suggested server timeouts and the cap on a client's message (over it
// Beast closes with 1009).
template <typename WebSocketStream>
void configureEventStream(WebSocketStream &ws, const TransportLimits &limits)
{
    ws.set_option(
        boost::beast::websocket::stream_base::timeout::suggested(boost::beast::role_type::server));
    ws.read_message_max(limits.wsMaxMessageBytes);
}

} // namespace waddle::cp
