#include "requestframing.h"

#include <algorithm>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <iterator>

namespace waddle::cp {

namespace http = boost::beast::http;

namespace {

FrameRefusal headerTooLarge(const TransportLimits &limits)
{
    return {
        431, QStringLiteral("header_fields_too_large"),
        QStringLiteral("the request line and headers exceed %1 bytes").arg(limits.maxHeaderBytes)};
}

FrameRefusal bodyOverLimit(qint64 bodyLimit)
{
    return {413, QStringLiteral("payload_too_large"),
            QStringLiteral("the request body is over the limit of %1 bytes").arg(bodyLimit)};
}

FrameRefusal badRequest(const QString &message)
{
    return {400, QStringLiteral("bad_request"), message};
}

bool isProtocolError(const boost::beast::error_code &ec)
{
    return ec.category() == http::make_error_code(http::error::bad_version).category() &&
           ec != http::error::end_of_stream && ec != http::error::partial_message;
}

} // namespace

qint64 prepareRequestParser(RequestParser &parser, const TransportLimits &limits,
                            qint64 largestRouteLimit)
{
    parser.header_limit(static_cast<std::uint32_t>(limits.maxHeaderBytes));
    const qint64 bodyLimit = std::max(limits.maxBodyBytes, largestRouteLimit);
    parser.body_limit(static_cast<std::uint64_t>(bodyLimit));
    return bodyLimit;
}

std::optional<FrameRefusal> checkRequestHead(const RequestParser &parser, std::size_t headerBytes,
                                             const TransportLimits &limits)
{
    if (headerBytes > limits.maxHeaderBytes)
        return headerTooLarge(limits);
    const BeastRequest &request = parser.get();
    if (fieldCount(request) > static_cast<std::size_t>(limits.maxHeaderFields)) {
        return FrameRefusal{
            431, QStringLiteral("header_fields_too_large"),
            QStringLiteral("more than %1 header fields").arg(limits.maxHeaderFields)};
    }
    if (request.version() >= 11 && request.count(http::field::host) != 1)
        return badRequest(QStringLiteral("an HTTP/1.1 request needs exactly one Host header"));
    if (request.count(http::field::authorization) > 1)
        return badRequest(QStringLiteral("more than one Authorization header"));
    if (request.target().empty() || request.target().front() != '/')
        return badRequest(QStringLiteral("the request target must be a path"));
    return std::nullopt;
}

std::size_t fieldCount(const BeastRequest &request)
{
    return static_cast<std::size_t>(std::distance(request.begin(), request.end()));
}

std::optional<RequestHead> headBeforeTrailer(const RequestParser &parser)
{
    if (!parser.chunked())
        return std::nullopt;
    return parser.get().base();
}

void dropTrailerFields(BeastRequest &request, const std::optional<RequestHead> &head)
{
    if (head)
        request.base() = *head;
}

bool announcesBody(const RequestParser &parser)
{
    const auto length = parser.content_length();
    return (length && *length > 0) || parser.chunked();
}

std::optional<FrameRefusal> holdBodyTo(RequestParser &parser, qint64 routeLimit)
{
    const auto length = parser.content_length();
    if (length && *length > static_cast<std::uint64_t>(routeLimit))
        return bodyOverLimit(routeLimit);
    parser.body_limit(static_cast<std::uint64_t>(routeLimit));
    return std::nullopt;
}

std::optional<FrameRefusal> refusalOfReadError(const boost::beast::error_code &ec,
                                               const TransportLimits &limits, qint64 bodyLimit)
{
    if (ec == http::error::header_limit)
        return headerTooLarge(limits);
    if (ec == http::error::body_limit)
        return bodyOverLimit(bodyLimit);
    if (isProtocolError(ec)) {
        return badRequest(
            QStringLiteral("malformed HTTP request: %1").arg(QString::fromStdString(ec.message())));
    }
    return std::nullopt;
}

UpgradeAsk upgradeAsked(const BeastRequest &request, std::string_view eventsPath)
{
    if (request.count(http::field::upgrade) == 0 || pathOf(request.target()) != eventsPath)
        return UpgradeAsk::None;
    return boost::beast::websocket::is_upgrade(request) ? UpgradeAsk::EventStream
                                                        : UpgradeAsk::Malformed;
}

FrameRefusal malformedUpgrade()
{
    return badRequest(QStringLiteral("a WebSocket upgrade needs \"Connection: Upgrade\", "
                                     "\"Upgrade: websocket\" and GET"));
}

std::string_view pathOf(std::string_view target)
{
    return target.substr(0, target.find('?'));
}

} // namespace waddle::cp
